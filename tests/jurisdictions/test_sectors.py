"""Statute cases for the sector and foreign rules of issue 13, computed by hand from the
rule text (docs/research/sector-rules.md section 5): each clock at its edges, each version
boundary, each threshold."""

from datetime import date, datetime

import pytest

from notifyplanner.model import DeadlineKind, Recipient, Status
from notifyplanner.sector import PROFILE_WARNING
from tests.jurisdictions.sector_cases import absent, notice, sector_plan
from tests.jurisdictions.statute import rulebook

NY = "America/New_York"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --------------------------------------------------------------------------- SEC Form 8-K


@pytest.mark.parametrize(
    ("determined", "due"),
    [
        ("2026-11-24", "2026-12-01"),  # Thanksgiving Thu 11-26 skipped: Wed, Fri, Mon, Tue
        ("2026-11-25", "2026-12-02"),
        ("2026-11-28", "2026-12-03"),  # a Saturday: the period starts Monday and includes it
        ("2025-11-26", "2025-12-03"),  # Thanksgiving 2025-11-27
        ("2026-06-16", "2026-06-23"),  # Juneteenth Fri 06-19 skipped
    ],
)
def test_8k_is_due_four_business_days_after_the_materiality_determination(determined, due):
    result = sector_plan({"public_company"}, materiality_determined=determined, time_zone=NY)
    ob = notice(result, "SEC-8K", "sec")
    assert ob.status is Status.REQUIRED and ob.recipient is Recipient.SEC
    assert ob.deadline == date.fromisoformat(due)


def test_8k_deadline_is_the_edgar_cutoff_of_5_30_pm_eastern_on_the_fourth_day():
    """17 CFR 232.13(a)(2): a filing begun after 5:30 p.m. Eastern is filed the next day."""
    ob = notice(
        sector_plan({"public_company"}, materiality_determined="2026-11-24", time_zone=NY), "SEC-8K", "sec"
    )
    assert ob.deadline_at == at("2026-12-01T17:30-05:00")
    assert at("2026-12-01T17:31-05:00") > ob.deadline_at  # a filing begun at 17:31 is late
    assert ob.deadline_at.utcoffset().total_seconds() == -5 * 3600


def test_8k_runs_from_materiality_not_discovery_and_asks_for_it():
    ob = notice(sector_plan({"public_company"}, discovered="2026-11-02"), "SEC-8K", "sec")
    assert ob.status is Status.UNDETERMINED and ob.deadline is None
    assert "material" in ob.reason and ob.needs


@pytest.mark.parametrize(
    ("sectors", "determined", "owed", "due"),
    [
        ({"public_company"}, "2023-12-17", False, None),
        ({"public_company"}, "2023-12-18", True, "2023-12-22"),
        ({"public_company", "smaller_reporting_company"}, "2024-06-14", False, None),
        (
            {"public_company", "smaller_reporting_company"},
            "2024-06-15",
            True,
            "2024-06-21",
        ),  # Juneteenth skipped
        ({"public_company"}, "2024-06-14", True, "2024-06-21"),
    ],
)
def test_8k_compliance_dates_non_src_2023_12_18_and_src_2024_06_15(sectors, determined, owed, due):
    ob = notice(sector_plan(sectors, materiality_determined=determined), "SEC-8K", "sec")
    assert (ob.status is Status.REQUIRED) is owed
    assert ob.deadline == (date.fromisoformat(due) if due else None)
    if not owed:
        assert ob.status is Status.NOT_REQUIRED


@pytest.mark.parametrize(
    ("sectors", "discovered", "determined", "owed", "due"),
    [
        # Discovered before the compliance date, determined material on or after it: owed.
        ({"public_company"}, "2023-11-20", "2023-12-19", True, "2023-12-26"),  # Christmas skipped
        (
            {"public_company", "smaller_reporting_company"},
            "2024-05-01",
            "2024-06-17",
            True,
            "2024-06-24",
        ),  # Juneteenth skipped
        # Determined material before the compliance date, though the four days end after it: not owed.
        ({"public_company"}, "2023-12-01", "2023-12-15", False, None),
        ({"public_company", "smaller_reporting_company"}, "2024-06-01", "2024-06-13", False, None),
    ],
)
def test_8k_compliance_date_is_compared_with_the_materiality_determination(
    sectors, discovered, determined, owed, due
):
    """Release 33-11216, section II.I: registrants "must begin complying" with Item 1.05 on
    2023-12-18 (smaller reporting companies on 2024-06-15). The event an Item 1.05 report is
    filed for is the determination: "A report pursuant to Item 1.05 is to be filed within four
    business days after the registrant determines that it has experienced a material
    cybersecurity incident" (General Instruction B.1). So the date the incident occurred or was
    discovered does not decide, and neither does the date the report would fall due."""
    result = sector_plan(sectors, discovered=discovered, materiality_determined=determined)
    ob = notice(result, "SEC-8K", "sec")
    assert (ob.status is Status.REQUIRED) is owed
    assert ob.deadline == (date.fromisoformat(due) if due else None)


