"""North Dakota, N.D. Cent. Code ch. 51-30."""

from datetime import date

from notifyplanner.calendar import holiday_name
from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.sector_cases import sector_plan
from tests.jurisdictions.statute import has_notice, notice, plan_for, rulebook


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


# --------------------------------------------------------------------------- Holidays (N.D.C.C. ch. 1-03)


def _commissioner_deadline(determined: str) -> date | None:
    result = sector_plan(
        {"insurance_licensee"}, determined=determined, insurance_domicile="ND", reportable=True
    )
    return notice(result, "INS-ND", "commissioner").deadline


def test_north_dakota_good_friday_is_a_holiday_1_03_01_5():
    """§ 1-03-01(5): "The Friday next preceding Easter Sunday and commonly known as Good Friday"."""
    assert holiday_name(date(2024, 3, 29), rulebook().get("ND").holidays) == "Good Friday"
    assert holiday_name(date(2038, 4, 23), rulebook().get("ND").holidays) == "Good Friday"
    assert holiday_name(date(2090, 4, 14), rulebook().get("ND").holidays) == "Good Friday"  # every year
    assert holiday_name(date(2090, 4, 13), rulebook().get("ND").holidays) is None


def test_north_dakota_three_business_days_skip_good_friday():
    # Determined Thu 2024-03-28: Good Friday 03-29 and the weekend skipped; Mon, Tue, Wed -> 04-03.
    assert _commissioner_deadline("2024-03-28") == date(2024, 4, 3)


def test_north_dakota_juneteenth_is_not_a_holiday_in_1_03_01():
    # § 1-03-18 designates June 19 as Juneteenth but § 1-03-01 does not list it: Wed 2024-06-19 counts.
    assert _commissioner_deadline("2024-06-18") == date(2024, 6, 21)


def test_north_dakota_saturday_christmas_is_kept_on_the_friday_before_1_03_02_1():
    # Christmas 2021 is a Saturday: Fri 12-24 is the holiday. Determined Thu 12-23 -> Mon 27, Tue 28, Wed 29.
    assert _commissioner_deadline("2021-12-23") == date(2021, 12, 29)
