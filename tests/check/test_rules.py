"""Check stage: the rules over the loaded model, including the walk of (node, variables) states."""

from __future__ import annotations

import datetime
from collections import deque
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz_engine.check.conditions import evaluate
from quiz_engine.check.context import Context
from quiz_engine.check.paths import MAX_STATES, Exploration, _bounds, explore
from quiz_engine.check.rules import check_item
from quiz_engine.check.scenario_conditions import compile_condition
from quiz_engine.load import model
from tests.helpers import (
    INVALID,
    SCENARIO_HEAD,
    VALID,
    check,
    check_files,
    check_fixtures,
    found,
    item,
    make_project,
    message,
)

CHECK_CASES = {
    "missing-start/start.yml": [(5, 8, "missing-start")],
    "dangling-goto/goto-and-next.yml": [(11, 15, "dangling-goto"), (18, 11, "dangling-goto")],
    "node-shape/none-and-two.yml": [(14, 3, "node-shape"), (16, 3, "node-shape")],
    "unreachable-node/orphan.yml": [(10, 3, "unreachable-node")],
    "unreachable-node/never-true.yml": [(18, 3, "unreachable-node")],
    "no-way-out/loop.yml": [(14, 3, "no-way-out"), (17, 3, "no-way-out")],
    "no-way-out/variable-gate.yml": [(17, 3, "no-way-out")],
    "all-choices-hidden/concern-too-low.yml": [
        (18, 7, "all-choices-hidden"),
        (24, 3, "unreachable-node"),  # only the hidden choices lead to 'end'
    ],
    "unknown-variable/names.yml": [
        (15, 17, "unknown-variable"),
        (16, 15, "unknown-variable"),
        (17, 15, "unknown-variable"),
    ],
    "unknown-dimension/score.yml": [(14, 17, "unknown-dimension"), (14, 31, "unknown-dimension")],
    "bad-condition/conditions.yml": [
        (15, 21, "bad-condition"),  # concern + 1: at the '+'
        (18, 13, "bad-condition"),  # shared > 1
        (21, 13, "bad-condition"),  # concern (a number, not a condition)
        (24, 18, "bad-condition"),  # "eval(1)": at the '(' inside the quotes
        (27, 37, "bad-condition"),  # unclosed '(': at the end
    ],
    "no-correct-answer/quiz.yml": [(8, 7, "no-correct-answer"), (14, 7, "no-correct-answer")],
    "too-many-correct/quiz.yml": [(7, 7, "too-many-correct")],
    "missing-alt/no-alt.yml": [(9, 12, "missing-alt"), (15, 12, "missing-alt")],
    "missing-file/image.yml": [(9, 18, "missing-file"), (13, 18, "bad-value")],
    "review-overdue/quiz.yml": [(5, 16, "review-overdue")],
    "review-overdue/due-today.yml": [],
    "bad-condition/when.yml": [
        (17, 13, "unknown-variable"),  # a `when:` condition, checked as a choice's
        (19, 14, "bad-condition"),  # inside the quotes
        (21, 9, "missing-field"),
        (22, 9, "missing-field"),
    ],
    "poor-path-to-good-ending/praise.yml": [(26, 3, "poor-path-to-good-ending")],  # not 'honest', which has `when:`
    "duration-understated/long.yml": [(3, 11, "duration-understated")],
    "duration-understated/quiz.yml": [(3, 11, "duration-understated")],
}


@pytest.mark.parametrize("case", sorted(CHECK_CASES))
def test_check_stage_fixture_reports_exactly(tmp_path, case):
    source = INVALID / case
    expected = [(f"scenarios/{source.name}", line, col, code) for line, col, code in CHECK_CASES[case]]
    assert check_fixtures(tmp_path, source) == expected


