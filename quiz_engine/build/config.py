"""mkdocs.yml read as plain YAML, for the build stage and every engine: tags this
build does not interpret (!ENV, !!python/name:...) are kept as written, so a copy
written back for an engine says exactly what the trainer wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..load.diagnostics import Diagnostic
from .errors import BuildFailed


class Tagged:
    """A YAML value with a tag this build does not interpret: kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        with config_file.open(encoding="utf-8") as file:
            config = yaml.load(file, Loader=_Loader)  # noqa: S506  (a SafeLoader that keeps unknown tags as data)
    except yaml.YAMLError as exc:
        raise BuildFailed(f"{config_file.name} cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise BuildFailed(f"{config_file.name} is not a mapping of settings")
    return config


def write_config(config: dict[str, Any], path: Path) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


def plain(value: Any, default: Any) -> Any:
    """`value`, or `default` where it is missing or a tag this build cannot read."""
    return default if value is None or isinstance(value, Tagged) else value


def site_name(config_file: Path) -> str:
    """The module's title (site_name), for the LMS packages."""
    return str(plain(read_config(config_file).get("site_name"), ""))


PREVIEW_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "[::1]"}


def site_url_warning(config_file: Path, display: str) -> Diagnostic | None:
    """A warning when site_url is missing or still a preview address (the default
    module's is the preview's, http://127.0.0.1:8000/): published pages, sitemap and
    learning records would name an address nobody else can open."""
    value = plain(read_config(config_file).get("site_url"), None)
    if value and urlsplit(str(value)).hostname not in {h.strip("[]") for h in PREVIEW_HOSTS}:
        return None
    line = next(
        (
            n
            for n, text in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1)
            if text.startswith("site_url:")
        ),
        1,
    )
    what = f"site_url is still {value}, an address on this computer" if value else "site_url is not set"
    return Diagnostic(
        display,
        line,
        1,
        "warning",
        "default-site-url",
        f"{what}; set it in mkdocs.yml to the address the module is published at "
        "(e.g. https://www.example.org/training/baby-k/), or build with --site-url.",
    )
