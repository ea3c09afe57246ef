"""Georgia, O.C.G.A. §§ 10-1-911, 10-1-912 (information brokers and government data collectors)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for

BROKER = {"information_broker": True}
OWNER = {"owner_broker_or_agency": True}


def test_georgia_individuals_most_expedient_time_no_fixed_days():
    plan = plan_for("GA", attributes=BROKER, discovered="2024-03-05", residents=10)
    ind = notice(plan, "GA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_georgia_cras_when_more_than_10000_georgians_at_one_time():
    plan = plan_for("GA", attributes=BROKER, discovered="2024-03-05", residents=10001)
    assert notice(plan, "GA", "consumer_reporting_agencies").status is Status.REQUIRED
    below = plan_for("GA", attributes=BROKER, discovered="2024-03-05", residents=10000)
    assert notice(below, "GA", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_georgia_vendor_tells_broker_within_24_hours_of_discovery():
    plan = plan_for("GA", role="business_associate", attributes=OWNER, discovered="2024-03-05", residents=10)
    owner = notice(plan, "GA", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline == date(2024, 3, 5)


def test_georgia_has_no_attorney_general_notice():
    plan = plan_for("GA", attributes=BROKER, discovered="2024-03-05", residents=50000)
    assert not has_notice(plan, "GA", "attorney_general")


def test_georgia_ssn_without_name_counts_when_enough_for_identity_theft():
    plan = plan_for("GA", attributes=BROKER, discovered="2024-03-05", residents=10, elements=("ssn",))
    assert notice(plan, "GA", "individuals").status is Status.REQUIRED


def test_georgia_medical_data_is_not_personal_information():
    plan = plan_for(
        "GA", attributes=BROKER, discovered="2024-03-05", residents=10, elements=("name", "medical")
    )
    assert notice(plan, "GA", "individuals").status is Status.NOT_REQUIRED


# O.C.G.A. § 10-1-912(a): "Any information broker or data collector ..."; § 10-1-911(2)
# limits "data collector" to state and local government bodies.


def test_georgia_asks_whether_the_entity_is_an_information_broker_or_government():
    plan = plan_for("GA", discovered="2024-03-01")
    ind = notice(plan, "GA", "individuals")
    assert ind.status is Status.UNDETERMINED
    assert ind.needs == (
        "whether your organization is a government agency or your organization is an information broker",
    )


def test_georgia_ordinary_business_is_not_covered():
    plan = plan_for(
        "GA", discovered="2024-03-01", attributes={"information_broker": False, "government_agency": False}
    )
    assert notice(plan, "GA", "individuals").status is Status.NOT_REQUIRED


def test_georgia_information_broker_and_government_agency_are_covered():
    for attribute in ("information_broker", "government_agency"):
        plan = plan_for("GA", discovered="2024-03-01", attributes={attribute: True})
        assert notice(plan, "GA", "individuals").status is Status.REQUIRED


def test_georgia_broker_tells_cras_above_10000_georgians_only():
    broker = {"information_broker": True}
    over = plan_for("GA", discovered="2024-03-01", residents=10_001, attributes=broker)
    at = plan_for("GA", discovered="2024-03-01", residents=10_000, attributes=broker)
    assert notice(over, "GA", "consumer_reporting_agencies").status is Status.REQUIRED
    assert notice(at, "GA", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_georgia_vendor_owes_24_hours_only_to_a_broker_or_government_owner():
    asks = plan_for("GA", discovered="2024-03-01", role="service_provider")
    assert notice(asks, "GA", "data_owner").status is Status.UNDETERMINED
    owed = plan_for(
        "GA", discovered="2024-03-01", role="service_provider", attributes={"owner_broker_or_agency": True}
    )
    assert notice(owed, "GA", "data_owner").status is Status.REQUIRED
    not_owed = plan_for(
        "GA", discovered="2024-03-01", role="service_provider", attributes={"owner_broker_or_agency": False}
    )
    assert notice(not_owed, "GA", "data_owner").status is Status.NOT_REQUIRED
