"""The glossary: one YAML file, terms explained at their first use on a page and in each\nblock of scenario and quiz text (never in choices, options or other labels)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from quiz_engine.load import model
from quiz_engine.load.glossary import Term, load_glossary
from quiz_engine.render.data import data_for
from quiz_engine.render.glossary import Glossary, GlossaryExtension, configured_glossary, glossary_page
from quiz_engine.render.sanitise import block

ROOT = Path(__file__).resolve().parents[2]
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


# --- scenario and quiz text -------------------------------------------------------------

TERM = re.compile(
    r'<span class="qe-term" tabindex="0" aria-describedby="([^"]+)">([^<]*)'
    r'<span class="qe-term__tip" role="tooltip" id="([^"]+)">([^<]*)</span></span>'
)


def marked(fragment: str | None) -> list[tuple[str, str]]:
    """(shown word, tooltip id) of each term marked in a fragment; every tooltip is its term's description."""
    found = []
    for match in TERM.finditer(fragment or ""):
        described, shown, tip_id, _ = match.groups()
        assert described == tip_id
        found.append((shown, tip_id))
    return found


def unmarked(fragment: str) -> str:
    """The fragment with each marked term back to its plain word."""
    return TERM.sub(lambda m: m.group(2), fragment)


def test_fragments_mark_the_first_use_of_each_term_with_ids_counted_across_fragments():
    mark = Glossary(TERMS).marker("qe-term-visit-")
    one = mark("<p>A s47 enquiry, then Section 47 again, and the core group.</p>")
    two = mark("<p>The core group meets.</p>")
    assert marked(one) == [("s47", "qe-term-visit-1"), ("core group", "qe-term-visit-2")]
    assert marked(two) == [("core group", "qe-term-visit-3")]  # the next block explains it again
    assert "Enquiries when harm is suspected." in one
    # Exactly the markup the extension gives pages, attribute order aside; pages' tips
    # also keep out of the search index, which does not read scenario and quiz text.
    page = render("A s47 enquiry.")
    assert sorted(re.findall(r'(\w[\w-]*)="', one.split("enquiry")[0])) == sorted(
        a for a in re.findall(r'(\w[\w-]*)="', page.split("enquiry")[0]) if a != "data-search-exclude"
    )
    assert 'data-search-exclude=""' in page


def test_terms_explained_on_the_same_screen_are_not_marked_again():
    mark = Glossary(TERMS).marker("p-")
    step: set[str] = set()
    mark("<p>Is this a child in need?</p>", step)
    assert step == {"child-in-need"}
    assert marked(mark("<p>CiN status and the core group.</p>", set(step))) == [("core group", "p-2")]


def test_fragments_without_a_new_term_come_back_unchanged():
    mark = Glossary(TERMS).marker("p-")
    for fragment in (
        None,
        "",
        "<p>Nothing to explain here.</p>",
        '<p><a href="https://example.org/s47">Section 47</a> and <code>CiN</code></p>',
        "<h3>Core group</h3>",
        '<p><abbr title="Child in need">CIN</abbr></p>',
    ):
        assert mark(fragment) is fragment


@pytest.mark.parametrize(
    "text",
    [
        "Plain text about the core group.",
        'A & B, x < y, >, "quoted", caf\xe9 and non\xa0breaking: core group',
        "Line one  \nthe core group",
        "- First: s47\n- **CiN** and *Section 47*",
        "[core group](https://example.org/?a=1&b=2) then core group",
        "> Quoted s47\n\n---\n\n    CiN\n\nCiN",
        "&lt;not a tag&gt; and the core group, <b>bold CiN</b>",
        "### Core group\n\ncore group <abbr title='x'>s47</abbr> s47",
    ],
)
def test_marking_keeps_the_rest_of_the_sanitised_markup_as_it_was(text):
    fragment = block(text)
    html_out = Glossary(TERMS).marker("p-")(fragment)
    assert marked(html_out), fragment
    # The serialiser writes a no-break space as the character, nh3 as &nbsp;: the same text.
    assert unmarked(html_out) == fragment.replace("&nbsp;", "\xa0")


