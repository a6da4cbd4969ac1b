"""The default module under a strict Content Security Policy, as a partnership's web
host could send it: scripts only from the site itself plus the hashes of the inline
scripts the build wrote (Material's), no 'unsafe-inline' or 'unsafe-eval' for
scripts, nothing from anywhere else. Every page opens, one scenario is played to
an ending and one quiz is passed, moving between pages with Material's instant
navigation, and the browser reports no violation.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, build_project
from tests.browser.scenario_walk import route, scenarios, walk
from tests.browser.test_quiz_player import quizzes, take

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__qeCspViolation({
    page: location.href, directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample,
  });
});
"""


class InlineScripts(HTMLParser):
    """The bodies of the inline <script> elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # a script's body is raw text: hash it as written
        self.bodies: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not dict(attrs).get("src"):
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.bodies.append("".join(self._open))
            self._open = None


def inline_script_hashes(site: Path) -> set[str]:
    bodies: set[str] = set()
    for page in site.rglob("*.html"):
        parser = InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        bodies.update(parser.bodies)
    return {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() + "'" for b in bodies}


class _PolicyHandler(http.server.SimpleHTTPRequestHandler):
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """The default module built for, and served by, a server that sends the policy."""
    site_dir = tmp_path_factory.mktemp("csp-module") / "site"
    site_dir.mkdir()
    handler = type("Handler", (_PolicyHandler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_project(ROOT / "mkdocs.yml", site_dir, url)
    hashes = inline_script_hashes(site_dir)
    handler.policy = POLICY.format(hashes=" ".join(sorted(hashes)))
    yield site_dir, url, handler.policy
    server.shutdown()
    server.server_close()


@pytest.fixture
def site_url(csp_site) -> str:
    """The watcher's own origin: the CSP server."""
    return csp_site[1]


@pytest.fixture
def violations(page: Page) -> Iterator[list[dict]]:
    found: list[dict] = []
    page.expose_function("__qeCspViolation", lambda violation: found.append(violation))
    page.add_init_script(RECORD_VIOLATIONS)
    # Chromium also reports each violation in the console; the watcher fails on those too.
    page.on("console", lambda m: "Content Security Policy" in m.text and found.append({"console": m.text}))
    yield found
    assert not found, "CSP violations:\n" + "\n".join(map(str, found))


def page_paths(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def test_the_policy_is_strict(csp_site) -> None:
    site, _, policy = csp_site
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:])
    assert "unsafe" not in re.search(r"script-src[^;]*", policy).group(0)
    assert "unsafe-eval" not in policy
    # Material's inline scripts: three, and its JSON config, whose text holds the page's
    # depth ("." / ".." / "../.."), so four bodies for each depth of page, not one per page;
    # plus our theme's one (Material's storage helpers, guarded), the same on every page.
    depths = {len(p.relative_to(site).parts) for p in site.rglob("*.html")} | {0}  # 404.html uses "/"
    assert 1 <= len(script_src) - 1 <= 3 + 2 * len(depths), script_src


def test_every_page_opens_without_a_violation(page: Page, csp_site, violations: list[dict]) -> None:
    site, url, _ = csp_site
    paths = page_paths(site)
    assert len(paths) >= 8
    for path in paths:
        response = page.goto(url + path)
        assert "script-src" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        # The players set themselves up under the policy.
        page.wait_for_function(
            "() => [...document.querySelectorAll('scenario-player, quiz-player')].every(p => p.querySelector('.qe-body'))"
        )
        assert not violations, f"on {path}: {violations}"


def test_search_works_under_the_policy(page: Page, csp_site, violations: list[dict]) -> None:
    """Material's search runs in a worker, which the policy also covers."""
    _, url, _ = csp_site
    page.goto(url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    expect(page.get_by_text("Type to start searching")).to_be_visible(timeout=30_000)
    search.press_sequentially("escalation")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents?"))


def test_a_scenario_and_a_quiz_through_instant_navigation(page: Page, csp_site, violations: list[dict]) -> None:
    site, url, _ = csp_site
    scenario_path, scenario = scenarios(site)[0]
    quiz_path, quiz = quizzes(site)[0]
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if a page loads in full

    def follow(link_name: str, where: str) -> None:
        page.get_by_role(where).get_by_role("link", name=link_name, exact=True).first.click()

    # Home -> Scenarios -> the scenario, each by a link, swapped in by Material.
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Scenarios", exact=True).first.click()
    page.wait_for_url(url + "scenarios/")
    follow(scenario["title"], "article")
    page.wait_for_url(url + scenario_path)
    assert page.evaluate("() => window.__sameDocument === true"), "the scenario page was loaded in full"
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    walk(page, scenario, route(scenario, "good"))
    expect(article.get_by_text("Good outcome")).to_be_visible()

    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Quizzes", exact=True).first.click()
    page.wait_for_url(url + "quizzes/")
    follow(quiz["title"], "article")
    page.wait_for_url(url + quiz_path)
    assert page.evaluate("() => window.__sameDocument === true"), "the quiz page was loaded in full"
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start quiz").click()
    assert take(page, quiz, right=True) == []
    expect(article.get_by_role("heading", name="Your results")).to_be_visible()
    expect(article.get_by_text("Passed", exact=True)).to_be_visible()
    assert not violations
