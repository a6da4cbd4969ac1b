"""Build stage: the theme's markup made valid and operable, after either engine has built
the site (Material for MkDocs and Zensical write the same page skeleton).

The theme works its menu, search, colour switch and navigation sections with hidden
checkboxes and `<label for=...>` elements. A label is no control: it cannot be reached
by keyboard without a tabindex, says nothing to a screen reader, and three checkers
reject labels that point at hidden inputs. Here each label that works a toggle becomes
a `<button data-qe-toggle="ID">` (or a plain `<div>` where it is only a click area
such as the dimmed overlay); the runtime's theme.js ticks the checkbox the theme
watches, so the theme's own scripts and styles go on working. Decorative icons are
hidden from assistive technology, and the attributes the HTML standard does not allow
(`autocomplete` on checkboxes, `aria-hidden` on labels) are dropped.

Each rewrite matches the theme's own markup exactly; a page without it is left alone."""

from __future__ import annotations

import html
import re
from pathlib import Path

_LABEL = re.compile(r"<label\b([^>]*)>(.*?)</label>", re.S)
_ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
_TAG = re.compile(r"<[^>]+>")
_TOGGLE_INPUT = re.compile(r'<input class="md-(?:toggle|nav__toggle)[^"]*"[^>]*>')
_CHECKED_TOGGLE = re.compile(r'<input class="md-(?:toggle|nav__toggle)[^"]*"[^>]*\bid="([^"]+)"[^>]*\bchecked\b')
_SEARCH_FORM = re.compile(r'(<form class="md-search__form"[^>]*>.*?)</form>', re.S)
_PALETTE_FORM = re.compile(r'<form class="md-header__option" data-md-component="palette">(.*?)</form>', re.S)
_PALETTE_INPUT = re.compile(r'<input class="md-option"([^>]*)>')
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">')
_BANNER = '<aside class="md-banner">'

# The header's two buttons: their accessible names (the theme gives them only an icon).
HEADER_BUTTONS = {"__drawer": "Menu", "__search": "Search"}
TOGGLE_NAMES = {**HEADER_BUTTONS, "__toc": "Table of contents"}


def fix_site(site_dir: Path) -> None:
    """Rewrite every built page in place."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix_page(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def fix_page(text: str) -> str:
    checked = set(_CHECKED_TOGGLE.findall(text))
    titles = _section_titles(text)
    text = _TOGGLE_INPUT.sub(lambda m: _toggle_input(m, titles), text)
    text = _SEARCH_FORM.sub(_search_form, text)
    text = _PALETTE_FORM.sub(_palette, text)
    text = _LABEL.sub(lambda m: _label(m, checked, titles), text)
    text = _ICON.sub(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">', text
    )
    # Zensical links the home page to itself as href="": an empty address is no link to checkers.
    text = text.replace('<a href="" ', '<a href="./" ')
    # The help banner is a complementary landmark: it needs a name of its own.
    return text.replace(_BANNER, '<aside class="md-banner" aria-label="Help and contacts">', 1)


def _toggle_input(match: re.Match, titles: dict[str, str]) -> str:
    """A toggle is the theme's state, not a control: hidden, named after the button that works it."""
    tag = match.group(0).replace(' autocomplete="off"', "")
    if tag.endswith(" hidden>"):
        return tag  # fixed already (a rebuild of the changed pages leaves the others as they were)
    toggle = re.search(r'\bid="([^"]+)"', tag)
    name = TOGGLE_NAMES.get(toggle.group(1)) or titles.get(toggle.group(1)) if toggle else None
    return tag[:-1] + (f' aria-label="{html.escape(name)}"' if name else "") + " hidden>"


def _search_form(match: re.Match) -> str:
    """Enter in the search field submits its form: say so with a submit button (hidden; the
    field is the control), as checkers expect of every form."""
    if match.group(1).endswith('<button type="submit" hidden>Search</button>'):
        return match.group(0)
    return match.group(1) + '<button type="submit" hidden>Search</button></form>'


def _attributes(raw: str) -> dict[str, str]:
    return {name: value or "" for name, value in _ATTRIBUTE.findall(raw)}


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _section_titles(text: str) -> dict[str, str]:
    """Each navigation section's name, from the title label of its nested list."""
    titles = {}
    for match in _LABEL.finditer(text):
        attrs = _attributes(match.group(1))
        if "md-nav__title" in attrs.get("class", "") and attrs.get("for"):
            titles[attrs["for"]] = _text(match.group(2))
    return titles


def _tag(name: str, attrs: dict[str, str], content: str) -> str:
    rendered = "".join(f' {key}="{html.escape(value)}"' if value != "" else f" {key}" for key, value in attrs.items())
    return f"<{name}{rendered}>{content}</{name}>"


def _label(match: re.Match, checked: set[str], titles: dict[str, str]) -> str:
    attrs = _attributes(match.group(1))
    content = match.group(2)
    target = attrs.pop("for", None)
    classes = attrs.get("class", "")
    if not target or not target.startswith("__") or target.startswith("__palette"):
        return match.group(0)  # the theme's toggles all have ids starting "__"
    attrs.pop("aria-hidden", None)
    attrs.pop("tabindex", None)
    attrs["data-qe-toggle"] = target
    if "overlay" in classes or ("md-nav__title" in classes and target in ("__drawer", "__toc")):
        return _tag("div", attrs, content)  # a click area, or a heading: no Tab stop of its own
    button = {"type": "button", **attrs, "aria-expanded": "true" if target in checked else "false"}
    name = HEADER_BUTTONS.get(target) if "md-header__button" in classes else None
    if "md-search__icon" in classes:
        name = "Close search"
    elif "md-nav__link" in classes and not _text(content):
        name = titles.get(target) or None  # a section's expand arrow beside its index page's link
    if name:
        button["aria-label"] = name
    made = _tag("button", button, content)
    if target == "__search" and "md-header__button" in classes:
        # The theme's search script looks for `header [for=__search]` and stops without it;
        # <output> is the element whose `for` may name any element.
        made += '<output for="__search" hidden></output>'
    return made


def _palette(match: re.Match) -> str:
    """The colour switch: one visible button at a time, each choosing the next scheme (theme.js)."""
    inner = match.group(1)
    inner = _PALETTE_INPUT.sub(lambda m: f'<input class="md-option"{m.group(1)} hidden>', inner)

    def button(label: re.Match) -> str:
        attrs = _attributes(label.group(1))
        target = attrs.pop("for")
        name = attrs.get("title", "")
        return _tag(
            "button", {"type": "button", **attrs, "data-qe-palette": target, "aria-label": name}, label.group(2)
        )

    inner = _LABEL.sub(button, inner)
    return f'<div class="md-header__option" data-md-component="palette">{inner}</div>'
