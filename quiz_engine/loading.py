"""Load stage: YAML files in scenarios/ -> model objects, with every problem reported."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import model
from .diagnostics import Diagnostic, Pos, Reporter
from .fields import INTEGER, NAME, SLUG, Fields, scalar_map_entries, shape, short, slugify
from .yaml_source import pairs, parse, pos_of, position_at

SCENARIO_KEYS = (
    "kind", "id", "title", "role", "summary", "duration", "themes", "content_note", "allow_back",
    "review", "sources", "variables", "dimensions", "start", "nodes",
)  # fmt: skip
NODE_KEYS = ("title", "text", "image", "reflect", "choices", "next", "ending", "debrief")
CHOICE_KEYS = ("text", "goto", "rating", "feedback", "score", "add", "set", "if")
QUIZ_KEYS = (
    "kind", "id", "title", "intro", "pass_mark", "shuffle", "duration", "themes", "review", "sources", "questions",
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


def find_sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file())


def load_file(path: Path, display: str, sink: list[Diagnostic]) -> model.Item | None:
    """Load one scenario or quiz file; None when it cannot be understood at all."""
    report = Reporter(display, sink)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        report.error(
            position_at(before, len(before)),
            "yaml-syntax",
            f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8.",
        )
        return None
    except OSError as exc:
        report.error(Pos(), "yaml-syntax", f"the file cannot be read: {exc.strerror}.")
        return None
    root = parse(text, report)
    if root is None:
        return None
    if isinstance(root, yaml.ScalarNode) and root.value == "":
        report.error(Pos(), "missing-field", "the file is empty; start it with 'kind: scenario' or 'kind: quiz'.")
        return None
    # Read only `kind` here: the scenario or quiz reads the same mapping again and reports its problems.
    top = Fields(root, Reporter(display, []), "the file", ())
    if not top.ok:
        report.error(
            top.pos, "wrong-type", f"the file should be {_mapping()} starting with 'kind:', not {shape(root)}."
        )
        return None
    top.report = report
    kind = top.text("kind")
    if kind is None:
        report.error(top.pos, "missing-field", "the file needs 'kind: scenario' or 'kind: quiz' as its first key.")
        return None
    if kind not in ("scenario", "quiz"):
        report.error(top.where("kind"), "bad-value", f"'kind' is '{short(kind)}'; it must be scenario or quiz.")
        return None
    default_id = path.stem
    if kind == "scenario":
        return _scenario(root, report, display, default_id)
    return _quiz(root, report, display, default_id)


def _common_id(fields: Fields, report: Reporter, default_id: str) -> str:
    if fields.has("id"):
        return fields.slug("id") or default_id
    if not SLUG.match(default_id):
        report.error(
            fields.pos,
            "bad-value",
            f"the file name '{default_id}' is not a valid id; add 'id: {slugify(default_id)}' or rename the file.",
        )
    return default_id


def _review(fields: Fields, report: Reporter) -> model.Review | None:
    node = fields.mapping("review")
    if node is None:
        return None
    f = Fields(node, report, "review", ("last_reviewed", "next_review", "owner"))
    review = model.Review(
        pos=f.pos, last_reviewed=f.date("last_reviewed"), next_review=f.date("next_review"), owner=f.text("owner")
    )
    review.at = {k: f.where(k) for k in ("last_reviewed", "next_review")}
    return review


def _sources(fields: Fields, report: Reporter) -> list[model.Source]:
    sources = []
    for item in fields.sequence("sources") or []:
        f = Fields(item, report, "a source", ("title", "url"))
        if f.ok:
            f.require("title")
            url = f.text("url")
            as_browser = URL_IGNORED.sub("", url or "")
            if URL_SCHEME.match(as_browser) and not as_browser.lower().startswith(SAFE_SCHEMES):
                report.error(
                    f.where("url"), "bad-value", f"'url' is '{short(url)}'; a source links to an https:// address."
                )
                url = None
            sources.append(model.Source(pos=f.pos, title=f.text("title", required=True) or "", url=url))
    return sources


def _slug_list(fields: Fields, key: str) -> list[str]:
    result = []
    for item in fields.sequence(key) or []:
        raw = item.value if isinstance(item, yaml.ScalarNode) else None
        if raw is None or not SLUG.match(raw):
            fields.report.error(
                pos_of(item), "bad-value", f"each of '{key}' should be a slug such as 'information-sharing'."
            )
            continue
        result.append(raw)
    return result


# --- scenarios -------------------------------------------------------------------


def _scenario(root: yaml.Node, report: Reporter, display: str, default_id: str) -> model.Scenario:
    f = Fields(root, report, "the scenario", SCENARIO_KEYS)
    f.require("title", "start", "nodes")
    scenario = model.Scenario(pos=f.pos, path=display)
    scenario.id = _common_id(f, report, default_id)
    scenario.at["id"] = f.where("id")
    scenario.title = f.text("title", required=True) or ""
    scenario.role = f.text("role")
    scenario.summary = f.text("summary")
    scenario.duration = f.integer("duration", minimum=1, maximum=600)
    scenario.themes = _slug_list(f, "themes")
    scenario.content_note = f.text("content_note")
    allow_back = f.boolean("allow_back")
    scenario.allow_back = True if allow_back is None else allow_back
    scenario.review = _review(f, report)
    scenario.sources = _sources(f, report)
    scenario.variables = _variables(f)
    for name, pos, value in scalar_map_entries(f, "dimensions"):
        if not NAME.match(name) or name in RESERVED:
            report.error(
                pos, "bad-value", f"dimension name '{name}' should be a word such as 'timeliness' (letters, digits, _)."
            )
        label = f._scalar(name, value, "a description")
        scenario.dimensions[name] = label or name
        scenario.at[f"dimensions.{name}"] = pos
    scenario.start = f.text("start", required=True) or ""
    scenario.at["start"] = f.where("start")
    nodes = f.mapping("nodes", required=True)
    if nodes is not None:
        entries = pairs(nodes)
        if not entries:
            report.error(pos_of(nodes), "bad-value", "'nodes' is empty; write at least a start node and an ending.")
        seen: dict[str, Pos] = {}
        for key_node, value_node in entries:
            node_id = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            key_pos = pos_of(key_node)
            if node_id in seen:
                report.error(
                    key_pos,
                    "duplicate-key",
                    f"node '{node_id}' is defined twice (first on line {seen[node_id].line}); rename or delete one.",
                )
                continue
            seen[node_id] = key_pos
            scenario.nodes[node_id] = _node(node_id, key_pos, value_node, report)
    return scenario


def _variables(f: Fields) -> dict[str, bool | int]:
    variables: dict[str, bool | int] = {}
    for name, pos, value in scalar_map_entries(f, "variables"):
        if not NAME.match(name) or name in RESERVED:
            f.report.error(
                pos,
                "bad-value",
                f"variable name '{name}' should be a word such as 'shared_with_gp' (letters, digits, _).",
            )
            continue
        raw = value.value if isinstance(value, yaml.ScalarNode) else None
        if raw in ("true", "false") and not value.style:
            variables[name] = raw == "true"
        elif raw is not None and not value.style and INTEGER.match(raw):
            number = f.integer_value(name, value)
            if number is not None:
                variables[name] = number
        else:
            f.report.error(
                pos_of(value),
                "wrong-type",
                f"variable '{name}' should start as true, false or a whole number, not '{short(raw or shape_word(value))}'.",
            )
            continue
    return variables


def shape_word(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _node(node_id: str, key_pos: Pos, value: yaml.Node, report: Reporter) -> model.Node:
    f = Fields(value, report, f"node '{node_id}'", NODE_KEYS)
    node = model.Node(pos=key_pos, id=node_id)  # node diagnostics point at its name, where a trainer looks for it
    node.at["id"] = key_pos
    if not f.ok:
        node.ending = ""  # reported as wrong-type; counted as an ending so that no node-shape or path message follows
        return node
    node.title = f.text("title")
    node.text = f.text("text", required=True)
    node.reflect = f.text("reflect")
    node.debrief = f.text("debrief")
    node.next = f.text("next", required=f.has("next"))
    node.ending = f.enum("ending", ENDINGS, required=f.has("ending"))
    # A 'next' or 'ending' that is written but wrong is reported above; it still counts as the
    # node's one way on, so that no node-shape or no-way-out message follows from it.
    if f.has("next") and node.next is None:
        node.next = ""
    if f.has("ending") and node.ending is None:
        node.ending = ""
    node.at.update(next=f.where("next"), ending=f.where("ending"), choices=f.where("choices"), image=f.where("image"))
    if f.has("image"):
        node.image = _image(f, report)
    if f.has("choices"):
        items = f.sequence("choices", required=True, non_empty=True)
        node.choices = [_choice(item, report, node_id, i) for i, item in enumerate(items or [], start=1)]
    return node


def _image(f: Fields, report: Reporter) -> model.Image | None:
    node = f.mapping("image")
    if node is None:
        return None
    g = Fields(node, report, "the image", ("src", "alt"))
    image = model.Image(pos=g.pos, src=g.text("src", required=True) or "", alt=g.text("alt") or "")
    image.at = {"src": g.where("src"), "alt": g.where("alt")}
    return image


def _choice(value: yaml.Node, report: Reporter, node_id: str, number: int) -> model.Choice:
    f = Fields(value, report, f"choice {number} of node '{node_id}'", CHOICE_KEYS)
    choice = model.Choice(pos=f.pos)
    if not f.ok:
        return choice
    f.require("goto")
    choice.text = f.text("text", required=True) or ""
    choice.goto = f.text("goto", required=True) or None
    choice.rating = f.enum("rating", RATINGS)
    choice.feedback = f.text("feedback")
    choice.condition = f.text("if")
    choice.at = {"goto": f.where("goto"), "if": f.where("if"), "text": f.where("text")}
    condition = f.node("if")
    if isinstance(condition, yaml.ScalarNode) and condition.style in ("'", '"'):  # offsets start after the quote
        choice.at["if"] = Pos(choice.at["if"].line, choice.at["if"].col + 1)
    for name, pos, v in scalar_map_entries(f, "score"):
        number_value = f.integer_value(f"score.{name}", v)
        choice.at[f"score.{name}"] = pos
        if number_value is not None:
            choice.score[name] = number_value
    for name, pos, v in scalar_map_entries(f, "add"):
        number_value = f.integer_value(f"add.{name}", v)
        choice.at[f"add.{name}"] = pos
        if number_value is not None:
            choice.add[name] = number_value
    for name, pos, v in scalar_map_entries(f, "set"):
        choice.at[f"set.{name}"] = pos
        raw = v.value if isinstance(v, yaml.ScalarNode) else None
        if raw in ("true", "false") and not v.style:
            choice.set[name] = raw == "true"
        else:
            number_value = f.integer_value(f"set.{name}", v)
            if number_value is not None:
                choice.set[name] = number_value
    return choice


# --- quizzes ---------------------------------------------------------------------


def _quiz(root: yaml.Node, report: Reporter, display: str, default_id: str) -> model.Quiz:
    f = Fields(root, report, "the quiz", QUIZ_KEYS)
    quiz = model.Quiz(pos=f.pos, path=display)
    quiz.id = _common_id(f, report, default_id)
    quiz.at["id"] = f.where("id")
    quiz.title = f.text("title", required=True) or ""
    quiz.intro = f.text("intro")
    pass_mark = f.integer("pass_mark", minimum=0, maximum=100)
    quiz.pass_mark = 80 if pass_mark is None else pass_mark
    quiz.shuffle = bool(f.boolean("shuffle"))
    quiz.duration = f.integer("duration", minimum=1, maximum=600)
    quiz.themes = _slug_list(f, "themes")
    quiz.review = _review(f, report)
    quiz.sources = _sources(f, report)
    items = f.sequence("questions", required=True, non_empty=True)
    seen: dict[str, Pos] = {}
    for number, item in enumerate(items or [], start=1):
        question = _question(item, report, number)
        if question is None:
            continue
        if question.id in seen:
            report.error(
                question.where("id"),
                "duplicate-id",
                f"question id '{question.id}' is used twice in this quiz (first on line {seen[question.id].line}); give each question its own id.",
            )
        else:
            seen[question.id] = question.where("id")
        quiz.questions.append(question)
    return quiz


def _question(value: yaml.Node, report: Reporter, number: int) -> model.Question | None:
    what = f"question {number}"
    probe = Fields(value, Reporter(report.path, []), what, ())  # read the type before checking keys
    if not probe.ok:
        report.error(probe.pos, "wrong-type", f"{what} should be {_mapping()}, not a single value or list.")
        return None
    qtype = probe.text("type")
    known = QUESTION_KEYS.get(qtype or "", ALL_QUESTION_KEYS)
    f = Fields(value, report, what, known)
    f.require("type", "prompt")
    question = model.Question(pos=f.pos, id=f"q{number}")
    if f.has("type"):
        question.type = f.enum("type", QUESTION_KEYS, required=True) or ""
    if f.has("id"):
        question.id = f.slug("id") or question.id
    question.at = {"id": f.where("id"), "type": f.where("type"), "options": f.where("options")}
    question.prompt = f.text("prompt", required=True) or ""
    question.explanation = f.text("explanation")
    question.theme = f.text("theme")
    points = f.integer("points", minimum=0, maximum=100)
    question.points = 1 if points is None else points
    shuffle = f.boolean("shuffle")
    question.shuffle = True if shuffle is None else shuffle
    if question.type in ("single", "multiple"):
        for item in f.sequence("options", required=True, non_empty=True) or []:
            g = Fields(item, report, "an option", ("text", "correct", "feedback"))
            if g.ok:
                option = model.Option(pos=g.pos, text=g.text("text", required=True) or "")
                option.correct = bool(g.boolean("correct"))
                option.feedback = g.text("feedback")
                question.options.append(option)
    elif question.type == "true-false":
        f.require("answer")
        question.answer = f.boolean("answer", required=True)
    elif question.type == "order":
        f.require("items")
        question.items = f.text_list("items")
        if f.has("items") and len(question.items) < 2:
            report.error(f.where("items"), "bad-value", "an order question needs at least two items.")
    elif question.type == "match":
        for item in f.sequence("pairs", required=True, non_empty=True) or []:
            g = Fields(item, report, "a pair", ("left", "right"))
            if g.ok:
                question.pairs.append(
                    model.Pair(
                        pos=g.pos, left=g.text("left", required=True) or "", right=g.text("right", required=True) or ""
                    )
                )
        if len(question.pairs) == 1:
            report.error(f.where("pairs"), "bad-value", "a match question needs at least two pairs.")
    return question


def _mapping() -> str:
    return "a mapping of 'key: value' lines"