def test_8k_src_before_its_date_is_told_when_it_is_reached():
    ob = notice(
        sector_plan({"public_company", "smaller_reporting_company"}, materiality_determined="2024-06-14"),
        "SEC-8K",
        "sec",
    )
    assert "2024-06-15" in ob.reason


# --------------------------------------------------------------------------- Regulation S-P


@pytest.mark.parametrize(
    ("sectors", "aware", "due"),
    [
        ({"sec_covered_institution", "sec_larger_entity"}, "2025-12-02", None),
        ({"sec_covered_institution", "sec_larger_entity"}, "2025-12-03", "2026-01-02"),
        ({"sec_covered_institution"}, "2026-06-02", None),
        ({"sec_covered_institution"}, "2026-06-03", "2026-07-03"),
    ],
)
def test_reg_sp_customer_notice_30_days_after_awareness_from_each_compliance_date(sectors, aware, due):
    ob = notice(sector_plan(sectors, discovered=aware), "SEC-REGSP", "individuals")
    if due is None:
        assert ob.status is Status.NOT_REQUIRED
    else:
        assert ob.status is Status.REQUIRED and ob.deadline == date.fromisoformat(due)


def test_reg_sp_deadline_on_independence_day_observed_is_flagged_not_moved():
    ob = notice(sector_plan({"sec_covered_institution"}, discovered="2026-06-03"), "SEC-REGSP", "individuals")
    assert ob.deadline == date(2026, 7, 3)
    assert "Independence Day" in ob.non_business_day
    assert ob.practical_send_by == date(2026, 7, 2)


def test_reg_sp_service_provider_tells_the_institution_within_72_hours_of_awareness():
    """17 CFR 248.30(a)(5)(i)(B): "no later than 72 hours after becoming aware"; holidays do not count."""
    result = sector_plan({"sec_service_provider"}, discovered_at="2026-07-01T17:00-04:00", time_zone=NY)
    ob = notice(result, "SEC-REGSP", "service_provider")
    assert ob.status is Status.REQUIRED and ob.recipient is Recipient.COVERED_INSTITUTION
    assert ob.deadline_at == at("2026-07-04T17:00-04:00")
    assert absent(result, "SEC-8K")
    assert [o.obligation_id for o in result.obligations] == ["service_provider"], (
        "no customer notice of its own"
    )


@pytest.mark.parametrize(
    ("aware", "owed"), [("2025-12-02", False), ("2025-12-03", True), ("2026-06-03", True)]
)
def test_reg_sp_service_provider_notice_from_the_first_compliance_date(aware, owed):
    """A provider may serve a larger entity, so its notice is planned from 2025-12-03."""
    ob = notice(
        sector_plan({"sec_service_provider"}, discovered=aware, time_zone=NY), "SEC-REGSP", "service_provider"
    )
    assert (ob.status is Status.REQUIRED) is owed


def test_reg_sp_institution_that_is_not_a_provider_owes_no_provider_notice():
    result = sector_plan({"sec_covered_institution"}, discovered="2026-06-03", time_zone=NY)
    assert [o.key for o in result.obligations] == ["SEC-REGSP/individuals"]


# --------------------------------------------------------------------------- FTC Safeguards Rule


@pytest.mark.parametrize(("total", "status"), [(499, Status.NOT_REQUIRED), (500, Status.REQUIRED)])
def test_ftc_notice_at_least_500_consumers(total, status):
    result = sector_plan({"nonbank_financial_institution"}, discovered="2026-01-30", total_affected=total)
    assert notice(result, "FTC-GLBA", "ftc").status is status


def test_ftc_30_days_after_discovery_on_a_sunday_is_not_moved():
    ob = notice(
        sector_plan({"nonbank_financial_institution"}, discovered="2026-01-30", total_affected=900),
        "FTC-GLBA",
        "ftc",
    )
    assert ob.deadline == date(2026, 3, 1) and ob.non_business_day == "Sunday"
    assert ob.practical_send_by == date(2026, 2, 27)


