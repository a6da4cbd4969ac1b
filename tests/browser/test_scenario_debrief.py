"""The debrief at an ending: the path step by step (with the first choice where Back
changed it, and the best-rated choice where the learner's was rated lower), totals
per dimension, themes with links to the briefing, sources, and a clean print."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.scenario_walk import (
    RANK,
    RATING,
    module_json,
    route,
    scenarios,
    scores_of,
    start,
    step_name,
    text_of,
    visible,
    walk,
)


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def test_debrief_shows_path_first_choices_scores_themes_and_sources(
    calm: Page, site_url: str, built_site: Path
) -> None:
    page = calm
    path, data = next((p, d) for p, d in scenarios(built_site) if d["allow_back"] and d["dimensions"])
    route_ = route(data, "mixed")
    start(page, site_url, path)
    walk(page, data, route_, detour=True)  # another choice first at each decision, then Back
    article = page.get_by_role("article")

    decisions = [(node_id, index, values) for node_id, index, values in route_ if index is not None]
    items = article.get_by_role("listitem").filter(has_text="Your choice:")
    expect(items).to_have_count(len(decisions))
    for item, (node_id, index, values) in zip(items.all(), decisions, strict=True):
        node = data["nodes"][node_id]
        choice = node["choices"][index]
        expect(item).to_contain_text(step_name(node))
        expect(item).to_contain_text(f"Your choice: {text_of(choice['text_html'])}")
        shown = visible(node, values)
        others = [i for i in shown if i != index]
        if others:  # the detour took the first other choice before going Back
            expect(item).to_contain_text(f"First choice: {text_of(node['choices'][others[0]]['text_html'])}")
        else:
            expect(item).not_to_contain_text("First choice:")
        if choice["rating"]:
            expect(item).to_contain_text(f"Rating: {RATING[choice['rating']]}")
        if choice["feedback_html"]:
            expect(item).to_contain_text(text_of(choice["feedback_html"])[:60])
        ranks = [RANK.get(node["choices"][i]["rating"], 0) for i in shown]
        mine = RANK.get(choice["rating"], 0)
        if max(ranks) > mine:
            best = node["choices"][shown[ranks.index(max(ranks))]]
            expect(item).to_contain_text(f"Best-rated choice: {text_of(best['text_html'])}")
        else:
            expect(item).not_to_contain_text("Best-rated choice:")

    table = article.get_by_role("table")
    for dim, total in scores_of(data, route_).items():
        row = table.get_by_role("row", name=data["dimensions"][dim])
        expect(row).to_contain_text(f"+{total}" if total > 0 else str(total))

    themes = module_json(built_site)["themes"]
    for slug in data["themes"]:
        link = article.get_by_role("link", name=themes[slug]["title"], exact=True)
        expect(link).to_have_attribute("href", site_url + themes[slug]["url"])
    for source in data["sources"]:
        expect(article.get_by_role("link", name=source["title"], exact=True)).to_have_attribute("href", source["url"])

    # A theme link goes to the briefing section that covers it.
    first = themes[data["themes"][0]]
    article.get_by_role("link", name=first["title"], exact=True).click()
    expect(page).to_have_url(site_url + first["url"])


def test_debrief_prints_without_the_site_around_it(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    path, data = scenarios(built_site)[0]
    start(page, site_url, path)
    walk(page, data, route(data, "good"))
    article = page.get_by_role("article")
    article.get_by_role("button", name="Print debrief").click()
    assert page.evaluate("() => window.__printed") == 1

    page.emulate_media(media="print")
    for hidden in (page.get_by_role("banner"), page.get_by_role("contentinfo")):
        expect(hidden).to_be_hidden()
    expect(page.get_by_role("navigation", name="Navigation")).to_be_hidden()
    expect(article.get_by_role("button")).to_have_count(0)  # hidden controls leave the accessibility tree
    expect(article.get_by_role("heading", name="Your path", level=3)).to_be_visible()
    expect(article.get_by_role("heading", name="Sources", level=3)).to_be_visible()
    expect(article.get_by_role("heading", name=data["title"], level=1)).to_be_visible()


def test_sources_link_only_to_web_and_mail_addresses(page: Page, site_url: str) -> None:
    page.goto(site_url)
    links = page.evaluate(
        """async (url) => {
            const { sourceList } = await import(url);
            const list = sourceList([
                { title: "Guidance", url: "https://www.gov.uk/" },
                { title: "Ask us", url: "mailto:training@example.org" },
                { title: "Script", url: "javascript:alert(1)" },
                { title: "Hidden script", url: "java\\tscript:alert(1)" },
                { title: "Data", url: "data:text/html,<script>alert(1)</script>" },
            ]);
            return [...list.querySelectorAll("li")].map((li) => [li.textContent, li.querySelector("a")?.getAttribute("href") ?? null]);
        }""",
        site_url + "assets/quiz-engine/dom.js",
    )
    assert links == [
        ["Guidance", "https://www.gov.uk/"],
        ["Ask us", "mailto:training@example.org"],
        ["Script", None],
        ["Hidden script", None],
        ["Data", None],
    ]
