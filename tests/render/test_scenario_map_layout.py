"""The scenario map's layout, measured: maps of generated scenarios of 15, 30 and 60 steps
(decisions of two or three choices, some with conditions, loops back, long jumps forward,
steps that continue, unreachable steps, long titles and an address with no spaces) are read
back from their SVG, and no arrow may pass through a box that is not one of its ends, every
choice has a label with its words and condition, and every title is whole inside its box."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest

from quiz_engine.render.map_layout import text_width
from quiz_engine.render.scenario_map import svg
from tests.helpers import check, make_project

WORDS = (
    "the family visit school nurse records concern health plan safeguarding meeting parent child review "
    "worker doctor clinic appointment referral decision notes support"
).split()
Rect = tuple[float, float, float, float]  # x, y, width, height


def generated_scenario(steps: int, seed: int = 1) -> str:
    """A scenario of `steps` steps: the last three are endings; about one step in seven continues;
    a decision's first choice goes on to the next step, the others jump ahead or go back."""
    rnd = random.Random(seed)
    endings = {steps - 3: "good", steps - 2: "mixed", steps - 1: "poor"}
    lines = ["kind: scenario", f"title: Generated {steps}", "role: R", "summary: S"]
    lines += ["variables: {asked: false}", "start: n0", "nodes:"]
    for i in range(steps):
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 12))).capitalize()
        if i % 11 == 5:
            title += " https://www.example.org/a-very-long-address-without-spaces"
        lines += [f"  n{i}:", f"    title: {title}", "    text: T."]
        if i in endings:
            lines.append(f"    ending: {endings[i]}")
        elif i % 7 == 3:
            lines.append(f"    next: n{i + 1}")
        else:
            lines.append("    choices:")
            for number in range(rnd.randint(2, 3)):
                back = i > 3 and rnd.random() < 0.15  # try again
                target = i - rnd.randint(1, 3) if back else min(steps - 1, i + rnd.randint(1, 5))
                target = i + 1 if number == 0 else target  # every step is reached
                text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 16))).capitalize()
                lines += [f"      - text: {text}", f"        goto: n{target}"]
                if number == 1 and i % 3 == 0:
                    lines += ["        if: not asked", "        set: {asked: true}"]
    return "\n".join(lines) + "\n"


def rect(element: ET.Element) -> Rect:
    return tuple(float(element.get(k)) for k in ("x", "y", "width", "height"))


