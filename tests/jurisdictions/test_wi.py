"""Wisconsin: Wis. Stat. § 134.98."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_wisconsin_subjects_within_reasonable_time_not_over_45_days_after_learning():
    plan = plan_for("WI", discovered="2024-03-01")
    people = notice(plan, "WI", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline == date(2024, 4, 15)
    assert people.without_unreasonable_delay


def test_wisconsin_cras_when_1000_or_more_individuals_notified_in_one_incident():
    plan = plan_for("WI", discovered="2024-03-01", residents=400, total_affected=1000)
    assert notice(plan, "WI", "consumer_reporting_agencies").status is Status.REQUIRED


def test_wisconsin_no_cra_notice_for_999_individuals():
    plan = plan_for("WI", discovered="2024-03-01", residents=400, total_affected=999)
    assert notice(plan, "WI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_wisconsin_has_no_attorney_general_notice():
    plan = plan_for("WI", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "WI", "attorney_general")


def test_wisconsin_hipaa_entity_complying_with_part_164_is_exempt():
    plan = plan_for("WI", discovered="2024-03-01", role="covered_entity", total_affected=5000)
    assert notice(plan, "WI", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "WI", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_wisconsin_account_number_without_code_counts():
    plan = plan_for("WI", discovered="2024-03-01", elements=("name", "account_number_only"))
    assert notice(plan, "WI", "individuals").status is Status.REQUIRED


def test_wisconsin_dna_profile_and_biometrics_count_with_name():
    for element in ("genetic", "biometric"):
        plan = plan_for("WI", discovered="2024-03-01", elements=("name", element))
        assert notice(plan, "WI", "individuals").status is Status.REQUIRED


def test_wisconsin_storer_tells_owner_as_soon_as_practicable():
    plan = plan_for("WI", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "WI", "data_owner")
    assert owner.status is Status.REQUIRED
    assert not has_notice(plan, "WI", "individuals")


def test_wisconsin_encrypted_data_is_not_personal_information():
    plan = plan_for("WI", discovered="2024-03-01", encrypted=True)
    assert notice(plan, "WI", "individuals").status is Status.NOT_REQUIRED
