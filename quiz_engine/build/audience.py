"""Build stage: two audiences from one source.

The learners' site (`build`, and every SCORM package) has the published items only: no
draft, no trainers' page (docs/trainers/), no scenario map (maps show every choice's
rating), no report. The trainers' site (`build --trainers`, and `serve`) has everything:
drafts marked as such, the trainers' guide, the maps, the report as a page, and on each
map a preview that plays the scenario from any step with variables the trainer sets. It sends
no learning records (xAPI), whatever mkdocs.yml says: a trainer's plays are not a learner's."""

from __future__ import annotations

import dataclasses
import html
import json
import shutil
from pathlib import Path
from typing import Any

from ..check import durations
from ..load import model
from ..load.project import Project
from ..render.pages import MAPS, page_path
from ..render.report import format_report_data, report_data

TRAINERS = "trainers"  # the trainers' own pages in docs/
TRAINER_FOLDERS = (TRAINERS, MAPS)  # folders of docs/ that only the trainers' site has
REPORT_PAGE = f"{TRAINERS}/report.md"
REPORT_LINK = "How long each scenario and quiz takes, and its paths and endings: [the report](../trainers/report.md)."
PREVIEW_FOLDER = "preview"  # beside the runtime: each scenario's data for the preview on its map
DRAFT = "Draft: "
# The tool's own guide and field reference, for a module without docs/trainers/ (one made by
# `init`): inside an installed package, or the default module's pages in this repository.
PACKAGED_GUIDE = Path(__file__).resolve().parents[1] / "trainers_guide"
GUIDE = PACKAGED_GUIDE if PACKAGED_GUIDE.is_dir() else Path(__file__).resolve().parents[2] / "docs" / TRAINERS
GUIDE_NAV = {"For trainers": [f"{TRAINERS}/index.md", f"{TRAINERS}/field-reference.md", f"{MAPS}/index.md"]}
PREVIEW_HEADING = "Play from a step"  # "Play from here" in a map's list links to it (render/scenario_map.py)


def for_audience(items: list[model.Item], trainers: bool) -> list[model.Item]:
    """The learners' items are the published ones; the trainers' are all, drafts titled as drafts."""
    if not trainers:
        return [item for item in items if not item.draft]
    return [dataclasses.replace(item, title=DRAFT + item.title) if item.draft else item for item in items]


def ignore_trainer_pages(docs_dir: Path):
    """A copytree `ignore` that leaves out docs/trainers/ (and docs/maps/, which the build writes)."""
    left_out = {(docs_dir / folder).resolve() for folder in TRAINER_FOLDERS}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if (Path(folder) / name).resolve() in left_out}

    return ignore


def _trainer_page(entry: Any) -> bool:
    return isinstance(entry, str) and entry.split("/", 1)[0] in TRAINER_FOLDERS and entry.endswith(".md")


def learners_nav(nav: list | None) -> list | None:
    """The hand-written nav without the trainers' pages, and without a section they leave empty."""
    if not isinstance(nav, list):
        return nav
    kept: list = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if _trainer_page(value):
                continue
            if isinstance(value, list):
                value = learners_nav(value)
                if not value:
                    continue
            kept.append({title: value})
        elif not _trainer_page(entry):
            kept.append(entry)
    return kept


def trainers_nav(nav: list | None) -> list | None:
    """The hand-written nav with the report after the maps' index (where the nav lists it);
    a nav without the trainers' pages gets them as a last section."""
    if not isinstance(nav, list):
        return nav
    if learners_nav(nav) == nav:  # no trainers' page listed
        nav = [*nav, GUIDE_NAV]
    return _with_report(nav, nav)


def _with_report(entries: list, nav: list) -> list:
    result: list = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if isinstance(value, list):
            entry = {next(iter(entry)): _with_report(value, nav)}
        result.append(entry)
        if value == f"{MAPS}/index.md" and REPORT_PAGE not in nav:
            result.append(REPORT_PAGE)
    return result


