"""Minnesota: Minn. Stat. § 325E.61."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_minnesota_residents_most_expedient_time_possible_no_day_count():
    plan = plan_for("MN", discovered="2024-03-01", residents=1)
    people = notice(plan, "MN", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_minnesota_cras_within_48_hours_when_more_than_500_notified():
    plan = plan_for("MN", discovered="2024-03-01", residents=501)
    cra = notice(plan, "MN", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline == date(2024, 3, 2)


def test_minnesota_no_cra_notice_for_500_residents():
    plan = plan_for("MN", discovered="2024-03-01", residents=500)
    assert notice(plan, "MN", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_minnesota_maintainer_notifies_owner_immediately():
    plan = plan_for("MN", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "MN", "data_owner").status is Status.REQUIRED


def test_minnesota_no_harm_exception_and_no_hipaa_deeming():
    plan = plan_for("MN", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "MN", "individuals").status is Status.REQUIRED


def test_minnesota_encryption_lost_when_key_acquired():
    plan = plan_for("MN", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "MN", "individuals").status is Status.REQUIRED


def test_minnesota_has_no_attorney_general_notice():
    assert not has_notice(plan_for("MN", discovered="2024-03-01"), "MN", "attorney_general")


def test_minnesota_statute_in_force_from_2006_01_01():
    assert not has_notice(plan_for("MN", discovered="2005-12-31"), "MN", "individuals")
    assert has_notice(plan_for("MN", discovered="2006-01-01"), "MN", "individuals")
