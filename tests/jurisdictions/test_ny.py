"""New York, N.Y. Gen. Bus. Law § 899-aa, as statute cases."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, no_harm, notice, plan_for


def test_ny_residents_within_30_days_of_discovery_since_2024_12_21():
    plan = plan_for("NY", discovered="2025-04-01")
    ind = notice(plan, "NY", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2025, 5, 1)


def test_ny_30_day_clock_starts_on_the_signature_date_2024_12_21():
    plan = plan_for("NY", discovered="2024-12-21")
    assert notice(plan, "NY", "individuals").deadline == date(2025, 1, 20)


def test_ny_no_fixed_deadline_for_breaches_discovered_before_2024_12_21():
    ind = notice(plan_for("NY", discovered="2024-12-20"), "NY", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline is None
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_ny_attorney_general_department_of_state_and_state_police_for_any_new_yorker():
    plan = plan_for("NY", discovered="2025-04-01", residents=1)
    for office in ("attorney_general", "department_of_state", "state_police"):
        ob = notice(plan, "NY", office)
        assert ob.status is Status.REQUIRED
        assert ob.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_ny_consumer_reporting_agencies_when_more_than_5000_new_yorkers():
    assert (
        notice(
            plan_for("NY", discovered="2025-04-01", residents=5001), "NY", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("NY", discovered="2025-04-01", residents=5000), "NY", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_ny_vendor_tells_owner_within_30_days_since_2024_12_21():
    plan = plan_for("NY", discovered="2025-04-01", role="business_associate")
    assert notice(plan, "NY", "data_owner").deadline == date(2025, 5, 1)


def test_ny_hipaa_notice_excuses_resident_notice_but_not_state_offices_since_shield_act():
    plan = plan_for("NY", discovered="2020-01-15", role="covered_entity", residents=6000)
    assert notice(plan, "NY", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "NY", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "NY", "consumer_reporting_agencies").status is Status.REQUIRED
    hipaa_ag = notice(plan, "NY", "attorney_general_hipaa")
    assert hipaa_ag.status is Status.REQUIRED
    # GBL § 899-aa(9): five business days after notifying HHS, here with the letters
    # (6,000 affected), due 2020-03-15 (a Sunday); five NY business days on: 2020-03-20.
    assert hipaa_ag.deadline == date(2020, 3, 20)


def test_ny_attorney_general_five_business_days_after_the_real_hhs_notice():
    plan = plan_for(
        "NY", discovered="2025-04-01", role="covered_entity", residents=6000, hhs_notified="2025-05-22"
    )
    # Thu 05-22 + 5 business days, skipping Memorial Day 05-26: Fri 05-30.
    assert notice(plan, "NY", "attorney_general_hipaa").deadline == date(2025, 5, 30)


def test_ny_no_hipaa_deemed_compliance_before_shield_act_2019_10_23():
    plan = plan_for("NY", discovered="2019-10-22", role="covered_entity")
    assert notice(plan, "NY", "individuals").status is Status.REQUIRED
    assert not has_notice(plan, "NY", "attorney_general_hipaa")


def test_ny_online_credentials_alone_are_private_information_from_2019_10_23():
    creds = ("username_password",)
    assert (
        notice(plan_for("NY", discovered="2019-10-23", elements=creds), "NY", "individuals").status
        is Status.REQUIRED
    )
    assert (
        notice(plan_for("NY", discovered="2019-10-22", elements=creds), "NY", "individuals").status
        is Status.NOT_REQUIRED
    )


def test_ny_medical_information_counts_from_2025_03_21():
    med = ("name", "medical")
    assert (
        notice(plan_for("NY", discovered="2025-03-21", elements=med), "NY", "individuals").status
        is Status.REQUIRED
    )
    assert (
        notice(plan_for("NY", discovered="2025-03-20", elements=med), "NY", "individuals").status
        is Status.NOT_REQUIRED
    )


def test_ny_encrypted_data_without_the_key_is_not_notifiable():
    plan = plan_for("NY", discovered="2025-04-01", encrypted=True)
    assert notice(plan, "NY", "individuals").status is Status.NOT_REQUIRED


def test_ny_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("NY", discovered="2025-04-01"), "NY") == []


def test_ny_no_harm_determination_goes_to_the_ag_within_ten_days_when_over_500_new_yorkers():
    # § 899-aa(2)(a): documented in writing, kept five years; "if the incident affects over
    # five hundred residents of New York", to the AG within ten days after the determination.
    over = plan_for("NY", discovered="2025-04-01", residents=501, decisions=(no_harm("NY", "2025-04-15"),))
    assert notice(over, "NY", "individuals").status is Status.NOT_REQUIRED
    ag = notice(over, "NY", "no_harm_attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2025, 4, 25)
    at = plan_for("NY", discovered="2025-04-01", residents=500, decisions=(no_harm("NY", "2025-04-15"),))
    assert notice(at, "NY", "no_harm_attorney_general").status is Status.NOT_REQUIRED
    assert notice(at, "NY", "no_harm_record").status is Status.REQUIRED
