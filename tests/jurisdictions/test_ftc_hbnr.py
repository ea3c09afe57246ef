"""FTC Health Breach Notification Rule, 16 CFR Part 318: the 2009 text and the 2024 amendment."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import notice, plan_for

VENDOR = {"role": "phr_vendor", "elements": ("name", "medical")}


def test_318_4_individuals_within_60_calendar_days_of_discovery():
    plan = plan_for("TX", discovered="2024-08-01", residents=10, **VENDOR)
    assert notice(plan, "FTC-HBNR", "individuals").deadline == date(2024, 9, 30)


def test_318_5c_ftc_within_10_business_days_for_500_or_more_before_2024_07_29():
    # Discovered Thu 2024-07-04 (holiday): business days Jul 5, 8-12, 15-18 -> 10th is Jul 18
    plan = plan_for("TX", discovered="2024-07-04", residents=500, **VENDOR)
    ftc = notice(plan, "FTC-HBNR", "ftc")
    assert ftc.status is Status.REQUIRED
    assert ftc.deadline == date(2024, 7, 18)
    assert ftc.effective_from == date(2009, 9, 24)


def test_318_5c_ftc_within_60_calendar_days_for_500_or_more_from_2024_07_29():
    plan = plan_for("TX", discovered="2024-07-29", residents=500, **VENDOR)
    ftc = notice(plan, "FTC-HBNR", "ftc")
    assert ftc.deadline == date(2024, 9, 27)
    assert ftc.effective_from == date(2024, 7, 29)


def test_318_5c_fewer_than_500_go_in_the_annual_log():
    plan = plan_for("TX", discovered="2024-08-01", residents=499, **VENDOR)
    assert notice(plan, "FTC-HBNR", "ftc").status is Status.NOT_REQUIRED
    assert notice(plan, "FTC-HBNR", "ftc_annual").deadline == date(2025, 3, 1)


def test_318_5b_media_for_500_or_more_residents_of_a_state():
    plan = plan_for("TX", discovered="2024-08-01", residents=500, **VENDOR)
    media = notice(plan, "FTC-HBNR", "media_tx")
    assert media.status is Status.REQUIRED
    assert media.deadline == date(2024, 9, 30)  # 60 calendar days after discovery, § 318.4(a)
    below = plan_for("TX", discovered="2024-08-01", residents=499, **VENDOR)
    assert notice(below, "FTC-HBNR", "media").status is Status.NOT_REQUIRED


def test_hipaa_entities_are_outside_the_ftc_rule():
    plan = plan_for(
        "TX", discovered="2024-08-01", residents=10, role="covered_entity", elements=("name", "medical")
    )
    assert not any(o.jurisdiction == "FTC-HBNR" for o in plan.obligations)


def test_318_5c_ftc_goes_with_the_individual_notice_when_that_is_sent_earlier_from_2024_07_29():
    """Summaries give the 2024 timing both as 'contemporaneously with' the individual notice and
    as 'no later than 60 calendar days'; the plan keeps the earlier of the two."""
    plan = plan_for("TX", discovered="2024-08-01", individuals_notified="2024-08-20", residents=500, **VENDOR)
    ftc = notice(plan, "FTC-HBNR", "ftc")
    assert ftc.deadline == date(2024, 8, 20)
    later = plan_for("TX", discovered="2024-08-01", residents=500, **VENDOR)
    assert notice(later, "FTC-HBNR", "ftc").deadline == date(2024, 9, 30)


def test_318_5b_media_threshold_is_500_residents_of_one_state_not_the_total():
    plan = plan_for("TX", discovered="2024-08-01", residents={"TX": 499, "OK": 499}, **VENDOR)
    media = [
        o for o in plan.obligations if o.jurisdiction == "FTC-HBNR" and o.obligation_id.startswith("media")
    ]
    assert [o.status for o in media] == [Status.NOT_REQUIRED]
    assert notice(plan, "FTC-HBNR", "ftc").status is Status.REQUIRED  # 998 in all: 500 or more
