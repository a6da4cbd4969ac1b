"""Progress kept on the device: resume after a reload and after instant navigation,
Start again, a stale or unusable save, storage blocked or full, the summary record
progress.js reads, and the ways to leave (content note, every step)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.guards import PageWatch
from tests.browser.scenario_walk import (
    BLOCKED,
    FULL,
    LEAVE,
    NOT_KEPT,
    STALE,
    expect_focused_heading,
    heading_name,
    route,
    saved,
    scenarios,
    start,
    step_name,
    walk,
)


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def with_back(site: Path) -> tuple[str, dict]:
    return next((p, d) for p, d in scenarios(site) if d["allow_back"])


def as_path(route_: list, steps: int) -> list[dict]:
    return [{"node": node_id, "choice": index} for node_id, index, _ in route_[:steps]]


def test_resume_after_reload_then_finish(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = with_back(built_site)
    route_ = route(data, "good")
    article = start(page, site_url, path)
    walk(page, data, route_, end=3)
    record = saved(page, "scenario", data["id"])
    assert record["version"] == data["version"]
    assert record["data"]["path"] == as_path(route_, 3)
    summary = saved(page, "summary", data["id"])["data"]
    assert summary["status"] == "in-progress" and summary["title"] == data["title"]

    page.reload()
    here = data["nodes"][route_[3][0]]
    expect(article).to_contain_text(f"You were at: {step_name(here)}")
    expect(article.get_by_role("button", name="Start scenario")).to_have_count(0)
    expect(article.get_by_role("button", name="Start again")).to_be_visible()
    article.get_by_role("button", name="Resume").click()
    expect_focused_heading(page, article, heading_name(here, 4))

    # Back still works after a resume: the history is rebuilt from the saved path.
    last = max(i for i, (_, index, _) in enumerate(route_[:3]) if index is not None)
    article.get_by_role("button", name="Back").click()
    walk(page, data, route_, begin=last)

    ending = data["nodes"][route_[-1][0]]
    summary = saved(page, "summary", data["id"])["data"]
    assert summary["status"] == "completed"
    assert summary["ending"] == ending["ending"] and summary["ending_title"] == step_name(ending)
    assert datetime.fromisoformat(summary["completed_at"].replace("Z", "+00:00")).year >= 2025
    assert summary["title"] == data["title"]

    page.reload()
    expect(article).to_contain_text(f"You have finished this scenario: {step_name(ending)}")
    article.get_by_role("button", name="See your debrief").click()
    expect_focused_heading(page, article, heading_name(ending, len(route_)))
    expect(article.get_by_role("heading", name="Your path", level=3)).to_be_visible()


def test_start_again_from_the_resume_card(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    route_ = route(data, "good")
    article = start(page, site_url, path)
    walk(page, data, route_, end=2)
    page.reload()
    article.get_by_role("button", name="Start again").click()
    expect_focused_heading(page, article, heading_name(data["nodes"][data["start"]], 1))
    expect(article.get_by_role("button", name="Back")).to_have_count(0)
    assert saved(page, "scenario", data["id"])["data"]["path"] == []


def test_playing_again_keeps_the_date_first_completed(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    article = start(page, site_url, path)
    walk(page, data, route(data, "good"))
    first = saved(page, "summary", data["id"])["data"]
    page.wait_for_timeout(20)  # a later clock reading would differ
    article.get_by_role("button", name="Start again").click()
    poor = route(data, "poor")
    walk(page, data, poor)
    again = saved(page, "summary", data["id"])["data"]
    assert again["ending"] == data["nodes"][poor[-1][0]]["ending"] != first["ending"]  # the latest ending
    assert again["completed_at"] == first["completed_at"]


def test_resume_after_instant_navigation(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[-1]
    route_ = route(data, "good")
    article = start(page, site_url, path)
    page.evaluate("() => { window.__samePageLoad = true; }")  # gone if the browser reloads
    walk(page, data, route_, end=2)

    article.get_by_role("link", name=LEAVE).click()
    expect(page).to_have_url(site_url + "scenarios/")
    article.get_by_role("link", name=data["title"], exact=True).click()
    expect(page).to_have_url(site_url + path)
    article.get_by_role("button", name="Resume").click()
    expect_focused_heading(page, article, heading_name(data["nodes"][route_[2][0]], 3))
    assert page.evaluate("() => window.__samePageLoad === true"), "instant navigation was not used"
    walk(page, data, route_, begin=2)


@pytest.mark.parametrize("bad", ["other-version", "path-that-no-longer-fits"])
def test_a_stale_save_starts_again_with_a_notice(calm: Page, site_url: str, built_site: Path, bad: str) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    version = "0123456789ab" if bad == "other-version" else data["version"]
    record = {"schema": 1, "version": version, "data": {"path": [{"node": "gone", "choice": 0}], "firsts": {}}}
    page.goto(site_url)
    page.evaluate(
        "([key, record]) => localStorage.setItem(key, JSON.stringify(record))",
        [f"qe:1:/:scenario:{data['id']}", record],
    )
    page.goto(site_url + path)
    article = page.get_by_role("article")
    expect(article).to_contain_text(STALE)
    expect(article.get_by_role("button", name="Resume")).to_have_count(0)
    article.get_by_role("button", name="Start scenario").click()
    expect_focused_heading(page, article, heading_name(data["nodes"][data["start"]], 1))
    assert saved(page, "scenario", data["id"]) == {
        "schema": 1,
        "version": data["version"],
        "data": {"path": [], "firsts": {}},
    }


@pytest.mark.parametrize("storage", ["blocked", "full"])
def test_no_storage_still_completes_with_a_notice(
    calm: Page, site_url: str, built_site: Path, storage: str, watch: PageWatch
) -> None:
    page = calm
    stacks: list[str] = []
    page.on("pageerror", lambda exc: stacks.append(f"{exc.message}\n{exc.stack}"))
    page.add_init_script(BLOCKED if storage == "blocked" else FULL)
    path, data = scenarios(built_site)[0]
    article = start(page, site_url, path)

    def notice_shown(state: str) -> None:
        expect(article).to_contain_text(NOT_KEPT)

    walk(page, data, route(data, "good"), each=notice_shown)
    expect(article.get_by_role("heading", name="Your path", level=3)).to_be_visible()
    # Not ours, and not Material's either (its head script's storage read is guarded by our theme).
    assert stacks == []


def test_content_note_offers_a_way_out(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = next((p, d) for p, d in scenarios(built_site) if d["content_note_html"])
    page.goto(site_url + path)
    article = page.get_by_role("article")
    expect(article.get_by_text("Content note", exact=True)).to_be_visible()
    expect(article).to_contain_text("staff support")
    # The note comes before the Start button, in reading and in Tab order.
    note = article.get_by_role("link", name="Not now: back to scenarios")
    start_button = article.get_by_role("button", name="Start scenario")
    assert note.bounding_box()["y"] < start_button.bounding_box()["y"]
    note.click()
    expect(page).to_have_url(site_url + "scenarios/")
    expect(page.get_by_role("heading", name="Scenarios", level=1)).to_be_visible()


def test_saves_survive_a_failing_write(calm: Page, site_url: str, built_site: Path) -> None:
    """Storage that fills up mid-scenario: the learner goes on, and is told."""
    page = calm
    path, data = scenarios(built_site)[0]
    route_ = route(data, "good")
    article = start(page, site_url, path)
    walk(page, data, route_, end=1)
    page.evaluate(
        """() => { Storage.prototype.setItem = () => { throw new DOMException("full", "QuotaExceededError"); }; }"""
    )
    expect(article).not_to_contain_text(NOT_KEPT)
    walk(page, data, route_, begin=1, end=2)
    expect(article).to_contain_text(NOT_KEPT)
    walk(page, data, route_, begin=2)
