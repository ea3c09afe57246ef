"""The calendar export: parse the bytes back with icalendar and check each event.

A calendar is only useful if a second export updates the first instead of doubling it, so
most tests export twice: UIDs must be stable, a moved date must raise SEQUENCE, an unchanged
event must keep its revision, and a notice that left the plan must come back cancelled.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from notifyplanner.cli import SAMPLE_INCIDENT, main
from notifyplanner.engine import plan as make_plan
from notifyplanner.export.common import clean_text
from notifyplanner.export.ics import (
    IcsError,
    incident_token,
    plan_to_ics,
    sequence_at,
)
from notifyplanner.incident_file import read_incident
from notifyplanner.model import Incident, Obligation, Plan, Rulebook, Status

FIRST = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
LATER = FIRST + timedelta(days=2, hours=3)


@pytest.fixture(scope="module")
def incident() -> Incident:
    return read_incident(SAMPLE_INCIDENT)


@pytest.fixture(scope="module")
def sample_plan(incident: Incident, rulebook: Rulebook) -> Plan:
    return make_plan(incident, rulebook)


def events(payload: bytes) -> dict[str, Event]:
    calendar = Calendar.from_ical(payload)
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs must be unique within the file"
    return found


def dated_owed(plan: Plan) -> list[Obligation]:
    return [o for o in plan.obligations if o.status is not Status.NOT_REQUIRED and o.deadline is not None]


def by_key(found: dict[str, Event]) -> dict[str, Event]:
    return {uid.split(".", 1)[1].removesuffix("@notifyplanner"): e for uid, e in found.items()}


def test_obligation_key_names_rule_and_subject(sample_plan: Plan):
    keys = {o.key for o in sample_plan.obligations}
    assert "HIPAA/media/TX" in keys
    assert "HIPAA/individuals" in keys
    assert "TX/attorney_general" in keys
    assert len(keys) == len(sample_plan.obligations), "one key per notice"


def test_one_event_per_dated_notice_owed_plus_the_controlling_deadline(sample_plan: Plan):
    found = by_key(events(plan_to_ics(sample_plan, exported_at=FIRST)))
    owed = dated_owed(sample_plan)
    assert set(found) == {o.key for o in owed} | {"controlling"}
    for ob in owed:
        event = found[ob.key]
        send_by = (
            ob.practical_send_by if ob.practical_send_by and ob.practical_send_by < ob.deadline else None
        )
        assert event["DTSTART"].dt == (send_by or ob.deadline)
        assert event["DTEND"].dt == event["DTSTART"].dt + timedelta(days=1), "one all-day event"
        assert not isinstance(event["DTSTART"].dt, datetime)
        summary = str(event["SUMMARY"])
        assert summary.startswith(f"{ob.jurisdiction}: {ob.recipient_text}")
        assert summary.endswith(f", {sample_plan.incident.name}")
        description = str(event["DESCRIPTION"])
        assert ob.deadline.isoformat() in description, "the legal date is in the description"
        assert ob.basis in description
        assert ob.citation.cite in description
        if send_by:
            assert f"Send by {send_by.isoformat()}; legal deadline {ob.deadline.isoformat()}" in description
        triggers = sorted(a["TRIGGER"].dt for a in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in event.walk("VALARM"))
        assert str(event["STATUS"]) == "CONFIRMED"
        if ob.status is Status.UNDETERMINED:
            assert "(undetermined)" in summary


def test_no_event_for_a_notice_without_a_fixed_date(sample_plan: Plan):
    found = by_key(events(plan_to_ics(sample_plan, exported_at=FIRST)))
    undated = [
        o for o in sample_plan.obligations if o.status is not Status.NOT_REQUIRED and o.deadline is None
    ]
    not_owed = sample_plan.by_status(Status.NOT_REQUIRED)
    assert undated and not_owed
    for ob in (*undated, *not_owed):
        assert ob.key not in found


def test_the_controlling_deadline_is_a_single_event_on_its_legal_date(sample_plan: Plan):
    found = by_key(events(plan_to_ics(sample_plan, exported_at=FIRST)))
    event = found["controlling"]
    assert event["DTSTART"].dt == sample_plan.controlling_deadline
    assert str(event["SUMMARY"]) == f"Controlling deadline: {sample_plan.incident.name}"
    assert len(event.walk("VALARM")) == 2


def test_calendar_properties(sample_plan: Plan):
    calendar = Calendar.from_ical(plan_to_ics(sample_plan, exported_at=FIRST))
    assert str(calendar["VERSION"]) == "2.0"
    assert "notifyplanner" in str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_uids_are_stable_across_two_exports(sample_plan: Plan):
    first = events(plan_to_ics(sample_plan, exported_at=FIRST))
    second = events(plan_to_ics(sample_plan, exported_at=LATER))
    assert set(first) == set(second)
    # Without the earlier file, the later export outranks the earlier one for every event.
    for uid in first:
        assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_sequence_counts_seconds_from_a_fixed_epoch():
    assert sequence_at(datetime(2026, 1, 1, tzinfo=UTC)) == 0
    assert sequence_at(datetime(2026, 1, 1, 0, 1, tzinfo=UTC)) == 60
    assert sequence_at(datetime(2094, 1, 1, tzinfo=UTC)) < 2**31, "fits RFC 5545's INTEGER"


def test_same_export_with_the_earlier_file_keeps_every_revision(sample_plan: Plan):
    earlier = plan_to_ics(sample_plan, exported_at=FIRST)
    again = events(plan_to_ics(sample_plan, exported_at=LATER, previous=earlier))
    first = events(earlier)
    for uid, event in again.items():
        assert int(event["SEQUENCE"]) == int(first[uid]["SEQUENCE"])
        assert event["LAST-MODIFIED"].dt == first[uid]["LAST-MODIFIED"].dt == FIRST
        assert event["DTSTAMP"].dt == LATER


def test_a_moved_date_raises_sequence(incident: Incident, rulebook: Rulebook):
    before = make_plan(incident, rulebook)
    assert incident.discovered is not None
    moved = make_plan(replace(incident, discovered=incident.discovered - timedelta(days=3)), rulebook)
    earlier = plan_to_ics(before, exported_at=FIRST)
    old, new = (
        by_key(events(earlier)),
        by_key(events(plan_to_ics(moved, exported_at=LATER, previous=earlier))),
    )
    assert set(old) == set(new), "the same notices, so the same events"
    changed = [k for k in old if old[k]["DTSTART"].dt != new[k]["DTSTART"].dt]
    assert "HIPAA/individuals" in changed
    for key in old:
        if old[key].get("DESCRIPTION") != new[key].get("DESCRIPTION") or key in changed:
            assert int(new[key]["SEQUENCE"]) > int(old[key]["SEQUENCE"]), key
            assert new[key]["LAST-MODIFIED"].dt == LATER
        else:
            assert int(new[key]["SEQUENCE"]) == int(old[key]["SEQUENCE"]), key


def test_sequence_rises_even_when_the_clock_went_backwards(
    sample_plan: Plan, incident: Incident, rulebook: Rulebook
):
    """A previous export from a machine whose clock ran ahead must still be outranked."""
    ahead = plan_to_ics(sample_plan, exported_at=LATER + timedelta(days=30))
    moved = make_plan(replace(incident, determined=date(2026, 10, 12)), rulebook)
    old, new = events(ahead), events(plan_to_ics(moved, exported_at=LATER, previous=ahead))
    for uid in new:
        if str(new[uid]["DESCRIPTION"]) != str(old[uid]["DESCRIPTION"]):
            assert int(new[uid]["SEQUENCE"]) == int(old[uid]["SEQUENCE"]) + 1


def test_a_dropped_notice_is_exported_as_cancelled(incident: Incident, rulebook: Rulebook):
    before = make_plan(incident, rulebook)
    residents = {k: v for k, v in incident.residents.items() if k != "TX"}
    after = make_plan(replace(incident, residents=residents), rulebook)
    earlier = plan_to_ics(before, exported_at=FIRST)
    now = plan_to_ics(after, exported_at=LATER, previous=earlier)
    old, new = by_key(events(earlier)), by_key(events(now))
    dropped = set(old) - {o.key for o in dated_owed(after)} - {"controlling"}
    assert dropped == {"TX/attorney_general", "TX/individuals", "HIPAA/media/TX"}
    for key in dropped:
        event = new[key]
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) > int(old[key]["SEQUENCE"])
        assert event["DTSTART"].dt == old[key]["DTSTART"].dt
        assert not event.walk("VALARM"), "no reminders for a cancelled notice"
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
    # Exported once more, the cancellation is carried forward unchanged.
    third = by_key(events(plan_to_ics(after, exported_at=LATER + timedelta(hours=1), previous=now)))
    for key in dropped:
        assert str(third[key]["STATUS"]) == "CANCELLED"
        assert int(third[key]["SEQUENCE"]) == int(new[key]["SEQUENCE"])
        assert str(third[key]["SUMMARY"]) == str(new[key]["SUMMARY"])


def test_another_incidents_events_are_not_cancelled(incident: Incident, rulebook: Rulebook):
    """Reusing a file name for another incident must not cancel the first one's events."""
    other = make_plan(replace(incident, name="Another incident"), rulebook)
    earlier = plan_to_ics(make_plan(incident, rulebook), exported_at=FIRST)
    now = events(plan_to_ics(other, exported_at=LATER, previous=earlier))
    token = incident_token("Another incident")
    assert all(uid.startswith(token + ".") for uid in now)
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in now.values())


