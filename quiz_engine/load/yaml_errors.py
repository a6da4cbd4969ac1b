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
# "  second", "- goto next-step", "url https://..."): a ':' in the rest only where no space follows.
KEY_WITHOUT_COLON = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][\w-]*)(?P<rest>(?:[ \t](?:[^:]|:(?=\S))*)?)$"
)
KEY_LINE = re.compile(r"^[ ]*(?:-[ ]+)?[\w-]+:(?:[ \t]|$)")  # "  text: ..." or "- goto: x"

Explanation = tuple[Pos, str]


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explanation:
    """Where the mistake behind `exc` is and what to do about it."""
    lines = text.split("\n")
    for finder in (_tab, _unclosed_quote, _unclosed_bracket, _missing_colon, _missing_dash, _indentation):
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


def quote_runs_on(node: yaml.ScalarNode, field_names: frozenset[str]) -> Explanation | None:
    """A quoted value that YAML could read although its quote was not closed on its line: it runs on
    to a later quote, taking in lines that are the file's own fields ('next: leave'), which then
    silently go missing. Such a line is indented no deeper than the value's own key."""
    text = getattr(node.start_mark.name, "text", None)  # the file's text, which parse() gives every mark
    start, end = node.start_mark, node.end_mark
    if text is None:
        return None
    lines = text.split("\n")
    own_indent = _indent_of(lines[start.line])
    for number in range(start.line + 1, end.line + 1):
        match = KEY_LINE.match(lines[number])
        key = lines[number].strip().removeprefix("- ").partition(":")[0]
        if match and key in field_names and _indent_of(lines[number]) <= own_indent:
            pos, message = _quote_message(lines, start.line, start.column, f"is only closed on line {end.line + 1}")
            return pos, f"{message} Line {number + 1} ('{key}:') is read as text now."
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


