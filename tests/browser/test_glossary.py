"""Glossary terms explain themselves on hover and on keyboard focus; Escape hides the
definition; the Glossary page lists every term."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.guards import check_page


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
