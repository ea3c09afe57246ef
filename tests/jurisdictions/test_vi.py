"""U.S. Virgin Islands: 14 V.I.C. § 2209 (Act No. 6789, 2005)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_virgin_islands_residents_most_expedient_time_possible():
    people = notice(plan_for("VI", discovered="2024-03-01", residents=1), "VI", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_virgin_islands_has_no_government_or_cra_notice():
    plan = plan_for("VI", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "VI", "attorney_general")
    assert not has_notice(plan, "VI", "consumer_reporting_agencies")


def test_virgin_islands_maintainer_tells_owner_immediately():
    plan = plan_for("VI", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "VI", "data_owner").status is Status.REQUIRED


def test_virgin_islands_encrypted_data_is_not_personal_information():
    plan = plan_for("VI", discovered="2024-03-01", encrypted=True)
    assert notice(plan, "VI", "individuals").status is Status.NOT_REQUIRED


def test_virgin_islands_no_hipaa_deeming():
    plan = plan_for("VI", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "VI", "individuals").status is Status.REQUIRED