@pytest.mark.parametrize(("day", "due"), [("2024-05-12", None), ("2024-05-13", "2024-06-12")])
def test_ftc_rule_in_force_from_2024_05_13(day, due):
    ob = notice(
        sector_plan({"nonbank_financial_institution"}, discovered=day, total_affected=900), "FTC-GLBA", "ftc"
    )
    assert ob.deadline == (date.fromisoformat(due) if due else None)


def test_ftc_count_unknown_is_undetermined():
    result = sector_plan({"nonbank_financial_institution"}, residents={"TX": None})
    assert notice(result, "FTC-GLBA", "ftc").status is Status.UNDETERMINED


# --------------------------------------------------------------------------- NYDFS


def test_nydfs_72_hours_across_the_spring_change_ends_at_16_00_local():
    ob = notice(
        sector_plan({"nydfs_covered_entity"}, determined_at="2026-03-06T15:00-05:00", time_zone=NY),
        "NYDFS",
        "superintendent",
    )
    assert ob.deadline_at == at("2026-03-09T16:00-04:00") and ob.deadline == date(2026, 3, 9)
    assert str(ob.deadline_at.tzinfo) == NY
    assert not ob.conservative


def test_nydfs_72_hours_across_the_fall_change_ends_at_08_00_local():
    ob = notice(
        sector_plan({"nydfs_covered_entity"}, determined_at="2026-10-30T09:00-04:00", time_zone=NY),
        "NYDFS",
        "superintendent",
    )
    assert ob.deadline_at == at("2026-11-02T08:00-05:00")
    assert ob.deadline_at.strftime("%H:%M %z") == "08:00 -0500"


def test_nydfs_extortion_payment_24_hours_and_explanation_30_days():
    result = sector_plan(
        {"nydfs_covered_entity"},
        determined_at="2026-03-07T10:00-05:00",
        ransom_paid_at="2026-03-07T23:30-05:00",
        time_zone=NY,
    )
    payment = notice(result, "NYDFS", "extortion_payment")
    assert payment.deadline_at == at("2026-03-09T00:30-04:00")
    assert notice(result, "NYDFS", "extortion_explanation").deadline == date(2026, 4, 6)


@pytest.mark.parametrize(
    ("paid", "owed"), [("2023-11-30T12:00-05:00", False), ("2023-12-01T12:00-05:00", True)]
)
def test_nydfs_extortion_notice_from_2023_12_01(paid, owed):
    result = sector_plan(
        {"nydfs_covered_entity"}, determined_at="2023-11-29T12:00-05:00", ransom_paid_at=paid, time_zone=NY
    )
    assert (notice(result, "NYDFS", "extortion_payment").status is Status.REQUIRED) is owed
    assert notice(result, "NYDFS", "superintendent").status is Status.REQUIRED  # 2017 version


def test_nydfs_without_a_payment_owes_no_extortion_notice_and_says_what_to_enter():
    ob = notice(
        sector_plan({"nydfs_covered_entity"}, determined="2026-03-06", time_zone=NY),
        "NYDFS",
        "extortion_payment",
    )
    assert ob.status is Status.NOT_REQUIRED and "extortion payment" in ob.reason


def test_nydfs_date_only_runs_from_the_start_of_the_day_and_says_so():
    ob = notice(
        sector_plan({"nydfs_covered_entity"}, determined="2026-03-06", time_zone=NY),
        "NYDFS",
        "superintendent",
    )
    assert ob.deadline_at == at("2026-03-09T01:00-04:00")
    assert ob.conservative and "start of that day" in ob.basis


def test_hours_clock_without_a_time_zone_starts_at_the_earliest_midnight_and_asks_for_the_zone():
    ob = notice(sector_plan({"nydfs_covered_entity"}, determined="2026-03-06"), "NYDFS", "superintendent")
    assert ob.deadline_at == at("2026-03-08T10:00+00:00")  # 2026-03-06T00:00+14:00 + 72 h
    assert "time zone" in ob.needs


# --------------------------------------------------------------------------- Federal banking rule


def test_banking_36_hours_ignore_thanksgiving():
    ob = notice(
        sector_plan({"bank"}, determined_at="2026-11-25T20:00-05:00", time_zone=NY),
        "US-BANKING",
        "primary_regulator",
    )
    assert ob.deadline_at == at("2026-11-27T08:00-05:00")


def test_banking_36_hours_across_the_spring_change_in_chicago():
    ob = notice(
        sector_plan({"bank"}, determined_at="2026-03-07T02:30-06:00", time_zone="America/Chicago"),
        "US-BANKING",
        "primary_regulator",
    )
    assert ob.deadline_at == at("2026-03-08T15:30-05:00")


