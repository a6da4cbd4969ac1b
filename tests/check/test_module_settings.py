"""The module's settings in mkdocs.yml, checked against the project's items: the CPD
minutes it claims (cpd-understated) and its role pathways (with file, line and column)."""

from __future__ import annotations

from tests.helpers import VALID, check, make_project

PATHWAYS = """\
site_name: T
extra:
  module:
    pathways:
      - id: visiting
        title: Home visiting
        required: [visit-after-discharge, escalation-basic]
      - {id: visiting, title: Again, required: [escalation-basics]}
      - {id: empty, title: Nothing yet, required: []}
      - {id: no-list, title: No list}
"""


def test_cpd_minutes_below_the_estimate(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nextra:\n  module:\n    cpd_minutes: 1\n", encoding="utf-8")
    (found,) = check(tmp_path).diagnostics
    assert (found.path, found.line, found.severity, found.code) == ("mkdocs.yml", 4, "warning", "cpd-understated")
    assert "cpd_minutes is 1, but the module takes about" in found.message
    config.write_text("site_name: T\nextra:\n  module:\n    cpd_minutes: 600\n", encoding="utf-8")
    assert check(tmp_path).diagnostics == []


def test_pathway_mistakes_are_reported_in_mkdocs_yml(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    (tmp_path / "mkdocs.yml").write_text(PATHWAYS, encoding="utf-8")
    found = [(d.path, d.line, d.col, d.code) for d in check(tmp_path).diagnostics]
    assert found == [
        ("mkdocs.yml", 7, 43, "unknown-item"),
        ("mkdocs.yml", 8, 14, "duplicate-id"),
        ("mkdocs.yml", 9, 51, "empty-pathway"),
        ("mkdocs.yml", 10, 9, "missing-field"),
    ]
    unknown = check(tmp_path).diagnostics[0]
    assert "pathway 'visiting' requires 'escalation-basic', but no file in scenarios/ defines it" in unknown.message
    assert "Did you mean 'escalation-basics'?" in unknown.message


def test_good_pathways_are_no_problem(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    (tmp_path / "mkdocs.yml").write_text(PATHWAYS.split("      - {id: visiting")[0], encoding="utf-8")
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").replace("escalation-basic]", "escalation-basics]")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert check(tmp_path).diagnostics == []


def test_each_pathway_of_the_default_module_takes_at_most_an_hour():
    from pathlib import Path

    from quiz_engine import Project, check_project
    from quiz_engine.check.durations import minutes, module_seconds
    from quiz_engine.load.pathways import load_pathways

    project = Project.at(Path(__file__).resolve().parents[2] / "mkdocs.yml")
    result = check_project(project)
    pathways = load_pathways(project.config_file, "mkdocs.yml", [])
    assert len(pathways) == 6
    for pathway in pathways:
        required = [item_id for item_id, _ in pathway.required]
        assert minutes(module_seconds(result.estimates, result.items, project.docs_dir, required)) <= 60, pathway.id


def test_the_default_module_passes_check_strict():
    """No error and no warning: no ending praises what a path did not do, no time is understated."""
    from pathlib import Path

    from quiz_engine import Project, check_project

    result = check_project(Project.at(Path(__file__).resolve().parents[2] / "mkdocs.yml"))
    assert [d.format() for d in result.diagnostics] == []
    assert sum(item.kind == "scenario" for item in result.items) == 6
