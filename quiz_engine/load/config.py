"""mkdocs.yml read in two ways, for the stages after this one:

- `read_config`: as written, tags we do not interpret (!ENV, !!python/name:...)
  kept as they are, so a copy written back for an engine (Zensical) says exactly
  what the trainer wrote;
- `settings`: as MkDocs reads it (!ENV resolved, an INHERIT parent merged in), for
  the values the check and build stages use (title, module settings, theme).

Nothing here imports a site engine; a broken file is a ConfigError with a message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import mergedeep
import yaml
import yaml_env_tag


class ConfigError(Exception):
    """mkdocs.yml cannot be read, or a setting has the wrong shape; the message says which."""


class Tagged:
    """A YAML value with a tag this build does not interpret: kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _SettingsLoader(_Loader):
    """!ENV resolved as MkDocs resolves it; other tags kept."""


_SettingsLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


_parsed: dict[tuple, dict[str, Any]] = {}  # by file, loader and file stamp: one build reads mkdocs.yml several times


def _load(config_file: Path, loader: type[yaml.SafeLoader]) -> dict[str, Any]:
    try:
        status = config_file.stat()
    except OSError as exc:
        raise ConfigError(f"{config_file.name} cannot be read: {exc}") from None
    key = (config_file, loader, status.st_mtime_ns, status.st_size)
    if key not in _parsed:
        _parsed[key] = _parse(config_file, loader)
    return copy.deepcopy(_parsed[key])  # callers merge into what they are given


def _parse(config_file: Path, loader: type[yaml.SafeLoader]) -> dict[str, Any]:
    try:
        with config_file.open(encoding="utf-8") as file:
            config = yaml.load(file, Loader=loader)  # noqa: S506  (SafeLoaders that keep unknown tags as data)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"{config_file.name} cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{config_file.name} is not a mapping of settings")
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
            raise ConfigError(f"{config_file.name}: INHERIT names {parent}, which does not exist")
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
        raise ConfigError(
            f"mkdocs.yml: '{path}' should be a mapping of 'key: value' settings, not {type(value).__name__}"
        )
    return value


def plain(value: Any, default: Any) -> Any:
    """`value`, or `default` where it is missing or a tag this build cannot read."""
    return default if value is None or isinstance(value, Tagged) else value
