"""A throwaway project with a payload in every text field of a scenario and a quiz,
and in the embed lines of a docs page.

One scenario and one quiz per payload, so a payload that breaks its own field
cannot hide the others. YAML is written as JSON (a YAML subset): every string is
double-quoted and escaped, so the payload reaches the loader byte for byte.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile.payloads import PAYLOADS, URL_PAYLOADS, Payload

# A 1x1 PNG, so the image (whose alt is hostile) exists.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
MKDOCS_YML = """\
site_name: Hostile input
theme:
  name: material
  font: false
  features: [navigation.instant]
strict: false
markdown_extensions:   # as the default module has them: attr_list and md_in_html widen the attack surface
  - admonition
  - attr_list
  - md_in_html
  - sane_lists
  - toc:
      permalink: false
"""


@dataclass
class HostileProject:
    root: Path
    scenarios: dict[str, Payload] = field(default_factory=dict)  # id -> payload in every field
    quizzes: dict[str, Payload] = field(default_factory=dict)
    embed_lines: dict[int, Payload] = field(default_factory=dict)  # line of docs/index.md -> payload id
    url_lines: dict[int, Payload] = field(default_factory=dict)  # line of scenarios/hostile-urls.yml -> rejected URL

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def scenario(item_id: str, p: str) -> dict:
    return {
        "kind": "scenario",
        "id": item_id,
        "title": p,
        "role": p,
        "summary": p,
        "content_note": p,
        "duration": 600,  # long payloads: never understated
        "sources": [{"title": p, "url": "https://example.org/"}],
        "start": "first",
        "nodes": {
            "first": {
                "title": p,
                "text": p,
                "image": {"src": "images/pixel.png", "alt": p},
                "reflect": p,
                "choices": [{"text": p, "goto": "last", "rating": "best", "feedback": p}],
            },
            "last": {"ending": "good", "title": p, "text": p, "debrief": p},
        },
    }


def quiz(item_id: str, p: str) -> dict:
    options = [{"text": p, "feedback": p, "correct": True}, {"text": "Other " + p, "feedback": p}]
    common = {"prompt": p, "explanation": p, "theme": p}
    return {
        "kind": "quiz",
        "id": item_id,
        "title": p,
        "intro": p,
        "sources": [{"title": p, "url": "https://example.org/"}],
        "questions": [
            {"type": "single", **common, "options": options},
            {"type": "multiple", **common, "options": options},
            {"type": "true-false", **common, "answer": True},
            {"type": "order", **common, "items": [p, "Second " + p]},
            {
                "type": "match",
                **common,
                "pairs": [{"left": p, "right": p}, {"left": "Other " + p, "right": "Other " + p}],
            },
        ],
    }


def url_scenario() -> tuple[str, dict[int, Payload]]:
    """A scenario whose sources carry URL payloads; returns its text and the line of each rejected URL."""
    lines = ['{"kind": "scenario", "id": "hostile-urls", "title": "Hostile source URLs",', '"sources": [']
    rejected = {}
    for n, (payload, is_rejected) in enumerate(URL_PAYLOADS):
        comma = "," if n < len(URL_PAYLOADS) - 1 else ""
        lines.append(f'  {{"title": {json.dumps(payload.name)},')
        lines.append(f'   "url": {json.dumps(payload.text)}}}{comma}')
        if is_rejected:
            rejected[len(lines)] = payload
    lines.append('], "start": "end", "nodes": {"end": {"ending": "good", "text": "The end."}}}')
    return "\n".join(lines) + "\n", rejected


def write_project(root: Path) -> HostileProject:
    project = HostileProject(root)
    root.mkdir(parents=True, exist_ok=True)
    project.config.write_text(MKDOCS_YML, encoding="utf-8")
    folder = root / "scenarios"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "pixel.png").write_bytes(PIXEL)
    for n, payload in enumerate(PAYLOADS, start=1):
        for prefix, make, found in (("s", scenario, project.scenarios), ("q", quiz, project.quizzes)):
            item_id = f"hostile-{prefix}{n}"
            data = make(item_id, payload.text)
            (folder / f"{item_id}.yml").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
            found[item_id] = payload
    text, project.url_lines = url_scenario()
    (folder / "hostile-urls.yml").write_text(text, encoding="utf-8")

    page = ["# Hostile embeds", "", "/// scenario | hostile-s1", "///", "", "/// quiz | hostile-q1", "///", ""]
    for payload in PAYLOADS:
        if "\n" in payload.text:
            continue  # an embed's id is the rest of one line
        for kind in ("scenario", "quiz"):
            project.embed_lines[len(page) + 1] = payload
            page += [f"/// {kind} | {payload.text}", "///", ""]
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("\n".join(page), encoding="utf-8")
    return project
