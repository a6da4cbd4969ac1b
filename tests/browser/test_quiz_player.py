"""<quiz-player> on the built default module: every question type answered by
role-based locators, results that pass and that fail, errors, order and match
controls, and Material's instant navigation. Answers come from the quiz's own
data, so content edits do not break the tests."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.guards import check_page

TEMPLATE = re.compile(r'<template class="qe-data">(.*?)</template>', re.S)
CORRECT = re.compile(r"^\s*Correct")
INCORRECT = re.compile(r"^\s*Incorrect")
MOVE_BUTTONS = "Move upMove down"  # text of the two buttons at the end of each item


def quizzes(site: Path) -> list[tuple[str, dict]]:
    """(page path, data) of each generated quiz page, read from the built HTML."""
    found = []
    for index in sorted((site / "quizzes").glob("*/index.html")):
        for match in TEMPLATE.finditer(index.read_text(encoding="utf-8")):
            data = json.loads(html.unescape(match.group(1)))
            if data["kind"] == "quiz":
                found.append((index.parent.relative_to(site).as_posix() + "/", data))
    assert found, "the default module has no quiz pages"
    return found


def text_of(fragment: str | None) -> str:
    """What a screen reader reads for an inline HTML string."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment or "")).split())


def current_question(article: Locator, data: dict) -> tuple[dict, Locator]:
    """The question on screen, found by its prompt (the fieldset's legend)."""
    for question in data["questions"]:
        group = article.get_by_role("group", name=text_of(question["prompt_html"]), exact=True)
        if group.count():
            return question, group
    raise AssertionError("no question of the quiz is on screen")


def shown_items(group: Locator) -> list[str]:
    texts = group.get_by_role("listitem").all_text_contents()
    return [" ".join(t.removesuffix(MOVE_BUTTONS).split()) for t in texts]


def answer(page: Page, group: Locator, q: dict, right: bool) -> None:
    """Answer the question on screen, rightly or wrongly, as a learner would."""
    kind = q["type"]
    if kind in ("single", "multiple"):
        options = q["options"]
        good = [text_of(o["text_html"]) for o in options if o["correct"]]
        bad = [text_of(o["text_html"]) for o in options if not o["correct"]]
        picks = good if right else (bad[:1] or good[:1])
        role = "radio" if kind == "single" else "checkbox"
        for name in picks:
            group.get_by_role(role, name=name, exact=True).check()
    elif kind == "true-false":
        value = q["answer"] if right else not q["answer"]
        group.get_by_role("radio", name="True" if value else "False", exact=True).check()
    elif kind == "order":
        items = [text_of(i) for i in q["items"]]
        assert shown_items(group) != items, "an order question was shown already in order"
        if right:
            # Bring each item to the top, last first: the list ends in the right order.
            for item in reversed(items):
                button = group.get_by_role("button", name=f"Move up: {item}", exact=True)
                while shown_items(group)[0] != item:
                    button.click()
                    expect(button).to_be_focused()  # focus stays on the moved item's button
            assert shown_items(group) == items
        # Wrong: leave the shown order, which is never the right one.
    elif kind == "match":
        rights = [text_of(p["right_html"]) for p in q["pairs"]]
        for i, pair in enumerate(q["pairs"]):
            choice = rights[i] if right else next((r for r in rights[i + 1 :] + rights if r != rights[i]), rights[i])
            group.get_by_role("combobox", name=text_of(pair["left_html"]), exact=True).select_option(label=choice)
    else:
        raise AssertionError(f"unknown question type {kind}")


def take(page: Page, data: dict, right: bool, check_types: bool = False) -> list[dict]:
    """Answer every question; return those answered wrongly. With `check_types`,
    run axe on the first question of each type, before and after checking."""
    article = page.get_by_role("article")
    total = len(data["questions"])
    checked: set[str] = set()
    missed = []
    for n in range(1, total + 1):
        expect(article.get_by_role("heading", name=f"Question {n} of {total}", level=2)).to_be_focused()
        q, group = current_question(article, data)
        first_of_type = check_types and q["type"] not in checked
        checked.add(q["type"])
        if first_of_type:
            check_page(page)
        answer(page, group, q, right)
        article.get_by_role("button", name="Check answer").click()
        status = article.get_by_role("status")
        expect(status).to_have_text(CORRECT if right else INCORRECT)
        if q["explanation_html"]:
            expect(status).to_contain_text(text_of(q["explanation_html"])[:60])
        for control in group.get_by_role("radio").all() + group.get_by_role("checkbox").all():
            expect(control).to_be_disabled()
        last = n == total
        go_on = article.get_by_role("button", name="See results" if last else "Next question")
        expect(go_on).to_be_focused()
        if first_of_type:
            check_page(page)
        if not right:
            missed.append(q)
        go_on.click()
    return missed


