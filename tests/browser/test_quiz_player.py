"""<quiz-player> on the built default module: every question type answered by
role-based locators and by keyboard alone, results that pass and that fail (with
explanations and the themes to revisit), the best result kept on the device,
errors, order and match controls, small screens, full storage and Material's
instant navigation. Answers come from the quiz's own data, so content edits do
not break the tests."""

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


def expect_focused_heading(page: Page, heading: Locator) -> None:
    expect(heading).to_be_focused()
    # Not hidden under Material's sticky header (WCAG 2.4.11), and on screen.
    header = page.get_by_role("banner").bounding_box()
    box = heading.bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, "the focused heading is under the header"
    assert box["y"] + box["height"] <= page.viewport_size["height"], "the focused heading is below the screen"


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
        first = group.get_by_role("group").first
        offered = [t.strip() for t in first.locator("label").all_text_contents()]
        assert offered != list(dict.fromkeys(rights)), "a match question offered its answers in the lefts' order"
        for i, pair in enumerate(q["pairs"]):
            choice = rights[i] if right else next((r for r in rights[i + 1 :] + rights if r != rights[i]), rights[i])
            item = group.get_by_role("group", name=text_of(pair["left_html"]), exact=True)
            item.get_by_role("radio", name=choice, exact=True).check()
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
        expect_focused_heading(page, article.get_by_role("heading", name=f"Question {n} of {total}", level=2))
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
    expect(page.get_by_role("heading", name=data["title"], exact=True)).to_have_count(1)  # the h1 alone
    expect(article).to_contain_text(f"{len(data['questions'])} questions")
    expect(article).to_contain_text(f"Pass mark: {data['pass_mark']}%")
    return article


# --- tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_start_view_and_error_when_nothing_is_answered(
    calm: Page, site_url: str, built_site: Path, scheme: str
) -> None:
    page = calm
    page.emulate_media(color_scheme=scheme)
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
    expect(group.get_by_role("radio").or_(group.get_by_role("checkbox")).first).to_be_focused()


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
        site_url + "assets/quiz-engine/quiz-engine.js",
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


# --- results that teach, and the best result kept on the device ----------------------------


def saved_summary(page: Page, site_url: str, data: dict) -> dict | None:
    """The summary record the quiz saved (storage.js), as progress.js reads it."""
    return page.evaluate(
        """async ([url, id, version]) => (await import(url)).openStore().get("summary", id, version).data""",
        [site_url + "assets/quiz-engine/storage.js", data["id"], data["version"]],
    )


def module_json(site: Path) -> dict:
    return json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))


