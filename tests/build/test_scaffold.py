"""`python build.py new scenario ID` / `new quiz ID`: a starting file that checks clean and is never written over."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from quiz_engine import Project, check_project
from quiz_engine.build.scaffold import ScaffoldError, a_year_after, new_file, render, title_for
from quiz_engine.cli import main
from quiz_engine.load import model
from tests.schema_helpers import schema_errors

TODAY = datetime.date(2026, 11, 29)


def project(root: Path) -> Path:
    (root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (root / "docs").mkdir()
    return root / "mkdocs.yml"


def new(root: Path, *argv: str) -> int:
    return main(["new", *argv, "-f", str(root / "mkdocs.yml")])


@pytest.mark.parametrize("kind", ["scenario", "quiz"])
def test_the_new_file_checks_without_diagnostics(tmp_path, kind, capsys):
    project(tmp_path)
    assert new(tmp_path, kind, "my-first") == 0
    path = tmp_path / "scenarios" / "my-first.yml"
    assert "new: wrote scenarios/my-first.yml" in capsys.readouterr().err
    result = check_project(Project.at(tmp_path / "mkdocs.yml"))  # today: the review dates are from today
    assert [d.format() for d in result.diagnostics] == []
    (item,) = result.items
    assert (item.kind, item.id, item.title) == (kind, "my-first", "My first")
    assert main(["check", "--strict", "-f", str(tmp_path / "mkdocs.yml")]) == 0
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    )


@pytest.mark.parametrize("kind", ["scenario", "quiz"])
def test_the_schema_accepts_the_new_file(kind):
    text = render(kind, "my-first", TODAY)
    assert "{{" not in text
    assert schema_errors(text) == []


def _load(tmp_path: Path, kind: str) -> model.Item:
    project(tmp_path)
    new_file(kind, "example", tmp_path / "scenarios", today=TODAY)
    (item,) = check_project(Project.at(tmp_path / "mkdocs.yml"), today=TODAY).items
    return item


def test_the_scenario_shows_every_feature(tmp_path):
    s = _load(tmp_path, "scenario")
    assert isinstance(s, model.Scenario)
    assert s.role and s.summary and s.duration and s.themes and s.content_note and s.allow_back
    assert s.review.last_reviewed == TODAY and s.review.next_review == datetime.date(2027, 11, 29)
    assert s.review.owner and s.sources and s.sources[0].url.startswith("https://")
    assert {type(v) for v in s.variables.values()} == {bool, int}
    assert len(s.dimensions) >= 2
    nodes = list(s.nodes.values())
    choices = [c for n in nodes for c in n.choices or []]
    assert {c.rating for c in choices} == {"best", "acceptable", "poor"}
    assert all(c.feedback for c in choices[:3])
    assert any(c.condition and "not" in c.condition and "and" in c.condition for c in choices)
    assert any(c.set for c in choices) and any(c.add for c in choices)
    assert any(v < 0 for c in choices for v in c.score.values())
    assert any(n.reflect for n in nodes) and any(n.title for n in nodes)
    assert any(n.next for n in nodes)
    assert sorted(n.ending for n in nodes if n.ending) == ["good", "mixed", "poor"]
    assert all(n.debrief for n in nodes if n.ending)
    text = (tmp_path / "scenarios" / "example.yml").read_text(encoding="utf-8")
    assert "# image:" in text and "#   alt:" in text  # an image needs a file, so it is shown commented out


def test_the_quiz_shows_every_feature(tmp_path):
    q = _load(tmp_path, "quiz")
    assert isinstance(q, model.Quiz)
    assert q.intro and q.pass_mark == 80 and q.duration and q.themes and q.review and q.sources
    assert [x.type for x in q.questions] == ["single", "multiple", "true-false", "order", "match"]
    assert all(x.theme for x in q.questions)
    assert any(x.points != 1 for x in q.questions)
    assert any(not x.shuffle for x in q.questions)
    assert any(o.feedback for x in q.questions for o in x.options)
    assert sum(bool(x.explanation) for x in q.questions) >= 3
    assert "shuffle: false" in (tmp_path / "scenarios" / "example.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["scenario", "quiz"])
def test_the_new_file_is_a_draft_with_the_module_themes(tmp_path, kind, capsys):
    """In a module with themes, the new file uses them (no unknown-theme), and it is a draft
    until the line 'draft: true' is deleted, as the message says."""
    config = project(tmp_path)
    config.write_text(
        "site_name: T\nextra:\n  module:\n    themes:\n"
        "      neglect: {title: Neglect, page: index.md}\n      supervision: {title: Supervision, page: index.md}\n",
        encoding="utf-8",
    )
    assert new(tmp_path, kind, "my-draft") == 0
    err = capsys.readouterr().err
    assert "a draft: learners do not see it yet" in err and "delete the line 'draft: true'" in err
    result = check_project(Project.at(config))
    assert result.diagnostics == []
    (item,) = result.items
    assert item.draft and set(item.themes) <= {"neglect", "supervision"}
    assert [(n.code, n.severity) for n in result.notes] == [("draft", "info")]
    path = tmp_path / "scenarios" / "my-draft.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    result = check_project(Project.at(config))
    assert not result.items[0].draft and result.notes == [] and result.diagnostics == []


# --- refusals ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["My Scenario", "my_scenario", "x-", "x--y", "Visit", "café", "../x", ""])
def test_an_id_that_is_not_a_slug_is_refused(tmp_path, capsys, bad):
    project(tmp_path)
    assert new(tmp_path, "scenario", bad) == 1
    err = capsys.readouterr().err
    assert f"new: '{bad}' is not a valid id" in err and "Nothing was written" in err
    assert not (tmp_path / "scenarios").exists() or list((tmp_path / "scenarios").iterdir()) == []


@pytest.mark.parametrize("suffix", [".yml", ".yaml"])
def test_an_existing_file_is_never_overwritten(tmp_path, capsys, suffix):
    project(tmp_path)
    existing = tmp_path / "scenarios" / f"taken{suffix}"
    existing.parent.mkdir()
    existing.write_text("kind: quiz\n# mine\n", encoding="utf-8")
    assert new(tmp_path, "quiz", "taken") == 1
    assert f"scenarios/taken{suffix} already exists" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "kind: quiz\n# mine\n"
    assert sorted(p.name for p in existing.parent.iterdir()) == [existing.name]


def test_an_id_used_by_another_file_is_refused(tmp_path, capsys):
    project(tmp_path)
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "other-name.yml").write_text(
        "kind: quiz\nid: taken\ntitle: Q\nquestions: [{type: true-false, prompt: P, answer: true}]\n",
        encoding="utf-8",
    )
    assert new(tmp_path, "scenario", "taken") == 1
    assert "the id 'taken' is already used by scenarios/other-name.yml" in capsys.readouterr().err
    assert not (tmp_path / "scenarios" / "taken.yml").exists()


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ScaffoldError, match="new scenario ID"):
        new_file("lesson", "x", tmp_path)
    project(tmp_path)
    with pytest.raises(SystemExit):  # argparse: exit status 2 and the usage line
        new(tmp_path, "lesson", "x")


def test_helpers():
    assert title_for("visit-after-discharge") == "Visit after discharge"
    assert title_for("2026-review") == "2026 review"
    assert a_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert a_year_after(TODAY) == datetime.date(2027, 11, 29)
