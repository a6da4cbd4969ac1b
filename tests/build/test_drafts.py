"""The learners' site and the SCORM packages of the default module with one quiz made a
draft: no draft, no trainers' page, no scenario map, no rating a learner could read the
answers from before choosing; completion and pathways count published items only."""

from __future__ import annotations

import json
import re

import pytest

from quiz_engine import Project, check_project
from quiz_engine.build.audience import learners_nav, report_page, trainers_nav
from quiz_engine.build.site import build_site
from quiz_engine.build.staging import stage
from quiz_engine.render.report import format_report_data, report_data
from tests.helpers import VALID, check, copy_of_default_module, make_project

DRAFT = "escalation-basics"


@pytest.fixture(scope="module")
def learners(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The learners' site, and the site a SCORM package is made of (asked for the trainers' in vain)."""
    config = copy_of_default_module(tmp_path_factory.mktemp("drafts") / "module", drafts=(DRAFT,))
    project = config.parent
    on_disk = Project.at(config)
    result = check_project(on_disk)
    assert result.errors == []
    sites = {"site": project / "site", "package": project / "package"}
    build_site(on_disk, result.items, sites["site"], estimates=result.estimates)
    build_site(on_disk, result.items, sites["package"], lms=True, estimates=result.estimates, trainers=True)
    return sites


@pytest.mark.parametrize("which", ["site", "package"])
def test_no_draft_trainer_page_or_map(learners, which) -> None:
    site = learners[which]
    assert (site / "scenarios").is_dir() and (site / "quizzes").is_dir()
    assert not (site / "trainers").exists() and not (site / "maps").exists()
    assert not list(site.rglob(f"*{DRAFT}*"))
    assert not (site / "assets" / "quiz-engine" / "preview").exists()
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    assert len(pages) > 20
    for path, text in pages.items():
        # The maps' labels; and no link to a page only trainers have.
        assert not re.search(r"rated (best|acceptable|poor)|For trainers|trainers/|maps/|Draft: ", text), path
    module = json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in module["items"]]
    assert DRAFT not in ids and len(ids) == 8
    pathways = {pathway["id"]: pathway["required"] for pathway in module["pathways"]}
    assert pathways["health"] == ["baby-k-health-visitor"]  # its draft quiz is not asked of learners yet
    assert all(item_id in ids for required in pathways.values() for item_id in required)


def test_no_choice_shows_a_rating_before_it_is_made(learners) -> None:
    """The player needs each choice's rating after it is made (feedback, debrief); the page
    itself prints none: only the element's data, which the player reads, holds them."""
    page = (learners["site"] / "scenarios" / "stop-and-review" / "index.html").read_text(encoding="utf-8")
    outside_data = re.sub(r'<template class="qe-data">.*?</template>', "", page, flags=re.S)
    assert "scenario-player" in outside_data
    assert not re.search(r"\b(best|acceptable|poor)\b", outside_data, flags=re.I)


NAV = [
    {"Home": "index.md"},
    {"Briefing": ["briefing/index.md"]},
    {"For trainers": ["trainers/index.md", "trainers/field-reference.md", "maps/index.md"]},
    "trainers/extra.md",
    {"Help": ["help/a.md", {"Map of the area": "maps/area.md"}]},
]


def test_the_nav_of_each_audience() -> None:
    assert learners_nav(NAV) == [{"Home": "index.md"}, {"Briefing": ["briefing/index.md"]}, {"Help": ["help/a.md"]}]
    trainers = trainers_nav(NAV)
    assert trainers[2] == {
        "For trainers": ["trainers/index.md", "trainers/field-reference.md", "maps/index.md", "trainers/report.md"]
    }
    assert trainers[:2] == NAV[:2] and trainers[3:] == NAV[3:]
    assert learners_nav(None) is None and trainers_nav(None) is None
    # A module without trainers' pages in its nav (one made by init) gets the tool's guide section.
    assert trainers_nav([{"Home": "index.md"}, {"Help": ["help/a.md"]}]) == [
        {"Home": "index.md"},
        {"Help": ["help/a.md"]},
        {"For trainers": ["trainers/index.md", "trainers/field-reference.md", "maps/index.md", "trainers/report.md"]},
    ]


def test_the_report_page_says_what_build_py_report_says(tmp_path) -> None:
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    result = check(tmp_path)
    docs = tmp_path / "docs"
    text = format_report_data(report_data(result.items, docs, "all", result.estimates))
    page = report_page(result.items, docs, "all", result.estimates)
    assert page.endswith("\n\n" + "\n".join(f"    {line}" for line in text.splitlines()) + "\n")
    assert "scenario visit-after-discharge:" in text and "quiz escalation-basics:" in text
    assert report_page(result.items, docs, "all", result.estimates) == page  # again, from the parts kept


def test_the_trainers_site_sends_no_learning_records(tmp_path) -> None:
    """With extra.xapi set, the learners' site sends learning records; the trainers' does not."""
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    xapi = "\nextra:\n  xapi:\n    endpoint: https://lrs.example.org/xAPI/\n    auth: Basic eDp5\n"
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://example.org/t/\n" + xapi, encoding="utf-8")
    result = check(tmp_path)
    for trainers, sends in ((False, True), (True, False)):
        folder = tmp_path / f"staged-{trainers}"
        runtime = stage(Project.at(tmp_path / "mkdocs.yml"), result.items, folder, None, trainers=trainers).docs
        runtime = runtime / "assets" / "quiz-engine"
        assert ("lrs.example.org" in (runtime / "xapi-settings.js").read_text(encoding="utf-8")) is sends
        assert ("XAPI=true" in (runtime / "elements.js").read_text(encoding="utf-8")) is sends


def test_a_nav_from_an_inherited_file_leaves_out_the_trainers_pages_too(tmp_path) -> None:
    """mkdocs.yml's INHERIT file may hold the nav: the learners' site is built from it as MkDocs reads it."""
    make_project(
        tmp_path,
        {
            "base.yml": "site_name: T\nnav:\n  - Home: index.md\n  - For trainers:\n      - trainers/index.md\n",
            "docs/index.md": "# Home\n",
            "docs/trainers/index.md": "# Guide\n",
        },
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Inherited\nstrict: true\n", encoding="utf-8")
    project = Project.at(tmp_path / "mkdocs.yml")
    result = check_project(project)
    build_site(project, result.items, tmp_path / "site", estimates=result.estimates)
    assert (tmp_path / "site" / "index.html").is_file() and not (tmp_path / "site" / "trainers").exists()
