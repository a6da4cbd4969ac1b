"""The scenario map: an SVG drawn in Python and the same facts as a text list."""

from __future__ import annotations

import re

from quiz_engine.render.pages import map_page
from quiz_engine.render.scenario_map import node_status, svg, text_list
from tests.helpers import INVALID, VALID, check, make_project


def item(result, item_id):
    return next(i for i in result.items if i.id == item_id)


def test_every_node_is_drawn_with_its_outcome(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    s = item(check(tmp_path), "visit-after-discharge")
    drawing = svg(s)
    assert drawing.count('<g class="qe-map-node"') == len(s.nodes) == 5
    assert 'role="img"' in drawing and 'aria-labelledby="qe-map-title-visit-after-discharge' in drawing
    assert "<title id=" in drawing and "<desc id=" in drawing
    assert "ending: good" in drawing and "ending: poor" in drawing
    assert "http" not in drawing.replace("http://www.w3.org", "")  # nothing to fetch


def test_unreachable_and_dead_end_nodes_are_marked(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unreachable-node/orphan.yml", INVALID / "no-way-out/loop.yml"))
    result = check(tmp_path)
    orphan, loop = item(result, "orphan"), item(result, "loop")
    assert node_status(orphan)["orphan"] == "unreachable"
    assert "dead-end" in node_status(loop).values()
    assert 'stroke-dasharray="6 4"' in svg(orphan)
    assert "<strong>unreachable</strong>" in text_list(orphan)
    assert "dead end: no ending can be reached from here" in text_list(loop)


def test_text_list_gives_every_choice_and_condition(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    s = item(check(tmp_path), "visit-after-discharge")
    listed = text_list(s)
    choices = sum(len(n.choices or []) for n in s.nodes.values())
    assert len(re.findall("“", listed)) == choices
    assert "only if not shared_with_gp and concern &gt;= 1" in listed
    assert "# Map: A home visit after discharge" in map_page(s)


def test_text_list_gives_the_when_paragraphs_and_their_conditions(tmp_path):
    make_project(tmp_path, copy=(INVALID / "poor-path-to-good-ending/praise.yml",))
    listed = text_list(item(check(tmp_path), "praise"))
    assert "<li>Paragraph shown only if shared: “You shared the same day.”</li>" in listed
    assert "<li>Paragraph shown only if not shared: “The week you waited was a week without help.”</li>" in listed
