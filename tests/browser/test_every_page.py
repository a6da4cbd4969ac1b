"""Guards on every built page: WCAG A/AA by axe, no third-party request, no console error,
in the light and the dark colour scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.guards import check_page


def page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_every_page_is_accessible_and_private(page: Page, site_url: str, built_site: Path) -> None:
    paths = page_paths(built_site)
    assert len(paths) >= 8, paths  # home, briefing, sections, items, help pages
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        check_page(page)


@pytest.mark.parametrize("path", ["", "scenarios/", "quizzes/"])
def test_dark_scheme_pages(page: Page, site_url: str, path: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + path)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    check_page(page)
