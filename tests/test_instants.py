"""Hours on real instants: elapsed time is exact across daylight-saving changes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notifyplanner.instants import (
    add_hours,
    at_time,
    instant_text,
    local_date,
    parse_instant,
    start_of_day,
    zone,
)

ZONES = [
    "America/New_York",
    "America/Chicago",
    "Europe/Berlin",
    "Europe/London",
    "Asia/Tokyo",
    "Australia/Sydney",
]


@settings(max_examples=150, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(2018, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    hours=st.integers(min_value=1, max_value=2400),
    tz=st.sampled_from(ZONES),
)
def test_the_deadline_is_exactly_that_many_real_hours_later_in_every_zone(start, hours, tz):
    end = add_hours(start, hours, tz)
    assert end - start == timedelta(hours=hours)
    assert end.tzinfo is not None and str(end.tzinfo) == tz
    assert local_date(end, tz) == end.date()


def test_a_time_without_an_offset_is_refused():
    with pytest.raises(ValueError, match="offset"):
        parse_instant("2026-03-06T15:00")
    with pytest.raises(ValueError):
        parse_instant("2026-03-06")
    assert parse_instant("2026-03-06T20:00Z") == datetime(2026, 3, 6, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "", "../etc/passwd", "/usr/share/zoneinfo/UTC", "america/new_york"]
)
def test_only_real_iana_names_are_time_zones(name):
    with pytest.raises(ValueError):
        zone(name)


def test_start_of_day_is_local_midnight_or_the_earliest_midnight_anywhere():
    assert start_of_day(date(2026, 3, 8), "America/New_York").utcoffset() == timedelta(hours=-5)
    assert start_of_day(date(2026, 3, 8), None).utcoffset() == timedelta(hours=14)


def test_filing_cutoff_and_text():
    cut = at_time(date(2026, 12, 1), "17:30", "America/New_York")
    assert instant_text(cut) == "2026-12-01 17:30 (UTC-05:00)"
