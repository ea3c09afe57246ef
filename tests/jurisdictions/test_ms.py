"""Mississippi: Miss. Code Ann. § 75-24-29."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_mississippi_individuals_without_unreasonable_delay():
    plan = plan_for("MS", discovered="2024-03-01", residents=1)
    people = notice(plan, "MS", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_mississippi_maintainer_notifies_owner_as_soon_as_practicable():
    plan = plan_for("MS", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "MS", "data_owner")
    # A HIPAA business associate following its regulator's procedures is deemed compliant.
    assert owner.status is Status.NOT_REQUIRED


def test_mississippi_regulated_entity_following_hipaa_is_deemed_compliant():
    plan = plan_for("MS", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "MS", "individuals").status is Status.NOT_REQUIRED


def test_mississippi_has_no_attorney_general_or_cra_notice():
    plan = plan_for("MS", discovered="2024-03-01", residents=100_000)
    assert not has_notice(plan, "MS", "attorney_general")
    assert not has_notice(plan, "MS", "consumer_reporting_agencies")


def test_mississippi_covers_tribal_identification_numbers_with_a_name():
    plan = plan_for("MS", discovered="2024-03-01", elements=("name", "government_id"))
    assert notice(plan, "MS", "individuals").status is Status.REQUIRED


def test_mississippi_statute_in_force_from_2011_07_01():
    assert not has_notice(plan_for("MS", discovered="2011-06-30"), "MS", "individuals")
    assert has_notice(plan_for("MS", discovered="2011-07-01"), "MS", "individuals")
