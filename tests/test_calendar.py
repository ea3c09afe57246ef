"""Business days on each jurisdiction's own holidays; month arithmetic at month ends."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.calendar import (
    FEDERAL,
    add_business_days,
    add_months,
    is_business_day,
    non_business_reason,
    previous_business_day,
)
from notifyplanner.model import HolidayCalendar
from notifyplanner.rulebook import load_rulebook

VT = HolidayCalendar("US", "VT")
IA = HolidayCalendar("US", "IA")
days = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))
# The bundled rule files' calendars too: Vermont and Iowa carry statute corrections.
_BUNDLED = load_rulebook()
calendars = st.sampled_from(
    [FEDERAL, VT, IA, HolidayCalendar("US", "TX"), HolidayCalendar("US", "PR")]
    + [_BUNDLED.get(code).holidays for code in ("VT", "IA")]  # type: ignore[union-attr]
)


def test_vermont_town_meeting_day_is_not_a_business_day_in_vermont_but_is_federally():
    town_meeting = date(2024, 3, 5)  # first Tuesday in March
    assert not is_business_day(town_meeting, VT)
    assert non_business_reason(town_meeting, VT) == "Town Meeting Day"
    assert is_business_day(town_meeting, FEDERAL)


def test_business_days_skip_weekends_and_the_start_day():
    friday = date(2024, 6, 7)
    assert add_business_days(friday, 1, FEDERAL) == date(2024, 6, 10)
    assert add_business_days(friday, 5, FEDERAL) == date(2024, 6, 14)


def test_fourteen_vermont_business_days_over_town_meeting_day():
    # Discovered Mon 2024-02-26: Feb 27-29 (3), Mar 1 (4), Mar 4 (5), Mar 5 holiday,
    # Mar 6-8 (8), Mar 11-15 (13), Mar 18 (14).
    assert add_business_days(date(2024, 2, 26), 14, VT) == date(2024, 3, 18)
    assert add_business_days(date(2024, 2, 26), 14, FEDERAL) == date(2024, 3, 15)


def test_previous_business_day_backs_off_a_holiday_weekend():
    # 2024-12-25 Wednesday; 2027-07-04 is a Sunday (observed Monday 07-05)
    assert previous_business_day(date(2024, 12, 25), FEDERAL) == date(2024, 12, 24)
    assert previous_business_day(date(2027, 7, 5), FEDERAL) == date(2027, 7, 2)


def test_months_clip_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 3, 15), 24) == date(2027, 3, 15)


@given(start=days, n=st.integers(min_value=1, max_value=60), calendar=calendars)
def test_a_business_day_deadline_never_lands_on_a_weekend_or_holiday(start, n, calendar):
    due = add_business_days(start, n, calendar)
    assert due > start
    assert is_business_day(due, calendar)
    # exactly n business days lie in (start, due]
    counted = sum(
        is_business_day(start + timedelta(days=i), calendar) for i in range(1, (due - start).days + 1)
    )
    assert counted == n


@given(day=days, calendar=calendars)
def test_practical_send_by_is_a_business_day_on_or_before(day, calendar):
    before = previous_business_day(day, calendar)
    assert before <= day
    assert is_business_day(before, calendar)
    assert (day - before).days < 10


def test_a_statute_correction_adds_and_removes_days():
    from notifyplanner.model import AddedHoliday

    corrected = HolidayCalendar(
        "US",
        "IA",
        added=(AddedHoliday("Test Day", 10, 0, 2),),
        removed=("Juneteenth National Independence Day",),
    )
    assert not is_business_day(date(2026, 6, 19), IA)
    assert is_business_day(date(2026, 6, 19), corrected)
    assert non_business_reason(date(2026, 10, 12), corrected) == "Test Day"
    assert is_business_day(date(2026, 10, 12), IA)


@given(year=st.integers(1990, 2100))
def test_an_easter_holiday_is_the_friday_before_easter_every_year(year):
    """Good Friday (N.D.C.C. § 1-03-01(5)) moves with Easter: no month-and-weekday rule holds it."""
    from dateutil.easter import easter

    from notifyplanner.model import AddedHoliday

    nd = HolidayCalendar("US", "ND", added=(AddedHoliday("Good Friday", 0, 0, 0, easter_offset=-2),))
    good_friday = easter(year) - timedelta(days=2)
    assert good_friday.weekday() == 4
    assert non_business_reason(good_friday, nd) == "Good Friday"
    assert is_business_day(good_friday, HolidayCalendar("US", "ND")), "python-holidays' ND lacks it"


def test_nth_weekday():
    from notifyplanner.calendar import nth_weekday

    assert nth_weekday(2026, 10, 0, 2) == date(2026, 10, 12)  # second Monday in October
    assert nth_weekday(2026, 11, 3, 4) == date(2026, 11, 26)  # fourth Thursday in November
    assert nth_weekday(2024, 3, 1, 1) == date(2024, 3, 5)  # first Tuesday in March
