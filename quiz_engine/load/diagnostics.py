"""Diagnostics as data: every check yields them; the command line prints them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]  # info: said, never a failure (not in has_errors' input)


@dataclass(frozen=True, order=True, init=False)
class Pos:
    """A 1-based line and column in a source file."""

    line: int = 1
    col: int = 1

    def __init__(self, line: int = 1, col: int = 1) -> None:
        # The generated __init__ of a frozen dataclass sets each field through object.__setattr__;
        # writing the instance dict is the same and takes half the time (loading makes ~600 per file).
        fields = self.__dict__
        fields["line"] = line
        fields["col"] = col

    def __reduce__(self) -> tuple:
        # Pickled as Pos(line, col): cheaper both ways than a dataclass's state dict, and the
        # workers of check_project pickle about 600 positions per file back to this process.
        return Pos, (self.line, self.col)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.message)

    def format(self, style: str = "plain") -> str:
        if style == "github":
            # GitHub annotation lines: shown on the pull request diff.
            level = {"error": "error", "info": "notice"}.get(self.severity, "warning")
            path, code = _escape(self.path, in_property=True), _escape(self.code, in_property=True)
            return f"::{level} file={path},line={self.line},col={self.col},title={code}::{_escape(self.message)}"
        message = " ".join(self.message.splitlines())  # one line per diagnostic, whatever the author's text holds
        return f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.code}] {message}"


def _escape(text: str, in_property: bool = False) -> str:
    """GitHub workflow-command escaping; properties also escape ':' and ','."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


class Reporter:
    """Collects diagnostics for one source file."""

    def __init__(self, path: str, sink: list[Diagnostic]) -> None:
        self.path = path
        self.sink = sink

    def error(self, pos: Pos, code: str, message: str) -> None:
        self.sink.append(Diagnostic(self.path, pos.line, pos.col, "error", code, message))

    def warning(self, pos: Pos, code: str, message: str) -> None:
        self.sink.append(Diagnostic(self.path, pos.line, pos.col, "warning", code, message))


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {d: None for d in diagnostics}  # the same problem found twice is shown once
    return sorted(unique, key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity == "error" or strict for d in diagnostics)


def default_style() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "plain"
