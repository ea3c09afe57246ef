"""Hostile affected-people lists: bombs, special files, one-line files (issue 15).

Every one is a RosterError naming the file, or a count; never an abort, a hang or
memory without bound. The bombs are generated here, a few kilobytes each.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyplanner.cli import SAMPLE_INCIDENT
from notifyplanner.cli import main as cli_main
from notifyplanner.roster import RosterError, count_roster, write_counts_into_incident
from notifyplanner.roster_limits import SCAN_SHEETS_UP_TO
from notifyplanner.roster_process import count_roster_isolated
from tests.xlsx_bombs import write_xlsx

PEOPLE = [("A1", "State"), ("A2", "TX"), ("A3", "CA")]


def test_a_plain_generated_workbook_counts(tmp_path: Path) -> None:
    result = count_roster(write_xlsx(tmp_path / "ok.xlsx", PEOPLE, "A1:A3"))
    assert (result.counts["TX"], result.counts["CA"]) == (1, 1)


@pytest.mark.parametrize("dimension", ["A1:XFD1048576", "A1:XFD2000", "A1:Z1000000"])
def test_a_sheet_declaring_a_huge_grid_is_refused(tmp_path: Path, dimension: str) -> None:
    with pytest.raises(RosterError, match=r"declares .* rows by .* columns"):
        count_roster(write_xlsx(tmp_path / "bomb.xlsx", PEOPLE, dimension))


def test_a_sparse_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    """Two real cells 17 billion cells apart: the reader would allocate 512 GB."""
    path = write_xlsx(tmp_path / "sparse.xlsx", [*PEOPLE, ("XFD1048576", "x")])
    assert path.stat().st_size < 5000
    with pytest.raises(RosterError, match="cells as far apart as row 1,048,576 and column 16,384"):
        count_roster(path)


def test_a_zip_that_unpacks_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    filler = "<!--" + " " * (80 * 1024 * 1024) + "-->"  # 80 MB of nothing, a few KB packed
    path = write_xlsx(tmp_path / "zipbomb.xlsx", PEOPLE, "A1:A3", filler=filler)
    with pytest.raises(RosterError, match=r"unpacks to .* MB"):
        count_roster(path)


def test_a_reader_abort_in_the_worker_process_is_one_clear_error(tmp_path: Path) -> None:
    """A bomb large enough to pass the quick checks (its sheet is not fully scanned): the
    reader aborts in the child process; the caller gets a RosterError, and lives."""
    rows = (SCAN_SHEETS_UP_TO // 60) + 1000
    filler = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>TX</t></is></c></row>' for i in range(2, rows)
    )
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = write_xlsx(tmp_path / "big.xlsx", [("A1", "State")], filler=filler + far)
    with pytest.raises(RosterError, match="stopped without a result"):
        count_roster_isolated(path)


def test_the_worker_process_gives_the_same_count(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", PEOPLE, "A1:A3")
    here, there = count_roster(path), count_roster_isolated(path)
    assert dict(here.counts) == dict(there.counts) and here.rows == there.rows


def test_a_csv_of_one_huge_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_bytes(b"State,ZIP\n" + b"TX," * 3_000_000 + b"\n")
    with pytest.raises(RosterError, match="without a line break"):
        count_roster(path)


def test_a_fifo_and_a_device_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    with pytest.raises(RosterError, match="named pipe"):
        count_roster(fifo)
    with pytest.raises(RosterError, match="device"):
        count_roster("/dev/zero")


def test_the_cli_refuses_a_bomb_in_one_line(tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "sparse.xlsx", [*PEOPLE, ("XFD1048576", "x")])
    assert cli_main(["roster", "count", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sparse.xlsx" in err


# --------------------------------------------------------------------------- --into


def _incident(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(SAMPLE_INCIDENT.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_into_refuses_a_read_only_incident(tmp_path: Path) -> None:
    incident = _incident(tmp_path)
    before = incident.read_bytes()
    incident.chmod(stat.S_IRUSR)
    if os.access(incident, os.W_OK):
        pytest.skip("running as a user who may write anything (root)")
    with pytest.raises(PermissionError):
        write_counts_into_incident({"CA": 5}, incident)
    assert incident.read_bytes() == before


def test_into_a_read_only_file_is_refused_even_for_root(tmp_path: Path, monkeypatch) -> None:
    """os.access says what the user may do; root may write anything, so simulate the user."""
    incident = _incident(tmp_path)
    before = incident.read_bytes()
    monkeypatch.setattr(os, "access", lambda p, mode, **k: not (mode & os.W_OK and Path(p) == incident))
    with pytest.raises(PermissionError):
        write_counts_into_incident({"CA": 5}, incident)
    assert incident.read_bytes() == before


def test_into_writes_through_a_symlink(tmp_path: Path) -> None:
    real = _incident(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_counts_into_incident({"CA": 5}, link)
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["residents"]["CA"] == 5


# --------------------------------------------------------------------------- property

cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
refs = st.tuples(
    st.sampled_from(["A", "B", "Z", "AA", "XFD", "ZZ"]), st.integers(min_value=1, max_value=1_048_576)
).map(lambda t: f"{t[0]}{t[1]}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.tuples(refs, cell_text | st.sampled_from(["State", "TX", "ZIP", "90210"])), max_size=12
    ),
    dimension=st.none() | refs.map(lambda r: f"A1:{r}"),
)
def test_any_small_workbook_counts_or_is_a_roster_error(tmp_path_factory, cells, dimension) -> None:
    path = write_xlsx(tmp_path_factory.mktemp("x") / "list.xlsx", cells, dimension)
    try:
        count_roster(path)
    except RosterError as exc:
        assert str(exc).startswith("list.xlsx")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_small_text_list_counts_or_is_a_roster_error(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("c") / "list.csv"
    path.write_bytes(data)
    try:
        count_roster(path)
    except RosterError as exc:
        assert str(exc).startswith("list.csv") and "\n" not in str(exc)


def test_a_zip_only_sheet_with_an_unreadable_zip_counts(tmp_path: Path) -> None:
    """Found by the property test: a ZIP column and no state column raised Polars' ShapeError."""
    result = count_roster(write_xlsx(tmp_path / "z.xlsx", [("A1", "ZIP"), ("A16385", "0")]))
    assert result.rows == 1 and result.unresolved["unreadable"].count == 1


def test_headers_are_read_in_the_worker_process_too(tmp_path: Path) -> None:
    from notifyplanner.roster_process import read_headers_isolated

    assert read_headers_isolated(write_xlsx(tmp_path / "ok.xlsx", PEOPLE, "A1:A3")) == ["State"]
    assert read_headers_isolated(write_xlsx(tmp_path / "bomb.xlsx", [*PEOPLE, ("XFD1048576", "x")])) == []
