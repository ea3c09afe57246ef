"""Grading: each edge of on time / late / pending / overdue / not applicable."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.model import DeadlineKind, Status
from notifyplanner.register.grading import (
    Timeliness,
    counts,
    days_late,
    grade_obligation,
    grade_plan,
    individuals_notified_from,
    orphaned_notices,
    parse_late_reason,
)
from notifyplanner.register.records import LateReason, Method, Notice, NoticeAction
from tests.jurisdictions.statute import plan_for

DEADLINE = date(2026, 4, 6)
AT = datetime(2026, 4, 2, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def hipaa_plan():
    # HIPAA: individual notice no later than 60 calendar days after discovery (45 CFR 164.404(b)).
    return plan_for(
        "CA", discovered="2026-02-05", residents=1000, role="covered_entity", elements=("name", "medical")
    )


@pytest.fixture(scope="module")
def individuals(hipaa_plan):
    ob = next(o for o in hipaa_plan.obligations if o.key == "HIPAA/individuals")
    assert ob.deadline == DEADLINE
    return ob


def sent(key: str, on: date, reason: LateReason | None = None) -> Notice:
    return Notice(1, key, NoticeAction.SENT, AT, "tester", sent_on=on, method=Method.MAIL, late_reason=reason)


def test_sent_on_the_deadline_day_is_on_time(individuals):
    grade = grade_obligation(individuals, sent("HIPAA/individuals", DEADLINE), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.ON_TIME and grade.days_late is None


def test_sent_the_day_after_the_deadline_is_one_day_late(individuals):
    grade = grade_obligation(individuals, sent("HIPAA/individuals", date(2026, 4, 7)), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.LATE and grade.days_late == 1
    assert grade.needs_late_reason


def test_a_late_notice_with_its_reason_needs_no_more(individuals):
    notice = sent("HIPAA/individuals", date(2026, 4, 9), LateReason.LAW_ENFORCEMENT_DELAY)
    grade = grade_obligation(individuals, notice, date(2026, 5, 1))
    assert grade.days_late == 3 and not grade.needs_late_reason


def test_not_sent_on_the_deadline_day_is_still_pending(individuals):
    assert grade_obligation(individuals, None, DEADLINE).timeliness is Timeliness.PENDING


def test_not_sent_the_day_after_the_deadline_is_overdue(individuals):
    grade = grade_obligation(individuals, None, date(2026, 4, 7))
    assert grade.timeliness is Timeliness.OVERDUE and grade.days_overdue == 1 and grade.days_late is None


def test_sent_early_is_on_time_whatever_today_is(individuals):
    grade = grade_obligation(individuals, sent("HIPAA/individuals", date(2026, 2, 6)), date(2030, 1, 1))
    assert grade.timeliness is Timeliness.ON_TIME


def test_not_required_and_no_fixed_deadline_are_not_applicable(individuals):
    off = replace(individuals, status=Status.NOT_REQUIRED, deadline=None, deadline_kind=DeadlineKind.NONE)
    vague = replace(individuals, deadline=None, deadline_kind=DeadlineKind.NO_FIXED_DEADLINE)
    for ob in (off, vague):
        assert grade_obligation(ob, None, date(2030, 1, 1)).timeliness is Timeliness.NOT_APPLICABLE
        assert (
            grade_obligation(ob, sent(ob.key, date(2030, 1, 1)), date(2030, 1, 1)).timeliness
            is Timeliness.NOT_APPLICABLE
        )


def test_a_decision_not_to_send_is_not_applicable_and_keeps_its_reason(individuals):
    skip = Notice(
        1,
        "HIPAA/individuals",
        NoticeAction.SKIPPED,
        AT,
        "tester",
        skip_reason="low probability of compromise",
    )
    grade = grade_obligation(individuals, skip, date(2030, 1, 1))
    assert grade.timeliness is Timeliness.NOT_APPLICABLE and grade.skipped and grade.sent_on is None


def test_days_late_asks_before_recording(individuals):
    assert days_late(individuals, DEADLINE) is None
    assert days_late(individuals, date(2026, 4, 8)) == 2


def test_grade_plan_follows_the_plan_order_and_ignores_orphans(hipaa_plan):
    notices = [sent("HIPAA/individuals", DEADLINE), sent("XX/gone", DEADLINE)]
    grades = grade_plan(hipaa_plan, notices, date(2026, 3, 1))
    assert [g.key for g in grades] == [o.key for o in hipaa_plan.obligations]
    assert [n.key for n in orphaned_notices(hipaa_plan, notices)] == ["XX/gone"]
    assert sum(counts(grades).values()) == len(hipaa_plan.obligations)


def test_individuals_notified_is_the_earliest_individual_notice_sent(hipaa_plan):
    notices = [sent("HIPAA/individuals", date(2026, 4, 2)), sent("CA/individuals", date(2026, 4, 1))]
    assert individuals_notified_from(hipaa_plan, notices) == date(2026, 4, 1)
    assert individuals_notified_from(hipaa_plan, []) is None


def test_a_late_reason_is_a_code_or_free_text():
    assert parse_late_reason("scope_being_determined") == (LateReason.SCOPE_BEING_DETERMINED, "")
    assert parse_late_reason("vendor lost the mailing list") == (
        LateReason.OTHER,
        "vendor lost the mailing list",
    )


@given(offset=st.integers(-400, 400), today_offset=st.integers(-400, 400))
def test_a_sent_notice_is_late_exactly_when_after_its_deadline(individuals, offset, today_offset):
    from datetime import timedelta

    on = DEADLINE + timedelta(days=offset)
    grade = grade_obligation(
        individuals, sent("HIPAA/individuals", on), DEADLINE + timedelta(days=today_offset)
    )
    assert (grade.timeliness is Timeliness.LATE) == (offset > 0)
    assert grade.days_late == (offset if offset > 0 else None)


# An hours deadline: the plan gives an instant, the register a date.
DUE_AT = datetime(2026, 4, 6, 16, tzinfo=UTC)


@pytest.fixture(scope="module")
def hours_clock(individuals):
    return replace(individuals, deadline_at=DUE_AT)


def test_an_hours_deadline_sent_on_its_date_cannot_be_proven_on_time_from_the_date(hours_clock):
    """72 hours that end at 16:00 are missed by a notice sent at 17:00 the same day; the
    register records only the date, so the grade asks for the time instead of passing it."""
    grade = grade_obligation(hours_clock, sent("HIPAA/individuals", DEADLINE), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.ON_TIME and grade.check_time
    assert grade.words == "sent on the deadline day: check the time"
    assert grade.days_late is None and not grade.needs_late_reason


def test_an_hours_deadline_sent_the_day_before_is_on_time(hours_clock):
    grade = grade_obligation(hours_clock, sent("HIPAA/individuals", date(2026, 4, 5)), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.ON_TIME


def test_an_hours_deadline_sent_the_day_after_is_late(hours_clock):
    grade = grade_obligation(hours_clock, sent("HIPAA/individuals", date(2026, 4, 7)), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.LATE and grade.days_late == 1


def test_a_day_deadline_sent_on_its_date_stays_on_time(individuals):
    assert individuals.deadline_at is None
    grade = grade_obligation(individuals, sent("HIPAA/individuals", DEADLINE), date(2026, 5, 1))
    assert grade.timeliness is Timeliness.ON_TIME and not grade.check_time and grade.words == "on time"


@given(offset=st.integers(-400, 400), hours=st.booleans())
def test_only_an_hours_deadline_sent_on_its_date_asks_for_the_time(individuals, offset, hours):
    from datetime import timedelta

    ob = replace(individuals, deadline_at=DUE_AT) if hours else individuals
    grade = grade_obligation(
        ob, sent("HIPAA/individuals", DEADLINE + timedelta(days=offset)), date(2026, 5, 1)
    )
    assert grade.check_time == (hours and offset == 0)
    assert (grade.timeliness is Timeliness.ON_TIME) == (offset <= 0)