def path_points(d: str) -> list[tuple[float, float]]:
    """The path as a polyline: its M and L points, and each C curve at 32 points."""
    points: list[tuple[float, float]] = []
    for command, numbers in re.findall(r"([MLC])([^MLC]*)", d):
        values = [float(v) for v in re.findall(r"-?[0-9.]+", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command in "ML":
            points.extend(pairs)
            continue
        (x0, y0), ((x1, y1), (x2, y2), (x3, y3)) = points[-1], pairs
        for step in range(1, 33):
            t = step / 32
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            points.append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
    return points


def crosses(p: tuple[float, float], q: tuple[float, float], box: Rect, margin: float = 0.5) -> bool:
    """Whether the segment p-q enters the inside of `box` (Liang-Barsky clipping)."""
    x, y, w, h = box
    left, top, right, bottom = x + margin, y + margin, x + w - margin, y + h - margin
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - left), (dx, right - p[0]), (-dy, p[1] - top), (dy, bottom - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


BAND = 40  # boxes indexed by horizontal bands of this height: a segment is tested against those near it


def bands(top: float, bottom: float) -> range:
    return range(int(top // BAND), int(bottom // BAND) + 1)


def by_band(boxes: list[Rect]) -> dict[int, list[Rect]]:
    index: dict[int, list[Rect]] = {}
    for box in boxes:
        for band in bands(box[1], box[1] + box[3]):
            index.setdefault(band, []).append(box)
    return index


def on_border(point: tuple[float, float], box: Rect) -> bool:
    x, y, w, h = box
    inside_x, inside_y = x - 0.6 <= point[0] <= x + w + 0.6, y - 0.6 <= point[1] <= y + h + 0.6
    return inside_x and inside_y and min(abs(point[1] - y), abs(point[1] - y - h)) <= 0.6


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> list[tuple[object, ET.Element]]:
    drawn = []
    for steps in (15, 30, 60):
        root = tmp_path_factory.mktemp(f"map{steps}")
        make_project(root, {"scenarios/generated.yml": generated_scenario(steps)})
        (scenario,) = check(root).items
        assert len(scenario.nodes) == steps
        drawn.append((scenario, ET.fromstring(svg(scenario))))
    return drawn


def groups(drawing: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in drawing.iter() if g.get("class") == kind]


def test_no_arrow_passes_through_a_box_but_its_ends(maps):
    for scenario, drawing in maps:
        nodes = {g.get("data-node"): rect(g.find("rect")) for g in groups(drawing, "qe-map-node")}
        labels = [(g.get("data-from"), g.get("data-to"), rect(g.find("rect"))) for g in groups(drawing, "qe-map-label")]
        assert set(nodes) == set(scenario.nodes)
        edges = [p for p in drawing.iter("path") if p.get("class") == "qe-map-edge"]
        assert len(edges) >= len(scenario.nodes)
        for edge in edges:
            source, target = edge.get("data-from"), edge.get("data-to")
            points = path_points(edge.get("d"))
            others = [box for node, box in nodes.items() if node not in (source, target)]
            # the labels of other edges count as boxes too (an edge's own label is on its way)
            others += [box for s, t, box in labels if (s, t) != (source, target)]
            near = by_band(others)
            for p, q in zip(points, points[1:], strict=False):
                candidates = {box for band in bands(min(p[1], q[1]), max(p[1], q[1])) for box in near.get(band, ())}
                hit = [box for box in candidates if crosses(p, q, box)]
                assert not hit, f"{scenario.title}: the arrow {source} -> {target} passes through {hit}"
            ends = [nodes[source], nodes[target], *(box for s, t, box in labels if (s, t) == (source, target))]
            assert any(on_border(points[0], box) for box in ends) and any(on_border(points[-1], b) for b in ends)


def test_no_two_boxes_overlap(maps):
    for scenario, drawing in maps:
        boxes = [rect(g.find("rect")) for kind in ("qe-map-node", "qe-map-label") for g in groups(drawing, kind)]
        for i, (x, y, w, h) in enumerate(boxes):
            for x2, y2, w2, h2 in boxes[i + 1 :]:
                assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, f"{scenario.title}: boxes overlap"


def test_every_choice_has_a_label_with_its_words_and_condition(maps):
    for scenario, drawing in maps:
        labels = groups(drawing, "qe-map-label")
        choices = [(n.id, c) for n in scenario.nodes.values() for c in n.choices or []]
        assert len(labels) == len(choices)
        texts = [" ".join(t.text or "" for t in g.iter("tspan")) for g in labels]
        for node_id, choice in choices:
            first_words = " ".join(choice.text.split()[:2])
            wanted = [first_words] + ([f"if {choice.condition}"] if choice.condition else [])
            assert any(all(w in text for w in wanted) for text in texts), (node_id, choice.text)
        assert sum("if not asked" in text for text in texts) == sum(c.condition == "not asked" for _, c in choices) > 0


def test_every_title_is_whole_and_fits_its_box(maps):
    for scenario, drawing in maps:
        for g in groups(drawing, "qe-map-node"):
            x, y, w, h = rect(g.find("rect"))
            node = scenario.nodes[g.get("data-node")]
            title = next(t for t in g.iter() if t.get("class") == "qe-map-title")
            lines = [t.text or "" for t in title.iter("tspan")]
            assert "".join(lines).replace(" ", "") == (node.title or node.id).replace(" ", "")  # nothing cut
            size = float(title.get("font-size"))
            for line, tspan in zip(lines, title.iter("tspan"), strict=True):
                assert text_width(line, size) <= w - 8, f"{line!r} is wider than its box"
                assert y + size <= float(tspan.get("y")) <= y + h, f"{line!r} is outside its box"