@pytest.mark.parametrize(("day", "owed"), [("2022-04-30", False), ("2022-05-01", True)])
def test_banking_rule_from_its_compliance_date(day, owed):
    ob = notice(sector_plan({"bank"}, determined=day, time_zone=NY), "US-BANKING", "primary_regulator")
    assert (ob.status is Status.REQUIRED) is owed


def test_bank_service_provider_owes_notice_as_soon_as_possible_with_no_fixed_date():
    result = sector_plan(
        {"bank", "bank_service_provider"}, determined_at="2026-03-02T09:00-05:00", time_zone=NY
    )
    provider = notice(result, "US-BANKING", "bank_customers")
    assert provider.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE and provider.deadline is None
    assert provider.recipient is Recipient.COVERED_INSTITUTION
    assert result.controlling is not None  # the bank's own 36 hours is the planning target


# --------------------------------------------------------------------------- NCUA


def test_ncua_72_hours_across_the_fall_change():
    ob = notice(
        sector_plan({"credit_union"}, determined_at="2026-10-31T12:00-04:00", time_zone=NY), "NCUA", "ncua"
    )
    assert ob.deadline_at == at("2026-11-03T11:00-05:00")


@pytest.mark.parametrize(("day", "owed"), [("2023-08-31", False), ("2023-09-01", True)])
def test_ncua_rule_from_2023_09_01(day, owed):
    ob = notice(sector_plan({"credit_union"}, determined=day, time_zone=NY), "NCUA", "ncua")
    assert (ob.status is Status.REQUIRED) is owed


# --------------------------------------------------------------------------- State insurance laws


@pytest.mark.parametrize(
    ("state", "determined", "due"),
    [
        ("VA", "2026-10-30", "2026-11-05"),  # Election Day Tue 11-03 is a Virginia holiday
        ("AL", "2026-04-24", "2026-04-30"),  # Confederate Memorial Day Mon 04-27
        ("LA", "2026-02-13", "2026-02-20"),  # Washington's Birthday and Mardi Gras
        ("MI", "2026-11-25", "2026-12-11"),  # 10 business days; day after Thanksgiving skipped
        ("OH", "2026-11-25", "2026-12-01"),
        ("TN", "2026-11-25", "2026-12-01"),
        ("PA", "2026-11-25", "2026-12-04"),  # 5 business days; PA keeps the day after Thanksgiving
    ],
)
def test_insurance_business_day_clocks_run_on_the_states_own_holidays(state, determined, due):
    result = sector_plan(
        {"insurance_licensee"}, determined=determined, insurance_domicile=state, reportable=True
    )
    ob = notice(result, f"INS-{state}", "commissioner")
    assert ob.status is Status.REQUIRED and ob.deadline == date.fromisoformat(due)


def test_insurance_va_clock_differs_from_the_federal_calendar():
    """Across Virginia's Election Day the state's calendar gives one day more than the federal one."""
    from notifyplanner.calendar import FEDERAL, add_business_days

    assert add_business_days(date(2026, 10, 30), 3, FEDERAL) == date(2026, 11, 4)
    ob = notice(
        sector_plan({"insurance_licensee"}, determined="2026-10-30", insurance_domicile="VA"),
        "INS-VA",
        "commissioner",
    )
    assert ob.deadline == date(2026, 11, 5)


def test_insurance_south_carolina_counts_72_hours():
    result = sector_plan(
        {"insurance_licensee"}, determined_at="2026-03-06T15:00-05:00", time_zone=NY, insurance_domicile="SC"
    )
    assert notice(result, "INS-SC", "commissioner").deadline_at == at("2026-03-09T16:00-04:00")


@pytest.mark.parametrize(("count", "status"), [(249, Status.NOT_REQUIRED), (250, Status.REQUIRED)])
def test_insurance_250_or_more_residents_of_a_state_not_the_domicile(count, status):
    result = sector_plan(
        {"insurance_licensee"},
        determined="2026-04-24",
        residents={"AL": count},
        insurance_domicile="VA",
        reportable=True,
    )
    assert notice(result, "INS-AL", "commissioner").status is status


