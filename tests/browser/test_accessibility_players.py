"""The players in each of their states, under the three engines of test_accessibility_pages.py:
a scenario's start, decision, feedback, step without a decision and ending with its
debrief; a quiz's start, a question of each type, an answer left out (the error), a
checked answer and the results; and an open glossary explanation. Each state is checked
with every rule at 320 px in the light scheme and with the colour rules at desktop width
in the dark scheme (the pages' test covers the rest of the matrix for the same markup)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.guards import all_violations
from tests.browser.scenario_walk import first_choice_route, scenarios, walk
from tests.browser.test_accessibility_pages import set_scheme
from tests.browser.test_quiz_player import current_question, quizzes

STATES = [({"width": 320, "height": 640}, "light", False), ({"width": 1280, "height": 800}, "dark", True)]


def violations_in_state(page: Page, where: str) -> list[str]:
    found = []
    page.mouse.move(0, 0)  # not resting on a link of the new layout (its hover colour fades in)
    for viewport, scheme, colour_only in STATES:
        page.set_viewport_size(viewport)
        set_scheme(page, scheme)
        page.wait_for_timeout(300)  # the theme's sidebar fades in when the window widens
        found += [f"{where} at {viewport['width']} px, {scheme}: {v}" for v in all_violations(page, colour_only)]
    page.set_viewport_size(STATES[0][0])
    return found


def test_a_scenario_in_each_state(page: Page, served_default: tuple[Path, str]) -> None:
    site, url = served_default
    path, data = scenarios(site)[0]
    page.goto(url + path)
    found = violations_in_state(page, f"/{path} start")
    page.get_by_role("article").get_by_role("button", name="Start scenario").click()
    seen: set[str] = set()

    def each(state: str) -> None:
        if state not in seen:  # once per kind of state: decision, reflect, next, feedback, ending
            seen.add(state)
            found.extend(violations_in_state(page, f"/{path} {state}"))

    walk(page, data, first_choice_route(data), each=each)
    assert {"decision", "feedback", "ending"} <= seen, seen
    assert not found, f"{len(found)} violations:\n" + "\n".join(found[:60])


def answer_any(group: Locator) -> None:
    """Some answer to the question shown (right or wrong does not matter here)."""
    items = group.get_by_role("group")  # a match question: one group per item
    if items.count():
        for item in items.all():
            item.get_by_role("radio").first.check()
    elif group.get_by_role("radio").count():
        group.get_by_role("radio").first.check()
    elif group.get_by_role("checkbox").count():
        group.get_by_role("checkbox").first.check()
    # order: the items as shown


def test_a_quiz_in_each_state(page: Page, served_default: tuple[Path, str]) -> None:
    site, url = served_default
    path, data = next((p, d) for p, d in quizzes(site) if p == "quizzes/thresholds-and-need/")  # every type
    page.goto(url + path)
    article = page.get_by_role("article")
    found = violations_in_state(page, f"/{path} start")
    article.get_by_role("button", name="Start quiz").click()
    types_seen: set[str] = set()
    for n in range(1, len(data["questions"]) + 1):
        expect(article.get_by_role("heading", name=f"Question {n} of {len(data['questions'])}")).to_be_visible()
        question, group = current_question(article, data)
        if question["type"] not in types_seen:
            types_seen.add(question["type"])
            found += violations_in_state(page, f"/{path} question {n} ({question['type']})")
        if n == 1 and question["type"] != "order":
            article.get_by_role("button", name="Check answer").click()
            expect(article.get_by_role("alert")).to_be_visible()
            found += violations_in_state(page, f"/{path} question {n}, not answered")
        answer_any(group)
        article.get_by_role("button", name="Check answer").click()
        expect(article.get_by_role("status")).not_to_be_empty()
        if n == 1:
            found += violations_in_state(page, f"/{path} question {n}, checked")
        article.get_by_role("button", name="See results" if n == len(data["questions"]) else "Next question").click()
    expect(article.get_by_role("heading", name="Your results")).to_be_visible()
    found += violations_in_state(page, f"/{path} results")
    assert {"single", "multiple", "true-false", "order", "match"} <= types_seen, types_seen
    assert not found, f"{len(found)} violations:\n" + "\n".join(found[:60])


def test_an_open_glossary_explanation(page: Page, served_default: tuple[Path, str]) -> None:
    url = served_default[1]
    page.set_viewport_size(STATES[0][0])
    page.goto(url + "briefing/3-key-learning/")
    term = page.get_by_role("article").locator(".qe-term").first
    term.focus()
    tip = term.get_by_role("tooltip")
    expect(tip).to_be_visible()
    box, width = tip.bounding_box(), page.viewport_size["width"]
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= width, (box, width)
    found = violations_in_state(page, "/briefing/3-key-learning/ with a glossary explanation open")
    assert not found, f"{len(found)} violations:\n" + "\n".join(found[:60])
