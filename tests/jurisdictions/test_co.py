"""Colorado, C.R.S. § 6-1-716 (H.B. 06-1119, eff. 2006-09-01; H.B. 18-1128, eff. 2018-09-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_colorado_residents_within_30_days_of_determination_since_2018_09_01():
    plan = plan_for("CO", discovered="2024-03-01", determined="2024-03-05")
    ind = notice(plan, "CO", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 4, 4)
    assert ind.without_unreasonable_delay


def test_colorado_most_expedient_time_and_no_ag_notice_before_2018_09_01():
    plan = plan_for("CO", discovered="2018-08-31", residents=5000)
    assert notice(plan, "CO", "individuals").deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert not has_notice(plan, "CO", "attorney_general")


def test_colorado_ag_within_30_days_when_500_coloradans():
    plan = plan_for("CO", discovered="2024-03-01", determined="2024-03-05", residents=500)
    ag = notice(plan, "CO", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 4)


def test_colorado_ag_not_owed_for_499_coloradans():
    plan = plan_for("CO", discovered="2024-03-01", determined="2024-03-05", residents=499)
    assert notice(plan, "CO", "attorney_general").status is Status.NOT_REQUIRED


def test_colorado_cras_when_more_than_1000_coloradans_before_and_after_2018():
    for day in ("2018-08-31", "2024-03-01"):
        assert (
            notice(plan_for("CO", discovered=day, residents=1001), "CO", "consumer_reporting_agencies").status
            is Status.REQUIRED
        )
        assert (
            notice(plan_for("CO", discovered=day, residents=1000), "CO", "consumer_reporting_agencies").status
            is Status.NOT_REQUIRED
        )


def test_colorado_service_provider_tells_covered_entity():
    owner = notice(plan_for("CO", discovered="2024-03-01", role="business_associate"), "CO", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline is None


def test_colorado_hipaa_entity_still_owes_30_day_notice_since_2018():
    plan = plan_for(
        "CO", discovered="2024-03-01", determined="2024-03-05", role="covered_entity", residents=600
    )
    assert notice(plan, "CO", "individuals").deadline == date(2024, 4, 4)
    assert notice(plan, "CO", "attorney_general").status is Status.REQUIRED


def test_colorado_hipaa_entity_deemed_compliant_before_2018_09_01():
    plan = plan_for("CO", discovered="2018-08-31", role="covered_entity")
    assert notice(plan, "CO", "individuals").status is Status.NOT_REQUIRED


def test_colorado_account_number_with_code_counts_without_a_name_since_2018():
    before = plan_for("CO", discovered="2018-08-31", elements=("financial_account",))
    after = plan_for("CO", discovered="2018-09-01", elements=("financial_account",))
    assert notice(before, "CO", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "CO", "individuals").status is Status.REQUIRED


def test_colorado_medical_and_biometric_with_name_since_2018():
    for el in ("medical", "biometric", "passport", "health_insurance"):
        plan = plan_for("CO", discovered="2024-03-01", elements=("name", el))
        assert notice(plan, "CO", "individuals").status is Status.REQUIRED


def test_colorado_no_credit_monitoring_duty():
    assert monitoring(plan_for("CO", discovered="2024-03-01"), "CO") == []
