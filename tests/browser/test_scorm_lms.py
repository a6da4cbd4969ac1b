"""The default module's SCORM packages played as an LMS serves them: files by their
exact name only (Moodle answers 404 for a folder), scorm-again as the LMS, every
page reached by the module's own links, under each engine and each SCORM version:
the whole module start to finish (MkDocs), or a role pathway's items (Zensical). The
LMS then holds the completion, the score and the time spent."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import ENGINES, ROOT
from tests.browser.test_module_completion import pass_the_quiz_here, play_to_an_ending
from tests.browser.test_scorm import course_frame, seconds, serve_lms

TITLE = "Baby K and Child M: children with complex health needs and neglect"


@pytest.fixture(scope="session", params=ENGINES)
def lms(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve_files) -> tuple[str, Path, str]:
    """The test LMS page's URL, with both packages of the default module built by one engine, unzipped
    beside it (course-12/, course-2004/); the folder they are in; the engine."""
    folder = tmp_path_factory.mktemp(f"lms-{request.param}")
    return serve_lms(folder, ROOT / "mkdocs.yml", serve_files, engine=request.param), folder, request.param


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_lms_serves_files_only(lms: tuple[str, Path, str]) -> None:
    """The test's server is as strict as Moodle: a folder is not a page."""
    base = lms[0].rsplit("/", 1)[0] + "/course-12/"
    assert http_status(base + "scorm-launch.html") == 200
    assert http_status(base + "scenarios/index.html") == 200
    assert http_status(base + "scenarios/") == 404
    assert http_status(base) == 404


def cmi(page: Page) -> dict:
    return page.evaluate("() => window.cmi()")["cmi"]


def go(frame: Frame, name: str, section: str | None = None) -> None:
    """Follow a link of the site's own navigation, and wait for the page it opens. A page
    in a section not open yet is reached through the section (the navigation is pruned)."""
    nav = frame.get_by_role("navigation", name="Navigation")
    if section and not nav.get_by_role("link", name=name, exact=True).count():
        nav.get_by_role("link", name=section, exact=True).first.click()
        frame.wait_for_load_state()
    nav.get_by_role("link", name=name, exact=True).first.click()
    expect(frame.get_by_role("heading", level=1)).to_have_text(name)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_play_the_module_by_its_own_links(page: Page, lms: tuple[str, Path, str], version: str) -> None:
    """Under MkDocs every scenario and quiz; under Zensical (to keep the suite's time) the
    items of one role pathway, chosen on the home page: the LMS then records its completion."""
    url, folder, engine = lms
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    started = time.monotonic()
    page.evaluate("(v) => window.launch(v, null)", version)
    frame = course_frame(page)
    expect(frame.get_by_role("heading", level=1)).to_have_text(TITLE)
    module = json.loads((folder / "course-12" / "assets" / "quiz-engine" / "module.json").read_text("utf-8"))
    items = module["items"]
    if engine == "zensical":
        pathway = module["pathways"][0]
        role = frame.get_by_role("group", name="What is your role?")
        role.get_by_role("radio", name=pathway["title"], exact=False).check()
        items = [i for i in items if i["id"] in pathway["required"]]

    for kind, section in (("scenario", "Scenarios"), ("quiz", "Quizzes")):
        for item in (i for i in items if i["kind"] == kind):
            go(frame, section)
            frame.get_by_role("article").get_by_role("link", name=item["title"], exact=True).click()
            expect(frame.get_by_role("heading", level=1)).to_have_text(item["title"])
            assert frame.url.endswith(item["url"])  # a file: scenarios/<id>.html
            if kind == "scenario":
                play_to_an_ending(frame.get_by_role("article"))
            else:
                pass_the_quiz_here(page, frame)

    go(frame, "Your certificate", section="Your progress")
    expect(frame.get_by_role("heading", name="You have completed the module", level=2)).to_be_visible()
    record = cmi(page)
    if version == "1.2":
        assert record["core"]["lesson_status"] == "completed"  # what Moodle's default completion rule asks
        assert record["core"]["score"]["raw"] == "100"
    else:
        assert (record["completion_status"], record["success_status"]) == ("completed", "passed")
        assert record["score"]["raw"] == "100"
    page.evaluate("() => window.unload()")
    page.wait_for_function("() => window.calls.some((c) => c.name === 'LMSFinish' || c.name === 'Terminate')")
    elapsed = time.monotonic() - started
    record = cmi(page)
    session_time = record["core"]["session_time"] if version == "1.2" else record["session_time"]
    # From the LMS's Initialize, a moment after launch, to the exit: the whole visit, less that moment.
    assert elapsed - 5 <= seconds(version, session_time) <= elapsed, f"{session_time!r} for {elapsed:.1f} s"
    assert failed == []
