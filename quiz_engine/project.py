"""A project on disk: mkdocs.yml beside docs/ and scenarios/. Loads and checks everything."""

from __future__ import annotations

import datetime
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .checks import Context, check_duplicate_ids, check_item
from .diagnostics import Diagnostic, sorted_diagnostics
from .embeds import scan
from .loading import find_sources, load_file
from .suggest import did_you_mean


@dataclass
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    scenarios_dir: Path

    @classmethod
    def at(cls, config_file: Path) -> Project:
        config_file = config_file.resolve()
        root = config_file.parent
        return cls(root, config_file, root / "docs", root / "scenarios")

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class CheckResult:
    items: list[model.Item] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


PARALLEL_FROM = 40  # files; below this, starting worker processes costs more than it saves


def _load_and_check(path: Path, display: str, ctx: Context) -> tuple[model.Item | None, list[Diagnostic]]:
    found: list[Diagnostic] = []
    item = load_file(path, display, found)
    if item is not None:
        found.extend(check_item(item, ctx))
    return item, found


def check_project(project: Project, today: datetime.date | None = None) -> CheckResult:
    """Load every file, run every check, scan every page's embeds; never raises on content."""
    ctx = Context(root=project.root, today=today or datetime.date.today())
    paths = find_sources(project.scenarios_dir)
    displays = [project.display(path) for path in paths]
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) >= PARALLEL_FROM and workers > 1:
        # Files are independent until the cross-file checks below: load and check them on every core.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_load_and_check, paths, displays, [ctx] * len(paths), chunksize=8))
    else:
        results = [_load_and_check(path, display, ctx) for path, display in zip(paths, displays)]
    items = [item for item, _ in results if item is not None]
    found = [diagnostic for _, diagnostics in results for diagnostic in diagnostics]
    found.extend(check_duplicate_ids(items))
    found.extend(check_embeds(project, items))
    return CheckResult(items, sorted_diagnostics(found))


def check_embeds(project: Project, items: list[model.Item]) -> list[Diagnostic]:
    ids = {kind: {i.id for i in items if i.kind == kind} for kind in ("scenario", "quiz")}
    found = []
    pages = sorted(project.docs_dir.rglob("*.md")) if project.docs_dir.is_dir() else []
    for page in pages:
        for embed in scan(page):
            if embed.id in ids[embed.kind]:
                continue
            other = "quiz" if embed.kind == "scenario" else "scenario"
            hint = (
                f" '{embed.id}' is a {other}: write '/// {other} | {embed.id}'."
                if embed.id in ids[other]
                else did_you_mean(embed.id, ids[embed.kind])
                or f" Known {embed.kind} ids: {', '.join(sorted(ids[embed.kind])) or 'none'}."
            )
            found.append(
                Diagnostic(
                    project.display(page),
                    embed.line,
                    1,
                    "error",
                    "unknown-embed",
                    f"the page embeds {embed.kind} '{embed.id}', but no file in scenarios/ defines it.{hint}",
                )  # fmt: skip
            )
    return found
