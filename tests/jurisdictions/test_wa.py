"""Washington: RCW 19.255.005-.030 (H.B. 1078 of 2015; H.B. 1071 of 2019, eff. 2020-03-01)."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_washington_residents_within_30_days_of_discovery_since_2020_03_01():
    plan = plan_for("WA", discovered="2024-03-01")
    people = notice(plan, "WA", "individuals")
    assert people.status is Status.REQUIRED
    assert people.deadline == date(2024, 3, 31)
    assert people.without_unreasonable_delay


def test_washington_ag_within_30_days_when_more_than_500_residents():
    plan = plan_for("WA", discovered="2024-03-01", residents=501)
    ag = notice(plan, "WA", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 3, 31)


def test_washington_no_ag_notice_for_500_residents():
    plan = plan_for("WA", discovered="2024-03-01", residents=500)
    assert notice(plan, "WA", "attorney_general").status is Status.NOT_REQUIRED


def test_washington_45_days_for_residents_and_ag_before_2020_03_01():
    plan = plan_for("WA", discovered="2019-06-03", residents=501)
    assert notice(plan, "WA", "individuals").deadline == date(2019, 7, 18)
    assert notice(plan, "WA", "attorney_general").deadline == date(2019, 7, 18)


def test_washington_version_boundary_2020_02_29_vs_2020_03_01():
    before = plan_for("WA", discovered="2020-02-29")
    assert notice(before, "WA", "individuals").deadline == date(2020, 4, 14)
    after = plan_for("WA", discovered="2020-03-01")
    assert notice(after, "WA", "individuals").deadline == date(2020, 3, 31)


def test_washington_date_of_birth_with_name_counts_only_from_2020_03_01():
    before = plan_for("WA", discovered="2020-02-29", elements=("name", "dob"))
    assert notice(before, "WA", "individuals").status is Status.NOT_REQUIRED
    after = plan_for("WA", discovered="2020-03-01", elements=("name", "dob"))
    assert notice(after, "WA", "individuals").status is Status.REQUIRED


def test_washington_online_credentials_count_without_a_name_since_2020_03_01():
    plan = plan_for("WA", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "WA", "individuals").status is Status.REQUIRED


def test_washington_hipaa_covered_entity_deemed_for_residents_but_tells_ag_on_hitech_60_days():
    plan = plan_for("WA", discovered="2024-03-01", residents=501, role="covered_entity")
    assert notice(plan, "WA", "individuals").status is Status.NOT_REQUIRED
    ag = notice(plan, "WA", "attorney_general_covered_entity")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 30)
    assert not has_notice(plan, "WA", "attorney_general")


def test_washington_covered_entity_ag_notice_needs_more_than_500_residents():
    plan = plan_for("WA", discovered="2024-03-01", residents=500, role="covered_entity")
    assert notice(plan, "WA", "attorney_general_covered_entity").status is Status.NOT_REQUIRED


def test_washington_maintainer_tells_owner_immediately():
    plan = plan_for("WA", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "WA", "data_owner").status is Status.REQUIRED


def test_washington_no_consumer_reporting_agency_notice():
    plan = plan_for("WA", discovered="2024-03-01", residents=100000)
    assert not has_notice(plan, "WA", "consumer_reporting_agencies")


def test_washington_secured_data_safe_unless_key_acquired():
    safe = plan_for("WA", discovered="2024-03-01", encrypted=True)
    assert notice(safe, "WA", "individuals").status is Status.NOT_REQUIRED
    lost = plan_for("WA", discovered="2024-03-01", encrypted=True, key_compromised=True)
    assert notice(lost, "WA", "individuals").status is Status.REQUIRED
