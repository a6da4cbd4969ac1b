"""A map of each scenario for trainers and reviewers: an SVG diagram drawn here
(no Mermaid, nothing fetched) and the same facts as an accessible text list."""

from __future__ import annotations

import html
from collections import deque

from ..check.paths import explore
from ..load import model
from ..load.fields import short

BOX_W, BOX_H, GAP_X, GAP_Y = 170, 46, 30, 60
OUTCOME_COLOURS = {"good": "#1b7a3d", "mixed": "#9a6700", "poor": "#b3261e"}


def _layers(s: model.Scenario) -> list[list[str]]:
    """Nodes by distance from start along the arrows; unreachable ones last."""
    depth = {}
    if s.start in s.nodes:
        depth[s.start] = 0
        queue = deque([s.start])
        while queue:
            node = s.nodes[queue.popleft()]
            for target in _targets(node):
                if target in s.nodes and target not in depth:
                    depth[target] = depth[node.id] + 1
                    queue.append(target)
    layers: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node_id in s.nodes:
        if node_id in depth:
            layers[depth[node_id]].append(node_id)
    rest = [n for n in s.nodes if n not in depth]
    return layers + ([rest] if rest else [])


def _targets(node: model.Node) -> list[str]:
    if node.choices:
        return [c.goto for c in node.choices if c.goto]
    return [node.next] if node.next else []


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
    layers = _layers(s)
    status = node_status(s)
    width = max((len(layer) for layer in layers), default=1) * (BOX_W + GAP_X) + GAP_X
    height = len(layers) * (BOX_H + GAP_Y) + GAP_Y
    where = {}
    for row, layer in enumerate(layers):
        offset = (width - len(layer) * (BOX_W + GAP_X) + GAP_X) / 2
        for column, node_id in enumerate(layer):
            where[node_id] = (offset + column * (BOX_W + GAP_X), GAP_Y / 2 + row * (BOX_H + GAP_Y))
    parts = [
        f'<svg class="qe-map" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" role="img" '
        f'aria-label="Diagram of scenario {html.escape(s.title)}; the list that follows gives the same information">',
        '<defs><marker id="qe-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
    ]
    for node in s.nodes.values():
        x1, y1 = where[node.id]
        for target in _targets(node):
            if target not in where:
                continue
            x2, y2 = where[target]
            start = (x1 + BOX_W / 2, y1 + BOX_H)
            end = (x2 + BOX_W / 2, y2)
            if y2 <= y1:  # a loop back up: curve round the side
                start, end = (x1 + BOX_W, y1 + BOX_H / 2), (x2 + BOX_W, y2 + BOX_H / 2)
                bend = max(start[0], end[0]) + GAP_X
                path = f"M{start[0]:.0f},{start[1]:.0f} C{bend:.0f},{start[1]:.0f} {bend:.0f},{end[1]:.0f} {end[0]:.0f},{end[1]:.0f}"
            else:
                path = f"M{start[0]:.0f},{start[1]:.0f} L{end[0]:.0f},{end[1]:.0f}"
            parts.append(
                f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="1.2" marker-end="url(#qe-arrow)"/>'
            )
    for node in s.nodes.values():
        x, y = where[node.id]
        colour = OUTCOME_COLOURS.get(node.ending or "", "currentColor")
        dash = ' stroke-dasharray="6 4"' if status[node.id] == "unreachable" else ""
        weight = 4 if status[node.id] == "dead-end" else 2
        stroke = "#b3261e" if status[node.id] == "dead-end" else colour
        label = short(node.title or node.id, 24)
        kind = f"ending: {node.ending}" if node.ending else ("decision" if node.choices else "continue")
        if status[node.id]:
            kind += f" · {status[node.id]}"
        parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="none" stroke="{stroke}" stroke-width="{weight}"{dash}/>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" font-size="13" fill="currentColor">{html.escape(label)}</text>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 36:.0f}" text-anchor="middle" font-size="11" fill="currentColor">{html.escape(kind)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
        items.append(f"<li><strong>{name}</strong>{': ' + ', '.join(notes) if notes else ''}{sub}</li>")
    return f'<ul class="qe-map-list">{"".join(items)}</ul>'


def map_body(s: model.Scenario) -> str:
    """The page below its heading (pages.py writes the title: it is Markdown there)."""
    return (
        "Endings are outlined by outcome (green good, amber mixed, red poor); dashed boxes cannot be reached; "
        "thick red boxes are dead ends.\n\n"
        f'<div class="qe-map-figure" markdown="0">{svg(s)}</div>\n\n'
        "## Steps and choices\n\n"
        f"{text_list(s)}\n"
    )
