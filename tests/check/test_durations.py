"""Durations worked out from what a learner reads and does (check/durations.py)."""

from __future__ import annotations

from pathlib import Path

from quiz_engine.check.durations import (
    SECONDS_PER_DECISION,
    WORDS_PER_MINUTE,
    page_seconds,
    reading,
    reading_pages,
    words,
)


def test_words_and_reading_time():
    assert words("The child's GP, who was not told, saw her twice.") == 10
    assert reading("word " * WORDS_PER_MINUTE) == 60
    assert SECONDS_PER_DECISION == 20


def test_the_pages_a_learner_reads_through(tmp_path: Path):
    pages = {
        "index.md": "# Home\n\nRead this first.\n",
        "briefing/step-1.md": "# Step 1\n\nWhat happened.\n",
        "help/privacy.md": "# Privacy\n\nLooked up, not read through.\n",
        "trainers/index.md": "# For trainers\n",
        "certificate.md": "# Your certificate\n\n<module-certificate></module-certificate>\n",
        "discussion-sheet.md": "---\n# after the module\ncpd: false\n---\n\n# Team discussion sheet\n",
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in reading_pages(tmp_path)] == ["briefing/step-1.md", "index.md"]


def test_a_page_is_read_without_its_markup(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: x\n---\n# Two words\n\n[one](https://example.org/a/very/long/address/indeed)"
        ' <span class="x">two</span>\n\n/// scenario | some-id\n///\n',
        encoding="utf-8",
    )
    assert page_seconds(page) == reading("Two words one two")
