"""Rhode Island, R.I. Gen. Laws § 11-49.3-4, as statute cases."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_ri_residents_within_45_days_of_confirmation():
    plan = plan_for("RI", discovered="2024-03-01", determined="2024-03-05")
    assert notice(plan, "RI", "individuals").deadline == date(2024, 4, 19)


def test_ri_attorney_general_and_credit_agencies_when_more_than_500():
    plan = plan_for("RI", discovered="2024-03-01", residents=501)
    assert notice(plan, "RI", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "RI", "consumer_reporting_agencies").status is Status.REQUIRED


def test_ri_no_attorney_general_or_credit_agency_notice_for_500():
    plan = plan_for("RI", discovered="2024-03-01", residents=500)
    assert notice(plan, "RI", "attorney_general").status is Status.NOT_REQUIRED
    assert notice(plan, "RI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_ri_service_provider_notifies_residents_itself():
    plan = plan_for("RI", discovered="2024-03-01", role="service_provider")
    assert notice(plan, "RI", "individuals").status is Status.REQUIRED
    assert not has_notice(plan, "RI", "data_owner")


def test_ri_hipaa_covered_entity_is_deemed_in_compliance_with_the_chapter():
    """§ 11-49.3-6: a HIPAA covered entity's HIPAA notice stands in for every Rhode Island notice."""
    plan = plan_for("RI", discovered="2024-03-01", residents=501, role="covered_entity")
    for notice_id in ("individuals", "attorney_general", "consumer_reporting_agencies"):
        ob = notice(plan, "RI", notice_id)
        assert ob.status is Status.NOT_REQUIRED
        assert "11-49.3-6" in ob.reason


def test_ri_hipaa_business_associate_is_not_named_in_the_deeming_and_still_notifies():
    plan = plan_for("RI", discovered="2024-03-01", residents=501, role="business_associate")
    assert notice(plan, "RI", "individuals_business_associate").status is Status.REQUIRED
    assert notice(plan, "RI", "attorney_general_business_associate").status is Status.REQUIRED
    assert notice(plan, "RI", "consumer_reporting_agencies_business_associate").status is Status.REQUIRED
    assert not has_notice(plan, "RI", "individuals")
    assert not has_notice(plan, "RI", "data_owner")


def test_ri_business_associate_attorney_general_notice_only_above_500():
    plan = plan_for("RI", discovered="2024-03-01", residents=500, role="business_associate")
    assert notice(plan, "RI", "attorney_general_business_associate").status is Status.NOT_REQUIRED
    assert notice(plan, "RI", "individuals_business_associate").deadline == date(2024, 4, 15)


def test_ri_ordinary_business_is_not_deemed():
    plan = plan_for("RI", discovered="2024-03-01", residents=501, role="business")
    assert notice(plan, "RI", "attorney_general").status is Status.REQUIRED


def test_ri_first_version_in_force_on_2018_01_01():
    assert notice(plan_for("RI", discovered="2018-01-01"), "RI", "individuals").status is Status.REQUIRED


def test_ri_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("RI", discovered="2024-03-01"), "RI") == []
