"""Check stage: pages that still copy the source briefing's sentences.

`init --briefing FILE` keeps the briefing in the module (`extra.module.source`) and
starts the pages from its words. Published training must say it in its own words,
so every run of 8 or more words that a page shares with the source is a warning
at the run's first word, until it is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..load.config import ConfigError, section, settings
from ..load.diagnostics import Diagnostic
from ..load.project import Project

RUN = 8  # shared words in a row that count as copying
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

Word = tuple[str, int, int]  # the word, its line, its column


def words(text: str) -> Iterator[Word]:
    for number, line in enumerate(text.splitlines(), 1):
        for match in WORD.finditer(line.lower().translate(QUOTES)):
            yield match.group(0), number, match.start() + 1


def shingles(text: str) -> set[tuple[str, ...]]:
    """Every run of RUN words in the text."""
    found = [w for w, _, _ in words(text)]
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def copied_lines(page: str, source: set[tuple[str, ...]]) -> dict[int, tuple[int, int]]:
    """Line -> (column of its first copied word, copied words on it), for each line that
    holds part of a run of RUN or more words the page shares with the source."""
    found = list(words(page))
    copied = [False] * len(found)
    for i in range(len(found) - RUN + 1):
        if tuple(w for w, _, _ in found[i : i + RUN]) in source:
            copied[i : i + RUN] = [True] * RUN
    lines: dict[int, tuple[int, int]] = {}
    for (_, line, col), is_copied in zip(found, copied, strict=True):
        if is_copied:
            first, count = lines.get(line, (col, 0))
            lines[line] = (first, count + 1)
    return lines


def source_files(project: Project) -> list[Path]:
    """`extra.module.source`: one file or a list, relative to mkdocs.yml."""
    try:
        named = section(settings(project.config_file), "extra.module").get("source")
    except ConfigError:
        return []
    named = [named] if isinstance(named, str) else named if isinstance(named, list) else []
    return [project.root / name for name in named if isinstance(name, str)]


def check_source_copies(project: Project) -> list[Diagnostic]:
    source: set[tuple[str, ...]] = set()
    for path in source_files(project):
        try:
            source |= shingles(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue  # a missing source file leaves nothing to compare with
    if not source or not project.docs_dir.is_dir():
        return []
    found = []
    for page in sorted(project.docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        rows = text.splitlines()
        for line, (col, count) in copied_lines(text, source).items():
            start = " ".join(rows[line - 1][col - 1 :].split()[:6])
            found.append(
                Diagnostic(
                    project.display(page),
                    line,
                    col,
                    "warning",
                    "unrewritten-source",
                    f"{count} words from '{start} ...' are copied from the source briefing (runs of {RUN} or "
                    "more words); say it in your own words: published training must not copy the source's sentences.",
                )
            )
    return found
