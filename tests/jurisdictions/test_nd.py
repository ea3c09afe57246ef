"""North Dakota, N.D. Cent. Code ch. 51-30."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_north_dakota_individuals_most_expedient_time_no_fixed_days_51_30_02():
    ind = notice(plan_for("ND", discovered="2024-03-01", residents=5), "ND", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_north_dakota_attorney_general_when_breach_exceeds_250_individuals_51_30_02():
    ag = notice(plan_for("ND", discovered="2024-03-01", residents=251), "ND", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_north_dakota_attorney_general_not_owed_for_250():
    ag = notice(plan_for("ND", discovered="2024-03-01", residents=250), "ND", "attorney_general")
    assert ag.status is Status.NOT_REQUIRED


def test_north_dakota_date_of_birth_with_name_is_personal_information_51_30_01():
    plan = plan_for("ND", discovered="2024-03-01", elements=("name", "dob"))
    assert notice(plan, "ND", "individuals").status is Status.REQUIRED


def test_north_dakota_no_consumer_reporting_agency_notice():
    assert not has_notice(
        plan_for("ND", discovered="2024-03-01", residents=5000), "ND", "consumer_reporting_agencies"
    )


def test_north_dakota_maintainer_tells_owner_immediately_51_30_03():
    plan = plan_for("ND", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "ND", "data_owner").status is Status.REQUIRED


def test_north_dakota_hipaa_covered_entity_deemed_compliant():
    plan = plan_for("ND", discovered="2024-03-01", role="covered_entity", residents=300)
    assert notice(plan, "ND", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "ND", "attorney_general").status is Status.NOT_REQUIRED


def test_north_dakota_2015_law_applies_in_2018():
    assert notice(plan_for("ND", discovered="2018-01-02"), "ND", "individuals").effective_from == date(
        2015, 8, 1
    )


def test_north_dakota_vendor_duty_to_owner_kept_for_business_associate_role():
    # The engine's business_associate role stands for every maintainer; its duty to the owner is not excused.
    plan = plan_for("ND", discovered="2024-03-01", role="business_associate")
    assert notice(plan, "ND", "data_owner").status is Status.REQUIRED
