"""Florida, Fla. Stat. § 501.171 (Florida Information Protection Act of 2014, eff. 2014-07-01; S.B. 262, 2023, eff. 2024-07-01)."""

from datetime import date

from notifyplanner.model import Status
from tests.jurisdictions.statute import has_notice, monitoring, no_harm, notice, plan_for


def test_florida_individuals_within_30_days_of_reason_to_believe_or_determination_whichever_first():
    # § 501.171(4)(a): "no later than 30 days after the determination of a breach or reason
    # to believe a breach occurred": discovery (reason to believe) on 03-01 comes first.
    plan = plan_for("FL", discovered="2024-03-01", determined="2024-03-05")
    ind = notice(plan, "FL", "individuals")
    assert ind.status is Status.REQUIRED
    assert ind.deadline == date(2024, 3, 31)
    assert ind.without_unreasonable_delay
    assert "whichever comes first" in ind.basis


def test_florida_determination_on_the_day_of_discovery_gives_the_same_date():
    plan = plan_for("FL", discovered="2024-03-05", determined="2024-03-05")
    assert notice(plan, "FL", "individuals").deadline == date(2024, 4, 4)


def test_florida_department_of_legal_affairs_within_30_days_when_500_floridians():
    # § 501.171(3)(a): the same "determination ... or reason to believe" clock.
    plan = plan_for("FL", discovered="2024-03-01", determined="2024-03-05", residents=500)
    ag = notice(plan, "FL", "attorney_general")
    assert ag.status is Status.REQUIRED
    assert ag.deadline == date(2024, 3, 31)


def test_florida_department_not_owed_for_499_floridians():
    plan = plan_for("FL", discovered="2024-03-01", determined="2024-03-05", residents=499)
    assert notice(plan, "FL", "attorney_general").status is Status.NOT_REQUIRED


def test_florida_cras_when_more_than_1000_floridians_notified():
    assert (
        notice(
            plan_for("FL", discovered="2024-03-01", residents=1001), "FL", "consumer_reporting_agencies"
        ).status
        is Status.REQUIRED
    )
    assert (
        notice(
            plan_for("FL", discovered="2024-03-01", residents=1000), "FL", "consumer_reporting_agencies"
        ).status
        is Status.NOT_REQUIRED
    )


def test_florida_third_party_agent_tells_covered_entity_within_10_days():
    # § 501.171(6)(a): "no later than 10 days following the determination of the breach of
    # security or reason to believe the breach occurred".
    for role in ("business_associate", "service_provider"):
        plan = plan_for("FL", discovered="2024-03-01", determined="2024-03-05", role=role)
        owner = notice(plan, "FL", "data_owner")
        assert owner.status is Status.REQUIRED
        assert owner.deadline == date(2024, 3, 11)
    later = plan_for("FL", discovered="2024-03-05", determined="2024-03-05", role="service_provider")
    assert notice(later, "FL", "data_owner").deadline == date(2024, 3, 15)


def test_florida_online_credentials_count_without_a_name():
    plan = plan_for("FL", discovered="2024-03-01", elements=("username_password",))
    assert notice(plan, "FL", "individuals").status is Status.REQUIRED


def test_florida_biometric_data_counts_from_2024_07_01():
    before = plan_for("FL", discovered="2024-06-30", elements=("name", "biometric"))
    after = plan_for("FL", discovered="2024-07-01", elements=("name", "biometric"))
    assert notice(before, "FL", "individuals").status is Status.NOT_REQUIRED
    assert notice(after, "FL", "individuals").status is Status.REQUIRED


def test_florida_thirty_day_rule_already_in_force_in_2018():
    plan = plan_for("FL", discovered="2018-01-02", determined="2018-01-02", residents=600)
    assert notice(plan, "FL", "individuals").deadline == date(2018, 2, 1)
    assert notice(plan, "FL", "attorney_general").deadline == date(2018, 2, 1)


def test_florida_federal_regulator_notice_satisfies_individual_notice_but_not_department():
    plan = plan_for(
        "FL", discovered="2024-03-01", determined="2024-03-05", role="covered_entity", residents=600
    )
    assert notice(plan, "FL", "individuals").status is Status.NOT_REQUIRED
    assert notice(plan, "FL", "attorney_general").status is Status.REQUIRED


def test_florida_no_credit_monitoring_duty():
    assert monitoring(plan_for("FL", discovered="2024-03-01"), "FL") == []
    assert has_notice(plan_for("FL", discovered="2024-03-01"), "FL", "individuals")


# § 501.171(4)(c): no notice to individuals if, after an appropriate investigation and
# consultation with law enforcement, the entity reasonably determines no identity theft or
# other financial harm is likely; documented in writing, kept at least 5 years, and given
# to the Department within 30 days after the determination.


def test_florida_no_harm_determination_excuses_individual_notice_but_not_the_department():
    plan = plan_for("FL", discovered="2024-03-01", residents=600, decisions=(no_harm("FL", "2024-03-10"),))
    assert notice(plan, "FL", "individuals").status is Status.NOT_REQUIRED
    assert "No-risk-of-harm determination of 2024-03-10" in notice(plan, "FL", "individuals").reason
    assert notice(plan, "FL", "attorney_general").status is Status.REQUIRED  # (3): 500 or more


def test_florida_no_harm_determination_carries_dated_duties():
    plan = plan_for("FL", discovered="2024-03-01", decisions=(no_harm("FL", "2024-03-10"),))
    record = notice(plan, "FL", "no_harm_record")
    assert record.deadline == date(2024, 3, 10)
    assert "2029-03-10" in record.basis  # kept at least 5 years
    department = notice(plan, "FL", "no_harm_department")
    assert department.deadline == date(2024, 4, 9)  # 30 days after the determination
    assert department.citation.cite == "Fla. Stat. § 501.171(4)(c)"


def test_florida_no_harm_determination_needs_law_enforcement_consultation():
    unknown = plan_for(
        "FL", discovered="2024-03-01", decisions=(no_harm("FL", "2024-03-10", consulted=None),)
    )
    ind = notice(unknown, "FL", "individuals")
    assert ind.status is Status.UNDETERMINED
    assert "whether law enforcement was consulted" in ind.needs
    skipped = plan_for(
        "FL", discovered="2024-03-01", decisions=(no_harm("FL", "2024-03-10", consulted=False),)
    )
    ind = notice(skipped, "FL", "individuals")
    assert ind.status is Status.REQUIRED
    assert "does not count" in ind.reason
    assert not has_notice(skipped, "FL", "no_harm_department")


def test_florida_decision_to_notify_changes_nothing():
    plan = plan_for(
        "FL", discovered="2024-03-01", decisions=(no_harm("FL", "2024-03-10", conclusion="notify"),)
    )
    assert notice(plan, "FL", "individuals").status is Status.REQUIRED
    assert not has_notice(plan, "FL", "no_harm_record")


def test_florida_no_harm_duties_only_where_the_statute_reaches_the_data():
    # Date of birth alone is not personal information under § 501.171(1)(g): nothing was
    # excused, so the determination carries no Florida duty.
    plan = plan_for(
        "FL", discovered="2024-03-01", elements=("name", "dob"), decisions=(no_harm("FL", "2024-03-10"),)
    )
    assert not has_notice(plan, "FL", "no_harm_department")
