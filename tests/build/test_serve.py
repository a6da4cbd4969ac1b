"""`build.py serve` without a browser: what it watches, what it adds to served pages (and
never to built sites), and a broken mkdocs.yml served with its error instead of a traceback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from quiz_engine.build.live_server import DEV_URL, OVERLAY_TAG, DevServer
from quiz_engine.build.serve import inputs
from quiz_engine.build.site import build_site
from quiz_engine.check.run import check_project
from quiz_engine.load.project import Project
from tests.helpers import VALID, make_project

ROOT = Path(__file__).resolve().parents[2]


def test_serve_watches_every_input_of_the_site(tmp_path):
    make_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: T\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    (tmp_path / "base.yml").write_text(
        "markdown_extensions:\n  - quiz_engine.render.glossary:\n      file: terms.yml\n", encoding="utf-8"
    )
    watched = inputs(Project.at(tmp_path / "mkdocs.yml"))
    assert set(watched) >= {tmp_path / name for name in ("scenarios", "docs", "mkdocs.yml", "base.yml", "overrides")}, (
        watched
    )
    # The glossary is named by the parent (INHERIT): read as MkDocs reads it, or named by mkdocs.yml.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - quiz_engine.render.glossary:\n      file: terms.yml\n",
        encoding="utf-8",
    )
    assert tmp_path / "terms.yml" in inputs(Project.at(tmp_path / "mkdocs.yml"))


def test_only_served_pages_carry_the_reload_and_overlay_scripts(tmp_path):
    (tmp_path / "project").mkdir()
    config = make_project(tmp_path / "project", copy=(VALID / "visit-after-discharge.yml",))
    project = Project.at(config)
    site = tmp_path / "site"
    build_site(project, check_project(project).items, site)
    built = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    assert not any(DEV_URL.encode() in text or b"livereload" in text for text in built)
    assert not any("overlay" in p.name for p in site.rglob("*"))

    server = DevServer(lambda: None, lambda: [{"file": "a.yml", "line": 2}], host="127.0.0.1", port=0, root=str(site))
    server.watch(str(tmp_path / "project" / "scenarios"))  # pages are injected only while watching
    try:
        page = b"".join(_get(server, "/scenarios/visit-after-discharge/"))
        assert page.count(OVERLAY_TAG) == 1 and b"livereload(" in page
        assert page.index(OVERLAY_TAG) < page.rindex(b"</body>")
        assert json.loads(b"".join(_get(server, f"{DEV_URL}errors.json"))) == [{"file": "a.yml", "line": 2}]
        assert b"showModal" in b"".join(_get(server, f"{DEV_URL}overlay.js"))
    finally:
        server.server_close()


def _get(server: DevServer, path: str) -> list[bytes]:
    statuses = []
    body = server.serve_request({"PATH_INFO": path}, lambda status, headers: statuses.append(status))
    assert statuses == ["200 OK"], (path, statuses)
    return list(body)


def test_a_broken_mkdocs_yml_is_served_as_an_error_at_its_line_and_ctrl_c_stops(tmp_path):
    make_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nnav: [index.md\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl+C, even from a background job
    )
    try:
        errors = None
        deadline = time.monotonic() + 60
        while errors is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{DEV_URL}errors.json", timeout=5) as response:
                    errors = json.loads(response.read())
            except OSError:
                time.sleep(0.2)
        assert (
            errors and errors[0]["file"] == "mkdocs.yml" and (errors[0]["line"], errors[0]["col"]) == (2, 6)
        )  # the unclosed [
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b"not been built yet" in response.read()  # a page to carry the overlay
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "Traceback" not in output and "serve: stopped." in output, output
