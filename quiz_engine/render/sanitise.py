"""Author Markdown -> safe HTML. Python-Markdown passes raw HTML through, so every
fragment is cleaned with an allow-list: no scripts, no event handlers, no
javascript: or data: URLs.

Glossary terms (glossary.Glossary.marker) are marked in the cleaned HTML, after this
allow-list, which therefore admits no <span> and no tabindex: an author cannot make a
focusable element or a fake term. Ids starting "qe-" belong to the build and the
runtime (tooltips, players) and are taken out of author HTML, so ids stay unique."""

from __future__ import annotations

import re

import markdown
import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "s", "small", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "role", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "td": {"colspan"},
    "th": {"colspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
RESERVED_ID = "qe-"

_markdown = markdown.Markdown(extensions=["sane_lists"])
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
# One line of plain words, as most choices, prompts and feedback are: it starts with a
# letter and has no character that Markdown or HTML gives a meaning to, so Python-Markdown
# would only wrap it in <p> and nh3 would change nothing. Skipping both for such lines
# more than halves the render stage (tests/render/test_sanitise.py checks the outputs agree).
PLAIN_LINE = re.compile(r"[A-Za-z][^\\`*_\[\]<>&#+{}|~=\x00-\x1f\x7f-\xa0\u2028\u2029]*")


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        generic_attribute_prefixes={"aria-"},
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    )


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    return None if attribute == "id" and value.startswith(RESERVED_ID) else value


def block(text: str | None) -> str | None:
    """Markdown paragraphs, lists and links, sanitised."""
    if text is None:
        return None
    if PLAIN_LINE.fullmatch(text) and not text[-1].isspace():
        return f"<p>{text}</p>"
    return convert(text)


def convert(text: str) -> str:
    """`block` without the shortcut for plain lines."""
    _markdown.reset()
    return clean(_markdown.convert(text)).strip()


def inline(text: str) -> str:
    """Markdown for one line (a choice, a prompt): no wrapping <p>."""
    html = block(text) or ""
    match = _SINGLE_PARAGRAPH.match(html)
    return match.group(1) if match and "<p>" not in match.group(1) else html
