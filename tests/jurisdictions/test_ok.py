"""Oklahoma, Security Breach Notification Act, 24 O.S. §§ 161-166; S.B. 626 (2025) from 2026-01-01."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_oklahoma_individuals_without_unreasonable_delay_163():
    ind = notice(plan_for("OK", discovered="2024-03-01"), "OK", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_oklahoma_no_attorney_general_notice_before_2026():
    plan = plan_for("OK", discovered="2025-12-31", residents=600)
    assert not has_notice(plan, "OK", "attorney_general")


def test_oklahoma_attorney_general_within_60_days_of_notifying_residents_when_500_since_2026():
    plan = plan_for("OK", discovered="2026-01-02", residents=500, individuals_notified="2026-02-01")
    ag = notice(plan, "OK", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2026, 4, 2)


def test_oklahoma_attorney_general_runs_from_the_resident_notice():
    ag = notice(plan_for("OK", discovered="2026-01-02", residents=500), "OK", "attorney_general")
    assert ag.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE
    assert ag.deadline is None


def test_oklahoma_attorney_general_not_owed_for_499():
    ag = notice(plan_for("OK", discovered="2026-01-02", residents=499), "OK", "attorney_general")
    assert ag.status is Status.NOT_REQUIRED


def test_oklahoma_biometric_data_counts_only_since_2026():
    before = plan_for("OK", discovered="2025-12-31", elements=("name", "biometric"))
    after = plan_for("OK", discovered="2026-01-01", elements=("name", "biometric"))
    assert notice(before, "OK", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "OK", "individuals").status is Status.REQUIRED


def test_oklahoma_hipaa_entity_excused_from_individual_notice_but_tells_ag_since_2026():
    plan = plan_for("OK", discovered="2026-01-02", role="covered_entity", residents=600)
    assert notice(plan, "OK", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "OK", "attorney_general").status is Status.REQUIRED
    # 60 days after the HIPAA letter, which is due 60 days after discovery (2026-03-03).
    assert notice(plan, "OK", "attorney_general").deadline == date(2026, 5, 2)


def test_oklahoma_hipaa_entity_not_excused_before_2026():
    plan = plan_for("OK", discovered="2025-12-31", role="covered_entity")
    assert notice(plan, "OK", "individuals").status is Status.REQUIRED


def test_oklahoma_maintainer_tells_owner_as_soon_as_practicable():
    plan = plan_for("OK", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "OK", "data_owner").status is Status.REQUIRED
