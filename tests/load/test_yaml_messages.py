"""YAML mistakes reported where the trainer made them, in words that say what to do.

Each fixture in tests/load/yaml_mistakes holds one mistake; the parser notices most of them
later (a missing ':' on the next line, an unclosed quote at the next quote or the end of
the file), and the message must point at the mistake itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz_engine.check.run import run_check
from quiz_engine.load import yaml_source
from quiz_engine.load.project import Project
from tests.helpers import check, make_project

MISTAKES = Path(__file__).parent / "yaml_mistakes"

# file -> (line, column, code, words the message must contain)
EXPECTED = {
    "tab-in-indentation.yml": (11, 3, "yaml-syntax", ["indented with a tab character", "Replace the tab with spaces"]),
    "missing-colon-after-node-id.yml": (10, 8, "yaml-syntax", ["no ':' after 'leave'", "write 'leave:'"]),
    "missing-colon-after-key.yml": (8, 10, "yaml-syntax", ["no ':' after 'title'", "write 'title: The front door'"]),
    "unclosed-quote.yml": (8, 11, "yaml-syntax", ['the quote " that opens here is only closed on line 12', 'with "']),
    "quote-closed-lines-later.yml": (
        8,
        11,
        "unclosed-quote",
        ['the quote " that opens here is only closed on line 11', "Line 9 ('next:') is read as text now"],
    ),
    "apostrophe-in-single-quotes.yml": (4, 14, "yaml-syntax", ["write an apostrophe twice (Don''t)"]),
    "saved-as-windows-1252.yml": (
        4,
        13,
        "yaml-syntax",
        ["not saved as UTF-8", "byte 0x92", "Notepad, File > Save As, Encoding: UTF-8", "VS Code", "TextEdit", "Word"],
    ),
    "indented-one-space-less.yml": (9, 4, "yaml-syntax", ["indented by 3 spaces", "2 spaces (like line 7) or 4"]),
    "text-first-line-indented-more.yml": (10, 7, "yaml-syntax", ["less than the first line of its text (line 9"]),
    "unclosed-brace.yml": (5, 12, "yaml-syntax", ["the '{' that opens here is not closed", "close it with '}'"]),
    "missing-colon-before-braces.yml": (12, 9, "unknown-key", ["a ':' is missing after 'set'", "'set: {asked: true}'"]),
    "duplicated-variable.yml": (
        7,
        3,
        "duplicate-key",
        ["'asked_parent' appears twice in 'variables' (first on line 6)", "Lines 17, 22 name 'asked_parents'"],
    ),
    "list-item-without-dash.yml": (12, 9, "duplicate-key", ["'text' appears twice", "begin it with '- ' like line 10"]),
    "first-item-without-dash.yml": (10, 9, "yaml-syntax", ["the list under line 9 starts here without '- '"]),
    "duplicated-node.yml": (
        17,
        3,
        "duplicate-key",
        ["node 'ask-parent' is defined twice (first on line 14)", "Line 13 goes to 'ask-parent-again'"],
    ),
}


def test_every_mistake_has_a_fixture():
    assert {p.name for p in MISTAKES.glob("*.yml")} == set(EXPECTED)


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_mistake_is_reported_where_it_is_with_what_to_do(tmp_path, monkeypatch, name, pure_python):
    if pure_python:  # files with many brackets go to PyYAML's own parser, which words its errors differently
        monkeypatch.setattr(yaml_source, "NESTING_GUARD", 0)
    make_project(tmp_path, copy=(MISTAKES / name,))
    line, col, code, words = EXPECTED[name]
    (only,) = check(tmp_path).diagnostics  # no follow-on lines: the duplicate's "did you mean" is left out
    assert (only.path, only.line, only.col, only.severity, only.code) == (f"scenarios/{name}", line, col, "error", code)
    for part in words:
        assert part in only.message


def test_a_duplicate_leaves_other_dangling_gotos_their_hint(tmp_path):
    text = (MISTAKES / "duplicated-node.yml").read_text(encoding="utf-8")
    text = text.replace("next: good-end\n  ask-parent:", "next: good-ed\n  ask-parent:")  # a typo of its own
    make_project(tmp_path, {"scenarios/s.yml": text})
    found = [(d.line, d.code, d.message) for d in check(tmp_path).diagnostics]
    # good-end, now reached only through the copy, is not reported unreachable: renaming the copy fixes that too
    assert [(line, code) for line, code, _ in found] == [(16, "dangling-goto"), (17, "duplicate-key")]
    assert found[0][2].endswith("Did you mean 'good-end'?")


@pytest.mark.parametrize(
    ("files", "summary"),
    [
        ({}, "0 scenarios, 0 quizzes: 0 errors, 0 warnings"),
        ({"scenarios/a.yml": "kind: quiz\n\ttitle: T\n"}, "0 scenarios, 0 quizzes: 1 error, 0 warnings"),
        (
            {"scenarios/a.yml": "kind: quiz\n\ttitle: T\n", "scenarios/b.yml": "kind: quiz\n\ttitle: T\n"},
            "0 scenarios, 0 quizzes: 2 errors, 0 warnings",
        ),
    ],
)
def test_the_summary_counts_in_words(tmp_path, capsys, files, summary):
    make_project(tmp_path, files)
    run_check(Project.at(tmp_path / "mkdocs.yml"), strict=False, style="plain", keep_model=False)
    assert capsys.readouterr().err.splitlines()[-1] == f"check: {summary}"


def test_mkdocs_yml_and_the_glossary_get_the_same_messages(tmp_path):
    make_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nextra\n  module:\n    required: all\n", encoding="utf-8")
    assert [(d.path, d.line, d.col, d.code) for d in run_check_quietly(tmp_path)] == [
        ("mkdocs.yml", 2, 6, "yaml-syntax")
    ]
    config = "site_name: T\nmarkdown_extensions:\n  - quiz_engine.render.glossary:\n      file: glossary.yml\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "glossary.yml").write_bytes("terms:\n  - term: Caf\u00e9\n".encode("cp1252"))
    (only,) = run_check_quietly(tmp_path)
    assert (only.path, only.line, only.col, only.code) == ("glossary.yml", 2, 14, "yaml-syntax")
    assert "not saved as UTF-8" in only.message


def run_check_quietly(root: Path) -> list:
    return run_check(Project.at(root / "mkdocs.yml"), strict=False, style="plain", keep_model=False)[0].diagnostics
