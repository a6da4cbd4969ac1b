"""Shared by the browser benchmarks: the load average, building a project with
build.py, a static server (optionally gzip, as a real host would send) and Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def build(config: Path, site_dir: Path, site_url: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            "-f",
            str(config),
            "-d",
            str(site_dir),
            "--site-url",
            site_url,
        ],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}\n{result.stderr}")


def gzip9(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host; with `compress`, text types are sent with Content-Encoding: gzip (level 9)."""

    compress = False

    def log_message(self, format: str, *args) -> None:
        pass

    def send_head(self):  # the base class's hook: returns the body to copy, headers sent
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with a slash
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, compress: bool = False) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` on a free loopback port; returns (base URL, server to shut down)."""
    handler_class = type("Handler", (_Handler,), {"compress": compress})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def chromium() -> str | None:
    """Debian's chromium where there is one; otherwise None (Playwright's own browser)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
