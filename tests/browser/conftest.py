"""Browser fixtures: a real build of the default module, served over HTTP, opened in
Chromium. Debian's chromium is used when present (Playwright's own download cannot
work on machines without internet); otherwise Playwright's installed browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.guards import PageWatch

ROOT = Path(__file__).resolve().parents[2]
# Quiet Chromium: the machine has no network, and background services would try it.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    args = dict(browser_type_launch_args)
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if executable:
        args["executable_path"] = executable
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve_folder() -> Iterator:
    """Serve folders over HTTP on free loopback ports; returns a function folder -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def build_project(config: Path, site_dir: Path, site_url: str | None = None) -> None:
    extra = ["--site-url", site_url] if site_url else []
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "-f", str(config), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        cwd=config.parent,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def served_default(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> tuple[Path, str]:
    """The default module, built for the URL it is served at: Material's instant
    navigation only takes over links within site_url."""
    site_dir = tmp_path_factory.mktemp("default-module") / "site"
    site_dir.mkdir()
    url = serve_folder(site_dir)
    build_project(ROOT / "mkdocs.yml", site_dir, url)
    return site_dir, url


@pytest.fixture(scope="session")
def built_site(served_default: tuple[Path, str]) -> Path:
    return served_default[0]


@pytest.fixture(scope="session")
def site_url(served_default: tuple[Path, str]) -> str:
    return served_default[1]


@pytest.fixture
def watch(page: Page, site_url: str) -> Iterator[PageWatch]:
    """Fails the test if the page asks another host for anything or logs an error."""
    watcher = PageWatch(page, site_url)
    yield watcher
    watcher.assert_clean()


@pytest.fixture(autouse=True)
def _watch_every_browser_test(request: pytest.FixtureRequest) -> None:
    # Every test that uses a page is watched, without having to ask for it.
    if "page" in request.fixturenames:
        request.getfixturevalue("watch")
