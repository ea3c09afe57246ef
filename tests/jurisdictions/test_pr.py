"""Puerto Rico: 10 L.P.R.A. §§ 4051-4055 (Act 111-2005 as amended by Act 97-2008)."""

from datetime import date

from notifyplanner.model import DeadlineKind, LawEnforcementDelay, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_puerto_rico_citizens_as_expeditiously_as_possible():
    people = notice(plan_for("PR", discovered="2024-03-01", residents=1), "PR", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_puerto_rico_daco_within_non_extendable_10_days_of_detection():
    daco = notice(plan_for("PR", discovered="2024-03-01", residents=1), "PR", "consumer_affairs")
    assert daco.status is Status.REQUIRED
    assert daco.deadline == date(2024, 3, 11)


def test_puerto_rico_daco_report_not_held_by_law_enforcement_request():
    hold = LawEnforcementDelay(form="written", requested=date(2024, 3, 2), until=date(2024, 5, 1))
    plan = plan_for("PR", discovered="2024-03-01", law_enforcement=hold)
    assert notice(plan, "PR", "consumer_affairs").held_until is None


def test_puerto_rico_account_number_without_password_counts():
    plan = plan_for("PR", discovered="2024-03-01", elements=("name", "account_number_only"))
    assert notice(plan, "PR", "individuals").status is Status.REQUIRED


def test_puerto_rico_hipaa_medical_information_counts_and_no_hipaa_deeming():
    plan = plan_for("PR", discovered="2024-03-01", elements=("name", "medical"), role="covered_entity")
    assert notice(plan, "PR", "individuals").status is Status.REQUIRED
    assert notice(plan, "PR", "consumer_affairs").status is Status.REQUIRED


def test_puerto_rico_encrypted_files_are_safe():
    plan = plan_for("PR", discovered="2024-03-01", encrypted=True)
    assert notice(plan, "PR", "consumer_affairs").status is Status.NOT_REQUIRED


def test_puerto_rico_data_bank_provider_tells_owner():
    plan = plan_for("PR", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "PR", "data_owner").status is Status.REQUIRED


def test_puerto_rico_has_no_cra_notice():
    assert not has_notice(
        plan_for("PR", discovered="2024-03-01", residents=100000), "PR", "consumer_reporting_agencies"
    )