def test_insurance_resident_prong_is_undetermined_until_the_harm_question_is_answered():
    result = sector_plan(
        {"insurance_licensee"}, determined="2026-04-24", residents={"AL": 300}, insurance_domicile="VA"
    )
    ob = notice(result, "INS-AL", "commissioner")
    assert ob.status is Status.UNDETERMINED and "government body" in ob.reason
    no = sector_plan(
        {"insurance_licensee"},
        determined="2026-04-24",
        residents={"AL": 300},
        insurance_domicile="VA",
        reportable=False,
    )
    assert notice(no, "INS-AL", "commissioner").status is Status.NOT_REQUIRED


def test_insurance_domicile_prong_alabama_asks_about_harm_alaska_does_not():
    al = sector_plan(
        {"insurance_licensee"}, determined="2026-04-24", residents={"AL": 1}, insurance_domicile="AL"
    )
    assert notice(al, "INS-AL", "commissioner").status is Status.UNDETERMINED
    ak = sector_plan({"insurance_licensee"}, determined="2026-04-24", insurance_domicile="AK")
    assert notice(ak, "INS-AK", "commissioner").status is Status.REQUIRED


def test_insurance_small_count_with_no_domicile_given_asks_for_it():
    result = sector_plan({"insurance_licensee"}, determined="2026-04-24", residents={"OH": 3})
    ob = notice(result, "INS-OH", "commissioner")
    assert ob.status is Status.UNDETERMINED and "insurance domicile" in ob.needs


@pytest.mark.parametrize(
    ("state", "day", "owed"),
    [
        ("SC", "2018-12-31", False),
        ("SC", "2019-01-01", True),
        ("AK", "2024-12-31", False),
        ("AK", "2025-01-01", True),
        ("PA", "2023-12-10", False),
        ("PA", "2023-12-11", True),
    ],
)
def test_insurance_version_boundaries(state, day, owed):
    result = sector_plan(
        {"insurance_licensee"}, determined=day, time_zone=NY, insurance_domicile=state, reportable=True
    )
    assert (notice(result, f"INS-{state}", "commissioner").status is Status.REQUIRED) is owed


@pytest.mark.parametrize("code", sorted(c for c in rulebook().jurisdictions if c.startswith("INS-")))
def test_every_insurance_file_counts_business_days_on_its_states_calendar(code):
    ins, state = rulebook().get(code), rulebook().get(code[4:])
    assert ins.holidays == state.holidays


def test_insurance_rules_reach_only_states_in_play():
    result = sector_plan(
        {"insurance_licensee"}, determined="2026-04-24", residents={"OH": 400}, insurance_domicile="VA"
    )
    assert {o.jurisdiction for o in result.obligations if o.jurisdiction.startswith("INS-")} == {
        "INS-OH",
        "INS-VA",
    }


# --------------------------------------------------------------------------- GDPR, UK GDPR


def test_gdpr_72_hours_across_the_eu_spring_change():
    ob = notice(
        sector_plan({"gdpr"}, discovered_at="2026-03-27T10:00+01:00", time_zone="Europe/Berlin"),
        "EU-GDPR",
        "supervisory_authority",
    )
    assert ob.deadline_at == at("2026-03-30T11:00+02:00")


def test_gdpr_72_hours_across_the_eu_autumn_change():
    ob = notice(
        sector_plan({"gdpr"}, discovered_at="2026-10-23T18:00+02:00", time_zone="Europe/Paris"),
        "EU-GDPR",
        "supervisory_authority",
    )
    assert ob.deadline_at == at("2026-10-26T17:00+01:00")


def test_uk_gdpr_72_hours_across_the_uk_spring_change():
    ob = notice(
        sector_plan({"uk_gdpr"}, discovered_at="2026-03-27T10:00+00:00", time_zone="Europe/London"),
        "UK-GDPR",
        "supervisory_authority",
    )
    assert ob.deadline_at == at("2026-03-30T11:00+01:00")


def test_gdpr_date_only_counts_from_midnight_in_the_zone():
    ob = notice(
        sector_plan({"gdpr"}, discovered="2026-03-27", time_zone="Europe/Berlin"),
        "EU-GDPR",
        "supervisory_authority",
    )
    assert ob.deadline_at == at("2026-03-30T01:00+02:00") and ob.conservative


@pytest.mark.parametrize(
    ("code", "sector", "day", "owed"),
    [
        ("EU-GDPR", "gdpr", "2018-05-24", False),
        ("EU-GDPR", "gdpr", "2018-05-25", True),
        ("UK-GDPR", "uk_gdpr", "2020-12-31", False),
        ("UK-GDPR", "uk_gdpr", "2021-01-01", True),
    ],
)
def test_gdpr_version_boundaries(code, sector, day, owed):
    ob = notice(
        sector_plan({sector}, discovered=day, time_zone="Europe/London"), code, "supervisory_authority"
    )
    assert (ob.status is Status.REQUIRED) is owed


