"""Iowa, Iowa Code §§ 715C.1-715C.2 (S.F. 2259 2014-07-01; 2018 amendment 2019-01-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, no_harm, notice, plan_for


def test_iowa_consumers_most_expeditious_manner_possible():
    ind = notice(plan_for("IA", discovered="2024-01-29", residents=10), "IA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_iowa_attorney_general_five_business_days_after_consumer_notice_skips_lincolns_birthday():
    plan = plan_for("IA", discovered="2024-01-29", residents=501, individuals_notified="2024-02-07")
    ag = notice(plan, "IA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 2, 15)


def test_iowa_attorney_general_relative_to_consumer_notice_until_it_is_sent():
    ag = notice(plan_for("IA", discovered="2024-01-29", residents=501), "IA", "attorney_general")
    assert ag.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE
    assert ag.deadline is None


def test_iowa_attorney_general_not_owed_for_exactly_500_iowans():
    plan = plan_for("IA", discovered="2024-01-29", residents=500)
    assert notice(plan, "IA", "attorney_general").status is Status.NOT_REQUIRED


def test_iowa_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("IA", discovered="2024-01-29", residents=50000), "IA", "consumer_reporting_agencies"
    )


def test_iowa_vendor_tells_owner_immediately():
    owner = notice(plan_for("IA", discovered="2018-06-01", role="business_associate"), "IA", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_iowa_hipaa_business_associate_exempt_from_2019_01_01():
    owner = notice(plan_for("IA", discovered="2024-01-29", role="business_associate"), "IA", "data_owner")
    assert owner.status is Status.NOT_REQUIRED


def test_iowa_hipaa_compliant_covered_entity_exempt_from_2019_01_01():
    plan = plan_for("IA", discovered="2024-01-29", role="covered_entity", residents=600)
    assert notice(plan, "IA", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "IA", "attorney_general").status is Status.NOT_REQUIRED


def test_iowa_hipaa_covered_entity_not_exempt_before_2019():
    plan = plan_for("IA", discovered="2018-12-31", role="covered_entity", residents=600)
    assert notice(plan, "IA", "individuals").status is Status.REQUIRED


def test_iowa_biometric_data_with_name_is_personal_information():
    plan = plan_for("IA", discovered="2024-01-29", elements=("name", "biometric"))
    assert notice(plan, "IA", "individuals").status is Status.REQUIRED


def test_iowa_medical_data_not_personal_information():
    plan = plan_for("IA", discovered="2024-01-29", elements=("name", "medical"))
    assert notice(plan, "IA", "individuals").status is Status.NOT_REQUIRED


def test_iowa_encrypted_data_counts_when_key_obtained():
    plan = plan_for("IA", discovered="2024-01-29", encrypted=True, key_compromised=True)
    assert notice(plan, "IA", "individuals").status is Status.REQUIRED


def test_iowa_attorney_general_counts_juneteenth_as_a_business_day():
    # Iowa Code § 1C.1 does not make June 19 a legal holiday (§ 1C.14: a recognition day).
    plan = plan_for("IA", discovered="2026-06-01", residents=501, individuals_notified="2026-06-15")
    assert notice(plan, "IA", "attorney_general").deadline == date(2026, 6, 22)


def test_iowa_attorney_general_counts_a_federal_observed_day_as_a_business_day():
    # July 4, 2026 is a Saturday: the federal Friday off is not an Iowa legal holiday.
    plan = plan_for("IA", discovered="2026-06-20", residents=501, individuals_notified="2026-06-29")
    assert notice(plan, "IA", "attorney_general").deadline == date(2026, 7, 6)


def test_iowa_no_harm_determination_is_kept_five_years():
    # Iowa Code § 715C.2(6): documented in writing, documentation maintained five years.
    plan = plan_for("IA", discovered="2024-02-29", decisions=(no_harm("IA", "2024-02-29"),))
    assert notice(plan, "IA", "individuals").status is Status.NOT_REQUIRED
    record = notice(plan, "IA", "no_harm_record")
    assert record.deadline == date(2024, 2, 29)
    assert "2029-03-01" in record.basis  # no February 29 in 2029: kept to March 1, never a day short
