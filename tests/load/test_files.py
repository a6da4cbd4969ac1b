"""Load stage: YAML files -> model, with every problem of the file reported at its exact position."""

from __future__ import annotations

import pytest

from quiz_engine.load import model
from quiz_engine.load.diagnostics import Pos
from tests.helpers import (
    HOSTILE,
    INVALID,
    QUIZ_HEAD,
    SCENARIO_HEAD,
    VALID,
    check,
    check_files,
    check_fixtures,
    found,
    item,
    make_project,
    message,
)

# --- the two complete examples of the authoring format -------------------------------


def test_the_examples_of_the_format_check_without_diagnostics(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"))
    result = check(tmp_path)
    assert found(result) == []
    assert sorted(i.id for i in result.items) == ["escalation-basics", "visit-after-discharge"]


def test_the_example_scenario_loads_every_field(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    s = item(check(tmp_path), "visit-after-discharge")
    assert isinstance(s, model.Scenario)
    assert (s.title, s.role, s.duration, s.allow_back) == ("A home visit after discharge", "Health visitor", 10, True)
    assert s.summary == "A baby with complex health needs has just come home from hospital.\n"
    assert s.themes == ["resistant-families", "information-sharing"]
    assert s.variables == {"shared_with_gp": False, "concern": 0}
    assert list(s.dimensions) == ["timeliness", "sharing"]
    assert s.review.next_review.isoformat() == "2027-11-01" and s.review.owner == "Training team"
    assert [src.title for src in s.sources] == ["Working Together to Safeguard Children 2023"]
    assert list(s.nodes) == ["arrive", "drift", "doses", "ending-safe", "ending-harm"]
    arrive = s.nodes["arrive"]
    # In a flow mapping the comma would end the alt text; trainers mean one alt text.
    assert (arrive.image.src, arrive.image.alt) == ("images/flat.png", "A cold, cluttered kitchen")
    first, second, third = arrive.choices
    assert (first.goto, first.rating, first.score, first.add) == ("drift", "poor", {"timeliness": -1}, {"concern": 1})
    assert second.set == {"shared_with_gp": True}
    assert third.condition == "not shared_with_gp and concern >= 1"
    assert s.nodes["drift"].next == "ending-harm"
    assert s.nodes["ending-safe"].ending == "good"


def test_the_example_quiz_loads_every_question_type(tmp_path):
    make_project(tmp_path, copy=(VALID / "escalation-basics.yml",))
    q = item(check(tmp_path), "escalation-basics")
    assert isinstance(q, model.Quiz)
    assert (q.pass_mark, q.shuffle) == (80, True)
    assert [(x.id, x.type) for x in q.questions] == [
        ("immediate-risk", "single"),
        ("q2", "multiple"),
        ("q3", "true-false"),
        ("q4", "order"),
        ("q5", "match"),
    ]
    single, multiple, true_false, order, match = q.questions
    assert [o.correct for o in single.options] == [False, True]
    assert [o.correct for o in multiple.options] == [True, True, False]
    assert multiple.options[2].text == "Your view of the parents' character"
    assert true_false.answer is False
    assert order.items[0] == "Talk to the practitioner concerned" and len(order.items) == 4
    assert [(p.left, p.right) for p in match.pairs][1] == ("Statutory intervention needed", "Specialist")


# --- one or more fixtures per load-stage diagnostic code ---------------------------------

LOAD_CASES = {
    "yaml-syntax/colon-in-text.yml": [(2, 18, "yaml-syntax")],
    "yaml-syntax/tab-indent.yml": [(2, 1, "yaml-syntax")],
    "yaml-syntax/two-documents.yml": [(3, 1, "yaml-syntax")],
    "yaml-syntax/unclosed-bracket.yml": [(2, 8, "yaml-syntax")],  # where the '[' opens
    "duplicate-key/quiz-title.yml": [(3, 1, "duplicate-key")],
    "duplicate-key/node-and-choice.yml": [(5, 25, "duplicate-key"), (13, 9, "duplicate-key"), (17, 3, "duplicate-key")],
    "unknown-key/misspelt.yml": [(5, 1, "unknown-key"), (13, 9, "unknown-key"), (17, 5, "unknown-key")],
    "unknown-key/quiz-option.yml": [(6, 5, "unknown-key"), (8, 34, "unknown-key")],
    "missing-field/no-kind.yml": [(1, 1, "missing-field")],
    "missing-field/scenario.yml": [
        (1, 1, "missing-field"),  # start
        (2, 7, "missing-field"),  # title: (empty)
        (7, 5, "missing-field"),  # node text
        (8, 9, "missing-field"),  # choice goto
    ],
    "missing-field/quiz.yml": [(4, 5, "missing-field"), (8, 12, "missing-field"), (9, 5, "missing-field")],
    "wrong-type/yes-no-on-off.yml": [
        (3, 10, "wrong-type"),
        (7, 13, "wrong-type"),
        (10, 14, "wrong-type"),
        (12, 7, "no-correct-answer"),  # neither `correct: yes` nor `correct: "true"` counts
        (12, 28, "wrong-type"),
        (13, 28, "wrong-type"),
    ],
    "wrong-type/scenario.yml": [
        (5, 11, "wrong-type"),  # duration: ten
        (6, 13, "wrong-type"),  # allow_back: yes
        (7, 9, "wrong-type"),  # themes: not a list
        (9, 12, "wrong-type"),  # variable: maybe
        (14, 11, "wrong-type"),  # text: a list
        (18, 15, "wrong-type"),  # add on a boolean
        (19, 15, "wrong-type"),  # set a boolean to a number
        (20, 6, "wrong-type"),  # a node that is a single value
    ],
    "bad-value/scenario.yml": [
        (2, 5, "bad-value"),  # id
        (6, 11, "bad-value"),  # duration 0
        (8, 18, "bad-value"),  # 2026-02-30
        (9, 16, "bad-value"),  # next year
        (17, 17, "bad-value"),  # rating
        (20, 13, "bad-value"),  # ending
    ],
    "bad-value/quiz.yml": [(3, 12, "bad-value"), (5, 9, "bad-value"), (6, 11, "bad-value"), (10, 12, "bad-value")],
    "bad-value/kind.yml": [(1, 7, "bad-value")],
    "duplicate-id/questions.yml": [(8, 5, "duplicate-id")],
}


@pytest.mark.parametrize("case", sorted(LOAD_CASES))
def test_load_stage_fixture_reports_exactly(tmp_path, case):
    source = INVALID / case
    expected = [(f"scenarios/{source.name}", line, col, code) for line, col, code in LOAD_CASES[case]]
    assert check_fixtures(tmp_path, source) == expected


def test_every_code_of_the_table_has_a_fixture():
    codes = {path.relative_to(INVALID).parts[0] for path in INVALID.rglob("*.yml")}
    assert codes >= {
        "yaml-syntax", "duplicate-key", "unknown-key", "missing-field", "wrong-type", "bad-value", "duplicate-id",
        "missing-start", "dangling-goto", "node-shape", "unreachable-node", "no-way-out", "all-choices-hidden",
        "unknown-variable", "unknown-dimension", "bad-condition", "no-correct-answer", "too-many-correct",
        "missing-alt", "missing-file", "review-overdue", "poor-path-to-good-ending", "duration-understated",
    }  # fmt: skip


def test_messages_explain_the_problem(tmp_path):
    make_project(tmp_path, copy=(INVALID / "yaml-syntax/two-documents.yml",))
    assert "more than one YAML document" in message(check(tmp_path), "yaml-syntax")
    make_project(tmp_path, copy=(INVALID / "duplicate-key/quiz-title.yml",))
    assert "'title' appears twice in the quiz (first on line 2)" in message(check(tmp_path), "duplicate-key")


# --- text stays text; only true / false are booleans ---------------------------------------


def test_text_fields_stay_text(tmp_path):
    make_project(
        tmp_path,
        {
            "scenarios/words.yml": """
                kind: scenario
                title: true
                role: No
                summary: 1989
                start: a
                nodes:
                  a:
                    title: off
                    text: No
                    choices:
                      - text: yes
                        goto: b
                        feedback: 3.5
                  b:
                    text: 1989
                    ending: good
                    debrief: null
            """,
            "scenarios/quiz-words.yml": """
                kind: quiz
                title: on
                intro: ~
                questions:
                  - type: single
                    prompt: yes
                    explanation: 0x10
                    options:
                      - {text: No, correct: true}
                      - {text: 1989, feedback: false}
                  - type: order
                    prompt: 12:30
                    items: [yes, no, 1e3]
                  - type: match
                    prompt: Y
                    pairs:
                      - {left: on, right: off}
                      - {left: 007, right: .inf}
            """,
        },
    )
    result = check(tmp_path)
    assert found(result) == []
    s = item(result, "words")
    assert (s.title, s.role, s.summary) == ("true", "No", "1989")
    assert (s.nodes["a"].title, s.nodes["a"].text, s.nodes["b"].text) == ("off", "No", "1989")
    assert (s.nodes["a"].choices[0].text, s.nodes["a"].choices[0].feedback) == ("yes", "3.5")
    assert s.nodes["b"].debrief == "null"
    q = item(result, "quiz-words")
    assert (q.title, q.intro) == ("on", "~")
    single, order, match = q.questions
    assert (single.prompt, single.explanation) == ("yes", "0x10")
    assert [(o.text, o.feedback) for o in single.options] == [("No", None), ("1989", "false")]
    assert (order.prompt, order.items) == ("12:30", ["yes", "no", "1e3"])
    assert [(p.left, p.right) for p in match.pairs] == [("on", "off"), ("007", ".inf")]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "True", "FALSE", "1", "0", "'true'", '"false"'])
