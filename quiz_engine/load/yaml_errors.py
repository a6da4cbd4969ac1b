"""YAML syntax errors in plain words, placed where the trainer's mistake is.

The parser reports where it could not go on, which is often after the mistake: a key without
':' is noticed on the next line, an unclosed quote at the next quote or at the end of the
file. `explain` looks for the usual mistakes near that mark and says how to fix them; any
other error keeps the parser's own position and words, with a hint.
"""

from __future__ import annotations

import re

import yaml

from .diagnostics import Pos

# A line that starts like a mapping entry but has no ':' after its first word ("title My title",
# "  second", "- goto next-step"); comments and blank lines are not entries.
KEY_WITHOUT_COLON = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][\w-]*)(?P<rest>(?:[ \t][^:]*)?)$")
KEY_LINE = re.compile(r"^[ ]*(?:-[ ]+)?[\w-]+:(?:[ \t]|$)")  # "  text: ..." or "- goto: x"

Explanation = tuple[Pos, str]


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explanation:
    """Where the mistake behind `exc` is and what to do about it."""
    lines = text.split("\n")
    for finder in (_tab, _unclosed_quote, _missing_colon):
        found = finder(text, lines, exc)
        if found:
            return found
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos()
    problem = exc.problem or exc.context or "invalid YAML"
    if "expected a single document" in str(exc.context or ""):
        problem = "this file holds more than one YAML document; keep one per file (remove the '---' line)"
    return pos, f"{_sentence(problem)}. {_hint(problem)}".strip()


def _tab(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """A tab where the line's indentation is: YAML indents with spaces only."""
    mark = exc.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    at_mark = line[mark.column : mark.column + 1] == "\t"
    if "\t" not in indent and not at_mark:
        return None
    column = indent.index("\t") if "\t" in indent else mark.column
    return (
        Pos(mark.line + 1, column + 1),
        "this line is indented with a tab character; YAML allows only spaces for indentation. "
        "Replace the tab with spaces (most editors can insert spaces when you press Tab).",
    )


def _unclosed_quote(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """A quote that runs on past its line: reported where it opens, not where YAML gives up."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        mark = exc.context_mark
        return _quote_message(lines, mark.line, mark.column, "is never closed")
    if exc.problem_mark is None:
        return None
    for token in reversed(_tokens_before(text, exc.problem_mark.index)):
        start, end = token.start_mark, token.end_mark
        if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
            swallowed = text[start.index : end.index].split("\n")[1:]
            if any(KEY_LINE.match(line) for line in swallowed):  # it ran on over the next key
                return _quote_message(lines, start.line, start.column, f"is only closed on line {end.line + 1}")
            if end.line == exc.problem_mark.line and not text[end.index : exc.problem_mark.index].strip():
                return _closed_too_early(token)
            return None
    return None


def _quote_message(lines: list[str], line: int, column: int, what: str) -> Explanation:
    quote = lines[line][column : column + 1] or '"'
    return (
        Pos(line + 1, column + 1),
        f"the quote {quote} that opens here {what}, so the lines after it are read as part of its text; "
        f"end the text with {quote} on this line.",
    )


def _closed_too_early(token: yaml.ScalarToken) -> Explanation:
    """'Don't wait': the apostrophe closes the quote and the rest of the line cannot be read."""
    end = token.end_mark
    if token.style == "'":
        fix = "inside '...' write an apostrophe twice (Don''t), or put the text in double quotes"
    else:
        fix = 'inside "..." write a double quote as \\", or put the text in single quotes'
    return (
        Pos(end.line + 1, end.column),
        f"the quote closes here but the text goes on after it; {fix}.",
    )


def _tokens_before(text: str, index: int) -> list[yaml.Token]:
    """The tokens the pure-Python scanner reads before it fails (it gives them one at a time)."""
    tokens: list[yaml.Token] = []
    loader = yaml.BaseLoader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if token.start_mark.index >= index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass  # the error being explained: the tokens before it are what we need
    finally:
        loader.dispose()
    return tokens


def _missing_colon(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """A key without ':' is noticed on a later line: report the line that lacks it."""
    mark = exc.problem_mark
    if mark is None:
        return None
    problem = exc.problem or ""
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        found = _key_without_colon(lines, exc.context_mark.line)
        if found:
            return found
    if "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        first_colon = lines[mark.line].find(":") if mark.line < len(lines) else -1
        if "mapping values" in problem and first_colon != mark.column:
            return None  # a second ': ' on a line: text with a colon in it, which _hint explains
        for number in range(mark.line - 1, -1, -1):
            stripped = lines[number].strip()
            if stripped and not stripped.startswith("#"):
                return _key_without_colon(lines, number)
    return None


def _key_without_colon(lines: list[str], number: int) -> Explanation | None:
    match = KEY_WITHOUT_COLON.match(lines[number].rstrip())
    if match is None:
        return None
    key, rest = match["key"], match["rest"].strip()
    fixed = f"{key}: {rest}" if rest else f"{key}:"
    return (
        Pos(number + 1, match.end("key") + 1),
        f"this line has no ':' after '{key}'; write '{fixed}' (every 'key: value' line needs the colon).",
    )


def _sentence(problem: str) -> str:
    return problem[0].upper() + problem[1:] if problem else problem


def _hint(problem: str) -> str:
    if "more than one YAML document" in problem:
        return ""
    if "mapping values are not allowed" in problem:
        return "Put text that contains ': ' in quotes, or use '>' and write it on the next lines."
    if "found character '\\t'" in problem or "tab" in problem:
        return "Indent with spaces, not tabs."
    if "could not find expected ':'" in problem:
        return "Each line of a mapping needs 'key: value'; check the indentation of this line and the one before."
    if "found undefined alias" in problem:
        return "A value starting with '*' is read as an alias; put it in quotes."
    if "did not find expected" in problem:
        return "Check the indentation and that quotes and brackets are closed."
    return "Check the indentation and quoting near this position."
