"""The next engine: the default module built with `build.py build --engine zensical`
(Zensical from .venv-zensical/, made by `make zensical`) works in Chromium: the
navigation lists the generated scenario and quiz pages, a scenario runs from its
start to an ending and a quiz from its start to its results. A missing Zensical
fails these tests: it is not a reason to skip them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import ROOT
from tests.browser.guards import PageWatch

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


@pytest.fixture(scope="module")
def zensical_site(served_zensical: tuple[Path, str]) -> tuple[Path, str]:
    return served_zensical  # built once for the session (conftest), shared with the tests of every engine


@pytest.fixture
def watch(page: Page, zensical_site: tuple[Path, str]) -> Iterator[PageWatch]:
    """Replaces conftest's: watch this site's origin, and build no MkDocs site for it."""
    watcher = PageWatch(page, zensical_site[1])
    yield watcher
    watcher.assert_clean()


def module_items(site: Path) -> list[dict]:
    return json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))["items"]


def nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Navigation")


def test_build_output(zensical_site: tuple[Path, str]) -> None:
    site, _ = zensical_site
    items = module_items(site)
    assert {i["kind"] for i in items} == {"scenario", "quiz"}
    for item in items:
        page = (site / item["url"] / "index.html").read_text(encoding="utf-8")
        tag = "scenario-player" if item["kind"] == "scenario" else "quiz-player"
        assert f'<{tag} data-id="{item["id"]}"' in page, f"{item['url']} has no player"
        assert 'src="../../assets/quiz-engine/elements.js" type="module"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="qe-help"' in home, "our template additions (help banner) are missing"
    assert "qe-footer-links" in home, "our footer partial is missing"


@pytest.mark.parametrize("kind, folder", [("scenario", "scenarios"), ("quiz", "quizzes")])
def test_navigation_lists_generated_pages(page: Page, zensical_site: tuple[Path, str], kind: str, folder: str) -> None:
    site, url = zensical_site
    page.goto(url + folder + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expected = [i for i in module_items(site) if i["kind"] == kind]
    assert expected
    for item in expected:
        link = nav(page).get_by_role("link", name=item["title"], exact=True)
        expect(link).to_have_count(1)
        assert link.get_attribute("href").rstrip("/").endswith(item["id"])


def test_scenario_runs_to_an_ending(page: Page, zensical_site: tuple[Path, str]) -> None:
    site, url = zensical_site
    item = next(i for i in module_items(site) if i["kind"] == "scenario")
    page.goto(url + item["url"])
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    expect(article.get_by_role("heading", level=2).first).to_be_focused()
    start_again = article.get_by_role("button", name="Start again")
    for _ in range(100):
        if start_again.count():
            break
        group = article.get_by_role("group", name="What do you do?")
        if group.count() and group.get_by_role("radio").first.is_enabled():
            group.get_by_role("radio").first.check()
        article.get_by_role("button", name="Continue", exact=True).click()
    expect(start_again).to_be_visible()
    expect(article.get_by_role("heading", name="Your path")).to_be_visible()


def test_quiz_runs_to_its_results(page: Page, zensical_site: tuple[Path, str]) -> None:
    site, url = zensical_site
    item = next(i for i in module_items(site) if i["kind"] == "quiz")
    page.goto(url + item["url"])
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start quiz").click()
    for _ in range(100):
        results = article.get_by_role("heading", name="Your results", level=2)
        if results.count():
            break
        group = article.get_by_role("group").first
        radios, boxes, items = (
            group.get_by_role("radio"),
            group.get_by_role("checkbox"),
            group.get_by_role("group"),  # a match question: a group of radio buttons per item
        )
        if items.count():
            for item in items.all():
                item.get_by_role("radio").first.check()
        elif radios.count():
            radios.first.check()
        elif boxes.count():
            boxes.first.check()
        article.get_by_role("button", name="Check answer").click()
        expect(article.get_by_role("status")).not_to_be_empty()
        article.get_by_role("button", name="Next question").or_(
            article.get_by_role("button", name="See results")
        ).click()
    expect(article.get_by_role("heading", name="Your results", level=2)).to_be_focused()
    expect(article).to_contain_text("You scored")
