"""The HHS annual log of small breaches (45 CFR 164.408(c)).

A covered entity logs every breach of unsecured PHI involving fewer than 500 individuals
and reports those discovered in a calendar year to the Secretary "not later than 60 days
after the end of each calendar year". The due date is computed, never looked up: 60 days
after 31 December is 1 March, or 29 February after a leap year's January
(2027-03-01 for 2026, 2024-02-29 for 2023).
"""

from __future__ import annotations

from datetime import date, timedelta

HHS_ANNUAL_KEY = "HIPAA/hhs_annual"  # the plan's obligation for the annual report
HHS_ANNUAL_DAYS = 60
HHS_ANNUAL_CITE = "45 CFR § 164.408(c)"


def hhs_log_due(year: int) -> date:
    """The last day to submit the log of breaches discovered in ``year``."""
    return date(year, 12, 31) + timedelta(days=HHS_ANNUAL_DAYS)


__all__ = ["HHS_ANNUAL_CITE", "HHS_ANNUAL_DAYS", "HHS_ANNUAL_KEY", "hhs_log_due"]
