"""Vermont, 9 V.S.A. §§ 2430, 2435 (Act 109 2012-05-08; Act 89 2020-07-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import no_harm, notice, plan_for, rulebook


def test_vermont_consumers_within_45_days_of_discovery():
    ind = notice(plan_for("VT", discovered="2024-02-26", residents=3), "VT", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 4, 11)
    assert ind.without_unreasonable_delay


def test_vermont_preliminary_notice_14_business_days_skips_town_meeting_day():
    ag = notice(plan_for("VT", discovered="2024-02-26", residents=1), "VT", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 3, 18)


def test_vermont_preliminary_notice_skips_bennington_battle_day_and_labor_day():
    ag = notice(plan_for("VT", discovered="2024-08-12", residents=1), "VT", "attorney_general")
    assert ag.deadline == date(2024, 9, 3)


def test_vermont_preliminary_notice_due_with_consumer_notice_if_that_is_sooner():
    plan = plan_for("VT", discovered="2024-02-26", individuals_notified="2024-03-01")
    assert notice(plan, "VT", "attorney_general").deadline == date(2024, 3, 1)


def test_vermont_copy_of_consumer_notice_to_attorney_general_when_consumers_notified():
    plan = plan_for("VT", discovered="2024-02-26", individuals_notified="2024-03-08")
    copy = notice(plan, "VT", "attorney_general_notice_copy")
    assert copy.status is Status.REQUIRED
    assert copy.deadline == date(2024, 3, 8)


def test_vermont_consumer_reporting_agencies_when_more_than_1000():
    assert (
        notice(
            plan_for("VT", discovered="2024-02-26", residents=1001), "VT", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("VT", discovered="2024-02-26", residents=1000), "VT", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_vermont_vendor_tells_owner_immediately():
    owner = notice(plan_for("VT", discovered="2024-02-26", role="business_associate"), "VT", "data_owner")
    assert owner.status is Status.REQUIRED


def test_vermont_no_hipaa_deeming():
    plan = plan_for("VT", discovered="2024-02-26", role="covered_entity")
    assert notice(plan, "VT", "individuals").status is Status.REQUIRED
    assert notice(plan, "VT", "attorney_general").status is Status.REQUIRED


def test_vermont_login_credentials_alone_not_covered_before_act_89():
    plan = plan_for("VT", discovered="2020-06-30", elements=("username_password",))
    assert notice(plan, "VT", "individuals").status is Status.NOT_REQUIRED


def test_vermont_login_credentials_alone_covered_from_2020_07_01():
    plan = plan_for("VT", discovered="2020-07-01", elements=("username_password",))
    assert notice(plan, "VT", "individuals").status is Status.REQUIRED


def test_vermont_passport_and_health_data_added_by_act_89():
    before = plan_for("VT", discovered="2020-06-30", elements=("name", "passport", "medical"))
    after = plan_for("VT", discovered="2020-07-01", elements=("name", "passport", "medical"))
    assert notice(before, "VT", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "VT", "individuals").status is Status.REQUIRED


def test_vermont_preliminary_notice_skips_indigenous_peoples_day_a_vermont_legal_holiday():
    # 1 V.S.A. § 371(a)(9): the second Monday in October (python-holidays lacks it).
    ag = notice(plan_for("VT", discovered="2026-10-02", residents=1), "VT", "attorney_general")
    assert ag.deadline == date(2026, 10, 23)


def test_vermont_no_misuse_determination_goes_to_the_ag_with_an_explanation_no_fixed_deadline():
    # 9 V.S.A. § 2435(d)(1): notice of the determination and a detailed explanation to the
    # Attorney General (or DFR); the text read sets no time for it.
    plan = plan_for("VT", discovered="2024-03-01", decisions=(no_harm("VT", "2024-03-12"),))
    assert notice(plan, "VT", "individuals").status is Status.NOT_REQUIRED
    ag = notice(plan, "VT", "no_harm_attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline is None and ag.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_vermont_juneteenth_is_a_legal_holiday_only_from_s206_2024():
    """1 V.S.A. § 371(a) did not list June 19 before S.206 (2024); python-holidays has it from 2021.
    Counted as a business day through 2024-06-30 (Vermont acts take effect July 1), a holiday from 2025."""
    from notifyplanner.calendar import holiday_name, is_business_day

    vt = rulebook().get("VT").holidays
    assert is_business_day(date(2023, 6, 19), vt)  # a Monday
    assert is_business_day(date(2022, 6, 20), vt)  # the federal observed Monday
    assert is_business_day(date(2024, 6, 19), vt)  # a Wednesday
    assert holiday_name(date(2025, 6, 19), vt) == "Juneteenth National Independence Day"
