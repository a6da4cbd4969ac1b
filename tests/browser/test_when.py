"""`when:` paragraphs in the browser: two paths to one ending, each seeing its own
paragraph and not the other's (the fixture of poor-path-to-good-ending, built and
served as a module)."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import build_project
from tests.browser.guards import check_page
from tests.helpers import INVALID

MKDOCS_YML = """\
site_name: When paragraphs
theme:
  name: material
  font: false
markdown_extensions: [admonition, attr_list, md_in_html]
"""
SHARED = "You shared the same day."
WAITED = "The week you waited was a week without help."


@pytest.fixture(scope="module")
def when_site(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> str:
    root = tmp_path_factory.mktemp("when-module")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "scenarios").mkdir()
    shutil.copy(INVALID / "poor-path-to-good-ending" / "praise.yml", root / "scenarios")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\n/// scenario | praise\n///\n", encoding="utf-8")
    site = root / "site"
    site.mkdir()
    url = serve_folder(site)
    build_project(root / "mkdocs.yml", site, url)
    return url


def choose(article: Locator, name: str) -> None:
    article.get_by_role("radio", name=name).check()
    article.get_by_role("button", name="Continue", exact=True).click()


def play(article: Locator, first: str) -> None:
    choose(article, first)
    choose(article, "Follow up and record it")
    expect(article.get_by_role("heading", level=2)).to_have_text("The end")


def test_each_path_sees_its_own_paragraph(page: Page, when_site: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(when_site)
    article = page.get_by_role("article")
    article.get_by_role("button", name="Start scenario").click()
    play(article, "Share today")
    expect(article.get_by_text(SHARED)).to_be_visible()
    expect(article.get_by_text(WAITED)).to_have_count(0)
    expect(article.get_by_text("The child is safer.")).to_be_visible()  # the text every path shares
    check_page(page)

    article.get_by_role("button", name="Start again").click()
    play(article, "Wait a week")
    expect(article.get_by_text(WAITED)).to_be_visible()
    expect(article.get_by_text(SHARED)).to_have_count(0)
