"""Generate a module of many scenarios and quizzes, valid to authoring format v1."""

from __future__ import annotations

from pathlib import Path


def scenario_yaml(number: int, nodes: int) -> str:
    lines = [
        "kind: scenario",
        f"title: Generated scenario {number}",
        "role: Health visitor",
        "summary: A generated scenario for measuring the checker.",
        "variables: {told_gp: false, concern: 0}",
        "dimensions: {timeliness: Acting in time}",
        "start: n0",
        "nodes:",
    ]
    last = nodes - 3  # the last three nodes are endings
    for i in range(last):
        following = min(i + 1, last)
        skip = min(i + 2, last)
        lines += [
            f"  n{i}:",
            f"    title: Step {i}",
            f"    text: Step {i} of a generated scenario. What do you do next?",
            "    choices:",
            f"      - text: Go on to step {following}",
            f"        goto: {'good' if following == last else f'n{following}'}",
            "        rating: best",
            "        feedback: Good.",
            "        score: {timeliness: 1}",
            "        set: {told_gp: true}",
            f"      - text: Skip to step {skip}",
            f"        goto: {'mixed' if skip == last else f'n{skip}'}",
            "        rating: acceptable",
            "        add: {concern: 1}",
            "        if: concern < 3",
            "      - text: Stop here",
            "        goto: poor",
            "        rating: poor",
            "        if: not told_gp or concern >= 0",
        ]
    for name, outcome in (("good", "good"), ("mixed", "mixed"), ("poor", "poor")):
        lines += [f"  {name}:", f"    ending: {outcome}", f"    text: The {outcome} ending."]
    return "\n".join(lines) + "\n"


def quiz_yaml(number: int, questions: int) -> str:
    lines = ["kind: quiz", f"title: Generated quiz {number}", "pass_mark: 80", "questions:"]
    for i in range(questions):
        lines += [
            f"  - id: q{i}",
            "    type: single",
            f"    prompt: Question {i}?",
            "    options:",
            "      - {text: Right, correct: true}",
            "      - {text: Wrong, feedback: Not this one.}",
            "    explanation: Because.",
        ]
    return "\n".join(lines) + "\n"


def generate(root: Path, scenarios: int, quizzes: int, nodes: int = 50, questions: int = 20) -> Path:
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Generated module\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Generated\n", encoding="utf-8")
    for n in range(scenarios):
        (root / "scenarios" / f"scenario-{n}.yml").write_text(scenario_yaml(n, nodes), encoding="utf-8")
    for n in range(quizzes):
        (root / "scenarios" / f"quiz-{n}.yml").write_text(quiz_yaml(n, questions), encoding="utf-8")
    return root / "mkdocs.yml"