def test_only_true_and_false_are_booleans(tmp_path, word):
    files = {
        "scenarios/s.yml": SCENARIO_HEAD
        + f"allow_back: {word}\nstart: a\nnodes:\n  a:\n    text: A\n    ending: good\n"
    }
    assert check_files(tmp_path, files) == [("scenarios/s.yml", 5, 13, "wrong-type")]


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False)])
def test_true_and_false_are_read(tmp_path, word, value):
    make_project(
        tmp_path,
        {
            "scenarios/s.yml": SCENARIO_HEAD
            + f"allow_back: {word}\nstart: a\nnodes:\n  a:\n    text: A\n    ending: good\n"
        },
    )
    result = check(tmp_path)
    assert found(result) == []
    assert item(result, "s").allow_back is value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10", []),
        ("+10", []),
        ("10.0", [(5, 11, "wrong-type")]),
        ("1_000", [(5, 11, "wrong-type")]),
        ("0x10", [(5, 11, "wrong-type")]),
        ('"10"', [(5, 11, "wrong-type")]),
        ("0", [(5, 11, "bad-value")]),
        ("601", [(5, 11, "bad-value")]),
        ("9" * 40, [(5, 11, "bad-value")]),
    ],
)
def test_whole_numbers(tmp_path, value, expected):
    files = {
        "scenarios/s.yml": SCENARIO_HEAD + f"duration: {value}\nstart: a\nnodes:\n  a:\n    text: A\n    ending: good\n"
    }
    assert check_files(tmp_path, files) == [("scenarios/s.yml", *e) for e in expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-01-31", []), ("2027-1-31", [(4, 16, "bad-value")]), ("2027-02-29", [(4, 16, "bad-value")])],
)
def test_dates(tmp_path, value, expected):
    files = {
        "scenarios/q.yml": QUIZ_HEAD
        + f"review:\n  next_review: {value}\nquestions:\n  - {{type: true-false, prompt: P, answer: true}}\n"
    }
    assert check_files(tmp_path, files) == [("scenarios/q.yml", *e) for e in expected]


