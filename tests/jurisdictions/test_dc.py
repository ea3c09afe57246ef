"""District of Columbia: D.C. Code §§ 28-3851 to 28-3853 (2007; Security Breach Protection Amendment Act of 2020)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, no_harm, notice, plan_for


def test_dc_residents_most_expedient_time_possible():
    plan = plan_for("DC", discovered="2024-03-01", residents=1)
    people = notice(plan, "DC", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_dc_attorney_general_no_later_than_resident_notice_when_50_or_more_residents():
    plan = plan_for("DC", discovered="2024-03-01", residents=50, individuals_notified="2024-04-10")
    ag = notice(plan, "DC", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 10)


def test_dc_attorney_general_date_runs_from_resident_notice_so_none_until_entered():
    plan = plan_for("DC", discovered="2024-03-01", residents=50)
    assert notice(plan, "DC", "attorney_general").deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE


def test_dc_no_attorney_general_notice_for_49_residents():
    plan = plan_for("DC", discovered="2024-03-01", residents=49)
    assert notice(plan, "DC", "attorney_general").status is Status.NOT_REQUIRED


def test_dc_attorney_general_notice_from_d_c_law_23_98_effective_2020_06_17():
    # D.C. Code § 28-3852 history note: D.C. Law 23-98, eff. 2020-06-17 (the OAG page says June 8).
    for day in ("2020-06-08", "2020-06-16"):
        assert not has_notice(plan_for("DC", discovered=day, residents=5000), "DC", "attorney_general")
    assert has_notice(plan_for("DC", discovered="2020-06-17", residents=5000), "DC", "attorney_general")


def test_dc_cras_when_more_than_1000_residents_notified():
    assert (
        notice(
            plan_for("DC", discovered="2024-03-01", residents=1001), "DC", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("DC", discovered="2024-03-01", residents=1000), "DC", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_dc_18_months_identity_theft_protection_when_ssn_released():
    duties = monitoring(plan_for("DC", discovered="2024-03-01"), "DC")
    assert len(duties) == 1
    assert duties[0].status is Status.REQUIRED
    assert duties[0].months == 18


def test_dc_identity_theft_protection_when_taxpayer_id_released_even_by_a_vendor():
    plan = plan_for("DC", discovered="2024-03-01", elements=("name", "tax_id"), source_of_breach=False)
    assert monitoring(plan, "DC")[0].status is Status.REQUIRED


def test_dc_no_identity_theft_protection_for_card_numbers():
    plan = plan_for("DC", discovered="2024-03-01", elements=("name", "financial_account"))
    assert monitoring(plan, "DC")[0].status is Status.NOT_REQUIRED


def test_dc_no_identity_theft_protection_duty_before_2020_06_17():
    assert monitoring(plan_for("DC", discovered="2020-06-16"), "DC") == []


def test_dc_credit_card_number_alone_with_name_counts_in_both_versions():
    for day in ("2019-01-02", "2024-03-01"):
        plan = plan_for("DC", discovered=day, elements=("name", "account_number_only"))
        assert notice(plan, "DC", "individuals").status is Status.REQUIRED


def test_dc_medical_information_counts_only_from_2020_06_17():
    assert (
        notice(
            plan_for("DC", discovered="2020-06-16", elements=("name", "medical")), "DC", "individuals"
        ).status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(
            plan_for("DC", discovered="2020-06-17", elements=("name", "medical")), "DC", "individuals"
        ).status
        is Status.REQUIRED
    )


def test_dc_hipaa_entity_deemed_for_residents_but_still_tells_attorney_general():
    plan = plan_for("DC", discovered="2024-03-01", residents=60, role="covered_entity")
    assert notice(plan, "DC", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "DC", "attorney_general").status is Status.REQUIRED
    assert notice(plan, "DC", "attorney_general").deadline == date(2024, 4, 30)  # with the HIPAA letter


def test_dc_no_hipaa_deeming_before_2020():
    plan = plan_for("DC", discovered="2019-01-02", role="covered_entity")
    assert notice(plan, "DC", "individuals").status is Status.REQUIRED


def test_dc_encryption_safe_harbor_lost_with_key_only_since_2020():
    assert (
        notice(
            plan_for("DC", discovered="2019-01-02", encrypted=True, key_compromised=True), "DC", "individuals"
        ).status
        is Status.NOT_REQUIRED
    )
    assert (
        notice(
            plan_for("DC", discovered="2024-03-01", encrypted=True, key_compromised=True), "DC", "individuals"
        ).status
        is Status.REQUIRED
    )


def test_dc_maintainer_tells_owner_most_expedient_time_possible():
    plan = plan_for("DC", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "DC", "data_owner").status is Status.REQUIRED


def test_dc_no_harm_conclusion_counts_only_after_consultation_since_2020():
    # D.C. Code § 28-3851(1)(B): after consultation with the OAG and federal law enforcement.
    consulted = plan_for(
        "DC", discovered="2024-03-01", residents=60, decisions=(no_harm("DC", "2024-03-10"),)
    )
    assert notice(consulted, "DC", "individuals").status is Status.NOT_REQUIRED
    assert notice(consulted, "DC", "attorney_general").status is Status.NOT_REQUIRED
    alone = plan_for(
        "DC", discovered="2024-03-01", residents=60, decisions=(no_harm("DC", "2024-03-10", consulted=False),)
    )
    assert notice(alone, "DC", "individuals").status is Status.REQUIRED
    before_2020 = plan_for(
        "DC", discovered="2020-06-07", residents=60, decisions=(no_harm("DC", "2020-06-07"),)
    )
    assert "does not count here" in notice(before_2020, "DC", "individuals").reason
