"""South Carolina, S.C. Code Ann. § 39-1-90."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import notice, plan_for


def test_south_carolina_individuals_most_expedient_time_39_1_90_a():
    ind = notice(plan_for("SC", discovered="2024-03-01", residents=3), "SC", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert ind.effective_from == date(2013, 4, 23)


def test_south_carolina_department_of_consumer_affairs_when_more_than_1000_39_1_90_k():
    assert (
        notice(plan_for("SC", discovered="2024-03-01", residents=1001), "SC", "consumer_affairs").status
        is Status.REQUIRED
    )
    assert (
        notice(plan_for("SC", discovered="2024-03-01", residents=1000), "SC", "consumer_affairs").status
        is Status.NOT_REQUIRED
    )


def test_south_carolina_cras_when_more_than_1000_39_1_90_k():
    assert (
        notice(
            plan_for("SC", discovered="2024-03-01", residents=1001), "SC", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("SC", discovered="2024-03-01", residents=1000), "SC", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_south_carolina_maintainer_tells_owner_immediately_39_1_90_b():
    plan = plan_for("SC", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "SC", "data_owner").status is Status.REQUIRED


def test_south_carolina_government_issued_unique_number_with_name_counts():
    plan = plan_for("SC", discovered="2024-03-01", elements=("name", "passport"))
    assert notice(plan, "SC", "individuals").status is Status.REQUIRED


def test_south_carolina_no_hipaa_deemed_compliance():
    plan = plan_for("SC", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "SC", "individuals").status is Status.REQUIRED