def test_gdpr_individuals_without_undue_delay_no_fixed_date():
    ob = notice(
        sector_plan({"gdpr"}, discovered="2026-03-27", time_zone="Europe/Berlin"), "EU-GDPR", "individuals"
    )
    assert ob.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE and "high risk" in ob.basis


# --------------------------------------------------------------------------- PIPEDA


@pytest.mark.parametrize(
    ("determined", "until"), [("2026-02-28", "2028-02-28"), ("2024-02-29", "2026-02-28")]
)
def test_pipeda_breach_record_kept_24_months(determined, until):
    result = sector_plan(
        {"pipeda"}, discovered=determined, determined=determined, time_zone="America/Toronto"
    )
    assert notice(result, "CA-PIPEDA", "breach_record").deadline == date.fromisoformat(until)
    assert notice(result, "CA-PIPEDA", "commissioner").deadline_kind is DeadlineKind.NO_FIXED_DEADLINE


@pytest.mark.parametrize(("day", "owed"), [("2018-10-31", False), ("2018-11-01", True)])
def test_pipeda_from_2018_11_01(day, owed):
    result = sector_plan({"pipeda"}, discovered=day, determined=day)
    assert (notice(result, "CA-PIPEDA", "commissioner").status is Status.REQUIRED) is owed


# --------------------------------------------------------------------------- profile


def test_without_a_profile_no_sector_rule_is_planned_and_the_plan_says_so():
    result = sector_plan(None, discovered="2026-03-02")
    assert all(absent(result, code) for code in ("SEC-8K", "NYDFS", "EU-GDPR"))
    assert PROFILE_WARNING in result.warnings


def test_a_profile_reaches_only_its_own_rules():
    result = sector_plan({"gdpr"}, discovered="2026-03-02", time_zone="Europe/Berlin")
    assert {o.jurisdiction for o in result.obligations} == {"EU-GDPR"}


def test_a_time_zone_that_is_not_one_is_refused_naming_the_field():
    from notifyplanner.safe_read import InputError

    with pytest.raises(InputError) as err:
        sector_plan({"gdpr"}, discovered="2026-03-02", time_zone="Mars/Olympus")
    assert err.value.field == "time_zone"


@pytest.mark.parametrize(("day", "due"), [("2021-10-29", None), ("2021-11-01", "2021-11-04")])
def test_insurance_wisconsin_3_business_days_from_2021_11_01(day, due):
    """Wis. Stat. § 601.954(1)(b): "no later than 3 business days from the determination"."""
    result = sector_plan({"insurance_licensee"}, determined=day, insurance_domicile="WI")
    ob = notice(result, "INS-WI", "commissioner")
    assert ob.deadline == (date.fromisoformat(due) if due else None)


# --------------------------------------------------------------------------- The other insurance adopters


@pytest.mark.parametrize(
    ("state", "determined", "due"),
    [
        ("CT", "2026-02-11", "2026-02-18"),  # Lincoln's Birthday Thu 02-12 and Washington's Birthday
        ("DE", "2026-10-30", "2026-11-05"),  # Election Day Tue 11-03 is a Delaware holiday
        ("HI", "2026-03-25", "2026-03-31"),  # Prince Kuhio Day Thu 03-26
        ("IA", "2026-02-11", "2026-02-18"),  # Lincoln's Birthday (Iowa Code § 1C.1)
        ("IN", "2026-04-02", "2026-04-08"),  # Good Friday 04-03
        ("MD", "2026-11-25", "2026-12-02"),  # Thanksgiving and the day after
        ("ME", "2026-04-17", "2026-04-23"),  # Patriots' Day Mon 04-20
        ("MN", "2026-11-25", "2026-12-03"),  # five business days; only Thanksgiving skipped
        ("MS", "2026-04-24", "2026-04-30"),  # Confederate Memorial Day Mon 04-27
        ("ND", "2024-11-27", "2024-12-03"),  # three business days before the 2025 change
        ("NH", "2026-11-25", "2026-12-02"),  # Thanksgiving and the day after
        ("OK", "2026-11-25", "2026-12-02"),  # Thanksgiving and the day after
    ],
)
def test_insurance_adopters_count_business_days_on_their_own_holidays(state, determined, due):
    result = sector_plan(
        {"insurance_licensee"}, determined=determined, insurance_domicile=state, reportable=True
    )
    ob = notice(result, f"INS-{state}", "commissioner")
    assert ob.status is Status.REQUIRED and ob.deadline == date.fromisoformat(due)


