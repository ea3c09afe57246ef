"""A small vocabulary for statute cases, so each test reads like the section it checks.

plan = plan_for("TX", discovered="2024-03-01", determined="2024-03-05", residents=250)
ag = notice(plan, "TX", "attorney_general")
assert ag.status is Status.REQUIRED and ag.deadline == date(2024, 4, 4)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from notifyplanner.engine import plan
from notifyplanner.model import (
    Circumstance,
    CreditMonitoringDuty,
    DataElement,
    Decision,
    DecisionKind,
    EntityAttribute,
    EntityRole,
    Incident,
    LawEnforcementDelay,
    Obligation,
    Plan,
    Rulebook,
)
from notifyplanner.rulebook import load_rulebook

RULES_DIR = Path(__file__).resolve().parents[2] / "jurisdictions"


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    return load_rulebook(RULES_DIR)


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def plan_for(
    code: str,
    *,
    discovered: str | date,
    residents: int | dict[str, int | None] | None = 1000,
    role: str = "business",
    elements: tuple[str, ...] = ("name", "ssn"),
    determined: str | date | None = None,
    vendor_notice: str | date | None = None,
    individuals_notified: str | date | None = None,
    hhs_notified: str | date | None = None,
    total_affected: int | None = None,
    encrypted: bool = False,
    key_compromised: bool = False,
    source_of_breach: bool | None = True,
    law_enforcement: LawEnforcementDelay | None = None,
    attributes: dict[str, bool] | None = None,
    circumstances: dict[str, bool] | None = None,
    decisions: tuple[Decision, ...] = (),
) -> Plan:
    """Plan one incident; ``residents`` as an int means that many residents of ``code``."""
    counts = residents if isinstance(residents, dict) else {code: residents}
    incident = Incident(
        name=f"statute case {code}",
        entity_role=EntityRole(role),
        discovered=_day(discovered),
        determined=_day(determined),
        vendor_notice=_day(vendor_notice),
        individuals_notified=_day(individuals_notified),
        hhs_notified=_day(hhs_notified),
        data_elements=frozenset(DataElement(e) for e in elements),
        encrypted=encrypted,
        key_compromised=key_compromised,
        source_of_breach=source_of_breach,
        residents=counts,
        total_affected=total_affected,
        law_enforcement_delay=law_enforcement,
        entity_attributes={EntityAttribute(k): v for k, v in (attributes or {}).items()},
        circumstances={Circumstance(k): v for k, v in (circumstances or {}).items()},
        decisions=decisions,
    )
    return plan(incident, rulebook())


def no_harm(
    scope: str, day: str | None, consulted: bool | None = True, conclusion: str = "no_notice"
) -> Decision:
    """A state risk-of-harm determination, as the incident file records it."""
    return Decision(
        scope=scope,
        kind=DecisionKind.NO_RISK_OF_HARM,
        conclusion=conclusion,
        date=_day(day),
        by="General Counsel",
        consulted_law_enforcement=consulted,
    )


def four_factor(day: str, conclusion: str = "no_notice") -> Decision:
    """A HIPAA four-factor risk assessment (45 CFR 164.402(2))."""
    return Decision(scope="HIPAA", kind=DecisionKind.HIPAA_FOUR_FACTOR, conclusion=conclusion, date=_day(day))


def notice(plan_: Plan, code: str, obligation_id: str) -> Obligation:
    """The one obligation ``code/obligation_id`` in the plan; fails loudly if absent."""
    found = [o for o in plan_.obligations if o.jurisdiction == code and o.obligation_id == obligation_id]
    assert len(found) == 1, (
        f"expected one {code}/{obligation_id}, found {len(found)}: "
        f"{sorted(o.key for o in plan_.obligations if o.jurisdiction == code)}"
    )
    return found[0]


def has_notice(plan_: Plan, code: str, obligation_id: str) -> bool:
    return any(o.jurisdiction == code and o.obligation_id == obligation_id for o in plan_.obligations)


def monitoring(plan_: Plan, code: str) -> list[CreditMonitoringDuty]:
    return [d for d in plan_.credit_monitoring if d.jurisdiction == code]
