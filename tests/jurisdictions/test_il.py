"""Illinois Personal Information Protection Act, 815 ILCS 530 (P.A. 99-503, 2017-01-01; P.A. 101-343, 2020-01-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_illinois_individuals_most_expedient_time_no_fixed_days():
    plan = plan_for("IL", discovered="2024-03-05", residents=10)
    ind = notice(plan, "IL", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_illinois_attorney_general_no_later_than_consumer_notice_when_more_than_500():
    plan = plan_for("IL", discovered="2024-03-05", residents=501, individuals_notified="2024-04-02")
    ag = notice(plan, "IL", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 2)


def test_illinois_attorney_general_waits_on_the_consumer_notice_date():
    plan = plan_for("IL", discovered="2024-03-05", residents=501)
    ag = notice(plan, "IL", "attorney_general")
    assert ag.deadline is None
    assert ag.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE


def test_illinois_attorney_general_not_owed_for_500():
    plan = plan_for("IL", discovered="2024-03-05", residents=500)
    assert notice(plan, "IL", "attorney_general").status is Status.NOT_REQUIRED


def test_illinois_no_general_attorney_general_notice_before_2020():
    plan = plan_for("IL", discovered="2019-12-31", residents=5000)
    assert not has_notice(plan, "IL", "attorney_general")
    after = plan_for("IL", discovered="2020-01-01", residents=5000)
    assert has_notice(after, "IL", "attorney_general")


def test_illinois_hipaa_entity_deemed_compliant_but_tells_attorney_general_after_hhs():
    # 815 ILCS 530/50: "within 5 business days of notifying the Secretary". 600 affected:
    # HHS is told with the letters, due 2024-05-04 (60 days after discovery), a Saturday;
    # five Illinois business days later is Friday 2024-05-10.
    plan = plan_for("IL", role="covered_entity", discovered="2024-03-05", residents=600)
    assert notice(plan, "IL", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "IL", "attorney_general").status is Status.NOT_REQUIRED
    hipaa_ag = notice(plan, "IL", "attorney_general_hipaa")
    assert hipaa_ag.status is Status.REQUIRED
    assert hipaa_ag.deadline == date(2024, 5, 10)
    assert "HHS Secretary" in hipaa_ag.basis and "actual notice date" in hipaa_ag.basis


def test_illinois_attorney_general_runs_from_the_real_hhs_notice_date():
    plan = plan_for(
        "IL", role="covered_entity", discovered="2024-03-05", residents=600, hhs_notified="2024-03-20"
    )
    hipaa_ag = notice(plan, "IL", "attorney_general_hipaa")
    assert hipaa_ag.deadline == date(2024, 3, 27)  # Wed 03-20 + 5 business days
    assert "(as entered)" in hipaa_ag.basis


def test_illinois_small_hipaa_breach_runs_from_the_annual_hhs_log():
    # 499 affected: HHS is told within 60 days after the end of 2024 (2025-03-01, a
    # Saturday); five Illinois business days after it, skipping Casimir Pulaski Day
    # (Monday 2025-03-03), is Monday 2025-03-10.
    plan = plan_for("IL", role="covered_entity", discovered="2024-03-05", residents=499)
    hipaa_ag = notice(plan, "IL", "attorney_general_hipaa")
    assert hipaa_ag.deadline == date(2025, 3, 10)
    assert "annual log" in hipaa_ag.basis
    at_500 = plan_for("IL", role="covered_entity", discovered="2024-03-05", residents=500)
    assert notice(at_500, "IL", "attorney_general_hipaa").deadline == date(2024, 5, 10)


def test_illinois_hipaa_attorney_general_notice_already_in_force_2017():
    plan = plan_for("IL", role="covered_entity", discovered="2017-06-01", residents=5)
    assert notice(plan, "IL", "attorney_general_hipaa").status is Status.REQUIRED


def test_illinois_maintainer_tells_owner_immediately():
    plan = plan_for("IL", role="business_associate", discovered="2024-03-05", residents=10)
    # Deemed compliant under HIPAA (815 ILCS 530/50): a HIPAA business associate's notice duty is excused.
    assert notice(plan, "IL", "data_owner").status is Status.NOT_REQUIRED


def test_illinois_online_credentials_count_without_a_name():
    plan = plan_for("IL", discovered="2024-03-05", residents=10, elements=("username_password",))
    assert notice(plan, "IL", "individuals").status is Status.REQUIRED


def test_illinois_bare_card_number_with_name_counts():
    plan = plan_for("IL", discovered="2024-03-05", residents=10, elements=("name", "account_number_only"))
    assert notice(plan, "IL", "individuals").status is Status.REQUIRED
