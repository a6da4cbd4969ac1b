"""By keyboard at a phone's width (360 px): every Tab stop of every page is visible, on the
screen and not under the sticky header (WCAG 2.4.7, 2.4.11); the closed menu and search
panel take no focus; the menu and search open from the keyboard; and after a move to
another page focus is on its main heading."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_every_page import page_paths

PHONE = {"width": 360, "height": 740}
MAX_STOPS = 250  # far more than any page has: a page past it has a focus trap or a runaway list

# Where focus is, in one call: a short name, and what is wrong with it, if anything.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const name = el.localName + (el.id ? '#' + el.id : '') + ' "' +
    (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50) + '"';
  const box = el.getBoundingClientRect();
  const header = document.querySelector('.md-header')?.getBoundingClientRect();
  // What is drawn at the middle of the element's visible part: the header, or the element?
  const underHeader = (el, box) => {
    const y = Math.min(Math.max(box.top, 0) + 2, innerHeight - 1);
    const top = document.elementFromPoint(Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1), y);
    return Boolean(top && top.closest('.md-header') && !el.contains(top));
  };
  window.__qeSeen ??= new WeakSet();
  const again = window.__qeSeen.has(el);
  window.__qeSeen.add(el);
  const problems = [];
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || box.width < 1 || box.height < 1) {
    problems.push('invisible');
  } else if (box.bottom <= 0 || box.right <= 0 || box.left >= innerWidth || box.top >= innerHeight) {
    problems.push(`off-screen at ${Math.round(box.left)},${Math.round(box.top)}`);
  } else if (header && box.top < header.bottom - 1 && box.bottom > header.top + 1 && underHeader(el, box)) {
    problems.push(`under the header (${Math.round(box.top)} to ${Math.round(box.bottom)}, header to ${Math.round(header.bottom)})`);
  }
  return {name, again, problems};
}"""


def tab_walk(page: Page) -> tuple[list[str], list[str]]:
    """Tab from the top of the page until focus comes round again: the stops, and the problems."""
    stops, problems = [], []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            if stops:
                return stops, problems  # past the last stop
            continue
        if focus["again"]:
            return stops, problems
        stops.append(focus["name"])
        problems += [f"{focus['name']}: {p}" for p in focus["problems"]]
    problems.append(f"more than {MAX_STOPS} Tab stops")
    return stops, problems


def test_every_tab_stop_is_seen_on_a_phone(page: Page, served_default: tuple[Path, str]) -> None:
    site, url = served_default
    page.set_viewport_size(PHONE)
    found = []
    for path in page_paths(site):
        page.goto(url + path)
        expect(page.locator(".qe-noscript")).to_have_count(0)
        stops, problems = tab_walk(page)
        found += [f"/{path}: {p}" for p in problems]
        # The closed menu's links take no focus: the first stops are the banner's and header's.
        assert not any("md-nav__" in s or "Table of contents" in s for s in stops[:12]), (path, stops[:12])
    assert not found, f"{len(found)} Tab stops not seen:\n" + "\n".join(found[:80])


def test_menu_and_search_open_only_when_asked(page: Page, served_default: tuple[Path, str]) -> None:
    url = served_default[1]
    page.set_viewport_size(PHONE)
    page.goto(url + "briefing/")
    menu = page.get_by_role("button", name="Menu", exact=True)
    search = page.get_by_role("button", name="Search", exact=True)
    for key in ("s", "/", "n", "."):  # the theme's one-key shortcuts are off (WCAG 2.1.4)
        page.keyboard.press(key)
    expect(page).to_have_url(url + "briefing/")
    stops, _ = tab_walk(page)
    assert 'input "Search"' not in stops, stops  # the closed search panel's field takes no focus
    assert page.evaluate("() => document.getElementById('__search').checked") is False  # tabbing never opened it
    menu.focus()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    drawer_link = page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="Step 1: Why this review happened"
    )
    expect(drawer_link).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    # Tabbing out of the open menu closes it: nothing is focused behind the dimmed page.
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("() => Boolean(document.activeElement.closest('.md-sidebar--primary'))"):
            break
    expect(menu).to_have_attribute("aria-expanded", "false")
    search.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Search")).to_be_focused()
    page.keyboard.press("Escape")
    expect(search).to_be_focused()


def test_focus_goes_to_the_new_pages_heading(page: Page, served_default: tuple[Path, str]) -> None:
    """Instant navigation swaps the page in place: focus must not be left at the top of the body."""
    url = served_default[1]
    page.goto(url + "briefing/")
    page.get_by_role("article").get_by_role("link", name="Why this review happened").first.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Step 1: Why this review happened")
    expect(heading).to_be_focused()
