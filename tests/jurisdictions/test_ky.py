"""Kentucky, KRS 365.732 (H.B. 232, in force 2014-07-15)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_kentucky_individuals_most_expedient_time_no_fixed_days():
    plan = plan_for("KY", discovered="2024-03-05", residents=10)
    ind = notice(plan, "KY", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_kentucky_cras_when_more_than_1000_persons_at_one_time():
    plan = plan_for("KY", discovered="2024-03-05", residents=1001)
    assert notice(plan, "KY", "consumer_reporting_agencies").status is Status.REQUIRED
    below = plan_for("KY", discovered="2024-03-05", residents=1000)
    assert notice(below, "KY", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_kentucky_maintainer_tells_owner_as_soon_as_reasonably_practicable():
    plan = plan_for("KY", role="business_associate", discovered="2024-03-05", residents=10)
    # HIPAA business associates fall outside KRS 365.732 altogether.
    assert notice(plan, "KY", "data_owner").status is Status.NOT_REQUIRED


def test_kentucky_hipaa_entities_outside_the_statute():
    plan = plan_for("KY", role="covered_entity", discovered="2024-03-05", residents=5000)
    assert notice(plan, "KY", "individuals").status is Status.NOT_REQUIRED


def test_kentucky_no_attorney_general_notice_for_businesses():
    plan = plan_for("KY", discovered="2024-03-05", residents=50000)
    assert not has_notice(plan, "KY", "attorney_general")


def test_kentucky_state_id_number_is_not_listed():
    plan = plan_for("KY", discovered="2024-03-05", residents=10, elements=("name", "government_id"))
    assert notice(plan, "KY", "individuals").status is Status.NOT_REQUIRED


def test_kentucky_not_in_force_before_2014_07_15():
    plan = plan_for("KY", discovered="2014-07-14", residents=10)
    assert not has_notice(plan, "KY", "individuals")
