"""Michigan: Identity Theft Protection Act, MCL 445.63 and 445.72."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_michigan_residents_without_unreasonable_delay_and_no_day_count():
    plan = plan_for("MI", discovered="2024-03-01", residents=1)
    people = notice(plan, "MI", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline is None
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_michigan_cras_when_more_than_1000_residents_notified():
    plan = plan_for("MI", discovered="2024-03-01", residents=1001)
    cra = notice(plan, "MI", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_michigan_no_cra_notice_for_1000_or_fewer_residents():
    plan = plan_for("MI", discovered="2024-03-01", residents=1000)
    assert notice(plan, "MI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_michigan_maintainer_duty_to_owner_is_listed_but_a_hipaa_business_associate_is_deemed_compliant():
    # The engine's only maintainer role is the HIPAA business associate, which MCL 445.72
    # deems compliant when it follows HIPAA; a non-HIPAA vendor still owes the owner notice.
    plan = plan_for("MI", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "MI", "data_owner")
    assert owner.status is Status.NOT_REQUIRED
    assert "Deemed compliant" in owner.reason


def test_michigan_hipaa_compliant_covered_entity_is_deemed_compliant():
    plan = plan_for("MI", discovered="2024-03-01", role="covered_entity", residents=5000)
    assert notice(plan, "MI", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "MI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_michigan_encrypted_data_with_key_taken_still_needs_notice():
    plan = plan_for("MI", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "MI", "individuals").status is Status.REQUIRED
    safe = plan_for("MI", discovered="2024-03-01", encrypted=True)
    assert notice(safe, "MI", "individuals").status is Status.NOT_REQUIRED


def test_michigan_has_no_attorney_general_notice():
    plan = plan_for("MI", discovered="2024-03-01", residents=100_000)
    assert not has_notice(plan, "MI", "attorney_general")


def test_michigan_section_445_72_in_force_from_2007_07_02():
    assert not has_notice(plan_for("MI", discovered="2007-07-01"), "MI", "individuals")
    assert has_notice(plan_for("MI", discovered="2007-07-02"), "MI", "individuals")


def test_michigan_senate_bills_360_to_364_add_no_attorney_general_notice_while_pending():
    """S.B. 360-364 (2025) would require AG notice above 100 residents; they passed only the Senate."""
    plan = plan_for("MI", discovered="2026-11-30", residents=101)
    assert not has_notice(plan, "MI", "attorney_general")
