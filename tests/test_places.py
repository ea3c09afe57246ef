"""Jurisdiction codes, spellings and ZIP prefixes (notifyplanner.places)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.places import (
    ALL_USPS_CODES,
    JURISDICTIONS,
    MILITARY_CODES,
    OTHER_USPS_CODES,
    ZIP3_RANGES,
    ZIP5_EXCEPTIONS,
    is_blank_marker,
    is_foreign_region,
    normalize_country,
    normalize_state,
    zip5,
    zip_to_state,
)

FIFTY_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY",
}  # fmt: skip


def test_54_planning_jurisdictions() -> None:
    assert len(JURISDICTIONS) == 54
    assert set(JURISDICTIONS) == FIFTY_STATES | {"DC", "PR", "GU", "VI"}
    assert JURISDICTIONS["DC"] == "District of Columbia"
    assert JURISDICTIONS["VI"] == "U.S. Virgin Islands"


def test_other_codes_are_separate() -> None:
    assert set(OTHER_USPS_CODES) == {"AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP"}
    assert set(MILITARY_CODES) == {"AA", "AE", "AP"}
    assert not set(OTHER_USPS_CODES) & set(JURISDICTIONS)
    assert list(ALL_USPS_CODES)[:54] == list(JURISDICTIONS)


def test_mappings_are_read_only() -> None:
    with pytest.raises(TypeError):
        JURISDICTIONS["XX"] = "Nowhere"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CA", "CA"),
        ("ca", "CA"),
        ("Ca.", "CA"),
        ("California", "CA"),
        ("California ", "CA"),
        ("  CALIFORNIA", "CA"),
        ("Calif.", "CA"),
        ("Mass.", "MA"),
        ("Penn.", "PA"),
        ("Penna", "PA"),
        ("N. Dak.", "ND"),
        ("N.D.", "ND"),
        ("North   Dakota", "ND"),
        ("W. Va.", "WV"),
        ("Wash.", "WA"),
        ("Washington", "WA"),
        ("Wash. D.C.", "DC"),
        ("Washington, D.C.", "DC"),
        ("D.C.", "DC"),
        ("District of Columbia", "DC"),
        ("Puerto Rico", "PR"),
        ("P.R.", "PR"),
        ("U.S. Virgin Islands", "VI"),
        ("Virgin Islands", "VI"),
        ("USVI", "VI"),
        ("Guam", "GU"),
        ("American Samoa", "AS"),
        ("Northern Mariana Islands", "MP"),
        ("Palau", "PW"),
        ("Micronesia", "FM"),
        ("Marshall Islands", "MH"),
        ("AA", "AA"),
        ("ae", "AE"),
        ("Armed Forces Pacific", "AP"),
        ("Armed Forces Europe", "AE"),
        ("Hawai'i", "HI"),
        ("Hawaiʻi", "HI"),
        ("State of New York", "NY"),
        ("Commonwealth of Massachusetts", "MA"),
        ("TEXAS\u00a0", "TX"),
    ],
)
def test_normalize_state_spellings(text: str, code: str) -> None:
    assert normalize_state(text) == code


@pytest.mark.parametrize("text", ["", "   ", None, "XX", "Ontario", "Germany", "123", "C"])
def test_normalize_state_rejects(text: str | None) -> None:
    assert normalize_state(text) is None


def test_every_code_and_name_round_trips() -> None:
    for code, name in ALL_USPS_CODES.items():
        assert normalize_state(code) == code
        assert normalize_state(code.lower()) == code
        assert normalize_state(name) == code
        assert normalize_state(name.upper() + "  ") == code


@given(st.sampled_from(sorted(ALL_USPS_CODES)), st.sampled_from(["", " ", "  ", "."]))
def test_padding_and_case_never_matter(code: str, pad: str) -> None:
    name = ALL_USPS_CODES[code]
    assert normalize_state(pad + name.swapcase() + pad) == code


@given(st.text(max_size=12))
def test_normalize_state_total(text: str) -> None:
    """Any text gives a known code or None, never an exception."""
    assert normalize_state(text) in {None, *ALL_USPS_CODES}


def test_foreign_regions_and_countries() -> None:
    assert is_foreign_region("Ontario")
    assert is_foreign_region("Québec")
    assert is_foreign_region("QC")
    assert is_foreign_region("Germany")
    assert not is_foreign_region("CA")
    assert not is_foreign_region("")
    # A USPS code is never also listed as foreign.
    assert not any(is_foreign_region(c) for c in ALL_USPS_CODES)
    assert normalize_country("USA") == "US"
    assert normalize_country("United States of America") == "US"
    assert normalize_country("Puerto Rico") == "US"
    assert normalize_country("Palau") == "US"
    assert normalize_country("Canada") == "foreign"
    assert normalize_country("Brasil") == "foreign"
    assert normalize_country("N/A") is None
    assert normalize_country("") is None
    assert is_blank_marker(" n/a ")
    assert not is_blank_marker("CA")


@pytest.mark.parametrize(
    ("text", "z5"),
    [
        ("02134", "02134"),
        ("02134-1234", "02134"),
        ("021341234", "02134"),
        ("2134", "02134"),  # Excel dropped the zero
        ("2134.0", "02134"),
        ("501", "00501"),
        ("21341234", "02134"),
        (" 10001 ", "10001"),
        ("K1A 0B1", None),
        ("ABCDE", None),
        ("123456", None),
        ("", None),
    ],
)
def test_zip5(text: str, z5: str | None) -> None:
    assert zip5(text) == z5


@pytest.mark.parametrize(
    ("z", "code"),
    [
        ("00501", "NY"),
        ("00601", "PR"),
        ("00725", "PR"),
        ("00802", "VI"),
        ("00901", "PR"),
        ("02134", "MA"),
        ("09012", "AE"),
        ("09800", "AE"),
        ("10001", "NY"),
        ("20001", "DC"),
        ("20101", "VA"),
        ("20202", "DC"),
        ("20500", "DC"),
        ("20588", "MD"),
        ("34001", "AA"),
        ("33101", "FL"),
        ("56901", "DC"),
        ("73301", "TX"),
        ("88510", "TX"),
        ("96201", "AP"),
        ("96601", "AP"),
        ("96813", "HI"),
        ("96799", "AS"),
        ("96910", "GU"),
        ("96932", "GU"),
        ("96950", "MP"),
        ("96941", "FM"),
        ("96960", "MH"),
        ("96940", "PW"),
        ("99501", "AK"),
        ("06390", "NY"),
        ("06320", "CT"),
        ("00001", None),  # 000 is not assigned
        ("21301", None),  # 213 is not assigned
        ("K1A 0B1", None),
    ],
)
def test_zip_to_state(z: str, code: str | None) -> None:
    assert zip_to_state(z) == code


def test_zip3_ranges_are_ordered_disjoint_and_cover_every_area() -> None:
    seen: set[int] = set()
    last = -1
    for first, end, code in ZIP3_RANGES:
        assert first <= end
        assert first > last, "ranges must be sorted and disjoint"
        last = end
        assert code in ALL_USPS_CODES
        seen.update(range(first, end + 1))
    codes = {code for _, _, code in ZIP3_RANGES} | set(ZIP5_EXCEPTIONS.values())
    assert codes == set(ALL_USPS_CODES)
    assert {6, 7, 9} <= seen and 8 in seen  # PR and VI
    assert all(p in seen for p in range(90, 99))  # AE
    assert all(z5[:3].isdigit() and len(z5) == 5 for z5 in ZIP5_EXCEPTIONS)
