"""A project on disk: mkdocs.yml beside docs/ and scenarios/. Loads and checks everything."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .checks import Context, run_checks
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


def check_project(project: Project, today: datetime.date | None = None) -> CheckResult:
    """Load every file, run every check, scan every page's embeds; never raises on content."""
    found: list[Diagnostic] = []
    items = []
    for path in find_sources(project.scenarios_dir):
        item = load_file(path, project.display(path), found)
        if item is not None:
            items.append(item)
    ctx = Context(root=project.root, today=today or datetime.date.today())
    found.extend(run_checks(items, ctx))
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
