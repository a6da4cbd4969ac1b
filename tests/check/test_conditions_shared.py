"""The shared condition cases (tests/fixtures/conditions.json) through the Python
evaluator. tests/browser/test_conditions_browser.py runs the same file through the
browser's scenario-engine.js: the two must agree with each other and with the expected values."""

from __future__ import annotations

import json

import pytest

from quiz_engine.check.conditions import evaluate, parse_condition, strip_offsets
from tests.fixtures.make_conditions import CASES, FIXTURE

SHARED = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_current() -> None:
    # The file is what the parser makes of the cases today (regenerate with make_conditions).
    assert [(c["text"], c["vars"], c["expected"]) for c in SHARED] == CASES
    assert len(SHARED) >= 30


@pytest.mark.parametrize("case", SHARED, ids=[c["text"] for c in SHARED])
def test_tree_is_what_the_build_compiles(case: dict) -> None:
    assert case["tree"] == strip_offsets(parse_condition(case["text"]))


@pytest.mark.parametrize("case", SHARED, ids=[c["text"] for c in SHARED])
def test_python_evaluator(case: dict) -> None:
    result = evaluate(case["tree"], case["vars"])
    assert type(result) is bool and result is case["expected"]
