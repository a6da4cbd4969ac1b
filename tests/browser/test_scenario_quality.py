"""Quality of the scenario player in every state: axe in the light and dark schemes,
the whole journey by keyboard alone, targets of at least 24 by 24 px, and a layout
that works 320 px wide and at 200 % zoom (with focus clear of the sticky header)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.guards import check_page
from tests.browser.scenario_walk import (
    FULL,
    NOT_KEPT,
    STALE,
    expect_focused_heading,
    first_choice_route,
    heading_name,
    radio,
    route,
    scenarios,
    small_targets,
    start,
    tab_until,
    text_of,
    walk,
)


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def richest(site: Path) -> tuple[str, dict, list]:
    """A scenario and a route that passes a reflection and a `next` step, if there is one."""
    best = None
    for path, data in scenarios(site):
        for outcome in ("good", "mixed", "poor"):
            route_ = route(data, outcome)
            kinds = {("reflect" if data["nodes"][n]["reflect"] else "") for n, _, _ in route_}
            kinds |= {("next" if data["nodes"][n]["next"] else "") for n, _, _ in route_}
            score = len(kinds - {""})
            if best is None or score > best[0]:
                best = (score, path, data, route_)
    return best[1], best[2], best[3]


def test_every_state_passes_axe(calm: Page, site_url: str, built_site: Path) -> None:
    """In the light scheme; the dark scheme's colours in each state: test_accessibility_players.py."""
    page = calm
    path, data, route_ = richest(built_site)
    page.goto(site_url + path)
    article = page.get_by_role("article")
    expect(article.get_by_role("button", name="Start scenario")).to_be_visible()
    check_page(page)  # the start card, with its content note

    article.get_by_role("button", name="Start scenario").click()
    article.get_by_role("button", name="Continue", exact=True).click()
    expect(article.get_by_role("alert")).to_be_visible()
    check_page(page)  # the error
    start(page, site_url, path)  # afresh: the walk expects focus on the first heading

    def write(state: str) -> None:
        if state == "reflect":
            article.get_by_role("textbox").fill("A reflection, for the My reflections page.")

    walk(page, data, route_, check=True, each=write)  # decision, reflection, feedback, next, ending
    expect(article.locator(".qe-themes a").first).to_be_visible()
    check_page(page)  # the debrief with its theme links

    page.reload()
    expect(article.get_by_role("button", name="See your debrief")).to_be_visible()
    check_page(page)  # the resume card

    page.goto(site_url + "my-reflections/")
    expect(article.get_by_role("button", name="Download as text")).to_be_visible()
    check_page(page)  # the My reflections page, with one
    page.goto(site_url + path)

    page.evaluate(
        "([key]) => localStorage.setItem(key, JSON.stringify({schema: 1, version: 'old', data: {path: []}}))",
        [f"qe:1:/:scenario:{data['id']}"],
    )
    page.reload()
    expect(article).to_contain_text(STALE)
    check_page(page)  # the stale notice

    page.add_init_script(FULL)
    page.reload()
    expect(article).to_contain_text(NOT_KEPT)
    check_page(page)  # storage full: the start card's notice
    article.get_by_role("button", name="Start scenario").click()
    expect(article).to_contain_text(NOT_KEPT)
    check_page(page)  # and the notice at a step


