"""Wyoming: Wyo. Stat. §§ 40-12-501, -502 (as amended by S.F. 35 and S.F. 36, eff. 2015-07-01)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_wyoming_residents_most_expedient_time_possible():
    plan = plan_for("WY", discovered="2024-03-01", residents=1)
    people = notice(plan, "WY", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_wyoming_online_credentials_with_name_are_personal_identifying_information():
    plan = plan_for("WY", discovered="2024-03-01", elements=("name", "username_password"))
    assert notice(plan, "WY", "individuals").status is Status.REQUIRED


def test_wyoming_online_credentials_without_name_are_not():
    plan = plan_for("WY", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "WY", "individuals").status is Status.NOT_REQUIRED


def test_wyoming_taxpayer_id_medical_and_health_insurance_count_with_name():
    for element in ("tax_id", "medical", "health_insurance", "biometric"):
        plan = plan_for("WY", discovered="2024-03-01", elements=("name", element))
        assert notice(plan, "WY", "individuals").status is Status.REQUIRED


def test_wyoming_only_redaction_excludes_data_so_encryption_alone_is_no_safe_harbor():
    plan = plan_for("WY", discovered="2024-03-01", encrypted=True)
    assert notice(plan, "WY", "individuals").status is Status.REQUIRED


def test_wyoming_hipaa_compliant_notice_is_deemed_compliance():
    plan = plan_for("WY", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "WY", "individuals").status is Status.NOT_REQUIRED


def test_wyoming_maintainer_tells_owner_as_soon_as_practicable():
    plan = plan_for("WY", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "WY", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert not has_notice(plan, "WY", "individuals")


def test_wyoming_has_no_attorney_general_or_cra_notice():
    plan = plan_for("WY", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "WY", "attorney_general")
    assert not has_notice(plan, "WY", "consumer_reporting_agencies")
