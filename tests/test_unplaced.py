"""Issue 12, item 6: importing a list loses no one.

Every row of an affected-people list is an affected person: residents of the 54 planning
jurisdictions, or people the list places in none of them (military APO/FPO, other US areas,
abroad by country, unreadable, blank). They count in the total, are recorded under their own
headings in the incident with the list's name and SHA-256, and a placeholder ZIP is not a state.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.cli import main as cli_main
from notifyplanner.engine import plan
from notifyplanner.incident_counts import totals_words, unplaced_words
from notifyplanner.incident_file import IncidentError, dumps, incident_problems, loads, read_incident
from notifyplanner.model import CountsSource, DataElement, EntityRole, Incident, Unplaced
from notifyplanner.places import PLACEHOLDER_ZIPS, zip_to_state
from notifyplanner.report import plan_to_dict, plan_to_text
from notifyplanner.roster import count_roster
from notifyplanner.roster_incident import new_total, write_counts_into_incident
from tests.test_roster import person, write_csv

SOURCE = CountsSource("list.csv", "ab" * 32, 3942, datetime(2026, 12, 3, 10, 35, 8, tzinfo=UTC), 2)


def _incident_file(path: Path, **extra: object) -> Path:
    doc = {
        "format": "notifyplanner-incident",
        "version": 1,
        "name": "Import",
        "entity_role": "covered_entity",
        "discovered": "2026-10-01",
        "data_elements": ["name", "ssn"],
        "encrypted": False,
        "residents": {},
        **extra,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# --- placeholder ZIPs --------------------------------------------------------------------


@pytest.mark.parametrize("z", [*sorted(PLACEHOLDER_ZIPS), "99999-9999", "999999999"])
def test_a_placeholder_zip_is_no_place(z: str) -> None:
    assert zip_to_state(z) is None


def test_real_same_digit_zips_stay_placed() -> None:
    assert zip_to_state("44444") == "OH"  # Newton Falls
    assert zip_to_state("55555") == "MN"  # Young America
    assert zip_to_state("99950") == "AK"  # Ketchikan, the highest real ZIP


def test_a_placeholder_zip_in_a_list_is_unreadable_not_alaska(tmp_path: Path) -> None:
    rows = [person(1, "", "99999"), person(2, "", "99999-1234"), person(3, "", "00000"),
            person(4, "TX", "99999"), person(5, "", "99501")]  # fmt: skip
    r = count_roster(write_csv(tmp_path / "r.csv", rows))
    assert r.counts["AK"] == 1  # only the Anchorage ZIP
    assert r.counts["TX"] == 1 and r.zip_disagrees == 0  # the state cell decides; no false alarm
    assert r.unresolved["unreadable"].count == 3


# --- foreign by country ------------------------------------------------------------------


def test_foreign_rows_are_counted_by_country(tmp_path: Path) -> None:
    rows = [person(1, "Ontario", "K1A 0B1"), person(2, "QC", ""), person(3, "", "K1A 0B1"),
            person(4, "Jalisco", ""), person(5, "Germany", "10115"), person(6, "Foreign", ""),
            person(7, "", "SW1A 1AA")]  # fmt: skip
    r = count_roster(write_csv(tmp_path / "r.csv", rows))
    assert r.unresolved["foreign"].count == 7
    assert dict(r.foreign_countries) == {"CA": 3, "MX": 1, "DE": 1, "unknown": 1, "GB": 1}
    assert r.unplaced.foreign == r.foreign_countries


def test_a_country_column_names_the_country(tmp_path: Path) -> None:
    header = ["id", "name", "street", "city", "state", "zip", "country"]
    rows = [[*person(1, "NSW", "2000"), "Australia"], [*person(2, "", ""), "DE"],
            [*person(3, "CA", "90210"), "US"], [*person(4, "ON", ""), "Foreign"]]  # fmt: skip
    r = count_roster(write_csv(tmp_path / "r.csv", rows, header=header))
    assert dict(r.foreign_countries) == {"AU": 1, "DE": 1, "CA": 1}
    assert r.counts["CA"] == 1


# --- the incident: 3,942 rows stay 3,942 people --------------------------------------------


def _incident_list(tmp_path: Path) -> Path:
    rows = [person(i, "TX", "") for i in range(3900)]
    rows += [person(4000 + i, "AE" if i < 12 else "AP", "") for i in range(17)]  # APO/FPO
    rows += [person(5000 + i, "Ontario", "") for i in range(15)]  # abroad
    rows += [person(6000 + i, "", "") for i in range(4)]  # blank
    rows += [person(7000 + i, "", "99999") for i in range(6)]  # placeholder ZIP: unreadable
    return write_csv(tmp_path / "affected.csv", rows)


def test_a_3942_row_list_is_3942_affected_people(tmp_path: Path, rulebook) -> None:
    listing = _incident_list(tmp_path)
    inc = _incident_file(tmp_path / "incident.json")
    written = write_counts_into_incident(count_roster(listing), inc)
    assert written.counted == 3942

    incident = read_incident(inc)
    assert incident.residents["TX"] == 3900
    assert incident.unplaced == Unplaced(
        military={"AE": 12, "AP": 5}, foreign={"CA": 15}, unreadable=6, blank=4
    )
    assert incident.affected_total == 3942 and incident.total_affected is None
    source = incident.counts_source
    assert source is not None and source.file == "affected.csv" and source.rows == 3942
    assert source.sha256 == hashlib.sha256(listing.read_bytes()).hexdigest()
    assert abs((datetime.now(UTC) - source.counted_at).total_seconds()) < 600

    doc = json.loads(inc.read_text(encoding="utf-8"))
    assert doc["unplaced"] == {
        "military": {"AE": 12, "AP": 5},
        "foreign": {"CA": 15},
        "unreadable": 6,
        "blank": 4,
    }
    text = inc.read_text(encoding="utf-8")
    assert "Person" not in text and "Main St" not in text  # counts and the hash only

    words = plan_to_text(plan(incident, rulebook))
    assert "Affected: 3,942 people: 3,900 residents of the planning jurisdictions; 42 not placed" in words
    assert "17 military, APO/FPO (AE 12, AP 5)" in words and "15 abroad (Canada 15)" in words
    assert f"SHA-256 {source.sha256}" in words


@pytest.mark.parametrize(
    ("entered", "after"),
    [(None, None), (5000, 5000), (3942, 3942), (3000, 3942)],
    ids=["not entered: stays null", "higher: kept", "equal: kept", "lower: raised to the count"],
)
def test_total_affected_is_never_lowered_nor_below_the_count(tmp_path: Path, entered, after) -> None:
    listing = _incident_list(tmp_path)
    inc = _incident_file(tmp_path / "incident.json", total_affected=entered)
    written = write_counts_into_incident(count_roster(listing), inc)
    assert written.total_before == entered and written.total_after == after
    incident = read_incident(inc)  # readable: the total is never below the counts
    assert incident.total_affected == after
    assert incident.affected_total == (after or 3942)


def test_the_cli_says_what_the_total_became(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = _incident_list(tmp_path)
    inc = _incident_file(tmp_path / "incident.json", total_affected=5000)
    assert cli_main(["roster", "count", str(listing), "--into", str(inc)]) == 0
    out = capsys.readouterr().out
    assert "Affected people on the list: 3,942 = 3,900 residents" in out
    assert "Total affected kept at 5,000 as entered: 1,058 more than the 3,942 people on the list" in out
    inc2 = _incident_file(tmp_path / "incident2.json", total_affected=100)
    assert cli_main(["roster", "count", str(listing), "--into", str(inc2)]) == 0
    assert "Total affected raised from 100 (as entered) to 3,942" in capsys.readouterr().out


@given(st.integers(0, 10**9), st.one_of(st.none(), st.integers(0, 10**9)))
def test_new_total_is_never_lower_than_entered_or_counted(counted: int, entered: int | None) -> None:
    total = new_total(entered, counted)
    if entered is None:
        assert total is None
    else:
        assert total is not None and total >= entered and total >= counted


# --- the plan counts them ----------------------------------------------------------------


def test_unplaced_people_count_toward_a_total_threshold(rulebook) -> None:
    """HIPAA's 500-or-more notices count everyone affected, wherever they live."""
    base = Incident(
        name="HIPAA",
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2026, 10, 1),
        data_elements=frozenset({DataElement.NAME, DataElement.MEDICAL}),
        residents={"TX": 480},
    )
    with_unplaced = replace(base, unplaced=Unplaced(military={"AE": 10}, foreign={"CA": 15}))
    as_total = replace(base, total_affected=505)
    assert with_unplaced.affected_total == 505
    got = {o.key: o.status for o in plan(with_unplaced, rulebook).obligations}
    want = {o.key: o.status for o in plan(as_total, rulebook).obligations}
    assert got == want
    assert got != {o.key: o.status for o in plan(base, rulebook).obligations}
    warnings = plan(with_unplaced, rulebook).warnings
    assert any("25 affected people on the list are not residents" in w for w in warnings)
    doc = plan_to_dict(plan(with_unplaced, rulebook))
    assert doc["affected"]["total"] == 505 and doc["affected"]["unplaced"]["total"] == 25


