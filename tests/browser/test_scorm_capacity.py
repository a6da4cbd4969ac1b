"""SCORM 1.2 keeps at most 4,096 characters of cmi.suspend_data. Two modules in the
test LMS (scorm-again in a parent page, every API call recorded):

- the default module, done in full by one learner: every scenario to an ending on
  its longest route (a detour and Back at each decision), a long reflection at every
  prompt, every quiz passed, a quiz tried again and left part-way, a name for the
  certificate; then relaunched with what the LMS kept;
- a generated module of 40 items, too many for even the completion summaries,
  its state saved through storage.js as the players save it.

Every save must fit and succeed, what is left out must go in the order storage.js
documents, the learner must be told, and the LMS must keep the right completion.
The suspend_data lengths are printed (pytest -s)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from benchmarks.generate import quiz_yaml, scenario_yaml
from tests.browser.conftest import ROOT
from tests.browser.scenario_walk import TEMPLATE, after, heading_name, module_json, radio, visible
from tests.browser.test_quiz_player import answer, current_question, text_of
from tests.browser.test_scorm import (
    SUSPEND_LIMIT_12,
    address,
    assert_calls_succeeded,
    calls,
    course_frame,
    serve_lms,
    wait_for_call,
)

DROP_ORDER = ["reflections", "quiz", "scenario", "learner", "summary"]  # storage.js LMS_DROP_ORDER
LEFT_KEY = "~left"
NAME = "Alexandra Josephine Montgomery-Smythe"
NAME_FIELD = "Your full name, as it should appear on the certificate"
STORAGE = "assets/quiz-engine/storage.js"


def reflection(n: int) -> str:
    """About 600 characters, with what JSON escapes or counts oddly: quotes, new lines, non-ASCII."""
    text = (
        f"Reflection {n} on this step of the case. I saw a medicine chart with gaps, clinic letters left "
        'unopened and a mother who said "we\u2019re managing, it\u2019s fine". The baby was pale and the flat was cold.\n'
        "What the next person needs: exactly what I saw and heard, with dates, what I asked and what I was told; "
        "who else knows (GP, paediatrician, social worker) and when I told them; what I am worried will happen "
        "if nothing changes, and what would make me escalate under the case resolution protocol.\n"
        "What I will do today: ring the GP and the social worker, share the chronology, and book supervision."
    )
    assert len(text) >= 500
    return text


# What the launch page tells the learner the LMS has no room for (scorm-launch.js NOT_KEPT).
NOT_KEPT = {
    "reflections": "some of your reflections",
    "quiz": "a quiz you left part-way",
    "scenario": "where you were in some scenarios",
    "learner": "your name for the certificate",
    "summary": "some of your progress",
}
STILL_RECORDED = "The learning system still records whether you have completed the module."


def items(site: Path, kind: str) -> list[tuple[str, dict]]:
    """(address in the package, data) of each scenario or quiz of the unzipped package at
    `site`, as module.json lists them (its links name files, as an LMS serves them)."""
    found = []
    for item in module_json(site)["items"]:
        if item["kind"] == kind:
            page = site / (item["url"] + "index.html" if item["url"].endswith("/") else item["url"])
            (data,) = [json.loads(html.unescape(m)) for m in TEMPLATE.findall(page.read_text(encoding="utf-8"))]
            found.append((item["url"], data))
    assert found, f"the module has no {kind}"
    return found


def not_kept(copy: dict) -> str:
    parts = [NOT_KEPT[kind] for kind in copy[LEFT_KEY]]
    return f"{', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else parts[0]


# --- the LMS ----------------------------------------------------------------------------------


def launch_frame(page: Page) -> Frame:
    """The frame of scorm-launch.html, which holds the session and the notices."""
    for _ in range(100):
        for frame in page.frames:
            if frame.url.endswith("/scorm-launch.html"):
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no launch page among {[f.url for f in page.frames]}")


def launch(page: Page, url: str, saved: dict | None = None) -> tuple[Frame, Frame]:
    page.emulate_media(reduced_motion="reduce")  # no transitions to wait for
    page.goto(url)
    page.evaluate("([v, s]) => window.launch(v, s)", ["1.2", saved])
    return launch_frame(page), course_frame(page)


def suspend_data(page: Page) -> list[str]:
    """Every value the module set in cmi.suspend_data, in order."""
    return [c["args"][1] for c in calls(page) if c["name"] == "LMSSetValue" and c["args"][0] == "cmi.suspend_data"]


def whole_state(launcher: Frame) -> dict:
    """The whole state the launch page holds for this visit (what the next page loads)."""
    return launcher.evaluate("() => window.quizEngineLMS.load()")


def relaunch_data(page: Page) -> dict:
    """Close the session and return the LMS's record, marked to resume."""
    page.evaluate("() => window.unload()")
    wait_for_call(page, "LMSFinish", "")
    assert_calls_succeeded(page, "1.2")
    saved = page.evaluate("() => window.cmi()")["cmi"]
    assert saved["core"]["exit"] == "suspend"
    saved["core"]["entry"] = "resume"
    return saved


