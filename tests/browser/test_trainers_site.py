"""The trainers' site (`build --trainers`) of the default module with one quiz made a draft:
the guide, the maps, the report and the draft are there; "Play from here" on a map opens
the player at that step with the variables the trainer set, as a preview that saves nothing.
The learners' site of the same source is in tests/build/test_drafts.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import build_project
from tests.browser.guards import check_page
from tests.helpers import copy_of_default_module

DRAFT = "escalation-basics"
SCENARIO = "stop-and-review"

# Every write to storage, wherever it comes from: the preview must make none.
SPY = """(() => {
  window.__writes = [];
  for (const name of ["setItem", "removeItem", "clear"]) {
    const real = Storage.prototype[name];
    Storage.prototype[name] = function (...args) { window.__writes.push([name, ...args]); return real.apply(this, args); };
  }
})();"""


@pytest.fixture(scope="module")
def trainers_site(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> Iterator[tuple[Path, str]]:
    config = copy_of_default_module(tmp_path_factory.mktemp("trainers") / "module", drafts=(DRAFT,))
    site_dir = config.parent / "site-trainers"
    site_dir.mkdir()
    url = serve_folder(site_dir)
    build_project(config, site_dir, url, trainers=True)
    yield site_dir, url


def test_the_trainers_site_has_the_guide_maps_report_and_drafts(page: Page, trainers_site) -> None:
    site, url = trainers_site
    for path in ("trainers/", "trainers/field-reference/", "trainers/report/", "maps/", f"maps/{SCENARIO}/"):
        assert (site / path / "index.html").is_file(), path
    report = (site / "trainers" / "report" / "index.html").read_text(encoding="utf-8")
    assert f"scenario {SCENARIO}:" in report and "decision points:" in report
    page.goto(url + f"quizzes/{DRAFT}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Draft: Escalation and resolving professional disagreement"
    )
    expect(page.get_by_text("Learners do not see this quiz")).to_be_visible()
    check_page(page)
    page.goto(url + "trainers/report/")
    expect(page.get_by_role("heading", name="Report", level=1)).to_be_visible()
    check_page(page)
    page.emulate_media(color_scheme="dark")
    page.goto(url + "trainers/field-reference/")
    expect(page.get_by_role("cell", name="draft", exact=True).first).to_be_visible()
    check_page(page)


def test_play_from_here_opens_the_player_at_that_step_and_saves_nothing(page: Page, trainers_site) -> None:
    _, url = trainers_site
    page.add_init_script(SPY)
    page.goto(url + f"maps/{SCENARIO}/")
    start_at = page.get_by_label("Start at step")
    expect(start_at).to_have_value("the-file")  # drawn, at the scenario's start
    page.evaluate("() => { window.__writes = []; }")  # from here on (Material keeps its palette choice)
    page.get_by_role("link", name="Play from here: The review").click()
    expect(start_at).to_have_value("the-review")
    expect(start_at).to_be_focused()
    chronology = page.get_by_label("chronology", exact=True)
    expect(chronology).to_have_attribute("type", "checkbox")
    chronology.check()
    slips = page.get_by_label("slips", exact=True)
    expect(slips).to_have_attribute("type", "number")
    slips.fill("2")
    page.get_by_role("button", name="Play from this step").click()

    player = page.locator("scenario-player")
    expect(player.get_by_role("heading", name="The review", level=2)).to_be_focused()
    expect(page.get_by_text("Preview: nothing you do here is saved").last).to_be_visible()
    expect(player.get_by_text("Riley's weight has fallen")).to_be_visible()  # chronology: true
    expect(player.get_by_text("It shows the cancelled appointments")).to_have_count(0)
    best = player.get_by_role("radio", name="Set out a clear view of what is happening")  # only if chronology
    best.check()
    player.get_by_role("button", name="Continue").click()
    expect(player.get_by_role("button", name="Continue")).to_be_visible()
    check_page(page)

    assert page.evaluate("() => window.__writes") == []
    assert page.evaluate("() => Object.keys(localStorage).filter((key) => key.startsWith('qe:'))") == []
    # Unchecked, the other paragraph shows: the form's values are what the player starts with.
    chronology.uncheck()
    page.get_by_role("button", name="Play from this step").click()
    expect(player.get_by_text("It shows the cancelled appointments")).to_be_visible()
    assert page.evaluate("() => window.__writes") == []


def test_a_link_to_a_step_opens_the_form_at_it(page: Page, trainers_site) -> None:
    """Opened by its address (a new tab, a bookmark), the preview starts the form at that step."""
    page.goto(trainers_site[1] + f"maps/{SCENARIO}/?node=genogram#play-from-a-step")
    expect(page.get_by_label("Start at step")).to_have_value("genogram")
