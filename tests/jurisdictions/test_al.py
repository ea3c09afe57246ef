"""Alabama Data Breach Notification Act of 2018, Ala. Code §§ 8-38-1 to 8-38-12 (in force 2018-06-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_alabama_individuals_within_45_days_of_determination_for_own_breach():
    plan = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=10)
    ind = notice(plan, "AL", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 4, 19)


def test_alabama_individuals_45_days_run_from_third_party_agent_notice_when_earlier():
    plan = plan_for(
        "AL", discovered="2024-03-01", vendor_notice="2024-03-04", determined="2024-03-20", residents=10
    )
    assert notice(plan, "AL", "individuals").deadline == date(2024, 4, 18)


def test_alabama_attorney_general_within_45_days_when_more_than_1000_alabamians():
    plan = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=1001)
    ag = notice(plan, "AL", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 19)


def test_alabama_attorney_general_not_owed_for_exactly_1000():
    plan = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=1000)
    assert notice(plan, "AL", "attorney_general").status is Status.NOT_REQUIRED


def test_alabama_consumer_reporting_agencies_without_unreasonable_delay_above_1000():
    plan = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=1001)
    cra = notice(plan, "AL", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    below = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=1000)
    assert notice(below, "AL", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_alabama_third_party_agent_duty_excused_for_a_hipaa_business_associate():
    # Ala. Code § 8-38-11: an entity that follows federal (HIPAA) breach rules is exempt, save the AG copy.
    # The engine models every third-party agent as a HIPAA business associate, so the 10-day duty of
    # § 8-38-8 (due 2024-03-15 here) cannot be exercised; see the rule file's notes.
    plan = plan_for("AL", role="business_associate", discovered="2024-03-05", residents=10)
    assert notice(plan, "AL", "data_owner").status is Status.NOT_REQUIRED


def test_alabama_hipaa_entity_exempt_from_individual_notice_but_still_tells_attorney_general():
    plan = plan_for(
        "AL", role="covered_entity", discovered="2024-03-05", determined="2024-03-05", residents=1500
    )
    assert notice(plan, "AL", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "AL", "attorney_general").status is Status.REQUIRED


def test_alabama_encrypted_data_safe_unless_key_taken():
    safe = plan_for("AL", discovered="2024-03-05", determined="2024-03-05", residents=10, encrypted=True)
    assert notice(safe, "AL", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for(
        "AL",
        discovered="2024-03-05",
        determined="2024-03-05",
        residents=10,
        encrypted=True,
        key_compromised=True,
    )
    assert notice(lost, "AL", "individuals").status is Status.REQUIRED


def test_alabama_credentials_count_only_with_a_name():
    plan = plan_for("AL", discovered="2024-03-05", residents=10, elements=("username_password",))
    assert notice(plan, "AL", "individuals").status is Status.NOT_REQUIRED
    named = plan_for("AL", discovered="2024-03-05", residents=10, elements=("name", "username_password"))
    assert notice(named, "AL", "individuals").status is Status.REQUIRED


def test_alabama_no_statute_before_2018_06_01():
    plan = plan_for("AL", discovered="2018-05-31", determined="2018-05-31", residents=2000)
    assert not has_notice(plan, "AL", "individuals")
    assert not has_notice(plan, "AL", "attorney_general")


def test_alabama_breach_act_unchanged_by_act_2026_552_before_its_2027_05_01_start():
    plan = plan_for("AL", discovered="2026-12-01", determined="2026-12-01", residents=1001)
    assert notice(plan, "AL", "individuals").deadline == date(2027, 1, 15)
    assert notice(plan, "AL", "attorney_general").status is Status.REQUIRED
