"""`build.py serve`: build into a private folder, serve it, rebuild when sources change."""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..check.run import run_check
from ..load.project import Project
from .errors import BuildFailed
from .site import build_site

POLL_SECONDS = 0.5


def _snapshot(project: Project) -> dict[Path, float]:
    """Modification times of every source: polling needs no extra dependency."""
    times = {project.config_file: _mtime(project.config_file)}
    for folder in (project.docs_dir, project.scenarios_dir):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    times[path] = _mtime(path)
    return times


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _rebuild(project: Project, site_dir: Path, site_url: str, strict: bool) -> None:
    result, failed = run_check(project, strict, "plain")
    if failed:
        print("serve: not rebuilt; fix the errors above (the last good site is still served).", file=sys.stderr)
        return
    try:
        build_site(project, result.items, site_dir, site_url, estimates=result.estimates)
        print(f"serve: rebuilt at {time.strftime('%H:%M:%S')}", file=sys.stderr)
    except BuildFailed as exc:
        print(f"serve: the site engine failed: {exc}", file=sys.stderr)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, site_dir: Path, **kwargs) -> None:
        self.site_dir = site_dir
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def translate_path(self, path: str) -> str:
        # Resolve against the current site folder: a rebuild swaps it in place.
        self.directory = str(self.site_dir)
        return super().translate_path(path)

    def log_message(self, format: str, *args) -> None:  # quiet: the trainer watches build messages
        pass


def serve(project: Project, host: str, port: int, strict: bool) -> int:
    site_url = f"http://{host}:{port}/"
    site_dir = Path(tempfile.mkdtemp(prefix="quiz-engine-serve-")) / "site"
    _rebuild(project, site_dir, site_url, strict)
    handler = functools.partial(_Handler, site_dir=site_dir)
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(f"serve: cannot listen on {host}:{port}: {exc.strerror}. Try --port 8001.", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://{host}:{port}/ (Ctrl+C to stop); watching docs/, scenarios/ and mkdocs.yml", file=sys.stderr)
    before = _snapshot(project)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = _snapshot(project)
            if now != before:
                before = now
                _rebuild(project, site_dir, site_url, strict)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
