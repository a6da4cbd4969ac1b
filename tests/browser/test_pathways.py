"""Role pathways in the browser: "What is your role?" chosen by keyboard on the home page,
kept across visits and pages, changeable on the certificate page; progress, completion,
the certificate and an LMS (scorm-again) follow the chosen pathway's items. The module
is the SCORM test module (a scenario and a quiz) with two pathways."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, build_project
from tests.browser.guards import check_page
from tests.browser.test_module_completion import minutes_text, seed
from tests.browser.test_scorm import address, course_base, launch, serve_lms, settled, take_quiz

SOURCE = ROOT / "tests" / "fixtures" / "scorm-module"
PATHWAYS = """\
  module:
    pathways:
      - id: visiting
        title: Home visiting
        required: [short-visit]
      - id: quiz-only
        title: Quiz only
        required: [short-quiz]
"""
PAGES = {
    "index.md": "# SCORM test module\n\n<module-progress></module-progress>\n",
    "certificate.md": '# Your certificate\n\n<div class="qe-certificate-page">\n<module-certificate></module-certificate>\n</div>\n',
}
DONE = {"status": "passed", "best": 100, "passed": True, "completed_at": "2026-12-01T12:00:00.000Z", "title": "Q"}


def pathway_module(root: Path) -> Path:
    shutil.copytree(SOURCE, root, dirs_exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + PATHWAYS, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> tuple[str, dict]:
    config = pathway_module(tmp_path_factory.mktemp("pathways") / "module")
    built = config.parent / "site"
    built.mkdir()
    url = serve_folder(built)
    build_project(config, built, url)
    return url, json.loads((built / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))


def role_group(page: Page):
    return page.get_by_role("group", name="What is your role?")


def test_module_json_gives_each_pathway_its_items_and_time(site: tuple[str, dict]) -> None:
    _, module = site
    assert [(p["id"], p["title"], p["required"]) for p in module["pathways"]] == [
        ("visiting", "Home visiting", ["short-visit"]),
        ("quiz-only", "Quiz only", ["short-quiz"]),
    ]
    assert all(0 < p["minutes"] < module["cpd_minutes"] for p in module["pathways"])


def test_choose_by_keyboard_kept_across_visits_and_pages(page: Page, site: tuple[str, dict]) -> None:
    url, module = site
    quiz_only = next(p for p in module["pathways"] if p["id"] == "quiz-only")
    page.goto(url)
    group = role_group(page)
    expect(group.get_by_role("radio")).to_have_count(2)
    expect(group.get_by_role("radio", checked=True)).to_have_count(0)
    expect(page.get_by_role("article")).to_contain_text("0 of 2 done")  # no role yet: every item
    check_page(page)

    group.get_by_role("radio", name=f"Home visiting (about {minutes_text(module['pathways'][0]['minutes'])})").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radios move and choose with the arrow keys
    expect(group.get_by_role("radio", name=f"Quiz only (about {minutes_text(quiz_only['minutes'])})")).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Your role: Quiz only.")).to_be_visible()
    expect(group.get_by_role("radio", checked=True)).to_be_focused()  # the panel's redraw keeps the focus
    article = page.get_by_role("article")
    expect(article).to_contain_text("0 of 1 done")
    expect(article).to_contain_text(f"Your pathway (Quiz only) takes about {minutes_text(quiz_only['minutes'])}")
    expect(article.get_by_role("listitem").filter(has_text="A short visit")).to_contain_text("optional")
    check_page(page)

    page.reload()
    expect(role_group(page).get_by_role("radio", name="Quiz only", exact=False)).to_be_checked()
    page.goto(url + "certificate/")
    group = role_group(page)
    expect(group.get_by_role("radio", name="Quiz only", exact=False)).to_be_checked()
    group.get_by_role("radio", name="Home visiting", exact=False).check()  # changeable here too
    expect(page.get_by_role("article")).to_contain_text("A short visit")  # now what is left to do
    page.goto(url)
    expect(role_group(page).get_by_role("radio", name="Home visiting", exact=False)).to_be_checked()


def test_the_certificate_follows_the_pathway_and_names_the_role(page: Page, site: tuple[str, dict]) -> None:
    url, module = site
    quiz_only = next(p for p in module["pathways"] if p["id"] == "quiz-only")
    page.goto(url + "certificate/")
    article = page.get_by_role("article")
    seed(page, url, module, {"short-quiz": DONE})  # the quiz passed; the scenario not played
    expect(article.get_by_role("heading", name="Not complete yet")).to_be_visible()  # every item, without a role
    role_group(page).get_by_role("radio", name="Quiz only", exact=False).check()
    expect(article.get_by_role("heading", name="You have completed the module", level=2)).to_be_visible()
    facts = article.get_by_role("definition")
    expect(facts.filter(has_text="Quiz only")).to_have_count(1)  # Role pathway: Quiz only
    expect(facts.filter(has_text=minutes_text(quiz_only["minutes"]))).to_have_count(1)
    check_page(page)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_an_lms_records_completion_of_the_chosen_pathway(
    page: Page, tmp_path_factory: pytest.TempPathFactory, serve_files, version: str
) -> None:
    config = pathway_module(tmp_path_factory.mktemp("pathways-lms") / "module")
    lms_url = serve_lms(tmp_path_factory.mktemp("lms"), config, serve_files)
    base = course_base(lms_url, version)
    frame = launch(page, lms_url, version)
    frame.goto(address(base, "quizzes/short-quiz"))
    take_quiz(frame)
    incomplete = ("incomplete", "100") if version == "1.2" else ("incomplete/unknown", "100")
    assert settled(page, version, incomplete) == incomplete  # every item is required until a role is chosen
    frame.goto(address(base, "index"))
    frame.get_by_role("group", name="What is your role?").get_by_role("radio", name="Quiz only", exact=False).check()
    complete = ("completed", "100") if version == "1.2" else ("completed/passed", "100")
    assert settled(page, version, complete) == complete
