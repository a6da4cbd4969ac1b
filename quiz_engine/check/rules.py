"""Check stage: the rules over one loaded file, each yielding diagnostics.

Every rule runs on every item; nothing stops at the first problem. The path rules,
which depend on variables, are in paths.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from ..load import model
from ..load.diagnostics import Diagnostic, Pos
from ..load.fields import short
from ..load.suggest import did_you_mean, follows_from_duplicate
from .context import Context, diag
from .durations import check_quiz_duration, check_scenario_duration, quiz_seconds, scenario_estimate
from .paths import check_paths, check_poor_paths, explore
from .scenario_conditions import condition_compiler

# --- rules for every file ---------------------------------------------------------


def check_review(item: model.Item, ctx: Context) -> Iterator[Diagnostic]:
    review = item.review
    if review and review.next_review and review.next_review < ctx.today:
        yield diag(
            item,
            review.where("next_review"),
            "warning",
            "review-overdue",
            f"the review date {review.next_review.isoformat()} has passed; review the content against current guidance "
            "and set a new next_review date.",
        )


def check_duplicate_ids(items: list[model.Item]) -> Iterator[Diagnostic]:
    first: dict[str, model.Item] = {}
    for item in items:
        if item.id in first:
            other = first[item.id]
            yield diag(
                item,
                item.where("id"),
                "error",
                "duplicate-id",
                f"id '{item.id}' is already used by {other.path}; give this file its own id (ids are page addresses).",
            )
        else:
            first[item.id] = item


# --- scenarios --------------------------------------------------------------------


def choice_label(choice: model.Choice) -> str:
    return short(choice.text, 30)


def check_structure(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    if s.start and s.start not in s.nodes and s.nodes:
        yield diag(
            s, s.where("start"), "error", "missing-start",
            f"'start' names '{s.start}', which is not a node of this scenario.{did_you_mean(s.start, s.nodes)}",
        )  # fmt: skip
    for node in s.nodes.values():
        present = [k for k in ("choices", "next", "ending") if getattr(node, k) is not None]
        if len(present) != 1:
            what = "none of" if not present else "more than one of"
            yield diag(
                s, node.pos, "error", "node-shape",
                f"node '{node.id}' has {what} 'choices', 'next' and 'ending'"
                + (f" ({', '.join(present)})" if present else "")
                + "; give it exactly one: choices for a decision, next to continue, or ending to finish.",
            )  # fmt: skip
        if node.next and node.next not in s.nodes and not follows_from_duplicate(node.next, s.nodes, s.defined_twice):
            yield diag(
                s, node.where("next"), "error", "dangling-goto",
                f"node '{node.id}' continues to '{node.next}', which is not a node of this scenario.{did_you_mean(node.next, s.nodes)}",
            )  # fmt: skip
        for choice in node.choices or []:
            if choice.goto is None or choice.goto in s.nodes:
                continue
            if not follows_from_duplicate(choice.goto, s.nodes, s.defined_twice):  # that message names it
                yield diag(
                    s, choice.where("goto"), "error", "dangling-goto",
                    f"choice '{choice_label(choice)}' goes to '{choice.goto}', which is not a node of this scenario."
                    f"{did_you_mean(choice.goto, s.nodes)}",
                )  # fmt: skip


def check_names(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    for node in s.nodes.values():
        for choice in node.choices or []:
            for name in choice.score:
                if name not in s.dimensions:
                    yield diag(
                        s, choice.where(f"score.{name}"), "error", "unknown-dimension",
                        f"'score' names '{name}', which is not declared under 'dimensions'.{did_you_mean(name, s.dimensions)}",
                    )  # fmt: skip
            for effect in ("set", "add"):
                for name, value in getattr(choice, effect).items():
                    if name in s.variables:
                        holds_bool = isinstance(s.variables[name], bool)
                        if not holds_bool if effect == "add" else holds_bool == isinstance(value, bool):
                            continue  # the usual case: nothing to report, no position needed
                    pos = choice.where(f"{effect}.{name}")
                    if name not in s.variables and follows_from_duplicate(name, s.variables, s.variables_twice):
                        continue  # the duplicate's message names it
                    if name not in s.variables:
                        yield diag(
                            s, pos, "error", "unknown-variable",
                            f"'{effect}' names '{name}', which is not declared under 'variables'.{did_you_mean(name, s.variables)}",
                        )  # fmt: skip
                    elif effect == "add" and isinstance(s.variables[name], bool):
                        yield diag(
                            s,
                            pos,
                            "error",
                            "wrong-type",
                            f"'add' only works on whole-number variables; '{name}' is true/false, so use 'set'.",
                        )
                    elif effect == "set" and isinstance(s.variables[name], bool) != isinstance(value, bool):
                        kind = "true or false" if isinstance(s.variables[name], bool) else "a whole number"
                        yield diag(s, pos, "error", "wrong-type", f"'{name}' holds {kind}; set it to {kind}.")


def check_conditions(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    compile_choice = condition_compiler(s)
    for node in s.nodes.values():
        for conditional in [*(node.choices or []), *node.when]:
            for code, pos, message in compile_choice(conditional)[1]:
                if code == "unknown-variable" and _follows_from_duplicate(s, conditional, pos):
                    continue  # the duplicate's message names it
                yield diag(s, pos, "error", code, message)


def _follows_from_duplicate(s: model.Scenario, conditional: model.Choice | model.Conditional, pos: Pos) -> bool:
    """Whether the unknown name at `pos` of a condition is probably a variable declared twice, renamed."""
    offset = pos.col - conditional.where("if").col
    name = re.match(r"[A-Za-z_][A-Za-z0-9_]*", (conditional.condition or "")[offset:])
    return bool(name) and follows_from_duplicate(name[0], s.variables, s.variables_twice)


def check_images(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    folder = (ctx.root / s.path).parent
    for node in s.nodes.values():
        image = node.image
        if image is None:
            continue
        if not image.alt.strip():
            yield diag(
                s, image.where("alt"), "error", "missing-alt",
                f"the image in node '{node.id}' has no alt text; add 'alt:' describing what it shows for people who cannot see it.",
            )  # fmt: skip
        if image.src and (PurePosixPath(image.src).is_absolute() or ".." in PurePosixPath(image.src).parts):
            yield diag(
                s, image.where("src"), "error", "bad-value",
                f"the image '{short(image.src)}' is outside the folder of {s.path}; put it in that folder "
                "(or a folder inside it) and write the path from there, like 'images/photo.png'.",
            )  # fmt: skip
        elif image.src and not (folder / image.src).is_file():
            yield diag(
                s, image.where("src"), "error", "missing-file",
                f"the image '{image.src}' does not exist next to {s.path}; check the name, or put the file there.",
            )  # fmt: skip


# --- quizzes ----------------------------------------------------------------------


def check_answers(q: model.Quiz, ctx: Context) -> Iterator[Diagnostic]:
    for question in q.questions:
        if question.type not in ("single", "multiple") or not question.options:
            continue
        correct = sum(option.correct for option in question.options)
        if correct == 0:
            yield diag(
                q, question.where("options"), "error", "no-correct-answer",
                f"question '{question.id}' has no correct option; mark the right one with 'correct: true'.",
            )  # fmt: skip
        elif correct > 1 and question.type == "single":
            yield diag(
                q, question.where("options"), "error", "too-many-correct",
                f"question '{question.id}' is 'single' but has {correct} correct options; keep one, or use 'type: multiple'.",
            )  # fmt: skip


def check_durations(q: model.Quiz, ctx: Context) -> Iterator[Diagnostic]:
    yield from check_quiz_duration(q)


SCENARIO_RULES: list[Callable[[model.Scenario, Context], Iterator[Diagnostic]]] = [
    check_review, check_structure, check_names, check_conditions, check_images,
]  # fmt: skip
QUIZ_RULES: list[Callable[[model.Quiz, Context], Iterator[Diagnostic]]] = [check_review, check_answers, check_durations]


def check_and_estimate(item: model.Item, ctx: Context) -> tuple[list[Diagnostic], float | None]:
    """The rules that look at one file alone, and the seconds it takes a learner (None when
    they cannot be worked out). A scenario's reachable states are explored once, for both."""
    if not isinstance(item, model.Scenario):
        return [d for rule in QUIZ_RULES for d in rule(item, ctx)], quiz_seconds(item)
    found = [d for rule in SCENARIO_RULES for d in rule(item, ctx)]
    if item.start not in item.nodes:
        return found, None
    result = explore(item)
    found.extend(check_paths(item, result))
    if not result.complete:
        return found, None
    found.extend(check_poor_paths(item, result))
    estimate = scenario_estimate(item, result)
    found.extend(check_scenario_duration(item, estimate))
    return found, None if estimate is None else estimate.typical


def check_item(item: model.Item, ctx: Context) -> list[Diagnostic]:
    return check_and_estimate(item, ctx)[0]


def run_checks(items: list[model.Item], ctx: Context) -> list[Diagnostic]:
    found = list(check_duplicate_ids(items))
    for item in items:
        found.extend(check_item(item, ctx))
    return found
