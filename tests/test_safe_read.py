"""The one reader every input goes through: file kinds, size caps, nesting, numbers, text."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.safe_read import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_JSON_DEPTH,
    InputError,
    check_date,
    json_depth_problem,
    one_line,
    parse_json,
    read_bytes,
    read_json,
    shown,
)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "incident.json"
    os.mkfifo(fifo)
    result: list[BaseException | bytes] = []
    # In a thread so that a regression shows as a failed assertion, not a hung suite.
    worker = threading.Thread(target=lambda: result.append(_catch(read_bytes, fifo, "incident file")))
    worker.daemon = True
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], InputError)
    assert "named pipe" in str(result[0])


def _catch(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except Exception as exc:
        return exc


@pytest.mark.parametrize(("path", "words"), [("/dev/zero", "a device"), ("/dev/null", "a device")])
def test_devices_are_refused(path: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        read_bytes(path, "incident file")


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_bytes(tmp_path, "incident file")
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "nope.json", "incident file")


def test_a_file_over_its_cap_is_refused_and_the_cap_is_stated(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 3000)
    with pytest.raises(InputError) as caught:
        read_bytes(big, "incident file", limit=2048)
    assert "the limit is 2 KB" in str(caught.value)
    assert read_bytes(big, "incident file", limit=3000) == b" " * 3000


def test_nesting_past_the_limit_is_refused_before_parsing() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InputError, match=f"nested more than {MAX_JSON_DEPTH} levels"):
        parse_json(deep, "x.json")
    ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    parse_json(ok)


def test_brackets_inside_strings_do_not_count() -> None:
    assert json_depth_problem('["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\\"[[["]') is None


def test_huge_integers_are_refused_before_conversion() -> None:
    with pytest.raises(InputError, match="5,000 digits"):
        parse_json('{"n": ' + "9" * 5000 + "}")
    assert parse_json('{"n": 123456789012345678}') == {"n": 123456789012345678}


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}'])
def test_nan_and_infinity_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a number JSON allows"):
        parse_json(text)


def test_a_lone_surrogate_is_refused_with_its_field() -> None:
    with pytest.raises(InputError) as caught:
        parse_json('{"name": "ok", "notes": ["fine", "bad \\ud800"]}', "x.json")
    assert caught.value.field == "notes[1]"


def test_read_json_refuses_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(InputError, match="not UTF-8"):
        read_json(path, "incident file")


def test_dates_outside_the_window_are_refused() -> None:
    check_date(EARLIEST_DATE, "d")
    check_date(LATEST_DATE, "d")
    with pytest.raises(InputError, match="9999-12-31 is outside"):
        check_date(date(9999, 12, 31), "discovered")
    with pytest.raises(InputError, match="1989-12-31"):
        check_date(date(1989, 12, 31), "discovered")


@given(st.text(max_size=5000))
def test_shown_is_one_short_line(text: str) -> None:
    out = shown(text)
    assert len(out) <= 80
    assert "\n" not in out
    out.encode("utf-8")


@given(st.text(max_size=2000), st.text(max_size=2000), st.text(max_size=300))
def test_errors_are_one_encodable_line(field: str, message: str, file: str) -> None:
    text = str(InputError(field, message, file))
    assert "\n" not in text and "\r" not in text
    text.encode("utf-8")
    assert len(text) <= 800
    assert one_line(message) == one_line(one_line(message))
