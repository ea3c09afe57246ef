"""Idaho, Idaho Code §§ 28-51-104 to 28-51-107 (in force 2006-07-01)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_idaho_individuals_most_expedient_time_no_fixed_days():
    plan = plan_for("ID", discovered="2024-03-05", residents=10)
    ind = notice(plan, "ID", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_idaho_maintainer_tells_owner_immediately():
    plan = plan_for("ID", role="business_associate", discovered="2024-03-05", residents=10)
    assert notice(plan, "ID", "data_owner").status is Status.REQUIRED


def test_idaho_businesses_owe_no_attorney_general_or_cra_notice():
    plan = plan_for("ID", discovered="2024-03-05", residents=100000)
    assert not has_notice(plan, "ID", "attorney_general")
    assert not has_notice(plan, "ID", "consumer_reporting_agencies")


def test_idaho_medical_data_is_not_personal_information():
    plan = plan_for("ID", discovered="2024-03-05", residents=10, elements=("name", "medical"))
    assert notice(plan, "ID", "individuals").status is Status.NOT_REQUIRED


def test_idaho_2006_law_still_governs_after_the_date_s_1066_named():
    """S. 1066 (2025) named a 2025-07-01 effective date; with no record of its passage the 2006 law stays."""
    for day in ("2025-06-30", "2025-07-01"):
        plan = plan_for("ID", discovered=day, residents=10, elements=("name", "passport"))
        assert notice(plan, "ID", "individuals").status is Status.NOT_REQUIRED
        assert monitoring(plan, "ID") == []
