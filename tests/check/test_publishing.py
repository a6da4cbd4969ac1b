"""What learners will get, as `check` says it: drafts (an info line, never a failure),
theme ids that mkdocs.yml does not describe (unknown-theme, at the theme), and files
that `required: all` makes required once published (against the last learners' site)."""

from __future__ import annotations

import json

from quiz_engine.check.run import run_check
from quiz_engine.load.project import Project
from tests.helpers import VALID, check, make_project

THEMES = """\
site_name: T
extra:
  module:
    required: all
    pathways:
      - {id: visiting, title: Home visiting, required: [visit-after-discharge, escalation-basics]}
    themes:
      resistant-families: {title: Families who resist advice, page: index.md}
      information-sharing: {title: Sharing information, page: index.md}
"""


def _project(tmp_path, draft_quiz: bool = True):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    (tmp_path / "mkdocs.yml").write_text(THEMES, encoding="utf-8")
    quiz = tmp_path / "scenarios" / "escalation-basics.yml"
    text = quiz.read_text(encoding="utf-8")
    if draft_quiz:
        text = text.replace("shuffle: true ", "draft: true\nshuffle: true ", 1)
    quiz.write_text(
        text.replace("    points: 1 ", "    theme: informaton-sharing\n    points: 1 ", 1), encoding="utf-8"
    )


def test_unknown_theme_is_a_warning_at_the_theme_with_a_suggestion(tmp_path):
    _project(tmp_path)
    scenario = tmp_path / "scenarios" / "visit-after-discharge.yml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8").replace("themes: [resistant-families,", "themes: [resistant-familys,"),
        encoding="utf-8",
    )
    result = check(tmp_path)
    found = [(d.path, d.line, d.col, d.severity, d.code) for d in result.diagnostics]
    assert found == [
        ("scenarios/escalation-basics.yml", 18, 12, "warning", "unknown-theme"),
        ("scenarios/visit-after-discharge.yml", 9, 10, "warning", "unknown-theme"),
    ]
    assert "theme 'resistant-familys' is not in extra.module.themes" in result.diagnostics[1].message
    assert "Did you mean 'resistant-families'?" in result.diagnostics[1].message
    assert "Did you mean 'information-sharing'?" in result.diagnostics[0].message


def test_without_themes_in_mkdocs_yml_no_theme_is_checked(tmp_path):
    _project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    assert check(tmp_path).diagnostics == []


def test_a_draft_is_an_info_line_that_never_fails_the_check(tmp_path, capsys):
    _project(tmp_path)
    result, failed = run_check(Project.at(tmp_path / "mkdocs.yml"), strict=True, style="plain")
    (note,) = result.notes
    assert (note.path, note.line, note.col, note.severity, note.code) == (
        "scenarios/escalation-basics.yml",
        6,
        8,
        "info",
        "draft",
    )
    assert "delete the line 'draft: true'" in note.message
    assert note.format("github").startswith("::notice file=scenarios/escalation-basics.yml,line=6,col=8,title=draft::")
    assert "Pathway 'visiting' lists it" in note.message
    printed = capsys.readouterr().err
    assert "scenarios/escalation-basics.yml:6:8: info [draft] quiz 'escalation-basics' is a draft" in printed
    # The theme warning fails --strict; the draft alone would not.
    assert failed and [d.code for d in result.diagnostics] == ["unknown-theme"]
    assert not any(d.code == "draft" for d in result.diagnostics)


def test_publishing_under_required_all_says_the_file_becomes_required(tmp_path):
    _project(tmp_path, draft_quiz=False)
    module = tmp_path / "site" / "assets" / "quiz-engine" / "module.json"
    assert check(tmp_path).notes == []  # no learners' site yet: nothing to compare with
    module.parent.mkdir(parents=True)
    module.write_text(json.dumps({"items": [{"id": "visit-after-discharge"}]}), encoding="utf-8")
    (note,) = check(tmp_path).notes
    assert (note.path, note.code, note.severity) == ("scenarios/escalation-basics.yml", "newly-required", "info")
    assert "required of every learner" in note.message and "extra.module.required" in note.message
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("required: all", "required: [visit-after-discharge]"))
    assert check(tmp_path).notes == []


def test_a_learners_page_that_shows_a_draft_is_a_warning(tmp_path):
    _project(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n/// quiz | escalation-basics\n///\n", encoding="utf-8")
    (tmp_path / "docs" / "trainers").mkdir()
    (tmp_path / "docs" / "trainers" / "try.md").write_text("/// quiz | escalation-basics\n///\n", encoding="utf-8")
    found = [(d.path, d.line, d.severity, d.code) for d in check(tmp_path).diagnostics if d.code != "unknown-theme"]
    assert found == [("docs/index.md", 3, "warning", "draft-embedded")]  # the trainers' pages may show drafts