def test_severities(tmp_path):
    make_project(
        tmp_path,
        copy=(
            INVALID / "review-overdue/quiz.yml",
            INVALID / "unreachable-node/orphan.yml",
            INVALID / "no-way-out/loop.yml",
        ),
    )
    assert [(d.code, d.severity) for d in check(tmp_path).diagnostics] == [
        ("no-way-out", "error"),
        ("no-way-out", "error"),
        ("unreachable-node", "warning"),
        ("review-overdue", "warning"),
    ]


def test_two_files_with_one_id(tmp_path):
    folder = INVALID / "duplicate-id/two-files"
    make_project(tmp_path, copy=(folder / "a-scenario.yml", folder / "b-quiz.yml"))
    result = check(tmp_path)
    assert found(result) == [("scenarios/b-quiz.yml", 2, 5, "duplicate-id")]
    assert "id 'shared-id' is already used by scenarios/a-scenario.yml" in message(result, "duplicate-id")


def test_an_id_from_a_file_name_can_clash_with_a_written_id(tmp_path):
    assert check_files(
        tmp_path,
        {
            "scenarios/a.yml": "kind: quiz\nid: b\ntitle: Q\nquestions: [{type: true-false, prompt: P, answer: true}]\n",
            "scenarios/b.yml": "kind: quiz\ntitle: Q\nquestions: [{type: true-false, prompt: P, answer: true}]\n",
        },
    ) == [("scenarios/b.yml", 1, 1, "duplicate-id")]


# --- "Did you mean" ---------------------------------------------------------------------------


def test_did_you_mean_a_node(tmp_path):
    make_project(tmp_path, copy=(INVALID / "dangling-goto/goto-and-next.yml",))
    assert [d.message for d in check(tmp_path).diagnostics] == [
        "choice 'Ring the GP before you leave' goes to 'dose', which is not a node of this scenario. Did you mean 'doses'?",
        "node 'doses' continues to 'ned', which is not a node of this scenario. Did you mean 'end'?",
    ]
    make_project(tmp_path, copy=(INVALID / "missing-start/start.yml",))
    assert message(check(tmp_path), "missing-start").endswith("Did you mean 'arrive'?")


