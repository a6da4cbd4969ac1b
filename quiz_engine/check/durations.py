"""How long things take, worked out rather than claimed: from the words a learner reads
(WORDS_PER_MINUTE), each decision or question (SECONDS_PER_DECISION) and each reflection
prompt (SECONDS_PER_REFLECTION). A scenario's shortest and longest ways through are
found over its reachable (node, variables) states, so conditions count."""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..load import model
from ..load.diagnostics import Diagnostic
from .context import diag
from .paths import Exploration, State, explore, post_order

WORDS_PER_MINUTE = 200
SECONDS_PER_DECISION = 20  # choosing, or answering a question
SECONDS_PER_REFLECTION = 60  # thinking and writing a few lines
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|^///.*$|\{[:#.][^}]*\}", re.MULTILINE)  # tags, link targets, blocks, attrs


def words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def reading(*texts: str | None) -> float:
    """Seconds to read `texts`."""
    return sum(words(t) for t in texts) * 60 / WORDS_PER_MINUTE


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def node_seconds(node: model.Node) -> float:
    """One visit of a node: its text and the mean of its `when:` paragraphs; at a decision,
    its choices, the mean of their feedback and the time to choose; its reflection prompt."""
    seconds = reading(node.title, node.text, node.debrief)
    seconds += _mean([words(p.text) for p in node.when]) * 60 / WORDS_PER_MINUTE
    if node.choices:
        seconds += reading(*(c.text for c in node.choices)) + SECONDS_PER_DECISION
        seconds += _mean([words(c.feedback) for c in node.choices]) * 60 / WORDS_PER_MINUTE
    if node.reflect:
        seconds += reading(node.reflect) + SECONDS_PER_REFLECTION
    return seconds


@dataclass(frozen=True)
class Estimate:
    shortest: float  # seconds, the quickest way to an ending
    longest: float | None  # None where a loop makes it unbounded

    @property
    def typical(self) -> float:
        """The scenario's time for the module's estimate: midway between its quickest and
        longest ways through (the quickest alone where a loop makes the longest unbounded)."""
        return self.shortest if self.longest is None else (self.shortest + self.longest) / 2


def scenario_estimate(s: model.Scenario, result: Exploration) -> Estimate | None:
    """None if no ending can be reached."""
    cost = {node_id: node_seconds(node) for node_id, node in s.nodes.items()}
    intro = reading(s.summary, s.content_note)
    if not result.edges:
        return None
    start = next(iter(result.edges))  # explored first
    endings = {state for state in result.states if s.nodes[state[0]].ending is not None}
    shortest = _shortest(start, result.edges, cost, endings)
    if shortest is None:
        return None
    longest = _longest(start, result.edges, cost, endings)
    return Estimate(intro + shortest, None if longest is None else intro + longest)


def _shortest(start: State, edges: dict[State, list[State]], cost: dict[str, float], ends: set[State]) -> float | None:
    done: set[State] = set()
    queue = [(cost[start[0]], 0, start)]
    tie = 0
    while queue:
        seconds, _, state = heapq.heappop(queue)
        if state in done:
            continue
        if state in ends:
            return seconds
        done.add(state)
        for target in edges.get(state, []):
            if target not in done:
                tie += 1
                heapq.heappush(queue, (seconds + cost[target[0]], tie, target))
    return None


def _longest(start: State, edges: dict[State, list[State]], cost: dict[str, float], ends: set[State]) -> float | None:
    """The longest way to an ending, or None where a loop makes it unbounded."""
    order = post_order(start, edges)
    if order is None:
        return None
    best: dict[State, float] = {}
    for state in order:  # children before parents
        ways = [best[t] for t in edges.get(state, []) if t in best]
        if state in ends or ways:
            best[state] = cost[state[0]] + (max(ways) if ways and state not in ends else 0)
    return best.get(start)


def item_seconds(item: model.Item) -> float | None:
    """An item's time for the module's estimate (see Estimate.typical); None if it cannot be worked out."""
    if isinstance(item, model.Quiz):
        return quiz_seconds(item)
    if item.start not in item.nodes:
        return None
    result = explore(item)
    estimate = scenario_estimate(item, result) if result.complete else None
    return None if estimate is None else estimate.typical


