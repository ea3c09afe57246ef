"""The exit-2 promise over the newer incident fields and the newer commands (hypothesis).

An incident that uses every field (decisions, entity_attributes, circumstances, hhs_notified,
the sector profile with its instants and time zone, unplaced, counts_source) has one value
anywhere inside it, one level down included, replaced by a hostile one; every command that
reads an incident (plan with its exports, letters, case import, case update) must then give
its output or exit 2 with one line naming a field, never a traceback, and leave nothing
behind when it refuses.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyplanner.cli import main
from notifyplanner.incident_file import FIELDS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = json.loads((ROOT / "resources/samples/public-insurer-sec-nydfs-gdpr.json").read_text("utf-8"))
RICH: dict[str, Any] = {
    **SAMPLE,
    "hhs_notified": None,
    "entity_attributes": {"information_broker": False},
    "circumstances": {"insurance_event_reportable": True},
    "decisions": [
        {
            "scope": "CT",
            "kind": "no_risk_of_harm",
            "conclusion": "notify",
            "date": "2026-11-01",
            "by": "counsel",
            "factors": {},
            "consulted_law_enforcement": None,
        }
    ],
    "unplaced": {"military": {"AE": 2}, "other_us": {}, "foreign": {"CA": 1}, "unreadable": 0, "blank": 1},
    "counts_source": {
        "file": "list.csv",
        "sha256": "ab" * 32,
        "rows": 3,
        "counted_at": "2026-12-03T10:35:08Z",
    },
}


def paths(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every top-level field, every key or item one level down, and the fields of the
    objects found there (a decision's date, a count of unplaced people)."""
    out: list[tuple[Any, ...]] = []
    for key, value in data.items():
        out.append((key,))
        children = (
            value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        )
        for child, inner in children:
            out.append((key, child))
            if isinstance(inner, dict):
                out += [(key, child, k) for k in inner]
    return out


PATHS = paths(RICH)

hostile = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            "\ud800",
            "a\x00\x1b[2J",
            "9999-12-31",
            "0001-01-01",
            "2026-02-30",
            "2026-10-30T09:00:00",  # no offset
            "2026-10-30T09:00:00Z",
            "2026-10-30T09:00:00+23:59",
            "9999-12-31T23:59:59+00:00",
            "0001-01-01T00:00:00-12:00",
            "Mars/Olympus",
            "../../etc/passwd",
            "UTC",
            "America/New_York",
            "Europe/Dublin",
            "NY",
            "AE",
            "ab" * 32,
            "x" * 5000,
        ]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def mutate(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RICH)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused_with_a_field(code: int, err: str) -> None:
    assert code == 2, err
    assert err.startswith("notifyplanner: ") and err.count("\n") == 1, err
    assert len(err) < 700, err
    assert any(field in err for field in FIELDS) or "line " in err, err


def test_the_rich_incident_plans(tmp_path: Path, capsys) -> None:
    """The base every mutation starts from is itself valid: a refusal below is the mutation's."""
    path = tmp_path / "rich.json"
    path.write_text(json.dumps(RICH), encoding="utf-8")
    code, out, err = run(capsys, "plan", str(path), "--format", "json", "--today", "2026-11-02")
    assert code == 0, err
    assert json.loads(out)["obligations"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), value=hostile)
def test_any_value_anywhere_in_a_rich_incident_plans_or_exits_2(
    tmp_path_factory, capsys, path, value
) -> None:
    folder = tmp_path_factory.mktemp("case")
    incident = folder / "incident.json"
    incident.write_text(json.dumps(mutate(path, value), ensure_ascii=True), encoding="utf-8")
    code, out, err = run(capsys, "plan", str(incident), "--format", "json", "--today", "2026-11-02")
    if code == 0:
        json.loads(out)
    else:
        assert_refused_with_a_field(code, err)


COMMANDS = ["plan-exports", "letters", "case-import", "case-update"]


@pytest.fixture(scope="module")
def register_with_the_rich_case(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("register")
    incident, db = folder / "rich.json", folder / "register.sqlite3"
    incident.write_text(json.dumps(RICH), encoding="utf-8")
    assert main(["--db", str(db), "case", "import", str(incident)]) == 0
    return db.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), path=st.sampled_from(PATHS), value=hostile)
def test_every_command_that_reads_an_incident_keeps_the_promise(
    tmp_path_factory, capsys, register_with_the_rich_case, command, path, value
) -> None:
    folder = tmp_path_factory.mktemp("run")
    incident = folder / "incident.json"
    incident.write_text(json.dumps(mutate(path, value), ensure_ascii=True), encoding="utf-8")
    db = folder / "register.sqlite3"
    outputs: list[Path] = []
    if command == "plan-exports":
        outputs = [folder / "plan.xlsx", folder / "plan.ics", folder / "plan.pdf"]
        args = ["plan", str(incident), "--today", "2026-11-02", "--xlsx", str(outputs[0])]
        args += ["--ics", str(outputs[1]), "--pdf", str(outputs[2])]
    elif command == "letters":
        outputs = [folder / "letters"]
        args = ["letters", str(incident), str(outputs[0])]
    elif command == "case-import":
        outputs = [db]
        args = ["--db", str(db), "case", "import", str(incident)]
    else:
        db.write_bytes(register_with_the_rich_case)
        args = ["--db", str(db), "case", "update", "1", str(incident)]
    code, _out, err = run(capsys, *args)
    if code != 0:
        assert_refused_with_a_field(code, err)
        for out in outputs:
            assert not out.exists(), f"{out.name} left behind after: {err}"
    leftovers = [name for name in os.listdir(folder) if ".tmp" in name]
    assert not leftovers, leftovers