def test_a_comma_in_a_flow_mapping_stays_in_the_text(tmp_path):
    make_project(
        tmp_path,
        {
            "scenarios/q.yml": QUIZ_HEAD
            + "questions:\n"
            + "  - type: single\n"
            + "    prompt: P\n"
            + "    options:\n"
            + "      - {text: Yes, but only after the visit, correct: true}\n"
            + '      - {text: No, feedback: "Quoted", never}\n'
        },
    )
    result = check(tmp_path)
    # After a quoted value a bare word is not joined: it stays an unknown key.
    assert found(result) == [("scenarios/q.yml", 8, 40, "unknown-key")]
    assert item(result, "q").questions[0].options[0].text == "Yes, but only after the visit"


# --- many mistakes at once ---------------------------------------------------------------------


def test_a_file_with_several_mistakes_reports_all_of_them_sorted(tmp_path):
    assert check_fixtures(tmp_path, INVALID / "mixed/several-mistakes.yml") == [
        ("scenarios/several-mistakes.yml", 5, 13, "wrong-type"),
        ("scenarios/several-mistakes.yml", 12, 15, "dangling-goto"),
        ("scenarios/several-mistakes.yml", 13, 9, "unknown-key"),
        ("scenarios/several-mistakes.yml", 14, 3, "unreachable-node"),
        ("scenarios/several-mistakes.yml", 16, 13, "bad-value"),
    ]