def lms_status(page: Page) -> tuple[str, str]:
    core = page.evaluate("() => window.cmi()")["cmi"]["core"]
    return core["lesson_status"], str(core["score"]["raw"])


class Stages:
    """The suspend_data length after each stage, and the length of the whole state."""

    def __init__(self, page: Page, launcher: Frame) -> None:
        self.page, self.launcher, self.rows = page, launcher, []

    def __call__(self, stage: str) -> dict:
        sent = suspend_data(self.page)[-1]
        copy, whole = json.loads(sent), whole_state(self.launcher)
        self.rows.append((stage, len(sent), whole, sorted(set(whole) - set(copy))))
        return copy

    def print(self, title: str) -> None:
        print(f"\n{title}: cmi.suspend_data after each stage (limit {SUSPEND_LIMIT_12})")
        print(f"  {'stage':<56} {'sent':>5} {'whole':>6}  left out of the LMS copy")
        for stage, sent, whole, left in self.rows:
            full = len(json.dumps(whole, ensure_ascii=False, separators=(",", ":")))
            kinds = [key.split(":", 1)[0] for key in whole]
            out = [key.split(":", 1)[0] for key in left]
            counts = ", ".join(f"{kind} {out.count(kind)} of {kinds.count(kind)}" for kind in DROP_ORDER if kind in out)
            print(f"  {stage:<56} {sent:>5} {full:>6}  {counts or '-'}")


def assert_left_in_order(whole: dict, copy: dict) -> None:
    """What the copy left out follows storage.js: kind by kind in DROP_ORDER, none of a kind
    before every record of the earlier kinds is out; reflections and quiz attempts, the largest
    first; positions, those of finished scenarios first."""
    left = set(whole) - set(copy) - {LEFT_KEY}
    assert all(key in whole for key in copy if key != LEFT_KEY), "the LMS copy has records the state has not"
    kinds = {key: key.split(":", 1)[0] for key in whole}
    assert sorted(copy.get(LEFT_KEY, [])) == sorted({kinds[k] for k in left}), "~left does not list the kinds left out"
    for key in left:
        earlier = DROP_ORDER[: DROP_ORDER.index(kinds[key])]
        kept_earlier = [k for k in copy if kinds.get(k) in earlier]
        assert not kept_earlier, f"{key} left out while {kept_earlier} were kept"

    def size(key: str) -> int:
        return len(json.dumps({key: whole[key]}, ensure_ascii=False, separators=(",", ":")))

    def done(key: str) -> bool:
        summary = whole.get("summary:" + key.split(":", 1)[1])
        return bool(summary) and summary["data"]["status"] in ("completed", "passed")

    for kind, first in (("reflections", size), ("quiz", size), ("scenario", lambda k: (done(k), size(k)))):
        out = [first(k) for k in left if kinds[k] == kind]
        kept = [first(k) for k in copy if kinds.get(k) == kind]
        if out and kept:
            assert min(out) >= max(kept), f"{kind}: a record was left out before one that comes first"


