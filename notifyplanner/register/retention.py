"""How long a case's records must be kept, and so the earliest day they may be deleted.

HIPAA: a covered entity keeps the documentation it must make (here: every breach notice,
decision and the proof behind them, which 45 CFR 164.414(b) makes it able to produce) "for
six years from the date of its creation or the date when it last was in effect, whichever
is later" (45 CFR 164.530(j)(2)). A case's records are in effect until the last of them is
made, so the clock runs from the latest record date: the last saved facts, notice or
decision, never from the first. Where a state's rule file gives its own period the longer
one wins; none of the bundled rule files gives one yet (the few state documentation rules,
e.g. New Jersey's five years for a no-harm determination, N.J. Stat. 56:8-163(a), are
shorter than HIPAA's six), so callers pass ``years`` when a rule file gains one.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

HIPAA_RETENTION_YEARS = 6
HIPAA_RETENTION_CITE = "45 CFR § 164.530(j)(2)"


def retain_until(created: date, last_record: date, years: int = HIPAA_RETENTION_YEARS) -> date:
    """The first day the records may be deleted: ``years`` after the later of ``created`` and
    ``last_record``. From 29 February the anniversary in a common year is taken as 1 March,
    not 28 February: the later day never lets records go before the full period has run."""
    start = max(created, last_record)
    end = start + relativedelta(years=years)
    if (start.month, start.day) == (2, 29) and end.day == 28:
        end += relativedelta(days=1)
    return end


def retention_basis(hipaa_applies: bool) -> str:
    """Why the case is kept as long as it is, in words for the case header."""
    if hipaa_applies:
        return f"six years from the latest record ({HIPAA_RETENTION_CITE})"
    return (
        "six years from the latest record: the register keeps HIPAA's period "
        f"({HIPAA_RETENTION_CITE}) for every case; no rule in this plan sets one"
    )


def may_delete(retain: date | None, today: date) -> bool:
    """True from ``retain`` on; a case with no retention date may always go."""
    return retain is None or today >= retain


__all__ = ["HIPAA_RETENTION_CITE", "HIPAA_RETENTION_YEARS", "may_delete", "retain_until", "retention_basis"]
