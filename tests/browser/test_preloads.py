"""Preload hints: each page with one of our elements hints exactly the runtime files it
goes on to load, so they are fetched at once rather than one import after another."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

RUNTIME = "/assets/quiz-engine/"
ALWAYS = {"elements.js", "glossary.js", "theme.js", "site.css"}  # every page's own <script> and <link> tags
PAGES = {  # a page of each element, and the element's own module
    "scenarios/baby-k-health-visitor/": "scenario-player.js",
    "quizzes/escalation-basics/": "quiz-player.js",
    "": "progress-panel.js",
    "certificate/": "module-certificate.js",
    "my-reflections/": "reflections-page.js",
}


def loaded_runtime_files(page: Page) -> set[str]:
    names = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    return {name.split(RUNTIME)[1] for name in names if RUNTIME in name and name.endswith((".js", ".css"))}


def hinted_files(page: Page) -> set[str]:
    hrefs = page.locator("head link[rel=modulepreload], head link[rel=preload]").evaluate_all(
        "(links) => links.map((l) => l.href)"
    )
    return {href.split(RUNTIME)[1] for href in hrefs}


def without_hints(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=re.sub(r'<link rel="(module)?preload"[^>]*>', "", response.text()))


def drawn(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".qe-noscript")).to_have_count(0)  # every element has drawn
    page.wait_for_load_state("networkidle")


def test_pages_hint_the_files_their_elements_load(page: Page, site_url: str) -> None:
    """The hints are compared with what the same page loads when its hints are taken out."""
    for path, module in PAGES.items():
        drawn(page, site_url + path)
        hinted = hinted_files(page)
        assert module in hinted, (path, hinted)
        page.route(site_url + path, without_hints)
        drawn(page, site_url + path)
        assert hinted_files(page) == set()
        assert hinted == loaded_runtime_files(page) - ALWAYS, path
        page.unroute(site_url + path)


def test_a_page_without_our_elements_hints_nothing(page: Page, site_url: str) -> None:
    page.goto(site_url + "briefing/1-why-this-review/")
    page.wait_for_load_state("networkidle")
    assert hinted_files(page) == set()
    assert loaded_runtime_files(page) == ALWAYS
