"""A scenario's conditions (choices' `if:` and the `if:` of nodes' `when:` paragraphs),
parsed and type-checked against its declared variables; each distinct condition text
is compiled once."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..load import model
from ..load.diagnostics import Pos
from ..load.fields import short
from ..load.suggest import did_you_mean
from .conditions import ConditionError, Tree, parse_condition, type_of, variables_in


def compile_condition(
    s: model.Scenario, choice: model.Choice | model.Conditional
) -> tuple[Tree | None, list[tuple[str, Pos, str]]]:
    """Parse and type-check an `if:` (of a choice or a `when:` paragraph); returns the tree and
    (code, pos, message) problems."""
    return condition_compiler(s)(choice)


def condition_compiler(
    s: model.Scenario,
) -> Callable[[model.Choice | model.Conditional], tuple[Tree | None, list[tuple[str, Pos, str]]]]:
    """`compile_condition` for the choices of one scenario (its variables' types worked out once)."""
    variables = tuple(sorted((name, type(value)) for name, value in s.variables.items()))

    def compile_choice(choice: model.Choice | model.Conditional) -> tuple[Tree | None, list[tuple[str, Pos, str]]]:
        if choice.condition is None:
            return None, []
        tree, problems = _compile(choice.condition, variables)
        if not problems:
            return tree, []
        base = choice.where("if")
        return tree, [(code, Pos(base.line, base.col + offset), message) for code, offset, message in problems]

    return compile_choice


@functools.lru_cache(maxsize=4096)  # every choice with the same `if:` text, and the renderer, ask for it again
def _compile(condition: str, variables: tuple[tuple[str, type], ...]) -> tuple[Tree | None, tuple]:
    """The tree and (code, offset in the condition, message) problems; the same wherever the condition is."""
    tree, problems = _compile_uncached(condition, dict(variables))
    return tree, tuple(problems)


def _compile_uncached(
    condition: str, variable_types: dict[str, type]
) -> tuple[Tree | None, list[tuple[str, int, str]]]:
    try:
        tree = parse_condition(condition)
    except ConditionError as exc:
        return None, [
            (
                "bad-condition",
                exc.offset,
                f"the condition '{short(condition)}' cannot be read: {exc.message}.",
            )
        ]
    problems = []
    for name, offset in variables_in(tree):
        if name not in variable_types:
            problems.append(
                ("unknown-variable", offset,
                 f"the condition names '{name}', which is not declared under 'variables'.{did_you_mean(name, variable_types)}")
            )  # fmt: skip
    if problems:
        return None, problems
    types = variable_types
    try:
        if type_of(tree, types) is not bool:
            return None, [
                (
                    "bad-condition",
                    0,
                    f"'{short(condition)}' is a number, not a condition; compare it, e.g. '{short(condition)} >= 1'.",
                )
            ]
    except ConditionError as exc:
        return None, [("bad-condition", exc.offset, f"the condition '{short(condition)}': {exc.message}.")]
    return tree, []
