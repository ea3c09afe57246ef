"""Utah, Utah Code § 13-44-202 (S.B. 127 2023-05-03; S.B. 98 2024-05-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_utah_individuals_most_expedient_time_13_44_202_2():
    ind = notice(plan_for("UT", discovered="2024-06-03", residents=5), "UT", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_utah_no_attorney_general_cyber_center_or_cra_notice_before_2023_05_03():
    plan = plan_for("UT", discovered="2023-05-02", residents=5000)
    assert not has_notice(plan, "UT", "attorney_general")
    assert not has_notice(plan, "UT", "utah_cyber_center")
    assert not has_notice(plan, "UT", "consumer_reporting_agencies")


def test_utah_attorney_general_and_cyber_center_when_500_or_more_since_2023_05_03():
    plan = plan_for("UT", discovered="2023-05-03", residents=500)
    assert notice(plan, "UT", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "UT", "utah_cyber_center").status is Status.REQUIRED


def test_utah_attorney_general_not_owed_for_499():
    plan = plan_for("UT", discovered="2023-05-03", residents=499)
    assert notice(plan, "UT", "attorney_general").status is Status.NOT_REQUIRED
    assert notice(plan, "UT", "utah_cyber_center").status is Status.NOT_REQUIRED


def test_utah_cras_when_1000_or_more():
    assert (
        notice(
            plan_for("UT", discovered="2024-06-03", residents=1000), "UT", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("UT", discovered="2024-06-03", residents=999), "UT", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_utah_notice_content_prescribed_from_2024_05_01():
    before = notice(plan_for("UT", discovered="2024-04-30", residents=600), "UT", "attorney_general")
    after = notice(plan_for("UT", discovered="2024-05-01", residents=600), "UT", "attorney_general")
    assert not before.content
    assert "short description" in after.content
    assert after.effective_from == date(2024, 5, 1)


def test_utah_maintainer_tells_owner_immediately_13_44_202_3():
    plan = plan_for("UT", discovered="2024-06-03", role="business_associate")
    assert notice(plan, "UT", "data_owner").status is Status.REQUIRED


def test_utah_2009_law_applies_in_2018():
    assert notice(plan_for("UT", discovered="2018-01-02"), "UT", "individuals").effective_from == date(
        2009, 5, 12
    )
