"""A full build of the site in another process, for `build.py serve`: after a fast rebuild
that changed the navigation (a title, a page added or removed), the pages it did not render
still show the old navigation until this build replaces the whole site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds quiz_engine/


class BackgroundBuild:
    """`python -m quiz_engine build` into `folder`/site; `done` is called when it ends (from another thread)."""

    def __init__(self, config_file: Path, folder: Path, site_url: str, trainers: bool, done: Callable[[], None]):
        self.folder = folder
        self.site_dir = folder / "site"
        command = [sys.executable, "-m", "quiz_engine", "build", "-f", str(config_file), "-d", str(self.site_dir)]
        if shutil.which("nice"):  # behind the next edit's fast rebuild, which it must not slow down
            command = ["nice", "-n", "15", *command]
        command += ["--site-url", site_url] + (["--trainers"] if trainers else [])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen(
            command,
            cwd=config_file.parent,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # Ctrl+C in the terminal is serve's to handle: it stops this build
        )
        self.errors = ""
        self.stopped = False
        self._done = done
        threading.Thread(target=self._wait, daemon=True).start()

    def _wait(self) -> None:
        _, self.errors = self.process.communicate()
        if not self.stopped:
            self._done()

    def finished(self) -> bool:
        return self.process.poll() is not None

    def succeeded(self) -> bool:
        return self.process.poll() == 0 and self.site_dir.is_dir()

    def stop(self, wait: bool = True) -> None:
        """Stop it (its input is out of date) and remove what it wrote; without `wait`, the
        waiting and removing (a half-written site: tenths of a second) are done in another thread."""
        self.stopped = True
        if self.process.poll() is None:  # the build and its check's workers: the group the build leads
            try:
                _signal_group(self.process, signal.SIGTERM)
            except ProcessLookupError:
                pass
        if wait:
            self._remove()
        else:
            threading.Thread(target=self._remove, daemon=True).start()

    def _remove(self) -> None:
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    if hasattr(os, "killpg"):
        os.killpg(process.pid, signum)
    else:  # Windows: no process groups to signal
        process.terminate()
