"""The glossary file (glossary.yml by default): its terms, and where mkdocs.yml says it is.
Read by `check` (which reports its mistakes) and by the render stage (which marks terms)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, Reporter
from .fields import Fields
from .yaml_source import read_yaml

GLOSSARY_FILE = "glossary.yml"
EXTENSION = "quiz_engine.render.glossary"  # its name under markdown_extensions in mkdocs.yml
OLD_NAME = "quiz_engine.glossary"  # its name before the stages had folders of their own
_OLD_NAME_LINE = re.compile(rf"^(\s*(?:-\s*)?)({re.escape(OLD_NAME)})\s*(?::|$)")


@dataclass
class Term:
    term: str
    definition: str
    also: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def load_glossary(path: Path, display: str, sink: list[Diagnostic]) -> list[Term]:
    """Terms from glossary.yml; a missing file is no glossary, not an error."""
    if not path.is_file():
        return []
    report = Reporter(display, sink)
    root = read_yaml(path, report)
    if root is None:
        return []
    top = Fields(root, report, "the glossary", ("terms",))
    terms = []
    for item in top.sequence("terms", required=True) or []:
        f = Fields(item, report, "a glossary entry", ("term", "also", "definition"))
        if not f.ok:
            continue
        term, definition = f.text("term", required=True), f.text("definition", required=True)
        if term and definition:
            terms.append(Term(term.strip(), " ".join(definition.split()), [a.strip() for a in f.text_list("also")]))
    return terms


def glossary_file(config_file: Path) -> Path | None:
    """The file that mkdocs.yml's `markdown_extensions` names for the glossary
    (`quiz_engine.render.glossary: {file: ...}`, relative to mkdocs.yml); None when the
    extension is not configured."""
    try:
        status = config_file.stat()
    except OSError:
        return None
    key = (config_file, status.st_mtime_ns, status.st_size)
    if key not in _named:  # one build asks several times
        _named[key] = _glossary_file(config_file)
    return _named[key]


_named: dict[tuple, Path | None] = {}


def _glossary_file(config_file: Path) -> Path | None:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # the site engine reports a broken mkdocs.yml
    options = _extension_options(config.get("markdown_extensions") if isinstance(config, dict) else None)
    if options is None:
        return None
    file = options.get("file")
    return config_file.parent / (file if isinstance(file, str) and file else GLOSSARY_FILE)


def _extension_options(extensions: object) -> dict | None:
    """Our extension's options in a `markdown_extensions` value (a list of names and
    one-key mappings, or a mapping); None if it is not there."""
    if isinstance(extensions, dict):
        pairs = list(extensions.items())
    elif isinstance(extensions, list):
        pairs = [next(iter(e.items())) if isinstance(e, dict) and len(e) == 1 else (e, None) for e in extensions]
    else:
        return None
    for name, options in pairs:
        if name in (EXTENSION, OLD_NAME):
            return options if isinstance(options, dict) else {}
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: tags such as !ENV or !!python/name are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def old_extension_names(config_file: Path, display: str) -> list[Diagnostic]:
    """mkdocs.yml naming the glossary extension by its old name, which no longer loads."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # the build reports an unreadable mkdocs.yml
    found = []
    for number, line in enumerate(lines, 1):
        match = _OLD_NAME_LINE.match(line)
        if match:
            found.append(
                Diagnostic(
                    display,
                    number,
                    len(match.group(1)) + 1,
                    "error",
                    "renamed-extension",
                    f"the glossary extension is now called '{EXTENSION}'; write that instead of '{OLD_NAME}'.",
                )  # fmt: skip
            )
    return found
