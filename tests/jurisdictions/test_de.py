"""Delaware, 6 Del. C. §§ 12B-101 to 12B-104 (H.B. 116 2005; H.B. 247 2010; H.B. 180, eff. 2018-04-14)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, monitoring, notice, plan_for


def test_delaware_residents_within_60_days_of_determination_since_2018_04_14():
    plan = plan_for("DE", discovered="2024-03-01", determined="2024-03-05")
    ind = notice(plan, "DE", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 5, 4)
    assert ind.without_unreasonable_delay


def test_delaware_most_expedient_time_and_no_ag_notice_before_hb_180():
    plan = plan_for("DE", discovered="2018-04-13", residents=5000)
    assert notice(plan, "DE", "individuals").deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert not has_notice(plan, "DE", "attorney_general")
    assert monitoring(plan, "DE") == []


def test_delaware_ag_no_later_than_resident_notice_when_more_than_500():
    plan = plan_for(
        "DE",
        discovered="2024-03-01",
        determined="2024-03-05",
        residents=501,
        individuals_notified="2024-04-01",
    )
    ag = notice(plan, "DE", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 1)


def test_delaware_ag_falls_back_to_the_60_day_outer_limit():
    plan = plan_for("DE", discovered="2024-03-01", determined="2024-03-05", residents=501)
    assert notice(plan, "DE", "attorney_general").deadline == date(2024, 5, 4)


def test_delaware_ag_not_owed_for_exactly_500_residents():
    plan = plan_for("DE", discovered="2024-03-01", determined="2024-03-05", residents=500)
    assert notice(plan, "DE", "attorney_general").status is Status.NOT_REQUIRED


def test_delaware_has_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("DE", discovered="2024-03-01", residents=50000), "DE", "consumer_reporting_agencies"
    )


def test_delaware_one_year_credit_monitoring_when_ssn_breached():
    duties = monitoring(plan_for("DE", discovered="2024-03-01", determined="2024-03-05"), "DE")
    assert len(duties) == 1
    assert duties[0].months == 12
    assert duties[0].status is Status.REQUIRED


def test_delaware_no_credit_monitoring_without_ssn():
    duties = monitoring(plan_for("DE", discovered="2024-03-01", elements=("name", "drivers_license")), "DE")
    assert [d.status for d in duties] == [Status.NOT_REQUIRED]


def test_delaware_vendor_tells_owner_immediately_after_determination():
    owner = notice(plan_for("DE", discovered="2024-03-01", role="business_associate"), "DE", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline is None


def test_delaware_hipaa_entity_following_its_procedures_is_deemed_compliant():
    plan = plan_for("DE", discovered="2024-03-01", role="covered_entity", residents=1000)
    assert notice(plan, "DE", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "DE", "attorney_general").status is Status.NOT_REQUIRED


def test_delaware_online_credentials_count_only_with_a_name():
    alone = plan_for("DE", discovered="2024-03-01", elements=("username_password",))
    named = plan_for("DE", discovered="2024-03-01", elements=("name", "username_password"))
    assert notice(alone, "DE", "individuals").status is Status.NOT_REQUIRED
    assert notice(named, "DE", "individuals").status is Status.REQUIRED


def test_delaware_medical_and_passport_added_by_hb_180():
    before = plan_for("DE", discovered="2018-04-13", elements=("name", "medical"))
    after = plan_for("DE", discovered="2018-04-14", elements=("name", "medical"))
    assert notice(before, "DE", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "DE", "individuals").status is Status.REQUIRED
    assert (
        notice(
            plan_for("DE", discovered="2024-03-01", elements=("name", "passport")), "DE", "individuals"
        ).status
        is Status.REQUIRED
    )


def test_delaware_encryption_safe_harbor_lost_with_the_key():
    safe = plan_for("DE", discovered="2024-03-01", encrypted=True)
    keyed = plan_for("DE", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(safe, "DE", "individuals").status is Status.NOT_REQUIRED
    assert notice(keyed, "DE", "individuals").status is Status.REQUIRED
