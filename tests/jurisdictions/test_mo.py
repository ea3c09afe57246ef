"""Missouri: Mo. Rev. Stat. § 407.1500."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_missouri_consumers_without_unreasonable_delay():
    plan = plan_for("MO", discovered="2024-03-01", residents=1)
    people = notice(plan, "MO", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_missouri_ag_when_more_than_1000_consumers_notified_at_one_time():
    plan = plan_for("MO", discovered="2024-03-01", residents=1001)
    ag = notice(plan, "MO", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_missouri_no_ag_notice_for_1000_consumers():
    plan = plan_for("MO", discovered="2024-03-01", residents=1000)
    assert notice(plan, "MO", "attorney_general").status is Status.NOT_REQUIRED


def test_missouri_cras_when_more_than_1000_consumers_notified():
    assert (
        notice(
            plan_for("MO", discovered="2024-03-01", residents=1001), "MO", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("MO", discovered="2024-03-01", residents=1000), "MO", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_missouri_medical_and_health_insurance_information_count_with_a_name():
    plan = plan_for("MO", discovered="2024-03-01", elements=("name", "medical"))
    assert notice(plan, "MO", "individuals").status is Status.REQUIRED
    plan = plan_for("MO", discovered="2024-03-01", elements=("name", "health_insurance"))
    assert notice(plan, "MO", "individuals").status is Status.REQUIRED


def test_missouri_maintainer_duty_to_owner_excused_for_regulated_business_associate():
    plan = plan_for("MO", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "MO", "data_owner").status is Status.NOT_REQUIRED


def test_missouri_regulated_entity_following_hipaa_is_deemed_compliant_with_the_section():
    plan = plan_for("MO", discovered="2024-03-01", role="covered_entity", residents=5000)
    assert notice(plan, "MO", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "MO", "attorney_general").status is Status.NOT_REQUIRED


def test_missouri_encryption_safe_harbor_lost_when_key_taken():
    plan = plan_for("MO", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "MO", "individuals").status is Status.REQUIRED


def test_missouri_section_in_force_from_2009_08_28():
    assert not has_notice(plan_for("MO", discovered="2009-08-27"), "MO", "individuals")
    assert has_notice(plan_for("MO", discovered="2009-08-28"), "MO", "individuals")