def test_a_total_below_residents_and_unplaced_is_a_problem() -> None:
    incident = Incident(residents={"TX": 10}, total_affected=12, unplaced=Unplaced(unreadable=5))
    problems = incident_problems(incident)
    assert [p.field for p in problems] == ["total_affected"]
    assert (
        "fewer than the 15 people counted (10 residents by state and 5 not placed in a state)"
        in problems[0].message
    )


def test_totals_words_show_the_difference_from_an_entered_total() -> None:
    incident = Incident(residents={"TX": 10}, total_affected=20, unplaced=Unplaced(foreign={"unknown": 2}))
    assert totals_words(incident) == (
        "20 people (as entered): 10 residents of the planning jurisdictions; "
        "2 not placed in one (2 abroad (country not named 2)); 8 more than counted"
    )
    assert unplaced_words(Unplaced(other_us={"AS": 1}, blank=1)) == (
        "1 in US areas without a planning rule (American Samoa 1); 1 with no state and no ZIP"
    )


# --- the incident file reads them strictly ------------------------------------------------


def test_unplaced_and_source_round_trip() -> None:
    incident = Incident(
        name="rt",
        discovered=date(2026, 10, 1),
        residents={"TX": 3900},
        unplaced=Unplaced(
            military={"AE": 12, "AP": 5},
            other_us={"PW": 1},
            foreign={"CA": 15, "unknown": 2},
            unreadable=6,
            blank=1,
        ),
        counts_source=SOURCE,
    )
    again = loads(dumps(incident))
    assert again.unplaced == incident.unplaced and again.counts_source == SOURCE
    doc = json.loads(dumps(incident))
    assert doc["counts_source"]["counted_at"] == "2026-12-03T10:35:08Z"


