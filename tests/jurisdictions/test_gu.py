"""Guam: 9 G.C.A. §§ 48.10-48.80 (P.L. 30-004, eff. 2009-08-10)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_guam_residents_without_unreasonable_delay():
    people = notice(plan_for("GU", discovered="2024-03-01", residents=1), "GU", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_guam_has_no_attorney_general_or_cra_notice():
    plan = plan_for("GU", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "GU", "attorney_general")
    assert not has_notice(plan, "GU", "consumer_reporting_agencies")


def test_guam_maintainer_tells_owner_as_soon_as_practicable():
    plan = plan_for("GU", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "GU", "data_owner").status is Status.REQUIRED


def test_guam_encrypted_data_safe_unless_key_compromised():
    assert (
        notice(plan_for("GU", discovered="2024-03-01", encrypted=True), "GU", "individuals").status
        is Status.NOT_REQUIRED
    )
    lost = plan_for("GU", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(lost, "GU", "individuals").status is Status.REQUIRED


def test_guam_name_and_medical_information_is_not_personal_information():
    plan = plan_for("GU", discovered="2024-03-01", elements=("name", "medical"))
    assert notice(plan, "GU", "individuals").status is Status.NOT_REQUIRED