def _unclosed_bracket(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """A '[' or '{' not closed on its line: reported where it opens, not on the next line."""
    mark, start = exc.problem_mark, exc.context_mark
    closing = re.search(r"expected ',' or '([]}])'", exc.problem or "")
    if not closing or mark is None or start is None or start.line >= mark.line:
        return None
    opening = "[" if closing[1] == "]" else "{"
    return (
        Pos(start.line + 1, start.column + 1),
        f"the '{opening}' that opens here is not closed on this line; close it with '{closing[1]}' "
        f"(or put text that contains '{opening}' in quotes).",
    )


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
        previous = _previous(lines, mark.line)
        return None if previous is None else _key_without_colon(lines, previous)
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


def _missing_dash(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """The first item of a list written without its '- ': YAML reads it as keys and then finds the
    second item, with its '- ', where it cannot be. Reported on the first item's line."""
    mark = exc.problem_mark
    if mark is None or mark.line >= len(lines) or not lines[mark.line].lstrip().startswith("- "):
        return None
    indent = _indent_of(lines[mark.line])
    first = None
    for n in range(mark.line - 1, -1, -1):
        stripped = lines[n].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent_of(lines[n]) < indent:  # the key that opens the list, such as 'choices:'
            if not lines[n].rstrip().endswith(":") or first is None or lines[first].lstrip().startswith("- "):
                return None
            return (
                Pos(first + 1, _indent_of(lines[first]) + 1),
                f"the list under line {n + 1} starts here without '- ', so YAML cannot read its next item "
                f"(line {mark.line + 1}); begin this line with '- ', lined up with the '- ' of line {mark.line + 1}.",
            )
        first = n
    return None


def _indentation(text: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Explanation | None:
    """A line indented by a space or two more or less than the lines it belongs with."""
    mark, problem = exc.problem_mark, exc.problem or ""
    if mark is None or mark.line >= len(lines) or not lines[mark.line].strip():
        return None
    line = lines[mark.line]
    indent = _indent_of(line)
    above = [n for n in range(mark.line) if KEY_LINE.match(lines[n])]
    if "mapping values are not allowed" in problem and above and above[-1] == _previous(lines, mark.line):
        previous = lines[above[-1]]
        if mark.column == line.find(":") and indent > _indent_of(previous) and not previous.rstrip().endswith(":"):
            return (
                Pos(mark.line + 1, indent + 1),
                f"this line is indented more than line {above[-1] + 1} above it, so YAML reads it as more of that "
                f"line's text; indent it by {_spaces(_indent_of(previous))}, like line {above[-1] + 1}.",
            )
        return None
    if not any(words in problem for words in ("expected key", "expected '-' indicator", "expected <block end>")):
        return None
    block = _block_of(lines, mark.line, indent)
    if block is not None:
        first, is_text = block
        following = _next(lines, mark.line)
        if following is not None and _indent_of(lines[following]) == indent:  # the first line is the odd one
            return (
                Pos(first + 1, _indent_of(lines[first]) + 1),
                f"this line, the first of its block, is indented by {_spaces(_indent_of(lines[first]))} and the lines "
                f"after it by {indent} (line {mark.line + 1}); YAML lines a block up on its first line, so indent "
                f"this one by {_spaces(indent)} too.",
            )
        if is_text:
            return (
                Pos(mark.line + 1, indent + 1),
                f"this line of text is indented by {_spaces(indent)}, less than the first line of its text "
                f"(line {first + 1}, {_spaces(_indent_of(lines[first]))}); indent every line of the text at least "
                "as much as its first.",
            )
    is_item = line[indent:].startswith("- ")
    levels = {level: n for n in above for level in _levels(lines[n], is_item)}  # the last line at each level
    if not levels or indent in levels:
        return None
    distance = min(abs(level - indent) for level in levels)
    nearest = sorted(level for level in levels if abs(level - indent) == distance)
    ways = " or ".join(f"{_spaces(level)} (like line {levels[level] + 1})" for level in nearest)
    return (
        Pos(mark.line + 1, indent + 1),
        f"this line is indented by {_spaces(indent)}, which lines up with no line above it; indent it by {ways}, "
        "as the lines it belongs with.",
    )


def _block_of(lines: list[str], number: int, indent: int) -> tuple[int, bool] | None:
    """The first line of the block that line `number` is in, when that first line is indented
    more than line `number`, and whether the block is text (under 'text: |' or 'text: >')."""
    first = None
    for n in range(number - 1, -1, -1):
        stripped = lines[n].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent_of(lines[n]) <= indent:  # the line that opens the block
            if first is None or _indent_of(lines[n]) == indent:
                return None
            if re.search(r":[ ]+[|>][-+]?$", lines[n].rstrip()):
                return first, True
            return (first, False) if lines[n].rstrip().endswith(":") else None
        first = n
    return None


def _next(lines: list[str], number: int) -> int | None:
    """The nearest line after `number` with something on it other than a comment."""
    for following in range(number + 1, len(lines)):
        stripped = lines[following].strip()
        if stripped and not stripped.startswith("#"):
            return following
    return None


def _spaces(number: int) -> str:
    return "1 space" if number == 1 else f"{number} spaces"


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _levels(line: str, items: bool) -> list[int]:
    """Where a line's list items ('-') or keys start: '      - text: x' has an item at 6, a key at 8."""
    indent = _indent_of(line)
    dash = re.match(r"-[ ]+", line[indent:])
    if items:
        return [indent] if dash else []
    return [indent + dash.end()] if dash else [indent]


def _previous(lines: list[str], number: int) -> int | None:
    """The nearest line before `number` with something on it other than a comment."""
    for previous in range(number - 1, -1, -1):
        stripped = lines[previous].strip()
        if stripped and not stripped.startswith("#"):
            return previous
    return None


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


def not_utf8(data: bytes, start: int) -> str:
    """What to do about a file saved in another encoding, in the editors trainers use."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problem = "the file is saved as UTF-16 (Notepad calls it 'Unicode'), not UTF-8."
    else:
        problem = (
            f"the file is not saved as UTF-8: the character here (byte 0x{data[start]:02x}) is in another encoding; "
            "it is often a curly quote, a dash or an accented letter."
        )
    return (
        f"{problem} Save the file as UTF-8: "
        "in Notepad, File > Save As, Encoding: UTF-8; "
        "in VS Code, click the encoding in the status bar, Save with Encoding, UTF-8 "
        "(if letters look wrong, first Reopen with Encoding, Western (Windows 1252)); "
        "in TextEdit, Format > Make Plain Text, then hold Option and choose File > Save As, "
        "Plain Text Encoding: Unicode (UTF-8); "
        "in Word, File > Save As, Plain Text, then in File Conversion choose Other encoding: Unicode (UTF-8) "
        "and keep the .yml name."
    )
