"""Preload hints: on a page with a player, the browser fetches all of the player's code
and stylesheets at once, instead of finding each file only when the one before it has run
(elements.js, then scenario-player.js, then dom.js...: three round trips before the first
screen is drawn). elements.js stays the one place that says which files an element needs."""

from __future__ import annotations

import re
from pathlib import Path

RUNTIME_DIR = Path(__file__).parents[1] / "runtime"
# "scenario-player": { module: "./scenario-player.js", styles: ["players.css"] },
_ELEMENT = re.compile(r'"([a-z]+-[a-z-]+)":\s*\{\s*module:\s*"\./([\w.-]+\.js)",\s*styles:\s*\[([^\]]*)\]')
# import { h } from "./dom.js";  import "./lms-storage.js";  (not import("...") at run time)
_STATIC_IMPORT = re.compile(r'^import\s+(?:[^;]*?\s+from\s+)?"\./([\w.-]+\.js)"', re.MULTILINE)


def _imports(name: str, seen: list[str]) -> list[str]:
    if name not in seen:
        seen.append(name)
        for imported in _STATIC_IMPORT.findall((RUNTIME_DIR / name).read_text(encoding="utf-8")):
            _imports(imported, seen)
    return seen


def element_files() -> dict[str, dict[str, list[str]]]:
    """Each element's tag: its modules (static imports included) and stylesheets, as file names."""
    source = (RUNTIME_DIR / "elements.js").read_text(encoding="utf-8")
    return {
        tag: {"modules": _imports(module, []), "styles": re.findall(r'"([\w.-]+\.css)"', styles)}
        for tag, module, styles in _ELEMENT.findall(source)
    }


def preload_hints(runtime_url: str) -> dict[str, list[str]]:
    """Each element's tag: the site paths of its files, modules first, for the theme's <head>."""
    return {
        tag: [f"{runtime_url}/{name}" for name in (*files["modules"], *files["styles"])]
        for tag, files in element_files().items()
    }