# --- the default module, done in full ----------------------------------------------------------


def best_route(data: dict, score) -> list:
    """The route to an ending that maximises score(route); routes as scenario_walk's."""
    memo: dict = {}

    def go(node_id: str, values: dict) -> list:
        key = (node_id, tuple(sorted(values.items())))
        if key not in memo:
            node = data["nodes"][node_id]
            here = (node_id, None, values)
            if node["ending"]:
                memo[key] = [here]
            elif node["next"]:
                memo[key] = [here, *go(node["next"], values)]
            else:
                options = []
                for i in visible(node, values):
                    choice = node["choices"][i]
                    options.append([(node_id, i, values), *go(choice["goto"], after(choice, values))])
                memo[key] = max(options, key=score)
        return memo[key]

    return go(data["start"], dict(data["variables"]))


def passes(data: dict) -> list[list]:
    """Routes that together pass every reflection prompt; the last is the longest route
    passing the most prompts, so the saved position is as long as it gets."""
    prompts = {n for n, node in data["nodes"].items() if node["reflect"]}

    def reflects(route: list, among: set) -> int:
        return len({n for n, _, _ in route} & among)

    main = best_route(data, lambda r: (reflects(r, prompts), len(r)))
    missing, routes = prompts - {n for n, _, _ in main}, []
    while missing:
        target = sorted(missing)[0]
        extra = best_route(data, lambda r, t=target, m=frozenset(missing): (t in {n for n, _, _ in r}, reflects(r, m)))
        assert target in {n for n, _, _ in extra}, f"no route of {data['id']} reaches {target}"
        routes.append(extra)
        missing -= {n for n, _, _ in extra}
    return [*routes, main]


def play(frame: Frame, data: dict, route: list, texts: dict[str, str], detour: bool) -> None:
    """Follow `route` from its start to its ending, typing texts[node] at each reflection
    prompt; with `detour`, take another choice at each decision first and go Back."""
    article = frame.get_by_role("article")
    for step, (node_id, index, values) in enumerate(route, start=1):
        node = data["nodes"][node_id]
        heading = article.get_by_role("heading", name=heading_name(node, step), exact=True, level=2)
        if node["ending"]:
            expect(heading).to_be_visible()
            expect(article.get_by_role("button", name="Start again")).to_be_visible()
            return
        if node["reflect"]:
            box = article.get_by_role("textbox", name=node["reflect"])
            # Inside an LMS the hint does not promise the device keeps it, and says where to download.
            expect(box).to_have_accessible_description(re.compile("learning system may not have room"))
            box.fill(texts[node_id])
        if node["next"]:  # (at a decision, the choices' names show the route is followed)
            expect(heading).to_be_visible()
            article.get_by_role("button", name="Continue", exact=True).click()
            continue
        group = article.get_by_role("group", name="What do you do?")
        others = [i for i in visible(node, values) if i != index]
        if detour and others and data["allow_back"]:
            radio(group, node, others[0]).check()
            article.get_by_role("button", name="Continue", exact=True).click()
            article.get_by_role("button", name="Back").click()
        radio(group, node, index).check()
        article.get_by_role("button", name="Continue", exact=True).click()
        if node["choices"][index]["feedback_html"]:
            article.get_by_role("button", name="Continue", exact=True).click()
    raise AssertionError("the route ended without an ending")


