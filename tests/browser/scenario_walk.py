"""Helpers for the <scenario-player> browser tests: the scenarios' own data read from
the built pages, routes planned from it (so content edits do not break the tests),
and what the learner should see at each step. Locators are role-based, inside
the page's article (Material has hidden radios and links of its own)."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.guards import check_page

RATING = {"best": "Best response", "acceptable": "Acceptable", "poor": "Poor response"}
RANK = {"best": 3, "acceptable": 2, "poor": 1}
OUTCOME = {"good": "Good outcome", "mixed": "Mixed outcome", "poor": "Poor outcome"}
STALE = "This scenario has changed since you last used it, so it starts again."
NOT_KEPT = "Your progress will not be kept on this device"
LEAVE = "Leave and come back later"
TEMPLATE = re.compile(r'<template class="qe-data">(.*?)</template>', re.S)
COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
Route = list[tuple[str, int | None, dict]]


# --- the scenario data, and routes through it -----------------------------------------


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


def module_json(site: Path) -> dict:
    return json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))


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


def route(data: dict, outcome: str = "good") -> Route:
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


def first_choice_route(data: dict) -> Route:
    """Always the first choice shown: reachable with Tab and Space alone."""
    node_id, values, path = data["start"], dict(data["variables"]), []
    for _ in range(200):
        node = data["nodes"][node_id]
        if node["ending"]:
            return [*path, (node_id, None, values)]
        if node["next"]:
            path.append((node_id, None, values))
            node_id = node["next"]
            continue
        i = visible(node, values)[0]
        path.append((node_id, i, values))
        node_id, values = node["choices"][i]["goto"], after(node["choices"][i], values)
    raise AssertionError(f"the first-choice route of {data['id']} does not end")


def route_through_reflection(data: dict) -> tuple[Route, int]:
    """A route to an ending that passes a `reflect` step, and that step's index in it."""
    for outcome in ("good", "mixed", "poor"):
        path = route(data, outcome)
        for i, (node_id, _, _) in enumerate(path):
            if data["nodes"][node_id]["reflect"]:
                return path, i
    raise AssertionError(f"no route of {data['id']} passes a reflection")


def scores_of(data: dict, path: Route) -> dict:
    totals = dict.fromkeys(data["dimensions"], 0)
    for node_id, index, _ in path:
        if index is not None:
            for dim, n in data["nodes"][node_id]["choices"][index]["score"].items():
                totals[dim] += n
    return totals


# --- what the learner sees -----------------------------------------------------------


def heading_name(node: dict, step: int) -> str:
    return node["title"] or ("The end" if node["ending"] else f"Step {step}")


def step_name(node: dict) -> str:
    """The debrief's and the reflections page's name for a step."""
    if node["title"]:
        return node["title"]
    text = text_of(node["text_html"])
    return text if len(text) <= 70 else text[:67].rstrip() + "…"


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


def start(page: Page, site_url: str, path: str) -> Locator:
    page.goto(site_url + path)
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    return article


def walk(
    page: Page,
    data: dict,
    path: Route,
    *,
    detour: bool = False,
    check: bool = False,
    each=None,
    begin: int = 0,
    end: int | None = None,
) -> None:
    """Follow `path` from step `begin` to its ending, or up to (not into) step `end`.
    With `detour`, first take another choice at each decision and go Back, so any
    effect Back failed to undo would change the choices shown later. With `check`,
    run axe once in each kind of state. `each` is called with the state's name
    ("decision", "feedback", ...) in every state the player reaches."""
    article = page.get_by_role("article")
    checked: set[str] = set()

    def visit(state: str) -> None:
        if check and state not in checked:
            checked.add(state)
            check_page(page)
        if each:
            each(state)

    for step, (node_id, index, values) in enumerate(path[begin:end], start=begin + 1):
        node = data["nodes"][node_id]
        expect_focused_heading(page, article, heading_name(node, step))
        if node["ending"]:
            expect(article).to_contain_text(OUTCOME[node["ending"]])
            expect(article.get_by_role("button", name="Start again")).to_be_visible()
            visit("ending")
            return
        expect(article.get_by_role("link", name=LEAVE)).to_be_visible()
        if node["next"]:
            expect(article.get_by_role("group", name="What do you do?")).to_have_count(0)
            visit("next")
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
        visit("reflect" if node["reflect"] else "decision")
        others = [i for i in shown if i != index]
        if detour and others and data["allow_back"]:
            radio(group, node, others[0]).check()
            article.get_by_role("button", name="Continue", exact=True).click()
            article.get_by_role("button", name="Back").click()
            expect_focused_heading(page, article, heading_name(node, step))
        radio(group, node, index).check()
        expect(radio(group, node, index)).to_be_checked()
        status = article.get_by_role("status")
        expect(status).to_have_count(1)  # there, and empty, before the feedback: the change is announced
        expect(status).to_have_text("")
        region = status.element_handle()
        article.get_by_role("button", name="Continue", exact=True).click()
        choice = node["choices"][index]
        if choice["feedback_html"]:
            assert region.evaluate("(el) => el.isConnected"), "the status region was replaced, not filled"
            if choice["rating"]:
                expect(status).to_contain_text(RATING[choice["rating"]])
            expect(status).to_contain_text(text_of(choice["feedback_html"])[:60])
            expect(article.get_by_role("button", name="Continue", exact=True)).to_be_focused()
            visit("feedback")
            article.get_by_role("button", name="Continue", exact=True).click()
    if end is None:
        raise AssertionError("the route ended without an ending")
    expect_focused_heading(page, article, heading_name(data["nodes"][path[end][0]], end + 1))


# --- storage --------------------------------------------------------------------------


def saved(page: Page, kind: str, item_id: str) -> dict | None:
    """The record the runtime saved in localStorage (any site path), or None."""
    return page.evaluate(
        """([kind, id]) => {
            const key = Object.keys(localStorage).find((k) => k.startsWith("qe:") && k.endsWith(`:${kind}:${id}`));
            return key ? JSON.parse(localStorage.getItem(key)) : null;
        }""",
        [kind, item_id],
    )


BLOCKED = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});"""
FULL = """Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""


def tab_until(page: Page, target: Locator, limit: int = 200) -> None:
    """Press Tab (only) until `target` has focus (no key at all if it has it already)."""
    for _ in range(limit):
        if target.evaluate("(el) => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def small_targets(page: Page) -> list[str]:
    """Our controls in the players and panels smaller than 24 by 24 CSS px (WCAG 2.5.8).
    Links inside the trainers' own text are inline in sentences (the exception)."""
    return page.evaluate(
        """() => {
            const selector = [
                ":is(scenario-player, module-progress, my-reflections) :is(button, .qe-option label, .qe-option input, textarea)",
                ":is(scenario-player, module-progress, my-reflections) :is(.qe-actions, .qe-note, .qe-sources, .qe-themes, .qe-error-summary, .qe-progress, .qe-reflections > h2) a, module-progress a",
            ].join(", ");
            return [...document.querySelectorAll(selector)]
                .filter((el) => el.getClientRects().length)
                .map((el) => ({ el, box: el.getBoundingClientRect() }))
                .filter(({ box }) => box.width < 24 || box.height < 24)
                .map(({ el, box }) => `${el.localName} "${el.textContent.trim().slice(0, 40)}" ${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
        }"""
    )