def test_whole_journey_by_keyboard_alone(calm: Page, site_url: str, built_site: Path) -> None:
    """Tab, Space and Enter only (and typing in the reflection box): no clicks, no arrows."""
    page = calm
    path, data = next(((p, d) for p, d in scenarios(built_site) if d["allow_back"]), scenarios(built_site)[0])
    route_ = first_choice_route(data)
    page.goto(site_url + path)
    article = page.get_by_role("article")
    keys = page.keyboard

    tab_until(page, article.get_by_role("button", name="Start scenario"))
    keys.press("Enter")
    first = data["nodes"][route_[0][0]]
    expect_focused_heading(page, article, heading_name(first, 1))

    # Continue with nothing chosen: the error takes focus, its link leads to the choices.
    tab_until(page, article.get_by_role("button", name="Continue", exact=True))
    keys.press("Enter")
    expect(article.get_by_role("alert")).to_be_focused()
    keys.press("Tab")
    expect(article.get_by_role("alert").get_by_role("link")).to_be_focused()
    keys.press("Enter")
    group = article.get_by_role("group", name="What do you do?")
    expect(group.get_by_role("radio").first).to_be_focused()

    went_back = False
    step = 0
    while step < len(route_):
        node_id, index, _ = route_[step]
        node = data["nodes"][node_id]
        if step or went_back:  # (the first step's focus is on its first choice, after the error)
            expect_focused_heading(page, article, heading_name(node, step + 1))
        if node["ending"]:
            expect(article.get_by_role("heading", name="Your path", level=3)).to_be_visible()
            tab_until(page, article.get_by_role("button", name="Start again"))
            keys.press("Enter")
            expect_focused_heading(page, article, heading_name(first, 1))
            return
        if node["reflect"]:
            tab_until(page, article.get_by_role("textbox", name=node["reflect"]))
            keys.type("Noted.")
        if node["choices"]:
            target = radio(group, node, index)
            tab_until(page, target)  # the first radio of an unchosen group takes focus
            keys.press("Space")
            expect(target).to_be_checked()
        tab_until(page, article.get_by_role("button", name="Continue", exact=True))
        keys.press("Enter")
        if index is not None and node["choices"][index]["feedback_html"]:
            expect(article.get_by_role("status")).to_contain_text(text_of(node["choices"][index]["feedback_html"])[:40])
            expect(article.get_by_role("button", name="Continue", exact=True)).to_be_focused()
            if data["allow_back"] and not went_back:
                # Back by keyboard once: the same step again, ready to choose.
                went_back = True
                tab_until(page, article.get_by_role("button", name="Back"))
                keys.press("Enter")
                continue
            keys.press("Enter")
        step += 1
    raise AssertionError("the journey did not reach an ending")


SIZES = [
    pytest.param({"width": 1280, "height": 720}, 1, id="desktop"),
    pytest.param(
        {"width": 320, "height": 640},
        1,
        id="320px",
        marks=pytest.mark.browser_context_args(viewport={"width": 320, "height": 640}),
    ),
    pytest.param(
        {"width": 640, "height": 400},
        2,
        id="zoom-200",  # a 1280 by 800 window at 200 %: 640 by 400 CSS px, drawn at twice the density
        marks=pytest.mark.browser_context_args(viewport={"width": 640, "height": 400}, device_scale_factor=2),
    ),
]


@pytest.mark.parametrize(("viewport", "density"), SIZES)
def test_targets_and_layout_at_each_size(
    calm: Page, site_url: str, built_site: Path, viewport: dict, density: int
) -> None:
    page = calm
    assert page.viewport_size == viewport
    assert page.evaluate("() => window.devicePixelRatio") == density
    path, data, route_ = richest(built_site)

    def fits(state: str) -> None:
        if state == "reflect":
            article.get_by_role("textbox").fill("A reflection for the My reflections page.")
        assert not small_targets(page), f"{state}: targets under 24 px: {small_targets(page)}"
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{state}: the page scrolls sideways ({width} px wide)"

    page.goto(site_url + path)
    article = page.get_by_role("article")
    fits("start card")
    start(page, site_url, path)
    article.get_by_role("button", name="Continue", exact=True).click()
    expect(article.get_by_role("alert")).to_be_focused()
    fits("error")
    start(page, site_url, path)  # afresh: the walk expects focus on the first heading
    walk(page, data, route_, each=fits)  # also: each new heading focused and clear of the header
    expect(article.locator(".qe-themes a").first).to_be_visible()
    fits("debrief")
    page.reload()
    fits("resume card")
    for page_path in ("", "my-reflections/"):
        page.goto(site_url + page_path)
        expect(article.locator("module-progress li, my-reflections h2").first).to_be_visible()
        fits(page_path or "home")
