"""A map of each scenario for trainers and reviewers: an SVG diagram drawn here
(no Mermaid, nothing fetched; laid out by map_layout.py) and the same facts as an
accessible text list."""

from __future__ import annotations

import html
from collections import deque
from urllib.parse import quote

from ..check.paths import explore
from ..load import model
from ..load.fields import short
from .map_layout import Box, layout, text_width, wrap

OUTCOME_COLOURS = {"good": "#1b7a3d", "mixed": "#9a6700", "poor": "#b3261e"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
NODE_W, PAD = 200, 8  # a step's box: titles wrap inside it, never cut
TITLE_SIZE, TITLE_LINE, KIND_SIZE, KIND_LINE = 13, 16, 11, 14
LABEL_W, LABEL_SIZE, LABEL_LINE = 150, 11, 13  # a choice's label: its words, shortened, and its condition


def node_status(s: model.Scenario) -> dict[str, str]:
    """'unreachable', 'dead-end' or '' for each node, from the state exploration."""
    status = {n: "" for n in s.nodes}
    if s.start not in s.nodes:
        return {n: "unreachable" for n in s.nodes}
    result = explore(s)
    reached = {st[0] for st in result.states}
    incoming: dict = {}
    for state, targets in result.edges.items():
        for target in targets:
            incoming.setdefault(target, []).append(state)
    good = {st for st in result.states if s.nodes[st[0]].ending}
    queue = deque(good)
    while queue:
        for previous in incoming.get(queue.popleft(), []):
            if previous not in good:
                good.add(previous)
                queue.append(previous)
    for node_id in s.nodes:
        if node_id not in reached:
            status[node_id] = "unreachable"
    for state in result.states - good:
        status[state[0]] = "dead-end"
    return status


def svg(s: model.Scenario) -> str:
    """The map as an SVG image: a box a step, an arrow a choice (labelled with its words and
    its condition) or 'continue'. The text list after it is the accessible equivalent."""
    status = node_status(s)
    titles = {n.id: wrap(n.title or n.id, NODE_W - 2 * PAD, TITLE_SIZE) for n in s.nodes.values()}
    sizes = {n: (NODE_W, 2 * PAD + len(lines) * TITLE_LINE + KIND_LINE) for n, lines in titles.items()}
    edges, labels = [], []
    for node in s.nodes.values():
        for choice in node.choices or []:
            if choice.goto in s.nodes:
                labels.append(_label_lines(choice))
                edges.append((node.id, choice.goto, _label_size(labels[-1])))
        if node.next in s.nodes:
            edges.append((node.id, node.next, None))
    drawn = layout(sizes, edges, s.start if s.start in s.nodes else None)
    choices = sum(len(n.choices or []) for n in s.nodes.values())
    key = html.escape(s.id)  # a slug, unless the check has already reported that it is not
    parts = [
        f'<svg class="qe-map" viewBox="0 0 {drawn.width:.0f} {drawn.height:.0f}" width="{drawn.width:.0f}" '
        f'role="img" aria-labelledby="qe-map-title-{key} qe-map-desc-{key}" font-family="{FONT}" '
        'style="max-width:none">',
        f'<title id="qe-map-title-{key}">Map of the scenario {html.escape(s.title)}</title>',
        f'<desc id="qe-map-desc-{key}">{len(s.nodes)} steps and {choices} choices, each step a box and each choice '
        "an arrow labelled with its words and condition. The list Steps and choices below gives the same information."
        "</desc>",
        '<defs><marker id="qe-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
    ]
    line = 'fill="none" stroke="currentColor" stroke-width="1.2"'
    lines_of_labels = iter(labels)
    for arrow in drawn.arrows:
        ends = f'data-from="{html.escape(arrow.source)}" data-to="{html.escape(arrow.target)}"'
        if arrow.to_label:
            parts.append(f'<path class="qe-map-edge" {ends} d="{arrow.to_label}" {line}/>')
        parts.append(f'<path class="qe-map-edge" {ends} d="{arrow.onward}" {line} marker-end="url(#qe-arrow)"/>')
        if arrow.label is not None:
            parts.append(_label(arrow.label, next(lines_of_labels), ends))
    for node in s.nodes.values():
        parts.append(_node_box(node, drawn.boxes[node.id], titles[node.id], status[node.id]))
    parts.append("</svg>")
    return "".join(parts)


def _label_lines(choice: model.Choice) -> list[tuple[str, str]]:
    """The label's lines as (text, class): the choice's words shortened, then its condition."""
    words = [(line, "qe-map-choice") for line in wrap(f"“{short(choice.text, 60)}”", LABEL_W, LABEL_SIZE)]
    if choice.condition:
        words += [(line, "qe-map-condition") for line in wrap(f"if {short(choice.condition, 48)}", LABEL_W, LABEL_SIZE)]
    return words


def _label_size(lines: list[tuple[str, str]]) -> tuple[float, float]:
    width = max(text_width(text, LABEL_SIZE) for text, _ in lines)
    return width + 2 * PAD, len(lines) * LABEL_LINE + PAD


def _label(box: Box, lines: list[tuple[str, str]], ends: str) -> str:
    x = box.x + box.w / 2
    rows = "".join(
        f'<tspan class="{kind}" x="{x:.1f}" y="{box.y + PAD / 2 + (i + 0.8) * LABEL_LINE:.1f}"'
        + (' font-style="italic"' if kind == "qe-map-condition" else "")
        + f">{html.escape(text)}</tspan>"
        for i, (text, kind) in enumerate(lines)
    )
    return (
        f'<g class="qe-map-label" {ends}><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" '
        'rx="4" fill="none" stroke="currentColor" stroke-opacity="0.35"/>'
        f'<text text-anchor="middle" font-size="{LABEL_SIZE}" fill="currentColor">{rows}</text></g>'
    )


def _node_box(node: model.Node, box: Box, title: list[str], status: str) -> str:
    colour = OUTCOME_COLOURS.get(node.ending or "", "currentColor")
    dash = ' stroke-dasharray="6 4"' if status == "unreachable" else ""
    weight = 4 if status == "dead-end" else 2
    stroke = "#b3261e" if status == "dead-end" else colour
    kind = f"ending: {node.ending}" if node.ending else ("decision" if node.choices else "continue")
    if status:
        kind += f" · {status}"
    x = box.x + box.w / 2
    rows = "".join(
        f'<tspan x="{x:.1f}" y="{box.y + PAD + (i + 0.8) * TITLE_LINE:.1f}">{html.escape(text)}</tspan>'
        for i, text in enumerate(title)
    )
    return (
        f'<g class="qe-map-node" data-node="{html.escape(node.id)}">'
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="6" fill="none" '
        f'stroke="{stroke}" stroke-width="{weight}"{dash}/>'
        f'<text class="qe-map-title" text-anchor="middle" font-size="{TITLE_SIZE}" fill="currentColor">{rows}</text>'
        f'<text class="qe-map-kind" x="{x:.1f}" y="{box.y + box.h - PAD - 3:.1f}" text-anchor="middle" '
        f'font-size="{KIND_SIZE}" fill="currentColor">{html.escape(kind)}</text></g>'
    )


def text_list(s: model.Scenario) -> str:
    status = node_status(s)
    items = []
    for node in s.nodes.values():
        name = html.escape(node.id) + (f" ({html.escape(node.title)})" if node.title else "")
        notes = []
        if node.id == s.start:
            notes.append("start")
        if node.ending:
            notes.append(f"ending: {node.ending}")
        if status[node.id] == "unreachable":
            notes.append("<strong>unreachable</strong>")
        if status[node.id] == "dead-end":
            notes.append("<strong>dead end: no ending can be reached from here</strong>")
        rows = [
            f"<li>Paragraph shown only if {html.escape(p.condition or '?')}: “{html.escape(short(p.text, 80))}”</li>"
            for p in node.when
        ]
        for choice in node.choices or []:
            detail = [f"rated {choice.rating}"] if choice.rating else []
            if choice.condition:
                detail.append(f"only if {html.escape(choice.condition)}")
            rows.append(
                f"<li>“{html.escape(short(choice.text, 80))}” → {html.escape(choice.goto or '?')}"
                + (f" ({'; '.join(detail)})" if detail else "")
                + "</li>"
            )
        if node.next:
            rows.append(f"<li>Continue → {html.escape(node.next)}</li>")
        sub = f"<ul>{''.join(rows)}</ul>" if rows else ""
        # To the preview below the list (build/audience.py), which reads the step from the address.
        play = (
            f' <a class="qe-play-from" href="?node={quote(node.id, safe="")}#play-from-a-step" '
            f'aria-label="Play from here: {html.escape(node.title or node.id)}">Play from here</a>'
        )
        items.append(f"<li><strong>{name}</strong>{': ' + ', '.join(notes) if notes else ''}{play}{sub}</li>")
    return f'<ul class="qe-map-list">{"".join(items)}</ul>'


def map_body(s: model.Scenario) -> str:
    """The page below its heading (pages.py writes the title: it is Markdown there)."""
    return (
        "Endings are outlined by outcome (green good, amber mixed, red poor); dashed boxes cannot be reached; "
        "thick red boxes are dead ends. Each arrow is labelled with the words of its choice (shortened) and, "
        "in italics, the condition under which the choice is offered.\n\n"
        # At its own size, so that its text stays readable: a map wider than the page scrolls sideways.
        '<div class="qe-map-figure" markdown="0" role="region" aria-label="Map (scrolls sideways)" tabindex="0" '
        f'style="overflow-x:auto">{svg(s)}</div>\n\n'
        "## Steps and choices\n\n"
        f"{text_list(s)}\n"
    )
