"""The builds of `build.py serve`: check, then bring the served site up to date; a build
with errors keeps the last good site and keeps its errors for the overlay.

Fast after the first build: the check loads again only the files that changed
(check/cache.py), the items that did not change keep their rendered data and maps
(render/memo.py), and MkDocs renders again only the pages whose staged file changed or
that embed a changed item (incremental.py). Where that leaves other pages' navigation out
of date (a new title, a page added or removed), a full build runs in another process and
replaces the site when it is done (background.py). The first build, a change of settings
(mkdocs.yml and the files it names) and any other engine than MkDocs build the whole site."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..check.cache import FileCache
from ..check.run import run_check
from ..load import model
from ..load.config import ConfigError
from ..load.diagnostics import Diagnostic
from ..load.project import Project
from ..render import memo
from .background import BackgroundBuild
from .engine import DEFAULT_ENGINE, load_engine
from .errors import BuildFailed
from .incremental import mark_embedding_pages, merge_search_index, page_url, read_search_index, sync_tree
from .live_server import error_data
from .staging import Staged, stage
from .swap import swap_into_place

YAML_PLACE = re.compile(r"line (\d+), column (\d+)")
YAML = (".yml", ".yaml")  # scenarios and quizzes: the check's cache sees their changes
INCREMENTAL_ENGINE = "mkdocs"
# Each build stages the whole docs, then copies what changed: in memory where there is such a folder.
FAST_TEMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None  # the engine with a dirty build


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns at every dirty build that other pages' navigation may be out of date: we see to that."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class LiveBuild:
    def __init__(
        self, project: Project, folder: Path, site_url: str, strict: bool, inputs: Callable[[], Iterable[Path]]
    ) -> None:
        self.project = project
        self.folder = folder  # serve's own: the served site, the staged docs, scratch folders
        folder.mkdir(parents=True, exist_ok=True)
        self.site_dir = folder / "site"
        self.docs = folder / "docs"
        self.site_url = site_url
        self.strict = strict
        self.trainers = True  # serve shows the trainers' site (drafts, maps, previews); False: the learners'
        self.inputs = inputs  # the settings files and folders (serve.inputs)
        self.errors: list[Diagnostic] = []
        self.after_build: Callable[[], None] = lambda: None
        self.request_build: Callable[[], None] = lambda: None  # asks the server for a build (and a reload)
        self._cache = FileCache()
        self._settings: dict[Path, tuple[int, int]] | None = None
        self._items: dict[tuple[str, str], model.Item] = {}
        self._whole_site_needed = True
        self._navigation_stale = False  # pages not rebuilt show an old navigation until a full build
        self._background: BackgroundBuild | None = None
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())

    def error_data(self) -> list[dict]:
        return error_data(self.errors)

    def build(self) -> None:
        """One build; never raises on content (the server would stop reloading pages)."""
        started = time.perf_counter()
        try:
            self.errors, what = self._build()
        except (BuildFailed, ConfigError, OSError) as exc:
            self._whole_site_needed = True
            self.errors, what = [self._engine_error(str(exc))], ""
        except Exception as exc:  # a bug of ours: said in one line and over the page, and serve goes on
            self._whole_site_needed = True
            self.errors, what = [self._engine_error(f"unexpected {type(exc).__name__}: {exc} (please report it)")], ""
        if self.errors:
            message = "not rebuilt; fix the errors above (the last good site is still served, with them over it)."
            print(f"serve: {message}", file=sys.stderr)
        elif what:
            seconds = time.perf_counter() - started
            print(f"serve: {what} ({seconds:.1f} s, at {time.strftime('%H:%M:%S')})", file=sys.stderr)
        self.after_build()

    def stop(self) -> None:
        if self._background is not None:
            self._background.stop()
        memo.stop()

    def _build(self) -> tuple[list[Diagnostic], str]:
        swapped = self._take_background_site()
        settings = self._settings_stamps()
        if settings != self._settings:  # every page may change: start again from nothing
            self._settings, self._whole_site_needed = settings, True
            self._cache.clear()
            memo.start()
        result, failed = run_check(self.project, self.strict, "plain", cache=self._cache)
        if failed:
            return [d for d in result.diagnostics if d.severity == "error" or self.strict], ""
        memo.keep_only(result.items)
        scratch = Path(tempfile.mkdtemp(prefix="quiz-engine-stage-", dir=FAST_TEMP))
        try:
            staged = stage(self.project, result.items, scratch, self.site_url, False, result.estimates, self.trainers)
            return [], self._update_site(staged, result.items) or swapped
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _update_site(self, staged: Staged, items: list[model.Item]) -> str:
        changes = sync_tree(staged.docs, self.docs)
        now = {(item.kind, item.id): item for item in items}
        changed_items = {key for key, item in now.items() if self._items.get(key) is not item}
        mark_embedding_pages(self.docs, changed_items, changes)
        engine_name = staged.engine_name or DEFAULT_ENGINE
        engine = load_engine(engine_name)
        staged = dataclasses.replace(staged, docs=self.docs)
        if self._whole_site_needed or engine_name != INCREMENTAL_ENGINE or not self.site_dir.is_dir():
            self._stop_background()
            built = Path(tempfile.mkdtemp(prefix="site-", dir=self.folder))  # beside the site: swapped in one step
            try:
                engine.build(dataclasses.replace(staged, site_dir=built / "site"))
                swap_into_place(built / "site", self.site_dir, built)
            finally:
                shutil.rmtree(built, ignore_errors=True)
            self._items, self._whole_site_needed, self._navigation_stale = now, False, False
            return "built the whole site"
        if not changes:
            self._items = now
            return ""
        self._stop_background()  # it builds what is now out of date
        search_index = read_search_index(self.site_dir)
        self._whole_site_needed = True  # until the dirty build is through: a half-written site is rebuilt whole
        engine.build(dataclasses.replace(staged, site_dir=self.site_dir, dirty=True))
        pages = {rel for rel in changes.changed | changes.added if rel.endswith(".md")}
        merge_search_index(self.site_dir, search_index, {page_url(rel) for rel in pages})
        self._items, self._whole_site_needed = now, False
        self._navigation_stale = self._navigation_stale or changes.navigation
        if self._navigation_stale:  # (again: a build that was running is out of date)
            self._start_background()
        note = (
            "; the other pages' navigation follows from a full build in the background"
            if self._navigation_stale
            else ""
        )
        return f"rebuilt {len(pages)} page{'s' if len(pages) != 1 else ''}{note}"

    def _start_background(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="full-", dir=self.folder))
        config = self.project.config_file
        self._background = BackgroundBuild(config, folder, self.site_url, self.trainers, self._background_done)

    def _background_done(self) -> None:
        """Put the full build in place now, unless the errors are on the pages: a reload would
        show them again after the trainer closed them; it goes in place at the next build."""
        if not self.errors:
            self.request_build()

    def _stop_background(self) -> None:
        if self._background is not None:
            self._background.stop(wait=False)  # (not on the way to the edited page)
            self._background = None

    def _take_background_site(self) -> str:
        """The background build's site in place of the served one, if it has finished well."""
        background = self._background
        if background is None or not background.finished():
            return ""
        self._background = None
        if not background.succeeded():
            print(f"serve: the full build in the background failed:\n{background.errors.strip()}", file=sys.stderr)
            self._whole_site_needed = True
            return ""
        swap_into_place(background.site_dir, self.site_dir, background.folder)
        self._navigation_stale = False
        shutil.rmtree(background.folder, ignore_errors=True)
        return "the whole site's navigation brought up to date"

    def _settings_stamps(self) -> dict[Path, tuple[int, int] | None]:
        """Modification times of what every page may depend on: the settings files (mkdocs.yml,
        its INHERIT parents, the glossary), the theme's custom_dir, and the scenarios' images."""
        files: list[Path] = []
        for path in self.inputs():
            if path.is_file():
                files.append(path)
            elif path.is_dir() and path != self.project.docs_dir:
                scenarios = path == self.project.scenarios_dir
                files += [p for p in path.rglob("*") if p.is_file() and not (scenarios and p.suffix in YAML)]
        return {file: _stamp(file) for file in files}

    def _engine_error(self, message: str) -> Diagnostic:
        print(f"serve: the site engine failed: {message}", file=sys.stderr)
        where = YAML_PLACE.search(message)  # PyYAML's words for where mkdocs.yml is broken
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        return Diagnostic(self.project.display(self.project.config_file), line, col, "error", "build-failed", message)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
