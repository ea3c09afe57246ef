"""Issue 14, letter groups: one letter per set of states that can share it, split where a
state forbids what another requires, HIPAA and state-law populations apart."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyplanner.engine import plan
from notifyplanner.letter_groups import letter_groups
from notifyplanner.model import DataElement, EntityRole, Incident

SSN_NAME = frozenset({DataElement.NAME, DataElement.SSN})
FOUR = {"CA": 900, "MA": 300, "RI": 600, "NY": 1200}


def _incident(role=EntityRole.BUSINESS, elements=SSN_NAME, residents=None, source=True):
    return Incident(
        name="test",
        entity_role=role,
        discovered=date(2026, 3, 2),
        determined=date(2026, 3, 2),
        breach_start=date(2026, 2, 20),
        data_elements=elements,
        source_of_breach=source,
        residents=FOUR if residents is None else residents,
    )


def _employees(rulebook):
    return plan(_incident(), rulebook)


def _members(rulebook):
    return plan(_incident(EntityRole.COVERED_ENTITY, SSN_NAME | {DataElement.MEDICAL}), rulebook)


def test_employees_in_ca_ma_ri_ny_need_two_letters_because_massachusetts_forbids_the_nature(rulebook):
    groups = letter_groups(_employees(rulebook), rulebook=rulebook)
    assert [g.jurisdictions for g in groups] == [("CA", "NY", "RI"), ("MA",)]
    first, ma = groups
    assert {"description_of_incident", "how_breach_occurred", "number_affected"} <= set(first.required_ids)
    assert ma.forbidden_ids == (
        "description_of_incident",
        "how_breach_occurred",
        "number_affected",
        "waiver_of_claims_condition",
    )
    assert "description_of_incident" not in ma.required_ids
    assert "MA forbids" in ma.split_reason and "93H" in ma.split_reason and "RI requires" in ma.split_reason


def test_merged_letter_takes_the_largest_offer_and_the_earliest_deadline(rulebook):
    employees = _employees(rulebook)
    first, ma = letter_groups(employees, rulebook=rulebook)
    assert first.element("credit_monitoring_offer").value == 12  # CA, source of the breach, SSN
    assert ma.element("credit_monitoring_offer").value == 18  # MA § 3A
    deadlines = {
        o.jurisdiction: o.deadline for o in employees.obligations if o.obligation_id == "individuals"
    }
    assert first.send_by == min(deadlines[c] for c in ("CA", "NY", "RI") if deadlines[c])


def test_ca_format_and_ri_count_and_ny_agencies_all_go_in_the_shared_letter(rulebook):
    first = letter_groups(_employees(rulebook), rulebook=rulebook)[0]
    assert first.element("min_font_pt").value == 10
    assert {
        "title_notice_of_data_breach",
        "headings_ca",
        "agency_contacts_generic",
        "police_report_right",
    } <= set(first.required_ids)
    assert first.element("state_ag_contact").value == "RI"


def test_members_of_a_covered_entity_get_one_hipaa_letter_with_deemed_states_riding(rulebook):
    groups = letter_groups(_members(rulebook), rulebook=rulebook)
    assert len(groups) == 1
    (letter,) = groups
    assert letter.population == "HIPAA"
    assert letter.jurisdictions[0] == "HIPAA" and set(letter.jurisdictions[1:]) == {"CA", "MA", "NY", "RI"}
    assert {"CA", "MA", "RI", "NY"} <= set(letter.riding)
    # HIPAA's description stays; Massachusetts' content rules are displaced by § 5, its offer is not.
    assert "description_of_incident" in letter.required_ids
    assert "number_affected" not in letter.required_ids
    assert letter.element("credit_monitoring_offer").value == 18


def test_hipaa_and_state_law_populations_are_grouped_separately(rulebook):
    groups = letter_groups(_members(rulebook), _employees(rulebook), rulebook=rulebook)
    assert [g.population for g in groups] == ["HIPAA", "state law", "state law"]
    assert "HIPAA population" in groups[0].split_reason
    assert "State-law population" in groups[1].split_reason


def test_conditional_elements_do_not_apply_when_the_facts_do_not_meet_them(rulebook):
    no_ssn = plan(_incident(elements=frozenset({DataElement.NAME, DataElement.FINANCIAL_ACCOUNT})), rulebook)
    first = letter_groups(no_ssn, rulebook=rulebook)[0]
    # CA's credit-bureau sentence and 12-month offer need an SSN, driver's license or ID number.
    cra = first.element("cra_contacts")
    assert cra is None or "CA" not in {s.jurisdiction for s in cra.sources}
    assert first.element("credit_monitoring_offer") is None


def test_an_unanswered_condition_keeps_the_element_and_says_so(rulebook):
    unknown = plan(_incident(source=None), rulebook)
    first = letter_groups(unknown, rulebook=rulebook)[0]
    offer = first.element("credit_monitoring_offer")
    assert offer is not None and "source_of_breach" in offer.unanswered


def test_illinois_and_rhode_island_split_on_the_count(rulebook):
    both = plan(_incident(residents={"IL": 600, "RI": 600}), rulebook)
    groups = letter_groups(both, rulebook=rulebook)
    assert sorted(g.jurisdictions for g in groups) == [("IL",), ("RI",)]
    assert any("IL forbids number affected" in g.split_reason for g in groups)


def test_a_vendor_under_the_ftc_rule_keeps_the_description_massachusetts_forbids_and_flags_it(rulebook):
    vendor = plan(_incident(EntityRole.PHR_VENDOR, SSN_NAME | {DataElement.MEDICAL}, {"MA": 10}), rulebook)
    (letter,) = letter_groups(vendor, rulebook=rulebook)
    assert letter.population == "FTC-HBNR"
    assert "description_of_incident" in letter.required_ids
    conflict = next(c for c in letter.conflicts if c.element == "description_of_incident")
    assert conflict.kept_by[0].jurisdiction == "FTC-HBNR"


STATES = ["CA", "MA", "RI", "NY", "IL", "TX", "FL", "NC", "WA", "MD"]


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(STATES), min_size=1))
def test_no_letter_requires_what_one_of_its_members_forbids(states):
    from tests.jurisdictions.statute import rulebook

    book = rulebook()
    result = plan(_incident(residents=dict.fromkeys(states, 700)), book)
    groups = letter_groups(result, rulebook=book)
    served = [c for g in groups for c in g.jurisdictions]
    assert sorted(served) == sorted(set(served))  # each state in exactly one letter
    for group in groups:
        assert not set(group.forbidden_ids) & set(group.required_ids)
    # Only Massachusetts and Illinois forbid anything: never more than three letters.
    assert len(groups) <= 3


def test_a_rule_version_without_content_data_is_flagged_for_a_check_by_hand(rulebook):
    """Content data is on the versions in force now; an incident discovered under an older
    version of California's statute gets its letter with a note to read that version."""
    old = Incident(
        name="2023 incident",
        entity_role=EntityRole.BUSINESS,
        discovered=date(2023, 3, 2),
        determined=date(2023, 3, 2),
        data_elements=SSN_NAME,
        source_of_breach=True,
        residents={"CA": 10},
    )
    (group,) = letter_groups(plan(old, rulebook), rulebook=rulebook)
    assert group.unchecked and group.unchecked[0].startswith(
        "CA: the rule version in force has no content data"
    )
    current = letter_groups(_employees(rulebook), rulebook=rulebook)
    assert all(not g.unchecked for g in current)


