"""Check stage: rules over the loaded model, each yielding diagnostics.

Every rule runs on every item; nothing stops at the first problem. The rules
that depend on variables walk the reachable (node, variable values) states.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import model
from .conditions import COMPARISONS, ConditionError, Tree, compile_tree, parse_condition, type_of, variables_in
from .diagnostics import Diagnostic, Pos
from .fields import short
from .suggest import did_you_mean

MAX_STATES = 50_000  # beyond this a scenario is reported as too large to explore fully


@dataclass
class Context:
    root: Path
    today: datetime.date = field(default_factory=datetime.date.today)


def _diag(item: model.Item, pos: Pos, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(item.path, pos.line, pos.col, severity, code, message)


# --- rules for every file ---------------------------------------------------------


def check_review(item: model.Item, ctx: Context) -> Iterator[Diagnostic]:
    review = item.review
    if review and review.next_review and review.next_review < ctx.today:
        yield _diag(
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
            yield _diag(
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
        yield _diag(
            s, s.where("start"), "error", "missing-start",
            f"'start' names '{s.start}', which is not a node of this scenario.{did_you_mean(s.start, s.nodes)}",
        )  # fmt: skip
    for node in s.nodes.values():
        present = [k for k in ("choices", "next", "ending") if getattr(node, k) is not None]
        if len(present) != 1:
            what = "none of" if not present else "more than one of"
            yield _diag(
                s, node.pos, "error", "node-shape",
                f"node '{node.id}' has {what} 'choices', 'next' and 'ending'"
                + (f" ({', '.join(present)})" if present else "")
                + "; give it exactly one: choices for a decision, next to continue, or ending to finish.",
            )  # fmt: skip
        if node.next and node.next not in s.nodes:
            yield _diag(
                s, node.where("next"), "error", "dangling-goto",
                f"node '{node.id}' continues to '{node.next}', which is not a node of this scenario.{did_you_mean(node.next, s.nodes)}",
            )  # fmt: skip
        for choice in node.choices or []:
            if choice.goto is not None and choice.goto not in s.nodes:
                yield _diag(
                    s, choice.where("goto"), "error", "dangling-goto",
                    f"choice '{choice_label(choice)}' goes to '{choice.goto}', which is not a node of this scenario."
                    f"{did_you_mean(choice.goto, s.nodes)}",
                )  # fmt: skip


def check_names(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    for node in s.nodes.values():
        for choice in node.choices or []:
            for name in choice.score:
                if name not in s.dimensions:
                    yield _diag(
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
                    if name not in s.variables:
                        yield _diag(
                            s, pos, "error", "unknown-variable",
                            f"'{effect}' names '{name}', which is not declared under 'variables'.{did_you_mean(name, s.variables)}",
                        )  # fmt: skip
                    elif effect == "add" and isinstance(s.variables[name], bool):
                        yield _diag(
                            s,
                            pos,
                            "error",
                            "wrong-type",
                            f"'add' only works on whole-number variables; '{name}' is true/false, so use 'set'.",
                        )
                    elif effect == "set" and isinstance(s.variables[name], bool) != isinstance(value, bool):
                        kind = "true or false" if isinstance(s.variables[name], bool) else "a whole number"
                        yield _diag(s, pos, "error", "wrong-type", f"'{name}' holds {kind}; set it to {kind}.")


def compile_condition(s: model.Scenario, choice: model.Choice) -> tuple[Tree | None, list[tuple[str, Pos, str]]]:
    """Parse and type-check a choice's `if:`; returns the tree and (code, pos, message) problems."""
    return _compiler(s)(choice)


def _compiler(s: model.Scenario) -> Callable[[model.Choice], tuple[Tree | None, list[tuple[str, Pos, str]]]]:
    """`compile_condition` for the choices of one scenario (its variables' types worked out once)."""
    variables = tuple(sorted((name, type(value)) for name, value in s.variables.items()))

    def compile_choice(choice: model.Choice) -> tuple[Tree | None, list[tuple[str, Pos, str]]]:
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


