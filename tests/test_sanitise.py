"""The render stage's shortcut for plain lines gives exactly what Markdown + nh3 give."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmarks.generate import paragraph, sentence
from quiz_engine.project import Project, check_project
from quiz_engine.sanitise import PLAIN_LINE, block, convert

ROOT = Path(__file__).resolve().parents[1]

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