@pytest.fixture
def calm(page: Page) -> Page:
    # Material's own transitions respect reduced motion; axe then never sees a half-faded tab.
    page.emulate_media(reduced_motion="reduce")
    return page


def start(page: Page, site_url: str, path: str, data: dict) -> Locator:
    page.goto(site_url + path)
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", name=data["title"], level=2)).to_be_visible()
    expect(article).to_contain_text(f"{len(data['questions'])} questions")
    expect(article).to_contain_text(f"Pass mark: {data['pass_mark']}%")
    return article


# --- tests ------------------------------------------------------------------------------


def test_start_view_and_error_when_nothing_is_answered(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = quizzes(built_site)[0]
    article = start(page, site_url, path, data)
    expect(article).not_to_contain_text("needs JavaScript")  # the fallback text is gone
    check_page(page)
    button = article.get_by_role("button", name="Start quiz")
    button.focus()
    page.keyboard.press("Enter")
    q, group = current_question(article, data)
    if q["type"] == "order":
        pytest.skip("the first question is an order question, which always has an answer")
    article.get_by_role("button", name="Check answer").click()
    expect(article.get_by_role("alert")).to_be_focused()
    expect(article.get_by_role("alert")).to_contain_text("There is a problem")
    expect(group).to_contain_text("Error:")
    expect(article.get_by_role("status")).to_be_empty()
    check_page(page)
    # The error's link takes the learner to the first control.
    article.get_by_role("alert").get_by_role("link").click()
    expect(
        group.get_by_role("radio").or_(group.get_by_role("checkbox")).or_(group.get_by_role("combobox")).first
    ).to_be_focused()


def test_every_quiz_passes_with_right_answers(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    found = quizzes(built_site)
    types = {q["type"] for _, data in found for q in data["questions"]}
    assert types == {"single", "multiple", "true-false", "order", "match"}, f"the module's quizzes only use {types}"
    for n, (path, data) in enumerate(found):
        article = start(page, site_url, path, data)
        article.get_by_role("button", name="Start quiz").click()
        assert take(page, data, right=True, check_types=(n == 0)) == []
        expect(article.get_by_role("heading", name="Your results", level=2)).to_be_focused()
        expect(article).to_contain_text("You scored 100%")
        expect(article).to_contain_text("Passed")
        expect(article).not_to_contain_text("Not passed")
        expect(article.get_by_role("heading", name="Questions to review")).to_have_count(0)
        if n == 0:
            check_page(page)


def test_wrong_answers_fail_and_try_again_restarts(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.emulate_media(color_scheme="dark")  # the dark scheme, in every state below
    # The quiz with the most question types, answered wrongly throughout.
    path, data = max(quizzes(built_site), key=lambda pd: len({q["type"] for q in pd[1]["questions"]}))
    article = start(page, site_url, path, data)
    article.get_by_role("button", name="Start quiz").click()
    missed = take(page, data, right=False, check_types=True)
    expect(article.get_by_role("heading", name="Your results", level=2)).to_be_focused()
    expect(article).to_contain_text("Not passed")
    expect(article).to_contain_text(re.compile(r"You scored \d+%"))
    review = article.get_by_role("heading", name="Questions to review")
    expect(review).to_be_visible()
    for q in missed:
        expect(article).to_contain_text(text_of(q["prompt_html"]))
    check_page(page)

    article.get_by_role("button", name="Try again").click()
    expect(article.get_by_role("heading", name=f"Question 1 of {len(data['questions'])}", level=2)).to_be_focused()
    expect(article.get_by_role("status")).to_be_empty()


def test_order_moves_are_announced_and_keep_focus(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = next((p, d) for p, d in quizzes(built_site) if any(q["type"] == "order" for q in d["questions"]))
    article = start(page, site_url, path, data)
    article.get_by_role("button", name="Start quiz").click()
    for _ in data["questions"]:
        q, group = current_question(article, data)
        if q["type"] == "order":
            break
        answer(page, group, q, right=True)
        article.get_by_role("button", name="Check answer").click()
        article.get_by_role("button", name="Next question").click()
    shown = shown_items(group)
    second = shown[1]
    # Keyboard only: Enter on "Move up" of the second item makes it first.
    group.get_by_role("button", name=f"Move up: {second}", exact=True).focus()
    page.keyboard.press("Enter")
    expect(group.get_by_role("button", name=f"Move up: {second}", exact=True)).to_be_focused()
    expect(article.get_by_role("status")).to_contain_text(f"Moved {second} to position 1 of {len(shown)}")
    assert shown_items(group)[0] == second
    page.keyboard.press("Enter")  # already first: said, not silently ignored
    expect(article.get_by_role("status")).to_contain_text(f"{second} is already first")
    check_page(page)


def test_works_again_after_instant_navigation(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = quizzes(built_site)[0]
    article = start(page, site_url, path, data)
    page.evaluate("() => { window.__samePageLoad = true; }")  # gone if the browser reloads
    article.get_by_role("button", name="Start quiz").click()
    q, group = current_question(article, data)
    answer(page, group, q, right=True)

    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(site_url)
    page.go_back()
    expect(page).to_have_url(site_url + path)
    page.get_by_role("contentinfo").get_by_role("link", name=re.compile(r"^(Next|Previous):")).first.click()
    expect(page).not_to_have_url(site_url + path)
    page.get_by_role("contentinfo").get_by_role("link", name=re.compile(r"^(Next|Previous):")).filter(
        has_text=data["title"]
    ).click()
    expect(page).to_have_url(site_url + path)
    assert page.evaluate("() => window.__samePageLoad === true"), (
        "Material's instant navigation was not used (is the site built with site_url = the served URL?)"
    )

    expect(article.get_by_role("button", name="Start quiz")).to_have_count(1)
    article.get_by_role("button", name="Start quiz").click()
    take(page, data, right=True)
    expect(article).to_contain_text("You scored 100%")


def test_engine_scoring_and_shuffle(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url)
    result = page.evaluate(
        """async (url) => {
            const E = await import(url);
            const qs = [
                {type: "single", points: 1, options: [{correct: false}, {correct: true}]},
                {type: "multiple", points: 2, options: [{correct: true}, {correct: true}, {correct: false}]},
                {type: "true-false", points: 1, answer: false},
                {type: "order", points: 1, items: ["a", "b", "c"]},
                {type: "match", points: 1, pairs: [{left_html: "l", right_html: "R"}, {left_html: "m", right_html: "S"}]},
            ];
            const all = E.scoreQuiz(qs, [1, [0, 1], false, ["a", "b", "c"], ["R", "S"]], 80);
            const some = E.scoreQuiz(qs, [1, [0], false, ["a", "c", "b"], ["R", "S"]], 80);
            const extra = E.isCorrect(qs[1], [0, 1, 2]);
            let inOrder = 0;
            for (let n = 2; n <= 6; n++) {
                const items = Array.from({length: n}, (_, i) => i);
                for (let k = 0; k < 500; k++) {
                    if (E.shuffle(items, Math.random, true).every((x, i) => x === i)) inOrder++;
                }
            }
            const fixed = E.shuffle([1, 2, 3], () => 0.999, true);
            return {all, some, extra, inOrder, fixed, same: E.shuffle(["x", "x"], Math.random, true)};
        }""",
        site_url + "assets/quiz-engine/engine.js",
    )
    assert {k: result["all"][k] for k in ("points", "max", "percent", "passed")} == {
        "points": 6,
        "max": 6,
        "percent": 100,
        "passed": True,
    }
    # Multiple with one of two right answers, and a wrong order: no partial points.
    assert {k: result["some"][k] for k in ("points", "max", "percent", "passed")} == {
        "points": 3,
        "max": 6,
        "percent": 50,
        "passed": False,
    }
    assert result["extra"] is False  # a wrong option as well as the right ones is wrong
    assert result["inOrder"] == 0  # order questions are never shown in the right order
    assert result["fixed"] != [1, 2, 3]  # even with a random source that would give it
    assert result["same"] == ["x", "x"]  # and it terminates when no other order exists