@pytest.mark.parametrize(
    ("state", "determined", "due"),
    [
        ("CT", "2026-02-10", "2026-02-17"),  # the last day lands the day after Washington's Birthday
        ("HI", "2026-03-24", "2026-03-30"),
        ("ME", "2026-04-16", "2026-04-22"),
    ],
)
def test_insurance_adopters_skip_a_holiday_in_the_middle_of_the_window(state, determined, due):
    ob = notice(
        sector_plan({"insurance_licensee"}, determined=determined, insurance_domicile=state),
        f"INS-{state}",
        "commissioner",
    )
    assert ob.deadline == date.fromisoformat(due)


def test_insurance_kentucky_counts_three_days_not_business_days():
    """KRS 304.3-760: charts say "three days" and "three business days"; the earlier reading is used."""
    ob = notice(
        sector_plan({"insurance_licensee"}, determined="2026-11-25", insurance_domicile="KY"),
        "INS-KY",
        "commissioner",
    )
    assert ob.deadline == date(2026, 11, 28)
    assert "three business days" in ob.notes and "three days" in ob.notes


def test_insurance_north_dakota_counts_72_hours_from_2025_08_01():
    """S.B. 2088 (2025) replaces three business days with seventy-two hours."""
    result = sector_plan(
        {"insurance_licensee"},
        determined_at="2026-03-06T15:00-06:00",
        time_zone="America/Chicago",
        insurance_domicile="ND",
        reportable=True,
    )
    assert notice(result, "INS-ND", "commissioner").deadline_at == at("2026-03-09T16:00-05:00")
    before = sector_plan(
        {"insurance_licensee"}, determined="2025-07-31", insurance_domicile="ND", reportable=True
    )
    ob = notice(before, "INS-ND", "commissioner")
    assert ob.deadline == date(2025, 8, 5) and ob.deadline_at is None


NEW_ADOPTERS = ["CT", "DE", "HI", "IA", "IN", "KY", "MD", "ME", "MN", "MS", "ND", "NH", "OK"]


@pytest.mark.parametrize("state", NEW_ADOPTERS)
@pytest.mark.parametrize(("count", "status"), [(249, Status.NOT_REQUIRED), (250, Status.REQUIRED)])
def test_insurance_adopters_250_or_more_residents_when_domiciled_elsewhere(state, count, status):
    result = sector_plan(
        {"insurance_licensee"},
        determined="2026-04-24",
        residents={state: count},
        insurance_domicile="VA",
        reportable=True,
    )
    assert notice(result, f"INS-{state}", "commissioner").status is status


DOMICILE_NEEDS_HARM = {"IA", "MD", "ND", "NH", "OK"}


@pytest.mark.parametrize("state", NEW_ADOPTERS)
def test_insurance_adopters_domicile_prong(state):
    """The model law owes notice to the home state outright; some states add the harm test to that prong."""
    result = sector_plan(
        {"insurance_licensee"}, determined="2026-04-24", residents={state: 1}, insurance_domicile=state
    )
    ob = notice(result, f"INS-{state}", "commissioner")
    if state in DOMICILE_NEEDS_HARM:
        assert ob.status is Status.UNDETERMINED
        answered = sector_plan(
            {"insurance_licensee"}, determined="2026-04-24", insurance_domicile=state, reportable=False
        )
        assert notice(answered, f"INS-{state}", "commissioner").status is Status.NOT_REQUIRED
    else:
        assert ob.status is Status.REQUIRED


def test_connecticut_insurance_data_security_law_is_effective_october_1_2020():
    """Conn. Gen. Stat. § 38a-38 (P.A. 19-117 § 230, postponed by P.A. 19-196): the General
    Assembly's 2020 supplement heads the section "(Note: This section is effective October 1,
    2020.)". An event determined on 2020-09-30 owes no notice under it; one on 2020-10-01 owes
    notice within 3 business days (Thu 10-01: Fri 10-02, Mon 10-05, Tue 10-06)."""
    before = sector_plan(
        {"insurance_licensee"}, determined="2020-09-30", insurance_domicile="CT", reportable=True
    )
    assert notice(before, "INS-CT", "commissioner").status is Status.NOT_REQUIRED
    on = sector_plan(
        {"insurance_licensee"}, determined="2020-10-01", insurance_domicile="CT", reportable=True
    )
    ob = notice(on, "INS-CT", "commissioner")
    assert ob.status is Status.REQUIRED and ob.deadline == date(2020, 10, 6)


