"""Business days and month arithmetic, per jurisdiction.

Business days are counted on the jurisdiction's own public holidays (python-holidays,
US with the state or territory as subdivision), so Vermont's Town Meeting Day and
Bennington Battle Day count as non-business days for a Vermont deadline but not for a
federal one. Holiday sets are cached per (subdivision, year) because the app replans on
every keystroke.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from notifyplanner.model import HolidayCalendar

FEDERAL = HolidayCalendar(country="US", subdivision=None)


@lru_cache(maxsize=512)
def _holidays(calendar: HolidayCalendar, year: int) -> dict[date, str]:
    if calendar.country is None:  # weekends only: a rule whose clocks count hours
        return {}
    found = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=year)
    days = {
        day: name
        for day, name in found.items()
        if not _is_removed(name, calendar.removed)
        and not _is_removed(name, tuple(n for n, last in calendar.removed_through if day <= last))
    }
    for extra in calendar.added:
        if extra.on is not None:  # one dated closure, only in its own year
            if extra.on.year == year:
                days.setdefault(extra.on, extra.name)
            continue
        if extra.easter_offset is not None:  # Good Friday: Easter Sunday - 2 days
            days.setdefault(easter(year) + timedelta(days=extra.easter_offset), extra.name)
            continue
        days.setdefault(nth_weekday(year, extra.month, extra.weekday, extra.nth), extra.name)
    return days


def _is_removed(name: str, removed: tuple[str, ...]) -> bool:
    # python-holidays joins two holidays on one day with "; " and marks observed days
    # "X (observed)": removing "X" removes its observed day too; removing "X (observed)"
    # removes only the observed day.
    return all(p in removed or p.removesuffix(" (observed)") in removed for p in name.split("; "))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (0 = Monday) of ``month``: the second Monday in October."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def holiday_names(calendar: HolidayCalendar, years: range) -> set[str]:
    """Every holiday name python-holidays gives ``calendar`` in ``years``, uncorrected."""
    if calendar.country is None:
        return set()
    found = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=list(years))
    return {p for name in found.values() for p in name.split("; ")}


def holiday_name(day: date, calendar: HolidayCalendar) -> str | None:
    """The holiday on ``day`` in ``calendar``, or None."""
    return _holidays(calendar, day.year).get(day)


def non_business_reason(day: date, calendar: HolidayCalendar) -> str:
    """Why ``day`` is not a business day ('Saturday', 'Labor Day'), or '' if it is one."""
    if day.weekday() == 5:
        return "Saturday"
    if day.weekday() == 6:
        return "Sunday"
    return holiday_name(day, calendar) or ""


def is_business_day(day: date, calendar: HolidayCalendar) -> bool:
    return not non_business_reason(day, calendar)


def add_business_days(start: date, days: int, calendar: HolidayCalendar) -> date:
    """The ``days``-th business day after ``start`` (``start`` itself never counts).

    "Within 14 business days of discovery" on a Monday discovery counts Tuesday as day 1.
    """
    if days < 1:
        raise ValueError("business days must be at least 1")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_business_day(day, calendar):
            counted += 1
    return day


def previous_business_day(day: date, calendar: HolidayCalendar) -> date:
    """The last business day on or before ``day``: the practical send-by date."""
    while not is_business_day(day, calendar):
        day -= timedelta(days=1)
    return day


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clipped to the month's last day.

    dateutil's rule: 2025-01-31 + 1 month is 2025-02-28. A monitoring period that starts
    on the 31st therefore ends on the last day of a shorter month, never spills into the
    next one; we say so wherever a month-based date is shown.
    """
    return start + relativedelta(months=months)


MONTH_RULE = (
    "months added by calendar month; a start on the 29th-31st ends on the last day of a shorter month"
)
