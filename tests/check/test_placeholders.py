"""`placeholder`: every `[[...]]` of `init` left in mkdocs.yml, the glossary or a page."""

from __future__ import annotations

from tests.helpers import check, check_files, found, make_project


def test_each_placeholder_is_a_warning_at_its_line_and_column(tmp_path):
    problems = check_files(
        tmp_path,
        {
            "docs/index.md": "# Home\n\nPhone [[their number]] or [[their website]].\n",
            "docs/help/privacy.md": "# Privacy\n\nAsk [[who to contact]].\n",
        },
    )
    assert [f for f in problems if f[3] == "placeholder"] == [
        ("docs/help/privacy.md", 3, 5, "placeholder"),
        ("docs/index.md", 3, 7, "placeholder"),
        ("docs/index.md", 3, 27, "placeholder"),
    ]


def test_settings_and_the_glossary_are_read_too(tmp_path):
    make_project(tmp_path, {"glossary.yml": 'terms:\n  - term: MASH\n    definition: "[[what your area calls it]]"\n'})
    (tmp_path / "mkdocs.yml").write_text(
        'site_name: "[[the title]]"\nmarkdown_extensions:\n  - quiz_engine.render.glossary:\n      file: glossary.yml\n',
        encoding="utf-8",
    )
    assert [f for f in found(check(tmp_path)) if f[3] == "placeholder"] == [
        ("glossary.yml", 3, 18, "placeholder"),
        ("mkdocs.yml", 1, 13, "placeholder"),
    ]


def test_filled_in_text_and_single_brackets_are_not_placeholders(tmp_path):
    problems = check_files(
        tmp_path, {"docs/index.md": "# Home\n\nA [link](x.md), a [list], [[ ]] and `[[shown]]` nothing else.\n"}
    )
    assert [f for f in problems if f[3] == "placeholder"] == []
