"""New Mexico: Data Breach Notification Act, N.M. Stat. Ann. §§ 57-12C-1 to 57-12C-12."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_new_mexico_residents_within_45_calendar_days_of_discovery():
    plan = plan_for("NM", discovered="2024-03-01", residents=1)
    people = notice(plan, "NM", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline == date(2024, 4, 15)
    assert people.without_unreasonable_delay


def test_new_mexico_ag_within_45_days_when_more_than_1000_residents_notified():
    plan = plan_for("NM", discovered="2024-03-01", residents=1001)
    ag = notice(plan, "NM", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 15)


def test_new_mexico_no_ag_notice_for_1000_residents():
    plan = plan_for("NM", discovered="2024-03-01", residents=1000)
    assert notice(plan, "NM", "attorney_general").status is Status.NOT_REQUIRED


def test_new_mexico_cras_within_45_days_when_more_than_1000_residents_notified():
    plan = plan_for("NM", discovered="2024-03-01", residents=1001)
    cra = notice(plan, "NM", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline == date(2024, 4, 15)
    assert (
        notice(
            plan_for("NM", discovered="2024-03-01", residents=1000), "NM", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_new_mexico_service_provider_duty_excused_for_hipaa_business_associate():
    plan = plan_for("NM", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "NM", "data_owner").status is Status.NOT_REQUIRED


def test_new_mexico_act_does_not_apply_to_persons_subject_to_hipaa():
    plan = plan_for("NM", discovered="2024-03-01", role="covered_entity", residents=5000)
    assert notice(plan, "NM", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "NM", "attorney_general").status is Status.NOT_REQUIRED


def test_new_mexico_biometric_data_counts_with_a_name():
    plan = plan_for("NM", discovered="2024-03-01", elements=("name", "biometric"))
    assert notice(plan, "NM", "individuals").status is Status.REQUIRED


def test_new_mexico_encrypted_data_with_key_is_a_breach():
    plan = plan_for("NM", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(plan, "NM", "individuals").status is Status.REQUIRED


def test_new_mexico_act_in_force_from_2017_06_16():
    assert not has_notice(plan_for("NM", discovered="2017-06-15"), "NM", "individuals")
    assert has_notice(plan_for("NM", discovered="2017-06-16"), "NM", "individuals")
