"""The theme's toggles become buttons (build/markup.py), on the theme's own markup."""

from __future__ import annotations

from quiz_engine.build.markup import fix_page

PAGE = """<body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<label class="md-overlay" for="__drawer" aria-hidden="true"></label>
<aside class="md-banner">help</aside>
<header><label class="md-header__button md-icon" for="__drawer">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3"/></svg></label>
<form class="md-header__option" data-md-component="palette">
<input class="md-option" aria-label="Switch to dark mode" type="radio" name="__palette" id="__palette_0">
<label class="md-header__button md-icon" title="Switch to dark mode" for="__palette_1" hidden><svg></svg></label>
</form>
<label class="md-header__button md-icon" for="__search"></label>
<form class="md-search__form" name="search"><input type="text" autocomplete="off"></form></header>
<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_3" checked>
<div class="md-nav__link md-nav__container"><a href="./">Scenarios</a>
<label class="md-nav__link md-nav__link--active" for="__nav_3" id="__nav_3_label" tabindex="0"><span></span></label></div>
<nav aria-labelledby="__nav_3_label"><label class="md-nav__title" for="__nav_3"><span></span> Scenarios </label></nav>
</body>"""


def test_labels_that_work_toggles_become_buttons_and_boxes() -> None:
    page = fix_page(PAGE)
    assert "<label" not in page
    assert 'autocomplete="off">' not in page.split('type="text"')[0]
    assert '<div class="md-overlay" data-qe-toggle="__drawer"></div>' in page
    assert (
        '<button type="button" class="md-header__button md-icon" data-qe-toggle="__drawer" '
        'aria-expanded="false" aria-label="Menu">' in page
    )
    assert 'aria-label="Search">' in page and '<output for="__search" hidden></output>' in page
    # A section's expand arrow is named after the section, and says it is open.
    assert 'id="__nav_3_label" data-qe-toggle="__nav_3" aria-expanded="true" aria-label="Scenarios">' in page
    assert (
        '<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_3" checked aria-label="Scenarios" hidden>'
        in page
    )
    assert '<div class="md-header__option" data-md-component="palette">' in page
    assert 'data-qe-palette="__palette_1" aria-label="Switch to dark mode"' in page
    assert '<button type="submit" hidden>Search</button></form>' in page
    assert 'viewBox="0 0 24 24" aria-hidden="true" focusable="false">' in page
    assert '<aside class="md-banner" aria-label="Help and contacts">' in page


def test_a_page_without_the_theme_is_left_alone() -> None:
    page = '<p><label for="name">Name</label><input id="name"></p>'
    assert fix_page(page) == page


def test_a_page_fixed_twice_is_fixed_once() -> None:
    """A rebuild of the changed pages only leaves the others in the site, fixed already."""
    once = fix_page(PAGE)
    assert fix_page(once) == once
