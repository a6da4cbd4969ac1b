"""`init --briefing FILE`: a briefing's text (plain text or Markdown) split into parts.

A partnership's briefing comes in a few shapes: a saved web page with numbered steps
("1. Reason for briefing", "4.1 ..."), Markdown with headings, or a seven-minute
briefing whose parts are short heading lines ("What", "Why", "How"). Each part becomes
a briefing page; the bullets under a key-learning heading become the module's themes.
Whatever cannot be placed (a web page's menu text, say) is listed for the trainer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..load.fields import slugify

ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
STEP = re.compile(r"^(?:step\s+)?(\d{1,2})(?:[.):]|\s*[-\u2013:])?\s+(\S.*)$", re.IGNORECASE)
SUBSTEP = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")
BULLET = re.compile(r"^(\s*)(?:[\u2022\u25cf\u25e6\u25aa\u2023\u2043*+-]|\u2013)\s+(.*)$")
KEY_LEARNING = re.compile(
    r"key (learning|messages?|points?|themes?)|learning (points|themes)|themes|lessons? learn", re.IGNORECASE
)
SENTENCE_END = re.compile(r"(?<=[a-z])\.\s+(?=[A-Z])")
THEME_WORDS = 6  # words of a key-learning point kept in its theme id


@dataclass
class Part:
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(" ".join(self.heading.split()[:THEME_WORDS])) or "part"


@dataclass
class Briefing:
    title: str | None
    parts: list[Part]
    themes: list[tuple[str, str, int]]  # (id, title, index of the part that covers it)
    unplaced: list[str]  # what the trainer is told could not be placed


def _heading_like(line: str) -> bool:
    """A short line of its own that reads as a heading: no sentence end, not a list item."""
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= 8
        and text[0].isupper()
        and text[-1] not in ".;,:"
        and not BULLET.match(line)
        and len(text) <= 80
    )


def _is_step(line: str) -> re.Match | None:
    match = STEP.match(line.strip())
    if match and len(match.group(2).split()) <= 14 and match.group(2).rstrip()[-1] not in ".;," and line[:1] != " ":
        return match
    return None


def _split(lines: list[str]) -> tuple[list[tuple[int, str, int]], str]:
    """The headings (line index, text, level) and the shape found."""
    atx = [(i, m.group(2), len(m.group(1))) for i, line in enumerate(lines) if (m := ATX.match(line))]
    if atx:
        top = min(level for _, _, level in atx)
        if sum(1 for _, _, level in atx if level == top) == 1 and any(level > top for _, _, level in atx):
            return atx, "markdown-titled"  # one # title, the parts under it as ##
        return atx, "markdown"
    steps = [(i, m.group(2).strip(), 1) for i, line in enumerate(lines) if (m := _is_step(line))]
    numbers = [int(STEP.match(lines[i].strip()).group(1)) for i, _, _ in steps]
    if len(steps) >= 2 and numbers[:2] == [1, 2]:
        subs = [(i, m.group(3).strip(), 2) for i, line in enumerate(lines) if (m := SUBSTEP.match(line.strip()))]
        return sorted(steps + subs), "numbered"
    plain = [
        (i, line.strip(), 1)
        for i, line in enumerate(lines)
        if _heading_like(line)
        and (i == 0 or not lines[i - 1].strip())
        and (i + 1 >= len(lines) or not lines[i + 1].strip())
    ]
    return plain, "plain"


def _markdown_lines(lines: list[str]) -> list[str]:
    """Bullets as Markdown list items (nested by indent), a blank line before each list."""
    out: list[str] = []
    for line in lines:
        bullet = BULLET.match(line)
        if bullet:
            depth = 1 if len(bullet.group(1).expandtabs(4)) >= 4 else 0
            if out and out[-1].strip() and not BULLET.match(out[-1]) and not out[-1].lstrip().startswith("- "):
                out.append("")
            out.append("    " * depth + "- " + bullet.group(2).strip())
        else:
            if line.strip() and out and out[-1].lstrip().startswith("- "):
                out.append("")
            out.append(line.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")  # one blank line between blocks
    return text.split("\n") if text else []


def _themes(parts: list[Part]) -> list[tuple[str, str, int]]:
    themes: list[tuple[str, str, int]] = []
    for index, part in enumerate(parts):
        if not KEY_LEARNING.search(part.heading):
            continue
        for line in part.lines:
            bullet = BULLET.match(line)
            if not bullet or bullet.group(1):
                continue
            for sentence in SENTENCE_END.split(bullet.group(2).strip()):  # a point may name two themes
                title = sentence.split(":")[0].strip().rstrip(".;,")
                theme_id = slugify(" ".join(title.split()[:THEME_WORDS]))
                if theme_id and theme_id not in {t[0] for t in themes}:
                    themes.append((theme_id, title, index))
        if themes:
            break
    return themes


def read_briefing(text: str) -> Briefing:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings, shape = _split(lines)
    title = None
    unplaced: list[str] = []
    if shape == "markdown-titled":
        first = headings.pop(0)
        title = first[1]
        headings = [(i, text, level - 1) for i, text, level in headings]
    elif (
        shape == "plain"
        and len(headings) >= 3
        and headings[0][0] == next(i for i, line in enumerate(lines) if line.strip())
    ):
        title = headings.pop(0)[1]  # the first line of a briefing of short headings is its title
    parts: list[Part] = []
    first_line = headings[0][0] if headings else len(lines)
    before = [line.strip() for line in lines[:first_line] if line.strip()]
    if title is None and before:
        named = [line for line in before if "briefing" in line.lower() and len(line) <= 120]
        title = (named or [before[-1]])[-1]
        before.remove(title)
    if before:
        unplaced.append(
            f"{len(before)} line(s) before the first part, such as '{before[0][:60]}': "
            "not placed (a web page's menu, perhaps); copy what is needed into a page."
        )
    for n, (index, heading, level) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        if level == 1 or not parts:
            parts.append(Part(heading))
        else:
            parts[-1].lines += ["", f"{'#' * min(level, 6)} {heading}", ""]
        parts[-1].lines += lines[index + 1 : end]
    for part in parts:
        part.lines = _markdown_lines(part.lines)
    if not parts:
        unplaced.append("no headings or numbered steps found: the whole briefing is one page.")
        parts = [Part(title or "Briefing", _markdown_lines(lines))]
    themes = _themes(parts)
    if not themes:
        unplaced.append("no key-learning list found: the module's themes are the defaults; set extra.module.themes.")
    return Briefing(title, parts, themes, unplaced)
