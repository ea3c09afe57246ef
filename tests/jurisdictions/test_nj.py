"""New Jersey, N.J.S.A. 56:8-163, as statute cases."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import monitoring, no_harm, notice, plan_for


def test_nj_customers_most_expedient_time_no_fixed_days():
    ind = notice(plan_for("NJ", discovered="2024-05-01"), "NJ", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_nj_state_police_in_advance_of_customer_notice():
    plan = plan_for("NJ", discovered="2024-05-01", residents=1, individuals_notified="2024-05-10")
    sp = notice(plan, "NJ", "state_police")
    assert sp.status is Status.REQUIRED
    assert sp.deadline == date(2024, 5, 10)


def test_nj_state_police_deadline_relative_until_customer_notice_date_known():
    sp = notice(plan_for("NJ", discovered="2024-05-01"), "NJ", "state_police")
    assert sp.deadline is None
    assert sp.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE


def test_nj_consumer_reporting_agencies_when_more_than_1000():
    assert (
        notice(
            plan_for("NJ", discovered="2024-05-01", residents=1001), "NJ", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("NJ", discovered="2024-05-01", residents=1000), "NJ", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_nj_online_credentials_count_from_2019_09_01():
    creds = ("username_password",)
    assert (
        notice(plan_for("NJ", discovered="2019-09-01", elements=creds), "NJ", "individuals").status
        is Status.REQUIRED
    )
    assert (
        notice(plan_for("NJ", discovered="2019-08-31", elements=creds), "NJ", "individuals").status
        is Status.NOT_REQUIRED
    )


def test_nj_vendor_tells_owner_immediately():
    plan = plan_for("NJ", discovered="2024-05-01", role="business_associate")
    assert notice(plan, "NJ", "data_owner").status is Status.REQUIRED


def test_nj_has_no_credit_monitoring_duty():
    assert monitoring(plan_for("NJ", discovered="2024-05-01"), "NJ") == []


def test_nj_state_police_report_only_from_a_business_required_to_disclose():
    # § 56:8-163(c)(1): "Any business or public entity required under this section to disclose"
    # reports to the State Police; § 56:8-163(a): disclosure is not required if the business
    # establishes that misuse of the information is not reasonably possible.
    plan = plan_for("NJ", discovered="2024-05-01", decisions=(no_harm("NJ", "2024-05-05"),))
    assert notice(plan, "NJ", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "NJ", "state_police").status is Status.NOT_REQUIRED
