"""Parse one YAML file into nodes that keep their source positions.

PyYAML's composer gives nodes with start marks but no types; we resolve
types ourselves, field by field, so that `text: No` stays the word "No"
and only `true` / `false` are booleans (YAML 1.1 would read yes/no/on/off).
"""

from __future__ import annotations

import yaml

from .diagnostics import Pos, Reporter


class _PlainResolver(yaml.resolver.BaseResolver):
    """Resolves nothing implicitly: every scalar stays a string until a field reads it."""


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _PlainResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _PlainResolver.__init__(self)


def pos_of(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def parse(text: str, report: Reporter) -> yaml.Node | None:
    """Compose the single document of `text`; report syntax problems and return None."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos()
        problem = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in str(exc.context or ""):
            problem = "this file holds more than one YAML document; keep one per file (remove the '---' line)"
        report.error(pos, "yaml-syntax", f"{_sentence(problem)}. {_hint(problem)}".strip())
        return None
    except yaml.YAMLError as exc:  # reader errors (e.g. control characters) carry no problem_mark
        report.error(Pos(), "yaml-syntax", f"the file cannot be read as YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return root


def _sentence(problem: str) -> str:
    return problem[0].upper() + problem[1:] if problem else problem


def _hint(problem: str) -> str:
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