def test_did_you_mean_a_variable_or_dimension(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unknown-variable/names.yml", INVALID / "unknown-dimension/score.yml"))
    assert [d.message for d in check(tmp_path).diagnostics] == [
        "the condition names 'sharedwithgp', which is not declared under 'variables'. Did you mean 'shared_with_gp'?",
        "'set' names 'shared_with_gq', which is not declared under 'variables'. Did you mean 'shared_with_gp'?",
        "'add' names 'conern', which is not declared under 'variables'. Did you mean 'concern'?",
        "'score' names 'timelines', which is not declared under 'dimensions'. Did you mean 'timeliness'?",
        "'score' names 'sharing', which is not declared under 'dimensions'.",
    ]


# --- the variable-aware checks explore states, not only arrows ---------------------------------


def scenario(body: str, variables: str = "") -> str:
    return SCENARIO_HEAD + variables + "start: a\nnodes:\n" + body


def test_all_choices_hidden_names_the_state(tmp_path):
    make_project(tmp_path, copy=(INVALID / "all-choices-hidden/concern-too-low.yml",))
    assert message(check(tmp_path), "all-choices-hidden") == (
        "at node 'b' every choice is hidden by its 'if' (when concern=1); add a choice without 'if', or change the conditions."
    )


def test_choices_hidden_only_in_an_unreachable_state_are_fine(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Worry
        goto: b
        add: {concern: 2}
  b:
    text: B
    choices:
      - text: Refer
        goto: end
        if: concern >= 2
  end:
    text: E
    ending: good
"""
    assert check_files(tmp_path, {"scenarios/s.yml": scenario(body, "variables: {concern: 0}\n")}) == []


def test_a_node_hidden_in_one_state_out_of_two(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Share
        goto: b
        set: {shared: true}
      - text: Keep quiet
        goto: b
  b:
    text: B
    choices:
      - text: Follow up
        goto: end
        if: shared
  end:
    text: E
    ending: good
"""
    make_project(tmp_path, {"scenarios/s.yml": scenario(body, "variables: {shared: false}\n")})
    result = check(tmp_path)
    assert found(result) == [("scenarios/s.yml", 19, 7, "all-choices-hidden")]
    assert "(when shared=false)" in message(result, "all-choices-hidden")


def test_a_dead_end_upstream_of_hidden_choices_is_not_reported_twice(tmp_path):
    # 'a' cannot reach an ending only because of 'b'; one message (at 'b') says why.
    body = """\
  a:
    text: A
    next: b
  b:
    text: B
    choices:
      - text: Never
        goto: end
        if: false
  end:
    text: E
    ending: good
"""
    assert check_files(tmp_path, {"scenarios/s.yml": scenario(body)}) == [
        ("scenarios/s.yml", 13, 7, "all-choices-hidden"),
        ("scenarios/s.yml", 16, 3, "unreachable-node"),
    ]


def test_a_loop_with_no_exit(tmp_path):
    body = """\
  a:
    text: A
    next: b
  b:
    text: B
    next: a
"""
    make_project(tmp_path, {"scenarios/s.yml": scenario(body)})
    result = check(tmp_path)
    assert found(result) == [("scenarios/s.yml", 7, 3, "no-way-out"), ("scenarios/s.yml", 10, 3, "no-way-out")]
    assert result.diagnostics[0].message == "from node 'a' no ending can be reached; add a path to an ending."


def test_a_loop_whose_exit_opens_after_counting(tmp_path):
    # "Ask again" raises concern each time; the way out opens at 3. The counter is unbounded,
    # but it is only compared with 3, so the walk is finite and finds both the loop and the exit.
    body = """\
  a:
    text: A
    choices:
      - text: Ask again
        goto: a
        add: {concern: 1}
      - text: Leave
        goto: end
        if: concern >= 3
  end:
    text: E
    ending: good
"""
    files = {"scenarios/s.yml": scenario(body, "variables: {concern: 0}\n")}
    assert check_files(tmp_path, files) == []


def test_a_loop_whose_exit_never_opens(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Ask again
        goto: a
        add: {concern: 1}
      - text: Leave
        goto: end
        if: concern < 0
  end:
    text: E
    ending: good
"""
    make_project(tmp_path, {"scenarios/s.yml": scenario(body, "variables: {concern: 0}\n")})
    result = check(tmp_path)
    assert found(result) == [("scenarios/s.yml", 8, 3, "no-way-out"), ("scenarios/s.yml", 17, 3, "unreachable-node")]
    assert "(when concern=0)" in message(result, "no-way-out")


def test_counting_up_and_down_is_explored_exactly_up_to_the_limit(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Up
        goto: a
        add: {n: 1}
      - text: Down
        goto: a
        add: {n: -1}
      - text: Leave
        goto: end
  end:
    text: E
    ending: good
"""
    make_project(tmp_path, {"scenarios/s.yml": scenario(body, "variables: {n: 0}\n")})
    s = item(check(tmp_path), "s")
    result = explore(s)
    assert not result.complete
    assert len(result.states) == MAX_STATES
    assert [(d.code, d.severity) for d in check(tmp_path).diagnostics] == [("too-large-to-explore", "warning")]


def test_a_node_reachable_only_through_a_never_true_condition(tmp_path):
    make_project(tmp_path, copy=(INVALID / "unreachable-node/never-true.yml",))
    s = item(check(tmp_path), "never-true")
    reached = {node_id for node_id, _ in explore(s).states}
    assert reached == {"a", "end"}


def test_the_example_scenario_explores_its_states(tmp_path):
    make_project(tmp_path, copy=(VALID / "visit-after-discharge.yml",))
    s = item(check(tmp_path), "visit-after-discharge")
    result = explore(s)
    assert result.complete and not result.hidden
    # Variables are sorted by name: (concern, shared_with_gp).
    # 'Ring the GP' needs concern >= 1, which is never so at 'arrive': that choice is never shown.
    assert sorted(result.states) == [
        ("arrive", (0, False)),
        ("doses", (0, True)),
        ("drift", (1, False)),
        ("ending-harm", (1, False)),
        ("ending-safe", (0, True)),
    ]


def test_an_unreadable_condition_does_not_also_hide_the_choice(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Go
        goto: end
        if: concern +
  end:
    text: E
    ending: good
"""
    files = {"scenarios/s.yml": scenario(body, "variables: {concern: 0}\n")}
    assert check_files(tmp_path, files) == [("scenarios/s.yml", 13, 21, "bad-condition")]


def test_set_and_add_on_the_wrong_kind_of_variable(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Go
        goto: end
        set: {flag: 1, count: true}
        add: {flag: 1}
  end:
    text: E
    ending: good
"""
    files = {"scenarios/s.yml": scenario(body, "variables: {flag: false, count: 0}\n")}
    assert check_files(tmp_path, files) == [
        ("scenarios/s.yml", 13, 15, "wrong-type"),  # set flag: 1
        ("scenarios/s.yml", 13, 24, "wrong-type"),  # set count: true
        ("scenarios/s.yml", 14, 15, "wrong-type"),  # add flag
    ]


def test_a_wrong_ending_or_empty_next_is_reported_once(tmp_path):
    body = """\
  a:
    text: A
    next:
  b:
    text: B
    ending: happy
"""
    assert check_files(tmp_path, {"scenarios/s.yml": scenario(body)}) == [
        ("scenarios/s.yml", 9, 10, "missing-field"),
        ("scenarios/s.yml", 10, 3, "unreachable-node"),
        ("scenarios/s.yml", 12, 13, "bad-value"),
    ]


def test_empty_choices_and_goto(tmp_path):
    body = """\
  a:
    text: A
    choices:
      - text: Go
        goto:
  b:
    text: B
    choices: []
"""
    assert check_files(tmp_path, {"scenarios/s.yml": scenario(body)}) == [
        ("scenarios/s.yml", 11, 14, "missing-field"),
        ("scenarios/s.yml", 12, 3, "unreachable-node"),
        ("scenarios/s.yml", 14, 14, "bad-value"),
    ]


# --- review dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 27), []),
        (datetime.date(2026, 11, 28), []),
        (datetime.date(2026, 11, 29), [("scenarios/quiz.yml", 5, 16, "review-overdue")]),
    ],
)
def test_review_overdue_only_after_the_date(tmp_path, today, expected):
    make_project(tmp_path, copy=(INVALID / "review-overdue/quiz.yml",))
    assert found(check(tmp_path, today=today)) == expected


# --- images --------------------------------------------------------------------------------------


def test_images_resolve_beside_the_file(tmp_path):
    files = {
        "scenarios/sub/s.yml": scenario("  a:\n    text: A\n    image: {src: pics/x.png, alt: X}\n    ending: good\n"),
        "scenarios/sub/pics/x.png": b"\x89PNG\r\n\x1a\n",
        "scenarios/pics/y.png": b"\x89PNG\r\n\x1a\n",
    }
    assert check_files(tmp_path, files) == []


@pytest.mark.parametrize("src", ["/etc/hostname", "../mkdocs.yml", "images/../../mkdocs.yml"])
def test_an_image_outside_the_scenario_folder_is_refused(tmp_path, src):
    files = {"scenarios/s.yml": scenario(f"  a:\n    text: A\n    image: {{src: '{src}', alt: X}}\n    ending: good\n")}
    assert check_files(tmp_path, files) == [("scenarios/s.yml", 9, 18, "bad-value")]


# --- embeds in docs pages --------------------------------------------------------------------------


def test_unknown_embed_in_a_docs_page(tmp_path):
    make_project(
        tmp_path,
        {
            "docs/index.md": """
                # Training

                /// scenario | visit-after-discharge
                ///

                /// scenario | visit-after-dischage
                ///

                ```markdown
                /// quiz | only-an-example
                ///
                ```

                /// quiz | visit-after-discharge
                ///

                /// quiz | escalation-basics
                ///
            """,
        },
        copy=(VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"),
    )
    result = check(tmp_path)
    assert found(result) == [("docs/index.md", 6, 1, "unknown-embed"), ("docs/index.md", 14, 1, "unknown-embed")]
    first, second = (d.message for d in result.diagnostics)
    assert first.endswith("Did you mean 'visit-after-discharge'?")
    assert second.endswith("'visit-after-discharge' is a scenario: write '/// scenario | visit-after-discharge'.")


def test_embeds_in_nested_pages(tmp_path):
    make_project(tmp_path, {"docs/guide/part.md": "Intro\n\n/// quiz | missing\n///\n"})
    result = check(tmp_path)
    assert found(result) == [("docs/guide/part.md", 3, 1, "unknown-embed")]
    assert message(result, "unknown-embed").endswith("Known quiz ids: none.")


# --- explore is the plain walk over states, made faster -----------------------------------------


def reference_explore(s: model.Scenario) -> Exploration:
    """The walk as first written: each condition evaluated from its tree, values kept by name."""
    names = sorted(s.variables)
    conditions = {}
    for node in s.nodes.values():
        for choice in node.choices or []:
            conditions[id(choice)] = compile_condition(s, choice)[0]
    bounds = _bounds(s, [tree for tree in conditions.values() if tree is not None])

    def capped(values: dict) -> tuple:
        for name, (low, high) in bounds.items():
            values[name] = min(max(values[name], low), high)
        return tuple(values[n] for n in names)

    start = (s.start, capped(dict(s.variables)))
    states, edges, hidden, dead_ends = {start}, {}, {}, set()
    poor_moves = []
    queue, complete = deque([start]), True
    while queue:
        state = queue.popleft()
        node_id, values = state
        node = s.nodes[node_id]
        env = dict(zip(names, values))
        targets = []
        if node.ending is None and node.next in s.nodes and node.choices is None:
            targets.append((node.next, values))
        shown = 0
        for number, choice in enumerate(node.choices or []):
            tree = conditions[id(choice)]
            if tree is not None and not evaluate(tree, env):
                continue
            shown += 1
            if choice.goto not in s.nodes:
                continue
            new = dict(env)
            for name, value in choice.set.items():
                if name in new:
                    new[name] = value
            for name, value in choice.add.items():
                if name in new and not isinstance(new[name], bool):
                    new[name] += value
            targets.append((choice.goto, capped(new)))
            if choice.rating == "poor":
                poor_moves.append((state, node_id, number, targets[-1]))
        if node.choices and shown == 0:
            hidden.setdefault(node_id, state)
            dead_ends.add(state)
        edges[state] = targets
        for target in targets:
            if target not in states:
                if len(states) >= MAX_STATES:
                    complete = False
                    continue
                states.add(target)
                queue.append(target)
    return Exploration(states, edges, hidden, dead_ends, complete, poor_moves)


# `up` only counts up and `down` only down, and no variable is compared with another: every
# scenario drawn has a bounded number of states. Some conditions name unknown variables or
# mix types: they are reported, and their choices are always shown.
IF_TEXTS = [
    "up < 2", "up >= 1", "down > -2", "down == 0", "flag", "not flag", "flag and up != 0", "other or down <= 1",
    "(flag or other) and up <= 3", "not (up > 1 or flag)", "flag == other", "up", "flag > 1", "nope", "up +",
]  # fmt: skip


@st.composite
def scenarios(draw: st.DrawFn) -> model.Scenario:
    variables: dict[str, bool | int] = {}
    for name in draw(st.lists(st.sampled_from(["up", "down", "flag", "other"]), unique=True)):
        variables[name] = draw(st.booleans() if name in ("flag", "other") else st.integers(-2, 2))
    ids = [f"n{i}" for i in range(draw(st.integers(1, 6)))]
    nodes = {}
    for node_id in ids:
        node = model.Node(id=node_id)
        shape = draw(st.sampled_from(["choices", "choices", "choices", "next", "ending", "none"]))
        if shape == "ending":
            node.ending = "good"
        elif shape == "next":
            node.next = draw(st.sampled_from([*ids, "missing"]))
        elif shape == "choices":
            node.choices = []
            for _ in range(draw(st.integers(0, 3))):
                choice = model.Choice(text="C", goto=draw(st.sampled_from([*ids, "missing"])))
                choice.rating = draw(st.sampled_from([None, "best", "poor"]))
                choice.condition = draw(st.none() | st.sampled_from(IF_TEXTS))
                for name in draw(st.lists(st.sampled_from(["up", "down", "flag", "nope"]), unique=True, max_size=2)):
                    choice.set[name] = draw(st.booleans() | st.integers(-1, 3))
                if draw(st.booleans()):
                    choice.add["up"] = draw(st.integers(1, 2))
                if draw(st.booleans()):
                    choice.add["down"] = -1
                node.choices.append(choice)
        nodes[node_id] = node
    return model.Scenario(path="s.yml", start="n0", variables=variables, nodes=nodes)


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_explore_finds_what_the_plain_walk_finds(s: model.Scenario) -> None:
    fast, plain = explore(s), reference_explore(s)
    assert fast.states == plain.states
    assert list(fast.edges.items()) == list(plain.edges.items())  # the same targets, in the same order
    assert list(fast.hidden.items()) == list(plain.hidden.items())
    assert fast.poor_moves == plain.poor_moves
    assert (fast.dead_ends, fast.complete) == (plain.dead_ends, plain.complete)
    check_item(s, Context(root=Path(".")))  # and the checks built on it run


def test_poor_path_names_the_choice_and_its_node(tmp_path):
    make_project(tmp_path, copy=(INVALID / "poor-path-to-good-ending/praise.yml",))
    (found,) = check(tmp_path).diagnostics
    assert found.severity == "warning"
    assert "the good ending 'praised' can be reached after the poor choice 'Wait a week' at node 'a'" in found.message


POOR_BEHIND_A_GATE = """\
kind: scenario
title: T
variables:
  waited: false
start: a
nodes:
  a:
    text: A
    choices:
      - {text: Share, goto: b, rating: best}
      - {text: Wait, goto: b, rating: poor, set: {waited: true}}
  b:
    text: B
    choices:
      - {text: Close the case, goto: good, if: not waited}
      - {text: Put it right, goto: late, if: waited}
  good:
    ending: good
    text: You shared at once.
  late:
    ending: mixed
    text: The family waited a week.
"""


def test_a_gate_that_keeps_poor_paths_away_is_no_warning(tmp_path):
    make_project(tmp_path, {"scenarios/gate.yml": POOR_BEHIND_A_GATE})
    assert check(tmp_path).diagnostics == []


WHEN_THEN_CHOICE = """\
kind: scenario
title: T
variables: {shared: false}
start: a
nodes:
  a:
    text: A
    when:
      - {if: shared, text: Already shared.}
    choices:
      - {text: Share, goto: b, set: {shared: true}}
      - {text: Wait, goto: b}
  b:
    text: B
    choices:
      - {text: Follow up, goto: end, if: shared}
      - {text: Share now, goto: end, if: not shared}
  end:
    ending: mixed
    text: E
"""


def test_a_when_condition_with_the_same_text_as_a_later_choice(tmp_path):
    """They share one compiled tree; exploring must still test the choice (it once crashed)."""
    make_project(tmp_path, {"scenarios/shared.yml": WHEN_THEN_CHOICE})
    assert check(tmp_path).diagnostics == []
