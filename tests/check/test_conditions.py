"""Conditions (`if:`): the small grammar, its types, and what it refuses."""

from __future__ import annotations

import itertools
import json

import pytest

from quiz_engine.check.conditions import (
    ConditionError,
    compile_tree,
    evaluate,
    parse_condition,
    strip_offsets,
    type_of,
    variables_in,
)
from tests.helpers import FIXTURES, SCENARIO_HEAD, check, check_files, make_project, message


def tree(text: str) -> dict:
    return strip_offsets(parse_condition(text))


def var(name: str) -> dict:
    return {"var": name}


def const(value: bool | int) -> dict:
    return {"const": value}


# --- precedence: not binds tighter than and, and tighter than or ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a or b and c", {"op": "or", "args": [var("a"), {"op": "and", "args": [var("b"), var("c")]}]}),
        ("a and b or c", {"op": "or", "args": [{"op": "and", "args": [var("a"), var("b")]}, var("c")]}),
        ("not a and b", {"op": "and", "args": [{"op": "not", "args": [var("a")]}, var("b")]}),
        ("not a or b", {"op": "or", "args": [{"op": "not", "args": [var("a")]}, var("b")]}),
        ("(a or b) and c", {"op": "and", "args": [{"op": "or", "args": [var("a"), var("b")]}, var("c")]}),
        ("not (a or b)", {"op": "not", "args": [{"op": "or", "args": [var("a"), var("b")]}]}),
        ("not not a", {"op": "not", "args": [{"op": "not", "args": [var("a")]}]}),
        ("a and b and c", {"op": "and", "args": [var("a"), var("b"), var("c")]}),
        (
            "n >= 1 and m < 2",
            {
                "op": "and",
                "args": [{"op": ">=", "args": [var("n"), const(1)]}, {"op": "<", "args": [var("m"), const(2)]}],
            },
        ),
        ("not n == 2", {"op": "not", "args": [{"op": "==", "args": [var("n"), const(2)]}]}),
        ("((a))", var("a")),
        ("true", const(True)),
        ("  false  ", const(False)),
        ("shared_with_gp != false", {"op": "!=", "args": [var("shared_with_gp"), const(False)]}),
        ("007 <= x", {"op": "<=", "args": [const(7), var("x")]}),
    ],
)
def test_the_tree(text, expected):
    assert tree(text) == expected


@pytest.mark.parametrize("a,b,c", list(itertools.product([False, True], repeat=3)))
def test_evaluation_follows_precedence(a, b, c):
    values = {"a": a, "b": b, "c": c}
    assert evaluate(parse_condition("a or b and c"), values) == (a or (b and c))
    assert evaluate(parse_condition("not a and b"), values) == ((not a) and b)
    assert evaluate(parse_condition("not (a and b) or c"), values) == ((not (a and b)) or c)


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("n == 2", 2, True),
        ("n != 2", 2, False),
        ("n < 2", 1, True),
        ("n <= 2", 2, True),
        ("n > 2", 2, False),
        ("n >= 2", 3, True),
    ],
)
def test_comparisons(text, n, expected):
    assert evaluate(parse_condition(text), {"n": n}) is expected


def test_variables_in_with_offsets():
    assert variables_in(parse_condition("not shared and (concern >= 1 or x)")) == [
        ("shared", 4),
        ("concern", 16),
        ("x", 32),
    ]


# --- types: a true/false value never meets a number ----------------------------------------------

TYPES = {"flag": bool, "n": int}


@pytest.mark.parametrize("text", ["flag", "not flag", "n >= 1", "flag == true", "flag != (n > 1)", "true", "1 == 1"])
def test_well_typed(text):
    assert type_of(parse_condition(text), TYPES) is bool


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("flag > 1", 0),
        ("n == true", 0),
        ("1 == flag", 0),
        ("flag < true", 0),
        ("not n", 4),
        ("flag and n", 9),
        ("n or flag", 0),
        ("(n >= 1) == 1", 1),
    ],
)
def test_bool_meets_number(text, offset):
    with pytest.raises(ConditionError) as caught:
        type_of(parse_condition(text), TYPES)
    assert caught.value.offset == offset


