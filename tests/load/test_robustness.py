"""Property: whatever a trainer does to a valid file, check never raises, exits 0 or 1,
and every diagnostic points inside the file."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz_engine.cli import main
from tests.helpers import VALID, check, make_project

SOURCES = {path.name: path.read_text(encoding="utf-8") for path in sorted(VALID.glob("*.yml"))}
RETYPED = ["[]", "{}", "true", "12", "'quoted'", "- item", "", "{a: 1}", "no", "2026-13-45"]
OPERATIONS = ("delete", "duplicate", "retype", "misspell", "indent", "dedent", "cut", "tab")


def mutate(text: str, steps: list[tuple[str, int, int]]) -> str:
    lines = text.split("\n")
    for operation, a, b in steps:
        if operation == "cut":
            joined = "\n".join(lines)
            lines = joined[: a % (len(joined) + 1)].split("\n")
            continue
        if not lines:
            break
        i = a % len(lines)
        line = lines[i]
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, line)
        elif operation == "retype" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {RETYPED[b % len(RETYPED)]}"
        elif operation == "misspell" and line.strip():
            j = (len(line) - len(line.lstrip())) + b % max(1, len(line.strip()))
            lines[i] = line[:j] + chr(ord("a") + b % 26) + line[j + 1 :]
        elif operation == "indent":
            lines[i] = " " * (1 + b % 4) + line
        elif operation == "dedent":
            lines[i] = line[1 + b % 4 :] if line.startswith(" ") else line
        elif operation == "tab":
            lines[i] = "\t" + line
    return "\n".join(lines)


steps = st.lists(
    st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=4
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SOURCES)), steps=steps)
def test_mutated_files_never_break_the_checker(name: str, steps: list[tuple[str, int, int]]) -> None:
    text = mutate(SOURCES[name], steps)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_project(root)
        (root / "scenarios" / name).write_text(text, encoding="utf-8")
        images = VALID / "images"
        if images.is_dir():
            (root / "scenarios" / "images").mkdir()
            for image in images.iterdir():
                (root / "scenarios" / "images" / image.name).write_bytes(image.read_bytes())
        result = check(root)
        lines = text.split("\n")
        for d in result.diagnostics:
            assert d.path == f"scenarios/{name}"
            assert 1 <= d.line <= len(lines) + 1, (d, len(lines))
            width = len(lines[d.line - 1]) if d.line <= len(lines) else 0
            assert 1 <= d.col <= width + 1, (d, lines[d.line - 1] if d.line <= len(lines) else "")
            assert d.message and "\n" not in d.message
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", "-f", str(root / "mkdocs.yml")])
        assert status in (0, 1)
        assert status == (1 if result.errors else 0)
        assert "Traceback" not in err.getvalue()


def test_mutate_changes_the_file() -> None:
    # The property above means something only if mutations really change files.
    original = SOURCES[sorted(SOURCES)[0]]
    assert mutate(original, [("delete", 3, 0)]) != original
    assert mutate(original, [("cut", 40, 0)]) == original[:40]
