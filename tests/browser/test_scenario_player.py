"""<scenario-player> on the built default module: what a keyboard and screen-reader
user meets at each step, a route to an ending, Back, and Material's instant
navigation. Routes are planned from the scenario's own data (scenario_walk.py), so
content edits do not break the tests; locators are role-based, as a screen reader
sees the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.guards import check_page
from tests.browser.scenario_walk import expect_focused_heading, heading_name, route, scenarios, text_of, visible, walk


@pytest.fixture
def calm(page: Page) -> Page:
    # Material's own transitions respect reduced motion; axe then never sees a half-faded tab.
    page.emulate_media(reduced_motion="reduce")
    return page


# --- tests ------------------------------------------------------------------------------


def test_start_card_then_first_step_by_keyboard(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    page.goto(site_url + path)
    article = page.get_by_role("article")
    expect(page.get_by_role("heading", name=data["title"], exact=True)).to_have_count(1)  # the h1 alone
    expect(article).not_to_contain_text("needs JavaScript")  # the fallback text is gone
    if data["role"]:
        expect(article).to_contain_text(data["role"])
    check_page(page)

    start = article.get_by_role("button", name="Start scenario")
    start.focus()
    page.keyboard.press("Enter")
    first = data["nodes"][data["start"]]
    expect_focused_heading(page, article, heading_name(first, 1))

    # Continue with nothing chosen: an error that takes focus, not silence.
    article.get_by_role("button", name="Continue", exact=True).click()
    expect(article.get_by_role("alert")).to_be_focused()
    expect(article.get_by_role("alert")).to_contain_text("There is a problem")
    expect(article.get_by_role("group", name="What do you do?")).to_contain_text("Select what you would do")
    check_page(page)

    # Choosing by keyboard never moves on by itself.
    group = article.get_by_role("group", name="What do you do?")
    group.get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    expect(group.get_by_role("radio").first).to_be_checked()
    shown = visible(first, data["variables"])
    if len(shown) > 1:
        page.keyboard.press("ArrowDown")
        expect(group.get_by_role("radio").nth(1)).to_be_checked()
    expect(article.get_by_role("heading", name=heading_name(first, 1), level=2)).to_be_visible()
    article.get_by_role("button", name="Continue", exact=True).focus()
    page.keyboard.press("Enter")
    choice = first["choices"][shown[min(1, len(shown) - 1)]]
    if choice["feedback_html"]:
        expect(article.get_by_role("status")).to_contain_text(text_of(choice["feedback_html"])[:60])
        expect(article.get_by_role("button", name="Continue", exact=True)).to_be_focused()
        page.keyboard.press("Enter")
    step = data["nodes"][choice["goto"]]
    expect_focused_heading(page, article, heading_name(step, 2))


@pytest.mark.parametrize("outcome", ["good", "poor"])
def test_every_scenario_reaches_its_good_and_its_poor_ending(
    calm: Page, site_url: str, built_site: Path, outcome: str
) -> None:
    page = calm
    for n, (path, data) in enumerate(scenarios(built_site)):
        page.goto(site_url + path)
        page.get_by_role("article").get_by_role("button", name="Start scenario").click()
        steps = route(data, outcome)
        assert data["nodes"][steps[-1][0]]["ending"] == outcome, f"{data['id']} has no {outcome} ending"
        walk(page, data, steps, check=(n == 0))


def test_poor_ending_in_dark_scheme(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.emulate_media(color_scheme="dark")
    path, data = scenarios(built_site)[0]
    page.goto(site_url + path)
    page.get_by_role("article").get_by_role("button", name="Start scenario").click()
    walk(page, data, route(data, "poor"), check=True)


def test_back_undoes_each_decision(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = next((p, d) for p, d in scenarios(built_site) if d["allow_back"])
    page.goto(site_url + path)
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    # The planned good route needs the variables exactly as planned: a detour whose
    # effects Back did not undo would hide or show other choices on the way.
    walk(page, data, route(data, "good"), detour=True)
    article.get_by_role("button", name="Start again").click()
    expect_focused_heading(page, article, heading_name(data["nodes"][data["start"]], 1))
    expect(article.get_by_role("button", name="Back")).to_have_count(0)


def test_works_again_after_instant_navigation(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = scenarios(built_site)[0]
    page.goto(site_url + path)
    page.evaluate("() => { window.__samePageLoad = true; }")  # gone if the browser reloads
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()

    # Away by a link, back by the browser's Back button.
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(site_url)
    page.go_back()
    expect(page).to_have_url(site_url + path)
    # Away and back by links (Material's footer: next page, then previous).
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name=re.compile(r"^(Next|Previous):")).first.click()
    expect(page).not_to_have_url(site_url + path)
    page.get_by_role("contentinfo").get_by_role("link", name=re.compile(r"^(Next|Previous):")).filter(
        has_text=data["title"]
    ).click()
    expect(page).to_have_url(site_url + path)
    assert page.evaluate("() => window.__samePageLoad === true"), (
        "Material's instant navigation was not used (is the site built with site_url = the served URL?)"
    )

    # The players' stylesheet is still applied: instant navigation rewrites <head> to each page's own.
    sheets = page.evaluate("() => [...document.styleSheets].map((s) => s.href || '')")
    assert any(href.endswith("/players.css") for href in sheets), sheets

    route_ = route(data, "good")
    expect(article.get_by_role("button", name="Start scenario")).to_have_count(1)
    article.get_by_role("button", name="Start scenario").click()
    walk(page, data, route_)


def test_engine_conditions_and_effects(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url)
    result = page.evaluate(
        """async (url) => {
            const E = await import(url);
            const vars = {seen: false, concern: 2};
            const tree = {op: "and", args: [{op: "not", args: [{var: "seen"}]}, {op: ">=", args: [{var: "concern"}, {const: 2}]}]};
            const before = {node: "a", vars, scores: {time: 0}, step: 1};
            const choice = {goto: "b", set: {seen: true}, add: {concern: 1}, score: {time: -1}};
            const next = E.applyChoice(before, choice);
            const node = {choices: [{if: null}, {if: tree}, {if: {op: "==", args: [{var: "concern"}, {const: 9}]}}]};
            return {
                holds: E.evaluate(tree, vars),
                or: E.evaluate({op: "or", args: [{var: "seen"}, {op: "<", args: [{var: "concern"}, {const: 1}]}]}, vars),
                strict: E.evaluate({op: "==", args: [{var: "seen"}, {const: 0}]}, vars),
                next, before,
                shown: E.visibleChoices(node, vars).map((v) => v.index),
            };
        }""",
        site_url + "assets/quiz-engine/scenario-engine.js",
    )
    assert result["holds"] is True
    assert result["or"] is False
    assert result["strict"] is False  # no JavaScript coercion: false is not 0
    assert result["next"] == {"node": "b", "vars": {"seen": True, "concern": 3}, "scores": {"time": -1}, "step": 2}
    assert result["before"]["vars"] == {"seen": False, "concern": 2}  # states are never mutated
    assert result["shown"] == [0, 1]


def test_engine_paths_replay_and_debrief(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url)
    result = page.evaluate(
        """async (url) => {
            const E = await import(url);
            const s = {
                start: "a", variables: {seen: false}, dimensions: {time: "On time"},
                nodes: {
                    a: {choices: [
                        {goto: "b", rating: "poor", set: {seen: true}, score: {time: -1}},
                        {goto: "b", rating: "best", set: {}, score: {time: 1}},
                        {goto: "end", rating: "acceptable", if: {var: "seen"}, set: {}},
                    ]},
                    b: {next: "c"},
                    c: {choices: [{goto: "end", rating: null}, {goto: "end", rating: "acceptable"}]},
                    end: {ending: "good"},
                },
            };
            let state = E.startState(s);
            state = E.move(s, state, 0);
            state = E.move(s, state, null);
            state = E.move(s, state, 0);
            const states = E.replay(s, state.path);
            return {
                path: state.path, scores: state.scores, vars: state.vars, step: state.step,
                same: JSON.stringify(states.at(-1)) === JSON.stringify(state),
                count: states.length,
                back: E.lastDecision(states),
                backFromStart: E.lastDecision([E.startState(s)]),
                hiddenChoice: E.replay(s, [{node: "a", choice: 2}]),
                wrongNode: E.replay(s, [{node: "b", choice: null}]),
                notAPath: E.replay(s, {node: "a"}),
                pastTheEnd: E.replay(s, [...state.path, {node: "end", choice: null}]),
                debrief: E.debriefSteps(s, states, {a: 1}).map((d) => ({
                    node: d.nodeId, choice: d.choice.rating, first: d.first && d.first.rating, best: d.best && d.best.rating,
                })),
            };
        }""",
        site_url + "assets/quiz-engine/scenario-engine.js",
    )
    assert result["path"] == [{"node": "a", "choice": 0}, {"node": "b", "choice": None}, {"node": "c", "choice": 0}]
    assert result["scores"] == {"time": -1} and result["vars"] == {"seen": True} and result["step"] == 4
    assert result["same"] and result["count"] == 4
    assert result["back"] == 2  # Back from the end returns to c, the last decision
    assert result["backFromStart"] == -1
    # A saved path that no longer fits the scenario is refused, never half-followed.
    assert result["hiddenChoice"] is None and result["wrongNode"] is None
    assert result["notAPath"] is None and result["pastTheEnd"] is None
    assert result["debrief"] == [
        {"node": "a", "choice": "poor", "first": "best", "best": "best"},
        {"node": "c", "choice": None, "first": None, "best": "acceptable"},
    ]
