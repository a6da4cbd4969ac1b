"""The render stage's shortcut for plain lines gives exactly what Markdown + nh3 give;\nglossary terms marked in sanitised text bring their markup and nothing else."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.generate import paragraph, sentence
from quiz_engine import Project, check_project
from quiz_engine.load.glossary import load_glossary
from quiz_engine.render.glossary import Glossary
from quiz_engine.render.sanitise import PLAIN_LINE, TAGS, block, convert
from tests.hostile.payloads import PAYLOADS, Payload
from tests.render.test_sanitise_payloads import inventory

ROOT = Path(__file__).resolve().parents[2]

TRICKY = [
    "Plain words only",
    'It\'s "fine", she says; 50% (or so) of it: a/b? Yes!',
    "Café — naïve ’quotes’ “x” and an emoji 🙂",
    "Two  spaces  inside",
    "Email a@b.com or http://example.org",
    "Trailing spaces   ",
    "x < y",
    "A & B",
    "Tom *and* Jerry",
    "snake_case_word",
    "A [link](https://example.org)",
    "Code `x`",
    "Hash # in the middle",
    "Plus + sign",
    "Escaped \\* star",
    "Line one\nLine two",
    "Tab\there",
    "Non\xa0breaking",
    "Line\u2028separator",
    "Braces {: .x}",
    "Pipe | table",
    "Tilde ~~x~~",
    "Equals = sign",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "1. A list",
    "- A list",
    "# Heading",
    "    Code block",
    "9 lives",
]


def author_texts() -> list[str]:
    """Every string field of the default module's scenarios and quizzes."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    for item in check_project(Project.at(ROOT / "mkdocs.yml")).items:
        walk(item)
    return found


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_lines(text: str) -> None:
    assert block(text) == convert(text)


def test_every_author_text_and_generated_sentence() -> None:
    texts = author_texts() + [sentence(n, 12) for n in range(300)] + [paragraph(n) for n in range(50)]
    assert len(texts) > 500
    short_cut = [t for t in texts if PLAIN_LINE.fullmatch(t)]
    assert short_cut, "no text took the shortcut"
    for text in texts:
        assert block(text) == convert(text), text


# --- glossary terms in sanitised text ---------------------------------------------------

GLOSSARY = Glossary(load_glossary(ROOT / "glossary.yml", "glossary.yml", []))
# The glossary's markup, and no other: the allow-list itself admits no <span> and no tabindex.
TERM_ATTRIBUTES = {"class": "qe-term", "tabindex": "0", "aria-describedby": re.compile(r"qe-term-hostile-\d+")}
TIP_ATTRIBUTES = {"class": "qe-term__tip", "role": "tooltip", "id": re.compile(r"qe-term-hostile-\d+")}


class Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: list[dict[str, str | None]] = []
        self.tabindex: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span":
            self.spans.append(found)
        self.tabindex += [tag] if "tabindex" in found else []
        self.ids += [found["id"] or ""] if "id" in found else []


def spans(fragment: str) -> Spans:
    parser = Spans()
    parser.feed(fragment)
    parser.close()
    return parser


def glossary_markup_only(fragment: str) -> None:
    found = spans(fragment)
    for attrs in found.spans:
        expected = TERM_ATTRIBUTES if attrs.get("class") == "qe-term" else TIP_ATTRIBUTES
        assert attrs.keys() == expected.keys(), fragment
        for name, value in expected.items():
            assert value.fullmatch(attrs[name]) if isinstance(value, re.Pattern) else attrs[name] == value, fragment
    assert found.tabindex == ["span"] * (len(found.spans) // 2), fragment
    assert all(i.startswith("qe-term-hostile-") for i in found.ids if i.startswith("qe-")), fragment


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_hostile_text_with_terms_keeps_only_the_allow_list_and_the_glossary_markup(payload: Payload) -> None:
    mark = GLOSSARY.marker("qe-term-hostile-")
    for text in (payload.text, f"Neglect and MASH: {payload.text} then a strategy discussion"):
        clean_html = block(text) or ""
        out = mark(clean_html) or ""
        found = inventory(out)
        assert found.live == [], out
        assert found.tags <= TAGS | {"span"}, out
        glossary_markup_only(out)
        # Marking adds the terms' spans and changes nothing else.
        assert TERM.sub(lambda m: m.group(1), out) == clean_html.replace("&nbsp;", "\xa0")


TERM = re.compile(
    r'<span class="qe-term" tabindex="0" aria-describedby="[^"]+">([^<]*)'
    r'<span class="qe-term__tip" role="tooltip" id="[^"]+">[^<]*</span></span>'
)


def test_authors_cannot_write_terms_tooltips_tabindex_or_reserved_ids() -> None:
    forged = (
        '<span class="qe-term" tabindex="0" aria-describedby="qe-term-hostile-1">MASH '
        '<span class="qe-term__tip" role="tooltip" id="qe-term-hostile-1">A fake definition</span></span>'
        ' and <b tabindex="5" id="qe-term-1">neglect</b>, <em id="qe-x-1-option-1">x</em>, <strong id="mine">y</strong>'
    )
    clean_html = block(forged)
    assert "<span" not in clean_html and "tabindex" not in clean_html
    assert spans(clean_html).ids == ["mine"]  # ids starting "qe-" belong to the build and the runtime
    out = GLOSSARY.marker("qe-term-hostile-")(clean_html)
    assert [m.group(1) for m in TERM.finditer(out)] == ["MASH", "neglect"]
    assert spans(out).ids == ["qe-term-hostile-1", "qe-term-hostile-2", "mine"]
    glossary_markup_only(out)


def test_text_without_a_term_costs_one_search() -> None:
    mark = GLOSSARY.marker("qe-term-x-")
    texts = [t for t in author_texts() if PLAIN_LINE.fullmatch(t) and not GLOSSARY.matcher.regex.search(t)]
    assert len(texts) > 100
    for text in texts:
        plain = block(text)
        assert mark(plain) is plain
