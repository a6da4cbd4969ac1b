"""Load stage: a scenario file's mapping -> model.Scenario, with every problem reported."""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from . import model
from .common import common_id, review, slug_list, sources
from .diagnostics import Pos, Reporter
from .fields import INTEGER, NAME, Fields, scalar_map_entries, short
from .format import CHOICE_KEYS, ENDINGS, NODE_KEYS, RATINGS, RESERVED, SCENARIO_KEYS, WHEN_KEYS
from .suggest import closest
from .yaml_source import pairs, pos_of


def load_scenario(root: yaml.Node, report: Reporter, display: str, default_id: str) -> model.Scenario:
    f = Fields(root, report, "the scenario", SCENARIO_KEYS)
    f.require("title", "start", "nodes")
    scenario = model.Scenario(pos=f.pos, path=display)
    scenario.id = common_id(f, report, default_id)
    scenario.at["id"] = f.where("id")
    scenario.title = f.text("title", required=True) or ""
    scenario.role = f.text("role")
    scenario.summary = f.text("summary")
    scenario.duration = f.integer("duration", minimum=1, maximum=600)
    scenario.at["duration"] = f.where("duration")
    scenario.themes = slug_list(f, "themes", scenario.at)
    scenario.draft = bool(f.boolean("draft"))
    scenario.at["draft"] = f.where("draft")
    scenario.content_note = f.text("content_note")
    allow_back = f.boolean("allow_back")
    scenario.allow_back = True if allow_back is None else allow_back
    scenario.review = review(f, report)
    scenario.sources = sources(f, report)
    variables_twice: dict[str, tuple[Pos, Pos]] = {}
    scenario.variables = _variables(f, variables_twice)
    for name, pos, value in scalar_map_entries(f, "dimensions"):
        if not NAME.match(name) or name in RESERVED:
            report.error(
                pos, "bad-value", f"dimension name '{name}' should be a word such as 'timeliness' (letters, digits, _)."
            )
        label = f._scalar(name, value, "a description")
        scenario.dimensions[name] = label or name
        scenario.at[f"dimensions.{name}"] = pos
    scenario.start = f.text("start", required=True) or ""
    scenario.at["start"] = f.where("start")
    nodes = f.mapping("nodes", required=True)
    if nodes is not None:
        entries = pairs(nodes)
        if not entries:
            report.error(pos_of(nodes), "bad-value", "'nodes' is empty; write at least a start node and an ending.")
        seen: dict[str, Pos] = {}
        for key_node, value_node in entries:
            node_id = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            key_pos = pos_of(key_node)
            if node_id in seen:
                scenario.defined_twice.setdefault(node_id, key_pos)
                copy = _node(node_id, key_pos, value_node, Reporter(display, []))  # read only for where it goes
                scenario.led_to_by_copies.update(t for t in (copy.next, *(c.goto for c in copy.choices or [])) if t)
                continue
            seen[node_id] = key_pos
            scenario.nodes[node_id] = _node(node_id, key_pos, value_node, report)
        for node_id, key_pos in scenario.defined_twice.items():
            report.error(key_pos, "duplicate-key", defined_twice(scenario, node_id, seen[node_id]))
    for name, (first, second) in variables_twice.items():
        report.error(second, "duplicate-key", _variable_twice(scenario, name, first))
    scenario.variables_twice = set(variables_twice)
    return scenario


def _variable_twice(scenario: model.Scenario, name: str, first: Pos) -> str:
    """As `defined_twice`, for a variable: the undeclared names used that this copy was probably meant to be."""
    message = f"'{name}' appears twice in 'variables' (first on line {first.line}); keep one."
    return message + _probably_meant(name, _variable_uses(scenario), scenario.variables, ("names", "name"))


