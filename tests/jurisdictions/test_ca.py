"""California, Cal. Civ. Code § 1798.82 (A.B. 2828 2017-01-01; A.B. 1130 2020-01-01; A.B. 825 2022-01-01; S.B. 446 2026-01-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_california_individuals_most_expedient_time_before_sb_446():
    ind = notice(plan_for("CA", discovered="2025-12-31"), "CA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_california_individuals_within_30_calendar_days_of_discovery_from_2026_01_01():
    ind = notice(plan_for("CA", discovered="2026-03-02"), "CA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2026, 4, 1)


def test_california_attorney_general_sample_copy_within_15_days_of_consumer_notice_when_501():
    plan = plan_for("CA", discovered="2026-03-02", residents=501, individuals_notified="2026-03-20")
    ag = notice(plan, "CA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2026, 4, 4)


def test_california_attorney_general_falls_back_on_the_30_day_consumer_deadline():
    ag = notice(plan_for("CA", discovered="2026-03-02", residents=800), "CA", "attorney_general")
    assert ag.deadline == date(2026, 4, 16)


def test_california_attorney_general_not_owed_for_exactly_500_residents():
    plan = plan_for("CA", discovered="2026-03-02", residents=500)
    assert notice(plan, "CA", "attorney_general").status is Status.NOT_REQUIRED


def test_california_attorney_general_sample_copy_had_no_fixed_deadline_before_sb_446():
    ag = notice(plan_for("CA", discovered="2025-06-02", residents=501), "CA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline is None


def test_california_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("CA", discovered="2026-03-02", residents=100000), "CA", "consumer_reporting_agencies"
    )


def test_california_vendor_tells_owner_immediately():
    owner = notice(plan_for("CA", discovered="2026-03-02", role="business_associate"), "CA", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_california_hipaa_covered_entity_still_notifies_individuals_content_only_deemed():
    plan = plan_for("CA", discovered="2026-03-02", role="covered_entity", elements=("name", "medical"))
    ind = notice(plan, "CA", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2026, 4, 1)


def test_california_twelve_months_of_identity_theft_services_when_source_of_breach_and_ssn():
    duties = monitoring(plan_for("CA", discovered="2024-05-01"), "CA")
    assert [d.months for d in duties if d.status is Status.REQUIRED] == [12]


def test_california_identity_theft_offer_reaches_a_drivers_license_number_under_ab_1710():
    plan = plan_for("CA", discovered="2018-05-01", elements=("name", "drivers_license"))
    assert [d.months for d in monitoring(plan, "CA") if d.status is Status.REQUIRED] == [12]


def test_california_identity_theft_offer_not_owed_for_a_card_number_alone():
    # (d)(2)(G) reaches only the numbers in (h)(1)(A) and (B): SSN, driver's license and ID numbers.
    plan = plan_for("CA", discovered="2018-05-01", elements=("name", "financial_account"))
    assert notice(plan, "CA", "individuals").status is Status.REQUIRED
    assert not [d for d in monitoring(plan, "CA") if d.status is Status.REQUIRED]


def test_california_no_identity_theft_services_when_not_source_of_breach():
    duties = monitoring(plan_for("CA", discovered="2024-05-01", source_of_breach=False), "CA")
    assert not [d for d in duties if d.status is Status.REQUIRED]


def test_california_passport_number_not_personal_information_before_ab_1130():
    plan = plan_for("CA", discovered="2019-12-31", elements=("name", "passport"))
    assert notice(plan, "CA", "individuals").status is Status.NOT_REQUIRED


def test_california_passport_number_covered_and_monitoring_owed_from_2020_01_01():
    plan = plan_for("CA", discovered="2020-01-01", elements=("name", "passport"))
    assert notice(plan, "CA", "individuals").status is Status.REQUIRED
    assert [d.months for d in monitoring(plan, "CA") if d.status is Status.REQUIRED] == [12]


def test_california_genetic_data_covered_from_2022_01_01_ab_825():
    before = plan_for("CA", discovered="2021-12-31", elements=("name", "genetic"))
    after = plan_for("CA", discovered="2022-01-01", elements=("name", "genetic"))
    assert notice(before, "CA", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "CA", "individuals").status is Status.REQUIRED


def test_california_online_credentials_count_without_a_name():
    plan = plan_for("CA", discovered="2024-05-01", elements=("username_password",))
    assert notice(plan, "CA", "individuals").status is Status.REQUIRED


def test_california_encrypted_data_safe_unless_key_taken():
    safe = plan_for("CA", discovered="2024-05-01", encrypted=True)
    lost = plan_for("CA", discovered="2024-05-01", encrypted=True, key_compromised=True)
    assert notice(safe, "CA", "individuals").status is Status.NOT_REQUIRED
    assert notice(lost, "CA", "individuals").status is Status.REQUIRED
