"""Maine, 10 M.R.S. § 1348, as statute cases."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import monitoring, notice, plan_for


def test_me_residents_within_30_days_of_knowing_breach_and_scope_since_2019_09_19():
    plan = plan_for("ME", discovered="2019-09-19", determined="2019-09-25")
    assert notice(plan, "ME", "individuals").deadline == date(2019, 10, 25)


def test_me_no_fixed_deadline_before_2019_09_19():
    ind = notice(plan_for("ME", discovered="2019-09-18"), "ME", "individuals")
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_me_attorney_general_for_any_resident():
    assert (
        notice(plan_for("ME", discovered="2024-05-01", residents=1), "ME", "attorney_general").status
        is Status.REQUIRED
    )


def test_me_consumer_reporting_agencies_when_more_than_1000():
    assert (
        notice(
            plan_for("ME", discovered="2024-05-01", residents=1001), "ME", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("ME", discovered="2024-05-01", residents=1000), "ME", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_me_vendor_tells_owner_immediately():
    plan = plan_for("ME", discovered="2024-05-01", role="business_associate")
    assert notice(plan, "ME", "data_owner").status is Status.REQUIRED


def test_me_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("ME", discovered="2024-05-01"), "ME") == []
