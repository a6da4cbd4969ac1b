"""The vocabulary of authoring format v1: the keys each part of a file may have, and
the values some of them take. One place, so the loader, the YAML reader's hints and
the checks agree."""

from __future__ import annotations

import re

SCENARIO_KEYS = (
    "kind", "id", "title", "role", "summary", "duration", "themes", "content_note", "allow_back",
    "draft", "review", "sources", "variables", "dimensions", "start", "nodes",
)  # fmt: skip
NODE_KEYS = ("title", "text", "when", "image", "reflect", "choices", "next", "ending", "debrief")
WHEN_KEYS = ("if", "text")
CHOICE_KEYS = ("id", "text", "goto", "rating", "feedback", "score", "add", "set", "if")
QUIZ_KEYS = (
    "kind", "id", "title", "intro", "pass_mark", "shuffle", "draft", "duration", "themes", "review", "sources", "questions",
)  # fmt: skip
QUESTION_COMMON = ("id", "type", "prompt", "explanation", "theme", "points", "shuffle")
QUESTION_KEYS = {
    "single": QUESTION_COMMON + ("options",),
    "multiple": QUESTION_COMMON + ("options",),
    "true-false": QUESTION_COMMON + ("answer",),
    "order": QUESTION_COMMON + ("items",),
    "match": QUESTION_COMMON + ("pairs",),
}
ALL_QUESTION_KEYS = tuple(dict.fromkeys(k for keys in QUESTION_KEYS.values() for k in keys))
OPTION_KEYS = ("text", "correct", "feedback")
FIELD_NAMES = frozenset(
    (
        *SCENARIO_KEYS,
        *NODE_KEYS,
        *CHOICE_KEYS,
        *QUIZ_KEYS,
        *ALL_QUESTION_KEYS,
        *OPTION_KEYS,
        "src",
        "alt",
        "left",
        "right",
    )
)
RATINGS = ("best", "acceptable", "poor")
ENDINGS = ("good", "mixed", "poor")
RESERVED = {"and", "or", "not", "true", "false"}
YAML_SUFFIXES = (".yml", ".yaml")
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SAFE_SCHEMES = ("https:", "http:", "mailto:")
# What a browser's URL parser ignores: tabs and line breaks anywhere ("java\tscript:" is
# "javascript:"), and control characters and spaces at either end.
URL_IGNORED = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$|[\t\n\r]")  # the ends first, as a browser
