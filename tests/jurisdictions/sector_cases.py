"""A small vocabulary for sector and foreign statute cases (issue 13).

result = sector_plan({"nydfs_covered_entity"}, determined_at="2026-03-06T15:00-05:00", time_zone="America/New_York")
notice(result, "NYDFS", "superintendent").deadline_at == datetime(...)
"""

from __future__ import annotations

from datetime import date, datetime

from notifyplanner.engine import plan
from notifyplanner.model import Circumstance, DataElement, Incident, Obligation, Plan, Sector
from tests.jurisdictions.statute import rulebook


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def sector_plan(
    sectors: set[str] | None,
    *,
    discovered: str | None = None,
    determined: str | None = None,
    discovered_at: str | None = None,
    determined_at: str | None = None,
    materiality_determined: str | None = None,
    sec_ag_delay_until: str | None = None,
    ransom_paid_at: str | None = None,
    time_zone: str | None = None,
    residents: dict[str, int | None] | None = None,
    total_affected: int | None = None,
    insurance_domicile: str | None = None,
    reportable: bool | None = None,
) -> Plan:
    """Plan an incident for an entity with ``sectors``; bare dates default to the instants' days."""
    if discovered is None:
        discovered = (
            (discovered_at or determined_at or "")[:10]
            or determined
            or materiality_determined
            or "2026-03-02"
        )
    circumstances = {} if reportable is None else {Circumstance.INSURANCE_EVENT_REPORTABLE: reportable}
    incident = Incident(
        name="sector statute case",
        discovered=_day(discovered),
        determined=_day(determined or ((determined_at or "")[:10] or None)),
        discovered_at=_instant(discovered_at),
        determined_at=_instant(determined_at),
        materiality_determined=_day(materiality_determined),
        sec_ag_delay_until=_day(sec_ag_delay_until),
        ransom_paid_at=_instant(ransom_paid_at),
        time_zone=time_zone,
        data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
        residents=residents or {},
        total_affected=total_affected,
        sectors=None if sectors is None else frozenset(Sector(s) for s in sectors),
        insurance_domicile=insurance_domicile,
        circumstances=circumstances,
    )
    return plan(incident, rulebook())


def notice(result: Plan, code: str, obligation_id: str) -> Obligation:
    found = [o for o in result.obligations if o.jurisdiction == code and o.obligation_id == obligation_id]
    assert len(found) == 1, [o.key for o in result.obligations]
    return found[0]


def absent(result: Plan, code: str) -> bool:
    return not any(o.jurisdiction == code for o in result.obligations)
