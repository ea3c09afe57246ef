"""Instants for clocks counted in hours: time zones, aware datetimes, real elapsed hours.

NYDFS's 72 hours, the banking rule's 36 and GDPR's 72 run from an instant, not a day, and
across a daylight-saving change 72 hours is not "three days at the same wall-clock time".
So hours are added on UTC and the result is shown in the incident's time zone (zoneinfo,
the IANA database). Where only a date is known, the clock runs from the start of that day
in the incident's time zone: the earliest the event can have happened, so the deadline is
never later than the law's. Without a time zone, the start of that day anywhere on Earth
(UTC+14) is used, for the same reason, and the plan asks for the zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# The earliest start of any calendar day: Kiribati's Line Islands keep UTC+14.
EARLIEST_ZONE = timezone(timedelta(hours=14))


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ``ValueError`` with a one-line message when there is none.

    zoneinfo also accepts file paths under the tz database; only real names are allowed.
    """
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"not an IANA time zone name: {name!r}")
    if name not in _names():
        raise ValueError(f"unknown time zone {name[:60]!r} (expected an IANA name such as America/New_York)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name[:60]!r}") from None


_NAMES: frozenset[str] | None = None


def _names() -> frozenset[str]:
    global _NAMES
    if _NAMES is None:
        _NAMES = frozenset(available_timezones())
    return _NAMES


def parse_instant(value: str) -> datetime:
    """An ISO 8601 date-time with a UTC offset; ``ValueError`` for anything else.

    A time without an offset is refused: "09:00" in which city decides the deadline.
    """
    if not isinstance(value, str) or "T" not in value:
        raise ValueError("expected a date-time such as 2026-03-06T15:00:00-05:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a real date-time: {value[:40]!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("needs its UTC offset (e.g. -05:00 or Z): the hour alone does not fix the instant")
    return parsed


def local_date(instant: datetime, time_zone: str | None) -> date:
    """The calendar day of ``instant`` in ``time_zone`` (its own offset when none is given)."""
    return instant.astimezone(zone(time_zone)).date() if time_zone else instant.date()


def start_of_day(day: date, time_zone: str | None) -> datetime:
    """00:00 of ``day`` in ``time_zone``; without a zone, the earliest 00:00 anywhere."""
    tz = zone(time_zone) if time_zone else EARLIEST_ZONE
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def add_hours(start: datetime, hours: int, time_zone: str | None) -> datetime:
    """``hours`` real elapsed hours after ``start``, shown in ``time_zone``.

    Added on UTC: 72 hours from 15:00 on the Friday before the spring change end at 16:00
    local on Monday, not 15:00. No weekend or holiday roll: the rules count hours.
    """
    end = start.astimezone(UTC) + timedelta(hours=hours)
    return end.astimezone(zone(time_zone)) if time_zone else end.astimezone(start.tzinfo)


def at_time(day: date, hhmm: str, time_zone: str) -> datetime:
    """``day`` at ``hhmm`` local time in ``time_zone`` (a filing cut-off)."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone(time_zone))


def instant_text(instant: datetime) -> str:
    """2026-03-09 16:00 (UTC-04:00): what a reader signs, with its offset."""
    offset = instant.strftime("%z")
    sign, hh, mm = offset[0], offset[1:3], offset[3:5]
    return f"{instant.strftime('%Y-%m-%d %H:%M')} (UTC{sign}{hh}:{mm})"