@pytest.mark.parametrize(
    ("previous", "words"),
    [
        (b"%PDF-1.4 not a calendar", "not an iCalendar file"),
        (b"", "not an iCalendar file"),
        (
            b"BEGIN:VCALENDAR\r\nPRODID:-//Someone//Their own//EN\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            "not written",
        ),
    ],
)
def test_an_earlier_file_that_is_not_ours_is_refused(sample_plan: Plan, previous: bytes, words: str):
    with pytest.raises(IcsError, match=words):
        plan_to_ics(sample_plan, exported_at=FIRST, previous=previous)


def test_an_earlier_export_rewritten_by_a_calendar_app_is_still_ours(sample_plan: Plan):
    """Thunderbird, subscribed to the file, writes it back under its own PRODID."""
    earlier = plan_to_ics(sample_plan, exported_at=FIRST).replace(
        b"PRODID:-//notifyplanner//notifyplanner",
        b"PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nX-OLD:",
    )
    again = events(plan_to_ics(sample_plan, exported_at=LATER, previous=earlier))
    first = events(earlier)
    assert all(int(again[u]["SEQUENCE"]) == int(first[u]["SEQUENCE"]) for u in first)


def test_a_plan_without_any_dated_notice_is_refused_not_written_empty(rulebook: Rulebook):
    """RFC 5545 3.6 requires at least one component; an empty calendar is not a calendar."""
    with pytest.raises(IcsError, match="no dated notice"):
        plan_to_ics(make_plan(Incident(name="Nothing yet"), rulebook), exported_at=FIRST)