# --- what is refused, and where ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("x + 1", 2),
        ("eval(1)", 4),
        ("__import__('os')", 11),
        ("x = 1", 2),
        ("x === 1", 4),
        ("a && b", 2),
        ("!a", 0),
        ("a and", 5),
        ("and a", 0),
        ("()", 1),
        ("(a", 2),
        ("a)", 1),
        ("1 < x < 3", 6),
        ("x.y", 1),
        ("x[0]", 1),
        ("-1 < x", 0),
        ("1.5 > x", 1),
        ("'text' == x", 0),
        ("x is 1", 2),
        ("x ²", 2),
        ("x > 1234567890123456", 4),
        ("", 0),
        ("   ", 0),
    ],
)
def test_junk_is_refused(text, offset):
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert caught.value.offset == offset


def test_nesting_is_limited():
    assert tree("(" * 50 + "a" + ")" * 50) == var("a")
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse_condition("(" * 51 + "a" + ")" * 51)
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse_condition("not " * 10_000 + "a")


# --- through the check stage: codes and positions in the file -------------------------------------


def scenario_with_condition(condition: str) -> str:
    return SCENARIO_HEAD + (
        "variables: {shared: false, concern: 0}\n"
        "start: a\n"
        "nodes:\n"
        "  a:\n"
        "    text: A\n"
        "    choices:\n"
        "      - text: Conditional\n"
        "        goto: end\n"
        f"        if: {condition}\n"
        "      - text: Always\n"
        "        goto: end\n"
        "  end:\n"
        "    text: E\n"
        "    ending: good\n"
    )


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("not shared and concern >= 1", []),
        ("concern >= 0 or shared", []),
        ("shared > 1", [(13, 13, "bad-condition")]),
        ("concern == true", [(13, 13, "bad-condition")]),
        ("concern", [(13, 13, "bad-condition")]),
        ("concern and shared", [(13, 13, "bad-condition")]),
        ("x + 1", [(13, 15, "bad-condition")]),
        ("eval(1)", [(13, 17, "bad-condition")]),
        ("'concern >= 1'", []),  # quoted YAML is still the condition text
        ("'concern + 1'", [(13, 22, "bad-condition")]),  # after the opening quote
        ("sharde", [(13, 13, "unknown-variable")]),
        ("concern >= 1 and ghost", [(13, 30, "unknown-variable")]),
        ("a or b", [(13, 13, "unknown-variable"), (13, 18, "unknown-variable")]),
    ],
)
def test_conditions_in_a_scenario(tmp_path, condition, expected):
    files = {"scenarios/s.yml": scenario_with_condition(condition)}
    assert check_files(tmp_path, files) == [("scenarios/s.yml", *e) for e in expected]


def test_unknown_variable_did_you_mean(tmp_path):
    make_project(tmp_path, {"scenarios/s.yml": scenario_with_condition("concen >= 1")})
    assert message(check(tmp_path), "unknown-variable") == (
        "the condition names 'concen', which is not declared under 'variables'. Did you mean 'concern'?"
    )


def test_bad_condition_message_quotes_the_condition(tmp_path):
    make_project(tmp_path, {"scenarios/s.yml": scenario_with_condition("shared > 1")})
    assert message(check(tmp_path), "bad-condition") == (
        "the condition 'shared > 1': this compares a true/false value with a number; compare like with like."
    )


# --- compiled for exploring: the same answers as evaluate ----------------------------------------

SHARED = json.loads((FIXTURES / "conditions.json").read_text(encoding="utf-8"))
VALUES = {"a": [False, True], "b": [False, True], "n": [-1, 0, 1, 2, 3], "m": [0, 2]}
EXPRESSIONS = [
    "a", "not a", "a and b", "a or b", "not a and b or n > 1", "not (a or b)", "a == b", "a != true",
    "n < m", "n <= 1 and m >= 2", "(n == 2 or n == 3) and not b", "n > m or m > n", "not not not a",
    "a and b and n == 0 and m == 0", "a or b or n != 0 or m != 0", "1 < 2", "false or n >= 3", "true",
]  # fmt: skip


@pytest.mark.parametrize("case", SHARED, ids=[c["text"] for c in SHARED])
def test_compiled_tree_agrees_with_evaluate_on_the_shared_cases(case):
    names = sorted(case["vars"])
    values = tuple(case["vars"][name] for name in names)
    compiled = compile_tree(parse_condition(case["text"]), {name: i for i, name in enumerate(names)})
    assert bool(compiled(values)) is case["expected"]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_compiled_tree_agrees_with_evaluate_in_every_state(text):
    names = sorted(VALUES)
    parsed = parse_condition(text)
    compiled = compile_tree(parsed, {name: i for i, name in enumerate(names)})
    for values in itertools.product(*(VALUES[name] for name in names)):
        assert bool(compiled(values)) is bool(evaluate(parsed, dict(zip(names, values)))), values