def test_files_are_reported_in_path_order(tmp_path):
    assert check_files(
        tmp_path,
        {
            "scenarios/b.yml": QUIZ_HEAD + "shuffle: yes\nquestions: []\n",
            "scenarios/a.yml": "kind: quiz\n",
        },
    ) == [
        ("scenarios/a.yml", 1, 1, "missing-field"),  # questions
        ("scenarios/a.yml", 1, 1, "missing-field"),  # title
        ("scenarios/b.yml", 3, 10, "wrong-type"),
        ("scenarios/b.yml", 4, 12, "bad-value"),  # an empty list of questions
    ]


def test_a_duplicate_key_is_reported_once(tmp_path):
    # The file's mapping is read twice (for `kind`, then as a quiz); the problem must appear once.
    result_found = check_files(
        tmp_path,
        {"scenarios/q.yml": QUIZ_HEAD + "title: Again\nquestions: [{type: true-false, prompt: P, answer: true}]\n"},
    )
    assert result_found == [("scenarios/q.yml", 3, 1, "duplicate-key")]


def test_did_you_mean_for_a_misspelt_key(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unknown-key/quiz-option.yml",))
    result = check(tmp_path)
    messages = [d.message for d in result.diagnostics]
    assert messages == [
        "question 1 has an unknown key 'answer'. Allowed keys: id, type, prompt, explanation, theme, points, shuffle, options.",
        "an option has an unknown key 'feedbak'. Did you mean 'feedback'?",
    ]


# --- ids -------------------------------------------------------------------------------------


def test_the_id_defaults_to_the_file_name(tmp_path):
    make_project(
        tmp_path,
        {"scenarios/sub/safe-sleep.yaml": QUIZ_HEAD + "questions: [{type: true-false, prompt: P, answer: true}]\n"},
    )
    result = check(tmp_path)
    assert found(result) == []
    assert [i.id for i in result.items] == ["safe-sleep"]


def test_a_file_name_that_is_not_a_slug_needs_an_id(tmp_path):
    assert check_files(
        tmp_path, {"scenarios/Safe Sleep.yml": QUIZ_HEAD + "questions: [{type: true-false, prompt: P, answer: true}]\n"}
    ) == [("scenarios/Safe Sleep.yml", 1, 1, "bad-value")]


def test_question_ids_default_to_their_number_and_must_be_unique(tmp_path):
    make_project(tmp_path, copy=(INVALID / "duplicate-id/questions.yml",))
    result = check(tmp_path)
    assert [q.id for q in item(result, "questions").questions] == ["q2", "q2"]
    assert "question id 'q2' is used twice in this quiz (first on line 4)" in message(result, "duplicate-id")


# --- hostile files: one clear diagnostic each, never an exception --------------------------------


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_give_one_diagnostic_not_an_exception(tmp_path, name):
    content, expected = HOSTILE[name]
    assert check_files(tmp_path, {"scenarios/x.yml": content}) == [("scenarios/x.yml", *e) for e in expected]


@pytest.mark.parametrize("encode", [lambda t: t.encode("utf-8-sig"), lambda t: t.replace("\n", "\r\n").encode()])
def test_a_byte_order_mark_and_windows_line_endings_are_fine(tmp_path, encode):
    text = QUIZ_HEAD + "questions:\n  - type: true-false\n    prompt: P\n    answer: yes\n"
    assert check_files(tmp_path, {"scenarios/q.yml": encode(text)}) == [("scenarios/q.yml", 6, 13, "wrong-type")]


def test_source_links_are_web_addresses(tmp_path):
    sources = (
        "sources:\n"
        "  - {title: Guidance, url: 'https://www.gov.uk/guidance'}\n"
        "  - {title: Local page, url: ../help/further-resources/}\n"
        "  - {title: Email, url: 'mailto:training@example.org'}\n"
        "  - {title: Trap, url: 'javascript:alert(1)'}\n"
        "  - {title: Data, url: 'DATA:text/html,x'}\n"
        '  - {title: Tab, url: "java\\tscript:alert(1)"}\n'  # a browser drops the tab
        '  - {title: Spaces, url: " \\x01javascript:alert(1)"}\n'
        '  - {title: Tab first, url: "\\t javascript:alert(1)"}\n'
    )
    make_project(
        tmp_path,
        {"scenarios/q.yml": QUIZ_HEAD + sources + "questions: [{type: true-false, prompt: P, answer: true}]\n"},
    )
    result = check(tmp_path)
    assert found(result) == [
        ("scenarios/q.yml", line, col, "bad-value") for line, col in ((7, 24), (8, 24), (9, 23), (10, 26), (11, 29))
    ]
    assert [s.url for s in item(result, "q").sources] == [
        "https://www.gov.uk/guidance",
        "../help/further-resources/",
        "mailto:training@example.org",
        None,
        None,
        None,
        None,
        None,
    ]


def test_upper_case_suffixes_are_found(tmp_path):
    make_project(
        tmp_path, {"scenarios/safe-sleep.YML": QUIZ_HEAD + "questions: [{type: true-false, prompt: P, answer: true}]\n"}
    )
    assert [i.id for i in check(tmp_path).items] == ["safe-sleep"]


def test_empty_required_values_are_reported(tmp_path):
    text = (
        QUIZ_HEAD
        + "sources:\n"
        + "  - title:\n"
        + "questions:\n"
        + "  - type:\n"
        + "    prompt: P\n"
        + "  - type: single\n"
        + "    prompt: P\n"
        + "    options:\n"
        + "      - text:\n"
        + "        correct: true\n"
    )
    assert check_files(tmp_path, {"scenarios/q.yml": text}) == [
        ("scenarios/q.yml", 4, 11, "missing-field"),
        ("scenarios/q.yml", 6, 10, "missing-field"),
        ("scenarios/q.yml", 11, 14, "missing-field"),
    ]


def test_role_and_summary_are_optional(tmp_path):
    minimal = "kind: scenario\ntitle: T\nstart: a\nnodes:\n  a:\n    text: A\n    ending: good\n"
    assert check_files(tmp_path, {"scenarios/s.yml": minimal}) == []


def test_a_boolean_written_without_a_value_is_an_error(tmp_path):
    quiz = "kind: quiz\ntitle: Q\nquestions:\n  - type: single\n    prompt: P\n    options:\n      - {text: A, correct}\n      - {text: B, correct: true}\n"
    assert check_files(tmp_path, {"scenarios/q.yml": quiz}) == [("scenarios/q.yml", 7, 19, "wrong-type")]


@pytest.mark.parametrize("value", ["[concern > 1]", "{concern: 1}"])
def test_a_condition_that_is_not_text_is_reported_not_raised(tmp_path, value):
    # Reading the quote style of a list or mapping raised AttributeError (a traceback) before.
    body = (
        f"start: a\nnodes:\n  a:\n    text: A\n    choices:\n      - text: Go\n        goto: b\n        if: {value}\n"
    )
    assert check_files(
        tmp_path, {"scenarios/s.yml": SCENARIO_HEAD + body + "  b:\n    text: B\n    ending: good\n"}
    ) == [("scenarios/s.yml", 12, 13, "wrong-type")]


WHEN = """\
kind: scenario
title: T
variables: {shared: false}
start: a
nodes:
  a:
    text: A
    next: end
  end:
    ending: mixed
    text: E
    when:
      - if: shared
        text: You shared.
      - {if: "not shared", text: You did not share.}
"""


def test_when_paragraphs_load_with_their_positions(tmp_path):
    make_project(tmp_path, {"scenarios/when.yml": WHEN})
    result = check(tmp_path)
    assert result.diagnostics == []
    (scenario,) = result.items
    first, second = scenario.nodes["end"].when
    assert (first.condition, first.text, first.where("if")) == ("shared", "You shared.", Pos(13, 13))
    assert (second.condition, second.where("if")) == ("not shared", Pos(15, 15))  # inside the quotes
