"""Arizona, A.R.S. §§ 18-551, 18-552 (H.B. 2154, 2018-08-03; H.B. 2146, 2022-09-24); before: § 18-545."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_arizona_before_2018_08_03_individuals_most_expedient_manner_and_no_ag():
    plan = plan_for("AZ", discovered="2018-08-02", determined="2018-08-02", residents=5000)
    ind = notice(plan, "AZ", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert not has_notice(plan, "AZ", "attorney_general")
    assert not has_notice(plan, "AZ", "consumer_reporting_agencies")


def test_arizona_individuals_within_45_days_of_determination_from_2018_08_03():
    plan = plan_for("AZ", discovered="2018-08-03", determined="2018-08-03", residents=10)
    assert notice(plan, "AZ", "individuals").deadline == date(2018, 9, 17)


def test_arizona_attorney_general_within_45_days_when_more_than_1000():
    plan = plan_for("AZ", discovered="2019-02-20", determined="2019-03-01", residents=1001)
    ag = notice(plan, "AZ", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2019, 4, 15)


def test_arizona_attorney_general_not_owed_for_1000():
    plan = plan_for("AZ", discovered="2019-02-20", determined="2019-03-01", residents=1000)
    assert notice(plan, "AZ", "attorney_general").status is Status.NOT_REQUIRED


def test_arizona_three_largest_cras_within_45_days_when_more_than_1000():
    plan = plan_for("AZ", discovered="2019-02-20", determined="2019-03-01", residents=1001)
    cra = notice(plan, "AZ", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline == date(2019, 4, 15)


def test_arizona_department_of_homeland_security_only_from_2022_09_24():
    before = plan_for("AZ", discovered="2022-09-23", determined="2022-09-23", residents=1001)
    assert not has_notice(before, "AZ", "department_of_homeland_security")
    after = plan_for("AZ", discovered="2022-09-24", determined="2022-09-24", residents=1001)
    dohs = notice(after, "AZ", "department_of_homeland_security")
    assert dohs.status is Status.REQUIRED
    assert dohs.deadline == date(2022, 11, 8)


def test_arizona_homeland_security_not_owed_for_1000():
    plan = plan_for("AZ", discovered="2023-01-10", determined="2023-01-10", residents=1000)
    assert notice(plan, "AZ", "department_of_homeland_security").status is Status.NOT_REQUIRED


def test_arizona_maintainer_duty_excused_for_hipaa_business_associate_since_2018():
    # A.R.S. § 18-552 does not apply to HIPAA covered entities and business associates.
    plan = plan_for("AZ", role="business_associate", discovered="2023-01-10", residents=10)
    assert notice(plan, "AZ", "data_owner").status is Status.NOT_REQUIRED


def test_arizona_maintainer_told_owner_without_unreasonable_delay_before_2018():
    plan = plan_for("AZ", role="business_associate", discovered="2018-08-02", residents=10)
    owner = notice(plan, "AZ", "data_owner")
    assert owner.status is Status.REQUIRED
    assert owner.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_arizona_hipaa_entities_exempt_since_2018():
    plan = plan_for(
        "AZ", role="covered_entity", discovered="2023-01-10", determined="2023-01-10", residents=5000
    )
    assert notice(plan, "AZ", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "AZ", "attorney_general").status is Status.NOT_REQUIRED


def test_arizona_online_credentials_count_without_a_name_only_since_2018():
    old = plan_for("AZ", discovered="2018-08-02", residents=10, elements=("username_password",))
    assert notice(old, "AZ", "individuals").status is Status.NOT_REQUIRED
    new = plan_for("AZ", discovered="2018-08-03", residents=10, elements=("username_password",))
    assert notice(new, "AZ", "individuals").status is Status.REQUIRED
