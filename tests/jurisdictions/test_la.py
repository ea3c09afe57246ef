"""Louisiana: La. R.S. 51:3071-3077 and La. Admin. Code tit. 16, pt. III, § 701."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_louisiana_residents_within_60_days_of_discovery_since_act_382():
    plan = plan_for("LA", discovered="2024-03-01", residents=1)
    people = notice(plan, "LA", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline == date(2024, 4, 30)
    assert people.without_unreasonable_delay


def test_louisiana_no_fixed_day_count_before_act_382_took_effect_2018_08_01():
    plan = plan_for("LA", discovered="2018-07-31")
    people = notice(plan, "LA", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline is None
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_louisiana_60_day_limit_applies_from_2018_08_01():
    plan = plan_for("LA", discovered="2018-08-01")
    assert notice(plan, "LA", "individuals").deadline == date(2018, 9, 30)


def test_louisiana_ag_must_receive_notice_within_10_days_of_notice_to_citizens():
    plan = plan_for("LA", discovered="2024-03-01", individuals_notified="2024-04-15", residents=1)
    ag = notice(plan, "LA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 25)


def test_louisiana_ag_deadline_runs_from_the_latest_lawful_resident_notice_when_no_date_entered():
    plan = plan_for("LA", discovered="2024-03-01")
    assert notice(plan, "LA", "attorney_general").deadline == date(2024, 5, 10)


def test_louisiana_passport_numbers_count_only_since_act_382():
    before = plan_for("LA", discovered="2018-07-31", elements=("name", "passport"))
    after = plan_for("LA", discovered="2018-08-01", elements=("name", "passport"))
    assert notice(before, "LA", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "LA", "individuals").status is Status.REQUIRED


def test_louisiana_maintainer_tells_owner_within_60_days_of_discovery():
    plan = plan_for("LA", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "LA", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline == date(2024, 4, 30)


def test_louisiana_encrypted_data_is_outside_personal_information():
    plan = plan_for("LA", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "LA", "individuals").status is Status.NOT_REQUIRED


def test_louisiana_has_no_consumer_reporting_agency_notice_or_credit_monitoring():
    plan = plan_for("LA", discovered="2024-03-01", residents=50_000)
    assert not has_notice(plan, "LA", "consumer_reporting_agencies")
    assert monitoring(plan, "LA") == []
