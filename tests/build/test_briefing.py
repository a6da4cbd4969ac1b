"""A briefing's text split into pages and themes: the seed briefing (a saved web page with
numbered steps), a seven-minute briefing of short headings, "Step N:" parts, and Markdown."""

from __future__ import annotations

from pathlib import Path

from quiz_engine.build.briefing import read_briefing

BRIEFINGS = Path(__file__).resolve().parents[1] / "fixtures" / "briefings"
SEED = BRIEFINGS / "seed-briefing.txt"


def test_the_seed_briefing_gives_its_four_steps_and_its_themes():
    briefing = read_briefing(SEED.read_text(encoding="utf-8"))
    assert briefing.title == "Four-step briefing: Baby K – Children with complex needs and neglect"
    assert [part.heading for part in briefing.parts] == [
        "Reason for briefing",
        "Safeguarding practice concerns",
        "Key learning",
        "Suggestions for improvement in practice as a result of this review",
    ]
    assert [title for _, title, _ in briefing.themes] == [
        "Working with resistant families",
        "Multi-agency responsibility for children in need",
        "Parental neglect and neglect of medical needs",
        "Effective information sharing and escalation of concerns by practitioners",
        "The importance of effective supervision and management oversight of multi-agency working",
    ]
    assert {index for _, _, index in briefing.themes} == {2}  # all covered by the key-learning page
    # The numbered sub-steps are the step's own headings; its bullets are Markdown list items.
    improvement = briefing.parts[3].lines
    assert "## Working with resistant families" in improvement
    assert "## Effective information sharing and resolution of practitioners’ concerns" in improvement
    assert any(line.startswith("- Parental resistance is a common feature") for line in improvement)
    assert any(line.startswith("    - gather important information") for line in improvement)  # nested bullet
    # The web page's own menu text is not training content: the trainer is told.
    assert len(briefing.unplaced) == 1 and "'Skip to content'" in briefing.unplaced[0]


def test_a_seven_minute_briefing_splits_at_its_short_headings():
    briefing = read_briefing((BRIEFINGS / "seven-minute.md").read_text(encoding="utf-8"))
    assert briefing.title == "7-minute briefing: Child R and the missed appointments"
    assert [part.heading for part in briefing.parts] == [
        "What",
        "Why",
        "Key learning",
        "How",
        "Questions for your team",
    ]
    assert [theme_id for theme_id, _, _ in briefing.themes][:2] == [
        "think-was-not-brought-not-did",
        "share-the-pattern-of-missed-appointments",
    ]
    assert briefing.parts[1].lines[0].startswith("Missed appointments for a child")
    assert briefing.unplaced == []


def test_step_headings_split_a_plain_text_briefing():
    briefing = read_briefing((BRIEFINGS / "numbered-steps.txt").read_text(encoding="utf-8"))
    assert briefing.title == "Learning briefing: Child T, a young carer"
    assert [part.heading for part in briefing.parts] == [
        "About the review",
        "What went well",
        "Key messages",
        "What to do next",
    ]
    assert [title for _, title, _ in briefing.themes] == [
        "Ask about caring when a child's attendance or energy changes",
        "A young carer is entitled to an assessment of their needs",
        "Support for the adult can lift the load from the child",
    ]


def test_markdown_headings_under_one_title():
    text = "# Briefing: Child Q\n\n## Background\n\nText.\n\n## Learning points\n\n* One point\n* Another point\n"
    briefing = read_briefing(text)
    assert briefing.title == "Briefing: Child Q"
    assert [part.heading for part in briefing.parts] == ["Background", "Learning points"]
    assert [theme_id for theme_id, _, _ in briefing.themes] == ["one-point", "another-point"]


def test_text_without_structure_is_one_page_and_the_trainer_is_told():
    briefing = read_briefing("a note with no headings at all, just one long paragraph of text.\n")
    assert len(briefing.parts) == 1 and briefing.parts[0].lines
    assert any("no headings" in note for note in briefing.unplaced)
    assert any("no key-learning list" in note for note in briefing.unplaced)
