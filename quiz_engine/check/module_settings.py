"""Check stage: the module's own settings in mkdocs.yml (`extra.module`), against the
items the project defines: the CPD minutes it claims, and its role pathways."""

from __future__ import annotations

from ..load import model
from ..load.config import ConfigError, section, settings
from ..load.diagnostics import Diagnostic
from ..load.pathways import load_pathways
from ..load.project import Project
from ..load.suggest import did_you_mean
from .durations import WORDS_PER_MINUTE, minutes, module_seconds


def check_cpd_minutes(
    project: Project, items: list[model.Item], estimates: dict[tuple[str, str], float | None]
) -> list[Diagnostic]:
    """`extra.module.cpd_minutes` below the module's estimate: the certificate would understate it."""
    try:
        module = section(settings(project.config_file), "extra.module")
    except ConfigError:
        return []  # the build reports a broken mkdocs.yml
    claimed = module.get("cpd_minutes")
    if not isinstance(claimed, int) or isinstance(claimed, bool):
        return []
    estimate = minutes(module_seconds(estimates, items, project.docs_dir, module.get("required", "all")))
    if claimed >= estimate:
        return []
    text = project.config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    line = next((n for n, row in enumerate(text, 1) if row.strip().startswith("cpd_minutes:")), 1)
    return [
        Diagnostic(
            project.display(project.config_file),
            line,
            1,
            "warning",
            "cpd-understated",
            f"cpd_minutes is {claimed}, but the module takes about {estimate} minutes (its reading pages and every "
            f"required scenario and quiz, at {WORDS_PER_MINUTE} words a minute); remove it to show the estimate, "
            f"or set it to at least {estimate}.",
        )  # fmt: skip
    ]


def check_pathways(project: Project, items: list[model.Item]) -> list[Diagnostic]:
    """Each pathway: its own id, at least one item, and only items that a file defines."""
    display = project.display(project.config_file)
    found: list[Diagnostic] = []
    ids = {item.id for item in items}
    first: dict[str, int] = {}
    for pathway in load_pathways(project.config_file, display, found):
        where = pathway.where("id")
        if pathway.id and pathway.id in first:
            found.append(
                Diagnostic(
                    display,
                    where.line,
                    where.col,
                    "error",
                    "duplicate-id",
                    f"pathway id '{pathway.id}' is used twice (first on line {first[pathway.id]}); give each pathway its own id.",
                )  # fmt: skip
            )
        first.setdefault(pathway.id, where.line)
        if not pathway.required and pathway.where("required") != pathway.pos:  # a missing key is missing-field
            at = pathway.where("required")
            found.append(
                Diagnostic(
                    display,
                    at.line,
                    at.col,
                    "error",
                    "empty-pathway",
                    f"pathway '{pathway.id or pathway.title}' requires nothing; list the ids of the scenarios and quizzes "
                    "its learners must complete.",
                )  # fmt: skip
            )
        for item_id, at in pathway.required:
            if item_id not in ids:
                found.append(
                    Diagnostic(
                        display,
                        at.line,
                        at.col,
                        "error",
                        "unknown-item",
                        f"pathway '{pathway.id}' requires '{item_id}', but no file in scenarios/ defines it."
                        f"{did_you_mean(item_id, ids) or ' Known ids: ' + ', '.join(sorted(ids)) + '.'}",
                    )  # fmt: skip
                )
    return found
