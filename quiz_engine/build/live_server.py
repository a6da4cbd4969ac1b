"""`build.py serve`'s web server: MkDocs' own live-reload server (what `mkdocs serve` uses:
file watching, a reload script injected into every served page, long-poll reload), with one
addition: the last build's errors, which an injected script shows over the page."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..load.diagnostics import Diagnostic
from .preloads import RUNTIME_DIR

DEV_URL = "/.quiz-engine-serve/"  # outside any site's own paths; served from memory and runtime/dev/
DEV_FILES = RUNTIME_DIR / "dev"
OVERLAY_TAG = f'<script type="module" src="{DEV_URL}overlay.js"></script>'.encode()


def error_data(diagnostics: Iterable[Diagnostic]) -> list[dict]:
    """What the overlay shows of each problem: where it is and what to do."""
    return [
        {"file": d.path, "line": d.line, "col": d.col, "severity": d.severity, "code": d.code, "message": d.message}
        for d in diagnostics
    ]


class DevServer(LiveReloadServer):
    """Serves `root` (the served site, swapped or updated in place by each build) and reloads
    every open page after each build; `errors` is read at every request for them."""

    def __init__(self, builder: Callable[[], None], errors: Callable[[], list[dict]], **kwargs) -> None:
        super().__init__(builder, **kwargs)
        self.errors = errors
        self.build_delay = 0.05  # editors write a file in one go; MkDocs waits 0.1 s for more events
        self._bound = False

    def listen(self) -> None:
        """Take the port now, so that a taken port is said before the first build, not after it."""
        self.server_bind()
        self.server_activate()
        self._bound = True

    def request_build(self) -> None:
        """Run a build (and reload the pages after it) as if a watched file had changed."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def server_bind(self) -> None:
        if not self._bound:  # serve() binds too
            super().server_bind()

    def server_activate(self) -> None:
        if not self._bound:
            super().server_activate()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == f"{DEV_URL}errors.json":
            return self._send(start_response, "application/json", json.dumps(self.errors()).encode())
        if path == f"{DEV_URL}overlay.js":
            return self._send(start_response, "application/javascript", (DEV_FILES / "overlay.js").read_bytes())
        return super()._serve_request(environ, start_response)

    @staticmethod
    def _send(start_response, content_type: str, body: bytes) -> list[bytes]:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response("200 OK", headers)
        return [body]

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # the reload script, before </body>
        end = content.rfind(b"</body>")
        return content[:end] + OVERLAY_TAG + content[end:] if end >= 0 else content + OVERLAY_TAG


def quiet_mkdocs_server_log() -> None:
    """MkDocs' server logs every browser connection at INFO; serve prints its own lines."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)


def watch_existing(server: DevServer, paths: Iterable[Path], watched: set[Path]) -> None:
    """Watch each path that exists and is not watched yet (a folder created later is added at the next build)."""
    for path in paths:
        if path not in watched and path.exists():
            server.watch(str(path))
            watched.add(path)