def test_export_time_must_carry_a_timezone(sample_plan: Plan):
    with pytest.raises(ValueError, match="timezone"):
        plan_to_ics(sample_plan, exported_at=datetime(2026, 10, 5, 9, 0))


NASTY = 'Acme, Inc.; "East\\Wing"\nDTSTART:19990101\r\nEND:VEVENT <b>&' + "x" * 80


def test_user_text_is_escaped_and_folded(sample_plan: Plan):
    plan = replace(sample_plan, incident=replace(sample_plan.incident, name=NASTY))
    payload = plan_to_ics(plan, exported_at=FIRST)
    lines = payload.split(b"\r\n")
    assert payload.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "RFC 5545 3.1: lines folded at 75 octets"
    assert not any(line.startswith(b"DTSTART:1999") for line in lines), "a newline cannot forge a property"
    assert sum(line == b"END:VEVENT" for line in lines) == len(events(payload))
    unfolded = payload.replace(b"\r\n ", b"")
    assert (
        b'SUMMARY:Controlling deadline: Acme\\, Inc.\\; "East\\\\Wing" DTSTART:19990101 END:VEVENT <b>&'
        in unfolded
    )
    assert b"DESCRIPTION:The earliest fixed deadline of this plan: Puerto Rico\\, State regulator" in unfolded
    assert b".\\nSend by 2026-10-09.\\n" in unfolded, "line breaks in a description are escaped"
    title = " ".join(NASTY.split())  # a summary is one line
    for event in events(payload).values():
        assert str(event["SUMMARY"]).endswith(title)
    # icalendar reads an X- property back raw; calendars read X-WR-CALNAME as TEXT.
    assert b'X-WR-CALNAME:Breach notices: Acme\\, Inc.\\; "East\\\\Wing" DTSTART' in unfolded


