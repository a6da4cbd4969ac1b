"""`build.py report`: what each scenario and quiz holds, for trainers and reviewers: as
text, or (`report_data`, `--format json`) as data with everything the text says.

Paths are counted over the reachable (node, variables) states, so conditions
and memory are taken into account, not only the arrows. Times come from
check/durations.py (words read, decisions, reflections)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..check import durations
from ..check.paths import State, explore, poor_choices_before, post_order
from ..load import model
from .memo import per_item

PATH_LIMIT = 10**9  # counts above this are shown as "more than"


@dataclass
class ScenarioReport:
    id: str
    title: str
    decisions: int
    endings: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # node id -> (shortest, longest)
    outcomes: dict[str, str] = field(default_factory=dict)  # ending node id -> good/mixed/poor
    paths: int | None = 0  # None when a loop makes them unbounded
    minutes: int = 0  # the scenario's `duration`, or the estimate of its quickest way through
    estimate: tuple[int, int | None] | None = None  # minutes: quickest and longest way through
    poor_before: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # ending -> (node, n, choice)


def scenario_report(s: model.Scenario) -> ScenarioReport:
    report = ScenarioReport(s.id, s.title, sum(1 for n in s.nodes.values() if n.choices))
    report.minutes = s.duration or 1
    if s.start not in s.nodes:
        return report
    result = explore(s)
    estimate = durations.scenario_estimate(s, result) if result.complete else None
    if estimate is not None:
        longest = None if estimate.longest is None else durations.minutes(estimate.longest)
        report.estimate = (durations.minutes(estimate.shortest), longest)
        report.minutes = s.duration or report.estimate[0]
    if result.complete:
        for ending, moves in poor_choices_before(s, result).items():
            report.poor_before[ending] = [(at, n, s.nodes[at].choices[n].text) for at, n in moves]  # type: ignore[index]
    edges = result.edges
    start: State = (s.start, tuple(s.variables[n] for n in sorted(s.variables)))
    cyclic = post_order(start, edges) is None

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


def quiz_summary(q: model.Quiz) -> dict[str, Any]:
    return {
        "id": q.id,
        "title": q.title,
        "questions": len(q.questions),
        "pass_mark": q.pass_mark,
        "by_type": dict(sorted(Counter(question.type for question in q.questions).items())),
        "by_theme": dict(sorted(Counter(question.theme or "(no theme)" for question in q.questions).items())),
        "duration": q.duration,
        "estimated_minutes": durations.minutes(durations.quiz_seconds(q)),
    }


def report_data(
    items: list[model.Item],
    docs_dir: Path | None = None,
    required: object = "all",
    estimates: dict[tuple[str, str], float | None] | None = None,
) -> dict[str, Any]:
    """Everything the report says, as data (`build.py report --format json`). `estimates`:
    the items' seconds as the check worked them out; without them, worked out here."""
    scenarios, quizzes = [], []
    if estimates is None:
        estimates = {(item.kind, item.id): durations.item_seconds(item) for item in items}
    for item in sorted(items, key=lambda i: (i.kind, i.id)):
        if isinstance(item, model.Quiz):
            quizzes.append(per_item(quiz_summary, item))  # kept while serve runs (memo.py)
            continue
        r = per_item(scenario_report, item)
        scenarios.append(
            {
                "id": r.id,
                "title": r.title,
                "decisions": r.decisions,
                "paths": r.paths,  # None: unbounded (a loop); PATH_LIMIT or more: "more than"
                "duration": item.duration,
                "estimated_minutes": None
                if r.estimate is None
                else {"shortest": r.estimate[0], "longest": r.estimate[1]},
                "endings": [
                    {
                        "id": node_id,
                        "outcome": r.outcomes[node_id],
                        "steps": {"shortest": low, "longest": high},
                        "poor_choices_before": [
                            {"node": at, "choice": n + 1, "text": text}
                            for at, n, text in r.poor_before.get(node_id, [])
                        ],
                    }
                    for node_id, (low, high) in sorted(r.endings.items())
                ],
            }
        )
    pages = durations.reading_pages(docs_dir) if docs_dir else []
    module = durations.minutes(durations.module_seconds(estimates, items, docs_dir, required)) if docs_dir else None
    return {
        "rates": {
            "words_per_minute": durations.WORDS_PER_MINUTE,
            "seconds_per_decision": durations.SECONDS_PER_DECISION,
            "seconds_per_reflection": durations.SECONDS_PER_REFLECTION,
        },
        "module_minutes": module,
        "pages": [
            {"path": page.relative_to(docs_dir).as_posix(), "minutes": durations.minutes(durations.page_seconds(page))}
            for page in pages
        ],
        "scenarios": scenarios,
        "quizzes": quizzes,
    }


def format_report(items: list[model.Item], docs_dir: Path | None = None, required: object = "all") -> str:
    return format_report_data(report_data(items, docs_dir, required))


def _span(low: int, high: int | None, unit: str) -> str:
    if high == low:
        return f"{low} {unit}"
    return f"{low} to {'unbounded' if high is None else high} {unit}"


def format_report_data(data: dict[str, Any]) -> str:
    rates = data["rates"]
    lines = [
        f"times at {rates['words_per_minute']} words a minute, {rates['seconds_per_decision']} s a decision or "
        f"question, {rates['seconds_per_reflection']} s a reflection"
    ]
    if data["module_minutes"] is not None:
        lines.append(f"module: about {data['module_minutes']} minutes (reading pages and required items)")
        lines.extend(f"  page {page['path']}: about {page['minutes']} minutes" for page in data["pages"])
    for s in data["scenarios"]:
        paths = (
            "unbounded (a loop)"
            if s["paths"] is None
            else (f"more than {PATH_LIMIT:,}" if s["paths"] >= PATH_LIMIT else str(s["paths"]))
        )
        estimate = s["estimated_minutes"]
        took = "" if estimate is None else f"; takes {_span(estimate['shortest'], estimate['longest'], 'minutes')}"
        lines.append(f"scenario {s['id']}: {s['title']}")
        lines.append(f"  decision points: {s['decisions']}; distinct paths: {paths}{took}")
        if not s["endings"]:
            lines.append("  endings reachable: none")
        for ending in s["endings"]:
            steps = ending["steps"]
            lines.append(
                f"  ending {ending['id']} ({ending['outcome']}): {_span(steps['shortest'], steps['longest'], 'steps')}"
            )
            for poor in ending["poor_choices_before"]:
                lines.append(f"    after the poor choice '{poor['text']}' at node '{poor['node']}'")
    for q in data["quizzes"]:
        lines.append(f"quiz {q['id']}: {q['title']}")
        lines.append(
            f"  {q['questions']} questions, pass mark {q['pass_mark']}%; takes about {q['estimated_minutes']} minutes"
        )
        lines.append("  by type: " + ", ".join(f"{t} {n}" for t, n in q["by_type"].items()))
        lines.append("  by theme: " + ", ".join(f"{t} {n}" for t, n in q["by_theme"].items()))
    return "\n".join(lines)
