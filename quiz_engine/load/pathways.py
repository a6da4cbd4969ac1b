"""Role pathways: `extra.module.pathways` in mkdocs.yml, each `{id, title, required: [item
ids]}`, read with their positions so `check` can point at a wrong id in mkdocs.yml. A
learner chooses one (what is your role?); progress and the certificate then follow its items."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, Pos, Reporter
from .fields import Fields
from .model import Located
from .yaml_source import parse, pos_of

PATHWAY_KEYS = ("id", "title", "required")


@dataclass
class Pathway(Located):
    id: str = ""
    title: str = ""
    required: list[tuple[str, Pos]] = field(default_factory=list)  # item ids, with where each is written


def load_pathways(config_file: Path, display: str, sink: list[Diagnostic]) -> list[Pathway]:
    """The pathways of mkdocs.yml; none when it sets none (or cannot be read: the site engine says why)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    quiet = Reporter(display, [])  # the rest of mkdocs.yml is the site engine's to check
    root = parse(text, quiet)
    if root is None:  # not YAML, or empty: the site engine says what is wrong
        return []
    settings = Fields(root, quiet, "mkdocs.yml", ())
    extra = settings.mapping("extra") if settings.ok else None
    module = Fields(extra, quiet, "extra", ()).mapping("module") if extra is not None else None
    if module is None:
        return []
    report = Reporter(display, sink)
    items = Fields(module, report, "extra.module", ()).sequence("pathways", non_empty=True) or []
    pathways = []
    for number, item in enumerate(items, start=1):
        f = Fields(item, report, f"pathway {number} of extra.module.pathways", PATHWAY_KEYS)
        if not f.ok:
            continue
        f.require(*PATHWAY_KEYS)
        pathway = Pathway(pos=f.pos, id=f.slug("id") or "", title=f.text("title") or "")
        pathway.at = {"id": f.where("id"), "required": f.where("required")}
        for entry in f.sequence("required") or []:
            if isinstance(entry, yaml.ScalarNode) and entry.value:
                pathway.required.append((entry.value, pos_of(entry)))
            else:
                report.error(pos_of(entry), "wrong-type", "each of 'required' should be the id of a scenario or quiz.")
        pathways.append(pathway)
    return pathways
