"""Hawaii, HRS §§ 487N-1, 487N-2 (Act 135 of 2006 as amended by Act 19 of 2008)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import notice, plan_for


def test_hawaii_individuals_without_unreasonable_delay():
    plan = plan_for("HI", discovered="2024-03-05", residents=10)
    ind = notice(plan, "HI", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_hawaii_office_of_consumer_protection_when_more_than_1000_notified():
    plan = plan_for("HI", discovered="2024-03-05", residents=1001)
    ocp = notice(plan, "HI", "office_of_consumer_protection")
    assert ocp.status is Status.REQUIRED
    assert ocp.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    below = plan_for("HI", discovered="2024-03-05", residents=1000)
    assert notice(below, "HI", "office_of_consumer_protection").status is Status.NOT_REQUIRED


def test_hawaii_cras_when_more_than_1000_notified():
    plan = plan_for("HI", discovered="2024-03-05", residents=1001)
    assert notice(plan, "HI", "consumer_reporting_agencies").status is Status.REQUIRED
    below = plan_for("HI", discovered="2024-03-05", residents=1000)
    assert notice(below, "HI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_hawaii_maintainer_tells_owner_immediately():
    plan = plan_for("HI", role="business_associate", discovered="2024-03-05", residents=10)
    assert notice(plan, "HI", "data_owner").status is Status.REQUIRED


def test_hawaii_hipaa_health_plans_and_providers_deemed_compliant():
    plan = plan_for("HI", role="covered_entity", discovered="2024-03-05", residents=2000)
    assert notice(plan, "HI", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "HI", "office_of_consumer_protection").status is Status.NOT_REQUIRED


def test_hawaii_encrypted_data_with_key_is_a_breach():
    lost = plan_for("HI", discovered="2024-03-05", residents=10, encrypted=True, key_compromised=True)
    assert notice(lost, "HI", "individuals").status is Status.REQUIRED
    safe = plan_for("HI", discovered="2024-03-05", residents=10, encrypted=True)
    assert notice(safe, "HI", "individuals").status is Status.NOT_REQUIRED
