"""The builds of `build.py serve`: check, then build the site into the served folder; a build
with errors keeps the last good site and keeps its errors for the overlay."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..check.run import run_check
from ..load.config import ConfigError
from ..load.diagnostics import Diagnostic
from ..load.project import Project
from .errors import BuildFailed
from .live_server import error_data
from .site import build_site

YAML_PLACE = re.compile(r"line (\d+), column (\d+)")


class LiveBuild:
    def __init__(self, project: Project, site_dir: Path, site_url: str, strict: bool) -> None:
        self.project = project
        self.site_dir = site_dir
        self.site_url = site_url
        self.strict = strict
        self.errors: list[Diagnostic] = []
        self.after_build: Callable[[], None] = lambda: None

    def error_data(self) -> list[dict]:
        return error_data(self.errors)

    def build(self) -> None:
        """One build; never raises on content (the server would stop reloading pages)."""
        started = time.perf_counter()
        try:
            self.errors = self._build()
        except (BuildFailed, ConfigError) as exc:
            self.errors = [self._engine_error(str(exc))]
        except Exception as exc:  # a bug of ours: said in one line and over the page, and serve goes on
            self.errors = [self._engine_error(f"unexpected {type(exc).__name__}: {exc} (please report this)")]
        if self.errors:
            print(
                "serve: not rebuilt; fix the errors above (the last good site is still served, with them over it).",
                file=sys.stderr,
            )
        else:
            print(f"serve: rebuilt in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        self.after_build()

    def _build(self) -> list[Diagnostic]:
        result, failed = run_check(self.project, self.strict, "plain")
        if failed:
            return [d for d in result.diagnostics if d.severity == "error" or self.strict and d.severity == "warning"]
        build_site(self.project, result.items, self.site_dir, self.site_url, estimates=result.estimates, trainers=True)
        return []

    def _engine_error(self, message: str) -> Diagnostic:
        print(f"serve: the site engine failed: {message}", file=sys.stderr)
        where = YAML_PLACE.search(message)  # PyYAML's words for where mkdocs.yml is broken
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        return Diagnostic(self.project.display(self.project.config_file), line, col, "error", "build-failed", message)
