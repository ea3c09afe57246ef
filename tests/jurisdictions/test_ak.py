"""Alaska Personal Information Protection Act, AS 45.48.010 - 45.48.090 (in force 2009-07-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, no_harm, notice, plan_for


def test_alaska_individuals_most_expeditious_time_no_fixed_days():
    plan = plan_for("AK", discovered="2024-03-05", residents=10)
    ind = notice(plan, "AK", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline is None
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_alaska_consumer_reporting_agencies_when_more_than_1000_alaskans():
    plan = plan_for("AK", discovered="2024-03-05", residents=1001)
    assert notice(plan, "AK", "consumer_reporting_agencies").status is Status.REQUIRED
    below = plan_for("AK", discovered="2024-03-05", residents=1000)
    assert notice(below, "AK", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_alaska_no_attorney_general_notice_when_residents_are_notified():
    plan = plan_for("AK", discovered="2024-03-05", residents=50000)
    assert not has_notice(plan, "AK", "attorney_general")


def test_alaska_information_recipient_tells_distributor_immediately():
    plan = plan_for("AK", role="business_associate", discovered="2024-03-05", residents=10)
    owner = notice(plan, "AK", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_alaska_bare_card_number_with_name_is_personal_information():
    plan = plan_for("AK", discovered="2024-03-05", residents=10, elements=("name", "account_number_only"))
    assert notice(plan, "AK", "individuals").status is Status.REQUIRED


def test_alaska_has_no_hipaa_exemption():
    plan = plan_for("AK", role="covered_entity", discovered="2024-03-05", residents=10)
    assert notice(plan, "AK", "individuals").status is Status.REQUIRED


def test_alaska_encrypted_safe_unless_key_acquired():
    safe = plan_for("AK", discovered="2024-03-05", residents=10, encrypted=True)
    assert notice(safe, "AK", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for("AK", discovered="2024-03-05", residents=10, encrypted=True, key_compromised=True)
    assert notice(lost, "AK", "individuals").status is Status.REQUIRED


# AS 45.48.010(c): disclosure is not required if, after an appropriate investigation and
# after written notification to the attorney general, the covered person determines there
# is not a reasonable likelihood of harm; documented in writing, kept five years.


def test_alaska_no_harm_determination_excuses_notice_and_requires_prior_written_notice_to_the_ag():
    plan = plan_for("AK", discovered="2024-03-01", residents=2000, decisions=(no_harm("AK", "2024-03-20"),))
    assert notice(plan, "AK", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "AK", "consumer_reporting_agencies").status is Status.NOT_REQUIRED
    ag = notice(plan, "AK", "no_harm_attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 3, 20)
    assert "Before the determination" in ag.basis
    record = notice(plan, "AK", "no_harm_record")
    assert "2029-03-20" in record.basis


def test_alaska_without_a_determination_there_is_no_ag_notice():
    plan = plan_for("AK", discovered="2024-03-01")
    assert not has_notice(plan, "AK", "no_harm_attorney_general")
    assert notice(plan, "AK", "individuals").status is Status.REQUIRED
