"""Oregon, ORS 646A.600-646A.628 (S.B. 601 2016; S.B. 1551 2018-06-02; S.B. 684 2020-01-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_oregon_individuals_no_fixed_days_before_2018_06_02():
    ind = notice(plan_for("OR", discovered="2018-06-01"), "OR", "individuals")
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert ind.effective_from == date(2016, 1, 1)


def test_oregon_individuals_45_days_after_discovery_since_2018_06_02():
    ind = notice(plan_for("OR", discovered="2018-06-04"), "OR", "individuals")
    assert ind.deadline == date(2018, 7, 19)


def test_oregon_attorney_general_45_days_when_more_than_250_consumers():
    ag = notice(plan_for("OR", discovered="2024-03-01", residents=251), "OR", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 15)


def test_oregon_attorney_general_not_owed_for_250():
    ag = notice(plan_for("OR", discovered="2024-03-01", residents=250), "OR", "attorney_general")
    assert ag.status is Status.NOT_REQUIRED


def test_oregon_cras_when_more_than_1000_consumers():
    plan_yes = plan_for("OR", discovered="2024-03-01", residents=1001)
    plan_no = plan_for("OR", discovered="2024-03-01", residents=1000)
    assert notice(plan_yes, "OR", "consumer_reporting_agencies").status is Status.REQUIRED
    assert notice(plan_no, "OR", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_oregon_vendor_tells_covered_entity_within_10_days_since_2020():
    own = notice(plan_for("OR", discovered="2020-03-02", role="business_associate"), "OR", "data_owner")
    assert own.deadline == date(2020, 3, 12)


def test_oregon_vendor_notice_had_no_fixed_days_in_2019():
    own = notice(plan_for("OR", discovered="2019-12-31", role="business_associate"), "OR", "data_owner")
    assert own.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_oregon_vendor_tells_attorney_general_when_more_than_250_since_2020():
    plan = plan_for("OR", discovered="2020-03-02", role="business_associate", residents=251)
    assert notice(plan, "OR", "vendor_attorney_general").status is Status.REQUIRED
    assert not has_notice(
        plan_for("OR", discovered="2019-12-31", role="business_associate"), "OR", "vendor_attorney_general"
    )


def test_oregon_account_credentials_alone_count_since_2020():
    before = plan_for("OR", discovered="2019-12-31", elements=("username_password",))
    after = plan_for("OR", discovered="2020-01-01", elements=("username_password",))
    assert notice(before, "OR", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "OR", "individuals").status is Status.REQUIRED


def test_oregon_hipaa_covered_entity_exempt_but_sends_ag_copy():
    plan = plan_for("OR", discovered="2024-03-01", role="covered_entity", residents=300)
    assert notice(plan, "OR", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "OR", "attorney_general").status is Status.REQUIRED
