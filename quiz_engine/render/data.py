"""Render stage: model objects -> the JSON the browser runtime reads, and the
HTML element that carries it (see quiz_engine/runtime/README.md)."""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable
from typing import Any

from ..check.conditions import strip_offsets
from ..check.scenario_conditions import compile_condition
from ..load import model
from .glossary import Glossary
from .sanitise import block, inline

MEDIA_FOLDER = "media"  # under the runtime folder; image src is relative to the runtime's scripts


def media_path(item_id: str, src: str) -> str:
    return f"{MEDIA_FOLDER}/{item_id}/{src}"


def _sources(sources: list[model.Source]) -> list[dict[str, Any]]:
    return [{"title": s.title, "url": s.url} for s in sources]


def scenario_data(s: model.Scenario, glossary: Glossary | None = None) -> dict[str, Any]:
    nodes = {}
    for node in s.nodes.values():
        choices = None
        if node.choices is not None:
            choices = []
            for choice in node.choices:
                tree = compile_condition(s, choice)[0]
                choices.append(
                    {
                        "text_html": inline(choice.text),
                        "goto": choice.goto,
                        "rating": choice.rating,
                        "feedback_html": block(choice.feedback),
                        "score": choice.score,
                        "add": choice.add,
                        "set": choice.set,
                        "if": strip_offsets(tree) if tree else None,
                    }
                )
        nodes[node.id] = {
            "title": node.title,
            "text_html": block(node.text) or "",
            "image": {"src": media_path(s.id, node.image.src), "alt": node.image.alt} if node.image else None,
            "reflect": node.reflect,
            "choices": choices,
            "next": node.next if node.choices is None else None,
            "ending": node.ending,
            "debrief_html": block(node.debrief),
        }
        if node.when:  # only where used: the data of scenarios without it, and their saved progress, stay as they were
            nodes[node.id]["when"] = [_when(s, paragraph) for paragraph in node.when]
    data = {
        "kind": "scenario",
        "id": s.id,
        "title": s.title,
        "role": s.role,
        "summary_html": block(s.summary),
        "duration": s.duration,
        "content_note_html": block(s.content_note),
        "allow_back": s.allow_back,
        "themes": s.themes,
        "variables": s.variables,
        "dimensions": s.dimensions,
        "sources": _sources(s.sources),
        "start": s.start,
        "nodes": nodes,
    }
    data = _versioned(data)
    # Choice ids come after the version hash: they name choices in learning records
    # (xAPI) and change nothing a learner has saved (the path keeps choices by position).
    for node in s.nodes.values():
        for choice, choice_data in zip(node.choices or [], data["nodes"][node.id]["choices"] or [], strict=True):
            choice_data["id"] = choice.id
    if glossary is not None:
        _mark_scenario(data, glossary.marker(term_prefix(s)))
    return data


def _when(s: model.Scenario, paragraph: model.Conditional) -> dict[str, Any]:
    tree = compile_condition(s, paragraph)[0]
    return {"if": strip_offsets(tree) if tree else None, "text_html": block(paragraph.text) or ""}


def quiz_data(q: model.Quiz, glossary: Glossary | None = None) -> dict[str, Any]:
    questions = []
    for question in q.questions:
        questions.append(
            {
                "id": question.id,
                "type": question.type,
                "prompt_html": inline(question.prompt),
                "points": question.points,
                "theme": question.theme,
                "shuffle": question.shuffle,
                "explanation_html": block(question.explanation),
                "options": [
                    {"text_html": inline(o.text), "correct": o.correct, "feedback_html": block(o.feedback)}
                    for o in question.options
                ]
                or None,
                "answer": question.answer,
                "items": [inline(i) for i in question.items] or None,
                "pairs": [{"left_html": inline(p.left), "right_html": inline(p.right)} for p in question.pairs] or None,
            }
        )
    data = {
        "kind": "quiz",
        "id": q.id,
        "title": q.title,
        "intro_html": block(q.intro),
        "pass_mark": q.pass_mark,
        "shuffle": q.shuffle,
        "duration": q.duration,
        "themes": q.themes,
        "sources": _sources(q.sources),
        "questions": questions,
    }
    data = _versioned(data)
    if glossary is not None:
        _mark_quiz(data, glossary.marker(term_prefix(q)))
    return data


# Glossary terms are marked in the text blocks learners read (node text, feedback,
# explanations, debriefs, summaries), never in choices, options, prompts or titles:
# those are labels, legends and buttons, where a focusable term would be a control
# inside a control. Each term is marked at its first use in each block, except where a
# block is shown under another that explains it already (a choice's feedback under its
# node's text). Marking comes after the version hash, so a glossary edit does not start
# every learner's saved progress again.

