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


class _FilesOnlyHandler(_QuietHandler):
    """Serves a file by its exact name and nothing for a folder, as an LMS (Moodle) does."""

    def send_head(self):  # noqa: ANN201 (http.server's own signature)
        if os.path.isdir(self.translate_path(self.path)):
            self.send_error(404, "A folder, not a file")
            return None
        return super().send_head()


@pytest.fixture(scope="session")
def serve_folder() -> Iterator:
    """Serve folders over HTTP on free loopback ports; returns a function folder -> base URL."""
    yield from _servers(_QuietHandler)


@pytest.fixture(scope="session")
def serve_files() -> Iterator:
    """Like serve_folder, but a folder's address answers 404 rather than its index.html."""
    yield from _servers(_FilesOnlyHandler)


def _servers(handler_class: type[http.server.SimpleHTTPRequestHandler]) -> Iterator:
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(handler_class, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


ENGINES = ("mkdocs", "zensical")  # every engine of quiz_engine/build/engines/
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


def engine_environment(engine: str) -> dict[str, str]:
    """Zensical from .venv-zensical/ (make zensical) or $ZENSICAL; missing, the test fails, never skips."""
    if engine != "zensical":
        return dict(os.environ)
    command = os.environ.get("ZENSICAL") or str(ZENSICAL)
    assert Path(command).is_file(), f"no Zensical at {command}: run 'make zensical' (or set ZENSICAL)"
    return dict(os.environ, ZENSICAL=command)


def build_project(
    config: Path, site_dir: Path, site_url: str | None = None, engine: str = "mkdocs", trainers: bool = False
) -> None:
    extra = (["--site-url", site_url] if site_url else []) + (["--trainers"] if trainers else [])
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "-f", str(config), "-d", str(site_dir), "--engine", engine]
        + extra,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=engine_environment(engine),
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
def served_zensical(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> tuple[Path, str]:
    """The default module built by Zensical, served on its own port."""
    site_dir = tmp_path_factory.mktemp("default-module-zensical") / "site"
    site_dir.mkdir()
    url = serve_folder(site_dir)
    build_project(ROOT / "mkdocs.yml", site_dir, url, engine="zensical")
    return site_dir, url


@pytest.fixture(scope="session", params=ENGINES)
def served_module(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The default module under each engine in turn: a test that takes it runs once per engine."""
    return request.getfixturevalue("served_default" if request.param == "mkdocs" else "served_zensical")


@pytest.fixture(scope="session")
def built_site(served_default: tuple[Path, str]) -> Path:
    return served_default[0]


@pytest.fixture(scope="session")
def site_url(served_default: tuple[Path, str]) -> str:
    return served_default[1]


@pytest.fixture
def watch(page: Page, request: pytest.FixtureRequest) -> Iterator[PageWatch]:
    """Fails the test if the page asks another host for anything or logs an error."""
    served = "served_module" if "served_module" in request.fixturenames else "served_default"
    watcher = PageWatch(page, request.getfixturevalue(served)[1])
    yield watcher
    watcher.assert_clean()


@pytest.fixture(autouse=True)
def _watch_every_browser_test(request: pytest.FixtureRequest) -> None:
    # Every test that uses a page is watched, without having to ask for it.
    if "page" in request.fixturenames:
        request.getfixturevalue("watch")
