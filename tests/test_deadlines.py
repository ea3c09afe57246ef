"""The deadline algebra, one expression kind at a time."""

from datetime import date

from notifyplanner.calendar import FEDERAL
from notifyplanner.deadlines import Computed, describe, evaluate
from notifyplanner.model import (
    AfterYearEnd,
    DayKind,
    DaysAfter,
    DeadlineKind,
    EarliestOf,
    Event,
    HoursAfter,
    Incident,
    NoFixedDeadline,
    WithNotice,
)

INCIDENT = Incident(discovered=date(2024, 3, 1), determined=date(2024, 3, 5))


def no_other(_: str) -> Computed | None:
    return None


def individuals_due(day: date):
    return lambda notice: (
        Computed(day, DeadlineKind.FIXED, "60 calendar days after discovery")
        if notice == "individuals"
        else None
    )


def test_calendar_days_after_an_event():
    result = evaluate(DaysAfter(30, DayKind.CALENDAR, Event.DETERMINATION), INCIDENT, FEDERAL, no_other)
    assert result.deadline == date(2024, 4, 4)
    assert result.basis == "30 calendar days after determination that a breach occurred 2024-03-05"
    assert not result.conservative


def test_missing_determination_uses_discovery_and_says_so():
    incident = Incident(discovered=date(2024, 3, 1))
    result = evaluate(DaysAfter(30, DayKind.CALENDAR, Event.DETERMINATION), incident, FEDERAL, no_other)
    assert result.deadline == date(2024, 3, 31)
    assert result.conservative
    assert result.needs == ("determination date",)
    assert "conservative" in result.basis


def test_no_discovery_date_gives_no_date_and_names_the_need():
    result = evaluate(DaysAfter(30, DayKind.CALENDAR, Event.DISCOVERY), Incident(), FEDERAL, no_other)
    assert result.deadline is None
    assert result.needs == ("discovery date",)


def test_no_fixed_deadline_is_never_a_number():
    result = evaluate(NoFixedDeadline("without unreasonable delay"), INCIDENT, FEDERAL, no_other)
    assert result.deadline is None
    assert result.kind is DeadlineKind.NO_FIXED_DEADLINE


def test_business_days_after_discovery():
    result = evaluate(DaysAfter(10, DayKind.BUSINESS, Event.DISCOVERY), INCIDENT, FEDERAL, no_other)
    assert result.deadline == date(2024, 3, 15)
    assert "10 business days" in result.basis


def test_hours_plan_on_the_last_day_surely_inside_the_window():
    result = evaluate(HoursAfter(72, Event.DISCOVERY), INCIDENT, FEDERAL, no_other)
    assert result.deadline == date(2024, 3, 3)
    assert evaluate(HoursAfter(24, Event.DISCOVERY), INCIDENT, FEDERAL, no_other).deadline == date(2024, 3, 1)


def test_days_after_the_end_of_the_calendar_year_of_discovery():
    result = evaluate(AfterYearEnd(60, Event.DISCOVERY), INCIDENT, FEDERAL, no_other)
    assert result.deadline == date(2025, 3, 1)
    leap = Incident(discovered=date(2023, 7, 1))
    assert evaluate(AfterYearEnd(60, Event.DISCOVERY), leap, FEDERAL, no_other).deadline == date(2024, 2, 29)


def test_same_time_as_individuals_takes_their_deadline():
    result = evaluate(
        WithNotice("individuals", "same_time"), INCIDENT, FEDERAL, individuals_due(date(2024, 4, 30))
    )
    assert result.deadline == date(2024, 4, 30)
    assert result.basis.startswith("At the same time as the deadline for notice to individuals")


def test_within_days_after_the_consumer_notice_runs_from_the_entered_date():
    incident = Incident(discovered=date(2024, 3, 1), individuals_notified=date(2024, 3, 20))
    expr = WithNotice("individuals", "after", 5, DayKind.BUSINESS)
    result = evaluate(expr, incident, FEDERAL, individuals_due(date(2024, 4, 30)))
    assert result.deadline == date(2024, 3, 27)
    assert "as entered" in result.basis


def test_relative_to_a_notice_without_a_date_has_no_date():
    no_date = lambda _: Computed(None, DeadlineKind.NO_FIXED_DEADLINE, "No fixed deadline")  # noqa: E731
    result = evaluate(WithNotice("individuals", "after", 5, DayKind.BUSINESS), INCIDENT, FEDERAL, no_date)
    assert result.deadline is None
    assert result.kind is DeadlineKind.RELATIVE_TO_NOTICE
    assert result.needs == ("date individuals are notified",)


def test_before_the_consumer_notice_is_bounded_by_its_deadline():
    result = evaluate(
        WithNotice("individuals", "before"), INCIDENT, FEDERAL, individuals_due(date(2024, 4, 15))
    )
    assert result.deadline == date(2024, 4, 15)
    assert "before the individual notices" in result.basis


def test_whichever_is_first():
    expr = EarliestOf(
        (WithNotice("individuals", "same_time"), DaysAfter(45, DayKind.CALENDAR, Event.DETERMINATION))
    )
    result = evaluate(expr, INCIDENT, FEDERAL, individuals_due(date(2024, 5, 30)))
    assert result.deadline == date(2024, 4, 19)  # 2024-03-05 + 45
    assert result.basis.startswith("Whichever comes first of:")
    later = evaluate(expr, INCIDENT, FEDERAL, individuals_due(date(2024, 4, 1)))
    assert later.deadline == date(2024, 4, 1)


def test_describe_reads_like_a_chart():
    assert describe(DaysAfter(14, DayKind.BUSINESS, Event.DISCOVERY)) == "14 business days after discovery"
    assert describe(WithNotice("individuals", "before")) == "before individuals notice"


def test_a_stand_in_clock_that_cannot_come_first_asks_for_nothing():
    """Florida's 30 days from reason to believe (discovery) or determination: without a
    determination date the discovery clock already decides, and the determination clock
    (its stand-in is discovery, its real date later) can never come first."""
    from dataclasses import replace

    from notifyplanner.model import DayKind, DaysAfter, EarliestOf, Event

    expr = EarliestOf(
        (
            DaysAfter(30, DayKind.CALENDAR, Event.DISCOVERY),
            DaysAfter(30, DayKind.CALENDAR, Event.DETERMINATION),
        )
    )
    undetermined = replace(INCIDENT, determined=None)
    result = evaluate(expr, undetermined, FEDERAL, individuals_due(date(2024, 4, 30)))
    assert result.deadline == date(2024, 3, 31)
    assert result.needs == () and not result.conservative
    assert "cannot end earlier" in result.basis
