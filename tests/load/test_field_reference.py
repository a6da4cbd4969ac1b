"""The trainers' field reference (docs/trainers/field-reference.md) lists exactly the fields of the schemas.

Each `## Title` section of the reference holds a table whose first column is `Field`; its title is the
`title` of an object in schemas/*.schema.json (Scenario, Node, Choice, ..., Pair).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.schema_helpers import KINDS, schema

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "trainers" / "field-reference.md"
FIELD_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|")


def schema_fields() -> dict[str, set[str]]:
    """Object title -> its fields, over both schemas (Review and Source appear in both)."""
    found: dict[str, set[str]] = {}

    def visit(node: dict) -> None:
        if "properties" in node:
            found.setdefault(node["title"], set()).update(node["properties"])
        for sub in node.get("properties", {}).values():
            visit(sub)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                visit(node[key])

    for kind in KINDS:
        visit(schema(kind))
    return found


def reference_fields() -> dict[str, list[str]]:
    """Section title -> the fields of its `| Field |` table, in order."""
    found: dict[str, list[str]] = {}
    section, in_table = None, False
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, in_table = line[3:].strip(), False
        elif line.startswith("| Field |"):
            in_table = True
            found.setdefault(section, [])
        elif not line.startswith("|"):
            in_table = False
        elif in_table and (match := FIELD_ROW.match(line)):
            found[section].append(match.group(1))
    return found


def test_every_object_of_the_schemas_has_a_section():
    assert sorted(reference_fields()) == sorted(schema_fields())


@pytest.mark.parametrize("title", sorted(schema_fields()))
def test_every_field_of_the_schema_is_in_the_reference(title):
    listed = reference_fields().get(title, [])
    assert sorted(schema_fields()[title] - set(listed)) == []


@pytest.mark.parametrize("title", sorted(reference_fields()))
def test_every_field_in_the_reference_is_in_a_schema(title):
    listed = reference_fields()[title]
    assert len(listed) == len(set(listed)), "a field is listed twice"
    assert sorted(set(listed) - schema_fields().get(title, set())) == []


def test_required_fields_are_marked_required():
    text = REFERENCE.read_text(encoding="utf-8")
    required: dict[str, set[str]] = {}

    def visit(node: dict) -> None:
        if "properties" in node:
            required.setdefault(node["title"], set()).update(node.get("required", []))
        for sub in node.get("properties", {}).values():
            visit(sub)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                visit(node[key])

    for kind in KINDS:
        visit(schema(kind))
    for title, fields in required.items():
        section = text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
        for field in fields:
            (row,) = [line for line in section.splitlines() if line.startswith(f"| `{field}` |")]
            assert "| **Required" in row, f"{title}.{field} is required by the schema"
        for line in section.splitlines():
            match = FIELD_ROW.match(line)
            if match and "| Optional." in line:
                assert match.group(1) not in fields, f"{title}.{match.group(1)} is marked optional"