def test_a_file_without_them_is_written_as_before() -> None:
    doc = json.loads(dumps(Incident(name="plain", discovered=date(2026, 10, 1))))
    assert "unplaced" not in doc and "counts_source" not in doc


GOOD_SOURCE = {"file": "list.csv", "sha256": "ab" * 32, "rows": 3, "counted_at": "2026-12-03T10:35:08Z"}


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"unplaced": []}, "unplaced", "expected an object"),
        ({"unplaced": {"abroad": 1}}, "unplaced.abroad", "unknown field"),
        ({"unplaced": {"military": {"TX": 1}}}, "unplaced.military.TX", "not a military code"),
        ({"unplaced": {"other_us": {"AE": 1}}}, "unplaced.other_us.AE", "not a US area code"),
        ({"unplaced": {"foreign": {"XX": 1}}}, "unplaced.foreign.XX", "ISO 3166-1"),
        ({"unplaced": {"foreign": {"US": 1}}}, "unplaced.foreign.US", "ISO 3166-1"),
        ({"unplaced": {"foreign": {"CA": -1}}}, "unplaced.foreign.CA", "whole number"),
        ({"unplaced": {"unreadable": 1.5}}, "unplaced.unreadable", "whole number"),
        ({"unplaced": {"blank": True}}, "unplaced.blank", "whole number"),
        ({"counts_source": "list.csv"}, "counts_source", "expected an object"),
        ({"counts_source": {**GOOD_SOURCE, "path": "/x"}}, "counts_source.path", "unknown field"),
        ({"counts_source": {k: v for k, v in GOOD_SOURCE.items() if k != "sha256"}}, "counts_source.sha256", "missing"),
        ({"counts_source": {**GOOD_SOURCE, "sha256": "AB" * 32}}, "counts_source.sha256", "hexadecimal"),
        ({"counts_source": {**GOOD_SOURCE, "file": "/home/x/list.csv"}}, "counts_source.file", "no folder"),
        ({"counts_source": {**GOOD_SOURCE, "rows": -1}}, "counts_source.rows", "whole number"),
        ({"counts_source": {**GOOD_SOURCE, "counted_at": "2026-12-03"}}, "counts_source.counted_at", "YYYY-MM-DDTHH"),
        ({"counts_source": {**GOOD_SOURCE, "counted_at": "2026-02-30T10:00:00Z"}}, "counts_source.counted_at", "not a real time"),
        ({"counts_source": {**GOOD_SOURCE, "counted_at": "1066-10-14T10:00:00Z"}}, "counts_source.counted_at", "outside the dates"),
        ({"residents": {"TX": 5}, "total_affected": 6, "unplaced": {"blank": 2}}, "total_affected", "fewer than the 7 people"),
    ],
)  # fmt: skip
def test_bad_counts_are_refused_naming_the_field(
    tmp_path: Path, extra: dict, field: str, message: str
) -> None:
    path = _incident_file(tmp_path / "bad.json", **extra)
    with pytest.raises(IncidentError) as info:
        read_incident(path)
    assert info.value.field == field
    assert message in info.value.message
