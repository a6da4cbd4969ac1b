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


# A module with realistic text lengths, for build and page benchmarks. The words
# are chosen deterministically, so two runs write the same files.

WORDS = (
    "the health visitor sees that the baby has lost weight and the flat is cold while mum says she is managing "
    "fine but the medicine chart has gaps and the clinic letters are unopened so you record exactly what you saw "
    "and heard and speak to the social worker today about what this means for the child"
).split()


def sentence(seed: int, words: int = 14) -> str:
    picked = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def paragraph(seed: int, sentences: int = 4) -> str:
    return " ".join(sentence(seed * 31 + i) for i in range(sentences))


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines())


def rich_scenario_yaml(number: int, nodes: int = 15) -> str:
    """A scenario of `nodes` nodes (the last three are endings) with text as long as the real ones."""
    last = nodes - 3
    lines = [
        "kind: scenario",
        f"title: Generated scenario {number}",
        "role: Health visitor",
        f"summary: {sentence(number, 30)}",
        "duration: 10",
        "variables: {told_gp: false, concern: 0}",
        "dimensions: {timeliness: Acting in time, sharing: Sharing information}",
        "sources:",
        "  - title: Working Together to Safeguard Children 2023",
        "    url: https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        "start: n0",
        "nodes:",
    ]
    for i in range(last):
        following = "good" if i + 1 == last else f"n{i + 1}"
        skip = "mixed" if i + 2 >= last else f"n{i + 2}"
        text = f"{paragraph(number * 100 + i)}\n\n{paragraph(number * 100 + i + 50, 3)}"
        lines += [
            f"  n{i}:",
            f"    title: Step {i} of scenario {number}",
            f"    text: {_block(text, 6)}",
            "    choices:",
            f"      - text: {sentence(i, 12)}",
            f"        goto: {following}",
            "        rating: best",
            f"        feedback: {sentence(i + 1, 30)}",
            "        score: {timeliness: 1}",
            "        set: {told_gp: true}",
            f"      - text: {sentence(i + 2, 12)}",
            f"        goto: {skip}",
            "        rating: acceptable",
            f"        feedback: {sentence(i + 3, 30)}",
            "        add: {concern: 1}",
            "        if: concern < 3",
            f"      - text: {sentence(i + 4, 12)}",
            "        goto: poor",
            "        rating: poor",
            f"        feedback: {sentence(i + 5, 30)}",
            "        score: {sharing: -1}",
        ]
    for name, outcome in (("good", "good"), ("mixed", "mixed"), ("poor", "poor")):
        lines += [
            f"  {name}:",
            f"    ending: {outcome}",
            f"    title: The {outcome} ending",
            f"    text: {_block(paragraph(number + len(name)), 6)}",
            f"    debrief: {_block(paragraph(number + 7, 3), 6)}",
        ]
    return "\n".join(lines) + "\n"


def rich_quiz_yaml(number: int, questions: int = 10) -> str:
    lines = [
        "kind: quiz",
        f"title: Generated quiz {number}",
        f"intro: {sentence(number, 25)}",
        "pass_mark: 80",
        "questions:",
    ]
    for i in range(questions):
        lines += [
            f"  - id: q{i}",
            "    type: single",
            f"    prompt: {sentence(number + i, 18)}?",
            "    options:",
            f"      - {{text: {sentence(i, 10)}, correct: true}}",
            f"      - text: {sentence(i + 1, 10)}",
            f"        feedback: {sentence(i + 2, 20)}",
            f"      - text: {sentence(i + 3, 10)}",
            f"        feedback: {sentence(i + 4, 20)}",
            f"    explanation: {sentence(i + 5, 30)}",
        ]
    return "\n".join(lines) + "\n"


def briefing_page(number: int, embed: str | None = None) -> str:
    """A hand-written page of about 4 KB, like the briefing pages; `embed` is e.g. 'scenario | scenario-3'."""
    parts = [f"# Briefing page {number}", "", paragraph(number), ""]
    for section in range(4):
        parts += [
            f"## Part {section + 1}",
            "",
            paragraph(number * 5 + section),
            "",
            paragraph(number * 9 + section),
            "",
        ]
        parts += [f"- {sentence(number + section + k, 10)}" for k in range(3)] + [""]
    if embed:
        parts += [f"/// {embed}", "///", ""]
    return "\n".join(parts)


def plain_page(number: int, chars: int) -> str:
    """A plain Markdown page of about `chars` characters, headings and paragraphs only."""
    parts, size, section = [f"# Page {number}", ""], 0, 0
    while size < chars:
        text = paragraph(number * 13 + section)
        parts += [f"## Part {section + 1}", "", text, ""]
        size += len(text) + 12
        section += 1
    return "\n".join(parts)


PART_SIZE = 20  # briefing pages per folder: a trainer groups hand-written pages into sections


def generate_module(
    root: Path, config_text: str, scenarios: int, quizzes: int, pages: int, nodes: int = 15, questions: int = 10
) -> Path:
    """Scenarios, quizzes and briefing pages (in folders of PART_SIZE; every tenth page
    embeds a scenario) under `root`."""
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "briefing").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(f"# Generated module\n\n{paragraph(1)}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    for n in range(scenarios):
        (root / "scenarios" / f"scenario-{n}.yml").write_text(rich_scenario_yaml(n, nodes), encoding="utf-8")
    for n in range(quizzes):
        (root / "scenarios" / f"quiz-{n}.yml").write_text(rich_quiz_yaml(n, questions), encoding="utf-8")
    for n in range(pages):
        embed = f"scenario | scenario-{n % scenarios}" if scenarios and n % 10 == 0 else None
        folder = root / "docs" / "briefing" / f"part-{n // PART_SIZE + 1:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"page-{n:04d}.md").write_text(briefing_page(n, embed), encoding="utf-8")
    return root / "mkdocs.yml"


def chain_scenario_yaml(steps: int) -> str:
    """One scenario of `steps` decision steps in a chain (two choices each, no feedback), then an ending."""
    lines = [
        "kind: scenario",
        "id: long-chain",
        "title: A long chain of steps",
        "variables: {concern: 0}",
        "dimensions: {timeliness: Acting in time}",
        "start: n0",
        "nodes:",
    ]
    for i in range(steps):
        following = "end" if i + 1 == steps else f"n{i + 1}"
        lines += [
            f"  n{i}:",
            f"    title: Step {i}",
            f"    text: {_block(paragraph(i), 6)}",
            "    choices:",
            f"      - text: {sentence(i, 10)}",
            f"        goto: {following}",
            "        rating: best",
            "        score: {timeliness: 1}",
            f"      - text: {sentence(i + 1, 10)}",
            f"        goto: {following}",
            "        add: {concern: 1}",
        ]
    lines += ["  end:", "    ending: good", f"    text: {sentence(3, 12)}"]
    return "\n".join(lines) + "\n"