def _variable_uses(scenario: model.Scenario) -> list[tuple[str, Pos]]:
    """Every name in a 'set', an 'add' or an 'if' (words of the condition language left out)."""
    uses = []
    for node in scenario.nodes.values():
        for conditional in [*(node.choices or []), *node.when]:
            words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", conditional.condition or "")
            uses += [(w, conditional.where("if")) for w in words if w not in RESERVED]
        for choice in node.choices or []:
            uses += [
                (name, choice.where(f"{effect}.{name}"))
                for effect in ("set", "add")
                for name in getattr(choice, effect)
            ]
    return uses


def defined_twice(scenario: model.Scenario, node_id: str, first: Pos) -> str:
    """The duplicate's message, naming the 'goto' or 'next' that this copy was probably meant to be
    (the check then gives those no 'did you mean', which would point back at this id)."""
    message = f"node '{node_id}' is defined twice (first on line {first.line}); rename or delete one."
    return message + _probably_meant(node_id, _links(scenario), scenario.nodes, ("goes to", "go to"))


def _probably_meant(name: str, uses: list[tuple[str, Pos]], defined: Iterable[str], verbs: tuple[str, str]) -> str:
    """' Line 13 goes to 'x', which is not defined: ...' for each undefined name used whose closest
    defined name is `name`, the one defined twice."""
    meant: dict[str, set[int]] = {}
    for used, pos in uses:
        if used not in defined and closest(used, defined) == name:
            meant.setdefault(used, set()).add(pos.line)
    said = ""
    for used, lines in meant.items():
        where = ", ".join(str(line) for line in sorted(lines))
        subject, verb = (f"Line {where}", verbs[0]) if len(lines) == 1 else (f"Lines {where}", verbs[1])
        said += f" {subject} {verb} '{used}', which is not defined: if this copy is meant to be it, rename it '{used}'."
    return said


def _links(scenario: model.Scenario) -> list[tuple[str, Pos]]:
    """Every 'next' and 'goto' with its position."""
    links = []
    for node in scenario.nodes.values():
        if node.next:
            links.append((node.next, node.where("next")))
        links.extend((c.goto, c.where("goto")) for c in node.choices or [] if c.goto)
    return links


def _variables(f: Fields, twice: dict[str, tuple[Pos, Pos]]) -> dict[str, bool | int]:
    variables: dict[str, bool | int] = {}
    for name, pos, value in scalar_map_entries(f, "variables", twice):
        if not NAME.match(name) or name in RESERVED:
            f.report.error(
                pos,
                "bad-value",
                f"variable name '{name}' should be a word such as 'shared_with_gp' (letters, digits, _).",
            )
            continue
        raw = value.value if isinstance(value, yaml.ScalarNode) else None
        if raw in ("true", "false") and not value.style:
            variables[name] = raw == "true"
        elif raw is not None and not value.style and INTEGER.match(raw):
            number = f.integer_value(name, value)
            if number is not None:
                variables[name] = number
        else:
            f.report.error(
                pos_of(value),
                "wrong-type",
                f"variable '{name}' should start as true, false or a whole number, not '{short(raw or shape_word(value))}'.",
            )
            continue
    return variables


