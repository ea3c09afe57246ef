"""Massachusetts, Mass. Gen. Laws ch. 93H, as statute cases."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import monitoring, notice, plan_for


def test_ma_residents_as_soon_as_practicable_without_unreasonable_delay():
    ind = notice(plan_for("MA", discovered="2024-02-01"), "MA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_ma_attorney_general_and_consumer_affairs_for_any_resident():
    plan = plan_for("MA", discovered="2024-02-01", residents=1)
    assert notice(plan, "MA", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "MA", "consumer_affairs").status is Status.REQUIRED


def test_ma_consumer_reporting_agencies_named_by_the_director():
    # ch. 93H § 3(b): the Director identifies relevant agencies and forwards their names;
    # the notifying person then notifies them.
    named = {"cra_named_by_consumer_affairs": True}
    cra = notice(
        plan_for("MA", discovered="2024-02-01", residents=1, circumstances=named),
        "MA",
        "consumer_reporting_agencies",
    )
    assert cra.status is Status.REQUIRED
    assert cra.deadline is None


def test_ma_consumer_reporting_agencies_wait_on_the_directors_list():
    asks = notice(plan_for("MA", discovered="2024-02-01", residents=1), "MA", "consumer_reporting_agencies")
    assert asks.status is Status.UNDETERMINED
    assert "Office of Consumer Affairs" in asks.needs[-1]
    none_named = plan_for(
        "MA", discovered="2024-02-01", residents=1, circumstances={"cra_named_by_consumer_affairs": False}
    )
    assert notice(none_named, "MA", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_ma_card_number_without_code_counts():
    plan = plan_for("MA", discovered="2024-02-01", elements=("name", "account_number_only"))
    assert notice(plan, "MA", "individuals").status is Status.REQUIRED


def test_ma_18_months_credit_monitoring_for_ssn_from_2019_04_11():
    (duty,) = monitoring(plan_for("MA", discovered="2019-04-11"), "MA")
    assert duty.months == 18 and duty.status is Status.REQUIRED
    assert monitoring(plan_for("MA", discovered="2019-04-10"), "MA") == []


def test_ma_hipaa_procedures_satisfy_resident_notice_but_not_ag_and_ocabr():
    plan = plan_for("MA", discovered="2024-02-01", role="covered_entity")
    assert notice(plan, "MA", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "MA", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "MA", "consumer_affairs").status is Status.REQUIRED


def test_ma_vendor_tells_owner_or_licensor():
    plan = plan_for("MA", discovered="2024-02-01", role="business_associate")
    assert notice(plan, "MA", "data_owner").status is Status.REQUIRED
