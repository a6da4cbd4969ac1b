"""`build.py serve` in Chromium, as a trainer uses it: a page reloads by itself after an
edit (progress kept), a broken file shows its errors over every open page (keyboard-
dismissable), and fixing it removes them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.guards import PageWatch, check_page
from tests.helpers import VALID

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "visit-after-discharge"
TITLE = "A home visit after discharge"
CONFIG = """site_name: Live reload test
site_url: http://127.0.0.1/
theme:
  name: material
  font: false
  features: [navigation.instant]
"""
OVERLAY = "The site was not rebuilt"  # the overlay's name (Material's search is a dialog too)
RELOAD_MS = 30_000  # ms: a rebuild of this small project takes about a second; the machine may be busy


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`build.py serve` on a copy of a small project: (project folder, its address)."""
    root = tmp_path_factory.mktemp("live-project")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Welcome\n\nStart with the scenario.\n", encoding="utf-8")
    shutil.copytree(VALID, root / "scenarios")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (root.parent / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    deadline = time.monotonic() + 120
    while not _answers(url + f"scenarios/{SCENARIO}/"):
        assert server.poll() is None and time.monotonic() < deadline, (root.parent / "serve.log").read_text()
        time.sleep(0.2)
    yield root, url
    server.send_signal(signal.SIGINT)  # Ctrl+C: serve stops without a traceback
    assert server.wait(timeout=30) == 0
    log.close()
    output = (root.parent / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in output, output


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def watch(page: Page, served: tuple[Path, str]) -> Iterator[PageWatch]:
    """This file's pages are served by `serve`, not the default module's server."""
    watcher = PageWatch(page, served[1])
    yield watcher
    watcher.assert_clean()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_reloads_the_page_and_a_broken_file_shows_its_errors_over_every_page(
    served: tuple[Path, str], page: Page, context: BrowserContext
) -> None:
    root, url = served
    source = root / "scenarios" / f"{SCENARIO}.yml"
    page.goto(url + f"scenarios/{SCENARIO}/")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    page.evaluate("() => localStorage.setItem('live-reload-test', 'kept')")

    # A good edit: the open page reloads by itself and shows it; what the learner stored stays.
    _edit(source, f"title: {TITLE}", "title: A visit after discharge, edited")
    expect(page.get_by_role("heading", name="A visit after discharge, edited", level=1)).to_be_visible(
        timeout=RELOAD_MS
    )
    assert page.evaluate("() => localStorage.getItem('live-reload-test')") == "kept"

    # A broken file: its errors over every open page, the last good page underneath.
    home = context.new_page()
    home_watch = PageWatch(home, url)
    home.goto(url)
    expect(home.get_by_role("heading", name="Welcome", level=1)).to_be_visible()
    _edit(source, "role: Health visitor", "role: [Health visitor")  # line 5: an unclosed bracket
    for open_page in (page, home):
        dialog = open_page.get_by_role("dialog", name=OVERLAY)
        expect(dialog).to_be_visible(timeout=RELOAD_MS)
        expect(dialog.get_by_role("alert")).to_contain_text("The site was not rebuilt: 1 error")
        expect(dialog.get_by_role("listitem")).to_contain_text(f"scenarios/{SCENARIO}.yml:")
        location = dialog.get_by_role("listitem").locator("code").inner_text()
        path, line, col = location.split(":")
        assert int(line) >= 5 and int(col) >= 1, location
        expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    expect(page.get_by_role("heading", name="A visit after discharge, edited", level=1)).to_be_attached()
    check_page(page)  # the overlay passes axe (WCAG 2.2 A and AA) over the page

    page.bring_to_front()  # keys go to the tab in front, as a trainer's would
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name=OVERLAY)).to_have_count(0)
    home.bring_to_front()
    home.keyboard.press("Enter")  # the Close button has the focus
    expect(home.get_by_role("dialog", name=OVERLAY)).to_have_count(0)

    # Fixed: the pages reload, with the new text and no overlay.
    _edit(source, "role: [Health visitor", "role: Health visitor")
    _edit(source, "title: A visit after discharge, edited", "title: A visit after discharge, fixed")
    expect(page.get_by_role("heading", name="A visit after discharge, fixed", level=1)).to_be_visible(timeout=RELOAD_MS)
    expect(page.get_by_role("dialog", name=OVERLAY)).to_have_count(0)
    home.reload()
    expect(home.get_by_role("heading", name="Welcome", level=1)).to_be_visible()
    expect(home.get_by_role("dialog", name=OVERLAY)).to_have_count(0)
    home_watch.assert_clean()
