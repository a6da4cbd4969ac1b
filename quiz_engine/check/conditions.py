"""Conditions (`if:`): parsed to a small JSON tree that Python and the browser both walk.

Grammar (lowest precedence first):
    or_expr   := and_expr ("or" and_expr)*
    and_expr  := not_expr ("and" not_expr)*
    not_expr  := "not" not_expr | comparison
    comparison:= atom (("=="|"!="|"<"|"<="|">"|">=") atom)?
    atom      := NAME | INTEGER | "true" | "false" | "(" or_expr ")"
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Tree = dict[str, Any]
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
MAX_DIGITS = 15  # larger numbers lose precision in the browser
MAX_DEPTH = 50  # of 'not' and '(': every walk of the tree recurses once per level
_TOKEN = re.compile(r"\s*(?:(?P<num>[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|<|>|\(|\)))")


class ConditionError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class _Token:
    kind: str  # num, name, op, end
    text: str
    offset: int


def _tokens(text: str) -> list[_Token]:
    tokens, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        match = _TOKEN.match(text, i)
        if not match:
            raise ConditionError(
                f"'{text[i]}' is not allowed in a condition; use variable names, whole numbers, true, false, "
                "==, !=, <, <=, >, >=, and, or, not and parentheses",
                i,
            )
        kind = match.lastgroup or "op"
        tokens.append(_Token(kind, match.group(kind), match.start(kind)))
        i = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def deeper(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("the condition is nested too deeply", token.offset)

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Tree:
        tree = self.or_expr()
        token = self.peek()
        if token.kind != "end":
            raise ConditionError(f"unexpected '{token.text}'; join conditions with 'and' or 'or'", token.offset)
        return tree

    def _chain(self, word: str, inner) -> Tree:
        args = [inner()]
        while self.peek().kind == "name" and self.peek().text == word:
            self.take()
            args.append(inner())
        return args[0] if len(args) == 1 else {"op": word, "args": args}

    def or_expr(self) -> Tree:
        return self._chain("or", self.and_expr)

    def and_expr(self) -> Tree:
        return self._chain("and", self.not_expr)

    def not_expr(self) -> Tree:
        if self.peek().kind == "name" and self.peek().text == "not":
            self.deeper(self.take())
            tree = {"op": "not", "args": [self.not_expr()]}
            self.depth -= 1
            return tree
        return self.comparison()

    def comparison(self) -> Tree:
        left = self.atom()
        if self.peek().kind == "op" and self.peek().text in COMPARISONS:
            op = self.take().text
            right = self.atom()
            return {"op": op, "args": [left, right]}
        return left

    def atom(self) -> Tree:
        token = self.take()
        if token.kind == "num":
            if len(token.text) > MAX_DIGITS:
                raise ConditionError(f"the number {token.text[:10]}… is too large", token.offset)
            return {"const": int(token.text), "at": token.offset}
        if token.kind == "name":
            if token.text in ("true", "false"):
                return {"const": token.text == "true", "at": token.offset}
            if token.text in ("and", "or", "not"):
                raise ConditionError(f"'{token.text}' needs a value before and after it", token.offset)
            return {"var": token.text, "at": token.offset}
        if token.text == "(":
            self.deeper(token)
            tree = self.or_expr()
            closing = self.take()
            if closing.text != ")":
                raise ConditionError("a '(' is not closed; add ')'", closing.offset)
            self.depth -= 1
            return tree
        if token.kind == "end":
            raise ConditionError("the condition ends too early; something is missing at the end", token.offset)
        raise ConditionError(f"unexpected '{token.text}'", token.offset)


def parse_condition(text: str) -> Tree:
    """Parse `text`; raises ConditionError with an offset into the text."""
    if not text.strip():
        raise ConditionError("the condition is empty", 0)
    return _Parser(text).parse()


def variables_in(tree: Tree) -> list[tuple[str, int]]:
    if "var" in tree:
        return [(tree["var"], tree["at"])]
    return [pair for arg in tree.get("args", []) for pair in variables_in(arg)]


def type_of(tree: Tree, types: dict[str, type]) -> type:
    """Check types: 'bool' or 'int'. Raises ConditionError where bool meets number."""
    if "const" in tree:
        return bool if isinstance(tree["const"], bool) else int
    if "var" in tree:
        return types.get(tree["var"], int)
    op, args = tree["op"], tree["args"]
    kinds = [type_of(arg, types) for arg in args]
    if op in ("and", "or", "not"):
        for arg, kind in zip(args, kinds):
            if kind is not bool:
                raise ConditionError(
                    f"'{op}' joins true/false values, but a number stands beside it; compare it, e.g. 'x >= 1'",
                    _offset(arg),
                )
        return bool
    if kinds[0] is not kinds[1]:
        raise ConditionError("this compares a true/false value with a number; compare like with like", _offset(args[0]))
    if kinds[0] is bool and op not in ("==", "!="):
        raise ConditionError(f"'{op}' compares numbers, but these are true/false values", _offset(args[0]))
    return bool


def _offset(tree: Tree) -> int:
    if "at" in tree:
        return tree["at"]
    return _offset(tree["args"][0])


def strip_offsets(tree: Tree) -> Tree:
    """The tree as the browser gets it: no source offsets."""
    if "args" in tree:
        return {"op": tree["op"], "args": [strip_offsets(a) for a in tree["args"]]}
    return {k: v for k, v in tree.items() if k != "at"}


def evaluate(tree: Tree, values: dict[str, bool | int]) -> bool | int:
    """Walk the tree; the browser's scenario-engine.js does exactly the same."""
    if "const" in tree:
        return tree["const"]
    if "var" in tree:
        return values[tree["var"]]
    op, args = tree["op"], tree["args"]
    if op == "not":
        return not evaluate(args[0], values)
    if op == "and":
        return all(evaluate(a, values) for a in args)
    if op == "or":
        return any(evaluate(a, values) for a in args)
    left, right = evaluate(args[0], values), evaluate(args[1], values)
    return {
        "==": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[op]


_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compile_tree(tree: Tree, index: dict[str, int]) -> Callable[[tuple], bool | int]:
    """`evaluate` made ready for many evaluations: a function of a tuple of values, where
    `index` gives each variable's place. Exploring a scenario evaluates each condition in
    every reachable state; this walks the tree once. Built of closures, not `eval`; the
    usual small cases (a variable, `not` a variable, a variable compared with a number or
    another variable) are one closure each."""
    if "const" in tree:
        const = tree["const"]
        return lambda values: const
    if "var" in tree:
        return operator.itemgetter(index[tree["var"]])
    op, args = tree["op"], tree["args"]
    if op == "not":
        (arg,) = args
        if "var" in arg:
            place = index[arg["var"]]
            return lambda values: not values[place]
        inner = compile_tree(arg, index)
        return lambda values: not inner(values)
    if op in _COMPARE:
        compare, (left, right) = _COMPARE[op], args
        if "var" in left and "const" in right:
            place, const = index[left["var"]], right["const"]
            return lambda values: compare(values[place], const)
        if "const" in left and "var" in right:
            const, place = left["const"], index[right["var"]]
            return lambda values: compare(const, values[place])
        if "var" in left and "var" in right:
            first, second = index[left["var"]], index[right["var"]]
            return lambda values: compare(values[first], values[second])
        left_value, right_value = compile_tree(left, index), compile_tree(right, index)
        return lambda values: compare(left_value(values), right_value(values))
    parts = [compile_tree(arg, index) for arg in args]
    if op == "and":

        def every(values: tuple) -> bool:
            for part in parts:
                if not part(values):
                    return False
            return True

        return every

    def some(values: tuple) -> bool:  # "or"
        for part in parts:
            if part(values):
                return True
        return False

    return some
