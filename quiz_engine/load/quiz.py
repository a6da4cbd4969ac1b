"""Load stage: a quiz file's mapping -> model.Quiz, with every problem reported."""

from __future__ import annotations

import yaml

from . import model
from .common import common_id, mapping_words, review, slug_list, sources
from .diagnostics import Pos, Reporter
from .fields import Fields
from .format import ALL_QUESTION_KEYS, QUESTION_KEYS, QUIZ_KEYS


def load_quiz(root: yaml.Node, report: Reporter, display: str, default_id: str) -> model.Quiz:
    f = Fields(root, report, "the quiz", QUIZ_KEYS)
    quiz = model.Quiz(pos=f.pos, path=display)
    quiz.id = common_id(f, report, default_id)
    quiz.at["id"] = f.where("id")
    quiz.title = f.text("title", required=True) or ""
    quiz.intro = f.text("intro")
    pass_mark = f.integer("pass_mark", minimum=0, maximum=100)
    quiz.pass_mark = 80 if pass_mark is None else pass_mark
    quiz.shuffle = bool(f.boolean("shuffle"))
    quiz.duration = f.integer("duration", minimum=1, maximum=600)
    quiz.at["duration"] = f.where("duration")
    quiz.themes = slug_list(f, "themes", quiz.at)
    quiz.draft = bool(f.boolean("draft"))
    quiz.at["draft"] = f.where("draft")
    quiz.review = review(f, report)
    quiz.sources = sources(f, report)
    items = f.sequence("questions", required=True, non_empty=True)
    seen: dict[str, Pos] = {}
    for number, item in enumerate(items or [], start=1):
        question = _question(item, report, number)
        if question is None:
            continue
        if question.id in seen:
            report.error(
                question.where("id"),
                "duplicate-id",
                f"question id '{question.id}' is used twice in this quiz (first on line {seen[question.id].line}); give each question its own id.",
            )
        else:
            seen[question.id] = question.where("id")
        quiz.questions.append(question)
    return quiz


def _question(value: yaml.Node, report: Reporter, number: int) -> model.Question | None:
    what = f"question {number}"
    probe = Fields(value, Reporter(report.path, []), what, ())  # read the type before checking keys
    if not probe.ok:
        report.error(probe.pos, "wrong-type", f"{what} should be {mapping_words()}, not a single value or list.")
        return None
    qtype = probe.text("type")
    known = QUESTION_KEYS.get(qtype or "", ALL_QUESTION_KEYS)
    f = Fields(value, report, what, known)
    f.require("type", "prompt")
    question = model.Question(pos=f.pos, id=f"q{number}")
    if f.has("type"):
        question.type = f.enum("type", QUESTION_KEYS, required=True) or ""
    if f.has("id"):
        question.id = f.slug("id") or question.id
    question.at = {"id": f.where("id"), "type": f.where("type"), "options": f.where("options")}
    question.prompt = f.text("prompt", required=True) or ""
    question.explanation = f.text("explanation")
    question.theme = f.text("theme")
    question.at["theme"] = f.where("theme")
    points = f.integer("points", minimum=0, maximum=100)
    question.points = 1 if points is None else points
    shuffle = f.boolean("shuffle")
    question.shuffle = True if shuffle is None else shuffle
    if question.type in ("single", "multiple"):
        for item in f.sequence("options", required=True, non_empty=True) or []:
            g = Fields(item, report, "an option", ("text", "correct", "feedback"))
            if g.ok:
                option = model.Option(pos=g.pos, text=g.text("text", required=True) or "")
                option.correct = bool(g.boolean("correct"))
                option.feedback = g.text("feedback")
                question.options.append(option)
    elif question.type == "true-false":
        f.require("answer")
        question.answer = f.boolean("answer", required=True)
    elif question.type == "order":
        f.require("items")
        question.items = f.text_list("items")
        if f.has("items") and len(question.items) < 2:
            report.error(f.where("items"), "bad-value", "an order question needs at least two items.")
    elif question.type == "match":
        for item in f.sequence("pairs", required=True, non_empty=True) or []:
            g = Fields(item, report, "a pair", ("left", "right"))
            if g.ok:
                question.pairs.append(
                    model.Pair(
                        pos=g.pos, left=g.text("left", required=True) or "", right=g.text("right", required=True) or ""
                    )
                )
        if len(question.pairs) == 1:
            report.error(f.where("pairs"), "bad-value", "a match question needs at least two pairs.")
    return question
