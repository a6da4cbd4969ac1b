"""`python build.py check` as trainers and CI run it: output lines, exit status, hostile files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import HOSTILE, INVALID, VALID, make_project

BUILD = Path(__file__).resolve().parents[1] / "build.py"
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) \[(?P<code>[a-z-]+)\] \S.*$"
)
GITHUB = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::\S.*$")
SUMMARY = re.compile(r"^check: \d+ scenarios?, \d+ quiz(zes)?: \d+ errors?, \d+ warnings?$")


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | (env or {})
    return subprocess.run(
        [sys.executable, str(BUILD), *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=120,
    )


def diagnostic_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The plain diagnostics (stderr), after checking that the last line is the summary."""
    lines = proc.stderr.splitlines()
    assert lines and SUMMARY.match(lines[-1]), proc.stderr
    return lines[:-1]


def test_check_prints_one_line_per_diagnostic_in_compiler_shape(tmp_path):
    make_project(tmp_path, copy=(INVALID / "dangling-goto/goto-and-next.yml", INVALID / "unreachable-node/orphan.yml"))
    proc = run(tmp_path, "check")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert diagnostic_lines(proc) == [
        "scenarios/goto-and-next.yml:11:15: error [dangling-goto] choice 'Ring the GP before you leave' goes to "
        "'dose', which is not a node of this scenario. Did you mean 'doses'?",
        "scenarios/goto-and-next.yml:18:11: error [dangling-goto] node 'doses' continues to 'ned', which is not a "
        "node of this scenario. Did you mean 'end'?",
        "scenarios/orphan.yml:10:3: warning [unreachable-node] node 'orphan' cannot be reached from 'a'; link to it "
        "with 'goto' or 'next', or delete it.",
    ]
    assert proc.stderr.splitlines()[-1] == "check: 2 scenarios, 0 quizzes: 2 errors, 1 warning"


def test_a_clean_project_prints_only_the_summary(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    for args in (["check"], ["check", "--strict"]):
        proc = run(tmp_path, *args)
        assert (proc.returncode, diagnostic_lines(proc), proc.stdout) == (0, [], "")


@pytest.mark.parametrize(
    ("fixture", "args", "status"),
    [
        ("unreachable-node/orphan.yml", ["check"], 0),
        ("unreachable-node/orphan.yml", ["check", "--strict"], 1),
        ("review-overdue/quiz.yml", ["check"], 0),
        ("review-overdue/quiz.yml", ["check", "--strict"], 1),
        ("missing-start/start.yml", ["check"], 1),
        ("missing-start/start.yml", ["check", "--strict"], 1),
    ],
)
def test_exit_status(tmp_path, fixture, args, status):
    make_project(tmp_path, copy=(INVALID / fixture,))
    proc = run(tmp_path, *args)
    assert proc.returncode == status
    assert len(diagnostic_lines(proc)) == 1


def test_strict_before_the_subcommand(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unreachable-node/orphan.yml",))
    assert run(tmp_path, "--strict", "check").returncode == 1


def test_github_annotations(tmp_path):
    make_project(tmp_path, copy=(INVALID / "missing-start/start.yml", INVALID / "unreachable-node/orphan.yml"))
    proc = run(tmp_path, "check", "--format", "github")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "::warning file=scenarios/orphan.yml,line=10,col=3,title=unreachable-node::node 'orphan' cannot be reached "
        "from 'a'; link to it with 'goto' or 'next', or delete it.",
        "::error file=scenarios/start.yml,line=5,col=8,title=missing-start::'start' names 'arive', which is not a "
        "node of this scenario. Did you mean 'arrive'?",
    ]
    assert all(GITHUB.match(line) for line in proc.stdout.splitlines())


def test_github_annotations_are_the_default_on_github_actions(tmp_path):
    make_project(tmp_path, copy=(INVALID / "missing-start/start.yml",))
    proc = run(tmp_path, "check", env={"GITHUB_ACTIONS": "true"})
    assert proc.stdout.startswith("::error file=scenarios/start.yml,line=5,col=8,title=missing-start::")


def test_github_annotation_properties_are_escaped(tmp_path):
    make_project(tmp_path, {"scenarios/a,b.yml": "kind: quiz\nid: a-b\ntitle: 50%\nquestions: []\n"})
    proc = run(tmp_path, "check", "--format", "github")
    assert proc.stdout.splitlines() == [
        "::error file=scenarios/a%2Cb.yml,line=4,col=12,title=bad-value::'questions' is an empty list; give at least one item."
    ]


def test_no_mkdocs_yml(tmp_path):
    proc = run(tmp_path, "check")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("mkdocs.yml: error: no mkdocs.yml here")


def test_no_scenarios_folder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    proc = run(tmp_path, "check")
    assert (proc.returncode, proc.stderr) == (0, "check: 0 scenarios, 0 quizzes: 0 errors, 0 warnings\n")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_never_give_a_traceback(tmp_path, name):
    content, expected = HOSTILE[name]
    make_project(tmp_path, {"scenarios/x.yml": content, "docs/page.md": b"/// quiz | \xff\xfe\n///\n"})
    proc = run(tmp_path, "check")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = diagnostic_lines(proc)
    assert all(LINE.match(line) for line in lines), lines
    found = [(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in map(LINE.match, lines)]
    assert found[0] == ("docs/page.md", 1, 1, "unknown-embed")  # sorted by path: docs/ before scenarios/
    assert found[1:] == [("scenarios/x.yml", *e) for e in expected]


def test_a_broken_glossary_is_reported_not_silently_dropped(tmp_path):
    files = {
        "mkdocs.yml": "site_name: T\nmarkdown_extensions:\n  - quiz_engine.render.glossary:\n      file: glossary.yml\n",
        "glossary.yml": """
            terms:
              - term: Section 47
                definition: The test is this: reasonable cause to suspect significant harm.
            """,
    }
    make_project(tmp_path, files, copy=(VALID / "visit-after-discharge.yml",))
    proc = run(tmp_path, "check")
    assert proc.returncode == 1
    [line] = diagnostic_lines(proc)
    assert line.startswith("glossary.yml:3:") and "error [yaml-syntax]" in line, line
