"""A layered layout of a scenario map: boxes in rows, edges routed between them.

grandalf (a pure-Python Sugiyama layout) orders the boxes in rows so that few edges cross,
and gives each edge that spans several rows a point in every row it passes. An edge's label
is laid out as a box of its own, in the middle of its edge, so that no label covers a box.
Edges are then drawn here: straight down (or up) inside a row, where the box's own column
is free, and as a curve in the gap between two rows, where there are no boxes at all; so no
edge can pass through a box that is not one of its ends.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

GAP_X, GAP_Y, MARGIN = 28, 36, 16
PASSAGE_W = 10  # the width kept free in a row for an edge that passes through it


@dataclass
class Box:
    """A box by its top left corner and size."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass
class Arrow:
    """An edge of the map: the path to its label (if any) and the path on to its target,
    each as SVG path data of absolute M, L and C commands."""

    source: str
    target: str
    to_label: str = ""
    onward: str = ""
    label: Box | None = None


@dataclass
class Layout:
    boxes: dict[str, Box]
    arrows: list[Arrow]
    width: float
    height: float


@dataclass
class _View:
    """What grandalf reads (w, h) and writes (xy, the centre) on each vertex."""

    w: float
    h: float
    xy: tuple[float, float] = (0.0, 0.0)


@dataclass
class _Placed:
    """A vertex once laid out: its centre x, its box, and the top and bottom of its row."""

    x: float
    box: Box
    row_top: float
    row_bottom: float


def layout(
    sizes: dict[str, tuple[float, float]],
    edges: list[tuple[str, str, tuple[float, float] | None]],
    first: str | None,
) -> Layout:
    """Lay out boxes of the given (width, height) and the edges (source, target, label size)
    between them, `first` at the top. Unconnected parts are placed side by side."""
    vertices = {key: Vertex(key) for key in sizes}
    for key, vertex in vertices.items():
        vertex.view = _View(*sizes[key])
    labels: list[Vertex] = []
    links: list[tuple[int, list[Edge]]] = []  # for each edge: its one or two grandalf edges
    loops: list[int] = []  # a box that continues to itself: drawn on its own
    for number, (source, target, label) in enumerate(edges):
        if label is None and source == target:
            loops.append(number)
            continue
        ends = [vertices[source]]
        if label is not None:
            labels.append(Vertex(("label", number)))
            labels[-1].view = _View(*label)
            ends.append(labels[-1])
        ends.append(vertices[target])
        links.append((number, [Edge(a, b) for a, b in zip(ends, ends[1:], strict=False)]))
    graph = Graph([*vertices.values(), *labels], [e for _, pair in links for e in pair])
    placed: dict[Vertex, _Placed] = {}
    chains: dict[Edge, list] = {}
    left = MARGIN
    for component in graph.C:
        right = _lay_out_component(component, vertices.get(first or ""), left, placed, chains)
        left = right + GAP_X * 2
    boxes = {key: placed[vertex].box for key, vertex in vertices.items()}
    arrows = [_arrow(edges[number], pair, placed, chains) for number, pair in links]
    arrows += [_loop(edges[number][0], boxes[edges[number][0]]) for number in loops]
    width = max((b.x + b.w for b in _all_boxes(placed)), default=0) + MARGIN
    height = max((b.y + b.h for b in _all_boxes(placed)), default=0) + MARGIN + GAP_Y / 2
    return Layout(boxes, arrows, width, height)


def _all_boxes(placed: dict) -> list[Box]:
    return [p.box for p in placed.values()]


def _lay_out_component(component, first: Vertex | None, left: float, placed: dict, chains: dict) -> float:
    """Lay out one connected part with its left edge at `left`; return its right edge."""
    sugiyama = SugiyamaLayout(component)
    sugiyama.xspace, sugiyama.yspace = GAP_X, GAP_Y
    sugiyama.dw, sugiyama.dh = PASSAGE_W, 1  # rows keep a narrow passage for each edge passing through
    roots = [first] if first in component.sV else [v for v in component.sV if not v.e_in()][:1]
    sugiyama.init_all(roots=roots or [component.sV[0]])
    sugiyama.draw(1.5)  # 1.5 rounds of ordering (down, up, down): more rounds cost time and gain little here
    _separate(sugiyama)
    shift = left - min(v.view.xy[0] - v.view.w / 2 for layer in sugiyama.layers for v in layer)
    top = MARGIN
    for layer in sugiyama.layers:
        half = max(v.view.h for v in layer) / 2
        for v in layer:
            x, y = v.view.xy[0] + shift, top + half
            box = Box(x - v.view.w / 2, y - v.view.h / 2, v.view.w, v.view.h)
            placed[v] = _Placed(x, box, top, top + 2 * half)
        top += 2 * half + GAP_Y
    for edge in component.sE:
        chains[edge] = _chain(sugiyama, edge)
    return max(p.box.x + p.box.w for v, p in placed.items() if v in sugiyama.grx)


