"""What every check is given (the project root, today's date), and how a check reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..load import model
from ..load.diagnostics import Diagnostic, Pos


@dataclass
class Context:
    root: Path
    today: datetime.date = field(default_factory=datetime.date.today)
    themes: tuple[str, ...] | None = None  # extra.module.themes of mkdocs.yml; None: not readable, not checked


def diag(item: model.Item, pos: Pos, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(item.path, pos.line, pos.col, severity, code, message)
