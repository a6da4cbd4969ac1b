"""Hostile input: a payload in every text field of a scenario and a quiz, and in the
embed lines of a page, must never run in the built site.

The corpus is tests/hostile/payloads.py; each payload would set `window.__pwned`.
The project is built with the check stage's errors ignored (`build_site` on the
loaded items), as if a check had missed them, so the renderer's own defences are
tested too; the check's diagnostics for what it rejects are asserted separately.
Every built page is opened in Chromium, every scenario and quiz is played
through, and after each step the page is checked: no `window.__pwned` in any
frame, no dialog, and no live markup in the DOM (event-handler attributes,
script-bearing URLs, frames, foreign or payload scripts). The autouse watcher
adds: no console error, no uncaught error, no request to another host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Dialog, Locator, Page, expect

from quiz_engine import CheckResult, Project, check_project
from quiz_engine.build.site import build_site
from quiz_engine.cli import main as cli_main
from tests.hostile.payloads import PAYLOADS, URL_PAYLOADS
from tests.hostile.project import HostileProject, write_project

# Run in the page: every way the DOM could hold live author markup.
DOM_PROBLEMS = """() => {
  const problems = [];
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster",
                             "background", "ping", "cite", "codebase", "manifest", "srcset"]);
  const SAFE = new Set(["http:", "https:", "mailto:", "tel:"]);
  const safeUrl = (value) => {
    try { return SAFE.has(new URL(value, document.baseURI).protocol); } catch { return true; }  // no URL, no request
  };
  const name = (el) => el.localName + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined ? "." + el.className : "");
  const walk = (root, inData) => {
    for (const el of root.querySelectorAll("*")) {
      if (inData) problems.push(`markup inside a player's data template: ${name(el)}`);
      for (const attr of el.attributes) {
        const n = attr.name.toLowerCase();
        if (n.startsWith("on")) problems.push(`${name(el)} has ${n}="${attr.value.slice(0, 60)}"`);
        if (n === "srcdoc") problems.push(`${name(el)} has srcdoc`);
        if (URL_ATTRS.has(n) && !safeUrl(attr.value)) problems.push(`${name(el)} has ${n}="${attr.value.slice(0, 60)}"`);
        if (n === "style" && /url\\(|expression/i.test(attr.value)) problems.push(`${name(el)} has style="${attr.value.slice(0, 60)}"`);
      }
      const tag = el.localName;
      if (["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"].includes(tag)) problems.push(`a <${tag}>`);
      if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push(`<meta http-equiv="${el.getAttribute("http-equiv")}">`);
      if (tag === "script") {
        if (el.textContent.includes("__pwned")) problems.push(`a script with a payload: ${el.textContent.slice(0, 60)}`);
        if (el.hasAttribute("src") && new URL(el.src, document.baseURI).origin !== location.origin)
          problems.push(`a script from ${el.getAttribute("src").slice(0, 60)}`);
      }
      if (el.shadowRoot) walk(el.shadowRoot, inData);
      if (tag === "template") walk(el.content, inData || el.classList.contains("qe-data"));
    }
  };
  walk(document, false);
  return problems;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> tuple[HostileProject, CheckResult, Path, str]:
    project = write_project(tmp_path_factory.mktemp("hostile"))
    site_dir = project.root / "site"
    site_dir.mkdir()
    url = serve_folder(site_dir)
    on_disk = Project.at(project.config)
    result = check_project(on_disk)
    # Errors and all: the renderer must hold on its own. The trainers' site: it has the maps too.
    build_site(on_disk, result.items, site_dir, url, trainers=True)
    return project, result, site_dir, url


@pytest.fixture
def site_url(hostile) -> str:
    """The watcher's own origin: the hostile site's server."""
    return hostile[3]


@pytest.fixture
def dialogs(page: Page) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(dialog: Dialog) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    yield seen
    assert not seen, f"dialogs opened: {seen}"


def assert_inert(page: Page, dialogs: list[str], where: str) -> None:
    for frame in page.frames:
        pwned = frame.evaluate("() => window.__pwned ?? null")
        assert pwned is None, f"payload '{pwned}' ran ({where}, frame {frame.url})"
    assert not dialogs, f"dialogs opened ({where}): {dialogs}"
    problems = page.evaluate(DOM_PROBLEMS)
    assert not problems, f"live markup in the page ({where}):\n" + "\n".join(problems[:20])


def page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append(rel.removesuffix("index.html"))
    return paths


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    # The players have set themselves up (or there are none).
    page.wait_for_function(
        "() => [...document.querySelectorAll('scenario-player, quiz-player')].every(p => p.querySelector('.qe-body, .qe-load-error'))"
    )


# --- the check stage ------------------------------------------------------------------


def test_check_reports_hostile_urls_and_embeds(hostile) -> None:
    project, result, _, _ = hostile
    found = {(d.path, d.line, d.code) for d in result.diagnostics}
    expected = {("scenarios/hostile-urls.yml", line, "bad-value") for line in project.url_lines}
    expected |= {("docs/index.md", line, "unknown-embed") for line in project.embed_lines}
    assert found == expected
    assert all(d.severity == "error" for d in result.diagnostics)
    # What the check rejected never reaches the model.
    urls = next(i for i in result.items if i.id == "hostile-urls")
    kept = {s.title: s.url for s in urls.sources}
    for payload, rejected in URL_PAYLOADS:
        assert kept[payload.name] == (None if rejected else payload.text), payload.name


def test_build_command_refuses_the_hostile_project(hostile, tmp_path: Path) -> None:
    project = hostile[0]
    site_dir = tmp_path / "site"
    assert cli_main(["build", "-f", str(project.config), "-d", str(site_dir)]) == 1
    assert not site_dir.exists()


def test_every_item_and_payload_was_built(hostile) -> None:
    project, _, site, _ = hostile
    for item_id in project.scenarios:
        assert (site / "scenarios" / item_id / "index.html").is_file()
        assert (site / "maps" / item_id / "index.html").is_file()
    for item_id in project.quizzes:
        assert (site / "quizzes" / item_id / "index.html").is_file()
    assert len(project.scenarios) == len(project.quizzes) == len(PAYLOADS)


# --- every page -----------------------------------------------------------------------


def test_no_built_page_runs_a_payload(page: Page, hostile, dialogs: list[str]) -> None:
    """Every page but the scenario and quiz pages, which the tests below open and play."""
    project, _, site, url = hostile
    played = {f"scenarios/{i}/" for i in project.scenarios} | {f"quizzes/{i}/" for i in project.quizzes}
    paths = [p for p in page_paths(site) if p not in played]
    assert len(paths) > len(PAYLOADS)  # the maps, the section indexes, home and 404
    for path in paths:
        open_page(page, url + path)
        assert_inert(page, dialogs, path or "home")


def test_embed_errors_show_the_id_as_text(page: Page, hostile, dialogs: list[str]) -> None:
    project, _, _, url = hostile
    open_page(page, url)
    alerts = page.get_by_role("main").get_by_role("alert")
    expect(alerts).to_have_count(len(project.embed_lines))
    titles = alerts.locator(".admonition-title").all_text_contents()
    for payload in {p.name: p for p in project.embed_lines.values()}.values():
        # The exact text of the embed line, shown, not run.
        assert any(t.endswith(f"'{payload.text.strip()}'") for t in titles), payload.name
    assert_inert(page, dialogs, "home")


# --- playing through ------------------------------------------------------------------


def player_data_title(player: Locator) -> str:
    return player.evaluate("p => JSON.parse(p.querySelector('template.qe-data').content.textContent).title")


def test_scenarios_played_through(page: Page, hostile, dialogs: list[str]) -> None:
    project, _, _, url = hostile
    for item_id, payload in project.scenarios.items():
        where = f"scenario {item_id} ({payload.name})"
        open_page(page, f"{url}scenarios/{item_id}/")
        player = page.locator("scenario-player")
        step = player.locator(".qe-step")
        # Plain-text fields are shown exactly as written.
        assert player_data_title(player) == payload.text
        # The page's h1 gives the title, the start screen no second one (text as written).
        expect(page.get_by_role("heading", level=1)).to_have_text(" ".join(payload.text.split()))
        expect(step.get_by_role("heading", level=2)).to_have_count(0)
        assert_inert(page, dialogs, f"{where}: start")

        player.get_by_role("button", name="Start scenario").click()
        expect(step.get_by_role("img")).to_have_attribute("alt", payload.text)
        step.get_by_role("textbox").fill("My note")
        assert step.locator(".qe-reflect label").text_content() == payload.text, where
        assert_inert(page, dialogs, f"{where}: first step")

        step.get_by_role("radio").first.check()
        player.get_by_role("button", name="Continue").click()
        # Feedback the sanitiser emptied is not shown: the player goes straight on.
        expect(player.get_by_text(re.compile("^(Best response|Good outcome)$")).first).to_be_visible()
        if player.get_by_role("status").get_by_text("Best response").count():
            assert_inert(page, dialogs, f"{where}: feedback")
            player.get_by_role("button", name="Continue").click()
        expect(step.get_by_text("Good outcome")).to_be_visible()
        expect(step.get_by_role("heading", name="Sources")).to_be_visible()
        assert step.locator(".qe-sources li").first.text_content() == payload.text, where
        assert_inert(page, dialogs, f"{where}: ending")

        player.get_by_role("button", name="Back").click()
        expect(step.get_by_role("radio")).to_have_count(1)
        assert_inert(page, dialogs, f"{where}: back")


def test_hostile_source_urls_do_not_link(page: Page, hostile, dialogs: list[str]) -> None:
    _, _, _, url = hostile
    open_page(page, f"{url}scenarios/hostile-urls/")
    player = page.locator("scenario-player")
    player.get_by_role("button", name="Start scenario").click()
    sources = player.locator(".qe-sources li")
    expect(sources).to_have_count(len(URL_PAYLOADS))
    for n, (payload, _) in enumerate(URL_PAYLOADS):
        link = sources.nth(n).get_by_role("link")
        if link.count():
            protocol = link.evaluate("a => a.protocol")
            assert protocol in ("http:", "https:"), f"{payload.name}: {protocol}"
    assert_inert(page, dialogs, "hostile-urls ending")


def answer(player: Locator, fieldset: Locator, qtype: str) -> None:
    """A wrong answer where the test can choose one: the feedback then shows the right one too."""
    if qtype == "single":
        others = fieldset.get_by_role("radio", name=re.compile(r"^Other"))
        (others.first if others.count() else fieldset.get_by_role("radio").last).check()
    elif qtype == "multiple":
        for box in fieldset.get_by_role("checkbox").all():
            box.check()
    elif qtype == "true-false":
        fieldset.get_by_role("radio", name="False").check()
    elif qtype == "match":
        for item in fieldset.get_by_role("group").all():
            item.get_by_role("radio").first.check()
    # order: as shown (the player never shows the items in the right order)


def test_quizzes_played_through(page: Page, hostile, dialogs: list[str]) -> None:
    project, _, _, url = hostile
    types = ["single", "multiple", "true-false", "order", "match"]
    for item_id, payload in project.quizzes.items():
        where = f"quiz {item_id} ({payload.name})"
        open_page(page, f"{url}quizzes/{item_id}/")
        player = page.locator("quiz-player")
        step = player.locator(".qe-step")
        # The page's h1 gives the title, the start screen no second one (text as written).
        expect(page.get_by_role("heading", level=1)).to_have_text(" ".join(payload.text.split()))
        expect(step.get_by_role("heading", level=2)).to_have_count(0)
        assert_inert(page, dialogs, f"{where}: start")
        player.get_by_role("button", name="Start quiz").click()
        for n, qtype in enumerate(types, start=1):
            expect(step.get_by_role("heading", level=2)).to_have_text(f"Question {n} of {len(types)}")
            fieldset = step.get_by_role("group")
            answer(player, fieldset, qtype)
            player.get_by_role("button", name="Check answer").click()
            expect(player.get_by_role("status")).to_contain_text("Incorrect")
            assert_inert(page, dialogs, f"{where}: question {n} ({qtype}) answered")
            player.get_by_role("button", name="See results" if n == len(types) else "Next question").click()
        expect(step.get_by_role("heading", name="Your results")).to_be_visible()
        expect(step.get_by_text("Not passed")).to_be_visible()
        assert step.locator(".qe-sources li").first.text_content() == payload.text, where
        assert_inert(page, dialogs, f"{where}: results")


# --- search and instant navigation ----------------------------------------------------


def test_search_results_are_inert(page: Page, hostile, dialogs: list[str]) -> None:
    """Material shows search results as HTML, from the index the build wrote."""
    _, _, _, url = hostile
    open_page(page, url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    expect(page.get_by_text("Type to start searching")).to_be_visible(timeout=30_000)
    shown = 0
    for query in ("script", "onerror", "javascript", "img", "link"):
        search.fill("")
        search.press_sequentially(query)  # Material searches on key events
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents?"))
        assert_inert(page, dialogs, f"search for {query}")
        more = page.locator(".md-search-result__more summary")
        if more.count():  # a page with several matching sections hides some of them
            more.first.click()
            assert_inert(page, dialogs, f"more results for {query}")
        shown += page.locator(".md-search-result__item").count()
    assert shown >= 5, "the hostile pages' text is in the search index"


def test_instant_navigation_between_hostile_pages(page: Page, hostile, dialogs: list[str]) -> None:
    project, _, _, url = hostile
    open_page(page, f"{url}scenarios/")
    # Each scenario's title link (its summary, now Markdown, may hold links of its own).
    links = page.get_by_role("article").get_by_role("listitem").locator("strong").get_by_role("link")
    expect(links).to_have_count(len(project.scenarios) + 1)  # and hostile-urls
    for n in range(0, links.count(), 5):
        page.goto(f"{url}scenarios/")  # a full load, then an instant navigation from it
        before = page.evaluate("() => (window.__loads = (window.__loads || 0) + 1)")
        target = page.get_by_role("article").get_by_role("listitem").locator("strong").get_by_role("link").nth(n)
        href = urljoin(f"{url}scenarios/", target.get_attribute("href"))
        target.click()
        page.wait_for_url(href)
        page.wait_for_function("() => document.querySelector('scenario-player .qe-body')")
        assert page.evaluate("() => window.__loads") == before, "the page was loaded in full, not swapped"
        assert_inert(page, dialogs, f"after instant navigation to {href}")
        player = page.locator("scenario-player")
        player.get_by_role("button", name="Start scenario").click()
        assert_inert(page, dialogs, f"first step after instant navigation to {href}")
