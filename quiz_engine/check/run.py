"""Check stage, the project-wide run: load and check every file (on every core), the
checks across files, the embeds of every page, and the glossary file; print the result."""

from __future__ import annotations

import contextlib
import datetime
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..load import model
from ..load.diagnostics import Diagnostic, Reporter, has_errors, sorted_diagnostics
from ..load.embeds import scan
from ..load.files import find_sources, load_file
from ..load.glossary import glossary_file, load_glossary, old_extension_names
from ..load.project import Project
from ..load.suggest import did_you_mean
from ..load.yaml_source import read_yaml
from .cache import FileCache
from .context import Context
from .module_settings import check_cpd_minutes, check_pathways
from .placeholders import check_placeholders
from .publishing import check_draft_embeds, check_themes, module_themes, publishing_notes
from .rules import check_and_estimate, check_duplicate_ids
from .source_copies import check_source_copies


@dataclass
class CheckResult:
    items: list[model.Item] = field(default_factory=list)  # outlines only, if checked with keep_model=False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    estimates: dict[tuple[str, str], float | None] = field(default_factory=dict)  # (kind, id): seconds
    notes: list[Diagnostic] = field(default_factory=list)  # severity "info": drafts, newly required files

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


PARALLEL_FROM = 40  # files; below this, starting a worker process costs more than it saves
CHUNK = 4  # files sent to a worker at a time: small enough to share the files out evenly
MAX_PROCESSES = 4  # this one and up to three workers


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while files are loaded and checked.

    Loading builds about a million small objects and keeps many of them (the model); each
    collection walks all the objects kept so far, so with the collector on, checking the
    benchmark module took twice the CPU time. Loading makes no reference cycles (but for a
    file with a recursive alias), so nothing is left waiting for the collector.

    Re-enabled as it is, the collector would walk all those objects at once at the next
    allocation (0.2 s at the benchmark's full size) to move them to an older generation.
    gc.freeze() then gc.unfreeze() moves every object to the oldest generation without
    walking them (two list splices): where the model would have been after two collections
    anyway, and where the next full collection finds any cycle among them. Skipped if the
    program has frozen objects of its own, which unfreeze() would let go.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def outline(item: model.Item) -> model.Item:
    """The item without its content: what the checks across files and the summary read."""
    at = {"id": item.where("id"), "draft": item.where("draft")}
    return type(item)(
        pos=item.pos, at=at, path=item.path, id=item.id, title=item.title, duration=item.duration, draft=item.draft
    )


Checked = tuple[model.Item | None, list[Diagnostic], float | None]  # the item, its problems, its seconds


def _load_and_check(path: Path, display: str, ctx: Context, keep_model: bool) -> Checked:
    found: list[Diagnostic] = []
    seconds = None
    item = load_file(path, display, found)
    if item is not None:
        diagnostics, seconds = check_and_estimate(item, ctx)
        found.extend(diagnostics)
        found.extend(check_themes(item, ctx))
        if not keep_model:
            item = outline(item)
    return item, found, seconds


def _load_and_check_files(jobs: list[tuple[Path, str]], ctx: Context, keep_model: bool) -> list[Checked]:
    with _gc_paused():
        return [_load_and_check(path, display, ctx, keep_model) for path, display in jobs]


def _processes() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))  # the cores this process may use, not all the machine's
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(cpus, MAX_PROCESSES)