def take_quiz(frame: Frame, data: dict, start: str, stop_before: int | None = None) -> None:
    """Answer rightly from `start` ("Start quiz" or "Try again") to the results, or leave
    the attempt after checking the answer of question `stop_before` - 1."""
    article = frame.get_by_role("article")
    article.get_by_role("button", name=start).click()
    total = len(data["questions"])
    for n in range(1, total + 1):
        if data["shuffle"]:
            q, group = current_question(article, data)
        else:  # the trainer's order: no need to look for the question
            q = data["questions"][n - 1]
            group = article.get_by_role("group", name=text_of(q["prompt_html"]), exact=True)
        answer(frame, group, q, right=True)
        article.get_by_role("button", name="Check answer").click()
        if n + 1 == stop_before:
            return
        article.get_by_role("button", name="See results" if n == total else "Next question").click()
    expect(article.get_by_role("strong").filter(has_text=re.compile(r"^Passed$"))).to_be_visible()


@pytest.fixture(scope="module")
def default_lms(tmp_path_factory: pytest.TempPathFactory, serve_files) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("lms-default")
    return serve_lms(folder, ROOT / "mkdocs.yml", serve_files), folder / "course-12"


def test_the_whole_default_module_fits_in_scorm_12(page: Page, default_lms: tuple[str, Path]) -> None:
    url, site = default_lms
    base = url.rsplit("/", 1)[0] + "/course-12/"
    module = module_json(site)
    launcher, frame = launch(page, url)
    stages = Stages(page, launcher)
    article = frame.get_by_role("article")
    frame.get_by_role("heading", name=module["title"], level=1).wait_for()

    # Every scenario to an ending, every reflection prompt answered at length.
    texts: dict[tuple[str, str], str] = {}
    for path, data in items(site, "scenario"):
        frame.goto(base + path)
        mine = {
            n: reflection(len(texts) + i)
            for i, n in enumerate(sorted(n for n, v in data["nodes"].items() if v["reflect"]))
        }
        texts.update({(data["id"], n): t for n, t in mine.items()})
        routes = passes(data)
        for k, route in enumerate(routes):
            article.get_by_role("button", name="Start scenario" if k == 0 else "Start again").click()
            play(frame, data, route, mine, detour=k == len(routes) - 1)
        for text in mine.values():  # reflections are saved 0.4 s after typing stops
            launcher.wait_for_function("(t) => JSON.stringify(window.quizEngineLMS.load()).includes(t)", arg=text[:60])
        stages(f"{data['id']} ({len(routes[-1])} steps, {len(mine)} reflections)")
    assert_calls_succeeded(page, "1.2")
    assert lms_status(page) == ("incomplete", "")

    # The learner is told what the LMS has no room for, and, in this visit, still has it all.
    copy = json.loads(suspend_data(page)[-1])
    assert "reflections" in copy.get(LEFT_KEY, []), f"the reflections fitted: {stages.rows[-1][1]} characters"
    notice = launcher.get_by_role("status")
    # Reflections go first; with six scenarios, positions in finished ones follow them.
    expect(notice).to_contain_text("The learning system has no room to keep some of your reflections")
    expect(notice).to_contain_text("for your next visit.")
    expect(notice).to_contain_text("print or download them from the My reflections page")
    frame.goto(address(base, "my-reflections"))
    for text in texts.values():
        expect(article).to_contain_text(text[:120])

    # Every quiz passed; the largest tried again and left after four answers.
    for path, data in items(site, "quiz"):
        frame.goto(base + path)
        take_quiz(frame, data, "Start quiz")
        stages(f"{data['id']} passed")
    path, data = max(items(site, "quiz"), key=lambda q: len(q[1]["questions"]))
    frame.goto(base + path)
    take_quiz(frame, data, "Start quiz", stop_before=5)
    stages(f"{data['id']} tried again, left after 4 answers")
    assert lms_status(page) == ("completed", "100")

    # A name for the certificate; the store's own account of its LMS copy agrees.
    frame.goto(address(base, "certificate"))
    article.get_by_role("textbox", name=NAME_FIELD).fill(NAME)
    launcher.wait_for_function("(n) => window.quizEngineLMS.load()['learner:name']?.data.name === n", arg=NAME)
    copy = stages("name for the certificate")
    usage = frame.evaluate("async (url) => (await import(url)).openStore().lmsCopy", base + STORAGE)
    assert usage["length"] == len(suspend_data(page)[-1]) and usage["limit"] == SUSPEND_LIMIT_12
    assert usage["full"] == len(json.dumps(whole_state(launcher), ensure_ascii=False, separators=(",", ":")))
    assert sorted(usage["left"]) == stages.rows[-1][3]
    stages.print("Default module, SCORM 1.2")

    whole = whole_state(launcher)
    assert usage["full"] > SUSPEND_LIMIT_12, "the whole state fits: this test no longer tests compaction"
    assert_left_in_order(whole, copy)
    summaries = [f"summary:{i['id']}" for i in module["items"]]
    assert all(key in copy for key in summaries), "a completion summary was left out"
    assert_calls_succeeded(page, "1.2")
    sent = suspend_data(page)
    print(f"  {len(sent)} saves, longest {max(map(len, sent))} characters")

    # Relaunch with what the LMS kept: complete, and told what was not kept.
    launcher, frame = launch(page, url, relaunch_data(page))
    article = frame.get_by_role("article")
    expect(
        launcher.get_by_text(f"The learning system had no room to keep {not_kept(copy)} from your last visit.")
    ).to_be_visible()
    panel = article.get_by_role("listitem")
    expect(article.get_by_text(f"All {len(module['items'])} done. You can now get your certificate.")).to_be_visible()
    for item in module["items"]:
        state = "Completed" if item["kind"] == "scenario" else "Passed"
        line = re.compile(rf"^{re.escape(item['title'])} \((Scenario|Quiz)\): {state}$")
        expect(panel.filter(has_text=line)).to_have_count(1)
    for path, data in items(site, "scenario"):
        frame.goto(base + path)
        kept = f"scenario:{data['id']}" in copy
        expect(article.get_by_role("button", name="See your debrief" if kept else "Start scenario")).to_be_visible()
    frame.goto(address(base, "my-reflections"))
    expect(article.get_by_role("heading", name="My reflections", level=1)).to_be_visible()
    for (item_id, _), text in texts.items():
        if f"reflections:{item_id}" in copy:
            expect(article).to_contain_text(text[:120])
        else:
            expect(article).not_to_contain_text(text[:120])
    frame.goto(address(base, "certificate"))
    expect(article.get_by_role("textbox", name=NAME_FIELD)).to_have_value(NAME if "learner:name" in copy else "")
    assert lms_status(page) == ("completed", "100")
    assert_calls_succeeded(page, "1.2")