def test_results_teach_and_the_best_result_is_kept(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    themes = module_json(built_site)["themes"]
    # The quiz whose questions cover the most themes, answered wrongly first.
    path, data = max(quizzes(built_site), key=lambda pd: len({q["theme"] for q in pd[1]["questions"]}))
    article = start(page, site_url, path, data)
    expect(article).not_to_contain_text("Your best score so far")
    article.get_by_role("button", name="Start quiz").click()
    assert saved_summary(page, site_url, data)["status"] == "in-progress"
    missed = take(page, data, right=False)

    expect(article).to_contain_text("Not passed")
    for q in missed:  # each missed question, with its explanation
        expect(article.get_by_role("listitem").filter(has_text=text_of(q["prompt_html"]))).to_contain_text(
            text_of(q["explanation_html"])[:60]
        )
    slugs = list(dict.fromkeys(q["theme"] for q in missed if q["theme"] in themes))
    assert slugs, "the quiz's questions have no themes known to module.json"
    expect(article.get_by_role("heading", name="Themes to revisit", level=3)).to_be_visible()
    links = article.get_by_role("list").filter(has=page.get_by_role("link", name=themes[slugs[0]]["title"]))
    expect(links.get_by_role("link")).to_have_count(len(slugs))
    for slug in slugs:
        link = article.get_by_role("link", name=themes[slug]["title"], exact=True)
        expect(link).to_have_attribute("href", site_url + themes[slug]["url"])
    check_page(page)
    failed = saved_summary(page, site_url, data)
    assert {k: failed[k] for k in ("status", "passed", "attempts", "completed_at", "title")} == {
        "status": "failed",
        "passed": False,
        "attempts": 1,
        "completed_at": None,
        "title": data["title"],
    }
    worst = failed["best"]

    # Try again: a pass is recorded, with the date of the first pass.
    article.get_by_role("button", name="Try again").click()
    take(page, data, right=True)
    expect(article).to_contain_text("You scored 100%")
    expect(article).to_contain_text("Your best score so far: 100% (2 attempts)")
    expect(article.get_by_role("heading", name="Themes to revisit")).to_have_count(0)
    passed = saved_summary(page, site_url, data)
    assert {k: passed[k] for k in ("status", "best", "passed", "attempts")} == {
        "status": "passed",
        "best": 100,
        "passed": True,
        "attempts": 2,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", passed["completed_at"])

    # A worse attempt later keeps the best score, the pass and its date.
    article.get_by_role("button", name="Try again").click()
    take(page, data, right=False)
    expect(article).to_contain_text(f"You scored {worst}%")
    expect(article).to_contain_text("Your best score so far: 100% (3 attempts)")
    assert saved_summary(page, site_url, data) == {**passed, "attempts": 3}

    # A theme link leads to the briefing section that covers it.
    article.get_by_role("link", name=themes[slugs[0]]["title"], exact=True).click()
    expect(page).to_have_url(site_url + themes[slugs[0]]["url"])
    anchor = themes[slugs[0]]["url"].split("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_visible()

    # Back on the quiz's page later, the start view shows the best score.
    page.go_back()
    expect(article).to_contain_text("Your best score so far: 100%. You have passed this quiz.")
    page.reload()
    expect(article).to_contain_text("Your best score so far: 100%. You have passed this quiz.")
    check_page(page)


# --- keyboard only ------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const label = el.getAttribute("aria-label") || (el.labels && el.labels.length ? el.labels[0].textContent : el.textContent);
    return {type: el.type || el.localName, name: (label || "").replace(/\\s+/g, " ").trim()};
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, name: str | None = None, kind: str | None = None, limit: int = 200) -> None:
    """Press Tab until the focused control has this accessible name (or is of this type)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now and (name is None or now["name"] == name) and (kind is None or now["type"] == kind):
            return
    raise AssertionError(f"Tab never reached {name or kind!r}")


def answer_by_keyboard(page: Page, group: Locator, q: dict) -> None:
    """The right answer with Tab, arrow keys, Space and Enter only."""
    kind = q["type"]
    if kind in ("single", "true-false"):
        if kind == "single":
            target = next(text_of(o["text_html"]) for o in q["options"] if o["correct"])
        else:
            target = "True" if q["answer"] else "False"
        tab_to(page, kind="radio")  # into the group; arrows move and choose
        for _ in range(len(q["options"] or [1, 2]) + 1):
            if focused(page)["name"] == target:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(group.get_by_role("radio", name=target, exact=True)).to_be_checked()
    elif kind == "multiple":
        for option in (o for o in q["options"] if o["correct"]):
            name = text_of(option["text_html"])
            tab_to(page, name)
            page.keyboard.press("Space")
            expect(group.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    elif kind == "order":
        items = [text_of(i) for i in q["items"]]
        for item in reversed(items):
            tab_to(page, f"Move up: {item}")
            while shown_items(group)[0] != item:
                page.keyboard.press("Enter")
        assert shown_items(group) == items
    elif kind == "match":
        for pair in q["pairs"]:
            left, right = text_of(pair["left_html"]), text_of(pair["right_html"])
            item = group.get_by_role("group", name=left, exact=True)
            labels = [t.strip() for t in item.locator("label").all_text_contents()]
            tab_to(page, labels[0])  # Tab enters each item's group at its first answer
            page.keyboard.press("Space")
            for _ in range(labels.index(right)):
                page.keyboard.press("ArrowDown")  # the arrows move the choice within the group
            expect(item.get_by_role("radio").nth(labels.index(right))).to_be_checked()


def test_keyboard_only_through_a_quiz_with_order_and_match(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = next(
        (p, d) for p, d in quizzes(built_site) if {"order", "match"} <= {q["type"] for q in d["questions"]}
    )
    article = start(page, site_url, path, data)
    tab_to(page, "Start quiz")
    page.keyboard.press("Enter")
    total = len(data["questions"])
    for n in range(1, total + 1):
        expect_focused_heading(page, article.get_by_role("heading", name=f"Question {n} of {total}", level=2))
        q, group = current_question(article, data)
        answer_by_keyboard(page, group, q)
        tab_to(page, "Check answer")
        page.keyboard.press("Enter")
        expect(article.get_by_role("status")).to_have_text(CORRECT)
        go_on = article.get_by_role("button", name="See results" if n == total else "Next question")
        expect(go_on).to_be_focused()
        page.keyboard.press("Enter")
    expect_focused_heading(page, article.get_by_role("heading", name="Your results", level=2))
    expect(article).to_contain_text("You scored 100%")
    tab_to(page, "Try again")
    page.keyboard.press("Enter")
    expect_focused_heading(page, article.get_by_role("heading", name=f"Question 1 of {total}", level=2))


# --- small screens, targets, storage ----------------------------------------------------------

SMALL_TARGETS = """() => [...document.querySelectorAll(
        'quiz-player :is(button, input, select, textarea, a.qe-link), module-certificate :is(button, input, a.qe-link)')]
    .filter((el) => el.getClientRects().length)
    .map((el) => ({name: el.getAttribute("aria-label") || el.textContent.trim() || el.id, box: el.getBoundingClientRect()}))
    .filter((t) => t.box.width < 24 || t.box.height < 24)
    .map((t) => `${t.name}: ${Math.round(t.box.width)}x${Math.round(t.box.height)}`)"""


def assert_fits(page: Page) -> None:
    """Targets of at least 24 by 24 px (WCAG 2.5.8) and no horizontal scrolling (1.4.10)."""
    assert page.evaluate(SMALL_TARGETS) == []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_320px_wide_with_24px_targets(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.set_viewport_size({"width": 320, "height": 640})
    path, data = max(quizzes(built_site), key=lambda pd: len({q["type"] for q in pd[1]["questions"]}))
    article = start(page, site_url, path, data)
    assert_fits(page)
    article.get_by_role("button", name="Start quiz").click()
    seen: set[str] = set()
    total = len(data["questions"])
    for n in range(1, total + 1):
        q, group = current_question(article, data)
        if q["type"] not in seen:
            assert_fits(page)
        answer(page, group, q, right=False)
        article.get_by_role("button", name="Check answer").click()
        if q["type"] not in seen:
            assert_fits(page)  # with the feedback shown
        seen.add(q["type"])
        article.get_by_role("button", name="See results" if n == total else "Next question").click()
    expect(article.get_by_role("heading", name="Themes to revisit")).to_be_visible()
    assert_fits(page)
    check_page(page)


def test_full_storage_says_results_will_not_be_kept(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    # Storage that refuses every write, as a full or locked-down browser does.
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    path, data = quizzes(built_site)[0]
    article = start(page, site_url, path, data)
    expect(article).to_contain_text("Your results will not be kept on this device")
    check_page(page)
    article.get_by_role("button", name="Start quiz").click()
    take(page, data, right=True)
    expect(article).to_contain_text("Passed")
    expect(article).to_contain_text("Your results will not be kept on this device")
    assert saved_summary(page, site_url, data)["passed"] is True  # kept in memory while the page is open


def test_engine_quiz_summary_and_themes(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url)
    result = page.evaluate(
        """async (url) => {
            const E = await import(url);
            const when = new Date("2026-11-29T10:00:00Z");
            const later = new Date("2026-12-01T10:00:00Z");
            const fail = E.quizSummary(null, {percent: 60, passed: false}, "Q", when);
            const pass = E.quizSummary(fail, {percent: 85, passed: true}, "Q", when);
            const worse = E.quizSummary(pass, {percent: 40, passed: false}, "Q", later);
            const again = E.quizSummary(worse, {percent: 100, passed: true}, "Q", later);
            const fromStart = E.quizSummary({status: "in-progress", best: null, attempts: 0}, {percent: 0, passed: false}, "Q", when);
            const themes = E.themesToRevisit([{theme: "b"}, {theme: null}, {theme: "a"}, {theme: "b"}]);
            const qs = [{}, {}, {}];
            const deck = [{i: 2, shown: [1, 0]}, {i: 0, shown: [true, false]}, {i: 1, shown: ["b", "a"]}];
            const resume = [
                E.resumableAttempt(qs, {deck, responses: [1], next: 1}) !== null,
                E.resumableAttempt(qs, {deck, responses: [1, true, ["a", "b"]], next: 3}) !== null,
                E.resumableAttempt(qs, {deck, responses: [], next: 0}),  // nothing answered yet
                E.resumableAttempt(qs, {deck, responses: [1], next: 2}),  // answers missing
                E.resumableAttempt(qs, {deck: deck.slice(1), responses: [1], next: 1}),  // another quiz's length
                E.resumableAttempt(qs, {deck: [deck[0], deck[0], deck[1]], responses: [1], next: 1}),  // a repeat
                E.resumableAttempt(qs, {deck: [{i: 5, shown: []}, deck[1], deck[2]], responses: [1], next: 1}),
                E.resumableAttempt(qs, null),
            ];
            return {fail, pass, worse, again, fromStart, themes, resume};
        }""",
        site_url + "assets/quiz-engine/quiz-engine.js",
    )
    first_pass = "2026-11-29T10:00:00.000Z"
    assert result["fail"] == {
        "status": "failed",
        "best": 60,
        "passed": False,
        "attempts": 1,
        "completed_at": None,
        "title": "Q",
    }
    assert result["pass"] == {
        **result["fail"],
        "status": "passed",
        "best": 85,
        "passed": True,
        "attempts": 2,
        "completed_at": first_pass,
    }
    assert result["worse"] == {**result["pass"], "attempts": 3}  # a worse attempt loses nothing
    assert result["again"] == {**result["pass"], "best": 100, "attempts": 4}  # the date stays the first pass
    assert result["fromStart"]["best"] == 0 and result["fromStart"]["attempts"] == 1
    assert result["themes"] == ["b", "a"]
    assert result["resume"] == [True, True, None, None, None, None, None, None]


# --- several sittings -------------------------------------------------------------------------


def test_a_learner_who_leaves_mid_quiz_carries_on_later(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = quizzes(built_site)[0]
    total = len(data["questions"])
    article = start(page, site_url, path, data)
    article.get_by_role("button", name="Start quiz").click()
    for _ in range(2):
        q, group = current_question(article, data)
        answer(page, group, q, right=True)
        article.get_by_role("button", name="Check answer").click()
        article.get_by_role("button", name="Next question").click()
    q3, group = current_question(article, data)
    shown = group.get_by_role("radio").or_(group.get_by_role("checkbox")).or_(group.get_by_role("listitem"))
    before = shown.all_text_contents()

    page.reload()  # or the browser closed, and opened another day
    expect(article).to_contain_text(f"You have answered 2 of {total} questions in this attempt.")
    expect(article.get_by_role("button", name="Start again")).to_be_visible()
    check_page(page)
    article.get_by_role("button", name="Resume quiz").click()
    expect_focused_heading(page, article.get_by_role("heading", name=f"Question 3 of {total}", level=2))
    q, group = current_question(article, data)
    assert q["id"] == q3["id"]
    shown = group.get_by_role("radio").or_(group.get_by_role("checkbox")).or_(group.get_by_role("listitem"))
    assert shown.all_text_contents() == before, "the question came back shuffled differently"
    for n in range(3, total + 1):
        if n > 3:
            q, group = current_question(article, data)
        answer(page, group, q, right=True)
        article.get_by_role("button", name="Check answer").click()
        article.get_by_role("button", name="See results" if n == total else "Next question").click()
    expect(article).to_contain_text("You scored 100%")  # the first two answers were kept too

    # The attempt is over: the next visit starts a new one.
    page.reload()
    expect(article.get_by_role("button", name="Start quiz")).to_be_visible()
    expect(article.get_by_role("button", name="Resume quiz")).to_have_count(0)


def test_an_edited_quiz_says_earlier_results_no_longer_count(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    path, data = quizzes(built_site)[0]
    start(page, site_url, path, data)
    page.evaluate(
        """async ([url, id]) => (await import(url)).openStore().set("summary", id, "an-older-version",
            {status: "passed", best: 100, passed: true, attempts: 1, completed_at: "2026-01-01T12:00:00.000Z"})""",
        [site_url + "assets/quiz-engine/storage.js", data["id"]],
    )
    page.reload()
    article = page.get_by_role("article")
    expect(article).to_contain_text("This quiz has changed since you last took it")
    expect(article).not_to_contain_text("Your best score so far")
    assert saved_summary(page, site_url, data) is None  # progress.js does not count the old pass either
    check_page(page)
