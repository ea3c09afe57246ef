"""Hostile incident files: every one gives a plan or exit 2 with one line, never a traceback.

From issue 15's campaign: deep nesting, huge integers, lone surrogates, dates at the end of
the calendar, special files, values that compare equal to the right one (true == 1), and
any JSON value in any field (hypothesis).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyplanner.cli import SAMPLE_INCIDENT, main
from notifyplanner.engine import plan
from notifyplanner.incident_file import FIELDS, IncidentError, loads, read_incident
from notifyplanner.model import Incident
from notifyplanner.safe_read import InputError

SAMPLE: dict[str, Any] = json.loads(SAMPLE_INCIDENT.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "case.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_plan(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["plan", str(path), "--today", "2026-10-12", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_refusal(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("notifyplanner: "), err
    assert len(err) < 600, err
    for word in words:
        assert word in err, err


def with_field(field: str, value: Any) -> dict[str, Any]:
    return {**SAMPLE, field: value}


def test_deep_nesting_is_refused(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, with_field("notes", "x")).read_text()
    deep = path.replace('"notes": "x"', '"notes": ' + "[" * 50_000 + "]" * 50_000)
    code, _out, err = run_plan(capsys, write(tmp_path, deep))
    assert_one_line_refusal(code, err, "nested more than")


def test_an_integer_of_thousands_of_digits_is_refused(tmp_path: Path, capsys) -> None:
    text = json.dumps(SAMPLE).replace('"total_affected": 2300000', '"total_affected": ' + "7" * 4400)
    code, _out, err = run_plan(capsys, write(tmp_path, text))
    assert_one_line_refusal(code, err, "4,400 digits")


def test_a_count_beyond_any_population_is_refused(tmp_path: Path, capsys) -> None:
    code, _out, err = run_plan(capsys, write(tmp_path, with_field("total_affected", 10**15)))
    assert_one_line_refusal(code, err, "total_affected")


def test_a_lone_surrogate_in_the_name_is_refused_with_the_field(tmp_path: Path, capsys) -> None:
    text = json.dumps(with_field("name", "Breach \ud800"))  # escaped as \ud800 in the file
    code, _out, err = run_plan(capsys, write(tmp_path, text))
    assert_one_line_refusal(code, err, "name", "surrogate")


@pytest.mark.parametrize("field", ["discovered", "breach_start", "determined", "individuals_notified"])
@pytest.mark.parametrize("day", ["9999-12-31", "9999-01-01", "0001-01-01", "2101-01-01", "1989-12-31"])
def test_dates_outside_the_window_are_refused_by_field(tmp_path: Path, capsys, field: str, day: str) -> None:
    data = with_field(field, day)
    if field != "discovered":
        data["discovered"] = "2026-10-02"
    code, _out, err = run_plan(capsys, write(tmp_path, data))
    assert_one_line_refusal(code, err, field, "1990-01-01 to 2100-12-31")


def test_a_law_enforcement_date_outside_the_window_is_refused(tmp_path: Path, capsys) -> None:
    delay = {"form": "written", "requested": "9999-12-30", "until": None}
    code, _out, err = run_plan(capsys, write(tmp_path, with_field("law_enforcement_delay", delay)))
    assert_one_line_refusal(code, err, "law_enforcement_delay.requested")


def test_the_last_day_of_the_window_still_plans(tmp_path: Path, capsys) -> None:
    data = {
        **SAMPLE,
        "breach_start": None,
        "breach_end": None,
        "discovered": "2100-12-31",
        "determined": None,
    }
    code, out, err = run_plan(capsys, write(tmp_path, data), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["controlling_deadline"]


def test_plan_refuses_a_date_built_outside_the_window_by_field() -> None:
    """The app builds Incidents from its form: plan() itself must stay total."""
    from datetime import date

    from tests.jurisdictions.statute import rulebook

    with pytest.raises(InputError) as caught:
        plan(Incident(discovered=date(9999, 12, 31)), rulebook())
    assert caught.value.field == "discovered"


@pytest.mark.parametrize("version", [True, 1.0, "1", None, [1]])
def test_version_must_be_the_integer_1(tmp_path: Path, capsys, version: Any) -> None:
    code, _out, err = run_plan(capsys, write(tmp_path, with_field("version", version)))
    assert_one_line_refusal(code, err, "version")


def test_a_compromised_key_on_unencrypted_data_is_refused_not_rewritten(tmp_path: Path) -> None:
    with pytest.raises(IncidentError) as caught:
        read_incident(write(tmp_path, {**SAMPLE, "encrypted": False, "key_compromised": True}))
    assert caught.value.field == "key_compromised"


def test_a_long_value_is_quoted_short(tmp_path: Path, capsys) -> None:
    code, _out, err = run_plan(capsys, write(tmp_path, with_field("entity_role", "x" * 100_000)))
    assert_one_line_refusal(code, err, "entity_role", "…")


def test_a_fifo_as_the_incident_is_refused(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "incident.json"
    os.mkfifo(fifo)
    code, _out, err = run_plan(capsys, fifo)
    assert_one_line_refusal(code, err, "named pipe")


def test_dev_zero_as_the_incident_is_refused(capsys) -> None:
    code, _out, err = run_plan(capsys, Path("/dev/zero"))
    assert_one_line_refusal(code, err, "device")


def test_an_oversized_incident_is_refused_with_the_cap(tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: costs no disk
    code, _out, err = run_plan(capsys, path)
    assert_one_line_refusal(code, err, "the limit is 8 MB")


def test_today_outside_the_window_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as caught:  # argparse's own exit, status 2
        main(["plan", str(SAMPLE_INCIDENT), "--today", "9999-12-31"])
    assert_one_line_refusal(int(caught.value.code), capsys.readouterr().err, "9999-12-31", "--today")


def test_json_output_with_a_long_unicode_name_is_json(tmp_path: Path, capsys) -> None:
    name = "Ünïcødé 事件 🚨 " * 20_000
    code, out, err = run_plan(capsys, write(tmp_path, with_field("name", name)), "--format", "json")
    assert code == 0, err
    assert json.loads(out)


# --------------------------------------------------------------------------- property

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-10-02", "9999-12-31", "0001-01-01", "unknown", "TX", "\ud800"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(FIELDS)), value=json_values)
def test_any_json_value_in_any_field_plans_or_exits_2_with_one_line(tmp_path_factory, capsys, field, value):
    path = write(tmp_path_factory.mktemp("case"), json.dumps(with_field(field, value)))
    code, out, err = run_plan(capsys, path, "--format", "json")
    if code == 0:
        json.loads(out)
    else:
        assert_one_line_refusal(code, err, field)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_gives_an_incident_or_an_incident_error(text: str) -> None:
    try:
        loads(text, "x.json")
    except IncidentError as exc:
        assert "\n" not in str(exc)
