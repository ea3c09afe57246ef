"""Ohio, Ohio Rev. Code § 1349.19."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_ohio_individuals_not_later_than_45_days_after_discovery_1349_19_b():
    ind = notice(plan_for("OH", discovered="2024-03-01", residents=10), "OH", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.FIXED
    assert ind.deadline == date(2024, 4, 15)
    assert ind.without_unreasonable_delay


def test_ohio_cras_when_more_than_1000_ohioans_in_a_single_occurrence():
    cra = notice(plan_for("OH", discovered="2024-03-01", residents=1001), "OH", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED


def test_ohio_no_cra_notice_for_1000_ohioans():
    cra = notice(plan_for("OH", discovered="2024-03-01", residents=1000), "OH", "consumer_reporting_agencies")
    assert cra.status is Status.NOT_REQUIRED


def test_ohio_no_attorney_general_notice():
    assert not has_notice(plan_for("OH", discovered="2024-03-01", residents=100000), "OH", "attorney_general")


def test_ohio_custodian_tells_owner_expeditiously_1349_19_c():
    own = notice(plan_for("OH", discovered="2024-03-01", role="business_associate"), "OH", "data_owner")
    assert own.status is Status.REQUIRED
    assert own.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_ohio_hipaa_covered_entity_excluded():
    plan = plan_for("OH", discovered="2024-03-01", role="covered_entity", residents=2000)
    assert notice(plan, "OH", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "OH", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_ohio_law_as_amended_2007_applies_in_2018():
    assert notice(plan_for("OH", discovered="2018-01-02"), "OH", "individuals").effective_from == date(
        2007, 3, 30
    )
