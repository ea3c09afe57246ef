"""Nevada: NRS 603A.020, 603A.040, 603A.220."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_nevada_residents_most_expedient_time_possible():
    plan = plan_for("NV", discovered="2024-03-01", residents=1)
    people = notice(plan, "NV", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_nevada_cras_when_more_than_1000_persons_notified():
    plan = plan_for("NV", discovered="2024-03-01", residents=1001)
    assert notice(plan, "NV", "consumer_reporting_agencies").status is Status.REQUIRED


def test_nevada_no_cra_notice_for_1000_persons():
    plan = plan_for("NV", discovered="2024-03-01", residents=1000)
    assert notice(plan, "NV", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_nevada_maintainer_notifies_owner_immediately():
    plan = plan_for("NV", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "NV", "data_owner").status is Status.REQUIRED


def test_nevada_online_credentials_count_only_with_a_name():
    alone = plan_for("NV", discovered="2024-03-01", elements=("username_password",))
    named = plan_for("NV", discovered="2024-03-01", elements=("name", "username_password"))
    assert notice(alone, "NV", "individuals").status is Status.NOT_REQUIRED
    assert notice(named, "NV", "individuals").status is Status.REQUIRED


def test_nevada_has_no_attorney_general_notice():
    assert not has_notice(plan_for("NV", discovered="2024-03-01"), "NV", "attorney_general")


def test_nevada_chapter_603a_in_force_from_2005_10_01():
    assert not has_notice(plan_for("NV", discovered="2005-09-30"), "NV", "individuals")
    assert has_notice(plan_for("NV", discovered="2005-10-01"), "NV", "individuals")


def test_nevada_counts_medical_and_insurance_identification_numbers_not_medical_information():
    # NRS 603A.040(1)(d): "A medical identification number or a health insurance
    # identification number", with the name; medical information as such is not listed.
    ids = plan_for("NV", discovered="2024-03-01", elements=("name", "medical_id_number"))
    assert notice(ids, "NV", "individuals").status is Status.REQUIRED
    insurance = plan_for("NV", discovered="2024-03-01", elements=("name", "health_insurance"))
    assert notice(insurance, "NV", "individuals").status is Status.REQUIRED
    records = plan_for("NV", discovered="2024-03-01", elements=("name", "medical"))
    assert notice(records, "NV", "individuals").status is Status.NOT_REQUIRED
    no_name = plan_for("NV", discovered="2024-03-01", elements=("medical_id_number",))
    assert notice(no_name, "NV", "individuals").status is Status.NOT_REQUIRED
