"""Insights: one pass over the statements (in any order: an LRS gives the newest first),
keeping per learner only what the report needs: their first choice at each decision,
first answer to each question, first ending and last decision of each scenario. Memory
grows with learners and activities, not with statements.

Statements are recognised by the standard verbs and activity types the module sends
(runtime/xapi-statements.js); others (another course's, say) are counted and left out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

ADL = "http://adlnet.gov/expapi/"
ANSWERED, COMPLETED, PASSED, FAILED = (ADL + "verbs/" + v for v in ("answered", "completed", "passed", "failed"))
COURSE, PATHWAY, SIMULATION, ASSESSMENT, INTERACTION = (
    ADL + "activities/" + t for t in ("course", "module", "simulation", "assessment", "cmi.interaction")
)
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")

Actor = str
When = datetime


def seconds(duration: object) -> float | None:
    """An ISO 8601 duration (PT1M2.5S) in seconds, or None."""
    match = _DURATION.match(duration) if isinstance(duration, str) else None
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, secs = (float(g) if g else 0.0 for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + secs


def name_of(activity: dict) -> str:
    names = activity.get("definition", {}).get("name") or {}
    return names.get("en-GB") or next(iter(names.values()), None) or activity.get("id", "")


def _components(definition: dict) -> dict[str, str]:
    found = {}
    for key in ("choices", "source", "target"):
        for part in definition.get(key) or []:
            if isinstance(part, dict) and "id" in part:
                words = part.get("description") or {}
                found[part["id"]] = words.get("en-GB") or next(iter(words.values()), part["id"])
    return found


def _extension(result: dict, suffix: str) -> object:
    return next((v for k, v in (result.get("extensions") or {}).items() if k.endswith(suffix)), None)


@dataclass
class Decision:
    name: str
    choices: dict[str, str]  # choice id -> its text, in the scenario's order
    first: dict[Actor, tuple[When, str]] = field(default_factory=dict)  # each learner's first choice here


@dataclass
class Question:
    name: str
    components: dict[str, str]
    first: dict[Actor, tuple[When, bool]] = field(default_factory=dict)  # right at the first answer?
    wrong: Counter = field(default_factory=Counter)  # wrong responses, each time given
    times: Counter = field(default_factory=Counter)  # seconds (whole) -> how often


@dataclass
class Item:
    """A scenario or a quiz, with the per-learner facts the report needs."""

    kind: str
    name: str
    key: str = ""  # its activity id
    decisions: dict[str, Decision] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    endings: dict[Actor, tuple[When, str, str]] = field(default_factory=dict)  # first (when, outcome, name)
    last: dict[Actor, tuple[When, str]] = field(default_factory=dict)  # latest decision (when, decision id)
    learners: set[Actor] = field(default_factory=set)
    finished: set[Actor] = field(default_factory=set)  # reached an ending / ended an attempt
    passed: set[Actor] = field(default_factory=set)
    times: Counter = field(default_factory=Counter)  # seconds of each play or attempt, counted: memory stays flat


@dataclass
class Pathway:
    name: str
    learners: set[Actor] = field(default_factory=set)
    completed: set[Actor] = field(default_factory=set)
    items: dict[str, Item] = field(default_factory=dict)  # item id -> the pathway's learners' facts


class Summary:
    def __init__(self) -> None:
        self.module = ""
        self.items: dict[str, Item] = {}
        self.pathways: dict[str, Pathway] = {}
        self.learners: set[Actor] = set()
        self.completed: set[Actor] = set()
        self.statements = 0
        self.other = 0  # statements that are not of this kind of module
        self.first: When | None = None
        self.last: When | None = None

    def add(self, statement: dict) -> None:
        self.statements += 1
        try:
            actor = _actor(statement["actor"])
            verb, obj = statement["verb"]["id"], statement["object"]
            when = _when(statement.get("timestamp") or statement["stored"])
            result = statement.get("result") or {}
            context = statement.get("context") or {}
        except (KeyError, TypeError, ValueError):
            self.other += 1
            return
        kind = obj.get("definition", {}).get("type")
        parents = (context.get("contextActivities") or {}).get("parent") or [{}]
        pathway = next(
            (a for a in (context.get("contextActivities") or {}).get("grouping") or [] if _type(a) == PATHWAY), None
        )
        if verb == ANSWERED and kind == INTERACTION and _type(parents[0]) in (SIMULATION, ASSESSMENT):
            item = self._item(parents[0])
            self._answer(item, obj, result, actor, when)
        elif verb == COMPLETED and kind == SIMULATION:
            item = self._item(obj)
            outcome = str(_extension(result, "/outcome") or "")
            ending = str(_extension(result, "/ending") or outcome)
            if actor not in item.endings or when < item.endings[actor][0]:
                item.endings[actor] = (when, outcome, ending)
        elif verb in (PASSED, FAILED) and kind == ASSESSMENT:
            item = self._item(obj)
            if verb == PASSED:
                item.passed.add(actor)
        elif verb == COMPLETED and kind in (COURSE, PATHWAY):
            self.module = self.module or (name_of(obj) if kind == COURSE else "")
            target = self.pathways.setdefault(obj["id"], Pathway(name_of(obj))) if kind == PATHWAY else self
            target.completed.add(actor)
            return
        else:
            self.other += 1
            return
        self._seen(item, actor, when)
        if verb != ANSWERED:
            self._finished(item, actor, result)
        if pathway is not None:
            self._for_pathway(pathway, item, actor, verb, result)
        for grouping in (context.get("contextActivities") or {}).get("grouping") or []:
            if _type(grouping) == COURSE and not self.module:
                self.module = name_of(grouping)

    def _item(self, activity: dict) -> Item:
        key = activity.get("id", "")
        if key not in self.items:
            self.items[key] = Item("scenario" if _type(activity) == SIMULATION else "quiz", name_of(activity), key)
        return self.items[key]

    def _answer(self, item: Item, obj: dict, result: dict, actor: Actor, when: When) -> None:
        definition = obj.get("definition") or {}
        response = str(result.get("response", ""))
        if item.kind == "scenario":
            decision = item.decisions.setdefault(obj["id"], Decision(name_of(obj), _components(definition)))
            if actor not in decision.first or when < decision.first[actor][0]:
                decision.first[actor] = (when, response)
            if actor not in item.last or when > item.last[actor][0]:
                item.last[actor] = (when, obj["id"])
            return
        question = item.questions.setdefault(obj["id"], Question(name_of(obj), _components(definition)))
        success = bool(result.get("success"))
        if actor not in question.first or when < question.first[actor][0]:
            question.first[actor] = (when, success)
        if not success:
            question.wrong[response] += 1
        if (time := seconds(result.get("duration"))) is not None:
            question.times[round(time)] += 1

    def _seen(self, item: Item, actor: Actor, when: When) -> None:
        self.learners.add(actor)
        item.learners.add(actor)
        self.first = when if self.first is None or when < self.first else self.first
        self.last = when if self.last is None or when > self.last else self.last

    @staticmethod
    def _finished(item: Item, actor: Actor, result: dict) -> None:
        item.finished.add(actor)
        if (time := seconds(result.get("duration"))) is not None:
            item.times[round(time)] += 1

    def _for_pathway(self, activity: dict, item: Item, actor: Actor, verb: str, result: dict) -> None:
        pathway = self.pathways.setdefault(activity["id"], Pathway(name_of(activity)))
        pathway.learners.add(actor)
        mine = pathway.items.setdefault(item.key, Item(item.kind, item.name, item.key))
        mine.learners.add(actor)
        if verb != ANSWERED:
            self._finished(mine, actor, result)

    def stopped(self, item: Item) -> Counter:
        """Where learners who reached no ending stopped: the decision they made last, by its id."""
        return Counter(node for actor, (_, node) in item.last.items() if actor not in item.endings)


def _when(text: str) -> When:
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)  # a time without a zone is taken as UTC


def _type(activity: dict) -> str | None:
    return (activity.get("definition") or {}).get("type")


def _actor(actor: dict) -> Actor:
    """An actor's identity as one string (its inverse functional identifier)."""
    account = actor.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage')}|{account['name']}"
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if actor.get(key):
            return f"{key}:{actor[key]}"
    raise KeyError("actor")


def summarise(statements) -> Summary:  # noqa: ANN001 (any iterable of dicts)
    summary = Summary()
    for statement in statements:
        summary.add(statement)
    return summary


def median_or_none(times: Counter) -> float | None:
    """The median of durations counted by whole seconds (the middle one, or the mean of the middle two)."""
    total = sum(times.values())
    if not total:
        return None
    middle, seen, below = (total - 1) / 2, 0, None
    for value in sorted(times):
        seen += times[value]
        if below is None and seen > int(middle):
            below = value
        if seen > middle + 0.5 or (seen > middle and total % 2):
            return (below + value) / 2
    return float(below)
