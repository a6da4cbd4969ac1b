"""Glossary terms explain themselves on hover and on keyboard focus, on pages and in the
scenario player's text; Escape hides the definition; the Glossary page lists every term."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.guards import check_page
from tests.browser.scenario_walk import heading_name, route, scenarios, start, walk


def test_term_definition_by_focus_hover_and_escape(page: Page, site_url: str) -> None:
    page.goto(site_url + "briefing/3-key-learning/")
    term = page.locator(".qe-term").first
    tip = term.locator(".qe-term__tip")
    expect(tip).to_be_hidden()
    term.focus()
    expect(tip).to_be_visible()
    check_page(page)
    assert term.get_attribute("aria-describedby") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(term).to_be_focused()
    term.evaluate("el => el.blur()")  # leaving the term undoes Escape
    term.hover()
    expect(tip).to_be_visible()


def test_glossary_page_lists_terms(page: Page, site_url: str) -> None:
    page.goto(site_url + "glossary/")
    expect(page.get_by_role("heading", name="Glossary", level=1)).to_be_visible()
    assert page.locator("dl.qe-glossary dt").count() >= 25
    check_page(page)


# --- scenario and quiz text ---------------------------------------------------------------

TERM = re.compile(
    r'<span class="qe-term" tabindex="0" aria-describedby="([^"]+)">([^<]*)'
    r'<span class="qe-term__tip" role="tooltip" id="\1">([^<]*)</span></span>'
)


def first_step_with_a_term(built_site: Path) -> tuple[str, dict, list, int, re.Match]:
    """The scenario whose route reaches a step whose text uses a term soonest: (page,
    data, route, step index, the term's markup). From the built data, so content edits
    do not break the test."""
    found = None
    for path, data in scenarios(built_site):
        steps = route(data)
        for index, (node_id, _, _) in enumerate(steps):
            match = TERM.search(data["nodes"][node_id]["text_html"] or "")
            if match:
                if found is None or index < found[3]:
                    found = (path, data, steps, index, match)
                break
    assert found, "no step of the default module's scenarios uses a glossary term"
    return found


def test_a_term_in_a_scenario_step_explains_itself_on_focus_and_escape_hides_it(
    page: Page, site_url: str, built_site: Path
) -> None:
    path, data, steps, index, match = first_step_with_a_term(built_site)
    tip_id, _, definition = match.groups()
    page.emulate_media(reduced_motion="reduce")
    article = start(page, site_url, path)
    walk(page, data, steps, end=index)  # at the step, its heading focused
    heading = article.get_by_role("heading", name=heading_name(data["nodes"][steps[index][0]], index + 1), level=2)
    expect(heading).to_be_focused()
    shown = article.get_by_role("tooltip")  # role locators skip hidden elements: none until asked
    expect(shown).to_have_count(0)

    term = article.locator(f'[aria-describedby="{tip_id}"]')
    tooltip = term.get_by_role("tooltip")
    for _ in range(10):  # Tab from the heading to the term (a link in the text may come first)
        page.keyboard.press("Tab")
        if term.evaluate("el => el === document.activeElement"):
            break
    expect(term).to_be_focused()
    expect(shown).to_have_count(1)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    expect(term).to_have_accessible_description(definition)  # aria-describedby finds the tooltip
    assert described_by_missing_or_repeated_ids(page) == []
    check_page(page)

    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(shown).to_have_count(0)
    expect(term).to_be_focused()  # Escape hides the definition, moves nothing
    expect(heading).to_be_visible()  # and the player stays on its step
    term.evaluate("el => el.blur()")  # leaving the term undoes Escape: the next hover shows it again
    term.hover()
    expect(tooltip).to_be_visible()
    check_page(page)

    # The same block shown twice at once (as the debrief lists a choice made twice on a
    # looping route): the copy's tooltip gets an id of its own.
    term.evaluate("el => { const text = el.closest('div'); text.after(text.cloneNode(true)); }")
    copy = article.get_by_text(definition, exact=True).nth(1).locator("xpath=..")
    expect(copy).to_have_accessible_description(definition)
    assert copy.get_attribute("aria-describedby") != tip_id
    expect(term).to_have_accessible_description(definition)
    assert described_by_missing_or_repeated_ids(page) == []
    check_page(page)


def described_by_missing_or_repeated_ids(page: Page) -> list[str]:
    """aria-describedby ids on the page that match no element, or more than one."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')]
            .flatMap((el) => el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean))
            .filter((id) => document.querySelectorAll('#' + CSS.escape(id)).length !== 1)"""
    )
