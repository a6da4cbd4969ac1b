"""Check stage: every reachable (node, variable values) state of a scenario, explored
once, and the path problems found in it (unreachable nodes, hidden choices, no way out)."""

from __future__ import annotations

import functools
import math
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..load import model
from ..load.diagnostics import Diagnostic
from ..load.fields import short
from .conditions import COMPARISONS, Tree, compile_tree
from .context import diag
from .scenario_conditions import condition_compiler

MAX_STATES = 50_000  # beyond this a scenario is reported as too large to explore fully


State = tuple[str, tuple]


@dataclass
class Exploration:
    states: set[State]
    edges: dict[State, list[State]]
    hidden: dict[str, State]  # node id -> a state where all its choices are hidden
    dead_ends: set[State]  # every state where all choices are hidden (reported once, as all-choices-hidden)
    complete: bool
    poor_moves: list[tuple[State, str, int, State]]  # (state, node id, choice index, target) of poor-rated choices

    @functools.cached_property
    def incoming(self) -> dict[State, list[State]]:
        """The arrows backwards: each state, the states that lead to it."""
        found: dict[State, list[State]] = {}
        for state, targets in self.edges.items():
            for target in targets:
                found.setdefault(target, []).append(state)
        return found

    def leading_to(self, states: set[State]) -> set[State]:
        """`states` and every state from which one of them can be reached."""
        found = set(states)
        queue = deque(found)
        while queue:
            for previous in self.incoming.get(queue.popleft(), []):
                if previous not in found:
                    found.add(previous)
                    queue.append(previous)
        return found


def explore(s: model.Scenario) -> Exploration:
    names = sorted(s.variables)
    index = {name: i for i, name in enumerate(names)}  # a state's values are in this order
    compile_choice = condition_compiler(s)
    # What each choice does, worked out once rather than in every state: its `if` as a function
    # of the values, whether its `goto` is a node, and its `set` and `add` by place in the values.
    plans: dict[str, list[tuple[Callable[[tuple], object] | None, bool, str | None, list, list, bool]]] = {}
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
                    choice.rating == "poor",
                )
            )
        plans[node_id] = plan
        for paragraph in node.when:  # not a way on, but their comparisons bound the values too
            tree = compile_choice(paragraph)[0]
            if tree is not None and id(tree) not in trees:  # a choice may share its text (and tree)
                trees[id(tree)] = tree
                tests[id(tree)] = compile_tree(tree, index)
    bounds = [(index[name], low, high) for name, (low, high) in _bounds(s, list(trees.values())).items()]

    def capped(values: list[bool | int]) -> tuple:
        for i, low, high in bounds:
            values[i] = min(max(values[i], low), high)
        return tuple(values)

    start: State = (s.start, capped([s.variables[name] for name in names]))
    states, edges, hidden, dead_ends = {start}, {}, {}, set()
    poor_moves: list[tuple[State, str, int, State]] = []
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
        for number, (test, goes, goto, sets, adds, poor) in enumerate(plans[node_id]):
            if test is not None and not test(values):  # an unreadable `if` is reported, not taken as false
                continue
            shown += 1
            if not goes:
                continue
            if not sets and not adds:  # values in a state are capped already, and capping twice changes nothing
                target = (goto, values)
            else:
                new = list(values)
                for i, value in sets:
                    new[i] = value
                for i, value in adds:
                    if not isinstance(new[i], bool):
                        new[i] += value
                target = (goto, capped(new))
            targets.append(target)
            if poor:
                poor_moves.append((state, node_id, number, target))
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
    return Exploration(states, edges, hidden, dead_ends, complete, poor_moves)


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


def post_order(start: State, edges: dict[State, list[State]]) -> list[State] | None:
    """The states reachable from `start`, each after every state it leads to; None if a
    loop makes the order impossible (and longest paths unbounded)."""
    order: list[State] = []
    colour: dict[State, int] = {start: 1}  # 1: on the current way down, 2: done
    stack = [(start, iter(edges.get(start, [])))]
    while stack:
        state, children = stack[-1]
        child = next(children, None)
        if child is None:
            colour[state] = 2
            order.append(state)
            stack.pop()
        elif colour.get(child) == 1:
            return None
        elif child not in colour:
            colour[child] = 1
            stack.append((child, iter(edges.get(child, []))))
    return order


