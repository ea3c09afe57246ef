"""HIPAA Breach Notification Rule, 45 CFR 164.400-414, case by case from the text."""

from datetime import date

from notifyplanner.model import LawEnforcementDelay, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for

CE = {"role": "covered_entity", "elements": ("name", "medical")}


def test_164_404_individuals_within_60_calendar_days_of_discovery():
    plan = plan_for("TX", discovered="2025-03-03", residents=10, **CE)
    individuals = notice(plan, "HIPAA", "individuals")
    assert individuals.status is Status.REQUIRED
    assert individuals.deadline == date(2025, 5, 2)
    assert individuals.without_unreasonable_delay


def test_164_406_media_when_more_than_500_residents_of_one_state():
    plan = plan_for("TX", discovered="2025-03-03", residents={"TX": 501, "FL": 500}, **CE)
    assert notice(plan, "HIPAA", "media_tx").status is Status.REQUIRED
    assert notice(plan, "HIPAA", "media_tx").subject == "TX"
    assert not has_notice(plan, "HIPAA", "media_fl")  # 500 is not "more than 500"


def test_164_406_counts_are_not_added_across_states():
    plan = plan_for("TX", discovered="2025-03-03", residents={"TX": 400, "FL": 400}, **CE)
    media = notice(plan, "HIPAA", "media")
    assert media.status is Status.NOT_REQUIRED
    assert "No state or jurisdiction" in media.reason


def test_164_408b_hhs_contemporaneously_when_500_or_more():
    plan = plan_for("TX", discovered="2025-03-03", residents={"TX": 300, "FL": 200}, **CE)
    hhs = notice(plan, "HIPAA", "hhs")
    assert hhs.status is Status.REQUIRED
    assert hhs.deadline == date(2025, 5, 2)
    assert notice(plan, "HIPAA", "hhs_annual").status is Status.NOT_REQUIRED


def test_164_408c_hhs_within_60_days_after_year_end_when_fewer_than_500():
    plan = plan_for("TX", discovered="2025-03-03", residents={"TX": 499}, **CE)
    annual = notice(plan, "HIPAA", "hhs_annual")
    assert annual.status is Status.REQUIRED
    assert annual.deadline == date(2026, 3, 1)  # a Sunday: flagged, not moved
    assert annual.practical_send_by == date(2026, 2, 27)
    assert notice(plan, "HIPAA", "hhs").status is Status.NOT_REQUIRED


def test_164_408_unknown_total_leaves_hhs_undetermined():
    plan = plan_for("TX", discovered="2025-03-03", residents={"TX": None}, **CE)
    assert notice(plan, "HIPAA", "hhs").status is Status.UNDETERMINED
    assert notice(plan, "HIPAA", "hhs_annual").status is Status.UNDETERMINED


def test_164_410_business_associate_tells_the_covered_entity_within_60_days():
    plan = plan_for(
        "TX", discovered="2025-03-03", residents=10, role="business_associate", elements=("name", "medical")
    )
    ce = notice(plan, "HIPAA", "covered_entity")
    assert ce.deadline == date(2025, 5, 2)
    assert not has_notice(plan, "HIPAA", "individuals")


def test_secured_phi_is_not_a_breach_unless_the_key_was_taken():
    safe = plan_for("TX", discovered="2025-03-03", residents=10, encrypted=True, **CE)
    assert notice(safe, "HIPAA", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for("TX", discovered="2025-03-03", residents=10, encrypted=True, key_compromised=True, **CE)
    assert notice(lost, "HIPAA", "individuals").status is Status.REQUIRED


def test_164_412_an_oral_law_enforcement_request_holds_notice_at_most_30_days():
    hold = LawEnforcementDelay("oral", date(2025, 3, 10), date(2025, 6, 1))
    plan = plan_for("TX", discovered="2025-03-03", residents=10, law_enforcement=hold, **CE)
    assert notice(plan, "HIPAA", "individuals").held_until == date(2025, 4, 9)
    written = LawEnforcementDelay("written", date(2025, 3, 10), date(2025, 6, 1))
    plan = plan_for("TX", discovered="2025-03-03", residents=10, law_enforcement=written, **CE)
    assert notice(plan, "HIPAA", "individuals").held_until == date(2025, 6, 1)


def test_a_business_is_not_under_hipaa():
    plan = plan_for("TX", discovered="2025-03-03", residents=10, elements=("name", "medical"))
    assert not any(o.jurisdiction == "HIPAA" for o in plan.obligations)