def test_no_glossary_configured_means_none(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nmarkdown_extensions:\n  - toc\n", encoding="utf-8")
    (tmp_path / "glossary.yml").write_text(GLOSSARY_YML, encoding="utf-8")
    assert configured_glossary(config) is None  # a glossary file, but the extension is not configured
    config.write_text("site_name: X\n", encoding="utf-8")
    assert configured_glossary(config) is None
    assert configured_glossary(tmp_path / "missing.yml") is None


GLOSSARY_YML = "terms:\n  - term: Core group\n    definition: The people who carry out a plan.\n"


@pytest.mark.parametrize(
    "extensions, file",
    [
        ("  - toc\n  - quiz_engine.render.glossary:\n      file: words/terms.yml\n", "words/terms.yml"),
        ("  - quiz_engine.render.glossary\n", "glossary.yml"),
        ("  quiz_engine.render.glossary: {file: terms.yml}\n  toc: {}\n", "terms.yml"),
        ("  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
         "  - quiz_engine.render.glossary:\n      file: !ENV [GLOSSARY, glossary.yml]\n", "glossary.yml"),
    ],
)  # fmt: skip
def test_the_glossary_comes_from_the_extension_entry_of_mkdocs_yml(tmp_path, extensions, file):
    (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file).write_text(GLOSSARY_YML, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: X\nmarkdown_extensions:\n{extensions}", encoding="utf-8")
    glossary = configured_glossary(config)
    assert glossary is not None and [t.term for t in glossary.terms] == ["Core group"]
    (tmp_path / file).unlink()
    assert configured_glossary(config) is None  # configured, but no file: nothing to mark


def test_the_default_module_configures_the_shipped_glossary():
    glossary = configured_glossary(ROOT / "mkdocs.yml")
    assert glossary is not None and len(glossary.terms) == len(load_glossary(ROOT / "glossary.yml", "g", []))


# --- rendered scenarios and quizzes -----------------------------------------------------


def scenario() -> model.Scenario:
    node = model.Node(
        id="visit",
        title="Core group",  # a title is a heading: never marked
        text="The core group meets. Is this a child in need? The core group agrees.",
        choices=[
            model.Choice(text="Ask about the core group", goto="end", feedback="Right: the core group and s47."),
            model.Choice(text="Wait for the CiN review", goto="end", feedback="The CiN review: Section 47 can wait."),
        ],
    )
    end = model.Node(id="end", ending="good", text="Done.", debrief="The core group helped. A child in need.")
    return model.Scenario(
        id="visit",
        title="Core group visit",
        summary="About the core group.",
        content_note="Section 47 enquiries.",
        start="visit",
        nodes={"visit": node, "end": end},
    )


def quiz() -> model.Quiz:
    question = model.Question(
        id="q1",
        type="single",
        prompt="Who leads the core group?",
        explanation="The core group is led by the lead practitioner; see s47.",
        options=[
            model.Option(text="The core group", correct=True, feedback="Yes: the core group, not a CiN panel."),
            model.Option(text="Section 47", feedback="No: Section 47 is an enquiry."),
        ],
        items=["The core group"],
        pairs=[model.Pair(left="Core group", right="CiN")],
    )
    return model.Quiz(id="quiz-1", title="Core group quiz", intro="A quiz on the core group.", questions=[question])


def all_html(data: object) -> list[str]:
    if isinstance(data, dict):
        found = []
        for key, value in data.items():
            found += [value] if key.endswith("_html") and isinstance(value, str) else all_html(value)
        return found
    if isinstance(data, list):
        return [s for v in data for s in all_html(v)]
    return []


def test_scenario_text_blocks_are_marked_and_labels_are_not():
    glossary = Glossary(TERMS)
    plain, data = data_for(scenario()), data_for(scenario(), glossary)
    visit, end = data["nodes"]["visit"], data["nodes"]["end"]
    assert [w for w, _ in marked(visit["text_html"])] == ["core group", "child in need"]  # first use in the block
    assert [w for w, _ in marked(visit["choices"][0]["feedback_html"])] == ["s47"]  # the step explained the core group
    assert [w for w, _ in marked(visit["choices"][1]["feedback_html"])] == ["Section 47"]  # and not CiN
    # The ending's own text did not explain them.
    assert [w for w, _ in marked(end["debrief_html"])] == ["core group", "child in need"]
    assert [w for w, _ in marked(data["summary_html"])] == ["core group"]
    assert [w for w, _ in marked(data["content_note_html"])] == ["Section 47"]
    for choice in visit["choices"]:
        assert "qe-term" not in choice["text_html"]  # a radio button's label
    assert data["title"] == plain["title"] and visit["title"] == "Core group"
    # The glossary is presentation: saved progress keeps working when it changes.
    assert data["version"] == plain["version"]
    assert [unmarked(h) for h in all_html(data)] == all_html(plain)


def test_quiz_text_blocks_are_marked_and_labels_are_not():
    data = data_for(quiz(), Glossary(TERMS))
    question = data["questions"][0]
    assert [w for w, _ in marked(data["intro_html"])] == ["core group"]
    assert [w for w, _ in marked(question["explanation_html"])] == ["core group", "s47"]
    assert [w for w, _ in marked(question["options"][0]["feedback_html"])] == ["CiN"]  # shown with the explanation
    assert [w for w, _ in marked(question["options"][1]["feedback_html"])] == []
    pair = question["pairs"][0]
    labels = [question["prompt_html"], *question["items"], pair["left_html"], pair["right_html"]]
    labels += [o["text_html"] for o in question["options"]]
    assert not any("qe-term" in label for label in labels)
    assert data["version"] == data_for(quiz())["version"]


def test_ids_are_unique_in_an_item_and_beside_the_page_and_other_items():
    glossary = Glossary(TERMS)
    ids = []
    for item in (scenario(), quiz()):
        ids += [tip_id for fragment in all_html(data_for(item, glossary)) for _, tip_id in marked(fragment)]
    page = render("The core group and CiN.")
    ids += re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) > 10
    assert "qe-term-visit-1" in ids and "qe-term-quiz-1-1" in ids and "qe-term-1" in ids


def test_without_a_glossary_rendering_is_unchanged():
    assert data_for(scenario(), None) == data_for(scenario())
    assert "qe-term" not in json.dumps(data_for(scenario()))
    assert data_for(scenario(), Glossary([])) == data_for(scenario())


def test_when_paragraphs_are_rendered_with_their_compiled_conditions_and_terms(tmp_path):
    from tests.helpers import INVALID, check, make_project

    make_project(tmp_path, copy=(INVALID / "poor-path-to-good-ending/praise.yml",))
    (scenario,) = check(tmp_path).items
    terms = Glossary([Term("child", "A person under 18.")])
    data = data_for(scenario, terms)
    shared, waited = data["nodes"]["honest"]["when"]
    assert shared["if"] == {"var": "shared"} and shared["text_html"] == "<p>You shared the same day.</p>"
    assert waited["if"] == {"op": "not", "args": [{"var": "shared"}]}
    assert "qe-term" in data["nodes"]["honest"]["text_html"]  # "The child is safer." explains its term
    assert "when" not in data["nodes"]["praised"]  # only where used: other nodes' data, and versions, unchanged
