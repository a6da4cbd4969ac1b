"""The embed block's Python-Markdown extension: `/// scenario | id` and `/// quiz | id`
(found by load/embeds.py) replaced by the rendered player."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..load.embeds import find_embeds


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
    """The extension loaded by name (`quiz_engine.render.embeds` in markdown_extensions), as
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
