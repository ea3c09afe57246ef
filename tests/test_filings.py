"""Issue 14, regulator filings: each owed AG/regulator/HHS notice lists its form's fields,
answered from the incident where it can be, missing where it cannot."""

from datetime import date

from notifyplanner.engine import plan
from notifyplanner.filings import filing_to_dict, filings
from notifyplanner.model import DataElement, EntityFacts, EntityRole, Incident


def _members():
    return Incident(
        name="t",
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2026, 3, 2),
        determined=date(2026, 3, 2),
        breach_start=date(2026, 2, 20),
        data_elements=frozenset({DataElement.NAME, DataElement.SSN, DataElement.MEDICAL}),
        source_of_breach=True,
        residents={"CA": 900, "MA": 300, "RI": 600, "NY": 1200},
    )


def test_the_hhs_filing_is_answered_from_the_incident_and_lists_what_is_missing(rulebook):
    result = filings(plan(_members(), rulebook), rulebook, {"CA": "letter-1.docx"})
    hhs = next(f for f in result if f.key == "HIPAA/hhs")
    answers = {f.field: f.answer for f in hhs.fields}
    assert answers["discovery_date"] == "2026-03-02"
    assert answers["breach_start_date"] == "2026-02-20"
    assert answers["number_affected_total"] == "3000"
    assert "entity_name" in hhs.missing and "breach_type" in hhs.missing
    assert "164.408" in hhs.citation.cite


def test_massachusetts_filings_carry_the_count_its_letter_may_not(rulebook):
    result = filings(plan(_members(), rulebook), rulebook)
    ma = next(f for f in result if f.key == "MA/attorney_general")
    answers = {f.field: f.answer for f in ma.fields}
    assert answers["number_affected_state"] == "300"
    assert answers["credit_monitoring_offered"].startswith("18 months")


def test_the_sample_notice_points_at_the_draft_that_serves_the_state(rulebook):
    result = filings(plan(_members(), rulebook), rulebook, {"CA": "letter-1.docx"})
    ca = next(f for f in result if f.key == "CA/attorney_general")
    assert next(f.answer for f in ca.fields if f.field == "sample_notice").startswith("letter-1.docx")
    assert filing_to_dict(ca)["missing"] == list(ca.missing)


def test_a_notice_without_form_data_is_still_listed_with_its_content(rulebook):
    result = filings(plan(_members(), rulebook), rulebook)
    bare = [f for f in result if not f.fields]
    assert [f.key for f in bare] == ["NY/attorney_general_hipaa"]  # no form recorded for it
    assert bare[0].notes and bare[0].channel == "" and bare[0].content


def test_the_entitys_facts_answer_the_forms_that_ask_for_them(rulebook):
    from dataclasses import replace

    entity = EntityFacts(
        name="Acme Health", postal_address="1 Main St", what_happened="Phishing.", steps_taken="Reset."
    )
    result = filings(plan(replace(_members(), entity=entity), rulebook), rulebook)
    hhs = next(f for f in result if f.key == "HIPAA/hhs")
    answers = {f.field: f.answer for f in hhs.fields}
    assert answers["entity_name"] == "Acme Health" and answers["entity_address"] == "1 Main St"
    assert "entity_name" not in hhs.missing
    assert answers.get("description", "Phishing.") == "Phishing."
    assert answers.get("actions_taken", "Reset.") == "Reset."
    assert "contact_person" in hhs.missing  # a phone alone is not a named contact person
