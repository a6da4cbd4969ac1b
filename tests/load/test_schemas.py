"""The JSON schemas (what editors check as trainers type) agree with the loader (what `make check` checks).

Each file is read twice: by the project's loader and checks, and as an editor reads it (YAML 1.2 core,
then the schema chosen by `kind`). For the structural problems (unknown-key, missing-field, wrong-type,
bad-value, node-shape), both must reject; for valid files, both must accept.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from quiz_engine import Project, check_project
from quiz_engine.load import format as loading
from quiz_engine.load.diagnostics import Diagnostic
from tests.schema_helpers import KINDS, load_yaml12, schema, schema_errors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TODAY = datetime.date(2026, 11, 29)
STRUCTURAL = ("unknown-key", "missing-field", "wrong-type", "bad-value", "node-shape")
TEXT = ["string", "number", "boolean"]


def loader_diagnostics(root: Path, text: str | None = None, copy: Path | None = None) -> list[Diagnostic]:
    """Check one file in a throwaway project (with images/flat.png beside it), as `make check` would."""
    (root / "scenarios" / "images").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (root / "scenarios" / "images" / "flat.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    if copy is not None:
        shutil.copy(copy, root / "scenarios" / copy.name)
    else:
        (root / "scenarios" / "file.yml").write_text(text or "", encoding="utf-8")
    return check_project(Project.at(root / "mkdocs.yml"), today=TODAY).diagnostics


def loader_errors(root: Path, text: str | None = None, copy: Path | None = None) -> list[str]:
    return [d.format() for d in loader_diagnostics(root, text, copy) if d.severity == "error"]


# --- the schemas themselves ---------------------------------------------------------


def walk(node: dict, path: str = "#"):
    """Every schema of a field or list item, reached through properties, items and additionalProperties."""
    yield path, node
    for name, sub in node.get("properties", {}).items():
        yield from walk(sub, f"{path}/properties/{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from walk(node[key], f"{path}/{key}")


def objects(kind: str) -> dict[str, dict]:
    """The object schemas with fixed keys, by title (Scenario, Node, Choice, ...)."""
    return {s["title"]: s for _, s in walk(schema(kind)) if "properties" in s}


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_valid_draft_07(kind):
    assert schema(kind)["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_description_for_trainers(kind):
    missing = [path for path, s in walk(schema(kind)) if len(s.get("description", "")) < 15]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_refuses_unknown_keys(kind):
    for path, s in walk(schema(kind)):
        if s.get("type") == "object":
            assert "additionalProperties" in s, path
            if "properties" in s:
                assert s["additionalProperties"] is False, path
            else:  # a map of names chosen by the trainer (variables, score, nodes, ...)
                assert isinstance(s["additionalProperties"], dict), path


def test_the_keys_of_each_object_are_the_loaders():
    scenario, quiz = objects("scenario"), objects("quiz")
    assert tuple(scenario["Scenario"]["properties"]) == loading.SCENARIO_KEYS
    assert tuple(scenario["Node"]["properties"]) == loading.NODE_KEYS
    assert tuple(scenario["Choice"]["properties"]) == loading.CHOICE_KEYS
    assert tuple(scenario["Image"]["properties"]) == ("src", "alt")
    assert tuple(quiz["Quiz"]["properties"]) == loading.QUIZ_KEYS
    assert set(quiz["Question"]["properties"]) == set(loading.ALL_QUESTION_KEYS)
    assert tuple(quiz["Option"]["properties"]) == ("text", "correct", "feedback")
    assert tuple(quiz["Pair"]["properties"]) == ("left", "right")
    for both in ("Review", "Source"):
        assert scenario[both] == quiz[both]
    assert tuple(scenario["Review"]["properties"]) == ("last_reviewed", "next_review", "owner")
    assert tuple(scenario["Source"]["properties"]) == ("title", "url")


def test_the_enums_are_the_loaders():
    scenario, quiz = objects("scenario"), objects("quiz")
    assert tuple(scenario["Choice"]["properties"]["rating"]["enum"]) == loading.RATINGS
    assert tuple(scenario["Node"]["properties"]["ending"]["enum"]) == loading.ENDINGS
    assert tuple(quiz["Question"]["properties"]["type"]["enum"]) == tuple(loading.QUESTION_KEYS)


def test_each_question_type_allows_only_its_own_keys():
    question = objects("quiz")["Question"]
    specific = {"options", "answer", "items", "pairs"}
    for qtype, keys in loading.QUESTION_KEYS.items():
        rules = [r for r in question["allOf"] if qtype in r["if"]["properties"]["type"].get("enum", [])]
        rules += [r for r in question["allOf"] if r["if"]["properties"]["type"].get("const") == qtype]
        (rule,) = rules
        (needed,) = rule["then"]["required"]
        assert needed in keys
        assert set(rule["then"]["properties"]) == specific - {needed}
        assert set(keys) - specific == set(loading.QUESTION_COMMON)


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_fields_accept_any_scalar(kind):
    markdown = {"text", "summary", "intro", "prompt", "feedback", "explanation", "debrief", "content_note"}
    seen = set()
    for path, s in walk(schema(kind)):
        name = path.rsplit("/", 1)[-1]
        if name in markdown and path.rsplit("/", 2)[-2] == "properties":
            assert s["type"] == TEXT, path
            seen.add(name)
    assert seen


# --- the fixtures: the same verdict from the loader and from the schema ----------------


VALID_FIXTURES = sorted((FIXTURES / "valid").glob("*.yml"))
INVALID_FIXTURES = [path for code in STRUCTURAL for path in sorted((FIXTURES / "invalid" / code).glob("*.yml"))]


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=_id)
def test_valid_fixtures_are_accepted_by_both(tmp_path, path):
    assert loader_errors(tmp_path, copy=path) == []
    assert schema_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", INVALID_FIXTURES, ids=_id)
def test_invalid_fixtures_are_rejected_by_both(tmp_path, path):
    code = path.parent.name
    assert any(d.code == code for d in loader_diagnostics(tmp_path, copy=path))
    assert schema_errors(path.read_text(encoding="utf-8")) != []


def test_there_are_fixtures_of_each_structural_kind():
    assert VALID_FIXTURES, "no valid fixtures"
    assert {p.parent.name for p in INVALID_FIXTURES} == set(STRUCTURAL)


SHIPPED = sorted(SCENARIOS.glob("*.yml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_the_loader_accepts_are_accepted_by_the_schema(tmp_path, path):
    if loader_errors(tmp_path, copy=path):
        pytest.skip(f"{path.name} has errors for `make check` (being edited?)")
    assert schema_errors(path.read_text(encoding="utf-8")) == []


# --- inline cases: one change at a time to a complete valid file -------------------------

BASE = {
    "scenario": """\
