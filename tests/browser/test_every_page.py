"""Guards on every built page: WCAG A/AA by axe, no third-party request, no console error,
in the light and the dark colour scheme; and nothing jumps while our elements draw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.guards import check_page


def page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_every_page_is_accessible_and_private(page: Page, served_zensical: tuple[Path, str]) -> None:
    """Under Zensical, whose theme markup differs (MkDocs' pages: test_accessibility_pages.py)."""
    built_site, site_url = served_zensical
    paths = page_paths(built_site)
    assert len(paths) >= 8, paths  # home, briefing, sections, items, help pages
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        check_page(page)


@pytest.mark.parametrize("path", ["", "scenarios/", "quizzes/", "help/accessibility/"])  # trainers/: their site
def test_dark_scheme_pages(page: Page, served_module: tuple[Path, str], path: str) -> None:
    site_url = served_module[1]
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + path)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    check_page(page)


ELEMENT = re.compile(r"<(scenario-player|quiz-player|module-certificate|my-reflections|module-progress)[\s>]")

# Layout shifts since the page started loading, once two frames have been drawn.
LAYOUT_SHIFTS = """() => new Promise((resolve) => {
  const entries = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => {
    entries.push(...observer.takeRecords());
    observer.disconnect();
    resolve(entries.filter((e) => !e.hadRecentInput).map((e) => [e.value,
      e.sources.map((s) => (s.node && (s.node.className || s.node.nodeName)) || "?").join(" ")]));
  }));
})"""


@pytest.mark.parametrize(
    "viewport", [{"width": 412, "height": 823}, {"width": 1350, "height": 940}], ids=["phone", "pc"]
)
def test_nothing_jumps_while_our_elements_draw(browser: Browser, site_url: str, built_site: Path, viewport) -> None:
    """Cumulative layout shift (a Lighthouse metric): a player drawn into the page must not
    push the footer or the text below it about as it appears."""
    paths = [p for p in page_paths(built_site) if ELEMENT.search((built_site / p / "index.html").read_text("utf-8"))]
    assert len(paths) >= 8, paths  # home, scenarios, quizzes, certificate, reflections
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        for path in paths:
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            expect(page.locator(".qe-noscript")).to_have_count(0)  # every element has drawn
            shifts = page.evaluate(LAYOUT_SHIFTS)
            assert sum(value for value, _ in shifts) < 0.01, (path, shifts)
    finally:
        context.close()


def test_an_element_followed_by_text_keeps_its_own_height(page: Page, site_url: str) -> None:
    """Only an element that ends its page takes the window's height: text after one follows it closely."""
    page.set_viewport_size({"width": 1350, "height": 940})
    page.goto(site_url + "briefing/4-doing-things-differently/")
    expect(page.locator(".qe-noscript")).to_have_count(0)
    player = page.locator("quiz-player").bounding_box()
    after = page.get_by_text("Previous:").bounding_box()
    assert player and after
    assert player["height"] < 900
    assert 0 < after["y"] - (player["y"] + player["height"]) < 80
    page.goto(site_url + "quizzes/escalation-basics/")
    expect(page.locator(".qe-noscript")).to_have_count(0)
    alone = page.locator("quiz-player").bounding_box()
    assert alone and alone["height"] >= 940  # last on its page: the window's height