def _separate(sugiyama: SugiyamaLayout) -> None:
    """Keep GAP_X between neighbours in a row: the average of grandalf's four alignments
    can bring two boxes closer than that, or make them overlap."""
    for layer in sugiyama.layers:
        row = sorted(layer, key=lambda v: v.view.xy[0])
        for before, after in zip(row, row[1:], strict=False):
            least = before.view.xy[0] + (before.view.w + after.view.w) / 2 + GAP_X
            if after.view.xy[0] < least:
                after.view.xy = (least, after.view.xy[1])


def _chain(sugiyama: SugiyamaLayout, edge: Edge) -> list:
    """The vertices an edge passes, from its source to its target, one a row."""
    source, target = edge.v
    if edge not in sugiyama.ctrls:
        return [source, target]
    dummies = sugiyama.ctrls[edge]
    r0, r1 = sugiyama.grx[source].rank, sugiyama.grx[target].rank
    step = 1 if r1 > r0 else -1
    return [source, *(dummies[r] for r in range(r0 + step, r1, step)), target]


def _arrow(edge: tuple, pair: list[Edge], placed: dict, chains: dict) -> Arrow:
    source, target, label = edge
    paths = [_route([placed[v] for v in chains[e]]) for e in pair]
    if label is None:
        return Arrow(source, target, onward=paths[0])
    return Arrow(source, target, to_label=paths[0], onward=paths[1], label=placed[pair[0].v[1]].box)


def _route(chain: list[_Placed]) -> str:
    """From the source's box to the target's: inside each row straight up or down in the vertex's
    own column, and between rows a curve that stays in the gap (its control points do)."""
    down = chain[-1].row_top > chain[0].row_top
    first, last = chain[0], chain[-1]
    commands = [f"M{first.x:.1f},{_edge_of(first.box, down):.1f}"]
    y = _edge_of(first.box, down)
    for a, b in zip(chain, chain[1:], strict=False):
        leave = a.row_bottom if down else a.row_top
        arrive = b.row_top if down else b.row_bottom
        middle = (leave + arrive) / 2
        if abs(leave - y) > 0.5:  # a box shorter than its row, or a passage through a row
            commands.append(f"L{a.x:.1f},{leave:.1f}")
        commands.append(f"C{a.x:.1f},{middle:.1f} {b.x:.1f},{middle:.1f} {b.x:.1f},{arrive:.1f}")
        y = arrive
    end = _edge_of(last.box, not down)
    if abs(end - y) > 0.5:  # a zero-length end would leave the arrowhead without a direction
        commands.append(f"L{last.x:.1f},{end:.1f}")
    return " ".join(commands)


def _edge_of(box: Box, bottom: bool) -> float:
    return box.y + box.h if bottom else box.y


def _loop(node: str, box: Box) -> Arrow:
    """A box that continues to itself: a loop below its right half, inside its own column."""
    x1, x2, y = box.x + box.w * 0.6, box.x + box.w * 0.85, box.y + box.h
    return Arrow(
        node,
        node,
        onward=f"M{x1:.1f},{y:.1f} C{x1:.1f},{y + GAP_Y / 2:.1f} {x2:.1f},{y + GAP_Y / 2:.1f} {x2:.1f},{y:.1f}",
    )


# Advance widths in em of a wide sans-serif (DejaVu Sans, Verdana), rounded up: text measured
# with them fits its box in the narrower fonts of most systems too.
_WIDTHS = {
    **dict.fromkeys("ijlIJ'.,:;|", 0.30),
    **dict.fromkeys(" /", 0.34),
    **dict.fromkeys('frt()[]{}-!"\u2019\u2018', 0.42),
    **dict.fromkeys("csz?*_\u201c\u201d", 0.56),
    **dict.fromkeys("abdeghknopquvxy0123456789#$+<=>~^", 0.64),
    **dict.fromkeys("mwMW@%&\u2026\u2014", 1.0),
}
UPPER_AND_OTHER = 0.80


def text_width(text: str, size: float) -> float:
    """The width of `text` at font size `size`, a little more than most fonts need."""
    return _em(text) * size


@functools.lru_cache(maxsize=4096)
def _em(text: str) -> float:
    return sum(_WIDTHS.get(c, UPPER_AND_OTHER) for c in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (inside a word only when
    the word alone is wider than a line), so that nothing is cut."""
    lines: list[str] = []
    used = 0.0  # the width of the last line so far
    space = text_width(" ", size)
    for word in text.split():
        wide = text_width(word, size)
        if lines and used + space + wide <= width:
            lines[-1] = f"{lines[-1]} {word}"
            used += space + wide
            continue
        while wide > width:  # a very long word, such as an address: break it
            cut = 1
            while cut < len(word) and text_width(word[: cut + 1], size) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
            wide = text_width(word, size)
        lines.append(word)
        used = wide
    return lines or [""]
