"""`unrewritten-source`: a page that still shares 8 or more words in a row with the briefing
kept in the module (`extra.module.source`)."""

from __future__ import annotations

from tests.helpers import check, found, make_project

SOURCE = (
    "Both children had a range of complex health needs. Their parents were in regular contact with "
    "professionals but did not follow the advice of health professionals.\n"
)
CONFIG = "site_name: T\nextra:\n  module:\n    source: source/briefing.txt\n"


def copies(tmp_path, page: str) -> list[tuple]:
    make_project(tmp_path, {"source/briefing.txt": SOURCE, "docs/page.md": page})
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return [f for f in found(check(tmp_path)) if f[3] == "unrewritten-source"]


def test_a_copied_run_of_eight_words_is_found_at_its_first_word(tmp_path):
    page = "# Page\n\nWe learned that “both children had a range of complex health needs” here.\n"
    assert copies(tmp_path, page) == [("docs/page.md", 3, 18, "unrewritten-source")]


def test_seven_words_in_a_row_are_not_copying(tmp_path):
    page = "# Page\n\nBoth children had a range of complex conditions.\n"
    assert copies(tmp_path, page) == []


def test_each_line_of_a_copied_passage_is_named(tmp_path):
    page = "# Page\n\nBoth children had a range of complex\nhealth needs. Their parents were in regular contact\n"
    assert copies(tmp_path, page) == [
        ("docs/page.md", 3, 1, "unrewritten-source"),
        ("docs/page.md", 4, 1, "unrewritten-source"),
    ]


def test_the_message_quotes_the_passage_and_says_what_to_do(tmp_path):
    make_project(tmp_path, {"source/briefing.txt": SOURCE, "docs/page.md": SOURCE})
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (message,) = [d.message for d in check(tmp_path).diagnostics if d.code == "unrewritten-source"]
    assert "'Both children had a range of ...'" in message and "own words" in message


def test_without_a_source_nothing_is_compared(tmp_path):
    make_project(tmp_path, {"docs/page.md": SOURCE})
    assert [f for f in found(check(tmp_path)) if f[3] == "unrewritten-source"] == []