def check_conditions(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    compile_choice = _compiler(s)
    for node in s.nodes.values():
        for choice in node.choices or []:
            for code, pos, message in compile_choice(choice)[1]:
                yield _diag(s, pos, "error", code, message)


def check_images(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    folder = (ctx.root / s.path).parent
    for node in s.nodes.values():
        image = node.image
        if image is None:
            continue
        if not image.alt.strip():
            yield _diag(
                s, image.where("alt"), "error", "missing-alt",
                f"the image in node '{node.id}' has no alt text; add 'alt:' describing what it shows for people who cannot see it.",
            )  # fmt: skip
        if image.src and (PurePosixPath(image.src).is_absolute() or ".." in PurePosixPath(image.src).parts):
            yield _diag(
                s, image.where("src"), "error", "bad-value",
                f"the image '{short(image.src)}' is outside the folder of {s.path}; put it in that folder "
                "(or a folder inside it) and write the path from there, like 'images/photo.png'.",
            )  # fmt: skip
        elif image.src and not (folder / image.src).is_file():
            yield _diag(
                s, image.where("src"), "error", "missing-file",
                f"the image '{image.src}' does not exist next to {s.path}; check the name, or put the file there.",
            )  # fmt: skip


# --- the reachable (node, variables) states ----------------------------------------


State = tuple[str, tuple]


@dataclass
class Exploration:
    states: set[State]
    edges: dict[State, list[State]]
    hidden: dict[str, State]  # node id -> a state where all its choices are hidden
    dead_ends: set[State]  # every state where all choices are hidden (reported once, as all-choices-hidden)
    complete: bool


def explore(s: model.Scenario) -> Exploration:
    names = sorted(s.variables)
    index = {name: i for i, name in enumerate(names)}  # a state's values are in this order
    compile_choice = _compiler(s)
    # What each choice does, worked out once rather than in every state: its `if` as a function
    # of the values, whether its `goto` is a node, and its `set` and `add` by place in the values.
    plans: dict[str, list[tuple[Callable[[tuple], object] | None, bool, str | None, list, list]]] = {}
    trees: dict[int, Tree] = {}  # choices with the same `if` text share one tree
    tests: dict[int, Callable[[tuple], object]] = {}
    for node_id, node in s.nodes.items():
        plan = []
        for choice in node.choices or []:
            tree = compile_choice(choice)[0]
            if tree is not None and id(tree) not in trees:
                trees[id(tree)] = tree
                tests[id(tree)] = compile_tree(tree, index)
            plan.append(
                (
                    None if tree is None else tests[id(tree)],
                    choice.goto in s.nodes,
                    choice.goto,
                    [(index[name], value) for name, value in choice.set.items() if name in index] if choice.set else [],
                    [(index[name], value) for name, value in choice.add.items() if name in index] if choice.add else [],
                )
            )
        plans[node_id] = plan
    bounds = [(index[name], low, high) for name, (low, high) in _bounds(s, list(trees.values())).items()]

    def capped(values: list[bool | int]) -> tuple:
        for i, low, high in bounds:
            values[i] = min(max(values[i], low), high)
        return tuple(values)

    start: State = (s.start, capped([s.variables[name] for name in names]))
    states, edges, hidden, dead_ends = {start}, {}, {}, set()
    queue = deque([start])
    complete = True
    while queue:
        state = queue.popleft()
        node_id, values = state
        node = s.nodes[node_id]
        targets: list[State] = []
        if node.ending is None and node.next in s.nodes and node.choices is None:
            targets.append((node.next, values))
        shown = 0
        for test, goes, goto, sets, adds in plans[node_id]:
            if test is not None and not test(values):  # an unreadable `if` is reported, not taken as false
                continue
            shown += 1
            if not goes:
                continue
            if not sets and not adds:  # values in a state are capped already, and capping twice changes nothing
                targets.append((goto, values))
                continue
            new = list(values)
            for i, value in sets:
                new[i] = value
            for i, value in adds:
                if not isinstance(new[i], bool):
                    new[i] += value
            targets.append((goto, capped(new)))
        if node.choices and shown == 0:
            hidden.setdefault(node_id, state)
            dead_ends.add(state)
        edges[state] = targets
        for target in targets:
            if target not in states:
                if len(states) >= MAX_STATES:
                    complete = False
                    continue
                states.add(target)
                queue.append(target)
    return Exploration(states, edges, hidden, dead_ends, complete)


def _bounds(s: model.Scenario, trees: list[Tree]) -> dict[str, tuple[float, float]]:
    """The range in which each whole-number variable must be told apart.

    A variable that only counts up and is only compared with numbers behaves alike for
    every value above the largest of those numbers (likewise counting down), so it is
    capped there: an "ask again" loop with `add` then has finitely many states.
    """
    ups, downs, numbers, paired = set(), set(), {}, set()
    for node in s.nodes.values():
        for choice in node.choices or []:
            for name, n in choice.add.items():
                if n > 0:
                    ups.add(name)
                elif n < 0:
                    downs.add(name)
    for tree in trees:
        _compared(tree, numbers, paired)
    bounds: dict[str, tuple[float, float]] = {}
    for name, value in s.variables.items():
        if isinstance(value, bool) or name in paired or (name in ups and name in downs):
            continue
        seen = numbers.get(name, [0])
        bounds[name] = (min(seen) - 1, math.inf) if name in downs else (-math.inf, max(seen) + 1)
    return bounds


def _compared(tree: Tree, numbers: dict[str, list[int]], paired: set[str]) -> None:
    """Collect the numbers each variable is compared with, and the variables compared with each other."""
    args = tree.get("args", [])
    if tree.get("op") in COMPARISONS:
        names = [arg["var"] for arg in args if "var" in arg]
        if len(names) == 2:
            paired.update(names)
        elif names:
            numbers.setdefault(names[0], []).extend(arg["const"] for arg in args if "const" in arg)
        return
    for arg in args:
        _compared(arg, numbers, paired)


def describe(s: model.Scenario, state: State) -> str:
    if not s.variables:
        return ""
    values = dict(zip(sorted(s.variables), state[1]))
    shown = ", ".join(f"{k}={str(v).lower()}" for k, v in values.items())
    return f" (when {shown})"


def check_paths(s: model.Scenario, ctx: Context) -> Iterator[Diagnostic]:
    if s.start not in s.nodes:
        return
    result = explore(s)
    if not result.complete:
        yield _diag(
            s, s.pos, "warning", "too-large-to-explore",
            f"this scenario has more than {MAX_STATES} combinations of step and variable values, so it was not "
            "explored completely; some path problems may be missed. Limit how far 'add' can count.",
        )  # fmt: skip
    reached = {node_id for node_id, _ in result.states}
    for node in s.nodes.values():
        if node.id not in reached and result.complete:
            yield _diag(
                s, node.pos, "warning", "unreachable-node",
                f"node '{node.id}' cannot be reached from '{s.start}'; link to it with 'goto' or 'next', or delete it.",
            )  # fmt: skip
    for node_id, state in result.hidden.items():
        yield _diag(
            s, s.nodes[node_id].where("choices"), "error", "all-choices-hidden",
            f"at node '{node_id}' every choice is hidden by its 'if'{describe(s, state)}; "
            "add a choice without 'if', or change the conditions.",
        )  # fmt: skip
    # States that can reach an ending, by walking the arrows backwards.
    incoming: dict[State, list[State]] = {}
    for state, targets in result.edges.items():
        for target in targets:
            incoming.setdefault(target, []).append(state)
    # Broken nodes and dead ends are reported elsewhere; count them as a way out to avoid a cascade of messages.
    way_out = {node.id: node.ending is not None or _broken(s, node) for node in s.nodes.values()}
    good = {st for st in result.states if way_out[st[0]]}
    good |= result.dead_ends
    queue = deque(good)
    while queue:
        for previous in incoming.get(queue.popleft(), []):
            if previous not in good:
                good.add(previous)
                queue.append(previous)
    if not result.complete:
        return
    stuck: dict[str, State] = {}
    for state in sorted(result.states - good, key=str):
        stuck.setdefault(state[0], state)
    for node_id, state in stuck.items():
        if node_id in result.hidden:
            continue  # already reported as all-choices-hidden
        yield _diag(
            s, s.nodes[node_id].pos, "error", "no-way-out",
            f"from node '{node_id}'{describe(s, state)} no ending can be reached; add a path to an ending.",
        )  # fmt: skip


def _broken(s: model.Scenario, node: model.Node) -> bool:
    shapes = sum(getattr(node, k) is not None for k in ("choices", "next", "ending"))
    dangling = node.next is not None and node.next not in s.nodes
    dangling = dangling or any(c.goto not in s.nodes for c in node.choices or [])
    return shapes != 1 or dangling or node.choices == []


# --- quizzes ----------------------------------------------------------------------


def check_answers(q: model.Quiz, ctx: Context) -> Iterator[Diagnostic]:
    for question in q.questions:
        if question.type not in ("single", "multiple") or not question.options:
            continue
        correct = sum(option.correct for option in question.options)
        if correct == 0:
            yield _diag(
                q, question.where("options"), "error", "no-correct-answer",
                f"question '{question.id}' has no correct option; mark the right one with 'correct: true'.",
            )  # fmt: skip
        elif correct > 1 and question.type == "single":
            yield _diag(
                q, question.where("options"), "error", "too-many-correct",
                f"question '{question.id}' is 'single' but has {correct} correct options; keep one, or use 'type: multiple'.",
            )  # fmt: skip


SCENARIO_RULES: list[Callable[[model.Scenario, Context], Iterator[Diagnostic]]] = [
    check_review, check_structure, check_names, check_conditions, check_images, check_paths,
]  # fmt: skip
QUIZ_RULES: list[Callable[[model.Quiz, Context], Iterator[Diagnostic]]] = [check_review, check_answers]


def check_item(item: model.Item, ctx: Context) -> list[Diagnostic]:
    """The rules that look at one file alone."""
    rules = SCENARIO_RULES if isinstance(item, model.Scenario) else QUIZ_RULES
    return [diagnostic for rule in rules for diagnostic in rule(item, ctx)]


def run_checks(items: list[model.Item], ctx: Context) -> list[Diagnostic]:
    found = list(check_duplicate_ids(items))
    for item in items:
        found.extend(check_item(item, ctx))
    return found
