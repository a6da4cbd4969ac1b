"""Build stage, second engine: the same staged docs built by Zensical instead of MkDocs.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml and runs
Python-Markdown extensions, but runs no MkDocs hooks or plugin events. So
everything the MkDocs build adds in Python is written into the staging folder
instead: the generated pages, runtime, module.json and pre-rendered players
(staging.py), a copy of mkdocs.yml that names our embed extension
(`quiz_engine.render.embeds`, given the players as a JSON file), our
template additions as `theme.custom_dir`, and the runtime's CSS and JS.
Zensical runs in its own virtual environment (requirements-zensical.txt); it
only needs `quiz_engine` on its Python path to import the extension.

`build.py build --engine zensical` (or `extra.engine: zensical`) uses this;
site.build_site moves the result into place exactly as it does for MkDocs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ...load.config import plain
from ...load.glossary import EXTENSION as GLOSSARY_EXTENSION
from ...load.glossary import GLOSSARY_FILE
from ...load.project import Project
from ...render.pages import expand_nav
from ..config import write_config
from ..errors import BuildFailed
from ..markup import fix_site
from ..staging import (
    PRELOADS_KEY,
    THEME_DIR,
    Staged,
    maps_not_in_nav,
    runtime_preloads,
    runtime_scripts,
    runtime_styles,
)

TOOL_ROOT = Path(__file__).resolve().parents[3]  # the folder that holds quiz_engine/
VENV = ".venv-zensical"  # made by `make zensical` from requirements-zensical.txt
# MkDocs' own default when mkdocs.yml lists no extensions (Zensical's default is a longer list).
MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]
EMBED_EXTENSION = "quiz_engine.render.embeds"


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


def _glossary_file_absolute(extensions: Any, root: Path) -> Any:
    """The glossary extension's `file` is relative to mkdocs.yml; Zensical runs in the staging folder."""

    def fixed(name: str, options: Any) -> Any:
        if name != GLOSSARY_EXTENSION:
            return options
        options = dict(plain(options, {}) or {})
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


def staged_config(staged: Staged, embeds: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, pointed at the staged docs, with our extension, templates and runtime."""
    project, items, staging, site_url = staged.project, staged.items, staged.folder, staged.site_url
    config = {**staged.config, **staged.overrides}
    config.pop("hooks", None)  # Zensical ignores them; they are MkDocs Python
    config.pop("INHERIT", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    if site_url:
        config["site_url"] = site_url
    elif config.get("site_url") == "":  # no address (an LMS package): Zensical wants the key left out
        del config["site_url"]
    config["nav"] = expand_nav(config.get("nav"), items)
    if config["nav"] is None:
        del config["nav"]  # Zensical builds it from the folders, as MkDocs does
        config["not_in_nav"] = "\n".join([*str(plain(config.get("not_in_nav"), "")).splitlines(), *maps_not_in_nav()])

    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    overrides = staging / "overrides"
    shutil.copytree(THEME_DIR, overrides)
    if theme.get("custom_dir"):  # the project's own overrides win over ours, as under MkDocs
        shutil.copytree(project.root / str(theme["custom_dir"]), overrides, dirs_exist_ok=True)
    theme["custom_dir"] = "overrides"
    theme.setdefault("variant", "classic")  # the look of Material for MkDocs, which our CSS was written for
    config["theme"] = theme

    ours = {EMBED_EXTENSION: {"data": str(embeds)}}
    extensions = _glossary_file_absolute(config.get("markdown_extensions"), project.root)
    if extensions is None:
        config["markdown_extensions"] = [*MKDOCS_DEFAULT_EXTENSIONS, ours]
    elif isinstance(extensions, dict):
        config["markdown_extensions"] = {**extensions, **ours}
    else:
        config["markdown_extensions"] = [*extensions, ours]
    config["extra_css"] = [*plain(config.get("extra_css"), []), *runtime_styles()]
    config["extra"] = {**plain(config.get("extra"), {}), PRELOADS_KEY: runtime_preloads()}
    config["extra_javascript"] = [
        *plain(config.get("extra_javascript"), []),
        *({"path": path, "type": "module"} for path in runtime_scripts()),
    ]
    return config


def build(staged: Staged) -> None:
    """Write the players and the config into the staging folder, then `zensical build` into `staged.site_dir`."""
    embeds = staged.folder / "embeds.json"
    embeds.write_text(json.dumps(staged.rendered.elements(), ensure_ascii=False), encoding="utf-8")
    config_file = staged.folder / "mkdocs.yml"
    write_config(staged_config(staged, embeds), config_file)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TOOL_ROOT), env.get("PYTHONPATH")) if p)
    command = [*zensical_command(staged.project), "build", "--clean", "-f", str(config_file)]
    try:
        result = subprocess.run(command, cwd=staged.folder, env=env, capture_output=True, text=True)
    except OSError as exc:
        raise BuildFailed(f"cannot run {command[0]}: {exc.strerror}") from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (staged.site_dir / "index.html").is_file():
        raise BuildFailed(f"zensical build failed (exit {result.returncode}):\n{output[-4000:]}")
    fix_site(staged.site_dir)  # the theme's toggles as buttons (markup.py)
