"""rule_parse: what the schema cannot check is refused with the file and the JSON path."""

from __future__ import annotations

from datetime import date

import pytest

from notifyplanner.rule_parse import RulebookError, parse_date, parse_holidays


def test_a_date_that_does_not_exist_names_the_file_and_path():
    with pytest.raises(RulebookError, match=r"tx\.json: \$\.versions\[0\]\.effective_from: not a real date"):
        parse_date("2023-02-30", "tx.json", "$.versions[0].effective_from")


def test_a_real_date_is_read_once():
    assert parse_date("2023-09-01", "tx.json", "$.x") == date(2023, 9, 1)


def test_removing_a_holiday_python_holidays_does_not_know_is_refused():
    spec = {"country": "US", "subdivision": "TX", "remove": ["Columbus Dayy"]}
    with pytest.raises(RulebookError, match=r"\$\.holidays\.remove\[0\].*no holiday named 'Columbus Dayy'"):
        parse_holidays(spec, "TX", "tx.json")


def test_a_dated_closure_must_be_a_calendar_day():
    spec = {"country": "US", "subdivision": None, "add": [{"name": "Closure", "date": "2025-02-29"}]}
    with pytest.raises(RulebookError, match=r"\$\.holidays\.add\[0\]\.date"):
        parse_holidays(spec, None, "sec-8k.json")


def test_a_dated_closure_is_kept_with_its_day():
    spec = {
        "country": "US",
        "subdivision": None,
        "add": [{"name": "National Day of Mourning", "date": "2025-01-09"}],
    }
    calendar = parse_holidays(spec, None, "sec-8k.json")
    assert calendar.added[0].on == date(2025, 1, 9)


def test_a_removal_through_a_date_keeps_the_holiday_after_it():
    from notifyplanner.calendar import is_business_day

    spec = {"country": "US", "subdivision": "VT", "source": {"cite": "x", "url": "https://x", "checked": "secondary"},
            "remove": [{"name": "Juneteenth National Independence Day", "through": "2024-06-30"}]}  # fmt: skip
    calendar = parse_holidays(spec, "VT", "vt.json")
    assert is_business_day(date(2024, 6, 19), calendar)
    assert not is_business_day(date(2025, 6, 19), calendar)


def test_a_removal_through_a_date_must_name_a_known_holiday_and_a_real_date():
    spec = {"country": "US", "subdivision": "VT", "remove": [{"name": "Juneteeth", "through": "2024-06-30"}]}
    with pytest.raises(RulebookError, match=r"\$\.holidays\.remove\[0\].*'Juneteeth'"):
        parse_holidays(spec, "VT", "vt.json")
    spec = {"country": "US", "subdivision": "VT", "remove": [{"name": "Juneteenth National Independence Day", "through": "2024-02-30"}]}  # fmt: skip
    with pytest.raises(RulebookError, match=r"\$\.holidays\.remove\[0\]\.through"):
        parse_holidays(spec, "VT", "vt.json")
