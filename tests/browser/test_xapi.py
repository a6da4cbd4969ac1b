"""Learning records (xAPI) against a real LRS: ralph, started here on 127.0.0.1. A module
built with extra.xapi is played in Chromium; the statements are read back from the LRS."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ROOT, build_project
from tests.browser.guards import PageWatch, all_violations
from tests.ralph import READER, WRITER, Ralph, basic

FIXTURE = ROOT / "tests" / "fixtures" / "xapi-module"
VERB = "http://adlnet.gov/expapi/verbs/"
REFLECTION = "Private reflection 7f3a: the family's name"  # must never reach the LRS
CONFIG = """site_name: Learning records test
site_url: {site}
theme:
  name: material
  font: false
  features: [navigation.instant]
extra:
  generator: false
  branding:
    organisation: Test partnership
  module:
    pathways:
      - id: visiting
        title: Health visiting
        required: [xapi-visit, xapi-quiz]
      - id: school
        title: School
        required: [xapi-quiz]
  xapi:
    endpoint: {endpoint}
    auth: {auth}
"""


@pytest.fixture(scope="module")
def lrs_site(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> Iterator[tuple[Ralph, str]]:
    """Ralph running, and the module built to send to it, served on another port."""
    folder = tmp_path_factory.mktemp("xapi")
    project = folder / "project"
    shutil.copytree(FIXTURE, project)
    site_dir = folder / "site"
    site_dir.mkdir()
    site = serve_folder(site_dir)
    ralph = Ralph(folder / "ralph", cors_origin=site.rstrip("/"))
    ralph.start()
    try:  # stopped even when the build fails
        (project / "mkdocs.yml").write_text(CONFIG.format(site=site, endpoint=ralph.endpoint, auth=basic(WRITER)))
        build_project(project / "mkdocs.yml", site_dir, site)
        yield ralph, site
    finally:
        ralph.stop()


@pytest.fixture
def learner(browser: Browser, lrs_site) -> Iterator[tuple[Page, PageWatch]]:
    """A new learner: a browser context of their own (their own pseudonymous id)."""
    context = browser.new_context()
    page = context.new_page()
    yield page, PageWatch(page, lrs_site[1])
    context.close()


def actor_name(page: Page) -> str:
    return page.evaluate(
        "() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(':learner'))))"
    )


QUEUED = "JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(':queue'))) || '[]').length"
QUEUE_EMPTY = f"() => {QUEUED} === 0"


def queued(page: Page) -> int:
    return page.evaluate(f"() => {QUEUED}")


def choose(page: Page, name: str) -> None:
    page.get_by_role("radio", name=name).check()
    page.get_by_role("button", name="Continue").click()


def by(statements: list[dict], verb: str, suffix: str) -> list[dict]:
    return [s for s in statements if s["verb"]["id"] == VERB + verb and s["object"]["id"].endswith(suffix)]


def test_a_scenario_and_a_quiz_played_are_in_the_lrs(learner, lrs_site) -> None:
    page, watch = learner
    ralph, site = lrs_site
    page.goto(site)
    page.get_by_role("radio", name=re.compile("^Health visiting")).check()  # the learner's role pathway
    page.goto(site + "scenarios/xapi-visit/")
    page.get_by_role("button", name="Start scenario").click()
    page.get_by_label("What would you record?").fill(REFLECTION)
    choose(page, "Wait for the next meeting")
    page.get_by_role("button", name="Continue").click()  # the step without a decision
    choose(page, "Agree a plan together")
    expect(page.get_by_role("heading", name="The baby is safer")).to_be_visible()

    page.goto(site + "quizzes/xapi-quiz/")
    page.get_by_role("button", name="Start quiz").click()
    answers = [
        lambda: page.get_by_role("radio", name="Finish the escalation stages").check(),  # wrong
        lambda: [page.get_by_role("checkbox", name=n).check() for n in ("The impact on the child", "What you ask for")],
        lambda: page.get_by_role("radio", name="True").check(),
        lambda: None,  # the order as shown: never the right one
        lambda: [
            page.get_by_role("group", name="Needs met by universal services")
            .get_by_role("radio", name="Universal")
            .check(),
            page.get_by_role("group", name="Statutory intervention needed")
            .get_by_role("radio", name="Specialist")
            .check(),
        ],
    ]
    shown_order = []
    for number, answer in enumerate(answers, start=1):
        answer()
        if number == 4:
            shown_order = page.locator(".qe-order li").evaluate_all("(lis) => lis.map((li) => li.dataset.label)")
        page.get_by_role("button", name="Check answer").click()
        page.get_by_role("button", name="See results" if number == 5 else "Next question").click()
    expect(page.get_by_text("You scored 60%")).to_be_visible()

    me = actor_name(page)
    mine = ralph.wait_for(11, lambda s: s["actor"].get("account", {}).get("name") == me)
    assert len(mine) == 11, (watch.errors, [(s["verb"]["id"], s["object"]["id"]) for s in mine])
    assert REFLECTION not in str(mine) and "Test partnership" not in str(mine)
    assert len({s["id"] for s in mine}) == 11
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", s["id"]) for s in mine
    )
    assert mine[0]["actor"] == {"objectType": "Agent", "account": {"homePage": site, "name": me}}
    assert all(set(s["actor"]["account"]) == {"homePage", "name"} and "mbox" not in s["actor"] for s in mine)

    door, plan = by(mine, "answered", "/nodes/door"), by(mine, "answered", "/nodes/plan")
    assert door[0]["object"]["id"] == f"{site}scenarios/xapi-visit/nodes/door"
    definition = door[0]["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == ["tell-today", "c2"]  # the trainer's id, else by position
    assert definition["choices"][1]["description"]["en-GB"] == "Wait for the next meeting"
    assert door[0]["result"]["response"] == "c2"
    assert door[0]["result"]["extensions"] == {f"{site}xapi/rating": "poor"}
    assert door[0]["context"]["contextActivities"]["parent"][0]["id"] == f"{site}scenarios/xapi-visit"
    assert plan[0]["result"]["response"] == "c1"
    ending = by(mine, "completed", "scenarios/xapi-visit")[0]
    assert ending["result"]["extensions"] == {
        f"{site}xapi/outcome": "good",
        f"{site}xapi/ending": "good-end",
        f"{site}xapi/path-length": 3,
    }

    questions = {
        s["object"]["id"].rsplit("/", 1)[1]: s for s in by(mine, "answered", "") if "/questions/" in s["object"]["id"]
    }
    kinds = {q: s["object"]["definition"]["interactionType"] for q, s in questions.items()}
    assert kinds == {
        "first-step": "choice",
        "written": "choice",
        "threshold": "true-false",
        "stages": "sequencing",
        "levels": "matching",
    }
    patterns = {q: s["object"]["definition"]["correctResponsesPattern"] for q, s in questions.items()}
    assert patterns == {
        "first-step": ["o1"],
        "written": ["o1[,]o2"],
        "threshold": ["true"],
        "stages": ["i1[,]i2[,]i3"],
        "levels": ["l1[.]r1[,]l2[.]r2"],
    }
    results = {q: (s["result"]["success"], s["result"]["response"]) for q, s in questions.items()}
    items = ["Talk to the practitioner", "Line managers", "Senior managers"]
    shown = "[,]".join(f"i{items.index(label) + 1}" for label in shown_order)
    assert results == {
        "first-step": (False, "o2"),
        "written": (True, "o1[,]o2"),
        "threshold": (True, "true"),
        "stages": (False, shown),
        "levels": (True, "l1[.]r1[,]l2[.]r2"),
    }
    attempt = by(mine, "passed", "quizzes/xapi-quiz")[0]
    assert attempt["result"]["score"] == {"scaled": 0.6, "raw": 3, "min": 0, "max": 5}
    pathway = {"objectType": "Activity", "id": f"{site}pathways/visiting"}
    pathway["definition"] = {"type": "http://adlnet.gov/expapi/activities/module", "name": {"en-GB": "Health visiting"}}
    assert all(
        pathway in s["context"]["contextActivities"]["grouping"]
        for s in mine
        if "grouping" in s["context"]["contextActivities"]
    )
    assert len([s for s in mine if "grouping" in s["context"]["contextActivities"]]) == 9
    completions = [
        s["object"]["id"]
        for s in mine
        if s["verb"]["id"] == VERB + "completed" and "scenarios" not in s["object"]["id"]
    ]
    assert sorted(completions) == [site, f"{site}pathways/visiting"]  # the module and the chosen pathway, once each
    assert all(
        re.fullmatch(r"PT\d+(\.\d+)?S", s["result"]["duration"])
        for s in mine
        if "grouping" in s["context"]["contextActivities"]
    )
    page.wait_for_function(QUEUE_EMPTY)
    watch.assert_clean()


def test_statements_wait_while_the_lrs_is_down_and_arrive_once(learner, lrs_site) -> None:
    """The LRS stops mid-scenario; the learner goes on and even closes the page; restarted, it gets every statement once."""
    page, _ = learner  # console errors are expected here: requests to a stopped LRS fail
    ralph, site = lrs_site
    page.goto(site + "scenarios/xapi-visit/")
    page.get_by_role("button", name="Start scenario").click()
    choose(page, "Tell the social worker today")
    me = actor_name(page)
    assert len(ralph.wait_for(1, lambda s: s["actor"]["account"]["name"] == me)) == 1
    ralph.stop()
    page.get_by_role("button", name="Continue").click()  # after the feedback
    page.get_by_role("button", name="Continue").click()  # the step without a decision
    choose(page, "Start again from the referral")
    expect(page.get_by_role("heading", name="The baby is admitted")).to_be_visible()
    assert queued(page) == 2
    page.reload()  # the page is closed and opened again while the LRS is down
    expect(page.get_by_role("button", name="See your debrief")).to_be_visible()
    assert queued(page) == 2
    ralph.start()
    ralph.wait_for(3, lambda s: s["actor"]["account"]["name"] == me, seconds=20)
    page.wait_for_function(QUEUE_EMPTY)
    mine = [s for s in ralph.statements() if s["actor"]["account"]["name"] == me]  # nothing more came after
    responses = sorted((s["verb"]["id"].rsplit("/", 1)[1], s["object"]["id"].rsplit("/", 1)[1]) for s in mine)
    assert responses == [("answered", "door"), ("answered", "plan"), ("completed", "xapi-visit")]
    assert len({s["id"] for s in mine}) == len(mine) == 3
    assert uuid.UUID(mine[0]["id"]).version == 4


def test_insights_from_the_lrs_page_by_page(learner, lrs_site, tmp_path, serve_folder, monkeypatch) -> None:
    """After the plays above: the report from the LRS's statements API, read 3 statements a
    page (following `more`), then read as a learner would, with a screen reader's roles."""
    import quiz_engine.insights.read as read
    from quiz_engine.insights.write import write_insights

    ralph, _ = lrs_site
    held = len(ralph.statements())
    assert held >= 11  # the first test of this file played the scenario and the quiz
    monkeypatch.setattr(read, "PAGE", 3)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Learning records test\n")
    _, summary = write_insights(config, tmp_path / "insights", ralph.endpoint, basic(READER), None, None)
    assert summary.statements == held and summary.other == 0
    _, later = write_insights(config, tmp_path / "later", ralph.endpoint, basic(READER), "2999-01-01T00:00:00Z", None)
    assert later.statements == 0

    page, watch = learner
    url = serve_folder(tmp_path / "insights")
    watch.own = url.split("/")[2]
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights: Learning records test")
    decision = page.get_by_role("table", name="First choices at “At the door” (the chart above)")
    expect(decision.get_by_role("row", name="Wait for the next meeting fewer than 5 fewer than 5")).to_be_visible()
    endings = page.get_by_role("table", name="The first ending each learner reached")
    reached = sorted(
        {
            e
            for s in ralph.statements()
            for k, e in s.get("result", {}).get("extensions", {}).items()
            if k.endswith("/ending")
        }
    )
    expect(endings.get_by_role("rowheader")).to_have_text([*reached, "No ending reached"])
    assert "good-end" in reached
    questions = page.get_by_role("table", name="Each question, from each learner's first answer")
    expect(questions.get_by_role("row")).to_have_count(6)
    pathways = page.get_by_role("table", name="Learners and completions of each pathway")
    expect(pathways.get_by_role("row", name="Health visiting fewer than 5 fewer than 5")).to_be_visible()
    assert all_violations(page) == []  # axe-core, IBM Equal Access and HTML_CodeSniffer
    watch.assert_clean()


