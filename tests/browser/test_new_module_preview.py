"""A module started by `init` (from the seed briefing): its trainers' site plays the draft
scenario from a step of its map, as a preview. (Its learners' site, without the drafts, is
built by the installed tool in tests/test_packaging.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quiz_engine.build.new_module import init_module
from tests.browser.conftest import build_project
from tests.browser.guards import check_page
from tests.build.test_new_module import BRIEFINGS, fill_placeholders


@pytest.fixture(scope="module")
def new_module(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> tuple[Path, str]:
    module = init_module(tmp_path_factory.mktemp("init") / "module", BRIEFINGS / "seed-briefing.txt").path
    fill_placeholders(module)
    site = module / "site-trainers"
    site.mkdir()
    url = serve_folder(site)
    build_project(module / "mkdocs.yml", site, url, trainers=True)
    return module, url


def test_the_draft_scenario_plays_from_a_step_in_the_trainers_preview(page: Page, new_module) -> None:
    _, url = new_module
    page.goto(url + "maps/first-scenario/")
    page.get_by_role("link", name="Play from here: Two weeks later").click()
    page.get_by_label("checked_medicine", exact=True).check()
    page.get_by_role("button", name="Play from this step").click()
    player = page.locator("scenario-player")
    expect(player.get_by_role("heading", name="Two weeks later", level=2)).to_be_focused()
    expect(page.get_by_text("Preview: nothing you do here is saved").last).to_be_visible()
    player.get_by_role("radio", name="Tell the GP and the social worker exactly what you saw, today").check()
    player.get_by_role("button", name="Continue").click()
    check_page(page)
    assert page.evaluate("() => Object.keys(localStorage).filter((key) => key.startsWith('qe:'))") == []
    # The briefing's own parts are the module's pages, in its menu.
    page.goto(url + "briefing/")
    expect(page.get_by_role("link", name="Key learning").first).to_be_visible()


def test_the_trainers_site_has_the_tools_guide(page: Page, new_module) -> None:
    """The module has no docs/trainers/: its trainers get the tool's guide, in a section of their menu."""
    _, url = new_module
    page.goto(url)
    page.get_by_role("link", name="For trainers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Writing scenarios and quizzes")
    page.get_by_role("link", name="Field reference", exact=True).first.click()
    expect(page.get_by_role("cell", name="draft", exact=True).first).to_be_visible()