def _start_method() -> multiprocessing.context.BaseContext | None:
    """Fork where it is safe: workers then start with everything imported, in a few ms
    (spawned or forkserver workers import quiz_engine first, about 0.25 s of CPU each).
    With other threads running (serve's web server) the platform's default is used."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _load_and_check_all(jobs: list[tuple[Path, str]], ctx: Context, keep_model: bool) -> list[Checked]:
    """Files are independent until the cross-file checks: load and check them on every core.

    This process works too: workers take chunks of files from the front, this process takes
    them from the back (cancelling what no worker has started yet), so no core waits while
    another has work left, and only the workers' share of the model is pickled back (none of
    it without keep_model: pickling it cost about a fifth of the CPU of a check).
    """
    processes = _processes()
    if len(jobs) < PARALLEL_FROM or processes < 2:
        return _load_and_check_files(jobs, ctx, keep_model)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    results: list[list[Checked] | None] = [None] * len(chunks)
    with ProcessPoolExecutor(processes - 1, mp_context=_start_method(), initializer=gc.disable) as pool:
        futures = [pool.submit(_load_and_check_files, chunk, ctx, keep_model) for chunk in chunks]
        for i in reversed(range(len(chunks))):
            if not futures[i].cancel():
                break  # a worker has it; workers take chunks in order, so they have all before it too
            results[i] = _load_and_check_files(chunks[i], ctx, keep_model)
        for i, future in enumerate(futures):
            if results[i] is None:
                results[i] = future.result()
    return [result for chunk in results for result in chunk or []]


def check_project(
    project: Project, today: datetime.date | None = None, keep_model: bool = True, cache: FileCache | None = None
) -> CheckResult:
    """Load every file, run every check, scan every page's embeds; never raises on content.

    With keep_model=False (`build.py check`, which renders nothing) the result's items are
    outlines: kind, id, title and path, without their nodes or questions.
    """
    ctx = Context(root=project.root, today=today or datetime.date.today(), themes=module_themes(project))
    paths = find_sources(project.scenarios_dir)
    jobs = [(path, project.display(path)) for path in paths]
    with _gc_paused():
        if cache is None:
            results = _load_and_check_all(jobs, ctx, keep_model)
        else:  # serve: only the files changed since its last build are loaded and checked again
            results = cache.results(jobs, ctx, keep_model, _load_and_check_all)
        items = [item for item, _, _ in results if item is not None]
        estimates = {(item.kind, item.id): seconds for item, _, seconds in results if item is not None}
        found = [diagnostic for _, diagnostics, _ in results for diagnostic in diagnostics]
        found.extend(check_duplicate_ids(items))
        found.extend(check_embeds(project, items))
        found.extend(check_draft_embeds(project, items))
        found.extend(check_cpd_minutes(project, [i for i in items if not i.draft], estimates))
        found.extend(check_pathways(project, items))
        found.extend(check_placeholders(project))
        found.extend(check_source_copies(project))
        notes = sorted_diagnostics(publishing_notes(project, items))
        return CheckResult(items, sorted_diagnostics(found), estimates, notes)


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


def _print_diagnostics(diagnostics: list[Diagnostic], style: str) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(style), file=sys.stderr if style == "plain" else sys.stdout)


def _summary(result: CheckResult) -> str:
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    scenarios = sum(i.kind == "scenario" for i in result.items)
    quizzes = len(result.items) - scenarios
    files = f"{counted(scenarios, 'scenario')}, {counted(quizzes, 'quiz', 'quizzes')}"
    return f"{files}: {counted(errors, 'error')}, {counted(warnings, 'warning')}"


def counted(number: int, word: str, plural: str = "") -> str:
    """'1 error', '2 errors', '0 errors'."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _glossary_diagnostics(project: Project) -> list[Diagnostic]:
    """Mistakes in mkdocs.yml's layout (the settings read from it would silently go unread) and in
    the glossary file (its terms would silently go unexplained)."""
    found = old_extension_names(project.config_file, project.display(project.config_file))
    if project.config_file.is_file():  # its layout: the settings read from it are taken as they can be read
        read_yaml(project.config_file, Reporter(project.display(project.config_file), found))
    path = glossary_file(project.config_file)
    if path is not None:
        load_glossary(path, project.display(path), found)
    return found


def run_check(
    project: Project, strict: bool, style: str, keep_model: bool = True, cache: FileCache | None = None
) -> tuple[CheckResult, bool]:
    """Check the project and print every diagnostic and a summary; True beside the
    result when it failed (errors, or warnings under `strict`)."""
    result = check_project(project, keep_model=keep_model, cache=cache)
    result.diagnostics = [*_glossary_diagnostics(project), *result.diagnostics]
    _print_diagnostics(result.diagnostics, style)
    _print_diagnostics(result.notes, style)
    failed = has_errors(result.diagnostics, strict)
    print(f"check: {_summary(result)}", file=sys.stderr)
    return result, failed
