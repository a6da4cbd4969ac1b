"""The shared condition cases (tests/fixtures/conditions.json) through the browser's
scenario-engine.js, imported as a module in a served page: it must agree with the expected
values and with the Python evaluator (tests/check/test_conditions_shared.py)."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from quiz_engine.check.conditions import evaluate
from tests.fixtures.make_conditions import FIXTURE


def test_engine_js_agrees_with_python(page: Page, site_url: str) -> None:
    cases = json.loads(FIXTURE.read_text(encoding="utf-8"))
    page.goto(site_url)
    results = page.evaluate(
        """async ([url, cases]) => {
            const { evaluate } = await import(url);
            return cases.map((c) => evaluate(c.tree, c.vars));
        }""",
        [site_url + "assets/quiz-engine/scenario-engine.js", cases],
    )
    assert len(results) == len(cases) >= 30
    for case, browser in zip(cases, results, strict=True):
        python = evaluate(case["tree"], case["vars"])
        assert browser is case["expected"], f"{case['text']!r}: scenario-engine.js gives {browser!r}"
        assert browser is python, f"{case['text']!r}: scenario-engine.js {browser!r}, Python {python!r}"


def test_when_paragraphs_follow_the_same_cases(page: Page, site_url: str) -> None:
    """A node's `when:` paragraph is shown exactly when its condition is true, in both evaluators."""
    cases = [c for c in json.loads(FIXTURE.read_text(encoding="utf-8")) if isinstance(c["expected"], bool)]
    page.goto(site_url)
    shown = page.evaluate(
        """async ([url, cases]) => {
            const { shownParagraphs } = await import(url);
            return cases.map((c) => {
              const node = { when: [{ if: c.tree, text_html: "<p>then</p>" }, { if: null, text_html: "<p>always</p>" }] };
              return shownParagraphs(node, c.vars).map((p) => p.text_html);
            });
        }""",
        [site_url + "assets/quiz-engine/scenario-engine.js", cases],
    )
    assert len(shown) == len(cases) >= 20
    for case, paragraphs in zip(cases, shown, strict=True):
        expected = (["<p>then</p>"] if evaluate(case["tree"], case["vars"]) else []) + ["<p>always</p>"]
        assert paragraphs == expected, case["text"]
