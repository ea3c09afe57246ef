"""Tennessee, Tenn. Code Ann. § 47-18-2107."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_tennessee_individuals_immediately_but_no_later_than_45_days_from_discovery():
    ind = notice(plan_for("TN", discovered="2024-03-04", residents=5), "TN", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 4, 18)
    assert ind.without_unreasonable_delay


def test_tennessee_maintainer_tells_owner_within_45_days():
    own = notice(plan_for("TN", discovered="2024-03-04", role="business_associate"), "TN", "data_owner")
    assert own.deadline == date(2024, 4, 18)


def test_tennessee_cras_when_more_than_1000_persons_at_one_time():
    assert (
        notice(
            plan_for("TN", discovered="2024-03-04", residents=1001), "TN", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("TN", discovered="2024-03-04", residents=1000), "TN", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_tennessee_cra_notice_has_no_fixed_days():
    cra = notice(plan_for("TN", discovered="2024-03-04", residents=5000), "TN", "consumer_reporting_agencies")
    assert cra.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_tennessee_no_attorney_general_notice():
    assert not has_notice(plan_for("TN", discovered="2024-03-04", residents=50000), "TN", "attorney_general")


def test_tennessee_hipaa_entities_excluded():
    plan = plan_for("TN", discovered="2024-03-04", role="covered_entity")
    assert notice(plan, "TN", "individuals").status is Status.NOT_REQUIRED


def test_tennessee_2017_law_applies_in_2018():
    assert notice(plan_for("TN", discovered="2018-01-02"), "TN", "individuals").effective_from == date(
        2017, 4, 4
    )
