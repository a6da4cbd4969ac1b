"""Module completion and the certificate: what is left while the module is not
complete, the certificate's form and content, printing on one A4 page, and a learner
who completes the whole default module (every scenario to an ending, every quiz
passed) and prints the certificate."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Locator, Page, expect

from tests.browser.conftest import ROOT, build_project
from tests.browser.guards import check_page
from tests.browser.test_quiz_player import answer, assert_fits, current_question, tab_to

OUTCOME = {"good": "Good outcome", "mixed": "Mixed outcome", "poor": "Poor outcome"}
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # a page, not the /Pages tree
STATEMENT = "It is not an assessment of competence."
NAME = "Alexandra Josephine Montgomery-Smythe"


def module_json(site: Path) -> dict:
    return json.loads((site / "assets" / "quiz-engine" / "module.json").read_text(encoding="utf-8"))


def minutes_text(total: int) -> str:
    """As the runtime writes a time: "45 minutes", "1 hour 53 minutes"."""
    hours, minutes = divmod(total, 60)
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((hours, "hour"), (minutes, "minute")) if n]
    return " ".join(parts) or "0 minutes"


def pdf_pages(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


def long_date(iso: str) -> str:
    """How the certificate writes a saved ISO time: a local date such as 29 November 2026."""
    local = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    return f"{local.day} {local:%B %Y}"


def seed(page: Page, site_url: str, module: dict, records: dict[str, dict]) -> None:
    """Save summary records through storage.js, as the players do (and announce them)."""
    page.evaluate(
        """async ([url, items, records]) => {
            const store = (await import(url)).openStore();
            for (const item of items) if (records[item.id]) store.set("summary", item.id, item.version, records[item.id]);
        }""",
        [site_url + "assets/quiz-engine/storage.js", module["items"], records],
    )


@pytest.fixture
def module(built_site: Path) -> dict:
    return module_json(built_site)


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def done_records(module: dict) -> dict[str, dict]:
    records = {}
    for n, item in enumerate(module["items"]):
        if item["kind"] == "scenario":
            records[item["id"]] = {
                "status": "completed",
                "ending": ["good", "mixed", "poor"][n % 3],
                "ending_title": f"Ending {n}",
                "completed_at": "2026-11-28T12:00:00.000Z",
                "title": item["title"],
            }
        else:
            records[item["id"]] = {
                "status": "passed",
                "best": 80 + n,
                "passed": True,
                "attempts": 2,
                "completed_at": "2026-11-29T12:00:00.000Z",
                "title": item["title"],
            }
    return records


def certificate(article: Locator) -> Locator:
    return article.get_by_role("region", name="Certificate of completion")


# --- not complete yet ------------------------------------------------------------------------


def test_certificate_lists_what_is_left_with_links(calm: Page, site_url: str, module: dict) -> None:
    page = calm
    page.goto(site_url + "certificate/")
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", name="Not complete yet", level=2)).to_be_visible()
    expect(article).not_to_contain_text("needs JavaScript")
    required = [i for i in module["items"] if i["required"]]
    for item in required:
        link = article.get_by_role("link", name=item["title"], exact=True)
        expect(link).to_have_attribute("href", site_url + item["url"])
    expect(article.get_by_role("button", name="Download certificate")).to_have_count(0)
    expect(article.get_by_role("textbox")).to_have_count(0)
    check_page(page)

    # One quiz passed and one failed: the list changes as soon as progress is saved.
    quizzes = [i for i in required if i["kind"] == "quiz"]
    records = done_records(module)
    failed = {**records[quizzes[1]["id"]], "status": "failed", "passed": False, "best": 40, "completed_at": None}
    seed(page, site_url, module, {quizzes[0]["id"]: records[quizzes[0]["id"]], quizzes[1]["id"]: failed})
    expect(article.get_by_role("link", name=quizzes[0]["title"], exact=True)).to_have_count(0)
    item = article.get_by_role("listitem").filter(has=page.get_by_role("link", name=quizzes[1]["title"], exact=True))
    expect(item).to_contain_text("your best score so far is 40%")
    page.emulate_media(color_scheme="dark")
    check_page(page)


# --- the certificate ---------------------------------------------------------------------------


def test_certificate_form_content_and_print(calm: Page, site_url: str, module: dict) -> None:
    page = calm
    page.goto(site_url + "certificate/")
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", name="Not complete yet")).to_be_visible()
    records = done_records(module)
    seed(page, site_url, module, records)
    expect(article.get_by_role("heading", name="You have completed the module", level=2)).to_be_visible()
    cert = certificate(article)
    expect(cert).to_contain_text(module["title"])
    expect(cert).to_contain_text(module["organisation"])
    expect(cert).to_contain_text(long_date("2026-11-29T12:00:00.000Z"))  # the last item's completion
    expect(cert).to_contain_text(minutes_text(module["cpd_minutes"]))
    expect(cert).to_contain_text("self-paced")
    expect(cert).to_contain_text(STATEMENT)
    for item in module["items"]:
        row = cert.get_by_role("row").filter(has=page.get_by_role("rowheader", name=item["title"], exact=True))
        record = records[item["id"]]
        if item["kind"] == "scenario":
            expect(row).to_contain_text(f"Ending reached: {record['ending_title']} ({OUTCOME[record['ending']]})")
        else:
            expect(row).to_contain_text(f"Best score: {record['best']}%")
    check_page(page)

    # Keyboard only. Download with no name: an error on the field, and no print window.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    field = article.get_by_role("textbox", name="Your full name, as it should appear on the certificate")
    page.locator("body").focus()
    tab_to(page, "Download certificate")
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(r"^Error: Enter your name"))
    assert page.evaluate("() => window.__printed") == 0
    check_page(page)
    page.keyboard.type(NAME)
    expect(cert).to_contain_text(NAME)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    tab_to(page, "Download certificate")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1
    expect(article).to_contain_text("Save as PDF")

    # The name is kept on this device only, and comes back with the page.
    page.reload()
    expect(field).to_have_value(NAME)
    expect(certificate(article)).to_contain_text(NAME)
    page.emulate_media(color_scheme="dark")
    check_page(page)

    # Printed: the certificate alone, without Material's header, navigation or footer, or the form.
    page.emulate_media(media="print")
    for hidden in (
        page.get_by_role("banner"),
        page.get_by_role("contentinfo"),
        page.get_by_role("navigation", name="Navigation"),
        field,
        article.get_by_role("button", name="Download certificate"),
        article.get_by_role("heading", name="Your certificate", level=1),
    ):
        expect(hidden).to_be_hidden()
    expect(certificate(article)).to_be_visible()
    assert pdf_pages(page.pdf(format="A4")) == 1

    # A phone: no sideways scrolling, and targets of 24 px.
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_fits(page)


def test_discussion_sheet_prints_cleanly(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url + "discussion-sheet/")
    article = page.get_by_role("article")
    for heading in ("What happened", "Why it matters", "Questions to discuss", "Actions to agree"):
        expect(article.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(article.get_by_role("heading", level=3)).to_have_count(5)  # the module's five themes
    check_page(page)
    page.emulate_media(color_scheme="dark")
    check_page(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    pages = pdf_pages(page.pdf(format="A4"))
    assert 2 <= pages <= 6, f"the discussion sheet prints on {pages} pages"


# --- the whole module ------------------------------------------------------------------------


def finish_scenario(page: Page, url: str) -> None:
    page.goto(url)
    play_to_an_ending(page.get_by_role("article"))


def play_to_an_ending(article: Locator) -> None:
    """Any path to an ending: the first choice shown, then Continue, until "Start again"."""
    article.get_by_role("button", name="Start scenario").click()
    for _ in range(200):
        if article.get_by_role("button", name="Start again").count():
            return
        radios = article.get_by_role("radio")
        if radios.count():
            radios.first.check()
        article.get_by_role("button", name="Continue", exact=True).click()
    raise AssertionError("no ending reached")


def pass_quiz(page: Page, url: str) -> None:
    page.goto(url)
    pass_the_quiz_here(page, page)


def pass_the_quiz_here(page: Page, screen: Page | Frame) -> None:
    """Every question answered rightly, read from the quiz's own <template class="qe-data">;
    `screen` is the page or frame that shows the quiz (keys go to `page`, which holds it)."""
    data = json.loads(screen.locator("quiz-player > template.qe-data").evaluate("t => t.content.textContent"))
    article = screen.get_by_role("article")
    article.get_by_role("button", name="Start quiz").click()
    total = len(data["questions"])
    for n in range(1, total + 1):
        expect(article.get_by_role("heading", name=f"Question {n} of {total}", level=2)).to_be_focused()
        q, group = current_question(article, data)
        answer(page, group, q, right=True)
        article.get_by_role("button", name="Check answer").click()
        article.get_by_role("button", name="See results" if n == total else "Next question").click()
    expect(article.get_by_role("strong").filter(has_text=re.compile(r"^Passed$"))).to_be_visible()


def test_complete_the_whole_module_and_print_the_certificate(calm: Page, served_module: tuple[Path, str]) -> None:
    """Under each engine."""
    page = calm
    built_site, site_url = served_module
    items = module_json(built_site)["items"]
    scenarios = [i for i in items if i["kind"] == "scenario"]
    assert len(scenarios) == 6, "the default module has six scenarios"
    for item in scenarios:
        finish_scenario(page, site_url + item["url"])
    for item in (i for i in items if i["kind"] == "quiz"):
        pass_quiz(page, site_url + item["url"])

    page.goto(site_url + "certificate/")
    article = page.get_by_role("article")
    field = article.get_by_role("textbox", name="Your full name, as it should appear on the certificate")
    field.fill(NAME)
    cert = certificate(article)
    expect(cert).to_contain_text(NAME)  # checked in the page: PDF text may be compressed
    expect(cert.get_by_text(re.compile(r"^Ending reached: "))).to_have_count(len(scenarios))
    expect(cert.get_by_text("Best score: 100%")).to_have_count(len(items) - len(scenarios))
    saved = page.evaluate(
        """async ([url, items]) => {
            const store = (await import(url)).openStore();
            return items.map((i) => store.get("summary", i.id, i.version).data.completed_at);
        }""",
        [site_url + "assets/quiz-engine/storage.js", items],
    )
    expect(cert).to_contain_text(long_date(max(saved)))
    check_page(page)
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1, f"the certificate prints on {pdf_pages(pdf)} pages"


# --- a trainer's options: shuffle, points, pass mark, a list of required items, CPD time ---------

SEEDED_RANDOM = """(() => {
    // The same "random" sequence on every run: shuffles differ between attempts, never between runs.
    let s = 42;
    Math.random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
})();"""


@pytest.fixture(scope="module")
def options_site(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> str:
    site = tmp_path_factory.mktemp("quiz-options") / "site"
    site.mkdir()
    url = serve_folder(site)
    build_project(ROOT / "tests" / "fixtures" / "quiz-options" / "mkdocs.yml", site, url)
    return url


def test_points_pass_mark_shuffle_and_required_items(calm: Page, options_site: str) -> None:
    page = calm
    page.add_init_script(SEEDED_RANDOM)
    page.goto(options_site + "quizzes/weighted-quiz/")
    article = page.get_by_role("article")
    expect(article).to_contain_text("4 questions. Pass mark: 50%.")
    # Right answers per attempt, by question id: (heavy, fixed, light, last) worth 3, 1, 1, 1.
    attempts = [
        ({"heavy": False, "fixed": False, "light": False, "last": True}, "You scored 16% (1 of 6 points)", False),
        ({"heavy": True, "fixed": False, "light": False, "last": False}, "You scored 50% (3 of 6 points)", True),
        ({"heavy": True, "fixed": True, "light": True, "last": True}, "You scored 100% (6 of 6 points)", True),
    ]
    prompts = {
        "heavy": "Which information sharing advice is current?",
        "fixed": "Options in the trainer's order.",
        "light": "Consent is usually the lawful basis for sharing to safeguard a child.",
        "last": "A disagreement must never delay protecting a child.",
    }
    orders = []
    for n, (right, score, passed) in enumerate(attempts):
        article.get_by_role("button", name="Start quiz" if n == 0 else "Try again").click()
        order = []
        for k in range(1, 5):
            expect(article.get_by_role("heading", name=f"Question {k} of 4", level=2)).to_be_focused()
            qid = next(q for q, p in prompts.items() if article.get_by_role("group", name=p, exact=True).count())
            order.append(qid)
            group = article.get_by_role("group", name=prompts[qid], exact=True)
            if qid == "heavy":
                expect(group).to_have_accessible_description("This question is worth 3 points.")
                pick = "The advice of May 2024" if right[qid] else "The advice of July 2018"
                group.get_by_role("radio", name=pick).check()
            elif qid == "fixed":
                # shuffle: false keeps the trainer's order of options.
                radios = group.get_by_role("radio")
                expect(radios).to_have_count(4)
                for i, name in enumerate(["First", "Second", "Third", "Fourth"]):
                    expect(radios.nth(i)).to_have_accessible_name(name)
                group.get_by_role("radio", name="First" if right[qid] else "Third").check()
            else:
                truth = qid == "last"
                value = truth if right[qid] else not truth
                group.get_by_role("radio", name="True" if value else "False").check()
            article.get_by_role("button", name="Check answer").click()
            if qid == "heavy" and not right[qid]:
                expect(article.get_by_role("status")).to_contain_text("That advice was replaced in 2024.")
            article.get_by_role("button", name="See results" if k == 4 else "Next question").click()
        orders.append(order)
        expect(article).to_contain_text(score)
        verdict = article.get_by_role("strong").filter(has_text=re.compile(r"^(Passed|Not passed)$"))
        expect(verdict).to_have_text("Passed" if passed else "Not passed")
        themes = article.get_by_role("link", name="Sharing information", exact=True)
        expect(themes).to_have_count(0 if all(right.values()) else 1)  # once, however many missed
    assert len({tuple(o) for o in orders}) > 1, f"Try again kept the same question order: {orders}"

    # Only the quiz is required (mkdocs.yml): passing it completes the module.
    page.goto(options_site + "certificate/")
    cert = certificate(article)
    expect(cert).to_contain_text("1 hour 30 minutes")
    expect(cert.get_by_role("row")).to_have_count(1)  # the optional scenario, not done, is not listed
    expect(cert.get_by_role("row")).to_contain_text("A weighted quiz")
    expect(cert.get_by_role("row")).to_contain_text("Best score: 100%")
    check_page(page)
