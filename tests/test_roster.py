"""Counting affected-people lists (notifyplanner.roster) and the `roster count` CLI.

Every fixture is a small file made in tmp_path; speed is measured by
benchmarks/roster_speed.py, never here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from notifyplanner import roster as roster_mod
from notifyplanner.cli import main as cli_main
from notifyplanner.places import JURISDICTIONS
from notifyplanner.roster import (
    RosterCancelled,
    RosterCount,
    RosterError,
    count_roster,
    write_counts_into_incident,
)

HEADER = ["id", "name", "street", "city", "state", "zip"]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[str] | None = HEADER,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    preamble: str = "",
) -> Path:
    buf = io.StringIO()
    buf.write(preamble)
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def person(i: int, state: str, zipc: str = "", *, city: str = "Springfield") -> list[str]:
    return [str(i), f"Person{i} Lastname", f"{i} Main St, Apt {i}", city, state, zipc]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], hidden: Sequence[str] = ()) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def total(r: RosterCount) -> int:
    return r.placed + r.unresolved_total


# --- header recognition --------------------------------------------------------------------


@pytest.mark.parametrize(
    "state_header",
    ["State", "ST", "state_code", "Mailing State", "MailingState", "STATE/PROVINCE", "Province",
     "Patient State", "Addr St", "State of Residence", "Region"],
)  # fmt: skip
@pytest.mark.parametrize("zip_header", ["ZIP", "Zip Code", "Postal Code", "ZIP+4", "zip5", "PostCode"])
def test_header_synonyms(tmp_path: Path, state_header: str, zip_header: str) -> None:
    f = write_csv(
        tmp_path / "r.csv",
        [person(1, "CA", "94105"), person(2, "", "10001")],
        header=["id", "name", "street", "city", state_header, zip_header],
    )
    r = count_roster(f)
    assert r.state_column is not None and r.state_column.name == state_header
    assert r.zip_column is not None and r.zip_column.name == zip_header
    assert r.state_column.how == "header"
    assert r.counts["CA"] == 1 and r.counts["NY"] == 1 and r.via_zip["NY"] == 1


def test_unrelated_state_headers_are_not_taken(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "r.csv",
        [["1", "TX", "CA", "94105"]],
        header=["id", "Birth State", "License State", "ZIP"],
    )
    r = count_roster(f)
    assert r.state_column is None
    assert r.counts["CA"] == 1 and r.via_zip["CA"] == 1


def test_mailing_state_wins_over_plain_state(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "r.csv", [["1", "TX", "CA"]], header=["id", "State", "Mailing State"])
    r = count_roster(f)
    assert r.state_column is not None and r.state_column.name == "Mailing State"
    assert r.counts["CA"] == 1


def test_ambiguous_columns_ask_the_user(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "amb.csv", [["1", "TX", "CA"]], header=["id", "Home State", "Mail State"])
    with pytest.raises(
        RosterError, match=r"amb\.csv: several columns could be the state column.*--state-column"
    ):
        count_roster(f)
    r = count_roster(f, state_column="Mail State")
    assert r.counts["CA"] == 1
    assert r.state_column is not None and r.state_column.how == "option"


def test_column_override(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "r.csv",
        [["1", "Texas", "x", "73301"], ["2", "", "y", "02134"]],
        header=["id", "Where they live", "note", "Mail code"],
    )
    with pytest.raises(
        RosterError,
        match=r"r\.csv: no column looks like a state or ZIP column; headers seen: id, Where they live",
    ):
        count_roster(f)
    r = count_roster(f, state_column="where they live", zip_column="Mail code")
    assert r.counts["TX"] == 1 and r.counts["MA"] == 1 and r.via_zip["MA"] == 1
    assert r.zip_column is not None and r.zip_column.index == 3
    with pytest.raises(RosterError, match=r"r\.csv: no column named 'Nope'"):
        count_roster(f, state_column="Nope")


def test_header_after_preamble_in_csv(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "r.csv",
        [person(1, "NY", "10001"), person(2, "ny", "")],
        preamble='Incident 2024-17 export\r\n\r\n"Generated, by ops",\r\n',
    )
    r = count_roster(f)
    assert r.rows == 2 and r.counts["NY"] == 2
    assert r.tables[0].header_row == 4


# --- encodings, delimiters, quoting -------------------------------------------------------------


def test_utf8_bom_with_state_first(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "bom.csv", [["CA", "x"], ["Wash. D.C.", "y"]], header=["State", "Name"],
                  encoding="utf-8-sig")  # fmt: skip
    assert f.read_bytes().startswith(b"\xef\xbb\xbf")
    r = count_roster(f)
    assert r.encoding == "utf-8-sig"
    assert r.counts["CA"] == 1 and r.counts["DC"] == 1


def test_windows_1252(tmp_path: Path) -> None:
    rows = [person(1, "CA", "94105", city="Montréal"), person(2, "Québec", "H2X 1Y4", city="Montréal")]
    f = write_csv(tmp_path / "cp.csv", rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        f.read_bytes().decode("utf-8")
    r = count_roster(f)
    assert r.encoding == "cp1252"
    assert r.counts["CA"] == 1
    assert r.unresolved["foreign"].count == 1
    assert r.unresolved["foreign"].examples == ('state "Québec"',)


def test_utf16_unicode_text_export(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "u.txt", [person(1, "GU", "96910")], encoding="utf-16", delimiter="\t")
    r = count_roster(f)
    assert r.counts["GU"] == 1 and r.file_format == "tsv"


@pytest.mark.parametrize(("delimiter", "suffix"), [("\t", ".tsv"), (";", ".csv"), ("|", ".txt")])
def test_other_delimiters(tmp_path: Path, delimiter: str, suffix: str) -> None:
    f = write_csv(tmp_path / f"r{suffix}", [person(1, "VI", "00802"), person(2, "PR", "00901")],
                  delimiter=delimiter)  # fmt: skip
    r = count_roster(f)
    assert r.counts["VI"] == 1 and r.counts["PR"] == 1 and r.rows == 2


def test_quoted_commas_and_newlines(tmp_path: Path) -> None:
    rows = [
        ["1", "Doe, Jane", "1 Main St,\nApt 2, Rear", "Salem", "OR", "97301"],
        ["2", 'He said "hi"', "2 Elm St", "Salem", "MA", "01970"],
        ["3", "Roe, R", "3 Oak St\r\nBuilding B", "Salem", "Oregon", "97301-1234"],
    ]
    r = count_roster(write_csv(tmp_path / "q.csv", rows))
    assert r.rows == 3
    assert r.counts["OR"] == 2 and r.counts["MA"] == 1


def test_empty_lines_and_delimiter_only_rows_are_not_people(tmp_path: Path) -> None:
    text = "id,name,state,zip\n1,A,CA,94105\n\n,,,\n2,B,,\n\n"
    f = tmp_path / "e.csv"
    f.write_text(text, encoding="utf-8")
    r = count_roster(f)
    assert r.rows == 2
    assert r.counts["CA"] == 1
    assert r.unresolved["blank"].count == 1  # person B: a row with no address
    assert r.tables[0].empty_rows == 3


def test_short_and_long_rows(tmp_path: Path) -> None:
    f = tmp_path / "ragged.csv"
    f.write_text("id,state,zip\n1,CA\n2,NY,10001,extra,cells\n3\n", encoding="utf-8")
    r = count_roster(f)
    assert r.rows == 3
    assert r.counts["CA"] == 1 and r.counts["NY"] == 1 and r.unresolved["blank"].count == 1


def test_header_only(tmp_path: Path) -> None:
    r = count_roster(write_csv(tmp_path / "h.csv", []))
    assert r.rows == 0 and r.placed == 0


# --- normalisation and buckets -------------------------------------------------------------------


def test_mixed_forms_territories_military_and_zip_fallback(tmp_path: Path) -> None:
    rows = [
        person(1, "ca", "94105"),
        person(2, "Calif.", ""),
        person(3, "California ", "90001-1234"),
        person(4, "DC", ""),
        person(5, "District of Columbia", ""),
        person(6, "PR", ""),
        person(7, "Guam", ""),
        person(8, "U.S. Virgin Islands", ""),
        person(9, "AE", "09012"),
        person(10, "Armed Forces Pacific", ""),
        person(11, "", "34001"),  # AA by ZIP
        person(12, "", "02134-1234"),  # MA by ZIP+4
        person(13, "", "2134"),  # MA, Excel dropped the zero
        person(14, "??", "96799"),  # American Samoa by 5-digit ZIP
        person(15, "", "96950"),  # Northern Mariana Islands
        person(16, "", "96910"),  # Guam
        person(17, "American Samoa", ""),
    ]
    r = count_roster(write_csv(tmp_path / "m.csv", rows))
    assert r.counts["CA"] == 3
    assert r.counts["DC"] == 2 and r.counts["PR"] == 1 and r.counts["GU"] == 2 and r.counts["VI"] == 1
    assert r.counts["AE"] == 1 and r.counts["AP"] == 1 and r.counts["AA"] == 1
    assert r.counts["MA"] == 2 and r.via_zip["MA"] == 2
    assert r.counts["AS"] == 2 and r.via_zip["AS"] == 1
    assert r.counts["MP"] == 1 and r.via_zip["GU"] == 1
    assert r.unresolved_total == 0
    assert r.outside_jurisdictions == {"AS": 2, "MP": 1, "AA": 1, "AE": 1, "AP": 1}
    assert set(r.jurisdiction_counts) == set(JURISDICTIONS)


def test_foreign_blank_unreadable_with_examples(tmp_path: Path) -> None:
    rows = [
        person(1, "Ontario", "K1A 0B1"),
        person(2, "Ontario", ""),
        person(3, "", "K1A 0B1"),
        person(4, "Germany", "10115"),  # foreign wins over a US-looking postcode
        person(5, "", ""),
        person(6, "N/A", ""),
        person(7, "XX", ""),
        person(8, "", "21301"),  # prefix 213 is not assigned
        person(9, "Nowhere", "ABCDE"),
        person(10, "CA", "94105"),
    ]
    r = count_roster(write_csv(tmp_path / "b.csv", rows))
    assert r.unresolved["foreign"].count == 4
    assert r.unresolved["foreign"].examples[0] == 'state "Ontario"'
    assert 'ZIP "K1A 0B1"' in r.unresolved["foreign"].examples
    assert r.unresolved["blank"].count == 2
    assert r.unresolved["unreadable"].count == 3
    assert set(r.unresolved["unreadable"].examples) == {
        'state "XX"',
        'ZIP "213xx"',
        'state "Nowhere", ZIP "ABCDE"',
    }
    assert r.counts["CA"] == 1
    assert total(r) == r.rows == 10


def test_country_column(tmp_path: Path) -> None:
    rows = [
        ["1", "WA", "6000", "Australia"],
        ["2", "WA", "98101", "USA"],
        ["3", "PR", "00901", "Puerto Rico"],
        ["4", "ON", "", "Canada"],
        ["5", "TX", "73301", ""],
    ]
    r = count_roster(write_csv(tmp_path / "c.csv", rows, header=["id", "State", "Zip", "Country"]))
    assert r.tables[0].country_column is not None
    assert r.counts["WA"] == 1 and r.counts["PR"] == 1 and r.counts["TX"] == 1
    assert r.unresolved["foreign"].count == 2
    assert 'country "Australia"' in r.unresolved["foreign"].examples


def test_zip_shapes(tmp_path: Path) -> None:
    rows = [
        person(1, "", "021341234"),  # 9 digits: MA
        person(2, "", "2134-1234"),  # ZIP+4 without its zero: MA, not prefix 213
        person(3, "", "21341234"),  # the same without a dash
        person(4, "", "6390"),  # Fishers Island NY, served from a CT prefix
        person(5, "", " 10001 "),  # stray spaces
        person(6, "", "501"),  # 00501 Holtsville NY
        person(7, "PR", "0712-3456"),  # 00712 is Puerto Rico: no disagreement
        person(8, "", "96"),  # too short to be a ZIP
    ]
    r = count_roster(write_csv(tmp_path / "z.csv", rows))
    assert r.counts["MA"] == 3 and r.via_zip["MA"] == 3
    assert r.counts["NY"] == 3 and r.counts["CT"] == 0
    assert r.counts["PR"] == 1 and r.zip_disagrees == 0
    assert r.unresolved["unreadable"].count == 1
    assert r.unresolved["unreadable"].examples == ('ZIP "96"',)


def test_zip_disagreements_are_reported_not_moved(tmp_path: Path) -> None:
    rows = [person(1, "CA", "10001"), person(2, "CA", "94105")]
    r = count_roster(write_csv(tmp_path / "d.csv", rows))
    assert r.counts["CA"] == 2 and r.counts["NY"] == 0
    assert r.zip_disagrees == 1
    assert r.zip_disagree_examples == ('state "CA", ZIP "100xx"',)


# --- Excel -------------------------------------------------------------------------------------------


def test_xlsx_header_below_title_several_sheets(tmp_path: Path) -> None:
    sheet1: list[list[object]] = [
        ["Affected individuals, incident 17"],
        [],
        ["Patient ID", "Name", "Mailing State", "ZIP Code"],
        [1, "A", "ca", 94105],
        [2, "B", "", 2134],  # numeric ZIP without its zero: MA
        [3, "C", "Armed Forces Europe", None],
        [None, None, None, None],
        [4, "D", "Ontario", "K1A 0B1"],
    ]
    sheet2: list[list[object]] = [["State", "Zip"], ["TX", "73301"], ["", 96910.0]]
    notes: list[list[object]] = [["Prepared by", "IR team"]]
    lookup: list[list[object]] = [["State"], ["AL"], ["AK"]]
    f = write_xlsx(
        tmp_path / "list.xlsx",
        {"Patients": sheet1, "More": sheet2, "Notes": notes, "Lookup": lookup},
        hidden=["Lookup"],
    )
    r = count_roster(f)
    assert r.file_format == "xlsx"
    by_name = {t.name: t for t in r.tables}
    assert by_name["Patients"].header_row == 3 and by_name["Patients"].rows == 4
    assert by_name["Patients"].empty_rows == 1
    assert by_name["More"].rows == 2
    assert by_name["Notes"].skipped and "no state or ZIP header" in by_name["Notes"].skipped
    assert by_name["Lookup"].skipped == "hidden sheet"
    assert r.counts["CA"] == 1 and r.counts["MA"] == 1 and r.via_zip["MA"] == 1
    assert r.counts["AE"] == 1 and r.counts["TX"] == 1 and r.counts["GU"] == 1
    assert r.counts["AL"] == 0
    assert r.unresolved["foreign"].count == 1
    assert r.rows == 6 == total(r)


def test_xlsx_without_usable_sheet(tmp_path: Path) -> None:
    f = write_xlsx(tmp_path / "bad.xlsx", {"S": [["id", "name"], [1, "x"]]})
    with pytest.raises(
        RosterError, match=r"bad\.xlsx.*no column looks like a state or ZIP column; headers seen: id, name"
    ):
        count_roster(f)


def test_corrupt_xlsx(tmp_path: Path) -> None:
    f = tmp_path / "broken.xlsx"
    f.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    with pytest.raises(RosterError, match=r"broken\.xlsx: could not be read as an Excel workbook"):
        count_roster(f)


# --- errors ------------------------------------------------------------------------------------------


def test_error_messages_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match=r"^missing\.csv: no such file"):
        count_roster(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(RosterError, match=r"^empty\.csv: the file is empty"):
        count_roster(tmp_path / "empty.csv")
    (tmp_path / "pic.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(RosterError, match=r"^pic\.csv: not a text table"):
        count_roster(tmp_path / "pic.csv")
    (tmp_path / "prose.txt").write_text("Dear team,\nplease find the list attached.\n")
    with pytest.raises(RosterError, match=r"^prose\.txt: no column looks like a state or ZIP column"):
        count_roster(tmp_path / "prose.txt")
    with pytest.raises(RosterError, match=r"is a folder"):
        count_roster(tmp_path)


# --- progress and cancel -----------------------------------------------------------------------------


def test_progress_reaches_one(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "p.csv", [person(i, "NY", "10001") for i in range(2000)])
    seen: list[float] = []
    count_roster(f, progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert all(0.0 <= x <= 1.0 for x in seen)
    assert seen == sorted(seen)


def test_cancel_before_and_during(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "c.csv", [person(i, "NY", "10001") for i in range(5000)])
    with pytest.raises(RosterCancelled):
        count_roster(f, cancel=lambda: True)
    calls = iter([False])  # the first check passes, the one inside the read cancels
    with pytest.raises(RosterCancelled):
        count_roster(f, cancel=lambda: next(calls, True))
    x = write_xlsx(tmp_path / "c.xlsx", {"A": [["State"], ["NY"]], "B": [["State"], ["CA"]]})
    calls = iter([False, False])
    with pytest.raises(RosterCancelled):
        count_roster(x, cancel=lambda: next(calls, True))


# --- people's data never leaves the file ----------------------------------------------------------------


def _all_text(r: RosterCount) -> str:
    return repr(r) + json.dumps(r.to_dict(), ensure_ascii=False)


def test_no_personal_value_in_result(tmp_path: Path) -> None:
    rows = [
        ["1", "SECRETNAME1", "SECRETSTREET, 1", "SECRETCITY", "Nowhere", "ABCDE"],
        ["2", "SECRETNAME2", "SECRETSTREET, 2", "SECRETCITY", "", ""],
        ["3", "SECRETNAME3", "SECRETSTREET, 3", "SECRETCITY", "Ontario", ""],
        ["4", "SECRETNAME4", "SECRETSTREET, 4", "SECRETCITY", "CA", "10001"],
    ]
    r = count_roster(write_csv(tmp_path / "s.csv", rows))
    assert "SECRET" not in _all_text(r)
    assert not [p for p in tmp_path.iterdir() if p.name != "s.csv"]  # nothing written beside it


STATES = ["CA", "ca", "Calif.", "New York", "", "N/A", "Ontario", "XX", "AE", "Guam", "pr"]
ZIPS = ["94105", "10001-1234", "2134", "", "K1A 0B1", "96799", "ABC", "00901", "21301"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(STATES),
            st.sampled_from(ZIPS),
            st.text(
                alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8
            ),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_every_row_lands_in_exactly_one_bucket(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    f = tmp_path / "h.csv"
    marker = "PII\u2603"
    write_csv(f, [[str(i), marker + name, s, z] for i, (s, z, name) in enumerate(rows)],
              header=["id", "name", "state", "zip"])  # fmt: skip
    r = count_roster(f)
    assert r.rows == len(rows)
    assert r.placed + r.unresolved_total == r.rows
    assert sum(r.via_zip.values()) <= r.placed
    assert all(v >= 0 for v in r.counts.values())
    assert marker not in _all_text(r)
    for bucket in r.unresolved.values():
        assert len(bucket.examples) <= 5


# --- writing into an incident ----------------------------------------------------------------------------


def _incident(path: Path) -> Path:
    doc = {
        "format": "notifyplanner-incident",
        "version": 1,
        "title": "Pharmacy breach",
        "residents": {"CA": "unknown", "TX": 3},
        "data_elements": ["ssn"],
        "notes": "ünïcode kept",
    }
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_write_counts_into_incident(tmp_path: Path) -> None:
    inc = _incident(tmp_path / "incident.json")
    rows = [person(1, "CA", ""), person(2, "CA", ""), person(3, "AS", ""), person(4, "AE", "")]
    r = count_roster(write_csv(tmp_path / "r.csv", rows))
    written = write_counts_into_incident(r, inc)
    assert written.residents == 2 and written.unplaced.total == 2
    doc = json.loads(inc.read_text(encoding="utf-8"))
    assert list(doc) == [
        "format", "version", "title", "residents", "data_elements", "notes",
        "total_affected", "unplaced", "counts_source",
    ]  # fmt: skip
    assert doc["unplaced"] == {"military": {"AE": 1}, "other_us": {"AS": 1}}
    assert doc["counts_source"]["file"] == "r.csv" and doc["counts_source"]["rows"] == 4
    assert doc["notes"] == "ünïcode kept" and doc["data_elements"] == ["ssn"]
    assert list(doc["residents"]) == list(JURISDICTIONS)
    assert doc["residents"]["CA"] == 2 and doc["residents"]["TX"] == 0
    assert "AS" not in doc["residents"] and "AE" not in doc["residents"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incident.json", "r.csv"]  # no temp left


def test_write_is_atomic_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inc = _incident(tmp_path / "incident.json")
    before = inc.read_bytes()

    def boom(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(roster_mod.os, "replace", boom)
    with pytest.raises(OSError):
        write_counts_into_incident({"CA": 5}, inc)
    assert inc.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["incident.json"]


def test_write_rejects_bad_incident_files(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match=r"^nope\.json: no such incident file"):
        write_counts_into_incident({"CA": 1}, tmp_path / "nope.json")
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(RosterError, match=r"^list\.json: not a valid incident file; expected a JSON object"):
        write_counts_into_incident({"CA": 1}, tmp_path / "list.json")
    (tmp_path / "dup.json").write_text('{"residents": {}, "residents": {}}')
    with pytest.raises(RosterError, match=r"^dup\.json: .*duplicate key 'residents'"):
        write_counts_into_incident({"CA": 1}, tmp_path / "dup.json")
    (tmp_path / "ok.json").write_text("{}")
    with pytest.raises(RosterError, match="unknown jurisdiction codes ZZ"):
        write_counts_into_incident({"ZZ": 1}, tmp_path / "ok.json")


# --- CLI ---------------------------------------------------------------------------------------------------


def test_cli_table_json_and_into(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_csv(tmp_path / "r.csv", [person(1, "CA", ""), person(2, "", "10001"), person(3, "AP", ""),
                                       person(4, "Ontario", "")])  # fmt: skip
    assert cli_main(["roster", "count", str(f)]) == 0
    out = capsys.readouterr().out
    assert "California" in out and "via ZIP" in out and "Foreign address: 1" in out
    assert "not a planning jurisdiction" in out

    assert cli_main(["roster", "count", str(f), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["jurisdictions"]["CA"] == 1 and doc["via_zip"] == {"NY": 1}
    assert doc["outside_jurisdictions"] == {"AP": 1}
    assert doc["unresolved"]["foreign"] == {"count": 1, "examples": ['state "Ontario"']}

    inc = _incident(tmp_path / "inc.json")
    assert cli_main(["roster", "count", str(f), "--into", str(inc)]) == 0
    out = capsys.readouterr().out
    assert "2 residents of the 54 jurisdictions and 2 people not placed in one" in out
    assert "1 military, APO/FPO (AP 1)" in out and "1 abroad (Canada 1)" in out
    assert json.loads(inc.read_text())["residents"]["NY"] == 1


def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_csv(tmp_path / "r.csv", [["1", "x"]], header=["id", "name"])
    assert cli_main(["roster", "count", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "r.csv" in err and "Traceback" not in err
    assert (
        cli_main(["roster", "count", str(f), "--state-column", "name", "--into", str(tmp_path / "x.json")])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.json: no such incident file" in err


def test_cli_runs_as_a_module(tmp_path: Path) -> None:
    import subprocess

    f = write_csv(tmp_path / "r.csv", [person(1, "VI", "")])
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run(
        [sys.executable, "-m", "notifyplanner", "roster", "count", str(f), "--format", "json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["jurisdictions"]["VI"] == 1
