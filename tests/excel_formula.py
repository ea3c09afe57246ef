"""A tiny evaluator for the Excel formulas the workbook writes, so a test can ask what Excel
will show without Excel: IF (lazy, as Excel's), AND, OR, NOT, ISNUMBER, LEN, LEFT, TODAY(),
cell references, numbers, strings, comparisons and + - between numbers.

Excel's rules that matter here: a blank cell is 0 beside a number and "" beside text;
comparing a number with text never fails (numbers sort before text); text compares without
regard to case. Anything else in a formula is an error here, so a test cannot pass on a
formula this evaluator does not understand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

Value = float | str | bool | None
TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"]|"")*")|(?P<num>\d+(?:\.\d+)?)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)'
    r"|(?P<name>[A-Z]+)\(|(?P<op><=|>=|<>|[=<>+\-&(),]))"
)
EXCEL_EPOCH = date(1899, 12, 30)


def serial(day: date) -> float:
    return float((day - EXCEL_EPOCH).days)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.lstrip("=")
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"cannot read the formula at {text[pos:]!r}")
        kind = match.lastgroup
        assert kind is not None
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _rank(value: Value) -> int:
    return {float: 0, int: 0, str: 1, bool: 2}[type(value)]


def _compare(op: str, a: Value, b: Value) -> bool:
    if a is None:
        a = "" if isinstance(b, str) else 0.0
    if b is None:
        b = "" if isinstance(a, str) else 0.0
    ka = (_rank(a), a.casefold() if isinstance(a, str) else a)
    kb = (_rank(b), b.casefold() if isinstance(b, str) else b)
    return {
        "=": ka == kb,
        "<>": ka != kb,
        "<": ka < kb,
        ">": ka > kb,
        "<=": ka <= kb,
        ">=": ka >= kb,
    }[op]


def _number(value: Value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, (bool, str)):
        raise ValueError(f"#VALUE!: {value!r} is not a number")
    return float(value)


Thunk = Callable[[], Value]


class _Parser:
    def __init__(self, text: str, cells: Mapping[str, Value], today: date) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.cells = cells
        self.today = today

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.pos]
        if value is not None and token[1] != value:
            raise ValueError(f"expected {value!r}, found {token[1]!r}")
        self.pos += 1
        return token

    def parse(self) -> Thunk:
        expr = self.comparison()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r}")
        return expr

    def comparison(self) -> Thunk:
        left = self.additive()
        token = self.peek()
        if token and token[0] == "op" and token[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.additive()
            return lambda: _compare(op, left(), right())
        return left

    def additive(self) -> Thunk:
        left = self.atom()
        while (token := self.peek()) and token[0] == "op" and token[1] in ("+", "-"):
            op = self.take()[1]
            right = self.atom()
            prev = left

            def combined(prev: Thunk = prev, right: Thunk = right, op: str = op) -> Value:
                a, b = _number(prev()), _number(right())
                return a + b if op == "+" else a - b

            left = combined
        return left

    def args(self) -> list[Thunk]:
        out = []
        if self.peek() == ("op", ")"):
            self.take(")")
            return out
        while True:
            out.append(self.comparison())
            if self.take()[1] == ")":
                return out

    def atom(self) -> Thunk:
        kind, text = self.take()
        if kind == "str":
            value = text[1:-1].replace('""', '"')
            return lambda: value
        if kind == "num":
            number = float(text)
            return lambda: number
        if kind == "ref":
            ref = text.replace("$", "")
            return lambda: self.cells.get(ref)
        if kind == "op" and text == "(":
            inner = self.comparison()
            self.take(")")
            return inner
        if kind == "op" and text == "-":
            inner = self.atom()
            return lambda: -_number(inner())
        if kind == "name":
            return self.function(text, self.args())
        raise ValueError(f"unexpected {text!r}")

    def function(self, name: str, args: list[Thunk]) -> Thunk:
        if name == "IF":
            test, yes, no = args
            return lambda: yes() if test() else no()
        if name == "AND":
            return lambda: all([bool(a()) for a in args])  # Excel evaluates every argument
        if name == "OR":
            return lambda: any([bool(a()) for a in args])
        if name == "NOT":
            return lambda: not args[0]()
        if name == "ISNUMBER":
            return lambda: isinstance(args[0](), float) and not isinstance(args[0](), bool)
        if name == "LEN":
            return lambda: float(len(_text(args[0]())))
        if name == "LEFT":
            return lambda: _text(args[0]())[: int(_number(args[1]()))]
        if name == "TODAY":
            return lambda: serial(self.today)
        raise ValueError(f"the evaluator does not know {name}()")


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def evaluate(formula: str, cells: Mapping[str, Value], today: date) -> Value:
    """The value Excel gives ``formula`` with ``cells`` (reference -> value) on ``today``."""
    return _Parser(formula, cells, today).parse()()
