"""South Dakota, SDCL §§ 22-40-19 to 22-40-26 (S.B. 62, eff. 2018-07-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, no_harm, notice, plan_for


def test_south_dakota_individuals_not_later_than_60_days_from_discovery_22_40_20():
    ind = notice(plan_for("SD", discovered="2024-03-01", residents=5), "SD", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 4, 30)


def test_south_dakota_attorney_general_when_breach_exceeds_250_residents_22_40_20():
    ag = notice(plan_for("SD", discovered="2024-03-01", residents=251), "SD", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 30)


def test_south_dakota_attorney_general_not_owed_for_250():
    ag = notice(plan_for("SD", discovered="2024-03-01", residents=250), "SD", "attorney_general")
    assert ag.status is Status.NOT_REQUIRED


def test_south_dakota_cras_without_unreasonable_delay_no_threshold_22_40_23():
    cra = notice(plan_for("SD", discovered="2024-03-01", residents=1), "SD", "consumer_reporting_agencies")
    assert cra.status is Status.REQUIRED
    assert cra.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


def test_south_dakota_online_credentials_are_protected_information_without_a_name():
    plan = plan_for("SD", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "SD", "individuals").status is Status.REQUIRED


def test_south_dakota_hipaa_regulated_holder_deemed_compliant():
    plan = plan_for("SD", discovered="2024-03-01", role="covered_entity", residents=300)
    assert notice(plan, "SD", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "SD", "attorney_general").status is Status.NOT_REQUIRED


def test_south_dakota_no_statute_before_2018_07_01():
    plan = plan_for("SD", discovered="2018-06-30")
    assert not has_notice(plan, "SD", "individuals")


def test_south_dakota_statute_applies_from_2018_07_01():
    assert notice(plan_for("SD", discovered="2018-07-01"), "SD", "individuals").effective_from == date(
        2018, 7, 1
    )


def test_south_dakota_no_harm_determination_needs_prior_notice_to_the_ag_and_three_years_of_records():
    # SDCL § 22-40-20: not required "following an appropriate investigation and notice to the
    # attorney general"; documentation maintained "for not less than three years".
    plan = plan_for("SD", discovered="2024-03-01", residents=300, decisions=(no_harm("SD", "2024-03-12"),))
    assert notice(plan, "SD", "individuals").status is Status.NOT_REQUIRED
    ag = notice(plan, "SD", "no_harm_attorney_general")
    assert ag.deadline == date(2024, 3, 12)
    assert "Before the determination" in ag.basis
    assert "2027-03-12" in notice(plan, "SD", "no_harm_record").basis
