"""Montana: Mont. Code Ann. § 30-14-1704 (as amended by H.B. 74, 2015)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_montana_residents_without_unreasonable_delay():
    plan = plan_for("MT", discovered="2024-03-01", residents=1)
    people = notice(plan, "MT", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_montana_office_of_consumer_protection_simultaneously_with_residents():
    plan = plan_for("MT", discovered="2024-03-01", residents=1, individuals_notified="2024-03-20")
    ag = notice(plan, "MT", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 3, 20)


def test_montana_ag_notice_has_no_date_until_residents_are_notified():
    plan = plan_for("MT", discovered="2024-03-01", residents=1)
    ag = notice(plan, "MT", "attorney_general")
    assert ag.deadline is None
    assert ag.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE


def test_montana_cra_coordination_when_the_notice_points_to_credit_reports():
    # § 30-14-1704(7): owed when the notice suggests, indicates or implies that people
    # may obtain a copy of their file from a consumer reporting agency.
    says = plan_for(
        "MT", discovered="2024-03-01", residents=1, circumstances={"notice_refers_to_credit_reports": True}
    )
    assert notice(says, "MT", "consumer_reporting_agencies").status is Status.REQUIRED
    silent = plan_for(
        "MT", discovered="2024-03-01", residents=1, circumstances={"notice_refers_to_credit_reports": False}
    )
    assert notice(silent, "MT", "consumer_reporting_agencies").status is Status.NOT_REQUIRED
    asks = notice(plan_for("MT", discovered="2024-03-01", residents=1), "MT", "consumer_reporting_agencies")
    assert asks.status is Status.UNDETERMINED
    assert "consumer reporting agency" in asks.needs[-1]


def test_montana_maintainer_notifies_owner_immediately():
    plan = plan_for("MT", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "MT", "data_owner").status is Status.REQUIRED


def test_montana_taxpayer_id_and_medical_records_count_with_a_name():
    for element in ("tax_id", "medical"):
        plan = plan_for("MT", discovered="2024-03-01", elements=("name", element))
        assert notice(plan, "MT", "individuals").status is Status.REQUIRED


def test_montana_hipaa_entities_are_not_deemed_compliant():
    plan = plan_for("MT", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "MT", "attorney_general").status is Status.REQUIRED


def test_montana_encoded_from_hb_74_effective_2015_10_01():
    assert not has_notice(plan_for("MT", discovered="2015-09-30"), "MT", "attorney_general")
    assert has_notice(plan_for("MT", discovered="2015-10-01"), "MT", "attorney_general")
