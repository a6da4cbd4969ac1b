"""<scenario-player> on the built default module: what a keyboard and screen-reader
user meets at each step, a route to an ending, Back, and Material's instant
navigation. Routes are planned from the scenario's own data, so content edits do
not break the tests; locators are role-based, as a screen reader sees the page."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.guards import check_page

RATING = {"best": "Best response", "acceptable": "Acceptable", "poor": "Poor response"}
OUTCOME = {"good": "Good outcome", "mixed": "Mixed outcome", "poor": "Poor outcome"}
TEMPLATE = re.compile(r'<template class="qe-data">(.*?)</template>', re.S)
COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


# --- the scenario data, and a route through it -----------------------------------


def scenarios(site: Path) -> list[tuple[str, dict]]:
    """(page path, data) of each generated scenario page, read from the built HTML."""
    found = []
    for index in sorted((site / "scenarios").glob("*/index.html")):
        for match in TEMPLATE.finditer(index.read_text(encoding="utf-8")):
            data = json.loads(html.unescape(match.group(1)))
            if data["kind"] == "scenario":
                found.append((index.parent.relative_to(site).as_posix() + "/", data))
    assert found, "the default module has no scenario pages"
    return found


def text_of(fragment: str | None) -> str:
    """What a screen reader reads for an inline HTML string."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment or "")).split())


def evaluate(tree: dict | None, values: dict) -> object:
    """The test's own reading of a condition tree (README), to check the browser's."""
    if tree is None:
        return True
    if "var" in tree:
        return values[tree["var"]]
    if "const" in tree:
        return tree["const"]
    args = tree.get("args", [])
    if tree["op"] == "not":
        return not evaluate(args[0], values)
    if tree["op"] == "and":
        return all(evaluate(a, values) for a in args)
    if tree["op"] == "or":
        return any(evaluate(a, values) for a in args)
    return COMPARE[tree["op"]](evaluate(args[0], values), evaluate(args[1], values))


def visible(node: dict, values: dict) -> list[int]:
    return [i for i, c in enumerate(node["choices"] or []) if evaluate(c["if"], values)]


def after(choice: dict, values: dict) -> dict:
    new = {**values, **choice["set"]}
    for name, n in choice["add"].items():
        new[name] = new[name] + n
    return new


def route(data: dict, outcome: str = "good") -> list[tuple[str, int | None, dict]]:
    """Shortest route to an ending with `outcome` (else to any ending), as
    (node id, choice index or None, variable values on arrival)."""
    start = (data["start"], dict(data["variables"]))
    queue = deque([(start, [])])
    seen = set()
    fallback = None
    while queue:
        (node_id, values), path = queue.popleft()
        key = (node_id, tuple(sorted(values.items())))
        if key in seen:
            continue
        seen.add(key)
        node = data["nodes"][node_id]
        if node["ending"]:
            full = [*path, (node_id, None, values)]
            if node["ending"] == outcome:
                return full
            fallback = fallback or full
        elif node["next"]:
            queue.append(((node["next"], values), [*path, (node_id, None, values)]))
        else:
            for i in visible(node, values):
                choice = node["choices"][i]
                queue.append(((choice["goto"], after(choice, values)), [*path, (node_id, i, values)]))
    assert fallback, f"no ending reachable in {data['id']}"
    return fallback


# --- what the learner sees -----------------------------------------------------------


def heading_name(node: dict, step: int) -> str:
    return node["title"] or ("The end" if node["ending"] else f"Step {step}")


def expect_focused_heading(page: Page, article: Locator, name: str) -> None:
    heading = article.get_by_role("heading", name=name, exact=True, level=2)
    expect(heading).to_be_focused()
    # Not hidden under Material's sticky header (WCAG 2.4.11), and on screen.
    header = page.get_by_role("banner").bounding_box()
    box = heading.bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, f"{name!r} is under the header"
    assert box["y"] + box["height"] <= page.viewport_size["height"], f"{name!r} is below the screen"


def radio(group: Locator, node: dict, index: int) -> Locator:
    name = text_of(node["choices"][index]["text_html"])
    return group.get_by_role("radio", name=name, exact=True).first


def walk(page: Page, data: dict, path: list, *, detour: bool = False, check: bool = False) -> None:
    """Follow `path` from the first step. With `detour`, first take another choice at
    each decision and go Back, so any effect Back failed to undo would change the
    choices shown later. With `check`, run axe once in each kind of state."""
    article = page.get_by_role("article")
    checked: set[str] = set()

    def check_once(state: str) -> None:
        if check and state not in checked:
            checked.add(state)
            check_page(page)

    for step, (node_id, index, values) in enumerate(path, start=1):
        node = data["nodes"][node_id]
        expect_focused_heading(page, article, heading_name(node, step))
        if node["ending"]:
            expect(article).to_contain_text(OUTCOME[node["ending"]])
            expect(article.get_by_role("button", name="Start again")).to_be_visible()
            check_once("ending")
            return
        if node["next"]:
            expect(article.get_by_role("group", name="What do you do?")).to_have_count(0)
            check_once("next")
            article.get_by_role("button", name="Continue", exact=True).click()
            continue
        group = article.get_by_role("group", name="What do you do?")
        shown = visible(node, values)
        expect(group.get_by_role("radio")).to_have_count(len(shown))
        for i in shown:
            expect(radio(group, node, i)).to_be_visible()
        expect(article.get_by_role("button", name="Back")).to_have_count(
            1 if data["allow_back"] and any(p[1] is not None for p in path[: step - 1]) else 0
        )
        check_once("decision")
        others = [i for i in shown if i != index]
        if detour and others and data["allow_back"]:
            radio(group, node, others[0]).check()
            article.get_by_role("button", name="Continue", exact=True).click()
            article.get_by_role("button", name="Back").click()
            expect_focused_heading(page, article, heading_name(node, step))
        radio(group, node, index).check()
        expect(radio(group, node, index)).to_be_checked()
        article.get_by_role("button", name="Continue", exact=True).click()
        choice = node["choices"][index]
        if choice["feedback_html"]:
            status = article.get_by_role("status")
            if choice["rating"]:
                expect(status).to_contain_text(RATING[choice["rating"]])
            expect(status).to_contain_text(text_of(choice["feedback_html"])[:60])
            expect(article.get_by_role("button", name="Continue", exact=True)).to_be_focused()
            check_once("feedback")
            article.get_by_role("button", name="Continue", exact=True).click()
    raise AssertionError("the route ended without an ending")


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
    expect(article.get_by_role("heading", name=data["title"], level=2)).to_be_visible()
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


def test_every_scenario_reaches_an_ending(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    for n, (path, data) in enumerate(scenarios(built_site)):
        page.goto(site_url + path)
        page.get_by_role("article").get_by_role("button", name="Start scenario").click()
        walk(page, data, route(data, "good"), check=(n == 0))


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
        site_url + "assets/quiz-engine/engine.js",
    )
    assert result["holds"] is True
    assert result["or"] is False
    assert result["strict"] is False  # no JavaScript coercion: false is not 0
    assert result["next"] == {"node": "b", "vars": {"seen": True, "concern": 3}, "scores": {"time": -1}, "step": 2}
    assert result["before"]["vars"] == {"seen": False, "concern": 2}  # states are never mutated
    assert result["shown"] == [0, 1]
