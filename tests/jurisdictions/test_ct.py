"""Connecticut, Conn. Gen. Stat. § 36a-701b, as statute cases."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_ct_residents_within_60_days_of_discovery_since_2021_10_01():
    plan = plan_for("CT", discovered="2022-01-10")
    assert notice(plan, "CT", "individuals").deadline == date(2022, 3, 11)


def test_ct_residents_within_90_days_before_2021_10_01():
    plan = plan_for("CT", discovered="2021-09-30")
    assert notice(plan, "CT", "individuals").deadline == date(2021, 12, 29)


def test_ct_attorney_general_no_later_than_the_resident_notice():
    plan = plan_for("CT", discovered="2022-01-10", individuals_notified="2022-02-01", residents=1)
    ag = notice(plan, "CT", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2022, 2, 1)


def test_ct_attorney_general_falls_back_to_the_60_day_outer_limit():
    plan = plan_for("CT", discovered="2022-01-10")
    assert notice(plan, "CT", "attorney_general").deadline == date(2022, 3, 11)


def test_ct_has_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("CT", discovered="2022-01-10", residents=50000), "CT", "consumer_reporting_agencies"
    )


def test_ct_vendor_tells_owner_immediately():
    plan = plan_for("CT", discovered="2022-01-10", role="business_associate")
    owner = notice(plan, "CT", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline is None


def test_ct_identity_theft_services_12_months_before_2018_10_01():
    (duty,) = monitoring(plan_for("CT", discovered="2018-09-30"), "CT")
    assert duty.months == 12 and duty.status is Status.REQUIRED


def test_ct_identity_theft_services_24_months_from_2018_10_01():
    (duty,) = monitoring(plan_for("CT", discovered="2018-10-01"), "CT")
    assert duty.months == 24 and duty.status is Status.REQUIRED


def test_ct_itin_counts_and_triggers_monitoring_from_2021_10_01():
    plan = plan_for("CT", discovered="2021-10-01", elements=("name", "tax_id"))
    assert notice(plan, "CT", "individuals").status is Status.REQUIRED
    (duty,) = monitoring(plan, "CT")
    assert duty.status is Status.REQUIRED
    before = plan_for("CT", discovered="2021-09-30", elements=("name", "tax_id"))
    assert notice(before, "CT", "individuals").status is Status.NOT_REQUIRED


def test_ct_hipaa_compliant_entity_still_notifies_the_attorney_general_since_2021_10_01():
    plan = plan_for("CT", discovered="2022-01-10", role="covered_entity")
    assert notice(plan, "CT", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "CT", "attorney_general").status is Status.REQUIRED


def test_ct_hipaa_entity_attorney_general_notice_goes_with_the_hipaa_letter():
    # The HIPAA letter stands in for the § 36a-701b(b) notice; the AG notice that goes
    # with it is due no later than that letter: its real date, else 60 days after discovery.
    plan = plan_for("CT", discovered="2022-01-10", role="covered_entity")
    ag = notice(plan, "CT", "attorney_general")
    assert ag.deadline == date(2022, 3, 11)
    assert "HIPAA individual notice stands in" in ag.basis
    sent = plan_for("CT", discovered="2022-01-10", role="covered_entity", individuals_notified="2022-02-14")
    assert notice(sent, "CT", "attorney_general").deadline == date(2022, 2, 14)


def test_ct_no_hipaa_deemed_compliance_before_2021_10_01():
    plan = plan_for("CT", discovered="2021-09-30", role="covered_entity")
    assert notice(plan, "CT", "individuals").status is Status.REQUIRED


def test_ct_2023_version_keeps_60_days():
    assert notice(plan_for("CT", discovered="2023-10-01"), "CT", "individuals").deadline == date(2023, 11, 30)


def test_connecticut_hipaa_entities_still_offer_24_months_since_2021_10_01():
    from tests.jurisdictions.statute import monitoring

    plan = plan_for("CT", discovered="2022-03-01", role="covered_entity", elements=("name", "ssn"))
    assert notice(plan, "CT", "individuals").status is Status.NOT_REQUIRED  # HIPAA letter stands in
    assert notice(plan, "CT", "attorney_general").status is Status.REQUIRED
    (duty,) = monitoring(plan, "CT")
    assert duty.status is Status.REQUIRED and duty.months == 24


def test_connecticut_hipaa_entities_offer_with_the_hipaa_letter_so_it_is_dated_from_it():
    # § 36a-701b(g) as amended by P.A. 21-59: HIPAA compliance stands in for the resident
    # notice, provided the entity also complies with (b)(2)(B), the 24-month offer, which
    # therefore goes out with the HIPAA letter (60 days after discovery at the latest).
    plan = plan_for("CT", discovered="2022-03-01", role="covered_entity", elements=("name", "ssn"))
    (duty,) = monitoring(plan, "CT")
    assert duty.starts == date(2022, 4, 30)
    assert duty.ends == date(2024, 4, 30)
    assert "HIPAA individual notice" in duty.basis
    sent = plan_for("CT", discovered="2022-03-01", role="covered_entity", individuals_notified="2022-03-20")
    (duty,) = monitoring(sent, "CT")
    assert duty.starts == date(2022, 3, 20)


def test_ct_massive_breach_forensic_report_of_sb_117_is_not_added():
    """S.B. 117 (2026) passed the Senate only; a 100,000-resident breach gets the existing notices."""
    plan = plan_for("CT", discovered="2026-10-01", residents=100_000)
    ct = {o.obligation_id for o in plan.obligations if o.jurisdiction == "CT"}
    assert ct == {"individuals", "attorney_general"}
