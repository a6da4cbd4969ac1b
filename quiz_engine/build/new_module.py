"""`quiz-engine init PATH [--briefing FILE]`: a new module folder that builds at once.

The folder gets the settings to fill in (`mkdocs.yml`, each `[[placeholder]]` listed by
`check`), the home, help, accessibility and privacy pages, a glossary of common
safeguarding terms, one draft scenario and one draft quiz, the editors' JSON schemas,
a README with the two commands and a .gitignore. It depends on the installed tool, not
on a copy of it. With a briefing, its parts become the briefing pages and its key
learning the themes; the briefing itself is kept in `source/` for `check` to compare.

Everything is written into a temporary folder beside PATH and moved into place at the
end, so a failure never leaves half a module; an existing, non-empty PATH is refused.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .briefing import Briefing, read_briefing
from .scaffold import new_file

TEMPLATE = Path(__file__).parent / "module_template"
RENAMED = {"gitignore": ".gitignore"}  # kept without the dot in the tool (packaging ignores dotfiles)
TOOL_ROOT = Path(__file__).resolve().parents[2]
FIRST_SCENARIO, FIRST_QUIZ = "first-scenario", "first-quiz"
DEFAULT_THEMES = ("information-sharing", "neglect", "escalation")  # the template's, unless a briefing has its own
TRAINER_NOTE = """!!! warning "For the trainer: rewrite this page in your own words"
    This page was started from the words of the briefing kept in `{source}`. Published
    training must not copy the source's sentences: `check` warns `unrewritten-source` at
    every passage still copied. Rewrite it, check the facts against current guidance
    for England, then delete this note.
"""


class InitError(Exception):
    """A reason not to create the module, in words for the trainer."""


@dataclass
class NewModule:
    path: Path
    unplaced: list[str] = field(default_factory=list)


def schemas_folder() -> Path:
    """The JSON schemas: inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parents[1] / "schemas"
    return packaged if packaged.is_dir() else TOOL_ROOT / "schemas"


def _copy_template(target: Path) -> None:
    for source in sorted(TEMPLATE.rglob("*")):
        if source.is_file():
            relative = source.relative_to(TEMPLATE)
            destination = target / relative.with_name(RENAMED.get(relative.name, relative.name))
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    shutil.copytree(schemas_folder(), target / "schemas")


def _replace_marker(path: Path, marker: str, lines: list[str]) -> None:
    """Put `lines` where the template's `#{marker}` line is (or just remove the line)."""
    text = path.read_text(encoding="utf-8")
    replacement = "".join(line + "\n" for line in lines)
    path.write_text(text.replace("#{" + marker + "}\n", replacement), encoding="utf-8")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_briefing(target: Path, briefing: Briefing, source_name: str) -> None:
    pages = [f"{n}-{part.slug}.md" for n, part in enumerate(briefing.parts, 1)]
    note = TRAINER_NOTE.format(source=f"source/{source_name}")
    for page, part in zip(pages, briefing.parts, strict=True):
        body = "\n".join(part.lines)
        (target / "docs" / "briefing" / page).write_text(f"# {part.heading}\n\n{note}\n{body}\n", encoding="utf-8")
    config = target / "mkdocs.yml"
    _replace_marker(config, "briefing_nav", [f"      - briefing/{page}" for page in pages])
    themes = []
    for theme_id, title, index in briefing.themes:
        page_url = "briefing/" + pages[index].removesuffix(".md") + "/"
        themes += [f"      {theme_id}:", f"        title: {_quoted(title)}", f"        page: {page_url}"]
    _replace_marker(config, "themes", themes + [f"    source: source/{source_name}   # the briefing, kept for check"])
    _replace_marker(
        target / "docs" / "briefing" / "index.md",
        "briefing_parts",
        [f"{n}. [{part.heading}]({page})" for n, (page, part) in enumerate(zip(pages, briefing.parts, strict=True), 1)],
    )
    if briefing.themes:  # the briefing's themes replace the defaults
        text = config.read_text(encoding="utf-8")
        start = text.index("    themes:")
        config.write_text(text[:start] + text[start:].replace(_default_themes_block(), "", 1), encoding="utf-8")
    if briefing.title:
        text = config.read_text(encoding="utf-8")
        placeholder = '"[[the module\'s title, e.g. Baby K: children with complex health needs]]"'
        config.write_text(text.replace(placeholder, _quoted(briefing.title), 1), encoding="utf-8")


def _default_themes_block() -> str:
    text = (TEMPLATE / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("      " + DEFAULT_THEMES[0] + ":")
    return text[start : text.index("#{themes}")]


def init_module(path: Path, briefing_file: Path | None = None) -> NewModule:
    """Create the module at `path`; raise InitError (nothing written) if it cannot be."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InitError(f"{path} already exists and is not empty; choose a new folder. Nothing was written.")
    briefing = None
    if briefing_file is not None:
        try:
            briefing = read_briefing(briefing_file.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            raise InitError(
                f"{briefing_file} is not UTF-8 text; save it as UTF-8 (in Notepad or TextEdit: Save As, "
                "encoding UTF-8) and try again. Nothing was written."
            ) from None
        except OSError as exc:
            raise InitError(f"{briefing_file} cannot be read: {exc.strerror}. Nothing was written.") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}-", dir=path.parent) as folder:
        work = Path(folder) / "module"
        _copy_template(work)
        unplaced: list[str] = []
        themes: list[str] = list(DEFAULT_THEMES)
        if briefing is not None and briefing_file is not None:
            source_name = "briefing" + (briefing_file.suffix if briefing_file.suffix in (".md", ".txt") else ".txt")
            (work / "source").mkdir()
            shutil.copyfile(briefing_file, work / "source" / source_name)
            _write_briefing(work, briefing, source_name)
            unplaced = briefing.unplaced
            themes = [theme_id for theme_id, _, _ in briefing.themes] or themes
        else:
            for marker, lines in (("briefing_nav", []), ("themes", [])):
                _replace_marker(work / "mkdocs.yml", marker, lines)
            _replace_marker(work / "docs" / "briefing" / "index.md", "briefing_parts", [])
        new_file("scenario", FIRST_SCENARIO, work / "scenarios", themes=themes)  # drafts, on the module's themes
        new_file("quiz", FIRST_QUIZ, work / "scenarios", themes=themes)
        readme = work / "README.md"
        title = briefing.title if briefing and briefing.title else "A safeguarding training module"
        readme.write_text(readme.read_text(encoding="utf-8").replace("{title}", title), encoding="utf-8")
        if path.exists():
            path.rmdir()  # empty, checked above
        work.rename(path)
    return NewModule(path, unplaced)
