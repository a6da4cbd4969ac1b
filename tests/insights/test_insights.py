"""Insights: statements read from files of each shape, summarised, and the report's numbers,
with every number of learners under 5 shown as "fewer than 5"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.insights import PATHWAYS, QUIZ, SCENARIO, SITE, _decision, _question, generated_statements
from quiz_engine.insights.read import InsightsError, statements_from_file
from quiz_engine.insights.report import count, report_html, share
from quiz_engine.insights.summarise import median_or_none, seconds, summarise

ROOT = Path(__file__).resolve().parents[2]
ADL = "http://adlnet.gov/expapi/"


def statement(
    learner: int, minute: int, verb: str, obj: dict, result: dict, parent: dict | None = None, pathway=None
) -> dict:
    grouping = [pathway] if pathway else []
    context = {"contextActivities": {"grouping": grouping, **({"parent": [parent]} if parent else {})}}
    return {
        "id": f"00000000-0000-4000-8000-{learner:06d}{minute:06d}",
        "actor": {"account": {"homePage": SITE, "name": f"l{learner}"}},
        "verb": {"id": ADL + "verbs/" + verb},
        "object": obj,
        "result": result,
        "context": context,
        "timestamp": f"2027-01-04T09:{minute:02d}:00Z",
    }


def records() -> list[dict]:
    """12 learners: 7 choose c1 first at step 1 (then change their minds), 5 choose c2;
    8 reach the good ending, 4 stop after step 1; question 1: 9 right first time, 3 wrong with o3."""
    found, step1, q1 = [], _decision(0), _question(0)
    for learner in range(12):
        pathway = PATHWAYS[0] if learner < 6 else None
        first = "c1" if learner < 7 else "c2"
        found.append(statement(learner, 1, "answered", step1, {"response": first}, SCENARIO, pathway))
        found.append(
            statement(learner, 2, "answered", step1, {"response": "c3"}, SCENARIO, pathway)
        )  # later: not first
        if learner < 8:
            result = {
                "extensions": {SITE + "xapi/outcome": "good", SITE + "xapi/ending": "safe"},
                "duration": f"PT{60 + learner}S",
            }
            found.append(statement(learner, 3, "completed", SCENARIO, result, None, pathway))
        ok = learner >= 3
        found.append(
            statement(
                learner, 4, "answered", q1, {"success": ok, "response": "o1" if ok else "o3", "duration": "PT10S"}, QUIZ
            )
        )
        found.append(
            statement(learner, 5, "passed" if ok else "failed", QUIZ, {"score": {"scaled": 1.0 if ok else 0.0}})
        )
    found.reverse()  # an LRS gives the newest first
    return found


def test_one_summary_from_each_file_shape(tmp_path: Path) -> None:
    statements = list(generated_statements(300, learners=20))
    shapes = {
        "array.json": json.dumps(statements, indent=1),
        "lines.jsonl": "\n".join(json.dumps(s) for s in statements),
        "pages.json": json.dumps({"statements": statements[:100], "more": "/x"})
        + json.dumps({"statements": statements[100:]}),
    }
    reports = set()
    for name, text in shapes.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert sum(1 for _ in statements_from_file(tmp_path / name)) == 300
        reports.add(report_html(summarise(statements_from_file(tmp_path / name))))
    assert len(reports) == 1


@pytest.mark.parametrize("text", ['[{"id": 1}, {"id": ', "[1, 2]", "not json"])
def test_a_broken_file_is_a_message(tmp_path: Path, text: str) -> None:
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    with pytest.raises(InsightsError, match="bad.json"):
        list(statements_from_file(tmp_path / "bad.json"))


def test_the_numbers_of_the_report() -> None:
    summary = summarise(records())
    item = summary.items[SCENARIO["id"]]
    decision = item.decisions[_decision(0)["id"]]
    firsts = sorted(choice for _, choice in decision.first.values())
    assert firsts == ["c1"] * 7 + ["c2"] * 5  # each learner's first choice, whatever came later
    assert len(item.endings) == 8 and summary.stopped(item) == {_decision(0)["id"]: 4}
    assert median_or_none(item.times) == 63.5
    question = summary.items[QUIZ["id"]].questions[_question(0)["id"]]
    assert sum(ok for _, ok in question.first.values()) == 9 and question.wrong == {"o3": 3}
    assert len(summary.pathways[PATHWAYS[0]["id"]].learners) == 6

    html = report_html(summary, "Test module")
    assert (
        "<title>Insights: Test module</title>" in html
        and "<script" not in html
        and "http" not in html.replace(SITE, "")
    )
    for row in (
        '<th scope="row">Option 1 at step 1</th><td class=n>7</td><td class=n>58%</td>',
        '<th scope="row">Option 2 at step 1</th><td class=n>5</td><td class=n>42%</td>',
        '<th scope="row">Option 3 at step 1</th><td class=n>fewer than 5</td><td class=n>fewer than 5</td>',
        '<th scope="row">safe</th><td>good</td><td class=n>8</td><td class=n>67%</td>',
        '<th scope="row">No ending reached</th><td></td><td class=n>fewer than 5</td>',
        '<th scope="row">Question 1</th><td class=n>12</td><td class=n>75%</td><td>Answer 3 to question 1 (fewer than 5 answers)</td><td>10 seconds</td>',
        '<th scope="row">GP</th><td class=n>6</td>',
    ):
        assert row in html, row
    assert html.count('aria-hidden="true"') == 1  # one chart, with its table


def test_small_numbers_are_never_shown() -> None:
    assert [count(n) for n in (0, 1, 4, 5)] == ["fewer than 5", "fewer than 5", "fewer than 5", "5"]
    assert share(4, 100) == share(3, 4) == "fewer than 5" and share(5, 10) == "50%"
    assert seconds("PT1M2.5S") == 62.5 and seconds("P1DT1H") == 90000 and seconds("12") is None


def test_the_command_writes_the_report_and_explains_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Records module\n", encoding="utf-8")
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(s) for s in records()), encoding="utf-8")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, str(ROOT / "build.py"), "insights", *args], cwd=tmp_path, capture_output=True, text=True
    )
    done = run("--file", "records.jsonl")
    assert done.returncode == 0, done.stderr
    assert "56 statements from 12 learners" in done.stderr
    assert "Insights: Records module" in (tmp_path / "insights" / "index.html").read_text(encoding="utf-8")
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    failed = run("--file", "broken.json")
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "broken.json: not a file of xAPI statements" in failed.stderr and "was left as it was" in failed.stderr
    assert "Insights: Records module" in (tmp_path / "insights" / "index.html").read_text(encoding="utf-8")
    unreachable = run("--lrs", "http://127.0.0.1:9/xAPI/")
    assert unreachable.returncode == 1 and "cannot be reached" in unreachable.stderr
