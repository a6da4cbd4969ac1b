"""`python build.py new scenario ID` / `new quiz ID`: a commented starting file in scenarios/.

The file comes from quiz_engine/build/templates/, shows every feature of the authoring format,
and checks without diagnostics. It is a draft (`draft: true`): in the trainers' site, not yet
in the learners'. An existing file or id is never overwritten.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from ..load.fields import SLUG, slugify
from ..load.files import find_sources, load_file
from ..load.format import YAML_SUFFIXES

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("scenario", "quiz")
EXAMPLE_THEMES = ("information-sharing", "escalation")  # for a module whose mkdocs.yml names no themes


class ScaffoldError(Exception):
    """A reason not to write the file, in words for the trainer."""


def title_for(item_id: str) -> str:
    """'visit-after-discharge' -> 'Visit after discharge'."""
    words = item_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def render(kind: str, item_id: str, today: datetime.date, themes: Sequence[str] = ()) -> str:
    """The template of `kind` filled in; its theme ids are the module's first two (`themes`,
    from extra.module.themes), so that debriefs show their titles, else two examples."""
    template = (TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8")
    first, second = (list(themes) * 2)[:2] if themes else EXAMPLE_THEMES
    values = {
        "id": item_id,
        "title": title_for(item_id),
        "today": today.isoformat(),
        "next_review": a_year_after(today).isoformat(),
        "themes": ", ".join(dict.fromkeys((first, second))),
        "theme1": first,
        "theme2": second,
    }
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    return template


def _used_by(scenarios_dir: Path, item_id: str, display) -> str | None:
    """The file that already defines `item_id` (by its id or its name), if any."""
    for path in find_sources(scenarios_dir):
        item = load_file(path, display(path), [])
        if (item.id if item is not None else path.stem) == item_id:  # an unreadable file keeps its name's id
            return display(path)
    return None


def new_file(
    kind: str,
    item_id: str,
    scenarios_dir: Path,
    today: datetime.date | None = None,
    display=None,
    themes: Sequence[str] = (),
) -> Path:
    """Write scenarios/ID.yml from the template of `kind`, a draft; raise ScaffoldError rather than overwrite."""
    display = display or (lambda path: path.as_posix())
    if kind not in KINDS:
        raise ScaffoldError(f"'{kind}' is not something to create; write 'new scenario ID' or 'new quiz ID'.")
    if not SLUG.match(item_id):
        raise ScaffoldError(
            f"'{item_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
            f"like '{slugify(item_id)}'. Nothing was written."
        )
    path = scenarios_dir / f"{item_id}.yml"
    for suffix in YAML_SUFFIXES:
        existing = scenarios_dir / f"{item_id}{suffix}"
        if existing.exists():
            raise ScaffoldError(
                f"{display(existing)} already exists, and is never overwritten. "
                "Edit that file, or choose another id. Nothing was written."
            )
    other = _used_by(scenarios_dir, item_id, display)
    if other is not None:
        raise ScaffoldError(f"the id '{item_id}' is already used by {other}; choose another id. Nothing was written.")
    text = render(kind, item_id, today or datetime.date.today(), themes)
    scenarios_dir.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": fails if the file appeared meanwhile
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{display(path)} already exists, and is never overwritten. Nothing was written.") from None
    except OSError as exc:
        raise ScaffoldError(f"{display(path)} cannot be written: {exc.strerror}.") from None
    return path
