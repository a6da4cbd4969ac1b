"""mkdocs.yml for the build stage (read by load/config.py): written back for an engine,
the module's title, and the build's own warning of it. A ConfigError from reading it
becomes a BuildFailed in site.build_site, and a message in cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..load.config import Tagged, plain, settings
from ..load.diagnostics import Diagnostic


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent_tagged)


def write_config(config: dict[str, Any], path: Path) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


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
