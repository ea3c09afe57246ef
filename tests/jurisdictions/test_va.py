"""Virginia: Va. Code § 18.2-186.6 (2017 payroll amendment; H.B. 2396 of 2019)."""

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_virginia_residents_without_unreasonable_delay_no_day_count():
    plan = plan_for("VA", discovered="2024-03-01", residents=1)
    people = notice(plan, "VA", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert people.deadline is None


def test_virginia_attorney_general_told_of_every_breach_even_one_resident():
    plan = plan_for("VA", discovered="2024-03-01", residents=1)
    ag = notice(plan, "VA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_virginia_cras_when_more_than_1000_residents_notified():
    plan = plan_for("VA", discovered="2024-03-01", residents=1001)
    assert notice(plan, "VA", "consumer_reporting_agencies").status is Status.REQUIRED


def test_virginia_no_cra_notice_for_exactly_1000_residents():
    plan = plan_for("VA", discovered="2024-03-01", residents=1000)
    assert notice(plan, "VA", "consumer_reporting_agencies").status is Status.NOT_REQUIRED


def test_virginia_maintainer_tells_owner_without_unreasonable_delay():
    plan = plan_for("VA", discovered="2024-03-01", role="business_associate")
    owner = notice(plan, "VA", "data_owner")
    assert owner.status is Status.REQUIRED
    assert not has_notice(plan, "VA", "individuals")


def test_virginia_passport_number_not_personal_information_before_2019_07_01():
    plan = plan_for("VA", discovered="2019-06-30", elements=("name", "passport"))
    assert notice(plan, "VA", "individuals").status is Status.NOT_REQUIRED


def test_virginia_passport_and_military_id_personal_information_from_2019_07_01():
    for element in ("passport", "military_id"):
        plan = plan_for("VA", discovered="2019-07-01", elements=("name", element))
        assert notice(plan, "VA", "individuals").status is Status.REQUIRED
        assert notice(plan, "VA", "attorney_general").status is Status.REQUIRED


def test_virginia_no_hipaa_deeming_for_covered_entities():
    plan = plan_for("VA", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "VA", "attorney_general").status is Status.REQUIRED


def test_virginia_encrypted_data_safe_unless_key_taken():
    safe = plan_for("VA", discovered="2024-03-01", encrypted=True)
    assert notice(safe, "VA", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for("VA", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(lost, "VA", "individuals").status is Status.REQUIRED


def test_virginia_medical_data_alone_is_not_personal_information_for_businesses():
    plan = plan_for("VA", discovered="2024-03-01", elements=("name", "medical"))
    assert notice(plan, "VA", "individuals").status is Status.NOT_REQUIRED
