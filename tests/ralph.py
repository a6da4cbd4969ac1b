"""A real learning record store for the tests: ralph (PyPI ralph-malph) with its filesystem
backend, from its own environment .venv-ralph/ (`make ralph`), on 127.0.0.1 and a free port.
Settings are environment variables (RALPH_APP_DIR holds the credentials `ralph auth` writes)."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

RALPH = Path(__file__).resolve().parents[1] / ".venv-ralph" / "bin" / "ralph"
APPEND_FIX = Path(__file__).resolve().parent / "ralph_append"  # see its sitecustomize.py
WRITER = ("module", "site-writes-only")  # the site's credential: statements/write
READER = ("trainer", "reads-for-insights")  # the insights' credential


def basic(user: tuple[str, str]) -> str:
    return "Basic " + base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Ralph:
    """`start()` and `stop()` may be called again: the statements stay in `folder`."""

    def __init__(self, folder: Path, cors_origin: str) -> None:
        self.folder = folder
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(folder / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps([cors_origin]),
            "PYTHONPATH": str(APPEND_FIX),
        }
        self.process: subprocess.Popen | None = None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        for (user, password), scope, mail in ((WRITER, "statements/write", "site"), (READER, "all", "trainer")):
            subprocess.run(
                [RALPH, "auth", "-u", user, "-p", password, "-s", scope, "-M", f"mailto:{mail}@example.org", "-w"],
                env=self.env,
                check=True,
                capture_output=True,
            )

    def allow_origin(self, origin: str) -> None:
        """Let pages of one more origin (a test LMS's) send statements: ralph reads it at start."""
        origins = json.loads(self.env["RALPH_RUNSERVER_CORS_ALLOW_ORIGINS"])
        self.env["RALPH_RUNSERVER_CORS_ALLOW_ORIGINS"] = json.dumps([*origins, origin])
        if self.process is not None:
            self.stop()
            self.start()

    def start(self) -> None:
        with (self.folder / "ralph.log").open("ab") as log:
            self.process = subprocess.Popen(
                [RALPH, "runserver", "-b", "fs", "--fs-default-directory-path", str(self.folder / "data")]
                + ["-h", "127.0.0.1", "-p", str(self.port)],
                env=self.env,
                cwd=self.folder / "app",  # its development reloader watches the working folder
                stdout=log,
                stderr=log,
                start_new_session=True,  # runserver starts a reloader and a server: stopped together
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"ralph did not start: {(self.folder / 'ralph.log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
            self.process = None

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, following `more` from page to page."""
        found: list[dict] = []
        url: str | None = f"{self.endpoint}statements?limit=100"
        while url:
            request = urllib.request.Request(
                url, headers={"Authorization": basic(READER), "X-Experience-API-Version": "1.0.3"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.load(response)
            found += page["statements"]
            url = urljoin(self.endpoint, page["more"]) if page.get("more") else None
        return found

    def wait_for(self, count: int, where=lambda s: True, seconds: float = 15) -> list[dict]:
        """The statements matching `where`, once there are at least `count` (or what there is after `seconds`)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                found = [s for s in self.statements() if where(s)]
            except (urllib.error.URLError, OSError):
                found = []
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.25)