# yaml-language-server: $schema=../schemas/scenario.schema.json
kind: scenario
id: base-scenario
title: A visit
role: Health visitor
summary: A baby has come home.
duration: 10
themes: [information-sharing, neglect]
content_note: Describes neglect.
allow_back: true
review:
  last_reviewed: 2026-11-01
  next_review: 2027-11-01
  owner: Training team
sources:
  - title: Working Together
    url: https://www.gov.uk/
variables:
  shared: false
  concern: 0
dimensions:
  timeliness: Acting in time
start: arrive
nodes:
  arrive:
    title: Arriving
    text: The flat is cold.
    image:
      src: images/flat.png
      alt: A cold kitchen
    reflect: What would you write?
    choices:
      - text: Accept it
        goto: drift
        rating: poor
        feedback: Optimism without evidence.
        score: {timeliness: -1}
        add: {concern: 1}
      - text: Check the doses
        goto: doses
        rating: best
        set: {shared: true}
      - text: Ring the GP
        goto: doses
        if: not shared and concern >= 1
  drift:
    text: Three weeks pass.
    next: harm
  doses:
    text: The doses are wrong.
    choices:
      - text: Tell the social worker
        goto: safe
        rating: acceptable
  safe:
    ending: good
    text: Safer.
    debrief: Sharing early helped.
  harm:
    ending: poor
    text: Admitted to hospital.
""",
    "quiz": """\
