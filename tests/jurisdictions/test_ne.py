"""Nebraska: Neb. Rev. Stat. §§ 87-801 to 87-807 (as amended by L.B. 835, 2016)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_nebraska_residents_as_soon_as_possible_and_without_unreasonable_delay():
    plan = plan_for("NE", discovered="2024-03-01", residents=1)
    people = notice(plan, "NE", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_nebraska_ag_not_later_than_the_time_residents_are_notified():
    plan = plan_for("NE", discovered="2024-03-01", residents=1, individuals_notified="2024-04-02")
    ag = notice(plan, "NE", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 2)


def test_nebraska_hipaa_regulated_entity_still_owes_the_ag_notice():
    plan = plan_for("NE", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "NE", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "NE", "attorney_general").status is Status.REQUIRED
    # Sent with the HIPAA letter that stands in for Nebraska's: 60 days after discovery.
    assert notice(plan, "NE", "attorney_general").deadline == date(2024, 4, 30)


def test_nebraska_online_credentials_count_without_a_name():
    plan = plan_for("NE", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "NE", "individuals").status is Status.REQUIRED


def test_nebraska_maintainer_duty_to_owner_excused_for_regulated_business_associate():
    plan = plan_for("NE", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "NE", "data_owner").status is Status.NOT_REQUIRED


def test_nebraska_encryption_not_a_safe_harbor_when_key_taken():
    plan = plan_for("NE", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "NE", "individuals").status is Status.REQUIRED


def test_nebraska_has_no_cra_notice():
    assert not has_notice(
        plan_for("NE", discovered="2024-03-01", residents=50_000), "NE", "consumer_reporting_agencies"
    )


def test_nebraska_encoded_from_lb_835_effective_2016_07_20():
    assert not has_notice(plan_for("NE", discovered="2016-07-19"), "NE", "attorney_general")
    assert has_notice(plan_for("NE", discovered="2016-07-20"), "NE", "attorney_general")