def test_in_an_lms_the_learner_is_the_lms_learner_id(learner, lrs_site, tmp_path, serve_files) -> None:
    """The SCORM 2004 package in the test LMS (scorm-again) that gives cmi.learner_id: the
    statements name that learner, on the LMS's address, instead of a random id."""
    from tests.browser.test_scorm import course_base, course_frame, serve_lms

    page, _ = learner
    ralph, site = lrs_site
    lms_url = serve_lms(tmp_path, ralph.folder.parent / "project" / "mkdocs.yml", serve_files)
    lms_origin = lms_url.split("/lms.html")[0]
    ralph.allow_origin(lms_origin)
    page.goto(lms_url)
    page.evaluate("([v, s]) => window.launch(v, s)", ["2004", {"cmi": {"learner_id": "lms-learner-42"}}])
    frame = course_frame(page)
    frame.goto(course_base(lms_url, "2004") + "scenarios/xapi-visit.html")
    frame.get_by_role("button", name="Start scenario").click()
    frame.get_by_role("radio", name="Wait for the next meeting").check()
    frame.get_by_role("button", name="Continue").click()
    mine = ralph.wait_for(1, lambda s: s["actor"]["account"]["name"] == "lms-learner-42")
    assert [s["actor"]["account"] for s in mine] == [{"homePage": lms_origin + "/", "name": "lms-learner-42"}]
    assert mine[0]["object"]["id"] == f"{site}scenarios/xapi-visit/nodes/door"  # the site's ids, in a package too
