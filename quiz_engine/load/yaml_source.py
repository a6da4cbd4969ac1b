"""Parse one YAML file into nodes that keep their source positions.

PyYAML's composer gives nodes with start marks but no types; we resolve
types ourselves, field by field, so that `text: No` stays the word "No"
and only `true` / `false` are booleans (YAML 1.1 would read yes/no/on/off).
"""

from __future__ import annotations

import operator
from pathlib import Path

import yaml

from .diagnostics import Pos, Reporter
from .format import FIELD_NAMES
from .yaml_errors import explain, not_utf8


class _PlainResolver(yaml.resolver.BaseResolver):
    """Resolves nothing implicitly: every scalar stays a string until a field reads it."""

    _DEFAULT_TAGS = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        # Called once per node by the composer; the general version looks up resolver tables we leave empty.
        return self._DEFAULT_TAGS[kind]


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


try:  # libyaml's parser is ten times faster; the pure-Python one gives the same nodes and marks
    from yaml._yaml import CParser as _CParser

    class _FastLoader(_CParser):
        """libyaml composes the nodes in C and calls back into Python three times per node: to
        descend into and ascend out of it (for path resolvers, which we have none of) and to
        resolve its tag. The first two are C builtins that do nothing here: as Python methods
        they took about a quarter of the composing time."""

        descend_resolver = operator.is_  # called as (parent, index); the result is ignored
        ascend_resolver = tuple  # called with no arguments; the result is ignored

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return _PlainResolver._DEFAULT_TAGS[kind]

    LOADER: type = _FastLoader
except ImportError:  # PyYAML built without libyaml
    LOADER = _Loader


# libyaml composes nested collections by recursion in C: a file nested some 30,000 levels deep
# overflows the stack and kills the process, which no `except` can report. Each level needs a
# '[', '{', '-' or '?' (or a more indented line), so files with fewer than this many are safe;
# others go to the pure-Python loader, whose RecursionError is reported below.
NESTING_GUARD = 5000


def pos_of(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


class _Source(str):
    """The name that every mark of a file carries (libyaml's marks have no buffer), holding the
    file's text, so that a mapping read later can look at the characters between two marks."""

    text: str


class _Stream:
    """`text` as a stream: libyaml takes the name of a stream (not of a string) for its marks."""

    def __init__(self, text: str, name: _Source) -> None:
        self.text: str | None = text
        self.name = name

    def read(self, size: int) -> str:
        text, self.text = self.text or "", None
        return text


def read_yaml(path: Path, report: Reporter) -> yaml.Node | None:
    """Read and parse one YAML file; report why it cannot be (not UTF-8, unreadable, not YAML)
    and return None."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        report.error(position_at(before, len(before)), "yaml-syntax", not_utf8(data, exc.start))
        return None
    except OSError as exc:
        report.error(Pos(), "yaml-syntax", f"the file cannot be read: {exc.strerror}.")
        return None
    return parse(text, report)


def parse(text: str, report: Reporter) -> yaml.Node | None:
    """Compose the single document of `text`; report syntax problems and return None.

    An empty file (or one holding only comments) gives an empty scalar, not None,
    so that None always means "a problem was reported". Plain scalars have the style
    '' (libyaml) or None (the pure-Python loader): test them with `not node.style`.
    Read the entries of a mapping with `pairs`.
    """
    name = _Source("<unicode string>")
    name.text = text
    try:
        if sum(map(text.count, "[{-?")) < NESTING_GUARD:
            loader = LOADER(_Stream(text, name))
        else:
            loader = _Loader(text)
            loader.name = name
    except yaml.reader.ReaderError as exc:  # control characters are refused before parsing starts
        report.error(position_at(text, exc.position), "yaml-syntax", _unreadable(exc))
        return None
    try:
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # libyaml finds control characters while parsing, counting UTF-8 bytes
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        report.error(position_at(text, index), "yaml-syntax", _unreadable(exc))
        return None
    except yaml.MarkedYAMLError as exc:
        pos, message = explain(text, exc)
        report.error(pos, "yaml-syntax", message)
        return None
    except yaml.YAMLError as exc:
        report.error(Pos(), "yaml-syntax", f"the file cannot be read as YAML: {exc}")
        return None
    except RecursionError:  # the composer recurses once per level of nesting
        report.error(Pos(), "yaml-syntax", "the file is nested too deeply to read; it cannot be a scenario or quiz.")
        return None
    finally:
        loader.dispose()
    if root is None:
        mark = yaml.error.Mark(name, 0, 0, 0, None, None)
        return yaml.ScalarNode("tag:yaml.org,2002:null", "", mark, mark)
    return root


def pairs(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """The (key, value) entries of a mapping, reading `{alt: A cold, cluttered kitchen}` as a
    trainer means it: one value with a comma.

    In a flow mapping a comma ends the value, so YAML reads 'cluttered kitchen' as a key
    with no ':' and an empty value. Such a word after a plain value is joined back to it,
    the first time the mapping is read (so only mappings that are read cost anything).
    """
    if node.flow_style and not getattr(node, "_joined", False):
        text = node.start_mark.name.text
        entries: list[tuple[yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            previous = entries[-1][1] if entries else None
            if _is_plain_text(previous) and _is_bare_word(key, value, text):
                joined = f"{previous.value}, {key.value}"
                entries[-1] = (entries[-1][0], yaml.ScalarNode(previous.tag, joined, previous.start_mark, key.end_mark))
                continue
            entries.append((key, value))
        node.value = entries
        node._joined = True  # aliases share nodes: join once
    return node.value


def _is_plain_text(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value != ""


def _is_bare_word(key: yaml.Node, value: yaml.Node, text: str) -> bool:
    """A plain key with no ':' after it: YAML gives it an empty value at the next ',' or '}'."""
    return (
        isinstance(value, yaml.ScalarNode)
        and value.value == ""
        and not value.style
        and _is_plain_text(key)
        and key.value not in FIELD_NAMES  # '{text: B, correct}' is a forgotten ': true', not text
        and ":" not in text[key.end_mark.index : value.start_mark.index]
    )


def position_at(text: str, index: int) -> Pos:
    """The line and column of character `index` of `text`."""
    before = text[:index]
    return Pos(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _unreadable(exc: yaml.reader.ReaderError) -> str:
    return (
        f"the file contains the control character #x{exc.character:04x}, which YAML does not allow; "
        "delete it (it is often pasted in by accident)."
    )