@settings(max_examples=40, deadline=None)
@given(name=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120))
@example(name="\uffff")  # a noncharacter: dropped, and the name is then empty
def test_any_incident_name_round_trips(sample_plan: Plan, name: str):
    plan = replace(sample_plan, incident=replace(sample_plan.incident, name=name))
    found = events(plan_to_ics(plan, exported_at=FIRST))
    # What a calendar cannot hold (noncharacters such as U+FFFF) is dropped, as in every export.
    title = " ".join(clean_text(name).split()) or "(unnamed incident)"
    assert any(str(e["SUMMARY"]) == f"Controlling deadline: {title}" for e in found.values()), repr(name)


def test_control_characters_in_a_name_do_not_break_the_file(sample_plan: Plan):
    name = "Bad\x00 name\x07 with\ttab\x1b"
    plan = replace(sample_plan, incident=replace(sample_plan.incident, name=name))
    found = events(plan_to_ics(plan, exported_at=FIRST))
    assert any(str(e["SUMMARY"]) == "Controlling deadline: Bad name with tab" for e in found.values())


# --------------------------------------------------------------------------- command line


def test_cli_writes_the_calendar_and_updates_it(tmp_path: Path, capsys):
    out = tmp_path / "plan.ics"
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-05", "--ics", str(out)]) == 0
    first = events(out.read_bytes())
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-05", "--ics", str(out)]) == 0
    second = events(out.read_bytes())
    assert set(first) == set(second)
    assert all(int(second[u]["SEQUENCE"]) == int(first[u]["SEQUENCE"]) for u in first), "unchanged"
    assert not list(tmp_path.glob(".*.tmp")), "no temp file left behind"


