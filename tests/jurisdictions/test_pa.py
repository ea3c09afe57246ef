"""Pennsylvania, 73 P.S. § 2301 et seq., as statute cases."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_pa_residents_without_unreasonable_delay_no_fixed_days():
    ind = notice(plan_for("PA", discovered="2024-10-01"), "PA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_pa_attorney_general_concurrently_when_more_than_500_pennsylvanians_since_2024_09_26():
    plan = plan_for("PA", discovered="2024-10-01", residents=501, individuals_notified="2024-11-01")
    ag = notice(plan, "PA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 11, 1)


def test_pa_attorney_general_not_owed_for_500_pennsylvanians():
    plan = plan_for("PA", discovered="2024-10-01", residents=500)
    assert notice(plan, "PA", "attorney_general").status is Status.NOT_REQUIRED


def test_pa_no_attorney_general_notice_before_2024_09_26():
    assert not has_notice(plan_for("PA", discovered="2024-09-25", residents=5000), "PA", "attorney_general")


def test_pa_consumer_reporting_agencies_more_than_500_since_2024_09_26():
    assert (
        notice(
            plan_for("PA", discovered="2024-09-26", residents=501), "PA", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("PA", discovered="2024-09-26", residents=500), "PA", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_pa_consumer_reporting_agencies_more_than_1000_before_2024_09_26():
    assert (
        notice(
            plan_for("PA", discovered="2024-09-25", residents=1000), "PA", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(
            plan_for("PA", discovered="2024-09-25", residents=1001), "PA", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )


def test_pa_12_months_credit_monitoring_for_ssn_since_2024_09_26():
    (duty,) = monitoring(plan_for("PA", discovered="2024-09-26"), "PA")
    assert duty.months == 12 and duty.status is Status.REQUIRED
    assert monitoring(plan_for("PA", discovered="2024-09-25"), "PA") == []


def test_pa_medical_information_counts_from_2023_05_02_until_act_33():
    med = ("name", "medical")
    assert (
        notice(plan_for("PA", discovered="2023-05-01", elements=med), "PA", "individuals").status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(plan_for("PA", discovered="2023-05-02", elements=med), "PA", "individuals").status
        is Status.REQUIRED
    )
    assert (
        notice(plan_for("PA", discovered="2024-09-26", elements=med), "PA", "individuals").status
        is Status.NOT_REQUIRED
    )


def test_pa_hipaa_compliant_entity_deemed_compliant_from_2023_05_02():
    assert (
        notice(plan_for("PA", discovered="2023-05-02", role="covered_entity"), "PA", "individuals").status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(plan_for("PA", discovered="2023-05-01", role="covered_entity"), "PA", "individuals").status
        is Status.REQUIRED
    )


def test_pa_vendor_tells_the_entity_it_serves():
    plan = plan_for("PA", discovered="2024-10-01", role="business_associate")
    assert notice(plan, "PA", "data_owner").status is Status.REQUIRED


def test_pa_consumer_reporting_agencies_count_pennsylvanians_notified_under_the_act():
    """§ 2305: 'notification under this act to more than 500 persons'; the act notifies residents only."""
    few_here = plan_for("PA", discovered="2024-10-01", residents=500, total_affected=50000)
    assert notice(few_here, "PA", "consumer_reporting_agencies").status is Status.NOT_REQUIRED
