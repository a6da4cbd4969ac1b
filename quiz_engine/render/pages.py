"""Generated pages: one per scenario and quiz, and an index page for each section."""

from __future__ import annotations

import html
import re

from ..load import model
from .memo import per_item
from .sanitise import inline
from .scenario_map import map_body

MAPS = "maps"
SECTIONS = {"scenario": ("scenarios", "Scenarios"), "quiz": ("quizzes", "Quizzes")}
# Python-Markdown's backslash escapes; `<`, `>` and `&` are made entities instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def escape(text: str) -> str:
    """Plain text made safe to drop into Markdown: no markup, links or attribute lists."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


def markdown_safe(fragment: str) -> str:
    """Sanitised HTML put into a page's Markdown: its text is escaped, so that text which
    reads as Markdown (a link written with escaped brackets) is not made markup again."""
    parts = _TAG_OR_ENTITY.split(fragment)
    return "".join(part if i % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts))


def title_text(text: str) -> str:
    """A title for MkDocs (front matter and nav), which puts it into the HTML of every
    page's <title>, header and navigation without escaping it."""
    return html.escape(" ".join(text.split()), quote=False)


def page_path(item: model.Item) -> str:
    return f"{SECTIONS[item.kind][0]}/{item.id}.md"


def item_page(item: model.Item) -> str:
    return f"---\ntitle: {_yaml_string(title_text(item.title))}\n---\n\n# {escape(item.title)}\n\n/// {item.kind} | {item.id}\n///\n"


def index_page(kind: str, items: list[model.Item]) -> str:
    folder, title = SECTIONS[kind]
    lines = [f"# {title}", ""]
    if kind == "scenario":
        lines.append(
            "Each scenario puts you in a practitioner's shoes. Choose what you would do; each choice has consequences and feedback."
        )
    else:
        lines.append("Each quiz checks what you have learned, with an explanation after every answer.")
    lines.append("")
    ours = sorted((i for i in items if i.kind == kind), key=lambda i: (i.title.lower(), i.id))
    if not ours:
        lines.append(f"There are no {title.lower()} yet.")
    for item in ours:
        details = []
        if isinstance(item, model.Scenario) and item.role:
            details.append(f"Role: {escape(item.role)}")
        if isinstance(item, model.Quiz):
            details.append(f"{len(item.questions)} questions, pass mark {item.pass_mark}%")
        if item.duration:
            details.append(f"about {item.duration} minutes")
        lines.append(
            f"- **[{escape(item.title)}]({item.id}.md)**" + (f"  \n  {' · '.join(details)}" if details else "")
        )
        blurb = item.summary if isinstance(item, model.Scenario) else item.intro
        if blurb:  # the trainer's Markdown as one line, sanitised, in the same list item
            lines[-1] += f"  \n  {markdown_safe(inline(' '.join(blurb.split())))}"
    return "\n".join(lines) + "\n"


def maps_index(items: list[model.Item]) -> str:
    lines = [
        "---",
        "search:",
        "  exclude: true",  # trainers' material, like the maps themselves
        "---",
        "",
        "# Scenario maps",
        "",
        "For trainers and reviewers: every step and choice of each scenario, as a diagram and as a list.",
        "",
    ]
    scenarios = sorted((i for i in items if isinstance(i, model.Scenario)), key=lambda i: i.title.lower())
    lines += [f"- [{escape(s.title)}]({s.id}.md)" for s in scenarios] or ["There are no scenarios yet."]
    return "\n".join(lines) + "\n"


def map_page(s: model.Scenario) -> str:
    title = f"Map: {s.title}"
    # Left out of the site search: a learner searching the module must not land on
    # every step and ending of a scenario (and every learner downloads the index).
    front = f"title: {_yaml_string(title_text(title))}\nsearch:\n  exclude: true"
    return f"---\n{front}\n---\n\n# {escape(title)}\n\n{map_body(s)}"


def generated_pages(items: list[model.Item], maps: bool = True) -> dict[str, str]:
    """Each item's page, each section's index, and (unless `maps` is false: the learners' site) the maps."""
    pages = {page_path(item): item_page(item) for item in items}
    for kind, (folder, _) in SECTIONS.items():
        pages[f"{folder}/index.md"] = index_page(kind, items)
    if not maps:
        return pages
    pages[f"{MAPS}/index.md"] = maps_index(items)
    for item in items:
        if isinstance(item, model.Scenario):
            pages[f"{MAPS}/{item.id}.md"] = per_item(map_page, item)  # kept while serve runs
    return pages


def expand_nav(nav: list | None, items: list[model.Item]) -> list | None:
    """Put each generated page under its section's index entry in a hand-written nav."""
    if nav is None:
        return None  # MkDocs builds the navigation from the folders
    result = list(nav)
    for kind, (folder, title) in SECTIONS.items():
        index = f"{folder}/index.md"
        pages = [
            {title_text(i.title): page_path(i)} for i in sorted(items, key=lambda i: i.title.lower()) if i.kind == kind
        ]
        entries = [index] + _grouped(pages)
        for position, entry in enumerate(result):
            value = (
                entry
                if isinstance(entry, str)
                else next(iter(entry.values()), None)
                if isinstance(entry, dict)
                else None
            )
            if value == index:
                name = next(iter(entry)) if isinstance(entry, dict) else title
                result[position] = {name: entries}
                break
        else:
            result.append({title: entries})
    return result


NAV_GROUP_SIZE = 20  # more generated pages than this in a section are listed in groups of this size


def _grouped(pages: list[dict[str, str]]) -> list[dict]:
    """Long sections in groups ("Abuse and … to Caring for …"): a learner cannot scan a
    list of 300, and each page's navigation lists its whole group (HTML per page)."""
    if len(pages) <= NAV_GROUP_SIZE:
        return pages
    groups = [pages[start : start + NAV_GROUP_SIZE] for start in range(0, len(pages), NAV_GROUP_SIZE)]
    return [{f"{_short(next(iter(g[0])))} to {_short(next(iter(g[-1])))}": g} for g in groups]


def _short(title: str, words: int = 3) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _yaml_string(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
