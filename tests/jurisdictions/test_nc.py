"""North Carolina, N.C. Gen. Stat. §§ 75-61, 75-65 (Identity Theft Protection Act)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_north_carolina_individuals_without_unreasonable_delay_no_fixed_days_75_65_a():
    plan = plan_for("NC", discovered="2024-03-01", residents=10)
    ind = notice(plan, "NC", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert ind.deadline is None


def test_north_carolina_consumer_protection_division_told_of_every_breach_notified_75_65_e1():
    plan = plan_for("NC", discovered="2024-03-01", residents=1)
    ag = notice(plan, "NC", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_north_carolina_cras_when_more_than_1000_persons_notified_at_one_time_75_65_f():
    plan = plan_for("NC", discovered="2024-03-01", residents=10, total_affected=1001)
    assert notice(plan, "NC", "consumer_reporting_agencies").status is Status.REQUIRED


def test_north_carolina_no_cra_notice_for_1000_persons():
    plan = plan_for("NC", discovered="2024-03-01", residents=10, total_affected=1000)
    assert notice(plan, "NC", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_north_carolina_maintainer_tells_owner_immediately_75_65_b():
    plan = plan_for("NC", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "NC", "data_owner").status is Status.REQUIRED
    assert not has_notice(plan, "NC", "individuals")


def test_north_carolina_checking_account_number_with_name_is_personal_information_without_a_code():
    plan = plan_for("NC", discovered="2024-03-01", elements=("name", "account_number_only"))
    assert notice(plan, "NC", "individuals").status is Status.REQUIRED


def test_north_carolina_no_hipaa_deemed_compliance():
    plan = plan_for("NC", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "NC", "individuals").status is Status.REQUIRED


def test_north_carolina_law_as_amended_2009_applies_in_2018():
    plan = plan_for("NC", discovered="2018-01-02")
    assert notice(plan, "NC", "individuals").effective_from == date(2009, 10, 1)
