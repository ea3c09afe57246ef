"""The engine's reasoning, and the invariants every plan keeps."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyplanner.engine import STATE_KINDS, days_left, plan
from notifyplanner.model import DataElement, DeadlineKind, EntityRole, Incident, Status
from tests.jurisdictions.statute import four_factor, no_harm, notice, plan_for, rulebook

CODES = sorted(c for c, j in rulebook().jurisdictions.items() if j.kind in STATE_KINDS)
# Notices for small breaches only (HHS's annual log): more people replace them with the
# immediate notice, which the property checks instead.
SMALL_BREACH_ONLY = {
    f"{j.code}/{r.id}"
    for j in rulebook().jurisdictions.values()
    for v in j.versions
    for r in v.obligations
    if r.trigger.max_total_affected is not None
}


def test_elements_that_need_a_name_do_not_count_without_one():
    result = plan_for("TX", discovered="2024-03-01", elements=("ssn",))
    individuals = notice(result, "TX", "individuals")
    assert individuals.status is Status.NOT_REQUIRED
    assert "only together with a name" in individuals.reason


def test_no_elements_entered_is_undetermined_not_a_guess():
    result = plan_for("TX", discovered="2024-03-01", elements=())
    assert notice(result, "TX", "individuals").status is Status.UNDETERMINED


def test_encryption_safe_harbor_and_its_loss_when_the_key_was_taken():
    safe = plan_for("TX", discovered="2024-03-01", encrypted=True)
    assert notice(safe, "TX", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for("TX", discovered="2024-03-01", encrypted=True, key_compromised=True)
    individuals = notice(lost, "TX", "individuals")
    assert individuals.status is Status.REQUIRED
    assert "safe harbor is lost" in individuals.reason


def test_unknown_count_is_undetermined_only_where_a_threshold_matters():
    result = plan_for("TX", discovered="2024-03-01", determined="2024-03-01", residents=None)
    assert notice(result, "TX", "individuals").status is Status.REQUIRED
    ag = notice(result, "TX", "attorney_general")
    assert ag.status is Status.UNDETERMINED
    assert ag.deadline == date(2024, 3, 31)  # still shown, so the team can plan for it
    assert ag.needs == ("number of Texas residents",)


def test_a_weekend_deadline_is_flagged_never_moved():
    # 2024-03-05 + 60 = 2024-05-04, a Saturday
    result = plan_for("TX", discovered="2024-03-01", determined="2024-03-05")
    individuals = notice(result, "TX", "individuals")
    assert individuals.deadline == date(2024, 5, 4)
    assert individuals.practical_send_by == date(2024, 5, 3)
    assert individuals.non_business_day == "Saturday"
    assert "311.014" in individuals.basis  # names the statute that may extend it


def test_role_decides_which_notices_exist():
    business = plan_for("TX", discovered="2024-03-01", role="business")
    assert not any(o.jurisdiction == "HIPAA" for o in business.obligations)
    associate = plan_for(
        "TX", discovered="2024-03-01", role="business_associate", elements=("name", "medical")
    )
    assert notice(associate, "HIPAA", "covered_entity").status is Status.REQUIRED
    assert notice(associate, "TX", "data_owner").status is Status.REQUIRED
    assert not any(o.key == "TX/individuals" for o in associate.obligations)


def test_controlling_deadline_is_the_earliest_owed_date():
    result = plan_for("TX", discovered="2024-03-01", determined="2024-03-05", residents=300)
    assert result.controlling_deadline == date(2024, 4, 4)
    assert result.controlling.key == "TX/attorney_general"


def test_days_left_is_computed_from_a_date_the_face_passes_in():
    assert days_left(date(2024, 4, 4), date(2024, 4, 1)) == 3
    assert days_left(date(2024, 4, 4), date(2024, 4, 10)) == -6
    assert days_left(None, date(2024, 4, 10)) is None


def test_warns_before_the_researched_period_and_for_unknown_codes():
    result = plan_for("TX", discovered="2016-05-01", residents={"TX": 5, "ZZ": 3})
    assert any("not researched" in w for w in result.warnings)
    assert any("'ZZ'" in w for w in result.warnings)


# ----------------------------------------------------------------- properties

incidents = st.builds(
    Incident,
    name=st.just("property"),
    entity_role=st.sampled_from(list(EntityRole)),
    discovered=st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)),
    data_elements=st.frozensets(st.sampled_from(list(DataElement)), min_size=1),
    encrypted=st.booleans(),
    key_compromised=st.booleans(),
    source_of_breach=st.sampled_from([True, False, None]),
    residents=st.dictionaries(
        st.sampled_from(CODES),
        st.one_of(st.none(), st.integers(min_value=1, max_value=3_000_000)),
        max_size=12,
    ),
)


@settings(max_examples=150, deadline=None)
@given(incident=incidents, delay=st.integers(min_value=0, max_value=40))
def test_no_deadline_is_ever_before_discovery(incident, delay):
    incident = replace(incident, determined=date.fromordinal(incident.discovered.toordinal() + delay))
    result = plan(incident, rulebook())
    for ob in result.obligations:
        if ob.deadline is not None:
            assert ob.deadline >= incident.discovered, ob.key
        if ob.practical_send_by is not None:
            assert ob.practical_send_by < ob.deadline
        if ob.status is Status.NOT_REQUIRED:
            assert ob.deadline is None and ob.deadline_kind is DeadlineKind.NONE


@settings(max_examples=150, deadline=None)
@given(incident=incidents, extra=st.integers(min_value=1, max_value=100_000))
def test_more_residents_never_turn_a_required_notice_into_not_required(incident, extra):
    before = plan(incident, rulebook())
    more = {c: (n if n is None else n + extra) for c, n in incident.residents.items()}
    after = plan(replace(incident, residents=more), rulebook())
    after_status = {o.key: o.status for o in after.obligations}
    for ob in before.obligations:
        if ob.status is Status.REQUIRED and ob.key in after_status and ob.key not in SMALL_BREACH_ONLY:
            assert after_status[ob.key] is not Status.NOT_REQUIRED, ob.key


@settings(max_examples=60, deadline=None)
@given(incident=incidents)
def test_the_engine_is_pure(incident):
    assert plan(incident, rulebook()) == plan(incident, rulebook())


@settings(max_examples=60, deadline=None)
@given(incident=incidents)
def test_no_two_rows_of_a_jurisdiction_share_a_label(incident):
    # Issue 12: "Attorney General" twice for New York told the reader nothing.
    result = plan(incident, rulebook())
    seen = [(ob.jurisdiction, ob.label) for ob in result.obligations]
    assert len(seen) == len(set(seen))


def test_row_labels_name_what_tells_two_notices_to_one_office_apart():
    ny = plan_for("NY", discovered="2025-06-02", role="covered_entity")
    labels = {ob.obligation_id: ob.label for ob in ny.obligations}
    assert labels["attorney_general"] == "Attorney General: notice of the breach"
    assert labels["attorney_general_hipaa"] == "Attorney General: copy of the HHS notice"
    assert labels["department_of_state"] == "State regulator: Department of State"
    assert labels["state_police"] == "State regulator: State Police"
    assert labels["individuals"] == "Affected individuals"  # named once: no title
    assert labels["hhs"] == "HHS Secretary (OCR): 500 or more affected"
    assert labels["hhs_annual"] == "HHS Secretary (OCR): annual log, under 500"
    nj = plan_for("NJ", discovered="2025-06-02")
    # A police division is filed under "State regulator"; the title says which, and when.
    assert notice(nj, "NJ", "state_police").label == "State regulator: Division of State Police"
    vt = plan_for("VT", discovered="2025-06-02")
    assert notice(vt, "VT", "attorney_general").label == "Attorney General: preliminary notice"
    assert (
        notice(vt, "VT", "attorney_general_notice_copy").label
        == "Attorney General: copy of the consumer notice"
    )
    media = [
        ob
        for ob in plan_for("NY", discovered="2025-06-02", residents=600, role="covered_entity").obligations
        if ob.subject
    ]
    assert [ob.label for ob in media] == ["Prominent media (NY)"]


def test_a_no_harm_duty_to_an_office_reads_apart_from_its_notice():
    result = plan_for("NY", discovered="2025-06-02", decisions=(no_harm("NY", "2025-06-10"),))
    duty = notice(result, "NY", "no_harm_attorney_general")
    assert duty.label == "Attorney General: no-harm determination"
    assert notice(result, "NY", "no_harm_record").label == "Your own records (written determination)"


def test_hipaa_deemed_compliance_never_reaches_a_non_hipaa_vendor():
    # Kentucky excludes HIPAA entities entirely; a payroll vendor is not one.
    associate = plan_for("KY", discovered="2024-03-01", role="business_associate")
    vendor = plan_for("KY", discovered="2024-03-01", role="service_provider")
    assert notice(associate, "KY", "data_owner").status is Status.NOT_REQUIRED
    assert "Deemed compliant" in notice(associate, "KY", "data_owner").reason
    assert notice(vendor, "KY", "data_owner").status is Status.REQUIRED
    assert not any(o.jurisdiction == "HIPAA" for o in vendor.obligations)


@settings(max_examples=60, deadline=None)
@given(first=incidents, second=incidents)
def test_the_memo_of_state_results_cannot_be_told_from_recomputing(first, second):
    from notifyplanner import memo

    plan(first, rulebook())  # leaves results for other facts in the memo
    warm = plan(second, rulebook())
    memo._MEMOS.clear()
    assert plan(second, rulebook()) == warm


# ----------------------------------------------------------------- partly unknown counts


def test_known_counts_meet_the_hhs_threshold_though_one_state_is_unknown():
    # Issue 11, as a new user tried it: 141,200 known people and one state marked unknown.
    result = plan_for(
        "TX",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents={"TX": 141_200, "OK": None},
    )
    hhs = notice(result, "HIPAA", "hhs")
    assert hhs.status is Status.REQUIRED
    assert hhs.deadline == date(2024, 4, 30)
    assert "At least 141,200" in hhs.reason and "Oklahoma" in hhs.reason
    annual = notice(result, "HIPAA", "hhs_annual")
    assert annual.status is Status.NOT_REQUIRED
    assert annual.deadline is None


def test_known_counts_below_the_threshold_leave_it_open_and_name_the_missing_count():
    result = plan_for(
        "TX",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents={"TX": 499, "OK": None},
    )
    for obligation_id in ("hhs", "hhs_annual"):
        ob = notice(result, "HIPAA", obligation_id)
        assert ob.status is Status.UNDETERMINED
        assert ob.needs[0] == "number of Oklahoma residents"
        assert "499 people counted so far" in ob.reason


def test_known_counts_at_the_threshold_meet_it():
    at = plan_for(
        "TX",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents={"TX": 500, "OK": None},
    )
    assert notice(at, "HIPAA", "hhs").status is Status.REQUIRED
    assert notice(at, "HIPAA", "hhs_annual").status is Status.NOT_REQUIRED


def test_an_entered_total_decides_even_when_a_state_count_is_unknown():
    result = plan_for(
        "TX",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents={"TX": 100, "OK": None},
        total_affected=300,
    )
    assert notice(result, "HIPAA", "hhs").status is Status.NOT_REQUIRED
    assert notice(result, "HIPAA", "hhs_annual").status is Status.REQUIRED


def test_a_state_total_count_threshold_is_met_by_known_counts():
    # North Carolina's CRA notice counts everyone notified: more than 1,000 persons.
    met = plan_for("NC", discovered="2024-03-01", residents={"NC": 10, "TX": 1_000, "OK": None})
    assert notice(met, "NC", "consumer_reporting_agencies").status is Status.REQUIRED
    open_ = plan_for("NC", discovered="2024-03-01", residents={"NC": 10, "TX": 990, "OK": None})
    cra = notice(open_, "NC", "consumer_reporting_agencies")
    assert cra.status is Status.UNDETERMINED
    assert cra.needs == ("number of Oklahoma residents",)


@settings(max_examples=100, deadline=None)
@given(incident=incidents, extra=st.integers(min_value=0, max_value=3_000_000))
def test_learning_an_unknown_count_never_undoes_a_threshold_already_met(incident, extra):
    """Known counts are a lower bound: filling in an unknown count only adds people, so a
    notice required on the known counts alone stays required."""
    unknown = [code for code, count in incident.residents.items() if count is None]
    if not unknown:
        return
    before = plan(incident, rulebook())
    filled = replace(incident, residents={**incident.residents, unknown[0]: extra})
    after = {o.key: o.status for o in plan(filled, rulebook()).obligations}
    for ob in before.obligations:
        if ob.jurisdiction in ("HIPAA", "FTC-HBNR") and ob.status is Status.REQUIRED and ob.key in after:
            assert after[ob.key] is Status.REQUIRED, ob.key


# ----------------------------------------------------------------- decisions


def test_a_no_harm_determination_does_not_count_where_the_statute_has_no_exception():
    # Illinois has no risk-of-harm exception (815 ILCS 530/10(a)).
    result = plan_for("IL", discovered="2024-03-01", decisions=(no_harm("IL", "2024-03-05"),))
    ind = notice(result, "IL", "individuals")
    assert ind.status is Status.REQUIRED
    assert "does not count here" in ind.reason


def test_an_all_states_determination_applies_where_each_statute_allows_it():
    result = plan_for(
        "FL",
        discovered="2024-03-01",
        residents={"FL": 10, "IL": 10},
        decisions=(no_harm("all_states", "2024-03-05"),),
    )
    assert notice(result, "FL", "individuals").status is Status.NOT_REQUIRED
    assert notice(result, "IL", "individuals").status is Status.REQUIRED


def test_a_state_specific_decision_takes_precedence_over_an_all_states_one():
    result = plan_for(
        "FL",
        discovered="2024-03-01",
        decisions=(no_harm("all_states", "2024-03-05"), no_harm("FL", "2024-03-06", conclusion="notify")),
    )
    assert notice(result, "FL", "individuals").status is Status.REQUIRED


def test_hipaa_four_factor_assessment_of_low_probability_means_no_hipaa_notice():
    result = plan_for(
        "IL",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents=900,
        decisions=(four_factor("2024-03-20"),),
    )
    for obligation_id in ("individuals", "hhs", "hhs_annual", "media_il"):
        ob = notice(result, "HIPAA", obligation_id)
        assert ob.status is Status.NOT_REQUIRED, obligation_id
    assert "164.402(2)" in notice(result, "HIPAA", "individuals").reason
    # Illinois' AG notice runs from an HHS notice that is no longer owed.
    assert notice(result, "IL", "attorney_general_hipaa").status is Status.NOT_REQUIRED


def test_hipaa_assessment_concluding_notice_changes_nothing():
    result = plan_for(
        "IL",
        role="covered_entity",
        elements=("name", "medical"),
        discovered="2024-03-01",
        residents=900,
        decisions=(four_factor("2024-03-20", conclusion="notify"),),
    )
    assert notice(result, "HIPAA", "individuals").status is Status.REQUIRED


NO_EXCEPTION = sorted(
    c
    for c, j in rulebook().jurisdictions.items()
    if j.kind in STATE_KINDS and not j.latest.risk_of_harm.exception
)


@settings(max_examples=80, deadline=None)
@given(incident=incidents, code=st.sampled_from(NO_EXCEPTION))
def test_a_determination_never_changes_what_a_state_without_the_exception_owes(incident, code):
    """Where the statute has no risk-of-harm exception, a no-notice determination counts
    for nothing: every notice there keeps its status and its date."""
    incident = replace(incident, discovered=max(incident.discovered, date(2026, 1, 1)))
    decided = replace(incident, decisions=(no_harm(code, incident.discovered.isoformat()),))
    before = {
        o.key: (o.status, o.deadline)
        for o in plan(incident, rulebook()).obligations
        if o.jurisdiction == code
    }
    after = {
        o.key: (o.status, o.deadline) for o in plan(decided, rulebook()).obligations if o.jurisdiction == code
    }
    assert before == after


def test_reasons_name_data_elements_in_words_not_codes():
    """The plan's reasons are read by counsel: "date of birth", never the file's "dob"."""
    from notifyplanner.terms import ELEMENT_SHORT_LABELS, DataElement

    assert set(ELEMENT_SHORT_LABELS) == set(DataElement)
    fl = plan_for("FL", discovered="2025-06-02", elements=("name", "dob"))
    reason = notice(fl, "FL", "individuals").reason
    assert "date of birth" in reason and "dob" not in reason.replace("date of birth", "")
