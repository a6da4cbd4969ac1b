"""WCAG 2.2 AA on every built page, by three independent engines: axe-core, IBM Equal
Access (WCAG_2_2) and HTML_CodeSniffer (WCAG2AA); at a phone's width (320 px) and at a
desktop's, in the light and the dark colour scheme; and no page scrolls sideways.

Each page is loaded once; the width and the scheme change in place. At each width the
engines run every rule in one scheme and their colour rules in the other (guards.py):
the rest see the same markup and layout in both. The first scheme alternates between
widths, so each scheme has every rule run at one width."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.guards import all_violations
from tests.browser.test_every_page import page_paths

# (width, [(scheme, colour rules only?), ...]): every rule in light at 320 px, in dark at desktop.
SETTINGS = [
    ({"width": 320, "height": 640}, [("light", False), ("dark", True)]),
    ({"width": 1280, "height": 800}, [("dark", False), ("light", True)]),
]
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def set_scheme(page: Page, scheme: str) -> None:
    """The system's scheme, and the theme's own attribute: the theme reads the system's
    scheme when a page loads, and keeps a learner's choice from page to page."""
    page.emulate_media(color_scheme=scheme)
    # The theme's own attribute for a switch in progress stays on: no colour fades in (the
    # engines would measure colours half-way, after a resize or a hover); then frames until
    # the page has stopped scrolling (a resize moves it) and the new colours are drawn.
    page.evaluate(
        """(scheme) => new Promise((done) => {
            document.body.setAttribute('data-md-color-switching', '');
            document.body.setAttribute('data-md-color-scheme', scheme);
            let last = null, still = 0;
            const frame = () => {
              still = scrollY === last ? still + 1 : 0;
              last = scrollY;
              if (still >= 2) done(); else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        })""",
        MATERIAL_SCHEME[scheme],
    )


def violations_everywhere(page: Page, url: str, where: str) -> list[str]:
    """Every violation on the page, and sideways scrolling at the phone's width."""
    found = []
    for viewport, schemes in SETTINGS:
        page.set_viewport_size(viewport)
        for scheme, colour_only in schemes:
            set_scheme(page, scheme)
            label = f"{where} at {viewport['width']} px, {scheme}"
            found += [f"{label}: {v}" for v in all_violations(page, colour_only)]
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            found.append(f"{where} at {viewport['width']} px: scrolls sideways by {overflow} px")
    return found


def check_pages(page: Page, site: Path, url: str, paths: list[str]) -> None:
    found = []
    for path in paths:
        page.goto(url + path)
        expect(page.locator(".qe-noscript")).to_have_count(0)  # our elements have drawn
        found += violations_everywhere(page, url, f"/{path}")
    assert not found, f"{len(found)} violations:\n" + "\n".join(found[:80])


def test_every_page_under_three_engines(page: Page, served_default: tuple[Path, str]) -> None:
    site, url = served_default
    paths = page_paths(site)
    assert len(paths) >= 20, paths
    check_pages(page, site, url, paths)


# One page of each kind: the theme's markup is Zensical's own; the pages' content is ours.
ZENSICAL_PAGES = ["", "briefing/", "briefing/3-key-learning/", "scenarios/", "quizzes/escalation-basics/", "glossary/"]


def test_pages_of_each_kind_under_zensical(page: Page, served_zensical: tuple[Path, str]) -> None:
    site, url = served_zensical
    check_pages(page, site, url, ZENSICAL_PAGES)