def test_cli_refuses_to_overwrite_a_file_that_is_not_its_calendar(tmp_path: Path, capsys):
    out = tmp_path / "notes.ics"
    out.write_text("my own notes\n")
    assert main(["plan", str(SAMPLE_INCIDENT), "--ics", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"notifyplanner: {out}: is not an iCalendar file; choose another file name"
    assert out.read_text() == "my own notes\n", "left untouched"


def test_cli_names_a_missing_folder(tmp_path: Path, capsys):
    out = tmp_path / "nowhere" / "plan.ics"
    assert main(["plan", str(SAMPLE_INCIDENT), "--ics", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "does not exist" in err and "calendar" in err


def test_the_log_head_is_on_the_calendar_not_in_an_event(sample_plan: Plan):
    """Every export is logged, so the head moves each time: in an event it would raise every
    event's SEQUENCE on every export. On the calendar it names the log and changes nothing."""
    at = datetime(2026, 10, 5, 9, tzinfo=UTC)
    first = plan_to_ics(sample_plan, exported_at=at, log_head="a" * 64)
    second = plan_to_ics(sample_plan, exported_at=at + timedelta(hours=1), previous=first, log_head="b" * 64)
    assert str(Calendar.from_ical(second)["X-NOTIFYPLANNER-LOG-HEAD"]) == "b" * 64
    assert {u: int(e["SEQUENCE"]) for u, e in events(second).items()} == {
        u: int(e["SEQUENCE"]) for u, e in events(first).items()
    }
    assert "X-NOTIFYPLANNER-LOG-HEAD" not in plan_to_ics(sample_plan, exported_at=at).decode()


# --------------------------------------------------------------------------- hours clocks (issue 13)

SECTOR_SAMPLE = (
    Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
)


@pytest.fixture(scope="module")
def sector_plan(rulebook: Rulebook) -> Plan:
    return make_plan(read_incident(SECTOR_SAMPLE), rulebook)


def test_an_hours_clock_notice_is_a_timed_event_at_its_deadline_instant(sector_plan: Plan):
    found = by_key(events(plan_to_ics(sector_plan, exported_at=FIRST)))
    nydfs = found["NYDFS/superintendent"]
    start = nydfs["DTSTART"].dt
    assert isinstance(start, datetime) and start == datetime.fromisoformat("2026-11-02T08:00-05:00")
    assert start.utcoffset() == timedelta(0), "written in UTC, so no VTIMEZONE is needed"
    assert "DTEND" not in nydfs, "a deadline instant lasts no time"
    assert "2026-11-02 08:00 (UTC-05:00)" in str(nydfs["DESCRIPTION"])
    triggers = sorted(a["TRIGGER"].dt for a in nydfs.walk("VALARM"))
    assert triggers == [timedelta(hours=-24), timedelta(hours=-2)]
    # The 8-K's EDGAR cut-off is an instant too; a plain-date notice stays an all-day event.
    assert found["SEC-8K/sec"]["DTSTART"].dt == datetime.fromisoformat("2026-12-01T17:30-05:00")
    plain = [o.key for o in dated_owed(sector_plan) if o.deadline_at is None]
    assert plain, "the sample also owes a plain-date notice"
    for key in plain:
        assert not isinstance(found[key]["DTSTART"].dt, datetime) and "DTEND" in found[key]
    controlling = found["controlling"]
    assert controlling["DTSTART"].dt == sector_plan.controlling.deadline_at


def test_a_timed_event_unchanged_keeps_its_revision_and_a_moved_instant_raises_it(sector_plan: Plan):
    first = plan_to_ics(sector_plan, exported_at=FIRST)
    again = by_key(events(plan_to_ics(sector_plan, exported_at=LATER, previous=first)))
    before = by_key(events(first))
    assert int(again["NYDFS/superintendent"]["SEQUENCE"]) == int(before["NYDFS/superintendent"]["SEQUENCE"])
    moved = replace(
        sector_plan,
        obligations=tuple(
            replace(o, deadline_at=o.deadline_at + timedelta(hours=1))
            if o.key == "NYDFS/superintendent"
            else o
            for o in sector_plan.obligations
        ),
    )
    after = by_key(events(plan_to_ics(moved, exported_at=LATER, previous=first)))
    assert int(after["NYDFS/superintendent"]["SEQUENCE"]) > int(before["NYDFS/superintendent"]["SEQUENCE"])


def test_a_dropped_timed_event_is_cancelled_at_its_instant(sector_plan: Plan):
    first = plan_to_ics(sector_plan, exported_at=FIRST)
    dropped = replace(
        sector_plan, obligations=tuple(o for o in sector_plan.obligations if o.key != "NYDFS/superintendent")
    )
    after = by_key(events(plan_to_ics(dropped, exported_at=LATER, previous=first)))
    event = after["NYDFS/superintendent"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["DTSTART"].dt == datetime.fromisoformat("2026-11-02T08:00-05:00")
    assert not list(event.walk("VALARM"))


# --------------------------------------------------------------------------- a register case's record


@pytest.fixture(scope="module")
def hims_plan(rulebook: Rulebook) -> Plan:
    from tests.recorded import HIMS

    return make_plan(read_incident(HIMS), rulebook)


def test_a_notice_recorded_sent_or_decided_has_no_reminders_and_says_so(hims_plan: Plan):
    from tests.recorded import hims_records

    found = by_key(events(plan_to_ics(hims_plan, exported_at=FIRST, records=hims_records(hims_plan))))
    sent = found["CA/individuals"]
    assert str(sent["SUMMARY"]).startswith("Sent 2026-04-02: CA: Affected individuals")
    assert "Recorded in the register: sent 2026-04-02 by mail (USPS 9400): late, 26 days" in str(
        sent["DESCRIPTION"]
    )
    assert sent.walk("VALARM") == []
    skipped = found["HIPAA/media/CA"]
    assert str(skipped["SUMMARY"]).startswith("Decided not to send: HIPAA:")
    assert skipped.walk("VALARM") == []
    assert str(skipped["STATUS"]) == "CONFIRMED"  # the deadline stays a fact on the calendar
    # Still owed: reminded as before.
    assert len(found["HIPAA/media/NY"].walk("VALARM")) == 2
    assert not str(found["HIPAA/media/NY"]["SUMMARY"]).startswith(("Sent", "Decided"))


def test_the_controlling_event_follows_the_earliest_notice_still_open(hims_plan: Plan):
    from tests.recorded import hims_records

    plain = by_key(events(plan_to_ics(hims_plan, exported_at=FIRST)))["controlling"]
    assert plain["DTSTART"].dt == date(2026, 3, 7)
    found = by_key(events(plan_to_ics(hims_plan, exported_at=FIRST, records=hims_records(hims_plan))))
    controlling = found["controlling"]
    assert controlling["DTSTART"].dt == date(2026, 3, 22)  # CA/attorney_general, still open
    description = str(controlling["DESCRIPTION"])
    assert description.startswith("The earliest deadline still open: California, Attorney General")
    assert "The earliest fixed deadline of this plan: California, Affected individuals" in description
    assert "recorded sent 2026-04-02" in description
    assert len(controlling.walk("VALARM")) == 2


def test_recording_a_notice_raises_the_sequence_and_keeps_the_uid(hims_plan: Plan):
    from tests.recorded import hims_records

    before = plan_to_ics(hims_plan, exported_at=FIRST)
    after = plan_to_ics(hims_plan, exported_at=LATER, previous=before, records=hims_records(hims_plan))
    old, new = by_key(events(before)), by_key(events(after))
    assert {k: str(e["UID"]) for k, e in old.items()} == {k: str(e["UID"]) for k, e in new.items()}
    for key in ("CA/individuals", "HIPAA/media/CA", "controlling"):
        assert int(new[key]["SEQUENCE"]) > int(old[key]["SEQUENCE"]), key
    assert int(new["HIPAA/media/NY"]["SEQUENCE"]) == int(old["HIPAA/media/NY"]["SEQUENCE"])
    # Exported again with the same record, nothing changes.
    again = by_key(
        events(
            plan_to_ics(
                hims_plan,
                exported_at=LATER + timedelta(days=1),
                previous=after,
                records=hims_records(hims_plan),
            )
        )
    )
    assert {k: int(e["SEQUENCE"]) for k, e in again.items()} == {
        k: int(e["SEQUENCE"]) for k, e in new.items()
    }


def test_every_dated_notice_done_leaves_the_controlling_event_without_reminders(hims_plan: Plan):
    from notifyplanner.export.records import Recorded

    done = {o.key: Recorded(o.key, skipped=True) for o in hims_plan.obligations if o.deadline is not None}
    found = by_key(events(plan_to_ics(hims_plan, exported_at=FIRST, records=done)))
    controlling = found["controlling"]
    assert controlling["DTSTART"].dt == date(2026, 3, 7)
    assert "every dated notice recorded done" in str(controlling["SUMMARY"])
    assert all(e.walk("VALARM") == [] for e in found.values())
