"""Every payload of the hostile corpus (tests/hostile/payloads.py), through every way
author text reaches HTML at build time: the sanitiser (Markdown fields), the
renderer's data template, the generated pages (titles, roles, summaries in
Markdown that MkDocs renders without a sanitiser), the nav and embed errors.
The browser side is tests/browser/test_hostile_input.py."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from quiz_engine import Project, check_project
from quiz_engine.render.data import data_for, element
from quiz_engine.render.embeds import MISSING, error_element
from quiz_engine.render.pages import escape, expand_nav, generated_pages, title_text
from quiz_engine.render.sanitise import ATTRIBUTES, TAGS, block, clean, convert, inline
from tests.hostile.payloads import PAYLOADS, Payload
from tests.hostile.project import write_project

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
SAFE_SCHEME = re.compile(r"^(https?|mailto|tel):", re.I)
HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
LIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "style", "form"}
# What MkDocs' Markdown is given in the default module's mkdocs.yml.
SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "sane_lists", "toc"]


class Inventory(HTMLParser):
    """Tags and attributes of an HTML fragment, with the problems a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in LIVE_TAGS:
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            self.attributes.add((tag, name))
            value = value or ""
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}>")
            if name == "srcdoc":
                self.live.append(f"<{tag} srcdoc>")
            # As a URL parser reads it: ASCII tabs and newlines dropped, leading controls and spaces stripped.
            url = re.sub(r"[\t\n\r]", "", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \x1f")
            if name in URL_ATTRIBUTES and HAS_SCHEME.match(url) and not SAFE_SCHEME.match(url):
                self.live.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag


def inventory(fragment: str) -> Inventory:
    parser = Inventory()
    parser.feed(fragment)
    parser.close()
    return parser


def allowed(tag: str, attribute: str) -> bool:
    return (
        attribute in ATTRIBUTES["*"]
        or attribute in ATTRIBUTES.get(tag, set())
        or attribute.startswith("aria-")
        or (tag, attribute) == ("a", "rel")  # nh3 adds rel="noopener noreferrer"
    )


def ids(payloads: tuple[Payload, ...]) -> list[str]:
    return [p.name for p in payloads]


# --- the sanitiser ----------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=ids(PAYLOADS))
@pytest.mark.parametrize("render", [block, inline, convert], ids=["block", "inline", "convert"])
def test_sanitised_author_markdown_keeps_only_the_allow_list(payload: Payload, render) -> None:
    out = render(payload.text) or ""
    found = inventory(out)
    assert found.live == [], out
    assert found.tags <= TAGS, out
    assert all(allowed(tag, name) for tag, name in found.attributes), out
    # Cleaning again changes nothing: no markup that a second parse (a browser's) reads differently.
    assert clean(out) == out


SCRIPT_RUNS = re.compile(r"<script|<svg|<math|<iframe|<object|<embed|<meta|<base|<form|<template", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
BAD_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*(javascript|data|vbscript|&#)""", re.I)


@pytest.mark.parametrize(
    "kind, pattern",
    [
        ("script", SCRIPT_RUNS),
        ("event-handler", EVENT_HANDLER),
        ("frame", SCRIPT_RUNS),
        ("url", BAD_URL),
        ("attr-list", EVENT_HANDLER),
        ("breakout", SCRIPT_RUNS),
        ("json", SCRIPT_RUNS),
    ],
)
def test_each_class_of_payload_is_removed(kind: str, pattern: re.Pattern) -> None:
    payloads = [p for p in PAYLOADS if p.kind == kind]
    assert payloads
    for payload in payloads:
        for out in (block(payload.text) or "", inline(payload.text)):
            assert not pattern.search(out), f"{payload.name}: {out}"
            assert not EVENT_HANDLER.search(out), f"{payload.name}: {out}"
            assert not BAD_URL.search(out), f"{payload.name}: {out}"


def test_safe_links_and_markup_survive() -> None:
    out = block('**Bold**, [a link](https://example.org "Title") and <abbr title="Child in need">CIN</abbr>')
    assert out == (
        '<p><strong>Bold</strong>, <a href="https://example.org" title="Title" rel="noopener noreferrer">a link</a>'
        ' and <abbr title="Child in need">CIN</abbr></p>'
    )


@pytest.mark.parametrize("text", ["javascript:window.__pwned=1", "Say onclick=window.__pwned=1 here", "x onerror=y"])
def test_plain_lines_that_look_like_code_stay_text(text: str) -> None:
    """The shortcut for plain lines: no markup comes out of a line without markup characters."""
    assert block(text) == convert(text) == f"<p>{text}</p>"
    assert inventory(block(text)).tags == {"p"}


# --- the data template ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_items(tmp_path_factory: pytest.TempPathFactory):
    project = write_project(tmp_path_factory.mktemp("hostile-unit"))
    return project, check_project(Project.at(project.config)).items


TEMPLATE = re.compile(
    r'^<(scenario|quiz)-player data-id="[a-z0-9-]+" class="qe-player"><template class="qe-data">(.*)</template><p class="qe-noscript">[^<]*</p></\1-player>$',
    re.S,
)


def test_the_data_template_holds_only_text_and_round_trips(hostile_items) -> None:
    _, items = hostile_items
    assert len(items) == 2 * len(PAYLOADS) + 1
    for item in items:
        out = element(item)
        match = TEMPLATE.match(out)
        assert match, out[:300]
        text = match.group(2)
        assert "<" not in text and ">" not in text  # nothing a parser could take for a tag, </template> included
        assert json.loads(html.unescape(text)) == data_for(item)
    # Line and paragraph separators reach the browser as they were written.
    separators = next(i for i in items if i.title.startswith("before\u2028"))
    assert "\u2028" in element(separators) and "\u2029" in element(separators)


# --- generated pages and navigation -----------------------------------------------------


def front_matter(page: str) -> tuple[dict, str]:
    if not page.startswith("---\n"):
        return {}, page
    head, body = page[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_generated_pages_render_no_live_markup(hostile_items) -> None:
    """Titles, roles and summaries go into Markdown that MkDocs renders with no sanitiser."""
    _, items = hostile_items
    pages = generated_pages(items)
    assert len(pages) > 3 * len(PAYLOADS)
    for path, page in pages.items():
        meta, body = front_matter(page)
        if "title" in meta:
            # MkDocs puts the title into <title>, the header and the nav unescaped.
            assert not re.search(r"[<>]|&(?!(amp|lt|gt);)", meta["title"]), (path, meta["title"])
        out = markdown.markdown(body, extensions=SITE_EXTENSIONS)
        found = inventory(out)
        assert found.live == [], (path, found.live)


@pytest.mark.parametrize("payload", PAYLOADS, ids=ids(PAYLOADS))
def test_escaped_text_reads_back_as_written(payload: Payload) -> None:
    """Escaping is not removing: the page shows the author's text, not a mangled version."""
    words = " ".join(payload.text.split())
    heading = markdown.markdown(f"# {escape(payload.text)}", extensions=SITE_EXTENSIONS)
    shown = html.unescape(re.sub(r"<[^>]+>", "", heading))
    assert shown == words
    assert html.unescape(title_text(payload.text)) == words


def test_nav_titles_are_escaped(hostile_items) -> None:
    _, items = hostile_items
    nav = expand_nav(["index.md", {"Scenarios": "scenarios/index.md"}, {"Quizzes": "quizzes/index.md"}], items)
    titles = []

    def pages(entries: list) -> None:  # a long section is listed in groups
        for entry in entries:
            value = next(iter(entry.values()))
            pages(value) if isinstance(value, list) else titles.append(next(iter(entry)))

    for section in nav[1:]:
        pages(next(iter(section.values()))[1:])
    assert len(titles) == len(items)
    assert not any(re.search(r"[<>]", t) for t in titles)


@pytest.mark.parametrize("payload", PAYLOADS, ids=ids(PAYLOADS))
def test_embed_errors_escape_the_id(payload: Payload) -> None:
    out = error_element("scenario", payload.text, MISSING)
    assert inventory(out).live == []
    assert inventory(out).tags == {"div", "p"}


def test_the_corpus_covers_every_class() -> None:
    assert {p.kind for p in PAYLOADS} == {"script", "event-handler", "frame", "url", "attr-list", "breakout", "json"}
    assert len({p.name for p in PAYLOADS}) == len(PAYLOADS)
    inert_by_design = {"base-href", "injected-player", "md-link-data"}  # a redirect, a fake player, base64
    assert all("__pwned" in p.text or p.name in inert_by_design for p in PAYLOADS)


def test_hostile_project_files_hold_the_payloads_byte_for_byte(hostile_items) -> None:
    project, items = hostile_items
    by_id = {i.id: i for i in items}
    for item_id, payload in {**project.scenarios, **project.quizzes}.items():
        assert by_id[item_id].title == payload.text
    assert Path(project.config).is_file()
