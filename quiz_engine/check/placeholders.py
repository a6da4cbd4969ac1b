"""Check stage: settings and pages that still hold a placeholder of `init`.

`quiz-engine init` writes a module whose settings and pages say what to fill in,
each as `[[what to write here]]`. Every one left is a warning at its line and
column, so `check --strict` passes only once the partnership's own details are in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..load.diagnostics import Diagnostic
from ..load.glossary import glossary_file
from ..load.project import Project
from .cache import Stamp, file_stamp

CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
PLACEHOLDER = re.compile(r"\[\[([^\[\]\n]*?[^\s\[\]][^\[\]\n]*?)\]\]")  # [[ ]] holds nothing to fill


def placeholders_in(path: Path, display: str) -> list[Diagnostic]:
    """One warning for each `[[...]]` left in the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # unreadable files are reported by the checks that read them
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        # In `code` a placeholder is shown, not left to fill (the trainers' guide names them so).
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in PLACEHOLDER.finditer(line):
            found.append(
                Diagnostic(
                    display,
                    number,
                    match.start() + 1,
                    "warning",
                    "placeholder",
                    f"still a placeholder: replace {match.group(0)} with {match.group(1).strip()}, "
                    "then delete the brackets.",
                )
            )
    return found


def files_to_fill(project: Project) -> Iterable[Path]:
    """mkdocs.yml, the glossary and every Markdown page: where `init` leaves placeholders."""
    yield project.config_file
    glossary = glossary_file(project.config_file)
    if glossary is not None and glossary.is_file():
        yield glossary
    if project.docs_dir.is_dir():
        yield from sorted(project.docs_dir.rglob("*.md"))


def check_placeholders(project: Project) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for path in files_to_fill(project):
        found.extend(_kept_placeholders(path, project))
    return found


def _kept_placeholders(path: Path, project: Project) -> list[Diagnostic]:
    """A file's warnings, worked out again only when it has changed: `build.py serve` checks
    after every edit, and a module has a thousand pages."""
    stamp = file_stamp(path)
    kept = _kept.get((project.root, path))
    if kept is None or kept[0] != stamp:
        kept = _kept[project.root, path] = (stamp, placeholders_in(path, project.display(path)))
    return kept[1]


_kept: dict[tuple[Path, Path], tuple[Stamp | None, list[Diagnostic]]] = {}
