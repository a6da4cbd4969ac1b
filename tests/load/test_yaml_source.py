"""Parsing: libyaml's composer with do-nothing callbacks, and flow mappings joined when read.

The diagnostics of every fixture in tests/fixtures/invalid are pinned, messages included,
in tests/fixtures/invalid-diagnostics.json (written by the checker as it was before the
parser was made faster); the parsed nodes and their positions are compared with PyYAML's
own pure-Python composer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from quiz_engine.load import yaml_source
from quiz_engine.load.diagnostics import Reporter
from quiz_engine.load.yaml_source import pairs, parse
from tests.helpers import FIXTURES, HOSTILE, INVALID, check, make_project

ROOT = Path(__file__).resolve().parents[2]
PINNED = json.loads((FIXTURES / "invalid-diagnostics.json").read_text(encoding="utf-8"))
SOURCES = sorted(FIXTURES.rglob("*.yml")) + sorted((ROOT / "scenarios").glob("*.yml")) + [ROOT / "glossary.yml"]


def fixture_files(case: str) -> tuple[Path, ...]:
    path = INVALID / case
    return tuple(sorted(path.glob("*.yml"))) if path.is_dir() else (path,)


def diagnostics(root: Path) -> list[list]:
    return [[d.path, d.line, d.col, d.severity, d.code, d.message] for d in check(root).diagnostics]


def test_every_invalid_fixture_is_pinned():
    cases = {p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*.yml") if p.parent.name != "two-files"}
    assert set(PINNED) == cases | {"duplicate-id/two-files"}


@pytest.mark.parametrize("case", sorted(PINNED))
def test_invalid_fixture_reports_what_it_reported_before(tmp_path, case):
    make_project(tmp_path, copy=fixture_files(case))
    assert diagnostics(tmp_path) == PINNED[case]


@pytest.mark.parametrize("case", sorted(c for c in PINNED if not c.startswith("yaml-syntax/")))
def test_the_pure_python_loader_gives_the_same_positions(tmp_path, case, monkeypatch):
    # Files with more brackets and dashes than the nesting guard go to PyYAML's pure-Python
    # loader; apart from syntax errors (worded by each parser in its own way) the two agree.
    monkeypatch.setattr(yaml_source, "NESTING_GUARD", 0)
    make_project(tmp_path, copy=fixture_files(case))
    assert diagnostics(tmp_path) == PINNED[case]


def _walk(node: yaml.Node, seen: set[int]) -> list[tuple]:
    """Every node as (kind, value, style, flow style, start, end), depth first; aliases once."""
    if id(node) in seen:
        return [("alias", node.start_mark.line, node.start_mark.column)]
    seen.add(id(node))
    start, end = (node.start_mark.line, node.start_mark.column), (node.end_mark.line, node.end_mark.column)
    start_index, end_index = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.ScalarNode):
        return [("scalar", node.value, node.style or None, start, end, start_index, end_index)]
    head = (type(node).__name__, node.flow_style, start, end, start_index, end_index)
    if isinstance(node, yaml.SequenceNode):
        return [head, *(entry for item in node.value for entry in _walk(item, seen))]
    return [head, *(entry for key, value in node.value for part in (key, value) for entry in _walk(part, seen))]


def _composable(text: str) -> bool:
    """Whether PyYAML's pure-Python composer reads `text` as one document with something in it."""
    try:
        return yaml.compose(text, Loader=yaml_source._Loader) is not None
    except yaml.YAMLError:
        return False


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_libyaml_gives_the_nodes_and_marks_of_pyyaml(path):
    text = path.read_text(encoding="utf-8")
    found: list = []
    try:
        reference = yaml.compose(text, Loader=yaml_source._Loader)
    except yaml.YAMLError:
        assert parse(text, Reporter("x", found)) is None and [d.code for d in found] == ["yaml-syntax"]
        return
    assert _walk(parse(text, Reporter("x", found)), set()) == _walk(reference, set())
    assert found == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_parse_alike_both_ways(name):
    text = HOSTILE[name][0].decode("utf-8", errors="replace")
    if name.startswith("deep") or not _composable(text):
        return  # reported as yaml-syntax or as empty; tests/load/test_files.py pins where
    assert _walk(parse(text, Reporter("x", [])), set()) == _walk(yaml.compose(text, Loader=yaml_source._Loader), set())


def _flow(text: str) -> list[tuple[str, str]]:
    root = parse(text, Reporter("x", []))
    (_, mapping), *_ = pairs(root)
    return [(key.value, value.value) for key, value in pairs(mapping)]


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_a_bare_word_after_a_plain_value_is_joined_to_it(loader, monkeypatch):
    if loader == "pure-python":
        monkeypatch.setattr(yaml_source, "NESTING_GUARD", 0)
    assert _flow("a: {alt: A cold, cluttered kitchen}\n") == [("alt", "A cold, cluttered kitchen")]
    assert _flow("a: {alt: A, b, c, src: x}\n") == [("alt", "A, b, c"), ("src", "x")]
    assert _flow("a: {text: B, correct}\n") == [("text", "B"), ("correct", "")]  # a field name: not joined
    assert _flow("a: {alt: 'A', b}\n") == [("alt", "A"), ("b", "")]  # after a quoted value: not joined
    assert _flow("a: {alt: A, b: }\n") == [("alt", "A"), ("b", "")]  # with ':': a key
    assert _flow("a: {alt: A, b # note: c\n  }\n") == [("alt", "A"), ("b", "")]  # ':' before the value: a key


def test_a_shared_flow_mapping_is_joined_once():
    root = parse("a: &x {alt: A, b}\nb: *x\n", Reporter("x", []))
    (_, first), (_, second) = pairs(root)
    assert first is second
    assert [(k.value, v.value) for k, v in pairs(first)] == [("alt", "A, b")]
    assert [(k.value, v.value) for k, v in pairs(second)] == [("alt", "A, b")]


def test_plain_scalars_have_an_empty_style_and_quoted_ones_their_quote():
    root = parse("a: x\nb: 'y'\nc: \"z\"\nd: |\n  w\n", Reporter("x", []))
    assert [value.style or None for _, value in pairs(root)] == [None, "'", '"', "|"]


def test_an_empty_file_is_an_empty_scalar():
    root = parse("# only a comment\n", Reporter("x", []))
    assert isinstance(root, yaml.ScalarNode) and root.value == "" and not root.style
