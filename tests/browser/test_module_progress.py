"""The progress panel on the module's home page: each scenario and quiz with the
learner's state of it, a summary line, kept current as progress is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.guards import check_page
from tests.browser.scenario_walk import module_json, route, scenarios, small_targets, start, walk
from tests.browser.test_module_completion import minutes_text

NOW = "2026-12-01T10:00:00.000Z"


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def seed(page: Page, records: dict[str, tuple[str, dict]]) -> None:
    """Write summary records (id -> (version, data)) as the players save them."""
    page.evaluate(
        """(records) => {
            for (const [id, [version, data]] of Object.entries(records))
                localStorage.setItem(`qe:1:/:summary:${id}`, JSON.stringify({ schema: 1, version, data }));
        }""",
        records,
    )


def panel_item(page: Page, title: str):
    return (
        page.get_by_role("article").get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True))
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_panel_shows_each_state(calm: Page, site_url: str, built_site: Path, scheme: str) -> None:
    page = calm
    page.emulate_media(color_scheme=scheme)
    module = module_json(built_site)
    items = module["items"]
    scenario_items = [i for i in items if i["kind"] == "scenario"]
    quiz_items = [i for i in items if i["kind"] == "quiz"]
    page.goto(site_url)
    article = page.get_by_role("article")
    expect(article).to_contain_text(f"0 of {len(items)} done; complete the rest to get your certificate.")
    expect(article).to_contain_text(f"The whole module takes about {minutes_text(module['cpd_minutes'])}")
    for item in items:
        expect(panel_item(page, item["title"])).to_contain_text("Not started")

    done = {"status": "completed", "ending": "good", "ending_title": "Safer", "completed_at": NOW, "title": "x"}
    seed(
        page,
        {
            scenario_items[0]["id"]: (scenario_items[0]["version"], done),
            scenario_items[1]["id"]: (scenario_items[1]["version"], {"status": "in-progress", "title": "x"}),
            scenario_items[2]["id"]: ("an-old-version", done),  # edited since: not started
            quiz_items[0]["id"]: (quiz_items[0]["version"], {"status": "passed", "best": 90, "completed_at": NOW}),
            quiz_items[1]["id"]: (quiz_items[1]["version"], {"status": "failed", "best": 40}),
        },
    )
    page.reload()
    expected = {
        scenario_items[0]["title"]: "Completed",
        scenario_items[1]["title"]: "In progress",
        scenario_items[2]["title"]: "Not started",
        quiz_items[0]["title"]: "Passed",
        quiz_items[1]["title"]: "Not passed yet",
        quiz_items[2]["title"]: "Not started",
    }
    for title, state in expected.items():
        expect(panel_item(page, title)).to_contain_text(state)
    for item in items:
        link = panel_item(page, item["title"]).get_by_role("link", name=item["title"], exact=True)
        expect(link).to_have_attribute("href", site_url + item["url"])
    expect(article).to_contain_text(f"2 of {len(items)} done; complete the rest to get your certificate.")
    check_page(page)


def test_panel_follows_saves_and_says_when_all_are_done(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    items = module_json(built_site)["items"]
    page.goto(site_url)
    article = page.get_by_role("article")
    expect(article).to_contain_text("0 of")
    # A save on this page (the quiz-engine:progress event) updates the panel without a reload.
    page.evaluate(
        """async ([url, items]) => {
            const { openStore } = await import(url);
            const store = openStore();
            for (const i of items) {
                const data = i.kind === "scenario" ? { status: "completed" } : { status: "passed", best: 100 };
                store.set("summary", i.id, i.version, { ...data, completed_at: "2026-12-01T10:00:00.000Z" });
            }
        }""",
        [site_url + "assets/quiz-engine/storage.js", items],
    )
    expect(article).to_contain_text(f"All {len(items)} done. You can now get your certificate.")
    expect(article.get_by_role("link", name="Get your certificate")).to_have_attribute(
        "href", site_url + "certificate/"
    )
    assert not small_targets(page)


def test_panel_after_finishing_a_scenario(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    start(page, site_url, path)
    walk(page, data, route(data, "poor"))
    article = page.get_by_role("article")
    article.get_by_role("link", name="Back to scenarios").click()
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(site_url)
    expect(panel_item(page, data["title"])).to_contain_text("Completed")
    expect(article).to_contain_text("1 of")
