"""The one place every input file is read: incident files, rule files, the rules seal, rosters.

Files come from other people (a client's incident file, a vendor's list, a colleague's rule
folder), so nothing here trusts what a file says about itself:

- **Regular files only.** A FIFO would block the reader forever and ``/dev/zero`` would be
  read until memory runs out, so the kind of file is checked with ``os.stat`` before it is
  opened, and opened with ``O_NONBLOCK`` (a FIFO swapped in after the check cannot block).
- **A size cap per kind of file**, stated in the error, checked before reading and enforced
  while reading (a file that grows meanwhile is still cut off).
- **JSON with a depth limit.** Python's parser recurses, and so does everything that walks
  the result; nesting is counted before parsing, so a deeply nested file is refused with a
  message instead of a ``RecursionError`` somewhere deep in the program.
- **Integers range-checked before conversion** (an integer of 4,301 digits would otherwise
  hit Python's int-string limit), floats and ``NaN``/``Infinity`` kept apart from integers.
- **Text that can be written.** A lone surrogate (``"\\ud800"``) is legal JSON but cannot
  be encoded; it is refused here, with its field named, rather than crash every output.

Every error is an ``InputError``: one line naming the file and the field, with any value
quoted from the input cut to a readable length (``shown``).
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import stat
from collections.abc import Callable
from datetime import date, datetime
from itertools import accumulate
from pathlib import Path
from typing import Any

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

# The largest file of each kind that is read at all. An incident file is a few kilobytes;
# the cap leaves room for long notes. A bundled rule file is under 50 KB.
LIMITS: dict[str, int] = {
    "incident file": 8 * MIB,
    "rule file": 2 * MIB,
    "rules seal": 256 * KIB,
    "autosave record": 256 * KIB,
    "rule schema": 2 * MIB,
    "roster": 4 * GIB,
    "letter templates file": 2 * MIB,
    "earlier calendar": 16 * MIB,  # read to update its events; one incident's is kilobytes
    "register": 1024 * GIB,  # SQLite's own limit applies; only the kind of file is checked
    # Proof kept in the register (a scanned letter, a portal receipt); SQLite holds a value
    # of up to 1 GB, and a register that carries such files stays copyable.
    "evidence file": 256 * MIB,
}
MAX_JSON_DEPTH = 32
MAX_INT_DIGITS = 18  # about 10**18: far beyond any count of people or days
SHOWN_CHARS = 80

# Every date read from a file or typed into the app must fall in this window. Breach law
# starts in 2002 (California); 1990 leaves room for old breach dates. 2100 is far enough
# ahead for any real deadline, and near enough that no deadline the rules can compute
# (at most a few years after an event) leaves the calendar.
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)`` on one line, cut to ``limit`` characters with an ellipsis."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # pragma: no cover - depth is limited before this
        text = f"<{type(value).__name__}>"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_WORD_CHARS = 240


def _short_word(word: str) -> str:
    # A word this long is a path (or a value quoted whole): keep its start and its end,
    # where the file name is, so the rest of the message still fits.
    return word if len(word) <= MAX_WORD_CHARS else f"{word[:120]}…{word[-100:]}"


def one_line(text: str, limit: int = 400) -> str:
    """A message on one line, cut to ``limit`` characters: what the user reads in a terminal.

    Each overlong word is shortened in the middle first, so a path of thousands of
    characters does not push the field and the reason out of the message."""
    words = str(text).encode("utf-8", "backslashreplace").decode("utf-8").split()
    text = " ".join(_short_word(word) for word in words)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InputError(ValueError):
    """A problem with an input, naming the file (if any) and the field."""

    def __init__(self, field: str, message: str, file: str = ""):
        self.field = one_line(field, 120)
        self.message = one_line(message)
        self.file = one_line(file, 200)
        where = f"{self.file}: " if self.file else ""
        super().__init__(f"{where}{self.field}: {self.message}")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _size_text(size: int) -> str:
    for unit, scale in (("GB", GIB), ("MB", MIB), ("KB", KIB)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def check_regular_file(path: Path | str, kind: str, limit: int | None = None) -> int:
    """The size of ``path`` when it is a regular file within the cap for ``kind``.

    Raises ``InputError`` (field ``file``) for a missing file, a folder, a FIFO, a device
    or a socket, and for a file larger than the cap. Never opens the file.
    """
    path = Path(path)
    cap = LIMITS[kind] if limit is None else limit
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("file", "no such file", str(path)) from None
    except NotADirectoryError:
        raise InputError("file", "no such file (a part of the path is not a folder)", str(path)) from None
    except OSError as exc:
        raise InputError("file", f"cannot read ({exc.strerror or exc})", str(path)) from None
    _check_mode(info.st_mode, path, kind)
    if info.st_size > cap:
        raise InputError(
            "file",
            f"{_size_text(info.st_size)} is too large for {_a(kind)} (the limit is {_size_text(cap)})",
            str(path),
        )
    return info.st_size


def _check_mode(mode: int, path: Path, kind: str) -> None:
    if stat.S_ISREG(mode):
        return
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise InputError("file", f"is {what}, not {_a(kind)}", str(path))


def read_bytes(path: Path | str, kind: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of ``kind``, refused past its size cap."""
    path = Path(path)
    cap = LIMITS[kind] if limit is None else limit
    check_regular_file(path, kind, cap)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError("file", f"cannot read ({exc.strerror or exc})", str(path)) from None
    try:
        # Checked again on the open file: it may have been swapped since the stat above.
        _check_mode(os.fstat(fd).st_mode, path, kind)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(MIB, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise InputError(
                    "file", f"too large for {_a(kind)} (the limit is {_size_text(cap)})", str(path)
                )
    except OSError as exc:
        raise InputError("file", f"cannot read ({exc.strerror or exc})", str(path)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_head(path: Path | str, kind: str, size: int) -> bytes:
    """The first ``size`` bytes of a regular file of ``kind`` within its cap (a roster's
    sample, before a reader is chosen)."""
    path = Path(path)
    check_regular_file(path, kind)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError("file", f"cannot read ({exc.strerror or exc})", str(path)) from None
    try:
        _check_mode(os.fstat(fd).st_mode, path, kind)
        chunks: list[bytes] = []
        total = 0
        while total < size:
            chunk = os.read(fd, size - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError("file", f"cannot read ({exc.strerror or exc})", str(path)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path | str, kind: str, *, encoding: str = "utf-8-sig", limit: int | None = None) -> str:
    """The text of a regular file of ``kind``; not-UTF-8 is an ``InputError``."""
    raw = read_bytes(path, kind, limit)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            "file", f"not UTF-8 text ({exc.reason} at byte {exc.start}); is this {_a(kind)}?", str(path)
        ) from None


# --------------------------------------------------------------------------- JSON

# Strings (with their escapes) or a bracket: the only tokens that matter for nesting.
# Possessive, and an unterminated string runs to the end: the scan stays linear on any input.
_NESTING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# A surrogate can reach parsed text only through a \uD800-\uDFFF escape: UTF-8 decoding
# refuses raw ones. Without such an escape the parsed strings need no second look.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def json_depth_problem(text: str, max_depth: int = MAX_JSON_DEPTH) -> tuple[int, int] | None:
    """(line, column) where ``text`` nests deeper than ``max_depth``, else None.

    A scan over brackets outside strings, without recursion, so it is safe on any input;
    malformed JSON is left for the parser to report. The common case runs in C: strings
    and everything but brackets are removed, and the running depth is accumulated.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(brackets) <= max_depth or max(accumulate(map(_STEP.__getitem__, brackets))) <= max_depth:
        return None
    depth = 0
    for match in _NESTING.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                return line, start - (text.rfind("\n", 0, start) + 1) + 1
        elif token in "]}":
            depth -= 1
    return None


class _Refused:
    """Stands in for a number no reader may take (an integer too long to convert, NaN,
    Infinity); reported with its field path after parsing, since the parser's hooks
    cannot know where they are."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _parse_int(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        return _Refused(f"a number of {digits:,} digits is out of range")
    return int(text)


def _parse_float(text: str) -> float | _Refused:
    value = float(text)
    if math.isinf(value):
        return _Refused(f"{shown(text, 30)} is too large a number")
    return value


def _parse_constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number JSON allows")


def parse_json(
    text: str,
    file: str = "",
    *,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """Parse ``text`` as JSON with the limits above; raises ``InputError``.

    ``object_pairs_hook`` may raise ``InputError`` itself (a duplicate key, say); it is
    passed through with the file added.
    """
    where = json_depth_problem(text, max_depth)
    if where is not None:
        raise InputError(
            f"line {where[0]} column {where[1]}",
            f"nested more than {max_depth} levels deep; no valid file of this kind nests that far",
            file,
        )
    refused: list[_Refused] = []

    def noted(value: Any) -> Any:
        if isinstance(value, _Refused):
            refused.append(value)
        return value

    try:
        data = json.loads(
            text,
            object_pairs_hook=object_pairs_hook,
            parse_int=lambda t: noted(_parse_int(t)),
            parse_float=lambda t: noted(_parse_float(t)),
            parse_constant=lambda t: noted(_parse_constant(t)),
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})", file
        ) from None
    except InputError as exc:
        raise InputError(exc.field, exc.message, exc.file or file) from None
    except RecursionError:  # pragma: no cover - the depth scan above refuses such input first
        raise InputError("$", "nested too deeply", file) from None
    # The walk that names the field runs only when there is something to find.
    bad = _first_bad_value(data) if refused or _SURROGATE_ESCAPE.search(text) else None
    if bad is not None:
        raise InputError(bad[0], bad[1], file)
    return data


SURROGATE_MESSAGE = "holds a lone surrogate (\\ud800-\\udfff), which is not text and cannot be saved"


def unencodable_string(data: Any) -> str | None:
    """The field path of the first string (key or value) that is not valid Unicode text."""
    bad = _first_bad_value(data)
    return None if bad is None else bad[0]


def _first_bad_value(data: Any) -> tuple[str, str] | None:
    """(field path, message) of the first value no reader may pass on: text that is not
    valid Unicode, or an integer too long to convert. A loop, not recursion."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Refused):
            return path or "$", node.message
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return path or "$", SURROGATE_MESSAGE
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and _SURROGATE.search(key):
                    return (path + "." if path else "") + shown(key, 40), SURROGATE_MESSAGE
                stack.append((child, value))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                stack.append((f"{path}[{i}]", value))
    return None


def check_text(value: str, field: str, file: str = "") -> str:
    """``value`` when it can be encoded; for text typed in the app or built in code."""
    if _SURROGATE.search(value):
        raise InputError(field, "holds a lone surrogate, which is not text and cannot be saved", file)
    return value


def read_json(
    path: Path | str,
    kind: str,
    *,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
    encoding: str = "utf-8-sig",
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """Read, decode and parse a JSON file of ``kind`` with every limit above."""
    text = read_text(path, kind, encoding=encoding)
    return parse_json(text, str(path), object_pairs_hook=object_pairs_hook, max_depth=max_depth)


# --------------------------------------------------------------------------- dates


def check_date(value: date, field: str, file: str = "") -> date:
    """``value`` when it lies in the window every date must fall in; else ``InputError``."""
    if not in_window(value):
        raise InputError(field, date_window_message(value), file)
    return value


def date_window_message(value: date) -> str:
    return (
        f"{value.isoformat()} is outside the dates this program plans for "
        f"({EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}); is the year right?"
    )


def in_window(value: date) -> bool:
    # A datetime is a date, but does not compare with one: its own calendar day counts.
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def dates_outside_window(obj: Any, prefix: str = "") -> tuple[str, date] | None:
    """The first date field of a (frozen) dataclass, nested ones included, outside the window.

    Generic over the fields, so a date field added to the Incident later is checked too.
    """
    if not dataclasses.is_dataclass(obj):
        return None
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        name = f"{prefix}{f.name}"
        if isinstance(value, datetime):  # a timestamp (when a list was counted): its day
            value = value.date()
        if isinstance(value, date):
            if not in_window(value):
                return name, value
        elif dataclasses.is_dataclass(value):
            found = dates_outside_window(value, f"{name}.")
            if found is not None:
                return found
        elif isinstance(value, tuple | list | frozenset):
            for i, item in enumerate(value):
                found = dates_outside_window(item, f"{name}[{i}].")
                if found is not None:
                    return found
    return None