# --- a generated module too large for its summaries ----------------------------------------------

STRESS_SCENARIOS, STRESS_QUIZZES = 30, 10
STRESS_CONFIG = """site_name: A generated module of forty items
site_url: http://127.0.0.1:8000/
strict: true
theme:
  name: material
  font: false
extra:
  generator: false
"""
STRESS_HOME = """# A generated module of forty items

<div class="qe-progress-panel">
<module-progress></module-progress>
</div>
"""
# What the players save for a scenario played to its ending and a quiz passed (README), through storage.js.
SEED = """async ([url, items, reflection]) => {
    const store = (await import(url)).openStore();
    const at = "2026-11-29T10:00:00.000Z";
    for (const item of items) {
        if (item.kind === "scenario") {
            const path = [0, 1, 2].map((n) => ({ node: `n${n}`, choice: 0 }));
            store.set("scenario", item.id, item.version, { path, firsts: { n0: 0, n1: 0, n2: 0 } });
            store.set("summary", item.id, item.version,
                { status: "completed", ending: "good", ending_title: "good", completed_at: at, title: item.title });
            const answers = { n1: { order: 1, step: "Step 1", prompt: "What would you record?", text: reflection, saved_at: at } };
            store.set("reflections", item.id, item.version, { title: item.title, url: "/" + item.url, answers });
        } else {
            store.set("summary", item.id, item.version,
                { status: "passed", best: 100, passed: true, attempts: 1, completed_at: at, title: item.title });
        }
    }
    store.set("learner", "name", null, { name: "Alexandra Josephine Montgomery-Smythe" });
}"""


