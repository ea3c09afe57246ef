"""Kansas, K.S.A. 50-7a01, 50-7a02 (in force 2007-01-01)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_kansas_individuals_most_expedient_time_no_fixed_days():
    plan = plan_for("KS", discovered="2024-03-05", residents=10)
    ind = notice(plan, "KS", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_kansas_cras_when_more_than_1000_kansans_at_one_time():
    plan = plan_for("KS", discovered="2024-03-05", residents=1001)
    assert notice(plan, "KS", "consumer_reporting_agencies").status is Status.REQUIRED
    below = plan_for("KS", discovered="2024-03-05", residents=1000)
    assert notice(below, "KS", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_kansas_maintainer_tells_owner_following_discovery():
    plan = plan_for("KS", role="business_associate", discovered="2024-03-05", residents=10)
    assert notice(plan, "KS", "data_owner").status is Status.REQUIRED


def test_kansas_has_no_attorney_general_notice():
    plan = plan_for("KS", discovered="2024-03-05", residents=50000)
    assert not has_notice(plan, "KS", "attorney_general")


def test_kansas_card_number_alone_with_name_counts():
    plan = plan_for("KS", discovered="2024-03-05", residents=10, elements=("name", "account_number_only"))
    assert notice(plan, "KS", "individuals").status is Status.REQUIRED