def test_each_member_keeps_its_own_deadline_beside_the_groups_earliest(rulebook):
    """A shared letter is due by its earliest member, but each state's clock is its own:
    the group lists every member's deadline as the plan computed it."""
    employees = _employees(rulebook)
    first, ma = letter_groups(employees, rulebook=rulebook)
    own = {o.jurisdiction: o.deadline for o in employees.obligations if o.obligation_id == "individuals"}
    assert [d.jurisdiction for d in first.deadlines] == list(first.jurisdictions)
    for member in first.deadlines:
        assert member.deadline == own[member.jurisdiction]
        assert member.notice == f"{member.jurisdiction}/individuals"
        assert member.text.startswith(member.deadline.isoformat())
    assert first.send_by == min(d.deadline for d in first.deadlines if d.deadline)
    assert [(d.jurisdiction, d.deadline, d.text) for d in ma.deadlines] == [("MA", None, "no fixed date")]


def test_a_state_whose_notice_hipaa_deems_given_says_so_instead_of_a_date(rulebook):
    hipaa = letter_groups(_members(rulebook), rulebook=rulebook)[0]
    by_code = {d.jurisdiction: d for d in hipaa.deadlines}
    assert by_code["HIPAA"].deadline is not None
    deemed = [d for d in hipaa.deadlines if d.deadline is None]
    assert deemed and all("deemed compliant" in d.text for d in deemed)


def test_a_gdpr_notice_to_individuals_is_a_letter_of_its_own_never_a_state_law_member(rulebook):
    """Art. 34 GDPR is not a state breach law: lumping it into "Letter 1 (state law)" (seen in
    a newcomer's trial) would send EU residents a US state letter. It gets its own letter,
    flagged for counsel because the rules hold no content data for it."""
    from pathlib import Path

    from notifyplanner.incident_file import read_incident

    sample = (
        Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
    )
    groups = letter_groups(plan(read_incident(sample), rulebook), rulebook=rulebook)
    state = [g for g in groups if g.population == "state law"]
    assert state and all("EU-GDPR" not in g.jurisdictions for g in state)
    gdpr = [g for g in groups if g.jurisdictions == ("EU-GDPR",)]
    assert len(gdpr) == 1 and gdpr[0].population == "EU-GDPR"
    assert gdpr[0].unchecked and "Art. 34" in gdpr[0].split_reason


def test_a_letter_partly_sent_is_due_by_its_open_members_and_a_deemed_state_rides_on_the_federal_letter():
    """Newcomer's trial: the Letters tab kept "Send by 2026-03-07" for a letter already mailed.
    Hims & Hers: HIPAA (2026-04-06), CA (2026-03-07) and NY (deemed: the HIPAA letter is its notice)."""
    from notifyplanner.incident_file import read_incident
    from tests.jurisdictions.statute import rulebook
    from tests.recorded import HIMS

    rules = rulebook()
    group = letter_groups(plan(read_incident(HIMS), rules), rulebook=rules)[0]
    assert group.open_send_by(set()) == date(2026, 3, 7)
    assert group.open_send_by({"CA/individuals"}) == date(2026, 4, 6)
    assert [m.jurisdiction for m in group.open_members({"CA/individuals"})] == ["HIPAA", "NY"]
    assert group.open_members({"CA/individuals", "HIPAA/individuals"}) == ()
    assert [m.jurisdiction for m in group.open_members({"HIPAA/individuals"})] == ["CA"]