def shape_word(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _node(node_id: str, key_pos: Pos, value: yaml.Node, report: Reporter) -> model.Node:
    f = Fields(value, report, f"node '{node_id}'", NODE_KEYS)
    node = model.Node(pos=key_pos, id=node_id)  # node diagnostics point at its name, where a trainer looks for it
    node.at["id"] = key_pos
    if not f.ok:
        node.ending = ""  # reported as wrong-type; counted as an ending so that no node-shape or path message follows
        return node
    node.title = f.text("title")
    node.text = f.text("text", required=True)
    node.reflect = f.text("reflect")
    node.debrief = f.text("debrief")
    node.next = f.text("next", required=f.has("next"))
    node.ending = f.enum("ending", ENDINGS, required=f.has("ending"))
    # A 'next' or 'ending' that is written but wrong is reported above; it still counts as the
    # node's one way on, so that no node-shape or no-way-out message follows from it.
    if f.has("next") and node.next is None:
        node.next = ""
    if f.has("ending") and node.ending is None:
        node.ending = ""
    node.at.update(next=f.where("next"), ending=f.where("ending"), choices=f.where("choices"), image=f.where("image"))
    if f.has("when"):
        node.when = _when(f, report, node_id)
    if f.has("image"):
        node.image = _image(f, report)
    if f.has("choices"):
        items = f.sequence("choices", required=True, non_empty=True)
        node.choices = [_choice(item, report, node_id, i) for i, item in enumerate(items or [], start=1)]
        _unique_choice_ids(node, report)
    return node


def _unique_choice_ids(node: model.Node, report: Reporter) -> None:
    """A choice's id is what learning records send as the learner's response: one per choice of a node."""
    seen: dict[str, Pos] = {}
    for choice in node.choices or []:
        where = choice.where("id")
        if choice.id in seen:
            report.error(
                where,
                "duplicate-id",
                f"choice id '{choice.id}' is used twice in node '{node.id}' (first on line {seen[choice.id].line}); "
                "give each choice of a node its own id.",
            )
        else:
            seen[choice.id] = where


def _when(f: Fields, report: Reporter, node_id: str) -> list[model.Conditional]:
    """`when:`: paragraphs shown after the node's text while their condition holds."""
    found = []
    for number, item in enumerate(f.sequence("when", required=True, non_empty=True) or [], start=1):
        g = Fields(item, report, f"'when' paragraph {number} of node '{node_id}'", WHEN_KEYS)
        if not g.ok:
            continue
        g.require("if", "text")
        paragraph = model.Conditional(pos=g.pos, condition=g.text("if", required=True), text=g.text("text") or "")
        paragraph.at = {"if": _condition_pos(g)}
        found.append(paragraph)
    return found


def _condition_pos(f: Fields) -> Pos:
    """Where an `if:` condition's text starts: after the quote of a quoted one."""
    pos, condition = f.where("if"), f.node("if")
    if isinstance(condition, yaml.ScalarNode) and condition.style in ("'", '"'):  # offsets start after the quote
        return Pos(pos.line, pos.col + 1)
    return pos


def _image(f: Fields, report: Reporter) -> model.Image | None:
    node = f.mapping("image")
    if node is None:
        return None
    g = Fields(node, report, "the image", ("src", "alt"))
    image = model.Image(pos=g.pos, src=g.text("src", required=True) or "", alt=g.text("alt") or "")
    image.at = {"src": g.where("src"), "alt": g.where("alt")}
    return image


def _choice(value: yaml.Node, report: Reporter, node_id: str, number: int) -> model.Choice:
    f = Fields(value, report, f"choice {number} of node '{node_id}'", CHOICE_KEYS)
    choice = model.Choice(pos=f.pos, id=f"c{number}")  # by position: stable while choices are only added at the end
    if not f.ok:
        return choice
    f.require("goto")
    if f.has("id"):
        choice.id = f.slug("id") or choice.id
    choice.text = f.text("text", required=True) or ""
    choice.goto = f.text("goto", required=True) or None
    choice.rating = f.enum("rating", RATINGS)
    choice.feedback = f.text("feedback")
    choice.condition = f.text("if")
    choice.at = {"goto": f.where("goto"), "if": _condition_pos(f), "text": f.where("text")}
    if f.has("id"):
        choice.at["id"] = f.where("id")
    for name, pos, v in scalar_map_entries(f, "score"):
        number_value = f.integer_value(f"score.{name}", v)
        choice.at[f"score.{name}"] = pos
        if number_value is not None:
            choice.score[name] = number_value
    for name, pos, v in scalar_map_entries(f, "add"):
        number_value = f.integer_value(f"add.{name}", v)
        choice.at[f"add.{name}"] = pos
        if number_value is not None:
            choice.add[name] = number_value
    for name, pos, v in scalar_map_entries(f, "set"):
        choice.at[f"set.{name}"] = pos
        raw = v.value if isinstance(v, yaml.ScalarNode) else None
        if raw in ("true", "false") and not v.style:
            choice.set[name] = raw == "true"
        else:
            number_value = f.integer_value(f"set.{name}", v)
            if number_value is not None:
                choice.set[name] = number_value
    return choice
