"""The domain model: scenarios and quizzes, each object with its source position.

`at` maps a field name (or "field.key" for entries of a mapping) to the
position of its value, so later checks can point at the exact spot.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .diagnostics import Pos


@dataclass
class Located:
    pos: Pos = field(default_factory=Pos)
    at: dict[str, Pos] = field(default_factory=dict)

    def where(self, name: str) -> Pos:
        return self.at.get(name, self.pos)


@dataclass
class Image(Located):
    src: str = ""
    alt: str = ""


@dataclass
class Source(Located):
    title: str = ""
    url: str | None = None


@dataclass
class Review(Located):
    last_reviewed: datetime.date | None = None
    next_review: datetime.date | None = None
    owner: str | None = None


@dataclass
class Choice(Located):
    id: str = ""  # `id:`, or c1, c2... by position: what learning records name as the learner's response
    text: str = ""
    goto: str | None = None
    rating: str | None = None
    feedback: str | None = None
    score: dict[str, int] = field(default_factory=dict)
    add: dict[str, int] = field(default_factory=dict)
    set: dict[str, bool | int] = field(default_factory=dict)
    condition: str | None = None  # the `if:` text


@dataclass
class Conditional(Located):
    """A paragraph of a node's `when:`, shown after its text while `if:` holds."""

    condition: str | None = None  # the `if:` text
    text: str = ""


@dataclass
class Node(Located):
    id: str = ""
    title: str | None = None
    text: str | None = None
    image: Image | None = None
    reflect: str | None = None
    choices: list[Choice] | None = None
    next: str | None = None
    ending: str | None = None
    debrief: str | None = None
    when: list[Conditional] = field(default_factory=list)


@dataclass
class Scenario(Located):
    path: str = ""
    id: str = ""
    title: str = ""
    role: str | None = None
    summary: str | None = None
    duration: int | None = None
    themes: list[str] = field(default_factory=list)
    content_note: str | None = None
    allow_back: bool = True
    review: Review | None = None
    sources: list[Source] = field(default_factory=list)
    variables: dict[str, bool | int] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    start: str = ""
    nodes: dict[str, Node] = field(default_factory=dict)
    draft: bool = False  # `draft: true`: in the trainers' site only, not the learners' or the packages
    defined_twice: dict[str, Pos] = field(default_factory=dict)  # node id -> its second definition
    led_to_by_copies: set[str] = field(default_factory=set)  # where those second definitions go on to
    variables_twice: set[str] = field(default_factory=set)  # variables declared twice
    kind: str = "scenario"


@dataclass
class Option(Located):
    text: str = ""
    correct: bool = False
    feedback: str | None = None


@dataclass
class Pair(Located):
    left: str = ""
    right: str = ""


@dataclass
class Question(Located):
    id: str = ""
    type: str = ""
    prompt: str = ""
    options: list[Option] = field(default_factory=list)
    answer: bool | None = None
    items: list[str] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    explanation: str | None = None
    theme: str | None = None
    points: int = 1
    shuffle: bool = True


@dataclass
class Quiz(Located):
    path: str = ""
    id: str = ""
    title: str = ""
    intro: str | None = None
    pass_mark: int = 80
    shuffle: bool = False
    duration: int | None = None
    themes: list[str] = field(default_factory=list)
    review: Review | None = None
    sources: list[Source] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    draft: bool = False  # as Scenario.draft
    kind: str = "quiz"


Item = Scenario | Quiz