Mark = Callable[[str | None, set[str] | None], str | None]


def term_prefix(item: model.Item) -> str:
    """Tooltip ids of one item's text: unique beside the page's own ("qe-term-1") and
    beside other scenarios and quizzes on the same page (ids are unique across kinds)."""
    return f"qe-term-{item.id}-"


def _mark_scenario(data: dict[str, Any], mark: Mark) -> None:
    data["summary_html"] = mark(data["summary_html"], None)
    data["content_note_html"] = mark(data["content_note_html"], None)
    for node in data["nodes"].values():
        # A step shows its text, then the feedback of the choice made or, at an ending, the debrief.
        step: set[str] = set()
        node["text_html"] = mark(node["text_html"], step)
        for paragraph in node.get("when", []):  # shown after the text, or not: explain their terms in each
            paragraph["text_html"] = mark(paragraph["text_html"], set(step))
        for choice in node["choices"] or []:
            choice["feedback_html"] = mark(choice["feedback_html"], set(step))
        node["debrief_html"] = mark(node["debrief_html"], set(step))


def _mark_quiz(data: dict[str, Any], mark: Mark) -> None:
    data["intro_html"] = mark(data["intro_html"], None)
    for question in data["questions"]:
        # After an answer, the chosen options' feedback is shown with the explanation
        # (which the results repeat alone): the explanation explains its terms, the
        # feedback only others.
        explained: set[str] = set()
        question["explanation_html"] = mark(question["explanation_html"], explained)
        for option in question["options"] or []:
            option["feedback_html"] = mark(option["feedback_html"], set(explained))


def _versioned(data: dict[str, Any]) -> dict[str, Any]:
    """Add a short hash of the content: saved progress is keyed by it."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    version = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return {"kind": data["kind"], "id": data["id"], "version": version} | data


def data_for(item: model.Item, glossary: Glossary | None = None) -> dict[str, Any]:
    """With `glossary` (glossary.configured_glossary), terms in text blocks explain themselves."""
    return scenario_data(item, glossary) if isinstance(item, model.Scenario) else quiz_data(item, glossary)


def element(item: model.Item, data: dict[str, Any] | None = None) -> str:
    """The custom element with its data in a <template> (never an inline JSON script).
    `data` is `data_for(item)` when the caller already has it: rendering is the costly part."""
    tag = "scenario-player" if isinstance(item, model.Scenario) else "quiz-player"
    data = data if data is not None else data_for(item)
    payload = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=False)
    what = "scenario" if isinstance(item, model.Scenario) else "quiz"
    return (
        f'<{tag} data-id="{html.escape(item.id)}" class="qe-player">'
        f'<template class="qe-data">{payload}</template>'
        f'<p class="qe-noscript">This {what} needs JavaScript. If it does not appear, reload the page or try another browser.</p>'
        f"</{tag}>"
    )


def module_data(
    items: list[model.Item],
    title: str,
    organisation: str | None,
    settings: dict[str, Any],
    directory_urls: bool,
    data: dict[tuple[str, str], dict[str, Any]] | None = None,
    estimated_minutes: int | None = None,
) -> dict[str, Any]:
    """What the browser needs to know of the whole module: its items, which are
    required for completion (`extra.module.required` in mkdocs.yml, default all),
    and what the certificate says. `data` maps (kind, id) to `data_for(item)`
    when the caller already has it. The CPD minutes are `extra.module.cpd_minutes`
    when set, else `estimated_minutes` (check/durations.py), else the items' durations."""
    required = settings.get("required", "all")
    items_data = []
    for item in sorted(items, key=lambda i: (i.kind != "scenario", i.title.lower(), i.id)):
        folder = "scenarios" if item.kind == "scenario" else "quizzes"
        version = (data[(item.kind, item.id)] if data is not None else data_for(item))["version"]
        items_data.append(
            {
                "kind": item.kind,
                "id": item.id,
                "title": item.title,
                "version": version,
                "url": f"{folder}/{item.id}/" if directory_urls else f"{folder}/{item.id}.html",
                "required": required == "all" or item.id in required,
                "pass_mark": item.pass_mark if isinstance(item, model.Quiz) else None,
                "duration": item.duration,
            }
        )
    durations = sum(i["duration"] or 0 for i in items_data if i["required"])
    minutes = settings.get("cpd_minutes") or estimated_minutes or durations
    themes = {
        slug: {"title": str(theme.get("title") or slug), "url": str(theme.get("page") or "")}
        for slug, theme in (settings.get("themes") or {}).items()
        if isinstance(theme, dict)
    }
    return {
        "title": title,
        "organisation": organisation,
        "cpd_minutes": minutes,
        "estimated_minutes": estimated_minutes,
        "themes": themes,
        "items": items_data,
    }
