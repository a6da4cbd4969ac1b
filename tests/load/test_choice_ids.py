"""Choices' optional `id:` (what learning records name as the learner's response): c1, c2...
by position unless given, unique within a node, and in the scenario's browser data."""

from __future__ import annotations

from quiz_engine.render.data import scenario_data
from tests.helpers import check, found, item, make_project, message

SCENARIO = """\
kind: scenario
title: Ids
start: a
nodes:
  a:
    text: First
    choices:
      - text: One
        goto: end
      - id: {second}
        text: Two
        goto: end
      - text: Three
        goto: end
  end:
    ending: good
    text: Done
"""


def test_choices_are_named_by_their_id_or_their_position(tmp_path) -> None:
    make_project(tmp_path, {"scenarios/ids.yml": SCENARIO.format(second="ring-the-gp")})
    result = check(tmp_path)
    assert found(result) == []
    scenario = item(result, "ids")
    assert [c.id for c in scenario.nodes["a"].choices] == ["c1", "ring-the-gp", "c3"]
    data = scenario_data(scenario)
    assert [c["id"] for c in data["nodes"]["a"]["choices"]] == ["c1", "ring-the-gp", "c3"]


def test_an_id_changes_no_saved_progress(tmp_path) -> None:
    """Ids are added after the content hash: learners' saved paths stay valid."""
    versions = set()
    for second in ("ring-the-gp", "c2"):
        (tmp_path / second).mkdir()
        make_project(tmp_path / second, {"scenarios/ids.yml": SCENARIO.format(second=second)})
        versions.add(scenario_data(item(check(tmp_path / second), "ids"))["version"])
    assert len(versions) == 1


def test_a_choice_id_used_twice_in_a_node_is_an_error_at_its_place(tmp_path) -> None:
    make_project(tmp_path, {"scenarios/ids.yml": SCENARIO.format(second="c3")})
    result = check(tmp_path)
    assert found(result) == [("scenarios/ids.yml", 13, 9, "duplicate-id")]  # the third choice, c3 by position
    assert "choice id 'c3' is used twice in node 'a' (first on line 10)" in message(result, "duplicate-id")
    make_project(tmp_path, {"scenarios/ids.yml": SCENARIO.format(second="Ring GP")})
    assert found(check(tmp_path)) == [("scenarios/ids.yml", 10, 13, "bad-value")]
