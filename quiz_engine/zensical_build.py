"""Build stage, second engine: the same staged docs built by Zensical instead of MkDocs.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml and runs
Python-Markdown extensions, but runs no MkDocs hooks or plugin events. So
everything the MkDocs build adds in Python is written into the staging folder
instead: the generated pages and runtime (site.stage_docs), module.json and the
pre-rendered players (site.stage_module), a copy of mkdocs.yml that names our
embed extension (`quiz_engine.embeds`, given the players as a JSON file), our
template additions as `theme.custom_dir`, and the runtime's CSS and JS.
Zensical runs in its own virtual environment (requirements-zensical.txt); it
only needs `quiz_engine` on its Python path to import the extension.

`build.py build --engine zensical` uses this; site.build_site moves the result
into place exactly as it does for MkDocs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from . import model
from .glossary import GLOSSARY_FILE, configured_glossary
from .pages import expand_nav
from .preloads import preload_hints
from .project import Project
from .site import (
    PRELOADS_KEY,
    RUNTIME_URL,
    THEME_DIR,
    BuildFailed,
    maps_not_in_nav,
    runtime_scripts,
    runtime_styles,
    stage_module,
)

TOOL_ROOT = Path(__file__).resolve().parents[1]
VENV = ".venv-zensical"  # made by `make zensical` from requirements-zensical.txt
# MkDocs' own default when mkdocs.yml lists no extensions (Zensical's default is a longer list).
MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]


def zensical_command(project: Project) -> list[str]:
    """$ZENSICAL, else .venv-zensical/ beside build.py or beside mkdocs.yml, else `zensical` on PATH."""
    if os.environ.get("ZENSICAL"):
        return [os.environ["ZENSICAL"]]
    for root in (TOOL_ROOT, project.root):
        candidate = root / VENV / "bin" / "zensical"
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("zensical")
    if found:
        return [found]
    raise BuildFailed(
        f"Zensical is not installed: run 'make zensical' (a virtual environment in {VENV}/ "
        "from requirements-zensical.txt), or set ZENSICAL to its 'zensical' command."
    )


class Tagged:
    """A YAML value with a tag this build does not interpret (!ENV, !!python/name:...): kept as written."""

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
    with config_file.open(encoding="utf-8") as file:
        config = yaml.load(file, Loader=_Loader)  # noqa: S506  (a SafeLoader that keeps unknown tags as data)
    if not isinstance(config, dict):
        raise BuildFailed(f"{config_file.name} is not a mapping of settings")
    return config


def _plain(value: Any, default: Any) -> Any:
    return default if value is None or isinstance(value, Tagged) else value


def _glossary_file_absolute(extensions: Any, root: Path) -> Any:
    """The glossary extension's `file` is relative to mkdocs.yml; Zensical runs in the staging folder."""

    def fixed(name: str, options: Any) -> Any:
        if name != "quiz_engine.glossary":
            return options
        options = dict(_plain(options, {}) or {})
        options["file"] = str(root / str(options.get("file") or GLOSSARY_FILE))
        return options

    if isinstance(extensions, dict):
        return {name: fixed(name, options) for name, options in extensions.items()}
    if isinstance(extensions, list):
        return [
            {name: fixed(name, options) for name, options in e.items()} if isinstance(e, dict) else e
            for e in extensions
        ]
    return extensions


def staged_config(
    project: Project, items: list[model.Item], staging: Path, embeds: Path, site_url: str | None
) -> dict[str, Any]:
    """The project's mkdocs.yml, pointed at the staged docs, with our extension, templates and runtime."""
    config = read_config(project.config_file)
    config.pop("hooks", None)  # Zensical ignores them; they are MkDocs Python
    config.pop("INHERIT", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    if site_url:
        config["site_url"] = site_url
    config["nav"] = expand_nav(config.get("nav"), items)
    if config["nav"] is None:
        del config["nav"]  # Zensical builds it from the folders, as MkDocs does
        config["not_in_nav"] = "\n".join([*str(_plain(config.get("not_in_nav"), "")).splitlines(), *maps_not_in_nav()])

    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    overrides = staging / "overrides"
    shutil.copytree(THEME_DIR, overrides)
    if theme.get("custom_dir"):  # the project's own overrides win over ours, as under MkDocs
        shutil.copytree(project.root / str(theme["custom_dir"]), overrides, dirs_exist_ok=True)
    theme["custom_dir"] = "overrides"
    theme.setdefault("variant", "classic")  # the look of Material for MkDocs, which our CSS was written for
    config["theme"] = theme

    ours = {"quiz_engine.embeds": {"data": str(embeds)}}
    extensions = _glossary_file_absolute(config.get("markdown_extensions"), project.root)
    if extensions is None:
        config["markdown_extensions"] = [*MKDOCS_DEFAULT_EXTENSIONS, ours]
    elif isinstance(extensions, dict):
        config["markdown_extensions"] = {**extensions, **ours}
    else:
        config["markdown_extensions"] = [*extensions, ours]
    config["extra_css"] = [*_plain(config.get("extra_css"), []), *runtime_styles()]
    config["extra"] = {**_plain(config.get("extra"), {}), PRELOADS_KEY: preload_hints(RUNTIME_URL)}
    config["extra_javascript"] = [
        *_plain(config.get("extra_javascript"), []),
        *({"path": path, "type": "module"} for path in runtime_scripts()),
    ]
    return config


def run_zensical(
    project: Project, items: list[model.Item], staging: Path, docs: Path, built: Path, site_url: str | None
) -> None:
    """Write module.json, the players and the config into `staging`, then `zensical build` into `built`."""
    raw = read_config(project.config_file)
    extra = _plain(raw.get("extra"), {})
    branding = _plain(extra.get("branding"), {})
    rendered = stage_module(
        docs,
        items,
        str(raw.get("site_name") or ""),
        branding.get("organisation"),
        _plain(extra.get("module"), {}),
        bool(_plain(raw.get("use_directory_urls"), True)),
        configured_glossary(project.config_file),
    )
    embeds = staging / "embeds.json"
    embeds.write_text(json.dumps(rendered.elements(), ensure_ascii=False), encoding="utf-8")
    config_file = staging / "mkdocs.yml"
    config = staged_config(project, items, staging, embeds, site_url)
    config_file.write_text(
        yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TOOL_ROOT), env.get("PYTHONPATH")) if p)
    command = [*zensical_command(project), "build", "--clean", "-f", str(config_file)]
    try:
        result = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True)
    except OSError as exc:
        raise BuildFailed(f"cannot run {command[0]}: {exc.strerror}") from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (built / "index.html").is_file():
        raise BuildFailed(f"zensical build failed (exit {result.returncode}):\n{output[-4000:]}")
