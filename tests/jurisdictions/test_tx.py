"""Texas, Tex. Bus. & Com. Code §§ 521.002, 521.053 (S.B. 1610 2013; H.B. 4390 2020-01-01; H.B. 3746 2021-09-01; S.B. 768 2023-09-01)."""

from datetime import date

from notifyplanner.model import DeadlineKind, Status
from tests.jurisdictions.statute import has_notice, notice, plan_for


def test_texas_ag_within_30_days_of_determination_when_250_texans_since_2023_09_01():
    plan = plan_for("TX", discovered="2024-03-01", determined="2024-03-05", residents=250)
    ag = notice(plan, "TX", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 4, 4)


def test_texas_ag_not_owed_for_249_texans():
    plan = plan_for("TX", discovered="2024-03-01", determined="2024-03-05", residents=249)
    assert notice(plan, "TX", "attorney_general").status is Status.NOT_REQUIRED


def test_texas_ag_60_days_before_2023_09_01():
    plan = plan_for("TX", discovered="2023-08-31", determined="2023-08-31", residents=300)
    assert notice(plan, "TX", "attorney_general").deadline == date(2023, 10, 30)


def test_texas_individuals_60_days_after_determination_since_2020_01_01():
    plan = plan_for("TX", discovered="2024-03-01", determined="2024-03-05")
    ind = notice(plan, "TX", "individuals")
    assert ind.deadline == date(2024, 5, 4)
    assert ind.without_unreasonable_delay


def test_texas_individuals_as_quickly_as_possible_and_no_ag_before_2020():
    plan = plan_for("TX", discovered="2019-12-31", residents=5000)
    assert notice(plan, "TX", "individuals").deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert not has_notice(plan, "TX", "attorney_general")


def test_texas_ag_notice_reports_number_notified_by_mail_from_hb_3746():
    before = notice(plan_for("TX", discovered="2021-08-31", residents=300), "TX", "attorney_general")
    after = notice(plan_for("TX", discovered="2021-09-01", residents=300), "TX", "attorney_general")
    assert "direct method" not in before.content
    assert "direct method" in after.content


def test_texas_cras_when_more_than_10000_persons_notified():
    assert (
        notice(
            plan_for("TX", discovered="2024-03-01", residents=10, total_affected=10001),
            "TX",
            "consumer_reporting_agencies",
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("TX", discovered="2024-03-01", residents=10, total_affected=10000),
            "TX",
            "consumer_reporting_agencies",
        ).status
        is Status.NOT_REQUIRED
    )


def test_texas_vendor_tells_owner_immediately():
    owner = notice(plan_for("TX", discovered="2024-03-01", role="business_associate"), "TX", "data_owner")
    assert owner.status is Status.REQUIRED


def test_texas_no_hipaa_deeming():
    plan = plan_for(
        "TX", discovered="2024-03-01", determined="2024-03-05", role="covered_entity", residents=300
    )
    assert notice(plan, "TX", "attorney_general").status is Status.REQUIRED


def test_texas_health_information_counts_without_a_name():
    plan = plan_for("TX", discovered="2024-03-01", elements=("medical",))
    assert notice(plan, "TX", "individuals").status is Status.REQUIRED


def test_texas_ag_30_days_for_a_breach_that_began_before_2023_09_01_and_was_found_after():
    """S.B. 768 governs determinations made from its effective date, whenever the breach began."""
    plan = plan_for("TX", discovered="2023-09-05", determined="2023-09-05", residents=250)
    assert notice(plan, "TX", "attorney_general").deadline == date(2023, 10, 5)


# S.B. 768 (2023) § 521.053(i): "not later than the 30th day after the date on which the person
# determines that the breach occurred", in force 2023-09-01, with no clause limiting it to
# breaches occurring after that date: the law in force on the determination date governs.


def test_texas_discovered_before_2023_09_01_determined_after_owes_ag_30_days_from_determination():
    plan = plan_for("TX", discovered="2023-08-25", determined="2023-09-05", residents=250)
    ag = notice(plan, "TX", "attorney_general")
    assert ag.deadline == date(2023, 10, 5)
    assert ag.effective_from == date(2023, 9, 1)
    assert "Texas rules in force on the determination date 2023-09-05" in ag.basis


def test_texas_discovered_and_determined_before_2023_09_01_owes_ag_60_days():
    plan = plan_for("TX", discovered="2023-08-25", determined="2023-08-31", residents=250)
    ag = notice(plan, "TX", "attorney_general")
    assert ag.deadline == date(2023, 10, 30)
    assert ag.effective_from == date(2021, 9, 1)
    assert "Texas rules in force on the discovery date 2023-08-25" in ag.basis
    assert "the determination date 2023-08-31 is before it" in ag.basis


def test_texas_determined_on_2023_09_01_is_the_first_day_of_the_30_day_rule():
    plan = plan_for("TX", discovered="2023-08-01", determined="2023-09-01", residents=250)
    assert notice(plan, "TX", "attorney_general").deadline == date(2023, 10, 1)


def test_texas_individuals_stay_60_days_after_determination_across_2023_09_01():
    plan = plan_for("TX", discovered="2023-08-25", determined="2023-09-05", residents=250)
    assert notice(plan, "TX", "individuals").deadline == date(2023, 11, 4)


def test_texas_no_determination_date_before_2023_09_01_uses_discovery_and_asks_for_it():
    plan = plan_for("TX", discovered="2023-08-25", residents=250)
    ag = notice(plan, "TX", "attorney_general")
    assert ag.deadline == date(2023, 10, 24)  # 60 days from discovery, standing in
    assert "determination date" in ag.needs
    assert any("S.B. 768" in w and "Enter the determination date" in w for w in plan.warnings)


def test_texas_plan_names_how_the_version_was_chosen():
    plan = plan_for("TX", discovered="2023-08-25", determined="2023-09-05", residents=250)
    used = next(v for v in plan.versions if v.jurisdiction == "TX")
    assert used.effective_from == date(2023, 9, 1)
    assert used.chosen_by.startswith("Texas rules in force on the determination date 2023-09-05")
