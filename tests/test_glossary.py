"""The glossary: one YAML file, terms explained at their first use on a page."""

from __future__ import annotations

from pathlib import Path

import markdown

from quiz_engine.glossary import GlossaryExtension, Term, glossary_page, load_glossary

ROOT = Path(__file__).resolve().parents[1]
TERMS = [
    Term("Section 47", "Enquiries when harm is suspected.", ["s47"]),
    Term("Core group", "The people who carry out a plan."),
    Term("Child in need", "A child who needs services.", ["CiN"]),
]


def render(text: str, terms: list[Term] = TERMS) -> str:
    return markdown.Markdown(extensions=[GlossaryExtension(terms)]).convert(text)


def test_the_shipped_glossary_loads_with_at_least_25_terms():
    found = []
    terms = load_glossary(ROOT / "glossary.yml", "glossary.yml", found)
    assert found == []
    assert len(terms) >= 25
    names = {t.term for t in terms}
    for needed in ("Section 17", "Section 47", "Child in need", "Child protection plan", "Core group",
                   "Strategy discussion", "Initial child protection conference", "Early help", "MASH",
                   "Was Not Brought", "Graded Care Profile 2"):  # fmt: skip
        assert needed in names


def test_first_use_on_a_page_is_marked_once():
    html = render("A s47 enquiry, then Section 47 again, and the core group.")
    assert html.count('class="qe-term"') == 2
    assert '<span aria-describedby="qe-term-1" class="qe-term" tabindex="0">s47' in html
    assert 'role="tooltip"' in html and "Enquiries when harm is suspected." in html


def test_acronyms_match_their_case_and_words_match_whole():
    assert 'class="qe-term"' not in render("The cinema and a coregroup.")
    assert 'tabindex="0">cin' not in render("cin is not CiN written differently.")
    assert 'class="qe-term"' in render("A CiN plan.")


def test_links_code_and_headings_are_left_alone():
    html = render("# Core group\n\n[Section 47](x.md) and `CiN`.")
    assert 'class="qe-term"' not in html


def test_broken_glossary_file_gives_diagnostics(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - term: X\n  - definition: Y\n    colour: red\n", encoding="utf-8")
    found = []
    load_glossary(path, "glossary.yml", found)
    assert sorted((d.line, d.col, d.code) for d in found) == [
        (2, 5, "missing-field"),
        (3, 5, "missing-field"),
        (4, 5, "unknown-key"),
    ]


def test_glossary_page_lists_terms_alphabetically():
    page = glossary_page(TERMS)
    assert page.index("Child in need") < page.index("Core group") < page.index("Section 47")
    assert 'id="section-47"' in page
