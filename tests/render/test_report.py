"""build.py report: decision points, endings, paths and their lengths, over the explored states."""

from __future__ import annotations

import json

from quiz_engine.cli import main
from quiz_engine.render.report import format_report, report_data, scenario_report
from tests.helpers import INVALID, VALID, check, make_project

LOOP = """\
kind: scenario
title: Loop
start: a
nodes:
  a:
    text: A
    choices:
      - {text: Again, goto: a}
      - {text: Stop, goto: end}
  end:
    text: E
    ending: good
"""


def item(result, item_id):
    return next(i for i in result.items if i.id == item_id)


def test_report_of_the_example_scenario(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    r = scenario_report(item(check(tmp_path), "visit-after-discharge"))
    assert r.decisions == 2
    assert r.paths == 2  # 'Ring the GP' is never shown, so it adds no path
    assert r.endings == {"ending-harm": (2, 2), "ending-safe": (2, 2)}
    assert r.outcomes == {"ending-harm": "poor", "ending-safe": "good"}
    assert r.minutes == 10  # the scenario's own duration


def test_a_loop_makes_paths_unbounded(tmp_path):
    make_project(tmp_path, {"scenarios/loop.yml": LOOP})
    r = scenario_report(item(check(tmp_path), "loop"))
    assert r.paths is None
    assert r.endings == {"end": (1, None)}
    assert r.minutes >= 1  # estimated from the words and decisions


def test_format_report_lists_scenarios_and_quizzes(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    text = format_report(check(tmp_path).items)
    assert "scenario visit-after-discharge: A home visit after discharge" in text
    assert "decision points: 2; distinct paths: 2; takes 2 to 3 minutes" in text
    assert "ending ending-safe (good): 2 steps" in text
    assert "by type: match 1, multiple 1, order 1, single 1, true-false 1" in text


def test_an_ending_no_path_reaches_is_not_listed(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unreachable-node/orphan.yml",))
    r = scenario_report(item(check(tmp_path), "orphan"))
    assert "orphan" not in r.endings


def test_the_report_lists_the_poor_choices_before_each_ending(tmp_path):
    make_project(tmp_path, copy=(INVALID / "poor-path-to-good-ending/praise.yml",))
    text = format_report(check(tmp_path).items)
    assert "  ending praised (good): 2 steps\n    after the poor choice 'Wait a week' at node 'a'" in text


def test_the_json_report_holds_what_the_text_says(tmp_path, capsys):
    make_project(
        tmp_path,
        {"docs/index.md": "# Home\n\n" + "word " * 400},
        copy=(INVALID / "poor-path-to-good-ending/praise.yml", VALID / "escalation-basics.yml"),
    )
    assert main(["report", "-f", str(tmp_path / "mkdocs.yml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rates"] == {"words_per_minute": 200, "seconds_per_decision": 20, "seconds_per_reflection": 60}
    assert data["pages"] == [{"path": "index.md", "minutes": 3}]  # 401 words
    (scenario,) = data["scenarios"]
    praised = next(e for e in scenario["endings"] if e["id"] == "praised")
    assert praised["poor_choices_before"] == [{"node": "a", "choice": 2, "text": "Wait a week"}]
    assert praised["steps"] == {"shortest": 2, "longest": 2}
    assert data["quizzes"][0]["id"] == "escalation-basics" and data["quizzes"][0]["estimated_minutes"] >= 1
    assert data["module_minutes"] >= 3 + data["quizzes"][0]["estimated_minutes"]
    assert report_data(check(tmp_path).items)["module_minutes"] is None  # no pages given: no module figure