def quiz_seconds(q: model.Quiz) -> float:
    seconds = reading(q.intro)
    for question in q.questions:
        seconds += reading(question.prompt, question.explanation) + SECONDS_PER_DECISION
        seconds += reading(*(o.text for o in question.options), *question.items)
        seconds += reading(*(f"{p.left} {p.right}" for p in question.pairs))
        seconds += _mean([words(o.feedback) for o in question.options]) * 60 / WORDS_PER_MINUTE
    return seconds


def page_seconds(page: Path) -> float:
    """A briefing page: its words, without markup, link targets and embed blocks."""
    source = _page_text(page)
    if source not in _seconds:
        text = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.DOTALL)  # front matter
        _seconds[source] = reading(_MARKUP.sub(" ", text))
    return _seconds[source]


NOT_READ = ("help", "trainers", "maps")  # folders of pages a learner looks up, rather than reads through
NOT_READ_ELEMENTS = ("<module-certificate", "<my-reflections")  # pages that gather what was done


# A page whose front matter says `cpd: false` (a sheet for a team meeting after the module).
NOT_TIMED = re.compile(r"\A---\n(?:.*\n)*?cpd:\s*false\s*\n(?:.*\n)*?---\n")


def reading_pages(docs_dir: Path) -> list[Path]:
    """The pages a learner reads through: every Markdown page but those in NOT_READ folders,
    those that only gather what the learner has done (certificate, reflections), and those
    whose front matter says `cpd: false`."""
    if not docs_dir.is_dir():
        return []
    found = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = _page_text(page)
        if page.relative_to(docs_dir).parts[0] in NOT_READ or NOT_TIMED.match(text):
            continue
        if not any(element in text for element in NOT_READ_ELEMENTS):
            found.append(page)
    return found


_seconds: dict[str, float] = {}  # by a page's text
_texts: dict[Path, tuple[tuple[int, int], str]] = {}  # a build reads every page three times; serve, build after build


def _page_text(page: Path) -> str:
    status = page.stat()
    stamp = (status.st_mtime_ns, status.st_size)
    kept = _texts.get(page)
    if kept is None or kept[0] != stamp:
        kept = _texts[page] = (stamp, page.read_text(encoding="utf-8", errors="replace"))
    return kept[1]


def is_required(item: model.Item, required: object) -> bool:
    """`extra.module.required`: "all" (the default) or a list of ids."""
    return required == "all" or (isinstance(required, list) and item.id in required)


def pages_seconds(docs_dir: Path) -> float:
    return sum(page_seconds(page) for page in reading_pages(docs_dir))


def items_seconds(estimates: dict[tuple[str, str], float | None], items: list[model.Item], required: object) -> float:
    """Every required item. An item with no estimate counts its `duration`."""
    seconds = 0.0
    for item in items:
        if is_required(item, required):
            estimate = estimates.get((item.kind, item.id))
            seconds += estimate if estimate is not None else (item.duration or 0) * 60
    return seconds


def module_seconds(
    estimates: dict[tuple[str, str], float | None], items: list[model.Item], docs_dir: Path, required: object
) -> float:
    """The reading pages and every required item."""
    return pages_seconds(docs_dir) + items_seconds(estimates, items, required)


def minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def _in_minutes(n: int) -> str:
    return f"{n} minute" if n == 1 else f"{n} minutes"


def check_scenario_duration(s: model.Scenario, estimate: Estimate | None) -> Iterator[Diagnostic]:
    if s.duration is None or estimate is None or s.duration >= minutes(estimate.shortest):
        return
    yield diag(
        s, s.where("duration"), "warning", "duration-understated",
        f"'duration' is {_in_minutes(s.duration)}, but even the quickest way through takes about "
        f"{_in_minutes(minutes(estimate.shortest))} ({WORDS_PER_MINUTE} words a minute, {SECONDS_PER_DECISION} s a decision, "
        f"{SECONDS_PER_REFLECTION} s a reflection); set it to at least {minutes(estimate.shortest)}.",
    )  # fmt: skip


def check_quiz_duration(q: model.Quiz) -> Iterator[Diagnostic]:
    estimate = minutes(quiz_seconds(q))
    if q.duration is not None and q.duration < estimate:
        yield diag(
            q, q.where("duration"), "warning", "duration-understated",
            f"'duration' is {_in_minutes(q.duration)}, but reading and answering every question takes about "
            f"{_in_minutes(estimate)} "
            f"({WORDS_PER_MINUTE} words a minute, {SECONDS_PER_DECISION} s a question); set it to at least {estimate}.",
        )  # fmt: skip