def poor_choices_before(s: model.Scenario, result: Exploration) -> dict[str, list[tuple[str, int]]]:
    """Each ending's node id: the poor-rated choices (node id, choice index) that a path to it
    can take, in the order of the file. Walks the arrows backwards from the ending's states."""
    order = {node_id: n for n, node_id in enumerate(s.nodes)}
    found: dict[str, list[tuple[str, int]]] = {}
    for node_id, node in s.nodes.items():
        if node.ending is None:
            continue
        leads_there = result.leading_to({state for state in result.states if state[0] == node_id})
        moves = {(at, number) for _, at, number, target in result.poor_moves if target in leads_there}
        found[node_id] = sorted(moves, key=lambda move: (order[move[0]], move[1]))
    return found


def check_poor_paths(s: model.Scenario, result: Exploration) -> Iterator[Diagnostic]:
    """A good ending that a path through a poor choice reaches, and that says nothing of the
    path (no `when:`), praises what the learner may not have done."""
    for ending_id, moves in poor_choices_before(s, result).items():
        node = s.nodes[ending_id]
        if node.ending != "good" or node.when or not moves:
            continue
        at, number = moves[0]
        choice = s.nodes[at].choices[number]  # type: ignore[index]  (poor moves are choices)
        more = f" (and {len(moves) - 1} more poor choices)" if len(moves) > 1 else ""
        yield diag(
            s, node.pos, "warning", "poor-path-to-good-ending",
            f"the good ending '{ending_id}' can be reached after the poor choice '{short(choice.text, 30)}' at node "
            f"'{at}'{more}; say what the learner did on each path with 'when:' paragraphs, or lead that choice "
            "to another ending.",
        )  # fmt: skip


def describe(s: model.Scenario, state: State) -> str:
    if not s.variables:
        return ""
    values = dict(zip(sorted(s.variables), state[1]))
    shown = ", ".join(f"{k}={str(v).lower()}" for k, v in values.items())
    return f" (when {shown})"


def _after_copies(s: model.Scenario) -> set[str]:
    """The nodes that a node id's second definition goes on to, and the nodes after them: were that
    copy renamed as its duplicate-key message suggests, they could be reached (so no warning here)."""
    found: set[str] = set()
    queue = deque(n for n in s.led_to_by_copies if n in s.nodes)
    while queue:
        node = s.nodes[queue.popleft()]
        if node.id in found:
            continue
        found.add(node.id)
        queue.extend(t for t in (node.next, *(c.goto for c in node.choices or [])) if t in s.nodes)
    return found


def check_paths(s: model.Scenario, result: Exploration) -> Iterator[Diagnostic]:
    if not result.complete:
        yield diag(
            s, s.pos, "warning", "too-large-to-explore",
            f"this scenario has more than {MAX_STATES} combinations of step and variable values, so it was not "
            "explored completely; some path problems may be missed. Limit how far 'add' can count.",
        )  # fmt: skip
    reached = {node_id for node_id, _ in result.states} | _after_copies(s)
    for node in s.nodes.values():
        if node.id not in reached and result.complete:
            yield diag(
                s, node.pos, "warning", "unreachable-node",
                f"node '{node.id}' cannot be reached from '{s.start}'; link to it with 'goto' or 'next', or delete it.",
            )  # fmt: skip
    for node_id, state in result.hidden.items():
        yield diag(
            s, s.nodes[node_id].where("choices"), "error", "all-choices-hidden",
            f"at node '{node_id}' every choice is hidden by its 'if'{describe(s, state)}; "
            "add a choice without 'if', or change the conditions.",
        )  # fmt: skip
    # States that can reach an ending, by walking the arrows backwards. Broken nodes and dead
    # ends are reported elsewhere; count them as a way out to avoid a cascade of messages.
    way_out = {node.id: node.ending is not None or _broken(s, node) for node in s.nodes.values()}
    good = result.leading_to({st for st in result.states if way_out[st[0]]} | result.dead_ends)
    if not result.complete:
        return
    stuck: dict[str, State] = {}
    for state in sorted(result.states - good, key=str):
        stuck.setdefault(state[0], state)
    for node_id, state in stuck.items():
        if node_id in result.hidden:
            continue  # already reported as all-choices-hidden
        yield diag(
            s, s.nodes[node_id].pos, "error", "no-way-out",
            f"from node '{node_id}'{describe(s, state)} no ending can be reached; add a path to an ending.",
        )  # fmt: skip


def _broken(s: model.Scenario, node: model.Node) -> bool:
    shapes = sum(getattr(node, k) is not None for k in ("choices", "next", "ending"))
    dangling = node.next is not None and node.next not in s.nodes
    dangling = dangling or any(c.goto not in s.nodes for c in node.choices or [])
    return shapes != 1 or dangling or node.choices == []
