"""Issue 14, content as data: every jurisdiction says what its individual notice must and
must not say, each element cited, with one vocabulary shared by the schema and the core."""

import json

import pytest

from notifyplanner.letter_rules import CONDITIONS, ELEMENTS, FILING_FIELDS
from notifyplanner.model import Recipient
from notifyplanner.rulebook import BUNDLED_RULES, SCHEMA_FILE, SECTOR_KINDS, load_rulebook
from notifyplanner.sources import is_official

RULES = load_rulebook(BUNDLED_RULES)
# The breach-notice laws (states, DC, territories, HIPAA, FTC): letter content is researched
# for them. Sector and foreign regulators' own notices are not letters to individuals yet.
CODES = sorted(code for code, j in RULES.jurisdictions.items() if j.kind not in SECTOR_KINDS)


def _schema_defs():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$defs"]


def test_the_schema_vocabulary_is_the_core_vocabulary():
    defs = _schema_defs()
    assert defs["letter_element"]["enum"] == list(ELEMENTS)
    assert defs["letter_condition"]["enum"] == list(CONDITIONS)
    assert defs["form"]["properties"]["fields"]["items"]["enum"] == list(FILING_FIELDS)


def test_every_element_has_a_definition_a_user_can_read():
    for element, info in ELEMENTS.items():
        assert len(info.label) > 3 and info.definition.endswith("."), element


@pytest.mark.parametrize("code", CODES)
def test_every_individual_notice_has_cited_content_data(code):
    version = RULES.jurisdictions[code].latest
    notices = [o for o in version.obligations if o.recipient is Recipient.INDIVIDUALS]
    assert notices
    for notice in notices:
        letter = notice.letter
        assert letter is not None, f"{code}/{notice.id} has no letter block"
        assert is_official(letter.citation.url)
        if letter.no_content_requirement:
            assert letter.required == () and letter.notes, "'no content requirement' is said and sourced"
        else:
            assert letter.required or letter.forbidden
        for item in (*letter.required, *letter.forbidden):
            assert item.element in ELEMENTS
            assert all(c in CONDITIONS for c in item.when)
            assert item.citation.cite and is_official(item.citation.url), (code, item)


def test_massachusetts_forbids_the_nature_and_the_count():
    letter = RULES.jurisdictions["MA"].latest.obligation("individuals").letter
    assert {i.element for i in letter.forbidden} >= {"description_of_incident", "number_affected"}
    offer = next(i for i in letter.required if i.element == "credit_monitoring_offer")
    assert offer.value == 18 and offer.when == ("ssn_exposed",) and "3A" in offer.citation.cite


def test_california_requires_its_title_headings_and_ten_point_type():
    letter = RULES.jurisdictions["CA"].latest.obligation("individuals").letter
    req = {i.element: i for i in letter.required}
    assert {"title_notice_of_data_breach", "headings_ca"} <= set(req)
    assert req["min_font_pt"].value == 10
    assert letter.hipaa_stand_in is not None and "(e)" in letter.hipaa_stand_in.cite


def test_rhode_island_requires_the_number_affected_and_how_it_happened():
    letter = RULES.jurisdictions["RI"].latest.obligation("individuals").letter
    assert {"number_affected", "how_breach_occurred"} <= {i.element for i in letter.required}
    assert letter.to_the_extent_known


def test_illinois_forbids_the_count_of_its_residents():
    letter = RULES.jurisdictions["IL"].latest.obligation("individuals").letter
    assert [i.element for i in letter.forbidden] == ["number_affected"]


def test_hipaa_letter_needs_the_elements_of_164_404_c():
    letter = RULES.jurisdictions["HIPAA"].latest.obligation("individuals").letter
    assert {i.element for i in letter.required} >= {
        "description_of_incident",
        "types_of_information",
        "steps_individuals_can_take",
        "steps_taken",
        "contact_procedures_hipaa",
    }


def test_regulator_forms_are_cited_and_use_the_vocabulary():
    hhs = RULES.jurisdictions["HIPAA"].latest.obligation("hhs").form
    assert hhs is not None and "number_affected_total" in hhs.fields
    for code in CODES:
        for ob in RULES.jurisdictions[code].latest.obligations:
            if ob.form is not None:
                assert ob.recipient in (
                    Recipient.ATTORNEY_GENERAL,
                    Recipient.REGULATOR,
                    Recipient.HHS,
                    Recipient.FTC,
                )
                assert is_official(ob.form.citation.url)


def test_rules_show_prints_what_a_letter_must_and_must_not_say():
    from notifyplanner.rules_view import show_jurisdiction

    text = show_jurisdiction(RULES.jurisdictions["MA"], None)
    assert "must not say: description_of_incident, how_breach_occurred, number_affected" in text
    assert "letter: no content requirement [Alaska Stat. § 45.48.010" in show_jurisdiction(
        RULES.jurisdictions["AK"], None
    )
