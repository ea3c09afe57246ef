"""The loader: the bundled rules load, and each kind of broken file is named precisely."""

import shutil
from pathlib import Path

import pytest

from notifyplanner.model import DayKind, DaysAfter, Event
from notifyplanner.rulebook import BUNDLED_RULES, RulebookError, check_rules, load_jurisdiction, load_rulebook

BROKEN = Path(__file__).parent / "fixtures" / "broken_rules"

# fixture file -> (JSON path expected in the message, words expected in the message)
CASES = {
    "invalid_json.json": ("line 1 column", "not valid JSON"),
    "duplicate_key.json": ("$.versions[1].obligations[1].trigger", "duplicate key 'min_residents'"),
    "unknown_key.json": ("$.versions[2].obligations[1]", "'deadlien' was unexpected"),
    "bad_deadline_type.json": ("$.versions[2].obligations[1].deadline", "unknown deadline type 'fortnight'"),
    "impossible_date.json": ("$.versions[2].effective_from", "not a real date"),
    "missing_notice.json": ("$.versions[2].obligations[1].deadline", "'consumers'"),
    "versions_out_of_order.json": ("$.versions[1].effective_from", "strictly increasing"),
    "before_statute.json": ("$.versions[0].effective_from", "before the statute took effect"),
    "bad_subdivision.json": ("$.holidays.subdivision", "'ZZ'"),
    "missing_citation_url.json": ("$.versions[2].obligations[0].citation", "'url' is a required property"),
    "zero_threshold.json": ("$.versions[2].obligations[1].trigger.min_residents", "less than the minimum"),
    "unknown_still_required.json": ("$.versions[2].hipaa.still_required[0]", "'state_police'"),
    "wrong_code.json": ("$.code", "belongs in tx.json"),
    "duplicate_obligation_id.json": ("$.versions[2].obligations[2].id", "used twice"),
    "unknown_holiday_removal.json": ("$.holidays.remove[0]", "no holiday named 'Columbus Dya'"),
    "impossible_closure_date.json": ("$.holidays.add[0].date", "'2025-02-30' is not a calendar date"),
    "holiday_change_without_source.json": ("$.holidays", "'source' is a dependency of 'remove'"),
    "missing_checked.json": ("$.versions[2].obligations[0].citation", "'checked' is a required property"),
    "unknown_check_level.json": ("$.versions[2].obligations[0].citation.checked", "'charts' is not one of"),
    "read_at_not_a_link.json": ("$.versions[2].statute.read_at", "does not match"),
    # issue 15: a count out of range is named as such, not as an unknown deadline type
    "day_count_out_of_range.json": (
        "$.versions[3].obligations[0].deadline",
        "1000000000 is greater than the maximum of 400 at days",
    ),
    "notice_cycle.json": (
        "$.versions[3].obligations[0].deadline",
        "individuals -> attorney_general -> individuals",
    ),
    "deep_nesting.json": ("line 2 column", "nested more than 32 levels"),
    "huge_integer.json": ("versions[3].obligations[1].trigger.min_residents", "5,000 digits is out of range"),
    "lone_surrogate.json": ("versions[3].notes", "lone surrogate"),
    "date_out_of_window.json": ("$.last_reviewed", "outside the dates"),
    # a version is chosen by the discovery or the determination date, nothing else
    "version_chosen_by_vendor_notice.json": (
        "$.versions[3].in_force_at.event",
        "'vendor_notice' is not one of",
    ),
    # issue 14: a letter element outside the vocabulary
    "unknown_letter_element.json": (
        "$.versions[3].obligations[0].letter.forbidden_elements[0].element",
        "'nature_of_breach' is not one of",
    ),
}

# Files that load (a user's copy may plan with them) but fail the source standard that
# 'rules check' holds every bundled file to.
SOURCE_CASES = {
    "unofficial_host.json": (
        "$.versions[2].obligations[1].citation.url",
        "host 'law.justia.com' is not an official source",
    ),
    "research_jotting.json": ("$.versions[2].obligations[1].notes", "research jotting 'from memory'"),
    "field_name_in_note.json": ("$.versions[2].law_enforcement.notes", "'without_unreasonable_delay'"),
}


def test_every_broken_fixture_has_a_case():
    assert sorted(p.name for p in BROKEN.glob("*.json")) == sorted(CASES | SOURCE_CASES)


@pytest.mark.parametrize("fixture", sorted(SOURCE_CASES))
def test_rules_check_refuses_unofficial_links_and_research_jottings(fixture, tmp_path):
    shutil.copy(BROKEN / fixture, tmp_path / "tx.json")
    load_jurisdiction(tmp_path / "tx.json")  # loadable: only the source standard fails
    problems = [str(p) for p in check_rules(tmp_path)]
    path, words = SOURCE_CASES[fixture]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"tx.json: {path}: "), problems
    assert words in problems[0], problems


def test_check_level_and_read_at_reach_the_model(tmp_path):
    from notifyplanner.model import CheckLevel

    shutil.copy(BROKEN / "unofficial_host.json", tmp_path / "tx.json")
    tx = load_jurisdiction(tmp_path / "tx.json")
    ag = tx.versions[2].obligation("attorney_general")
    assert ag.citation.checked is CheckLevel.STATUTE_TEXT
    bundled = load_rulebook().get("FL").latest.obligation("individuals").citation
    assert bundled.url.startswith("https://www.flsenate.gov/Laws/Statutes/")
    assert bundled.read_at.startswith("http://fl.elaws.us/")


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_broken_rule_file_is_named_with_its_json_path(fixture, tmp_path):
    target = tmp_path / ("wrong_code.json" if fixture == "wrong_code.json" else "tx.json")
    shutil.copy(BROKEN / fixture, target)
    with pytest.raises(RulebookError) as caught:
        load_jurisdiction(target)
    path, words = CASES[fixture]
    message = str(caught.value)
    assert message.startswith(target.name + ": "), message
    assert path in message, message
    assert words in message, message


def test_check_rules_reports_every_broken_file_and_load_refuses(tmp_path):
    shutil.copy(BROKEN / "impossible_date.json", tmp_path / "tx.json")
    shutil.copy(BUNDLED_RULES / "hipaa.json", tmp_path / "hipaa.json")
    problems = check_rules(tmp_path)
    assert [p.file for p in problems] == ["tx.json"]
    with pytest.raises(RulebookError):
        load_rulebook(tmp_path)


def test_an_empty_or_missing_folder_is_an_error(tmp_path):
    assert "no rule files" in str(check_rules(tmp_path)[0])
    assert "not a folder" in str(check_rules(tmp_path / "nope")[0])


def test_bundled_rules_load_and_dates_are_parsed_once():
    rulebook = load_rulebook()
    tx = rulebook.get("TX")
    assert tx is not None
    ag = tx.latest.obligation("attorney_general")
    assert ag is not None
    assert ag.deadline == DaysAfter(30, DayKind.CALENDAR, Event.DETERMINATION)
    assert tx.versions[0].effective_from < tx.versions[-1].effective_from


def test_version_in_force_is_the_latest_not_after_the_day():
    from datetime import date

    tx = load_rulebook().get("TX")
    assert tx.version_on(date(2020, 6, 1)).effective_from == date(2020, 1, 1)
    assert tx.version_on(date(2023, 8, 31)).effective_from < date(2023, 9, 1)
    assert tx.version_on(date(2023, 9, 1)).effective_from == date(2023, 9, 1)
    assert tx.version_on(date(1999, 1, 1)) is None