# yaml-language-server: $schema=../schemas/quiz.schema.json
kind: quiz
id: base-quiz
title: Basics
intro: Some questions.
pass_mark: 80
shuffle: true
duration: 5
themes: [escalation]
review: {last_reviewed: 2026-11-01, next_review: 2027-11-01, owner: Training team}
sources:
  - {title: Protocol, url: https://example.org/protocol}
questions:
  - id: first
    type: single
    prompt: What now?
    theme: escalation
    points: 2
    shuffle: false
    options:
      - text: Wait
        feedback: Waiting delays protection.
      - text: Act now
        correct: true
    explanation: Because the risk is immediate.
  - type: multiple
    prompt: Which belong?
    options:
      - {text: Impact, correct: true}
      - {text: Request, correct: true}
      - {text: Opinion}
  - type: true-false
    prompt: Is it true?
    answer: false
  - type: order
    prompt: Put these in order.
    items: [One, Two, Three]
  - type: match
    prompt: Match them.
    pairs:
      - {left: L1, right: R1}
      - {left: L2, right: R2}
""",
}

# (name, kind, text to replace, replacement, the loader's code)
INVALID_CASES = [
    # unknown-key
    ("top-level", "scenario", "duration: 10\n", "duraton: 10\n", "unknown-key"),
    ("node", "scenario", "    reflect: What", "    reflekt: What", "unknown-key"),
    ("choice", "scenario", "        rating: poor\n", "        rateing: poor\n", "unknown-key"),
    ("image", "scenario", "      alt: A cold kitchen\n", "      alt: A cold kitchen\n      caption: x\n", "unknown-key"),
    ("review", "scenario", "  owner: Training team\n", "  reviewer: Training team\n", "unknown-key"),
    ("source", "scenario", "    url: https://www.gov.uk/\n", "    link: https://www.gov.uk/\n", "unknown-key"),
    ("misspelt-key-without-value", "scenario", "    debrief: Sharing", "    debreif:\n    debrief: Sharing", "unknown-key"),
    ("quiz-top-level", "quiz", "pass_mark: 80\n", "passmark: 80\n", "unknown-key"),
    ("answer-on-single", "quiz", "    shuffle: false\n", "    shuffle: false\n    answer: true\n", "unknown-key"),
    ("options-on-true-false", "quiz", "    answer: false\n", "    answer: false\n    options: [{text: A}]\n", "unknown-key"),
    ("items-on-match", "quiz", "    prompt: Match them.\n", "    prompt: Match them.\n    items: [A, B]\n", "unknown-key"),
    ("option", "quiz", "{text: Opinion}", "{text: Opinion, feedbak: No}", "unknown-key"),
    ("pair", "quiz", "{left: L1, right: R1}", "{left: L1, middle: M, right: R1}", "unknown-key"),
    # missing-field
    ("no-kind", "scenario", "kind: scenario\n", "", "missing-field"),
    ("no-title", "scenario", "title: A visit\n", "", "missing-field"),
    ("empty-title", "scenario", "title: A visit\n", "title:\n", "missing-field"),
    ("no-start", "scenario", "start: arrive\n", "", "missing-field"),
    ("node-without-text", "scenario", "    text: Three weeks pass.\n", "", "missing-field"),
    ("choice-without-goto", "scenario", "        goto: safe\n", "", "missing-field"),
    ("choice-without-text", "scenario", "      - text: Tell the social worker\n        goto: safe", "      - goto: safe", "missing-field"),
    ("image-without-src", "scenario", "      src: images/flat.png\n", "", "missing-field"),
    ("source-without-title", "scenario", "  - title: Working Together\n    url:", "  - url:", "missing-field"),
    ("empty-next", "scenario", "    next: harm\n", "    next:\n", "missing-field"),
    ("quiz-no-title", "quiz", "title: Basics\n", "", "missing-field"),
    ("no-questions", "quiz", "questions:\n", "questionz:\n", "missing-field"),
    ("no-prompt", "quiz", "    prompt: Is it true?\n", "", "missing-field"),
    ("no-type", "quiz", "  - type: multiple\n    prompt", "  - prompt", "missing-field"),
    ("no-answer", "quiz", "    answer: false\n", "", "missing-field"),
    ("empty-answer", "quiz", "    answer: false\n", "    answer:\n", "missing-field"),
    ("no-items", "quiz", "    items: [One, Two, Three]\n", "", "missing-field"),
    ("no-pairs", "quiz", "    pairs:\n      - {left: L1, right: R1}\n      - {left: L2, right: R2}\n", "", "missing-field"),
    ("no-options", "quiz", "      - {text: Impact, correct: true}\n      - {text: Request, correct: true}\n      - {text: Opinion}\n", "", "missing-field"),
    ("option-without-text", "quiz", "{text: Opinion}", "{correct: false}", "missing-field"),
    ("pair-without-right", "quiz", "{left: L2, right: R2}", "{left: L2}", "missing-field"),
    # wrong-type
    ("duration-word", "scenario", "duration: 10\n", "duration: ten\n", "wrong-type"),
    ("duration-quoted", "scenario", "duration: 10\n", 'duration: "10"\n', "wrong-type"),
    ("duration-decimal", "scenario", "duration: 10\n", "duration: 10.5\n", "wrong-type"),
    ("allow-back-yes", "scenario", "allow_back: true\n", "allow_back: yes\n", "wrong-type"),
    ("allow-back-quoted", "scenario", "allow_back: true\n", 'allow_back: "true"\n', "wrong-type"),
    ("themes-not-a-list", "scenario", "themes: [information-sharing, neglect]\n", "themes: neglect\n", "wrong-type"),
    ("variable-maybe", "scenario", "  concern: 0\n", "  concern: maybe\n", "wrong-type"),
    ("variable-list", "scenario", "  concern: 0\n", "  concern: [0]\n", "wrong-type"),
    ("node-is-text", "scenario", "  harm:\n    ending: poor\n    text: Admitted to hospital.\n", "  harm: The end\n", "wrong-type"),
    ("choices-mapping", "scenario", "      - text: Tell the social worker\n        goto: safe\n        rating: acceptable\n", "      text: Tell the social worker\n", "wrong-type"),
    ("choice-is-text", "scenario", "      - text: Tell the social worker\n        goto: safe\n        rating: acceptable\n", "      - Tell the social worker\n", "wrong-type"),
    ("text-list", "scenario", "    text: Three weeks pass.\n", "    text: [Three, weeks]\n", "wrong-type"),
    ("score-word", "scenario", "{timeliness: -1}", "{timeliness: minus one}", "wrong-type"),
    ("set-word", "scenario", "{shared: true}", "{shared: yes}", "wrong-type"),
    ("review-list", "scenario", "review:\n  last_reviewed: 2026-11-01\n  next_review: 2027-11-01\n  owner: Training team\n", "review: [2026-11-01]\n", "wrong-type"),
    ("sources-mapping", "scenario", "  - title: Working Together\n    url:", "  title: Working Together\n  url:", "wrong-type"),
    ("quiz-shuffle-on", "quiz", "shuffle: true\n", "shuffle: on\n", "wrong-type"),
    ("answer-no", "quiz", "    answer: false\n", "    answer: no\n", "wrong-type"),
    ("correct-yes", "quiz", "{text: Impact, correct: true}", "{text: Impact, correct: yes}", "wrong-type"),
    ("correct-quoted", "quiz", "{text: Impact, correct: true}", '{text: Impact, correct: "true"}', "wrong-type"),
    ("points-word", "quiz", "    points: 2\n", "    points: two\n", "wrong-type"),
    ("pass-mark-quoted", "quiz", "pass_mark: 80\n", 'pass_mark: "80"\n', "wrong-type"),
    ("items-mapping", "quiz", "    items: [One, Two, Three]\n", "    items: {One: 1, Two: 2}\n", "wrong-type"),
    ("question-is-text", "quiz", "  - type: true-false\n    prompt: Is it true?\n    answer: false\n", "  - Is it true?\n", "wrong-type"),
    # bad-value
    ("kind", "scenario", "kind: scenario\n", "kind: lesson\n", "bad-value"),
    ("id", "scenario", "id: base-scenario\n", "id: Base_Scenario\n", "bad-value"),
    ("duration-zero", "scenario", "duration: 10\n", "duration: 0\n", "bad-value"),
    ("duration-too-long", "scenario", "duration: 10\n", "duration: 601\n", "bad-value"),
    ("theme", "scenario", "[information-sharing, neglect]", "[Information Sharing, neglect]", "bad-value"),
    ("rating", "scenario", "        rating: poor\n", "        rating: great\n", "bad-value"),
    ("ending", "scenario", "    ending: good\n", "    ending: happy\n", "bad-value"),
    ("date-words", "scenario", "  next_review: 2027-11-01\n", "  next_review: next year\n", "bad-value"),
    ("date-not-real", "scenario", "  last_reviewed: 2026-11-01\n", "  last_reviewed: 2026-02-30\n", "bad-value"),
    ("date-order", "scenario", "  last_reviewed: 2026-11-01\n", "  last_reviewed: 01/11/2026\n", "bad-value"),
    ("variable-name", "scenario", "  shared: false\n", "  shared with gp: false\n", "bad-value"),
    ("variable-reserved", "scenario", "  shared: false\n", "  shared: false\n  and: false\n", "bad-value"),
    ("dimension-name", "scenario", "  timeliness: Acting in time\n", "  timeliness: Acting in time\n  not: Negation\n", "bad-value"),
    ("url-scheme", "scenario", "    url: https://www.gov.uk/\n", "    url: javascript:alert(1)\n", "bad-value"),
    ("no-choices", "scenario", "      - text: Tell the social worker\n        goto: safe\n        rating: acceptable\n", "      []\n", "bad-value"),
    ("image-outside", "scenario", "      src: images/flat.png\n", "      src: ../images/flat.png\n", "bad-value"),
    ("image-absolute", "scenario", "      src: images/flat.png\n", "      src: /images/flat.png\n", "bad-value"),
    ("quiz-kind", "quiz", "kind: quiz\n", "kind: test\n", "bad-value"),
    ("pass-mark", "quiz", "pass_mark: 80\n", "pass_mark: 120\n", "bad-value"),
    ("pass-mark-negative", "quiz", "pass_mark: 80\n", "pass_mark: -1\n", "bad-value"),
    ("points", "quiz", "    points: 2\n", "    points: 101\n", "bad-value"),
    ("type", "quiz", "  - type: multiple\n", "  - type: multi\n", "bad-value"),
    ("question-id", "quiz", "  - id: first\n", "  - id: First Question\n", "bad-value"),
    ("one-item", "quiz", "[One, Two, Three]", "[One]", "bad-value"),
    ("one-pair", "quiz", "      - {left: L2, right: R2}\n", "", "bad-value"),
    # node-shape
    ("none", "scenario", "    next: harm\n", "", "node-shape"),
    ("choices-and-next", "scenario", "        rating: acceptable\n", "        rating: acceptable\n    next: harm\n", "node-shape"),
    ("next-and-ending", "scenario", "    next: harm\n", "    next: harm\n    ending: mixed\n", "node-shape"),
    ("ending-and-choices", "scenario", "    debrief: Sharing early helped.\n", "    debrief: Sharing early helped.\n    choices:\n      - {text: Again, goto: arrive}\n", "node-shape"),
]  # fmt: skip

# Whole files, for mistakes that change the shape of the file.
WHOLE_FILE_CASES = [
    ("no-nodes", "kind: scenario\ntitle: T\nrole: R\nsummary: S\nstart: a\nnodes: {}\n", "bad-value"),
    ("nodes-list", "kind: scenario\ntitle: T\nrole: R\nsummary: S\nstart: a\nnodes: [a, b]\n", "wrong-type"),
    ("no-questions", "kind: quiz\ntitle: Q\nquestions: []\n", "bad-value"),
    ("questions-mapping", "kind: quiz\ntitle: Q\nquestions:\n  first: {type: true-false, prompt: P, answer: true}\n", "wrong-type"),
    ("no-kind", "title: Q\nquestions: [{type: true-false, prompt: P, answer: true}]\n", "missing-field"),
    ("top-level-text", "just some words\n", "wrong-type"),
    ("top-level-list", "- kind: quiz\n- title: Q\n", "wrong-type"),
]  # fmt: skip


# Changes the loader accepts: the schema must accept them too.
VALID_CASES = [
    ("text-no", "scenario", "    text: Three weeks pass.\n", "    text: No\n"),
    ("text-number", "scenario", "    text: Three weeks pass.\n", "    text: 1989\n"),
    ("text-true", "scenario", "    text: Three weeks pass.\n", "    text: true\n"),
    ("title-yes", "scenario", "title: A visit\n", "title: yes\n"),
    ("block-text", "scenario", "    text: The flat is cold.\n", "    text: |\n      The flat is **cold**.\n\n      - a list\n"),
    ("comma-in-flow-alt", "scenario", "    image:\n      src: images/flat.png\n      alt: A cold kitchen\n", "    image: {src: images/flat.png, alt: A cold, cluttered kitchen}\n"),
    ("comma-in-flow-option", "quiz", "{text: Opinion}", "{text: Opinion, Not Fact}"),
    ("empty-dimension-label", "scenario", "  timeliness: Acting in time\n", "  timeliness:\n"),
    ("negative-variable", "scenario", "  concern: 0\n", "  concern: -2\n"),
    ("set-number", "scenario", "{shared: true}", "{shared: true, concern: 3}"),
    ("relative-url", "scenario", "    url: https://www.gov.uk/\n", "    url: further-resources/\n"),
    ("mailto-url", "scenario", "    url: https://www.gov.uk/\n", "    url: MAILTO:training@example.org\n"),
    ("no-optional-fields", "scenario", "duration: 10\n", ""),
    ("no-id", "scenario", "id: base-scenario\n", ""),
    ("debrief-on-a-step", "scenario", "    next: harm\n", "    next: harm\n    debrief: Weeks pass.\n"),
    ("allow-back-false", "scenario", "allow_back: true\n", "allow_back: false\n"),
    ("condition-quoted", "scenario", "        if: not shared and concern >= 1\n", "        if: \"concern > 0 or shared == true\"\n"),
    ("options-text-number", "quiz", "{text: Opinion}", "{text: 42}"),
    ("items-any-scalar", "quiz", "[One, Two, Three]", "[No, 2, true]"),
    ("pass-mark-bounds", "quiz", "pass_mark: 80\n", "pass_mark: 0\n"),
    ("points-zero", "quiz", "    points: 2\n", "    points: 0\n"),
    ("question-shuffle-on-order", "quiz", "    items: [One, Two, Three]\n", "    items: [One, Two, Three]\n    shuffle: true\n"),
    ("single-option", "quiz", "      - {text: Request, correct: true}\n      - {text: Opinion}\n", ""),
]  # fmt: skip


def _apply(kind: str, old: str, new: str) -> str:
    base = BASE[kind]
    assert base.count(old) == 1, f"{old!r} should occur once in the base {kind}"
    return base.replace(old, new)


@pytest.mark.parametrize("kind", KINDS)
def test_the_base_files_are_accepted_by_both(tmp_path, kind):
    assert loader_diagnostics(tmp_path, BASE[kind]) == []
    assert schema_errors(BASE[kind]) == []


@pytest.mark.parametrize(("kind", "old", "new", "code"), [c[1:] for c in INVALID_CASES], ids=[f"{c[4]}-{c[0]}" for c in INVALID_CASES])  # fmt: skip
def test_a_structural_mistake_is_rejected_by_both(tmp_path, kind, old, new, code):
    text = _apply(kind, old, new)
    found = loader_diagnostics(tmp_path, text)
    assert code in {d.code for d in found}, [d.format() for d in found]
    assert schema_errors(text) != []


@pytest.mark.parametrize(("text", "code"), [c[1:] for c in WHOLE_FILE_CASES], ids=[f"{c[2]}-{c[0]}" for c in WHOLE_FILE_CASES])  # fmt: skip
def test_a_whole_file_mistake_is_rejected_by_both(tmp_path, text, code):
    found = loader_diagnostics(tmp_path, text)
    assert code in {d.code for d in found}, [d.format() for d in found]
    assert schema_errors(text) != []


@pytest.mark.parametrize(("kind", "old", "new"), [c[1:] for c in VALID_CASES], ids=[c[0] for c in VALID_CASES])
def test_a_variation_the_loader_accepts_is_accepted_by_the_schema(tmp_path, kind, old, new):
    text = _apply(kind, old, new)
    assert loader_errors(tmp_path, text) == []
    assert schema_errors(text) == []


def test_yaml_1_2_reads_yes_and_dates_as_text():
    assert load_yaml12("a: yes\nb: 2026-11-01\nc: true\nd: 010\ne: ~\n") == {
        "a": "yes",
        "b": "2026-11-01",
        "c": True,
        "d": 10,
        "e": None,
    }


def test_a_field_name_without_a_value_in_braces_is_rejected_by_both(tmp_path):
    text = _apply("quiz", "{text: Request, correct: true}", "{text: Request, correct}")
    assert schema_errors(text) != []
    assert loader_errors(tmp_path, text) != []
