"""`/// scenario | id` and `/// quiz | id` blocks in Markdown pages.

The same line syntax is found twice: by `scan` (check stage, with page line
numbers for unknown-embed) and by the Python-Markdown extension (render/embeds.py).
Both skip fenced code blocks, so a guide can show the syntax as an example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
