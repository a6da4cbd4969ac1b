"""`build.py report`: what each scenario and quiz holds, for trainers and reviewers.

Paths are counted over the reachable (node, variables) states, so conditions
and memory are taken into account, not only the arrows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..check.paths import State, explore
from ..load import model

WORDS_PER_MINUTE = 180
SECONDS_PER_DECISION = 20
PATH_LIMIT = 10**9  # counts above this are shown as "more than"


@dataclass
class ScenarioReport:
    id: str
    title: str
    decisions: int
    endings: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # node id -> (shortest, longest)
    outcomes: dict[str, str] = field(default_factory=dict)  # ending node id -> good/mixed/poor
    paths: int | None = 0  # None when a loop makes them unbounded
    minutes: int = 0


def words(text: str | None) -> int:
    return len(re.findall(r"\w+", text or ""))


def estimate_minutes(s: model.Scenario) -> int:
    if s.duration:
        return s.duration
    total = words(s.summary)
    for node in s.nodes.values():
        total += words(node.text) + sum(words(c.text) + words(c.feedback) for c in node.choices or [])
    decisions = sum(1 for n in s.nodes.values() if n.choices)
    seconds = total / WORDS_PER_MINUTE * 60 + decisions * SECONDS_PER_DECISION
    return max(1, round(seconds / 60))


def scenario_report(s: model.Scenario) -> ScenarioReport:
    report = ScenarioReport(s.id, s.title, sum(1 for n in s.nodes.values() if n.choices))
    report.minutes = estimate_minutes(s)
    if s.start not in s.nodes:
        return report
    result = explore(s)
    edges = result.edges
    start: State = (s.start, tuple(s.variables[n] for n in sorted(s.variables)))
    cyclic = _has_cycle(start, edges)

    @cache
    def count(state: State) -> int:
        if s.nodes[state[0]].ending:
            return 1
        return min(PATH_LIMIT, sum(count(t) for t in edges.get(state, [])))

    report.paths = None if cyclic else count(start)
    shortest = _shortest(start, edges)
    longest = None if cyclic else _longest(start, edges)
    for state, steps in shortest.items():
        node = s.nodes[state[0]]
        if node.ending:
            best = report.endings.get(node.id, (steps, 0))
            low = min(best[0], steps)
            high = None if cyclic else max(best[1] or 0, longest.get(state, steps))
            report.endings[node.id] = (low, high)
            report.outcomes[node.id] = node.ending
    return report


def _has_cycle(start: State, edges: dict[State, list[State]]) -> bool:
    colour: dict[State, int] = {}
    stack = [(start, iter(edges.get(start, [])))]
    colour[start] = 1
    while stack:
        state, children = stack[-1]
        child = next(children, None)
        if child is None:
            colour[state] = 2
            stack.pop()
        elif colour.get(child) == 1:
            return True
        elif child not in colour:
            colour[child] = 1
            stack.append((child, iter(edges.get(child, []))))
    return False


def _shortest(start: State, edges: dict[State, list[State]]) -> dict[State, int]:
    distance = {start: 0}
    frontier = [start]
    while frontier:
        following = []
        for state in frontier:
            for target in edges.get(state, []):
                if target not in distance:
                    distance[target] = distance[state] + 1
                    following.append(target)
        frontier = following
    return distance


def _longest(start: State, edges: dict[State, list[State]]) -> dict[State, int]:
    """Longest distance from start to each state, on an acyclic state graph."""
    order, seen = [], set()
    stack = [(start, False)]
    while stack:
        state, done = stack.pop()
        if done:
            order.append(state)
            continue
        if state in seen:
            continue
        seen.add(state)
        stack.append((state, True))
        stack.extend((t, False) for t in edges.get(state, []) if t not in seen)
    longest = {start: 0}
    for state in reversed(order):
        for target in edges.get(state, []):
            longest[target] = max(longest.get(target, 0), longest.get(state, 0) + 1)
    return longest


def format_report(items: list[model.Item]) -> str:
    lines = []
    for item in sorted(items, key=lambda i: (i.kind, i.id)):
        if isinstance(item, model.Scenario):
            r = scenario_report(item)
            paths = (
                "unbounded (a loop)"
                if r.paths is None
                else (f"more than {PATH_LIMIT:,}" if r.paths >= PATH_LIMIT else str(r.paths))
            )
            lines.append(f"scenario {r.id}: {r.title}")
            lines.append(f"  decision points: {r.decisions}; distinct paths: {paths}; about {r.minutes} minutes")
            if not r.endings:
                lines.append("  endings reachable: none")
            for node_id, (low, high) in sorted(r.endings.items()):
                span = f"{low} to {'unbounded' if high is None else high}" if high != low else str(low)
                lines.append(f"  ending {node_id} ({r.outcomes[node_id]}): {span} steps")
        else:
            types = Counter(q.type for q in item.questions)
            themes = Counter(q.theme or "(no theme)" for q in item.questions)
            lines.append(f"quiz {item.id}: {item.title}")
            lines.append(f"  {len(item.questions)} questions, pass mark {item.pass_mark}%")
            lines.append("  by type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
            lines.append("  by theme: " + ", ".join(f"{t} {n}" for t, n in sorted(themes.items())))
    return "\n".join(lines)
