"""`python build.py ...` with a Python that lacks the dependencies (the system's python3, no
virtual environment activated): it re-runs itself under .venv, or says in one sentence what to run.

`python -S` stands in for such a Python: without site-packages, nothing but the standard library imports."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from quiz_engine.bootstrap import REEXECUTED
from tests.helpers import VALID, make_project

ROOT = Path(__file__).resolve().parents[1]


def run_bare(build_py: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (REEXECUTED, "VIRTUAL_ENV", "GITHUB_ACTIONS")}
    return subprocess.run(
        [sys.executable, "-S", str(build_py), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def tool_copy(folder: Path) -> Path:
    """build.py beside the package, without the project's .venv."""
    folder.mkdir()
    shutil.copy(ROOT / "build.py", folder / "build.py")
    (folder / "quiz_engine").symlink_to(ROOT / "quiz_engine", target_is_directory=True)
    return folder / "build.py"


def test_without_the_dependencies_it_reruns_itself_under_the_project_venv(tmp_path):
    make_project(tmp_path, copy=(VALID / "escalation-basics.yml",))
    proc = run_bare(ROOT / "build.py", tmp_path, "check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("check: 0 scenarios, 1 quiz"), proc.stderr


def test_without_a_venv_it_says_what_to_run_in_one_sentence(tmp_path):
    (tmp_path / "project").mkdir()
    make_project(tmp_path / "project")
    build_py = tool_copy(tmp_path / "tool")
    for args in (("check",), ("serve",), ("new", "scenario", "x"), ()):
        proc = run_bare(build_py, tmp_path / "project", *args)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        assert proc.stderr.count(".") >= 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "run 'make serve' (or 'make test') once" in proc.stderr


def test_a_venv_without_the_packages_is_tried_once_then_named(tmp_path):
    (tmp_path / "project").mkdir()
    make_project(tmp_path / "project")
    build_py = tool_copy(tmp_path / "tool")
    runs = tmp_path / "runs.txt"
    fake = tmp_path / "tool" / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    # A .venv whose Python lacks the packages too: a loop would run it again and again.
    fake.write_text(f'#!/bin/sh\necho run >> "{runs}"\nexec "{sys.executable}" -S "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    proc = run_bare(build_py, tmp_path / "project", "check")
    assert proc.returncode == 1
    assert runs.read_text(encoding="utf-8") == "run\n"
    assert "the project's .venv lacks" in proc.stderr and "pip install -r requirements.txt" in proc.stderr
    assert "Traceback" not in proc.stderr
