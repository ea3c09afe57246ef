"""New Hampshire, RSA 359-C:20, as statute cases."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import monitoring, notice, plan_for


def test_nh_individuals_as_soon_as_possible():
    ind = notice(plan_for("NH", discovered="2018-01-01"), "NH", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_nh_attorney_general_for_any_resident():
    assert (
        notice(plan_for("NH", discovered="2024-05-01", residents=1), "NH", "attorney_general").status
        is Status.REQUIRED
    )


def test_nh_consumer_reporting_agencies_when_more_than_1000():
    assert (
        notice(
            plan_for("NH", discovered="2024-05-01", residents=1001), "NH", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("NH", discovered="2024-05-01", residents=1000), "NH", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_nh_vendor_tells_owner_immediately():
    plan = plan_for("NH", discovered="2024-05-01", role="business_associate")
    assert notice(plan, "NH", "data_owner").status is Status.REQUIRED


def test_nh_encrypted_data_without_key_is_not_notifiable_but_with_key_is():
    assert (
        notice(plan_for("NH", discovered="2024-05-01", encrypted=True), "NH", "individuals").status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(
            plan_for("NH", discovered="2024-05-01", encrypted=True, key_compromised=True), "NH", "individuals"
        ).status
        is Status.REQUIRED
    )


def test_nh_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("NH", discovered="2024-05-01"), "NH") == []
