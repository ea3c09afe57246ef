"""Indiana, Ind. Code art. 24-4.9, as statute cases."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import monitoring, notice, plan_for


def test_in_residents_within_45_days_of_discovery_since_2022_07_01():
    assert notice(plan_for("IN", discovered="2022-07-01"), "IN", "individuals").deadline == date(2022, 8, 15)


def test_in_no_fixed_deadline_before_2022_07_01():
    ind = notice(plan_for("IN", discovered="2022-06-30"), "IN", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_in_attorney_general_for_any_hoosier_within_the_same_45_days():
    ag = notice(plan_for("IN", discovered="2022-07-01", residents=1), "IN", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2022, 8, 15)


def test_in_consumer_reporting_agencies_when_more_than_1000():
    assert (
        notice(
            plan_for("IN", discovered="2023-01-10", residents=1001), "IN", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("IN", discovered="2023-01-10", residents=1000), "IN", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_in_social_security_number_alone_is_personal_information():
    assert (
        notice(plan_for("IN", discovered="2023-01-10", elements=("ssn",)), "IN", "individuals").status
        is Status.REQUIRED
    )


def test_in_vendor_tells_data_base_owner():
    plan = plan_for("IN", discovered="2023-01-10", role="business_associate")
    assert notice(plan, "IN", "data_owner").status is Status.REQUIRED


def test_in_hipaa_compliance_plan_excuses_resident_and_attorney_general_notice():
    plan = plan_for("IN", discovered="2023-01-10", role="covered_entity")
    assert notice(plan, "IN", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "IN", "attorney_general").status is Status.NOT_REQUIRED


def test_in_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("IN", discovered="2023-01-10"), "IN") == []
