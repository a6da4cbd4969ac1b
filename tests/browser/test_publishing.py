"""Publishing: the site works from a sub-path set by site_url, served by a plain
static server (the same handler as `python -m http.server`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, build_project
from tests.browser.guards import check_page


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> str:
    root = tmp_path_factory.mktemp("host")
    site = root / "partnership" / "training"
    site.mkdir(parents=True)
    url = serve_folder(root) + "partnership/training/"
    build_project(ROOT / "mkdocs.yml", site, url)
    return url


def test_sub_path_pages_and_instant_navigation(page: Page, sub_path_url: str) -> None:
    page.goto(sub_path_url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page(page)
    # A marker on window survives only if the next page is swapped in, not loaded afresh.
    page.evaluate("() => { window.__stillHere = true; }")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Scenarios", exact=True).first.click()
    expect(page).to_have_url(sub_path_url + "scenarios/")
    assert page.evaluate("() => window.__stillHere === true"), "instant navigation did not take over"
    link = page.get_by_role("article").get_by_role("link").first
    link.click()
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    expect(article.get_by_role("group", name="What do you do?")).to_be_visible()
    assert page.url.startswith(sub_path_url + "scenarios/")


def test_every_asset_is_under_the_sub_path(page: Page, sub_path_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sub_path_url + "quizzes/escalation-basics/")
    page.wait_for_load_state("networkidle")
    outside = [url for url in requested if not url.startswith(sub_path_url)]
    assert not outside, outside
    assert any(url.endswith("quiz-player.js") for url in requested)


def test_the_site_folder_has_no_server_specific_files(built_site: Path) -> None:
    # A plain static host needs nothing but files: no .htaccess, no server code.
    names = {p.suffix for p in built_site.rglob("*") if p.is_file()}
    assert names <= {
        ".html",
        ".js",
        ".css",
        ".json",
        ".xml",
        ".gz",
        ".png",
        ".svg",
        ".map",
        ".ico",
        ".txt",
        ".woff2",
        "",
    }, names
