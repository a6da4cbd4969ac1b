"""Insights from 10,000, 50,000 and 100,000 generated learning records (xAPI statements in
a JSON Lines file, shaped as the runtime sends them): the seconds to read and summarise
them and write the report, and the peak memory of that (tracemalloc), which should stay
flat (statements are streamed; memory grows with learners, not records), with the time
growing linearly.

Run: .venv/bin/python benchmarks/insights.py [--learners 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from quiz_engine.insights.read import statements_from_file
from quiz_engine.insights.report import report_html
from quiz_engine.insights.summarise import summarise

SITE = "https://training.example.org/baby-k/"
ADL = "http://adlnet.gov/expapi/"
DECISIONS, CHOICES, QUESTIONS = 4, 3, 4
SIZES = (10_000, 50_000, 100_000)


def _activity(path: str, kind: str, name: str, **extra: object) -> dict:
    return {
        "objectType": "Activity",
        "id": SITE + path,
        "definition": {"type": ADL + "activities/" + kind, "name": {"en-GB": name}, **extra},
    }


SCENARIO = _activity("scenarios/visit", "simulation", "A home visit")
QUIZ = _activity("quizzes/sharing", "assessment", "Sharing information")
MODULE = _activity("", "course", "Baby K and Child M")
PATHWAYS = [_activity(f"pathways/{p}", "module", title) for p, title in (("gp", "GP"), ("school", "School"))]


def _decision(n: int) -> dict:
    choices = [{"id": f"c{i + 1}", "description": {"en-GB": f"Option {i + 1} at step {n + 1}"}} for i in range(CHOICES)]
    return _activity(
        f"scenarios/visit/nodes/step-{n + 1}",
        "cmi.interaction",
        f"Step {n + 1}",
        interactionType="choice",
        choices=choices,
    )


def _question(n: int) -> dict:
    choices = [{"id": f"o{i + 1}", "description": {"en-GB": f"Answer {i + 1} to question {n + 1}"}} for i in range(3)]
    return _activity(
        f"quizzes/sharing/questions/q{n + 1}", "cmi.interaction", f"Question {n + 1}",
        interactionType="choice", correctResponsesPattern=["o1"], choices=choices,
    )  # fmt: skip


def _statement(
    rng: random.Random,
    actor: dict,
    grouping: list,
    when: datetime,
    verb: str,
    obj: dict,
    result: dict,
    parent: dict | None,
) -> dict:
    context = {"contextActivities": {"grouping": grouping, **({"parent": [parent]} if parent else {})}}
    uid = f"{rng.getrandbits(32):08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
    return {"id": uid, "actor": actor, "verb": {"id": ADL + "verbs/" + verb}, "object": obj, "result": result,
            "context": context, "timestamp": when.isoformat()}  # fmt: skip


def _play(rng: random.Random, learner: int, when: datetime) -> list[dict]:
    """One learner's play of the scenario (a quarter stop early) and attempt at the quiz."""
    actor = {"objectType": "Agent", "account": {"homePage": SITE, "name": f"learner-{learner:05d}"}}
    grouping = [MODULE] + ([PATHWAYS[learner % 2]] if learner % 3 else [])
    parts: list[tuple[str, dict, dict, dict | None]] = []
    steps = rng.choice([2, 4, 4, 4])
    for n in range(steps):
        choice = f"c{rng.choices([1, 2, 3], [6, 3, 1])[0]}"
        parts.append(("answered", _decision(n), {"response": choice, "duration": "PT20S"}, SCENARIO))
    if steps == DECISIONS:
        ext = {SITE + "xapi/outcome": rng.choice(["good", "good", "mixed", "poor"]), SITE + "xapi/path-length": 5}
        parts.append(
            (
                "completed",
                SCENARIO,
                {"completion": True, "extensions": ext, "duration": f"PT{rng.randint(200, 600)}S"},
                None,
            )
        )
    right = 0
    for n in range(QUESTIONS):
        ok = rng.random() < 0.7
        right += ok
        response = "o1" if ok else rng.choice(["o2", "o3"])
        parts.append(("answered", _question(n), {"success": ok, "response": response, "duration": "PT15S"}, QUIZ))
    verb = "passed" if right / QUESTIONS >= 0.75 else "failed"
    parts.append((verb, QUIZ, {"score": {"scaled": right / QUESTIONS}, "duration": "PT80S"}, None))
    found = []
    for verb, obj, result, parent in parts:
        when += timedelta(seconds=rng.randint(10, 90))
        found.append(_statement(rng, actor, grouping, when, verb, obj, result, parent))
    return found


def generated_statements(count: int, learners: int = 1000, seed: int = 1) -> Iterator[dict]:
    """`count` statements from `learners` learners, each playing the scenario and taking
    the quiz, again and again; deterministic for a seed."""
    rng = random.Random(seed)
    start = datetime(2027, 1, 4, 9, tzinfo=UTC)
    made, play = 0, 0
    while True:
        for s in _play(rng, play % learners, start + timedelta(minutes=play)):
            if made == count:
                return
            made += 1
            yield s
        play += 1


def write_jsonl(path: Path, count: int, learners: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for s in generated_statements(count, learners):
            file.write(json.dumps(s) + "\n")


def measure(path: Path) -> tuple[float, float, float]:
    """Wall-clock and CPU seconds of a plain run (CPU: what other work on the machine does not
    change), then the peak memory of another run under tracemalloc (which slows it)."""
    begun, cpu = time.perf_counter(), time.process_time()
    html = report_html(summarise(statements_from_file(path)))
    seconds, cpu = time.perf_counter() - begun, time.process_time() - cpu
    tracemalloc.start()
    report_html(summarise(statements_from_file(path)))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert "Insights" in html
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"{size}.jsonl"
            write_jsonl(path, size, args.learners)
            seconds, cpu, peak = measure(path)
            rows.append((size, seconds, cpu, peak, path.stat().st_size / 2**20))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"insights: {args.learners} learners; read the file, summarise, write the report's HTML (load average {load})"
    )
    print(f"{'statements':>10} {'file MB':>8} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} {'CPU µs/statement':>17}")
    for size, seconds, cpu, peak, megabytes in rows:
        print(f"{size:>10,} {megabytes:>8.1f} {seconds:>8.2f} {cpu:>8.2f} {peak:>8.1f} {cpu / size * 1e6:>17.1f}")
    (small, _, c_small, m_small, _), (big, _, c_big, m_big, _) = rows[0], rows[-1]
    print(
        f"growth {small:,} -> {big:,} statements (x{big / small:.0f}): CPU time x{c_big / c_small:.1f}, peak memory x{m_big / m_small:.2f}"
    )


if __name__ == "__main__":
    main()
