"""A throwaway project on disk (mkdocs.yml, scenarios/, docs/) and its diagnostics as tuples."""

from __future__ import annotations

import datetime
import re
import shutil
import textwrap
from pathlib import Path

from quiz_engine import CheckResult, Project, check_project
from quiz_engine.load.model import Item

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
TODAY = datetime.date(2026, 11, 29)

Found = tuple[str, int, int, str]  # (file, line, column, code), as yamllint's tests state problems


def make_project(root: Path, files: dict[str, str | bytes] | None = None, copy: tuple[Path, ...] = ()) -> Path:
    """Write `files` (paths relative to `root`) and copy fixture files into scenarios/.

    A copied fixture brings the images/ folder beside it, so image paths resolve as they do there.
    """
    (root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (root / "scenarios").mkdir(exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    for source in copy:
        shutil.copy(source, root / "scenarios" / source.name)
        images = source.parent / "images"
        if images.is_dir():
            shutil.copytree(images, root / "scenarios" / "images", dirs_exist_ok=True)
    return root / "mkdocs.yml"


def copy_of_default_module(root: Path, drafts: tuple[str, ...] = ()) -> Path:
    """The default module (mkdocs.yml, glossary, docs/, scenarios/) copied to `root`, with
    `draft: true` added to the files of `drafts`; returns its mkdocs.yml."""
    repository = FIXTURES.parents[1]
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "glossary.yml"):
        shutil.copy(repository / name, root / name)
    for name in ("docs", "scenarios"):
        shutil.copytree(repository / name, root / name)
    for item_id in drafts:
        path = root / "scenarios" / f"{item_id}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"^kind: (\w+)\n", r"kind: \1\ndraft: true\n", text, count=1, flags=re.M), encoding="utf-8"
        )
    return root / "mkdocs.yml"


def check(root: Path, today: datetime.date = TODAY) -> CheckResult:
    return check_project(Project.at(root / "mkdocs.yml"), today=today)


def found(result: CheckResult) -> list[Found]:
    return [(d.path, d.line, d.col, d.code) for d in result.diagnostics]


def check_files(root: Path, files: dict[str, str | bytes]) -> list[Found]:
    make_project(root, files)
    return found(check(root))


def check_fixtures(root: Path, *sources: Path) -> list[Found]:
    make_project(root, copy=sources)
    return found(check(root))


def message(result: CheckResult, code: str) -> str:
    """The one message with `code` (fails if there are none or several)."""
    (only,) = [d.message for d in result.diagnostics if d.code == code]
    return only


def item(result: CheckResult, item_id: str) -> Item:
    (only,) = [i for i in result.items if i.id == item_id]
    return only


SCENARIO_HEAD = """\
kind: scenario
title: T
role: R
summary: S
"""
QUIZ_HEAD = """\
kind: quiz
title: Q
"""


# Hostile files: each gives clear diagnostics (line, column, code), never an exception.
HOSTILE: dict[str, tuple[bytes, list[tuple[int, int, str]]]] = {
    "empty": (b"", [(1, 1, "missing-field")]),
    "only-a-comment": (b"# yaml-language-server: $schema=x.json\n", [(1, 1, "missing-field")]),
    "list-at-top": (b"- kind: quiz\n- title: T\n", [(1, 1, "wrong-type")]),
    "scalar-at-top": (b"just some words\n", [(1, 1, "wrong-type")]),
    "binary": (bytes(range(256)), [(2, 118, "yaml-syntax")]),
    "not-utf8": ("kind: quiz\ntitle: Café\n".encode("latin-1"), [(2, 11, "yaml-syntax")]),
    "nul-byte": (b"kind: quiz\ntitle: a\x00b\n", [(2, 9, "yaml-syntax")]),
    "bell-after-accents": ("kind: quiz\ntitle: Café née\x07\n".encode(), [(2, 16, "yaml-syntax")]),
    "tabs": (b"kind: quiz\n\ttitle: T\n", [(2, 1, "yaml-syntax")]),
    "second-document": (b"kind: quiz\n---\nkind: quiz\n", [(2, 1, "yaml-syntax")]),
    "deep-lists": (b"kind: quiz\ntitle: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", [(1, 1, "yaml-syntax")]),
    "deep-compact-lists": (b"- " * 50_000 + b"x\n", [(1, 1, "yaml-syntax")]),
    "huge-number": (
        b"kind: quiz\ntitle: T\npass_mark: "
        + b"9" * 5000
        + b"\nquestions: [{type: true-false, prompt: P, answer: true}]\n",
        [(3, 12, "bad-value")],
    ),
    "undefined-alias": (b"kind: quiz\ntitle: *nothing\n", [(2, 8, "yaml-syntax")]),
    "python-tag": (
        b"kind: quiz\ntitle: !!python/object/apply:os.system [echo hi]\nquestions: [{type: true-false, prompt: P, answer: true}]\n",
        [(2, 8, "wrong-type")],
    ),
    "recursive-alias": (b"kind: quiz\ntitle: &a [*a]\n", [(1, 1, "missing-field"), (2, 8, "wrong-type")]),
}

# 9 levels of 9 aliases: 387,420,489 items if expanded; the composer shares one node per anchor.
# The nine questions are all the list `a8` (line 11) and are reported where that list is written.
HOSTILE["alias-bomb"] = (
    "\n".join(
        ["kind: quiz", "title: T", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        + ["questions: *a9", ""]
    ).encode(),
    [(line, 1, "unknown-key") for line in range(3, 12)] + [(11, 5, "wrong-type")] * 9 + [(12, 1, "unknown-key")],
)
