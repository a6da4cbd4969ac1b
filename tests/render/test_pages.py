"""The generated pages' place in a hand-written navigation (quiz_engine/render/pages.py)."""

from __future__ import annotations

from types import SimpleNamespace

from quiz_engine.render.pages import NAV_GROUP_SIZE, expand_nav

NAV = ["index.md", {"Scenarios": "scenarios/index.md"}, {"Quizzes": "quizzes/index.md"}]


def items(kind: str, count: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(kind=kind, id=f"{kind}-{n:03d}", title=f"Case {n:03d} of many words") for n in range(count)]


def section(nav: list, name: str) -> list:
    return next(entry[name] for entry in nav if isinstance(entry, dict) and name in entry)


def test_a_short_section_lists_its_pages_in_title_order() -> None:
    nav = expand_nav(NAV, items("quiz", 3)[::-1])
    assert section(nav, "Quizzes") == [
        "quizzes/index.md",
        {"Case 000 of many words": "quizzes/quiz-000.md"},
        {"Case 001 of many words": "quizzes/quiz-001.md"},
        {"Case 002 of many words": "quizzes/quiz-002.md"},
    ]
    assert section(nav, "Scenarios") == ["scenarios/index.md"]


def test_a_long_section_is_listed_in_groups_named_by_their_first_and_last_page() -> None:
    count = NAV_GROUP_SIZE * 2 + 5
    nav = expand_nav(NAV, items("scenario", count))
    entries = section(nav, "Scenarios")
    assert entries[0] == "scenarios/index.md"
    groups = entries[1:]
    assert [len(next(iter(g.values()))) for g in groups] == [NAV_GROUP_SIZE, NAV_GROUP_SIZE, 5]
    assert list(groups[0]) == ["Case 000 of… to Case 019 of…"]
    listed = [path for g in groups for page in next(iter(g.values())) for path in page.values()]
    assert listed == [f"scenarios/scenario-{n:03d}.md" for n in range(count)]


def test_a_section_missing_from_the_nav_is_added_at_the_end() -> None:
    nav = expand_nav(["index.md"], items("quiz", 1))
    assert nav == [
        "index.md",
        {"Scenarios": ["scenarios/index.md"]},
        {"Quizzes": ["quizzes/index.md", {"Case 000 of many words": "quizzes/quiz-000.md"}]},
    ]
