"""Compile trainers' scenarios and quizzes (YAML) and briefing pages (Markdown)
into a static training site. The stages are the subpackages, each importing only
those before it: load -> check -> render -> build; runtime/ is the browser's part.

The public names below are imported when first used, so a site engine that loads
one of our Markdown extensions by name (Zensical, in its own environment) imports
only that extension's stage."""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "CheckResult": "quiz_engine.check.run",
    "check_project": "quiz_engine.check.run",
    "Diagnostic": "quiz_engine.load.diagnostics",
    "Project": "quiz_engine.load.project",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'quiz_engine' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
