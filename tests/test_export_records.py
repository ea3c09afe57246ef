"""export.records: what the register recorded, in the words every export prints."""

from __future__ import annotations

import pytest

from notifyplanner.engine import plan as make_plan
from notifyplanner.export.records import (
    MAX_REASON_CHARS,
    MAX_REFERENCE_CHARS,
    Recorded,
    done_counts,
    earliest_open,
    grade_words,
    recorded_from,
)
from notifyplanner.incident_file import read_incident
from notifyplanner.model import Plan, Rulebook
from notifyplanner.register.grading import Grade, Timeliness
from tests.recorded import HIMS, SENT_ON, SKIP_REASON, hims_records, notice


@pytest.fixture(scope="module")
def hims_plan(rulebook: Rulebook) -> Plan:
    return make_plan(read_incident(HIMS), rulebook)


def test_the_record_reads_as_the_register_grades_it(hims_plan: Plan):
    records = hims_records(hims_plan)
    assert set(records) == {"CA/individuals", "HIPAA/individuals", "HIPAA/hhs", "HIPAA/media/CA"}
    assert records["CA/individuals"].text() == (
        "sent 2026-04-02 by mail (USPS 9400): late, 26 days (reason: scope being determined)"
    )
    assert records["HIPAA/hhs"].text() == "sent 2026-04-02 by portal (OCR portal #123): on time"
    assert records["HIPAA/media/CA"].text() == f"decided not to send: {SKIP_REASON}"
    assert records["HIPAA/media/CA"].done and records["HIPAA/media/CA"].sent_on is None


def test_a_notice_sent_on_an_hours_deadline_day_says_check_the_time(hims_plan: Plan):
    ob = hims_plan.obligations[0]
    grade = Grade(ob, Timeliness.ON_TIME, None, notice(ob.key, sent_on=SENT_ON), check_time=True)
    assert grade_words(grade) == "sent on the deadline day: check the time"
    assert recorded_from([grade])[ob.key].text().endswith(": sent on the deadline day: check the time")


def test_the_earliest_open_deadline_skips_what_is_done(hims_plan: Plan):
    assert hims_plan.controlling is not None and hims_plan.controlling.key == "CA/individuals"
    opened = earliest_open(hims_plan, hims_records(hims_plan))
    assert opened is not None and opened.key == "CA/attorney_general"
    # Without a record (a plain file) it is the plan's own controlling deadline.
    assert earliest_open(hims_plan, None) is hims_plan.controlling
    assert done_counts(hims_plan, hims_records(hims_plan)) == (3, 1)


def test_nothing_open_when_every_dated_notice_is_done(hims_plan: Plan):
    everything = {
        o.key: Recorded(o.key, skipped=True) for o in hims_plan.obligations if o.deadline is not None
    }
    assert earliest_open(hims_plan, everything) is None


def test_a_long_or_hostile_record_prints_as_one_cut_line(hims_plan: Plan):
    long = "=HYPERLINK(1)\n" + "x" * 20_000 + "\x00"
    records = hims_records(
        hims_plan,
        (
            notice("HIPAA/hhs", sent_on=SENT_ON, reference=long),
            notice("HIPAA/media/CA", skip_reason=long),
        ),
    )
    reference, reason = records["HIPAA/hhs"].reference, records["HIPAA/media/CA"].skip_reason
    assert len(reference) == MAX_REFERENCE_CHARS and reference.endswith("…")
    assert len(reason) == MAX_REASON_CHARS and reason.startswith("=HYPERLINK(1) xxx")
    assert "\n" not in reason and "\x00" not in reason
