"""`make check`: the checker's exit status for CI, without Make's own "Error 1" line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def make_check(checker: str) -> subprocess.CompletedProcess:
    # PY stands for the checker's Python; an empty RUNTIME_STAMP installs nothing.
    return subprocess.run(
        ["make", "--no-print-directory", "check", f"PY={checker}", "RUNTIME_STAMP="],
        cwd=ROOT, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_check_fails_quietly_and_passes_quietly():
    failed = make_check("sh -c 'echo check: 0 scenarios, 0 quizzes: 1 error, 0 warnings >&2; exit 1' sh")
    assert failed.returncode != 0
    assert failed.stderr.splitlines() == ["check: 0 scenarios, 0 quizzes: 1 error, 0 warnings"]  # no "make: ***"
    passed = make_check("true")
    assert (passed.returncode, passed.stdout, passed.stderr) == (0, "", "")
