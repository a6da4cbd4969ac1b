"""mkdocs.yml as the build stage reads it, in two ways:

- `read_config`: as written, tags this build does not interpret (!ENV,
  !!python/name:...) kept as they are, so a copy written back for an engine
  (Zensical) says exactly what the trainer wrote;
- `settings`: as MkDocs reads it (!ENV resolved, an INHERIT parent merged in), for
  the values the build itself uses (title, organisation, module settings, theme).

Nothing here imports a site engine; a broken file is a BuildFailed, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import mergedeep
import yaml
import yaml_env_tag

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


class _SettingsLoader(_Loader):
    """!ENV resolved as MkDocs resolves it; other tags kept."""


_SettingsLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


def _load(config_file: Path, loader: type[yaml.SafeLoader]) -> dict[str, Any]:
    try:
        with config_file.open(encoding="utf-8") as file:
            config = yaml.load(file, Loader=loader)  # noqa: S506  (SafeLoaders that keep unknown tags as data)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise BuildFailed(f"{config_file.name} cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise BuildFailed(f"{config_file.name} is not a mapping of settings")
    return config


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written."""
    return _load(config_file, _Loader)


def settings(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: !ENV resolved, the INHERIT file merged under it."""
    config = _load(config_file, _SettingsLoader)
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_file = config_file.parent / parent
        if not parent_file.is_file():
            raise BuildFailed(f"{config_file.name}: INHERIT names {parent}, which does not exist")
        config = mergedeep.merge(settings(parent_file), config)
    return config


def section(config: dict[str, Any], path: str) -> dict[str, Any]:
    """A mapping of settings such as `extra.module`; empty where it is not set."""
    value: Any = config
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
        if value is None or isinstance(value, Tagged):
            return {}
    if not isinstance(value, dict):
        raise BuildFailed(
            f"mkdocs.yml: '{path}' should be a mapping of 'key: value' settings, not {type(value).__name__}"
        )
    return value


def write_config(config: dict[str, Any], path: Path) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


def plain(value: Any, default: Any) -> Any:
    """`value`, or `default` where it is missing or a tag this build cannot read."""
    return default if value is None or isinstance(value, Tagged) else value


def site_name(config_file: Path) -> str:
    """The module's title (site_name), for the LMS packages."""
    return str(plain(settings(config_file).get("site_name"), ""))


PREVIEW_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "[::1]"}


def site_url_warning(config_file: Path, display: str) -> Diagnostic | None:
    """A warning when site_url is missing or still a preview address (the default
    module's is the preview's, http://127.0.0.1:8000/): published pages and their
    sitemap would name an address nobody else can open. (SCORM packages name no
    address of their own; `scorm` warns as well, since the same mkdocs.yml publishes
    the site beside them.)"""
    value = plain(settings(config_file).get("site_url"), None)
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
