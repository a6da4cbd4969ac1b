"""`/// scenario | id` and `/// quiz | id` blocks in Markdown pages.

The same line syntax is found twice: by `scan` (check stage, with page line
numbers for unknown-embed) and by the Python-Markdown extension (render stage).
Both skip fenced code blocks, so a guide can show the syntax as an example.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN = re.compile(r"^///\s*(?P<kind>scenario|quiz)\s*\|\s*(?P<id>.*?)\s*$")
CLOSE = re.compile(r"^///\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Embed:
    line: int  # 1-based line of the opening `///`
    kind: str
    id: str


def find_embeds(lines: list[str]) -> list[tuple[int, int, Embed]]:
    """(first index, index after the block, embed) for each block outside code fences."""
    found, fence, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence == marker else (fence or marker)
            i += 1
            continue
        match = OPEN.match(line) if fence is None else None
        if not match:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not CLOSE.match(lines[end]) and not OPEN.match(lines[end]):
            end += 1
        stop = end + 1 if end < len(lines) and CLOSE.match(lines[end]) else end
        found.append((i, stop, Embed(i + 1, match.group("kind"), match.group("id"))))
        i = stop
    return found


def scan(page: Path) -> list[Embed]:
    text = page.read_text(encoding="utf-8", errors="replace")
    # Lines as Python-Markdown and editors count them: str.splitlines() would also
    # break at U+2028, U+0085 and others, and shift every line number after them.
    return [embed for _, _, embed in find_embeds(text.split("\n"))]


class _EmbedPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, render: Callable[[str, str], str]) -> None:
        super().__init__(md)
        self.render = render

    def run(self, lines: list[str]) -> list[str]:
        out, last = [], 0
        for start, stop, embed in find_embeds(lines):
            out.extend(lines[last:start])
            # A block-level wrapper: Markdown would otherwise put the custom element inside a <p>.
            # Search skips it: its text is the player's JSON data, not words a learner looks for.
            html = f'<div class="qe-embed" data-search-exclude>{self.render(embed.kind, embed.id)}</div>'
            placeholder = self.md.htmlStash.store(html)
            out.extend(["", placeholder, ""])
            last = stop
        out.extend(lines[last:])
        return out


def error_element(kind: str, item_id: str, message: str) -> str:
    """Shown on the page when an embed is broken, as well as reported in the log."""
    return f'<div class="admonition failure" role="alert"><p class="admonition-title">Cannot show {html.escape(kind)} \'{html.escape(item_id)}\'</p><p>{html.escape(message)}</p></div>'


MISSING = "No file in scenarios/ defines this id."


class EmbedExtension(Extension):
    """Replaces embed blocks by the rendered player; `render(kind, id)` returns HTML."""

    def __init__(self, render: Callable[[str, str], str], **kwargs) -> None:
        self.render = render
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 19: after fenced code (25) and raw HTML blocks (20) are stashed.
        md.preprocessors.register(_EmbedPreprocessor(md, self.render), "quiz_engine_embed", 19)


def makeExtension(**kwargs) -> EmbedExtension:
    """The extension loaded by name (`quiz_engine.embeds` in markdown_extensions), as
    site engines that run no MkDocs hooks do (Zensical). `data` is the path of a JSON
    file {"scenario:id": html, "quiz:id": html} that the build wrote while staging;
    nothing is rendered here, so the engine's Python needs only Python-Markdown and
    PyYAML (which Zensical brings), with quiz_engine on its path."""
    with open(kwargs.pop("data"), encoding="utf-8") as file:
        rendered: dict[str, str] = json.load(file)

    def render(kind: str, item_id: str) -> str:
        found = rendered.get(f"{kind}:{item_id}")
        return found if found is not None else error_element(kind, item_id, MISSING)

    return EmbedExtension(render, **kwargs)
