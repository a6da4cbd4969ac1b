"""Check stage, what learners will get: theme ids that mkdocs.yml does not describe, the
drafts (`draft: true`, kept out of the learners' site), and files that `required: all`
makes required of every learner now that they are published.

Drafts and newly required files are notes (severity "info"): said, never a failure."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..load import model
from ..load.config import ConfigError, section, settings
from ..load.diagnostics import Diagnostic
from ..load.embeds import scan
from ..load.pathways import load_pathways
from ..load.project import Project
from ..load.suggest import did_you_mean
from .context import Context, diag

LEARNERS_MODULE = Path("site") / "assets" / "quiz-engine" / "module.json"  # the last learners' build


def module_themes(project: Project) -> tuple[str, ...] | None:
    """The theme ids of `extra.module.themes`, in order; None when mkdocs.yml sets none (a module without
    themes shows their ids, which is its choice) or cannot be read (the build says why)."""
    try:
        themes = section(settings(project.config_file), "extra.module").get("themes")
    except ConfigError:
        return None
    return tuple(themes) if isinstance(themes, dict) and themes else None


def check_themes(item: model.Item, ctx: Context) -> Iterator[Diagnostic]:
    """unknown-theme: learners would see the bare id in a debrief or a quiz's results."""
    if ctx.themes is None:
        return
    used = [(theme, item.where(f"themes.{theme}")) for theme in item.themes]
    if isinstance(item, model.Quiz):
        used += [(q.theme, q.where("theme")) for q in item.questions if q.theme]
    for theme, pos in used:
        if theme in ctx.themes:
            continue
        hint = did_you_mean(theme, ctx.themes) or f" Known themes: {', '.join(sorted(ctx.themes))}."
        yield diag(
            item,
            pos,
            "warning",
            "unknown-theme",
            f"theme '{theme}' is not in extra.module.themes of mkdocs.yml, so learners would see the bare id "
            f"'{theme}' where its title and briefing page belong.{hint} Add it there with a title and a page, "
            "or use a theme that is there.",
        )


def check_draft_embeds(project: Project, items: list[model.Item]) -> list[Diagnostic]:
    """draft-embedded: a learners' page that shows a draft would show an error box in its place."""
    drafts = {(item.kind, item.id) for item in items if item.draft}
    if not drafts or not project.docs_dir.is_dir():
        return []
    trainers = project.docs_dir / "trainers"  # the trainers' site has the drafts
    found = []
    for page in sorted(project.docs_dir.rglob("*.md")):
        if page.is_relative_to(trainers):
            continue
        for embed in scan(page):
            if (embed.kind, embed.id) in drafts:
                found.append(
                    Diagnostic(
                        project.display(page),
                        embed.line,
                        1,
                        "warning",
                        "draft-embedded",
                        f"the page shows {embed.kind} '{embed.id}', which is a draft: learners would see an error "
                        f"box in its place. Publish it (delete 'draft: true' from its file), or take the page's "
                        f"'/// {embed.kind} | {embed.id}' block out until then.",
                    )
                )
    return found


def publishing_notes(project: Project, items: list[model.Item]) -> list[Diagnostic]:
    """An info line for each draft, and for each published file that `required: all` has just made required."""
    pathways = load_pathways(project.config_file, project.display(project.config_file), [])
    notes = []
    for item in items:
        if not item.draft:
            continue
        listed = [p.id for p in pathways if any(item_id == item.id for item_id, _ in p.required)]
        names = " and ".join(f"'{name}'" for name in listed)
        on_pathways = (
            f" {'Pathways' if len(listed) > 1 else 'Pathway'} {names} {'list' if len(listed) > 1 else 'lists'} it; "
            "learners who chose them are not asked to do it until then."
            if listed
            else ""
        )
        notes.append(
            diag(
                item,
                item.where("draft"),
                "info",
                "draft",
                f"{item.kind} '{item.id}' is a draft: it is in the trainers' site (build --trainers), not in the "
                f"learners' site, their progress and certificate, or the LMS packages. To publish it, delete the line "
                f"'draft: true'.{on_pathways}",
            )
        )
    return notes + list(_newly_required(project, [i for i in items if not i.draft], bool(pathways)))


def _newly_required(project: Project, published: list[model.Item], pathways: bool) -> Iterator[Diagnostic]:
    """Published files that the last learners' build in site/ did not have, while `required: all`."""
    try:
        required = section(settings(project.config_file), "extra.module").get("required", "all")
        before = json.loads((project.root / LEARNERS_MODULE).read_text(encoding="utf-8"))
        known = {entry["id"] for entry in before["items"]}
    except (ConfigError, OSError, ValueError, KeyError, TypeError):
        return  # no learners' site built yet (or not ours): nothing to compare with
    if required != "all":
        return
    who = "every learner who has not chosen a role pathway" if pathways else "every learner"
    for item in published:
        if item.id not in known:
            yield diag(
                item,
                item.where("id"),
                "info",
                "newly-required",
                f"{item.kind} '{item.id}' will be required of {who} once the learners' site is built again "
                "(extra.module.required is 'all' in mkdocs.yml, and the site in site/ does not have it): learners "
                "who had finished the module will be shown as not done. To keep it optional, list the required ids "
                "in extra.module.required instead of 'all'; to hold it back, add 'draft: true'.",
            )
