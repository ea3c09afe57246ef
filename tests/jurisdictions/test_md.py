"""Maryland, Md. Code Com. Law §§ 14-3501 to 14-3508 (H.B. 974 2018-01-01; H.B. 1154 2019-10-01; H.B. 962 2022-10-01)."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import no_harm, notice, plan_for


def test_maryland_individuals_45_days_after_investigation_concludes_before_2022_10_01():
    plan = plan_for("MD", discovered="2019-03-01", determined="2019-03-05")
    ind = notice(plan, "MD", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2019, 4, 19)


def test_maryland_individuals_45_days_after_discovery_from_2022_10_01():
    plan = plan_for("MD", discovered="2024-03-01", determined="2024-03-05")
    assert notice(plan, "MD", "individuals").deadline == date(2024, 4, 15)


def test_maryland_version_boundary_hb_962():
    before = plan_for("MD", discovered="2022-09-30", determined="2022-10-20")
    after = plan_for("MD", discovered="2022-10-01", determined="2022-10-20")
    assert notice(before, "MD", "individuals").deadline == date(2022, 12, 4)
    assert notice(after, "MD", "individuals").deadline == date(2022, 11, 15)


def test_maryland_attorney_general_before_individuals_for_any_number():
    plan = plan_for("MD", discovered="2024-03-01", residents=1, individuals_notified="2024-03-20")
    ag = notice(plan, "MD", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline is not None and ag.deadline <= date(2024, 3, 20)


def test_maryland_consumer_reporting_agencies_when_1000_or_more():
    assert (
        notice(
            plan_for("MD", discovered="2024-03-01", residents=1000), "MD", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("MD", discovered="2024-03-01", residents=999), "MD", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_maryland_hipaa_compliant_covered_entity_deemed_compliant():
    plan = plan_for("MD", discovered="2024-03-01", role="covered_entity")
    assert notice(plan, "MD", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "MD", "attorney_general").status is Status.NOT_REQUIRED


def test_maryland_hipaa_business_associate_deemed_compliant_for_the_owner_notice():
    owner = notice(plan_for("MD", discovered="2024-03-01", role="business_associate"), "MD", "data_owner")
    assert owner.status is Status.NOT_REQUIRED


def test_maryland_email_credentials_count_without_a_name():
    plan = plan_for("MD", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "MD", "individuals").status is Status.REQUIRED


def test_maryland_genetic_information_added_2022_10_01():
    before = plan_for("MD", discovered="2022-09-30", elements=("name", "genetic"))
    after = plan_for("MD", discovered="2022-10-01", elements=("name", "genetic"))
    assert notice(before, "MD", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "MD", "individuals").status is Status.REQUIRED


def test_maryland_hb_1154_version_in_force_from_2019_10_01():
    ind = notice(plan_for("MD", discovered="2019-10-01", determined="2019-10-01"), "MD", "individuals")
    assert ind.enacted_by.startswith("H.B. 1154")
    assert ind.deadline == date(2019, 11, 15)


def test_maryland_no_notice_determination_records_kept_three_years():
    # Com. Law § 14-3504(b)(4): records of the determination kept 3 years after it is made.
    plan = plan_for("MD", discovered="2024-03-01", decisions=(no_harm("MD", "2024-03-15"),))
    assert notice(plan, "MD", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "MD", "attorney_general").status is Status.NOT_REQUIRED
    assert "2027-03-15" in notice(plan, "MD", "no_harm_record").basis
