"""West Virginia: W. Va. Code §§ 46A-2A-101 to -105."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_west_virginia_residents_without_unreasonable_delay():
    plan = plan_for("WV", discovered="2024-03-01", residents=1)
    people = notice(plan, "WV", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_west_virginia_cras_when_more_than_one_thousand_notified():
    plan = plan_for("WV", discovered="2024-03-01", residents=1001)
    assert notice(plan, "WV", "consumer_reporting_agencies").status is Status.REQUIRED


def test_west_virginia_no_cra_notice_for_one_thousand():
    plan = plan_for("WV", discovered="2024-03-01", residents=1000)
    assert notice(plan, "WV", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_west_virginia_has_no_attorney_general_notice():
    plan = plan_for("WV", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "WV", "attorney_general")


def test_west_virginia_maintainer_tells_owner_as_soon_as_practicable():
    plan = plan_for("WV", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "WV", "data_owner").status is Status.REQUIRED


def test_west_virginia_encrypted_data_safe_unless_key_involved():
    assert (
        notice(plan_for("WV", discovered="2024-03-01", encrypted=True), "WV", "individuals").status
        is Status.NOT_REQUIRED
    )
    lost = plan_for("WV", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(lost, "WV", "individuals").status is Status.REQUIRED


def test_west_virginia_name_and_dob_is_not_personal_information():
    plan = plan_for("WV", discovered="2024-03-01", elements=("name", "dob"))
    assert notice(plan, "WV", "individuals").status is Status.NOT_REQUIRED


def test_west_virginia_no_hipaa_deeming():
    plan = plan_for("WV", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "WV", "individuals").status is Status.REQUIRED