@pytest.fixture(scope="module")
def stress_lms(tmp_path_factory: pytest.TempPathFactory, serve_files) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("lms-stress")
    source = folder / "source"
    (source / "scenarios").mkdir(parents=True)
    (source / "docs").mkdir()
    (source / "mkdocs.yml").write_text(STRESS_CONFIG, encoding="utf-8")
    (source / "docs" / "index.md").write_text(STRESS_HOME, encoding="utf-8")
    for n in range(STRESS_SCENARIOS):
        (source / "scenarios" / f"scenario-{n}.yml").write_text(scenario_yaml(n, nodes=6), encoding="utf-8")
    for n in range(STRESS_QUIZZES):
        (source / "scenarios" / f"quiz-{n}.yml").write_text(quiz_yaml(n, questions=2), encoding="utf-8")
    return serve_lms(folder, source / "mkdocs.yml", serve_files), folder / "course-12"


def test_a_module_too_large_for_its_summaries_keeps_its_completion(page: Page, stress_lms: tuple[str, Path]) -> None:
    url, site = stress_lms
    base = url.rsplit("/", 1)[0] + "/course-12/"
    module = module_json(site)
    assert len(module["items"]) == STRESS_SCENARIOS + STRESS_QUIZZES
    launcher, frame = launch(page, url)
    frame.get_by_role("heading", name="A generated module of forty items", level=1).wait_for()
    # elements.js imports lms-report.js once the page is up: be sure it listens before saving.
    frame.evaluate("async (url) => { await import(url); }", base + "assets/quiz-engine/lms-report.js")
    frame.evaluate(SEED, [base + STORAGE, module["items"], reflection(0)])
    page.wait_for_function("() => window.API.cmi.core.lesson_status === 'completed'")
    stages = Stages(page, launcher)
    copy = stages("every item done, a reflection in each scenario")
    stages.print("Generated module of 40 items, SCORM 1.2")

    # Every save fitted and succeeded; the least needed records went first, summaries last.
    assert_calls_succeeded(page, "1.2")
    whole = whole_state(launcher)
    assert_left_in_order(whole, copy)
    assert copy[LEFT_KEY] == ["reflections", "scenario", "learner", "summary"], "the summaries fitted: make it larger"
    assert lms_status(page) == ("completed", "100")
    notice = launcher.get_by_role("status")
    expect(notice).to_contain_text(f"The learning system has no room to keep {not_kept(copy)} for your next visit.")
    expect(notice).to_contain_text(STILL_RECORDED)

    # Relaunched: the learner sees the progress that was kept; the LMS keeps "completed" even
    # when the module, missing summaries, saves again and counts itself incomplete.
    launcher, frame = launch(page, url, relaunch_data(page))
    kept = [i for i in module["items"] if f"summary:{i['id']}" in copy]
    article = frame.get_by_role("article")
    expect(article.get_by_text(f"{len(kept)} of {len(module['items'])} done", exact=False)).to_be_visible()
    earlier = launcher.get_by_text(f"The learning system had no room to keep {not_kept(copy)} from your last visit.")
    expect(earlier).to_contain_text(STILL_RECORDED)
    missing = next(i for i in module["items"] if i not in kept and i["kind"] == "scenario")
    frame.goto(base + missing["url"])
    article.get_by_role("button", name="Start scenario").click()
    expect(article.get_by_role("heading", name="Step 0", level=2)).to_be_visible()
    assert suspend_data(page), "starting a scenario saved nothing"
    # lms-report.js reports once module.json has loaded: let that happen first.
    frame.evaluate(
        "async (url) => { await (await import(url)).loadModule(); await new Promise((r) => setTimeout(r, 50)); }",
        base + "assets/quiz-engine/progress.js",
    )
    assert lms_status(page) == ("completed", "100")
    assert_calls_succeeded(page, "1.2")
    assert all(len(s) <= SUSPEND_LIMIT_12 for s in suspend_data(page))
