"""Choosing the version in force: by discovery, unless a version names another event."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyplanner.model import Event, Incident, InForceAt
from notifyplanner.rulebook import load_rulebook
from notifyplanner.versions import choose_version

RULES = load_rulebook()
TX = RULES.get("TX")
SB_768 = date(2023, 9, 1)

days = st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    discovered=days,
    later=st.integers(min_value=0, max_value=400),
    code=st.sampled_from(sorted(RULES.jurisdictions)),
)
def test_a_jurisdiction_without_another_event_is_chosen_by_discovery_and_says_nothing(
    discovered, later, code
):
    jurisdiction = RULES.get(code)
    if any(v.in_force_at is not None for v in jurisdiction.versions):
        return
    incident = Incident(discovered=discovered, determined=discovered + timedelta(days=later))
    choice = choose_version(jurisdiction, incident)
    assert choice.version is jurisdiction.version_on(discovered)
    assert choice.basis == "" and choice.warning == ""


@settings(max_examples=200, deadline=None)
@given(discovered=days, later=st.integers(min_value=0, max_value=400))
def test_texas_is_chosen_by_the_determination_date_from_sb_768(discovered, later):
    determined = discovered + timedelta(days=later)
    choice = choose_version(TX, Incident(discovered=discovered, determined=determined))
    expected = TX.version_on(determined) if determined >= SB_768 else TX.version_on(discovered)
    assert choice.version is expected
    assert choice.basis.startswith("Texas rules in force on the ")
    assert choice.warning == ""


def test_without_a_discovery_date_the_latest_version_is_shown():
    assert choose_version(TX, Incident()).version is TX.latest


def test_before_the_first_version_nothing_is_in_force():
    first = TX.versions[0].effective_from
    assert choose_version(TX, Incident(discovered=first - timedelta(days=1))).version is None


def test_a_missing_determination_before_the_boundary_warns_that_the_deadline_may_be_earlier():
    choice = choose_version(TX, Incident(discovered=date(2023, 8, 25)))
    assert choice.version is TX.version_on(date(2023, 8, 25))
    assert "no determination date is entered" in choice.warning
    assert "may be earlier" in choice.warning


def test_a_missing_determination_after_the_boundary_needs_no_warning():
    """A determination comes on or after discovery, so S.B. 768 governs whatever it is."""
    choice = choose_version(TX, Incident(discovered=date(2023, 9, 3)))
    assert choice.version is TX.latest
    assert choice.warning == ""
    assert "none is entered, so the discovery date 2023-09-03 stands in" in choice.basis


def test_a_version_chosen_by_discovery_after_one_chosen_by_determination_still_takes_over():
    """Any mix of events: the latest version whose own event has reached its date governs."""
    later = replace(TX.latest, effective_from=date(2025, 1, 1), in_force_at=None, enacted_by="test act")
    jurisdiction = replace(TX, versions=(*TX.versions, later))
    choice = choose_version(jurisdiction, Incident(discovered=date(2025, 1, 2), determined=date(2025, 1, 3)))
    assert choice.version is later
    assert choice.basis.startswith("Texas rules in force on the discovery date 2025-01-02 (test act")
    earlier = choose_version(
        jurisdiction, Incident(discovered=date(2024, 12, 30), determined=date(2025, 1, 3))
    )
    assert earlier.version is TX.latest


def test_the_choosing_event_carries_its_citation():
    at = TX.latest.in_force_at
    assert isinstance(at, InForceAt) and at.event is Event.DETERMINATION
    assert ("version chosen by the determination date", at.citation) in TX.latest.citations()
