"""Plans for a fixed set of scenarios per jurisdiction, as stable text.

Committed under tests/snapshots/ and compared by a test, so any change to a rule file,
the engine or the holiday data shows up in review as a readable diff of dates and
statuses, not as a surprise in a client's plan. Regenerate with
``python scripts/snapshot_plans.py`` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from notifyplanner.engine import plan
from notifyplanner.model import Circumstance, DataElement, EntityRole, Incident, Jurisdiction, Rulebook
from notifyplanner.report import deadline_text
from notifyplanner.rulebook import SECTOR_KINDS


@dataclass(frozen=True)
class Scenario:
    label: str
    incident: Incident


def scenarios(j: Jurisdiction) -> Iterator[Scenario]:
    """A handful of incidents that exercise each notice and each version boundary."""
    if j.kind in SECTOR_KINDS:
        yield from sector_scenarios(j)
        return
    base = dict(
        name=f"snapshot {j.code}",
        entity_role=EntityRole.BUSINESS,
        discovered=date(2025, 6, 2),
        determined=date(2025, 6, 9),
        data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
        source_of_breach=True,
    )
    code = j.code
    yield Scenario("business, name+ssn, 1,000 residents", Incident(**base, residents={code: 1000}))
    yield Scenario("business, name+ssn, 100 residents", Incident(**base, residents={code: 100}))
    yield Scenario("business, name+ssn, 20,000 residents", Incident(**base, residents={code: 20_000}))
    yield Scenario(
        "covered entity, name+medical, 5,000 residents",
        Incident(
            **{
                **base,
                "entity_role": EntityRole.COVERED_ENTITY,
                "data_elements": frozenset({DataElement.NAME, DataElement.MEDICAL}),
            },
            residents={code: 5000},
        ),
    )
    yield Scenario(
        "business associate, name+ssn, 1,000 residents",
        Incident(**{**base, "entity_role": EntityRole.BUSINESS_ASSOCIATE}, residents={code: 1000}),
    )
    yield Scenario("business, name+ssn, count unknown", Incident(**base, residents={code: None}))
    for version in j.versions:
        if version.effective_from < date(2018, 1, 1):
            continue
        for day in (version.effective_from - timedelta(days=1), version.effective_from):
            yield Scenario(
                f"version boundary {version.effective_from.isoformat()}: discovered {day.isoformat()}",
                Incident(**{**base, "discovered": day, "determined": day}, residents={code: 1000}),
            )
        if version.in_force_at is not None:
            # A version chosen by a later event: discovered before the boundary, that
            # event on each side of it.
            found = version.effective_from - timedelta(days=7)
            for day in (version.effective_from - timedelta(days=1), version.effective_from):
                yield Scenario(
                    f"version boundary {version.effective_from.isoformat()}: discovered {found.isoformat()}, "
                    f"{version.in_force_at.event.value} {day.isoformat()}",
                    Incident(**{**base, "discovered": found, "determined": day}, residents={code: 1000}),
                )


def sector_scenarios(j: Jurisdiction) -> Iterator[Scenario]:
    """A sector rule's notices for an entity with every sector its file names, on dates,
    on instants across the spring daylight-saving change, and at each version boundary."""
    sectors = frozenset(
        s for v in j.versions for o in v.obligations for s in o.trigger.sectors | o.trigger.also_sectors
    )
    state = j.code[4:] if j.code.startswith("INS-") else None
    base = dict(
        name=f"snapshot {j.code}",
        entity_role=EntityRole.BUSINESS,
        discovered=date(2026, 3, 6),
        determined=date(2026, 3, 6),
        materiality_determined=date(2026, 3, 6),
        data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
        residents={state: 300} if state else {},
        total_affected=1000,
        time_zone="America/New_York",
        sectors=sectors,
        insurance_domicile=state,
        circumstances={Circumstance.INSURANCE_EVENT_REPORTABLE: True},
    )
    yield Scenario("profile with every sector this rule names; dates only", Incident(**base))
    instant = datetime(2026, 3, 6, 15, 0, tzinfo=timezone(timedelta(hours=-5)))
    yield Scenario(
        "same, with times: determined and paid 2026-03-06 15:00 -05:00",
        Incident(**{**base, "discovered_at": instant, "determined_at": instant, "ransom_paid_at": instant}),
    )
    yield Scenario("profile not given", Incident(**{**base, "sectors": None}))
    for version in j.versions:
        for day in (version.effective_from - timedelta(days=1), version.effective_from):
            yield Scenario(
                f"version boundary {version.effective_from.isoformat()}: events on {day.isoformat()}",
                Incident(**{**base, "discovered": day, "determined": day, "materiality_determined": day}),
            )


def snapshot_text(rulebook: Rulebook, code: str) -> str:
    j = rulebook.jurisdictions[code]
    lines = [f"# {code} ({j.name}): generated by scripts/snapshot_plans.py; do not edit by hand"]
    for scenario in scenarios(j):
        result = plan(scenario.incident, rulebook)
        lines.append("")
        lines.append(f"## {scenario.label}")
        for ob in result.obligations:
            if ob.jurisdiction != code:
                continue
            send = f" send-by {ob.practical_send_by.isoformat()}" if ob.practical_send_by else ""
            if ob.deadline_at is not None:
                send += f" at {ob.deadline_at.isoformat()}"
            lines.append(
                f"{ob.obligation_id}: {ob.status.value}; {deadline_text(ob)} ({ob.deadline_kind.value}){send}; "
                f"rule {ob.effective_from.isoformat()}"
            )
        for duty in result.credit_monitoring:
            if duty.jurisdiction == code:
                lines.append(f"credit monitoring: {duty.status.value}; {duty.months} months")
    return "\n".join(lines) + "\n"
