"""The SCORM packages in a real LMS runtime: the npm package scorm-again in a parent
page, the unzipped package in a frame, real Chromium. Launch, answer, complete,
relaunch and resume, for SCORM 1.2 and SCORM 2004."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page

from tests.browser.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "scorm-module" / "mkdocs.yml"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"
SUSPEND_LIMIT_12 = 4096

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
        window.calls.push({ name, args, result: String(result), error: String(api.lastErrorCode) });
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


def serve_lms(folder: Path, config: Path, serve_folder) -> str:
    """Package the module of `config` for SCORM, unzip both packages into `folder`
    beside the test LMS page and scorm-again, serve it; returns the LMS page's URL."""
    dist = folder / "dist"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "scorm", "-f", str(config), "--dist", str(dist)],
        capture_output=True,
        text=True,
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
    return serve_folder(folder) + "lms.html"


@pytest.fixture(scope="session")
def lms_url(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> str:
    return serve_lms(tmp_path_factory.mktemp("lms"), FIXTURE, serve_folder)


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


def play_scenario_to_step_two(frame: Frame) -> None:
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    article.get_by_role("radio", name="Tell the social worker today").check()
    article.get_by_role("button", name="Continue").click()
    article.get_by_role("button", name="Continue").click()  # past the feedback
    article.get_by_role("radio", name="Agree a plan together").wait_for()


def pass_quiz(frame: Frame) -> None:
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Start quiz").click()
    article.get_by_role("radio", name="True").check()
    article.get_by_role("button", name="Check answer").click()
    article.get_by_role("button", name="Next question").click()
    article.get_by_role("radio", name="The advice of May 2024").check()
    article.get_by_role("button", name="Check answer").click()
    article.get_by_role("button", name="See results").click()
    article.get_by_text("Passed", exact=True).wait_for()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_launch_complete_relaunch_and_resume(page: Page, lms_url: str, version: str) -> None:
    base = lms_url.rsplit("/", 1)[0] + f"/course-{version.replace('.', '')}/"
    page.goto(lms_url)
    page.evaluate("(v) => window.launch(v, null)", version)
    frame = course_frame(page)
    frame.get_by_role("heading", name="SCORM test module").wait_for()
    incomplete = "incomplete" if version == "1.2" else "incomplete/unknown"
    assert status(page, version) == (incomplete, "")

    frame.goto(base + "scenarios/short-visit/")
    play_scenario_to_step_two(frame)
    assert status(page, version)[0] == incomplete

    frame.goto(base + "quizzes/short-quiz/")
    pass_quiz(frame)
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
    frame.goto(base + "scenarios/short-visit/")
    article = frame.get_by_role("article")
    article.get_by_role("button", name="Resume").click()
    article.get_by_role("radio", name="Agree a plan together").check()
    article.get_by_role("button", name="Continue").click()
    article.get_by_role("button", name="Start again").wait_for()

    complete = ("passed", "100") if version == "1.2" else ("completed/passed", "100")
    page.wait_for_function("() => true")
    assert status(page, version) == complete
    assert_calls_succeeded(page, version)
