"""Arkansas, Ark. Code Ann. § 4-110-105 (Act 1526 2005-08-12; Act 1030 2019-07-23)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_arkansas_individuals_most_expedient_time():
    ind = notice(plan_for("AR", discovered="2024-03-01"), "AR", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_arkansas_attorney_general_45_days_after_harm_determination_when_more_than_1000_affected():
    plan = plan_for("AR", discovered="2024-03-01", determined="2024-03-05", residents=50, total_affected=1001)
    ag = notice(plan, "AR", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 19)


def test_arkansas_attorney_general_at_the_same_time_as_individuals_if_sooner():
    plan = plan_for(
        "AR",
        discovered="2024-03-01",
        determined="2024-03-05",
        residents=50,
        total_affected=5000,
        individuals_notified="2024-03-20",
    )
    assert notice(plan, "AR", "attorney_general").deadline == date(2024, 3, 20)


def test_arkansas_attorney_general_not_owed_for_exactly_1000_affected():
    plan = plan_for("AR", discovered="2024-03-01", residents=1000, total_affected=1000)
    assert notice(plan, "AR", "attorney_general").status is Status.NOT_REQUIRED


def test_arkansas_no_attorney_general_notice_before_act_1030():
    plan = plan_for("AR", discovered="2019-07-22", residents=5000, total_affected=5000)
    assert not has_notice(plan, "AR", "attorney_general")


def test_arkansas_biometric_data_covered_from_2019_07_23():
    before = plan_for("AR", discovered="2019-07-22", elements=("name", "biometric"))
    after = plan_for("AR", discovered="2019-07-23", elements=("name", "biometric"))
    assert notice(before, "AR", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "AR", "individuals").status is Status.REQUIRED


def test_arkansas_medical_information_with_name_is_personal_information():
    plan = plan_for("AR", discovered="2024-03-01", elements=("name", "medical"))
    assert notice(plan, "AR", "individuals").status is Status.REQUIRED


def test_arkansas_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("AR", discovered="2024-03-01", residents=50000), "AR", "consumer_reporting_agencies"
    )


def test_arkansas_vendor_tells_owner_immediately():
    owner = notice(plan_for("AR", discovered="2024-03-01", role="business_associate"), "AR", "data_owner")
    assert owner.status is Status.REQUIRED


def test_arkansas_attorney_general_counts_every_affected_individual_not_only_arkansans():
    """§ 4-110-105(b)(2): 'more than one thousand (1,000) individuals', wherever they live."""
    one_arkansan = {"residents": 1, "discovered": "2024-03-01"}
    assert notice(plan_for("AR", total_affected=1001, **one_arkansan), "AR", "attorney_general").status is (
        Status.REQUIRED
    )
    assert notice(plan_for("AR", total_affected=1000, **one_arkansan), "AR", "attorney_general").status is (
        Status.NOT_REQUIRED
    )


def test_arkansas_attorney_general_with_no_total_counts_the_arkansans_entered():
    assert notice(
        plan_for("AR", discovered="2024-03-01", residents=1001), "AR", "attorney_general"
    ).status is (Status.REQUIRED)