def stage_trainer_docs(
    project: Project, items: list[model.Item], docs: Path, required: object, estimates: dict | None
) -> None:
    """The staged pages as trainers get them: drafts marked, a preview on every map, the report,
    and the tool's own guide where the module has none."""
    if not (docs / TRAINERS / "index.md").exists() and GUIDE.is_dir():
        shutil.copytree(GUIDE, docs / TRAINERS, dirs_exist_ok=True)
    for item in items:
        if item.draft:
            _insert(docs / page_path(item), _draft_note(item), before=f"/// {item.kind} | {item.id}")
        if isinstance(item, model.Scenario):
            _insert(docs / MAPS / f"{item.id}.md", preview_section(item))
    _insert(docs / MAPS / "index.md", f"\n{REPORT_LINK}\n")
    report = docs / REPORT_PAGE
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(report_page(items, project.docs_dir, required, estimates), encoding="utf-8")


def _insert(page: Path, text: str, before: str | None = None) -> None:
    """Add `text` to a staged page: as a paragraph before the line `before`, else at the end."""
    old = page.read_text(encoding="utf-8")
    new = old.replace(before, f"{text}\n\n{before}", 1) if before else old + text
    page.write_text(new, encoding="utf-8")


def _draft_note(item: model.Item) -> str:
    return (
        '<p class="qe-draft-note"><strong>Draft.</strong> Learners do not see this '
        f"{item.kind}: it is not in their site, their progress or certificate, or the LMS packages. To publish "
        "it, delete the line <code>draft: true</code> from its file.</p>"
    )


def preview_section(s: model.Scenario) -> str:
    """Where "Play from here" leads: the preview element (scenario-preview.js) reads the step from the address."""
    return (
        f"\n## {PREVIEW_HEADING}\n\n"
        "Choose a step and the values of the scenario's variables, then play on from there. "
        "This is a preview: nothing you do in it is saved.\n\n"
        # In a <div>: Markdown passes a block of HTML through as it is, but would wrap an unknown tag in <p>.
        f'<div class="qe-preview"><scenario-preview data-id="{html.escape(s.id)}" class="qe-player">'
        '<p class="qe-noscript">The preview needs JavaScript.</p></scenario-preview></div>\n'
    )


def write_previews(runtime: Path, data: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Each scenario's player data, which the preview on its map loads (the map page stays light)."""
    global _previews
    folder = runtime / PREVIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    texts = {}
    for (kind, item_id), item_data in data.items():
        if kind == "scenario":
            kept = _previews.get(id(item_data))  # serve: an unchanged item's data is the same object (memo.py)
            text = kept[1] if kept is not None and kept[0] is item_data else json.dumps(item_data, ensure_ascii=False)
            texts[id(item_data)] = (item_data, text)
            (folder / f"{item_id}.json").write_text(text, encoding="utf-8")
    _previews = texts


_previews: dict[int, tuple[dict[str, Any], str]] = {}  # the last build's preview files, by their data


# serve rebuilds in one process, and an unchanged file's item is the same object from one build to
# the next (check/cache.py): its part of the report is reused (exploring 300 scenarios takes seconds).
_parts: dict[int, tuple[model.Item, dict[str, Any]]] = {}


def _part(item: model.Item) -> dict[str, Any]:
    found = _parts.get(id(item))
    if found is not None and found[0] is item:
        return found[1]
    return report_data([item], None, "all", {})


def report_page(items: list[model.Item], docs_dir: Path, required: object, estimates: dict | None) -> str:
    """`build.py report` as a page: what each scenario and quiz holds, and how long it takes."""
    global _parts
    _parts = {id(item): (item, _part(item)) for item in items}
    if estimates is None:
        estimates = {(item.kind, item.id): durations.item_seconds(item) for item in items}
    data = report_data([], docs_dir, required, estimates)  # the rates and the reading pages
    data["module_minutes"] = durations.minutes(durations.module_seconds(estimates, items, docs_dir, required))
    ordered = [_parts[id(item)][1] for item in sorted(items, key=lambda i: (i.kind, i.id))]
    data["scenarios"] = [entry for part in ordered for entry in part["scenarios"]]
    data["quizzes"] = [entry for part in ordered for entry in part["quizzes"]]
    text = format_report_data(data)
    body = "\n".join(f"    {line}" for line in text.splitlines())  # a code block: the report's own layout
    return (
        "---\ntitle: Report\nsearch:\n  exclude: true\n---\n\n# Report\n\n"
        "What `python build.py report` prints: the module's time, and for each scenario its decision points, "
        "paths, endings and the poor choices that can come before each ending; for each quiz, its questions by "
        "type and theme.\n\n"
        f"{body}\n"
    )