@pytest.mark.parametrize(
    ("state", "first_day"),
    [
        ("CT", "2020-10-01"),  # P.A. 19-196 postponed P.A. 19-117 § 230 to 2020-10-01
        ("DE", "2019-07-31"),
        ("HI", "2021-07-01"),
        ("IA", "2022-01-01"),
        ("IN", "2021-07-01"),
        ("KY", "2023-01-01"),
        ("MD", "2022-10-01"),
        ("ME", "2022-01-01"),
        ("MN", "2021-08-01"),  # the earlier of 2021-08-01 and 2022-08-01
        ("MS", "2019-07-01"),
        ("ND", "2021-03-23"),  # the earliest date sources give
        ("NH", "2020-01-01"),
        ("OK", "2024-07-01"),
    ],
)
def test_insurance_adopters_in_force_from_their_effective_date(state, first_day):
    first = date.fromisoformat(first_day)
    for day, owed in ((first.fromordinal(first.toordinal() - 1), False), (first, True)):
        result = sector_plan(
            {"insurance_licensee"}, determined=day.isoformat(), insurance_domicile=state, reportable=True
        )
        assert (notice(result, f"INS-{state}", "commissioner").status is Status.REQUIRED) is owed, day


# --------------------------------------------------------------------------- 8-K AG delay


def test_8k_under_an_attorney_general_delay_is_due_four_business_days_after_the_delay_ends():
    """Item 1.05(c): the registrant may delay "if the United States Attorney General determines
    that disclosure poses a substantial risk to national security or public safety"; the report
    is then due four business days after the delay period ends. Delay ends Wed 2026-12-30:
    Thu 12-31, (New Year's Day Fri 01-01 skipped), Mon 01-04, Tue 01-05, Wed 01-06."""
    ob = notice(
        sector_plan(
            {"public_company"},
            materiality_determined="2026-11-24",
            sec_ag_delay_until="2026-12-30",
            time_zone=NY,
        ),
        "SEC-8K",
        "sec",
    )
    assert ob.deadline == date(2027, 1, 6)
    assert ob.deadline_at == at("2027-01-06T17:30-05:00")  # the EDGAR cut-off still applies
    assert "Attorney General" in ob.basis and "2026-12-30" in ob.basis and "2026-12-01" in ob.basis


def test_8k_without_a_delay_is_not_moved_by_one():
    ob = notice(sector_plan({"public_company"}, materiality_determined="2026-11-24"), "SEC-8K", "sec")
    assert ob.deadline == date(2026, 12, 1) and "Attorney General" not in ob.basis


def test_8k_delay_that_ends_too_early_to_postpone_leaves_the_undelayed_date():
    """The delay runs from the date the report was otherwise due; it never brings the date forward."""
    ob = notice(
        sector_plan({"public_company"}, materiality_determined="2026-11-24", sec_ag_delay_until="2026-11-24"),
        "SEC-8K",
        "sec",
    )
    assert ob.deadline == date(2026, 12, 1)
    assert "this date stands" in ob.basis


def test_8k_delay_past_120_days_says_it_needs_an_exemptive_order():
    ob = notice(
        sector_plan({"public_company"}, materiality_determined="2026-01-05", sec_ag_delay_until="2026-06-30"),
        "SEC-8K",
        "sec",
    )
    assert ob.deadline == date(2026, 7, 7)  # Wed 07-01, Thu 07-02, (Fri 07-03 observed skipped), Mon, Tue
    assert "exemptive order" in ob.basis


def test_8k_skips_the_2025_01_09_day_of_mourning_when_federal_offices_and_edgar_closed():
    """Executive Order 14133 closed every executive department on Thursday 2025-01-09; the SEC
    treats such a closure as a federal holiday for filing purposes. Determined Tue 01-07: Wed 01-08,
    (Thu 01-09 closed), Fri 01-10, Mon 01-13, Tue 01-14."""
    ob = notice(
        sector_plan({"public_company"}, materiality_determined="2025-01-07", time_zone=NY), "SEC-8K", "sec"
    )
    assert ob.deadline == date(2025, 1, 14)
    assert ob.deadline_at == at("2025-01-14T17:30-05:00")


def test_the_day_of_mourning_is_one_day_only_not_every_year():
    """Determined Tue 2026-01-06: Wed 07, Thu 08, Fri 09, Mon 12 (2026-01-08 is an ordinary day)."""
    ob = notice(sector_plan({"public_company"}, materiality_determined="2026-01-06"), "SEC-8K", "sec")
    assert ob.deadline == date(2026, 1, 12)
