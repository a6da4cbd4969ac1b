"""Load stage: YAML files in scenarios/ -> model objects, with every problem reported."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import model
from .common import mapping_words
from .diagnostics import Diagnostic, Pos, Reporter
from .fields import Fields, shape, short
from .format import YAML_SUFFIXES
from .quiz import load_quiz
from .scenario import load_scenario
from .yaml_source import read_yaml


def find_sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file())


def load_file(path: Path, display: str, sink: list[Diagnostic]) -> model.Item | None:
    """Load one scenario or quiz file; None when it cannot be understood at all."""
    report = Reporter(display, sink)
    root = read_yaml(path, report)
    if root is None:
        return None
    if isinstance(root, yaml.ScalarNode) and root.value == "":
        report.error(Pos(), "missing-field", "the file is empty; start it with 'kind: scenario' or 'kind: quiz'.")
        return None
    # Read only `kind` here: the scenario or quiz reads the same mapping again and reports its problems.
    top = Fields(root, Reporter(display, []), "the file", ())
    if not top.ok:
        report.error(
            top.pos, "wrong-type", f"the file should be {mapping_words()} starting with 'kind:', not {shape(root)}."
        )
        return None
    top.report = report
    kind = top.text("kind")
    if kind is None:
        report.error(top.pos, "missing-field", "the file needs 'kind: scenario' or 'kind: quiz' as its first key.")
        return None
    if kind not in ("scenario", "quiz"):
        report.error(top.where("kind"), "bad-value", f"'kind' is '{short(kind)}'; it must be scenario or quiz.")
        return None
    default_id = path.stem
    if kind == "scenario":
        return load_scenario(root, report, display, default_id)
    return load_quiz(root, report, display, default_id)
