"""The SCORM packages in a real LMS runtime: the npm package scorm-again in a parent
page, the unzipped package in a frame, real Chromium. Launch, answer, complete,
relaunch and resume, for SCORM 1.2 and SCORM 2004; the status sequence each version
reports, the session time, review mode, and what the pages say about where progress
is kept, in the LMS and on the plain site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import ROOT, engine_environment

FIXTURE = ROOT / "tests" / "fixtures" / "scorm-module" / "mkdocs.yml"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"
SUSPEND_LIMIT_12 = 4096
# Pages the fixture module gets in a copy: where the pages speak of where progress is kept.
KEEPING_PAGES = {
    "certificate.md": '# Your certificate\n\n<div class="qe-certificate-page">\n<module-certificate></module-certificate>\n</div>\n',
    "my-reflections.md": '# My reflections\n\n<div class="qe-reflections-page">\n<my-reflections></my-reflections>\n</div>\n',
}
# What they say (the runtime's texts), in an LMS and outside one.
NAME_IN_LMS = "Your learning system keeps your name with your progress. It is not sent anywhere else."
NAME_IN_BROWSER = "Your name is kept only in this browser on this device. It is not sent anywhere."
REFLECTIONS_IN_LMS = "what you write there is kept by your learning system, and gathered here."
REFLECTIONS_IN_BROWSER = "what you write there is kept only in this browser on this device, and gathered here."
REVIEWING = {
    "review": "Review: You are reviewing this module. Nothing you do now changes what your learning system has recorded.",
    "browse": "Browse: You are browsing this module. Nothing you do now is recorded by your learning system.",
}

LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script></head>
<body><main><h1>Test LMS</h1>
<iframe id="sco" title="Course" style="width: 100%; height: 85vh; border: 0"></iframe></main>
<script>
  // Every API call is recorded with its result and the error code right after it.
  window.calls = [];
  function record(api, names) {
    for (const name of names) {
      const original = api[name].bind(api);
      api[name] = (...args) => {
        const result = original(...args);
        window.calls.push({ name, args, result: String(result), error: String(api.lastErrorCode), at: performance.now() });
        return result;
      };
    }
  }
  window.launch = (version, saved) => {
    const settings = { logLevel: 5, autocommit: false };
    if (version === "1.2") {
      const api = new Scorm12API(settings);
      if (saved) api.loadFromJSON(saved);
      record(api, ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"]);
      window.API = api;
    } else {
      const api = new Scorm2004API(settings);
      if (saved) api.loadFromJSON(saved);
      record(api, ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"]);
      window.API_1484_11 = api;
    }
    document.getElementById("sco").src = `course-${version.replace(".", "")}/scorm-launch.html`;
  };
  window.unload = () => document.getElementById("sco").remove();
  window.cmi = () => (window.API || window.API_1484_11).renderCMIToJSONObject();
</script></body></html>
"""


