"""The editor's side of a file: YAML 1.2 core parsing (as the YAML language server does) and the JSON schemas."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
KINDS = ("scenario", "quiz")


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types instead of YAML 1.1's.

    So `yes`, `no`, `on`, `off` and `2026-11-01` are strings, as in the editor, and only
    true/false are booleans.
    """


Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node)))


def load_yaml12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader: no Python objects


@cache
def schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(schema(kind), format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(text: str) -> list[str]:
    """What the editor would underline in `text`, as 'path: message' lines; [] when the schema accepts it.

    The schema is chosen by `kind`, as the modeline on line 1 would choose it; a file with no valid
    `kind` is checked against both schemas, and counts as accepted only if one of them accepts it.
    """
    data = load_yaml12(text)
    kind = data.get("kind") if isinstance(data, dict) else None
    kinds = [kind] if kind in KINDS else list(KINDS)
    found = []
    for each in kinds:
        errors = [
            f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator(each).iter_errors(data)
        ]
        if not errors:
            return []
        found.extend(f"[{each}] {line}" for line in errors)
    return found
