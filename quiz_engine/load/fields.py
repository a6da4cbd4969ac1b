"""Typed reading of YAML nodes, field by field, reporting every problem.

Each read returns a Python value (or None when absent or invalid) and records
diagnostics; nothing raises, so a file with ten mistakes gives ten messages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

import yaml

from .diagnostics import Pos, Reporter
from .format import FIELD_NAMES
from .suggest import did_you_mean
from .yaml_errors import quote_runs_on
from .yaml_source import pairs, pos_of

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
INTEGER = re.compile(r"^[-+]?[0-9]+$")
MAX_DIGITS = 15  # larger numbers lose precision in the browser (and are never meant)
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
BOOLEANS = {"true": True, "false": False}

_SHAPES = {
    yaml.MappingNode: "a mapping of 'key: value' lines",
    yaml.SequenceNode: "a list of '- ' items",
    yaml.ScalarNode: "a single value",
}


def shape(node: yaml.Node) -> str:
    return _SHAPES.get(type(node), "a value")


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Fields:
    """The keys of one YAML mapping, read with types, positions and diagnostics."""

    def __init__(
        self,
        node: yaml.Node,
        report: Reporter,
        what: str,
        known: Iterable[str],
    ) -> None:
        self.report = report
        self.what = what
        self.pos = pos_of(node)
        self.keys: dict[str, yaml.Node] = {}  # key -> key node
        self.values: dict[str, yaml.Node] = {}  # key -> value node, the lookup every read makes
        self.without_colon: set[str] = set()  # `title "Text: more"`, reported once as such, not also as missing
        self.ok = isinstance(node, yaml.MappingNode)
        if not self.ok:
            report.error(self.pos, "wrong-type", f"{what} should be {_SHAPES[yaml.MappingNode]}, not {shape(node)}.")
            return
        known = tuple(known)
        keys, values = self.keys, self.values
        restarted = False
        for key_node, value_node in pairs(node):
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                report.error(pos_of(key_node), "wrong-type", f"a key in {what} should be a plain name.")
                continue
            if key in keys:
                first = pos_of(keys[key])
                if not restarted:  # after a list item's first key again, the repeats are that item's keys
                    report.error(pos_of(key_node), "duplicate-key", _twice(what, key, first, node))
                restarted = restarted or _restarts_item(key, node)
                continue
            if known and key not in known:
                report.error(pos_of(key_node), "unknown-key", _unknown_key(what, key, known, value_node))
                self.without_colon.add(key.partition(" ")[0])
                continue
            keys[key] = key_node
            values[key] = value_node

    # --- presence and position -------------------------------------------------

    def has(self, key: str) -> bool:
        return key in self.values

    def node(self, key: str) -> yaml.Node | None:
        return self.values.get(key)

    def where(self, key: str) -> Pos:
        value = self.values.get(key)
        if value is None:
            return self.pos
        mark = value.start_mark  # pos_of(value), without the call: loading asks for ~200,000 positions
        return Pos(mark.line + 1, mark.column + 1)

    def key_pos(self, key: str) -> Pos:
        key_node = self.keys.get(key)
        return pos_of(key_node) if key_node is not None else self.pos

    def require(self, *keys: str) -> None:
        for key in keys:
            if self.ok and key not in self.values and key not in self.without_colon:
                self.report.error(self.pos, "missing-field", f"{self.what} needs '{key}:'.")

    def _missing_or_empty(self, key: str, required: bool) -> yaml.Node | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.require(key)
            return None
        if isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style:
            if required:
                self.report.error(
                    pos_of(value), "missing-field", f"'{key}' in {self.what} is empty; write a value after '{key}:'."
                )
            return None
        return value

    def _scalar(self, key: str, value: yaml.Node, expected: str) -> str | None:
        if isinstance(value, yaml.ScalarNode):
            return value.value
        self.report.error(pos_of(value), "wrong-type", f"'{key}' should be {expected}, not {shape(value)}.")
        return None

    # --- typed reads ---------------------------------------------------------

    def text(self, key: str, required: bool = False) -> str | None:
        """Any scalar as text: `No`, `yes` and `1989` stay words."""
        value = self.values.get(key)
        if isinstance(value, yaml.ScalarNode) and (value.value or value.style):
            raw = value.value  # the usual case, without the calls below that find the unusual ones
            if value.end_mark.line != value.start_mark.line and value.style in ("'", '"'):
                self._quote_runs_on(value)
        else:
            value = self._missing_or_empty(key, required)
            if value is None:
                return None
            raw = self._scalar(key, value, "text")
        if raw is not None and required and not raw.strip():
            self.report.error(pos_of(value), "missing-field", f"'{key}' in {self.what} is empty; write some text.")
        return raw

    def _quote_runs_on(self, value: yaml.ScalarNode) -> None:
        found = quote_runs_on(value, FIELD_NAMES)
        if found:
            self.report.error(found[0], "unclosed-quote", found[1])

    def integer(
        self, key: str, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        value = self._missing_or_empty(key, required)
        if value is None:
            self._no_value(key, required, "a whole number")
            return None
        return self.integer_value(key, value, minimum, maximum)

    def integer_value(
        self, key: str, value: yaml.Node, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        if isinstance(value, yaml.ScalarNode) and not value.style and len(value.value) <= MAX_DIGITS:
            raw = value.value  # the usual case first: a plain whole number of a few digits, in range
            if INTEGER.match(raw):
                number = int(raw)
                if (minimum is None or number >= minimum) and (maximum is None or number <= maximum):
                    return number
        raw = self._scalar(key, value, "a whole number")
        if raw is None:
            return None
        if value.style or not INTEGER.match(raw):
            self.report.error(
                pos_of(value), "wrong-type", f"'{key}' should be a whole number such as 10, not '{short(raw)}'."
            )
            return None
        if len(raw.lstrip("+-")) > MAX_DIGITS:
            self.report.error(pos_of(value), "bad-value", f"'{key}' is '{short(raw)}', which is too large a number.")
            return None
        number = int(raw)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            bounds = _bounds(minimum, maximum)
            self.report.error(pos_of(value), "bad-value", f"'{key}' is {number}; it must be {bounds}.")
            return None
        return number

    def boolean(self, key: str, required: bool = False) -> bool | None:
        value = self._missing_or_empty(key, required)
        if value is None:
            self._no_value(key, required, "true or false")
            return None
        return self.boolean_value(key, value)

    def _no_value(self, key: str, required: bool, expected: str) -> None:
        """`correct:` with nothing after it is a half-written line, not an absent field."""
        if not required and self.has(key):
            self.report.error(
                self.key_pos(key), "wrong-type", f"'{key}' has no value; write {expected} after '{key}:'."
            )

    def boolean_value(self, key: str, value: yaml.Node) -> bool | None:
        raw = self._scalar(key, value, "true or false")
        if raw is None:
            return None
        if value.style or raw not in BOOLEANS:
            self.report.error(pos_of(value), "wrong-type", f"'{key}' should be true or false, not '{short(raw)}'.")
            return None
        return BOOLEANS[raw]

    def enum(self, key: str, allowed: Iterable[str], required: bool = False) -> str | None:
        if not isinstance(allowed, tuple | dict):
            allowed = tuple(allowed)
        raw = self.text(key, required)
        if raw is None:
            return None
        if raw not in allowed:
            allowed = list(allowed)
            self.report.error(
                self.where(key),
                "bad-value",
                f"'{key}' is '{short(raw)}'; it must be one of: {', '.join(allowed)}.{did_you_mean(raw, allowed)}",
            )
            return None
        return raw

    def slug(self, key: str, required: bool = False) -> str | None:
        raw = self.text(key, required)
        if raw is None:
            return None
        if not SLUG.match(raw):
            self.report.error(
                self.where(key),
                "bad-value",
                f"'{key}' is '{short(raw)}'; use lowercase letters, digits and single hyphens, like '{slugify(raw)}'.",
            )
            return None
        return raw

    def date(self, key: str) -> datetime.date | None:
        raw = self.text(key)
        if raw is None:
            return None
        try:
            if not DATE.match(raw):
                raise ValueError
            return datetime.date.fromisoformat(raw)
        except ValueError:
            self.report.error(
                self.where(key),
                "bad-value",
                f"'{key}' is '{short(raw)}'; write a real date as YYYY-MM-DD, like 2027-01-31.",
            )
            return None

    def mapping(self, key: str, required: bool = False) -> yaml.MappingNode | None:
        value = self._missing_or_empty(key, required)
        if value is None:
            return None
        if not isinstance(value, yaml.MappingNode):
            self.report.error(
                pos_of(value), "wrong-type", f"'{key}' should be {_SHAPES[yaml.MappingNode]}, not {shape(value)}."
            )
            return None
        return value

    def sequence(self, key: str, required: bool = False, non_empty: bool = False) -> list[yaml.Node] | None:
        value = self._missing_or_empty(key, required)
        if value is None:
            return None
        if not isinstance(value, yaml.SequenceNode):
            self.report.error(
                pos_of(value), "wrong-type", f"'{key}' should be {_SHAPES[yaml.SequenceNode]}, not {shape(value)}."
            )
            return None
        if non_empty and not value.value:
            self.report.error(pos_of(value), "bad-value", f"'{key}' is an empty list; give at least one item.")
            return None
        return value.value

    def text_list(self, key: str) -> list[str]:
        items = self.sequence(key) or []
        texts = []
        for item in items:
            raw = self._scalar(key, item, "a list of text items")
            if raw is not None:
                texts.append(raw)
        return texts


def _twice(what: str, key: str, first: Pos, node: yaml.MappingNode) -> str:
    message = f"'{key}' appears twice in {what} (first on line {first.line}); keep one and delete the other"
    if _restarts_item(key, node):
        return f"{message}, or if this line starts another item of the list, begin it with '- ' like line {first.line}."
    return message + "."


def _restarts_item(key: str, node: yaml.MappingNode) -> bool:
    """Whether `key` is the first key of a list item (a line that starts with '- '): written again
    in the same item, it most likely starts the next item without its '- '."""
    text = getattr(node.start_mark.name, "text", None)  # the file's text, which parse() gives every mark
    opening = text.split("\n")[node.start_mark.line] if text else ""
    first_key = node.value[0][0].value if node.value and isinstance(node.value[0][0], yaml.ScalarNode) else None
    return key == first_key and not node.flow_style and opening.lstrip().startswith("- ")


def _unknown_key(what: str, key: str, known: tuple[str, ...], value: yaml.Node) -> str:
    first, _, rest = key.partition(" ")
    if rest and first in known:  # `score {timeliness: 1}`: YAML reads up to the ':' inside as the key
        after = f": {value.value}" if isinstance(value, yaml.ScalarNode) and value.value else ": ..."
        return f"{what} has an unknown key '{short(key)}': a ':' is missing after '{first}'; write '{first}: {short(rest + after)}'."
    return f"{what} has an unknown key '{key}'.{did_you_mean(key, known) or ' Allowed keys: ' + ', '.join(known) + '.'}"


def scalar_map_entries(
    fields: Fields, key: str, twice: dict[str, tuple[Pos, Pos]] | None = None
) -> list[tuple[str, Pos, yaml.Node]]:
    """Entries of a mapping field such as `score:` or `variables:`, with positions. A name given
    twice is reported here, or put in `twice` (name -> first and second position) for the caller
    to report once it knows more."""
    if key not in fields.values:
        return []
    node = fields.mapping(key)
    if node is None:
        return []
    seen: dict[str, Pos] = {}
    entries = []
    for key_node, value_node in pairs(node):
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        pos = pos_of(key_node)
        if name in seen and twice is not None:
            twice.setdefault(name, (seen[name], pos))
            continue
        if name in seen:
            fields.report.error(
                pos, "duplicate-key", f"'{name}' appears twice in '{key}' (first on line {seen[name].line}); keep one."
            )
            continue
        seen[name] = pos
        entries.append((name, pos, value_node))
    return entries


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "my-id"


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum}"
    if minimum is not None:
        return f"at least {minimum}"
    return f"at most {maximum}"