def serve_lms(folder: Path, config: Path, serve_files, engine: str = "mkdocs") -> str:
    """Package the module of `config` for SCORM, unzip both packages into `folder`
    beside the test LMS page and scorm-again, serve it as an LMS does (files only, no
    folder index); returns the LMS page's URL."""
    dist = folder / "dist"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "scorm", "-f", str(config), "--dist", str(dist), "--engine", engine],
        capture_output=True,
        text=True,
        env=engine_environment(engine),
    )
    assert result.returncode == 0, result.stderr
    for version in ("12", "2004"):
        (package,) = dist.glob(f"*-scorm{version}.zip")
        with zipfile.ZipFile(package) as archive:
            assert "imsmanifest.xml" in archive.namelist()
            archive.extractall(folder / f"course-{version}")
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(SCORM_AGAIN / name, folder / name)
    (folder / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    return serve_files(folder) + "lms.html"


@pytest.fixture(scope="session")
def lms_url(tmp_path_factory: pytest.TempPathFactory, serve_files) -> str:
    """The fixture module, with a certificate and a My reflections page, in the test LMS."""
    module = tmp_path_factory.mktemp("scorm-module") / "module"
    shutil.copytree(FIXTURE.parent, module)
    for name, text in KEEPING_PAGES.items():
        (module / "docs" / name).write_text(text, encoding="utf-8")
    return serve_lms(tmp_path_factory.mktemp("lms"), module / "mkdocs.yml", serve_files)


def course_frame(page: Page) -> Frame:
    """The frame showing the module's pages, inside the launch page's frame."""
    for _ in range(100):
        for frame in page.frames:
            if "/course-" in frame.url and "scorm-launch" not in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no module frame among {[f.url for f in page.frames]}")


def status(page: Page, version: str) -> tuple[str, str]:
    """Read the LMS's record directly, not through the recorded API calls."""
    cmi = page.evaluate("() => window.cmi()")["cmi"]
    if version == "1.2":
        return cmi["core"]["lesson_status"], str(cmi["core"]["score"]["raw"])
    return f"{cmi['completion_status']}/{cmi['success_status']}", str(cmi["score"]["raw"])


def settled(page: Page, version: str, expected: tuple[str, str]) -> tuple[str, str]:
    """The LMS's record once it is `expected` (a report follows its save by a moment), or after 5 s."""
    for _ in range(50):
        if status(page, version) == expected:
            break
        page.wait_for_timeout(100)
    return status(page, version)


def calls(page: Page) -> list[dict]:
    return page.evaluate("() => window.calls")


def assert_calls_succeeded(page: Page, version: str) -> None:
    recorded = calls(page)
    assert recorded, "the module never called the LMS"
    for call in recorded:
        if not call["name"].endswith("GetValue"):
            assert call["result"] == "true", call
        assert call["error"] == "0", call
        if version == "1.2" and call["name"] == "LMSSetValue" and call["args"][0] == "cmi.suspend_data":
            assert len(call["args"][1]) <= SUSPEND_LIMIT_12, f"suspend_data of {len(call['args'][1])} characters"


def wait_for_call(page: Page, name: str, element: str) -> None:
    page.wait_for_function(
        "([n, e]) => window.calls.some(c => c.name === n && c.args[0] === e)", arg=[name, element], timeout=5000
    )


def course_base(lms_url: str, version: str) -> str:
    return lms_url.rsplit("/", 1)[0] + f"/course-{version.replace('.', '')}/"


def address(base: str, stem: str) -> str:
    """A page of the package, by its file name (`scenarios/short-visit.html`): an LMS
    serves nothing for a folder's address."""
    return base + stem + ".html"


def launch(page: Page, lms_url: str, version: str, saved: dict | None = None) -> Frame:
    page.goto(lms_url)
    page.evaluate("([v, s]) => window.launch(v, s)", [version, saved])
    frame = course_frame(page)
    frame.get_by_role("heading", name="SCORM test module").wait_for()
    return frame


def unload(page: Page, version: str) -> dict:
    """Close the module as the LMS would; return the LMS's record."""
    page.evaluate("() => window.unload()")
    wait_for_call(page, "LMSFinish" if version == "1.2" else "Terminate", "")
    return page.evaluate("() => window.cmi()")["cmi"]


def written(page: Page, element: str) -> list[str]:
    """The values the module set in `element`, in order, each run of repeats once."""
    values = [c["args"][1] for c in calls(page) if c["name"].endswith("SetValue") and c["args"][0] == element]
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def seconds(version: str, value: str) -> float:
    """A session time in seconds, checked against the version's format."""
    if version == "1.2":  # CMITimespan: HHHH:MM:SS.SS, hours in 2 to 4 digits
        match = re.fullmatch(r"(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?", value)
        assert match, f"not a SCORM 1.2 timespan: {value!r}"
        h, m, s, frac = match.groups()
    else:  # ISO 8601 duration, at most hundredths of a second
        match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(\d+)(\.\d{1,2})?S", value)
        assert match, f"not a SCORM 2004 duration: {value!r}"
        h, m, s, frac = match.groups()
    return int(h or 0) * 3600 + int(m or 0) * 60 + int(s) + float(frac or 0)


def play_scenario_to_step_two(frame: Frame) -> None:
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    article.get_by_role("radio", name="Tell the social worker today").check()
    article.get_by_role("button", name="Continue").click()
    article.get_by_role("button", name="Continue").click()  # past the feedback
    article.get_by_role("radio", name="Agree a plan together").wait_for()


def take_quiz(frame: Frame, passing: bool = True) -> None:
    """Both answers right, or both wrong."""
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Start quiz").click()
    article.get_by_role("radio", name="True" if passing else "False").check()
    article.get_by_role("button", name="Check answer").click()
    article.get_by_role("button", name="Next question").click()
    article.get_by_role("radio", name="The advice of May 2024" if passing else "The advice of July 2018").check()
    article.get_by_role("button", name="Check answer").click()
    article.get_by_role("button", name="See results").click()
    article.get_by_text("Passed" if passing else "Not passed", exact=True).wait_for()


def finish_scenario(frame: Frame) -> None:
    play_scenario_to_step_two(frame)
    article = frame.get_by_role("article")
    article.get_by_role("radio", name="Agree a plan together").check()
    article.get_by_role("button", name="Continue").click()
    article.get_by_role("button", name="Start again").wait_for()


def play_module(page: Page, lms_url: str, version: str, passing: bool = True) -> Frame:
    """Launch, play the scenario to its end and take the quiz; returns the module's frame."""
    base = course_base(lms_url, version)
    frame = launch(page, lms_url, version)
    frame.goto(address(base, "scenarios/short-visit"))
    finish_scenario(frame)
    frame.goto(address(base, "quizzes/short-quiz"))
    take_quiz(frame, passing)
    return frame


def complete_module(page: Page, lms_url: str, version: str) -> dict:
    """A learner completes the module in one visit; returns the LMS's record after it closes."""
    play_module(page, lms_url, version)
    return unload(page, version)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_launch_complete_relaunch_and_resume(page: Page, lms_url: str, version: str) -> None:
    base = lms_url.rsplit("/", 1)[0] + f"/course-{version.replace('.', '')}/"
    page.goto(lms_url)
    page.evaluate("(v) => window.launch(v, null)", version)
    frame = course_frame(page)
    frame.get_by_role("heading", name="SCORM test module").wait_for()
    incomplete = "incomplete" if version == "1.2" else "incomplete/unknown"
    assert status(page, version) == (incomplete, "")

    frame.goto(address(base, "scenarios/short-visit"))
    play_scenario_to_step_two(frame)
    assert status(page, version)[0] == incomplete

    frame.goto(address(base, "quizzes/short-quiz"))
    take_quiz(frame)
    assert status(page, version)[0] == incomplete  # the scenario is not finished yet
    assert_calls_succeeded(page, version)

    # Leave mid-scenario: the LMS keeps suspend_data; relaunch resumes there.
    page.evaluate("() => window.unload()")
    wait_for_call(page, "LMSFinish" if version == "1.2" else "Terminate", "")
    assert_calls_succeeded(page, version)
    saved = page.evaluate("() => window.cmi()")["cmi"]
    suspend = saved["suspend_data"]
    assert suspend and json.loads(suspend)
    if version == "1.2":
        saved["core"]["entry"] = "resume"
    else:
        saved["entry"] = "resume"

    page.goto(lms_url)
    page.evaluate("([v, s]) => window.launch(v, s)", [version, saved])
    frame = course_frame(page)
    frame.get_by_role("heading", name="SCORM test module").wait_for()
    frame.goto(address(base, "scenarios/short-visit"))
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Resume").click()
    article.get_by_role("radio", name="Agree a plan together").check()
    article.get_by_role("button", name="Continue").click()
    article.get_by_role("button", name="Start again").wait_for()

    complete = ("completed", "100") if version == "1.2" else ("completed/passed", "100")
    assert settled(page, version, complete) == complete
    assert_calls_succeeded(page, version)


# What each version reports, in order (README, "An LMS"); SCORM 1.2 never "passed" nor "failed".
SEQUENCES = {
    "1.2": {"cmi.core.lesson_status": ["incomplete", "completed"]},
    "2004": {"cmi.completion_status": ["incomplete", "completed"], "cmi.success_status": ["failed", "passed"]},
}
SCORE = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
SESSION_TIME = {"1.2": "cmi.core.session_time", "2004": "cmi.session_time"}


def session_times(page: Page, version: str) -> list[tuple[int, dict]]:
    """Each setting of the session time: (its place among the calls, the call)."""
    return [
        (i, c)
        for i, c in enumerate(calls(page))
        if c["name"].endswith("SetValue") and c["args"][0] == SESSION_TIME[version]
    ]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_status_sequence_session_time_and_where_progress_is_kept(page: Page, lms_url: str, version: str) -> None:
    base = course_base(lms_url, version)
    frame = play_module(page, lms_url, version, passing=False)
    # Every item tried and a quiz not passed yet: 2004 says failed, 1.2 stays incomplete.
    failed = ("incomplete", "0") if version == "1.2" else ("incomplete/failed", "0")
    assert settled(page, version, failed) == failed
    assert not session_times(page, version), "a session time before completion"
    frame.goto(address(base, "quizzes/short-quiz"))
    take_quiz(frame)
    complete = ("completed", "100") if version == "1.2" else ("completed/passed", "100")
    assert settled(page, version, complete) == complete
    for element, sequence in SEQUENCES[version].items():
        assert written(page, element) == sequence, element
    assert written(page, SCORE[version]) == ["0", "100"]

    # At completion: the session time so far, committed at once.
    recorded = calls(page)
    (start,) = [c for c in recorded if c["name"] in ("LMSInitialize", "Initialize")]
    (place, at_completion), *_ = session_times(page, version)
    assert recorded[place + 1]["name"] in ("LMSCommit", "Commit")

    # Inside the LMS, the pages say the learning system keeps the learner's progress.
    frame.goto(address(base, "certificate"))
    article = frame.get_by_role("article")
    expect(article.get_by_role("textbox", name="Your full name")).to_have_accessible_description(NAME_IN_LMS)
    frame.goto(address(base, "my-reflections"))
    expect(article).to_contain_text(REFLECTIONS_IN_LMS)
    expect(article).not_to_contain_text("this browser")
    page.wait_for_timeout(500)

    # On leaving: the whole session, from Initialize, set again (not added) before Terminate.
    unload(page, version)
    assert_calls_succeeded(page, version)
    recorded = calls(page)
    times = session_times(page, version)
    place, at_exit = times[-1]
    assert recorded[-1]["name"] in ("LMSFinish", "Terminate")
    assert [c["name"] for c in recorded[place + 1 :]] in (["LMSCommit", "LMSFinish"], ["Commit", "Terminate"])
    for _, call in times:
        measured, elapsed = seconds(version, call["args"][1]), (call["at"] - start["at"]) / 1000
        assert elapsed - 0.15 <= measured <= elapsed + 0.01, (call, elapsed)
    assert seconds(version, at_exit["args"][1]) >= seconds(version, at_completion["args"][1]) + 0.5

    # Launched again without "resume" (an LMS reopening a completed attempt): the module
    # still reads what the LMS keeps, so its next save loses nothing, and a failed quiz
    # now does not lower what the LMS holds.
    record = page.evaluate("() => window.cmi()")["cmi"]
    kept = json.loads(record["suspend_data"])
    if version == "1.2":
        record["core"]["entry"] = ""
    else:
        record["entry"] = ""
    frame = launch(page, lms_url, version, record)
    frame.goto(address(base, "quizzes/short-quiz"))
    take_quiz(frame, passing=False)
    unload(page, version)
    assert status(page, version) == complete
    statuses = [c["args"][1] for c in calls(page) if c["name"].endswith("SetValue") and "status" in c["args"][0]]
    assert set(statuses) <= {"completed", "passed"}, statuses  # the same again at most, never lower
    assert_calls_succeeded(page, version)
    saved = json.loads(page.evaluate("() => window.cmi()")["cmi"]["suspend_data"])
    assert {k for k in kept if k.startswith("summary:")} <= set(saved), "the relaunch lost what was done"


@pytest.mark.parametrize(("version", "mode"), [("1.2", "review"), ("2004", "review"), ("2004", "browse")])
def test_review_mode_shows_everything_and_writes_nothing(page: Page, lms_url: str, version: str, mode: str) -> None:
    base = course_base(lms_url, version)
    record = complete_module(page, lms_url, version)
    before = status(page, version), record["suspend_data"]
    if version == "1.2":
        record["core"].update(lesson_mode=mode, entry="")
    else:
        record.update(mode=mode, entry="")

    frame = launch(page, lms_url, version, record)
    expect(page.frame_locator("#sco").get_by_text(REVIEWING[mode])).to_be_visible()
    article = frame.get_by_role("article")
    frame.goto(address(base, "scenarios/short-visit"))
    expect(article).to_contain_text("You have finished this scenario")
    frame.goto(address(base, "quizzes/short-quiz"))
    expect(article).to_contain_text("Your best score so far: 100%")
    take_quiz(frame, passing=False)  # nothing the learner does now is reported
    frame.goto(address(base, "certificate"))
    expect(article.get_by_role("heading", name="You have completed the module")).to_be_visible()
    expect(article.get_by_role("textbox", name="Your full name")).to_have_accessible_description(
        re.compile("^You are reviewing the module, so your name is kept only until you close it")
    )

    after = unload(page, version)
    assert_calls_succeeded(page, version)
    names = {c["name"] for c in calls(page)}
    assert names <= {"LMSInitialize", "LMSGetValue", "LMSFinish", "Initialize", "GetValue", "Terminate"}, names
    assert (status(page, version), after["suspend_data"]) == before


def test_outside_an_lms_the_pages_say_progress_stays_in_this_browser(page: Page, lms_url: str) -> None:
    # The package's pages opened on their own, as on the module's website: no LMS.
    base = course_base(lms_url, "1.2")
    page.goto(address(base, "my-reflections"))
    article = page.get_by_role("article")
    expect(article).to_contain_text(REFLECTIONS_IN_BROWSER)
    page.goto(address(base, "scenarios/short-visit"))
    finish_scenario(page.main_frame)
    page.goto(address(base, "quizzes/short-quiz"))
    take_quiz(page.main_frame)
    page.goto(address(base, "certificate"))
    expect(article.get_by_role("textbox", name="Your full name")).to_have_accessible_description(NAME_IN_BROWSER)
    expect(article).not_to_contain_text("learning system")
