"""The incident's instants and entity profile (issue 13), read strictly.

Kept apart from ``incident_file.py`` so the format's core stays small. All optional: an
older file without them reads as "no times recorded, profile not given", and every sector
rule then says which question it needs answered instead of guessing.

- ``discovered_at``, ``determined_at``, ``ransom_paid_at``: ISO 8601 date-times with a UTC
  offset (an hour without one is refused; it does not fix the instant). Where the bare date
  is also given, the instant's day in ``time_zone`` must be that date.
- ``materiality_determined``: the date the registrant determined the incident material (8-K).
- ``sec_ag_delay_until``: the last day of the 8-K delay period named in the U.S. Attorney
  General's written notice to the Commission (Item 1.05(c)); the 8-K is then due four business
  days after it. Only with ``materiality_determined``, and not before it.
- ``time_zone``: an IANA name; it reads a bare date's day and shows every instant.
- ``sectors``: the profile, a list of ``Sector`` names; absent or null: not given yet.
- ``insurance_domicile``: the insurance licensee's home state (USPS code) or null.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from notifyplanner.instants import local_date, parse_instant, zone
from notifyplanner.model import Incident, Sector

INSTANT_FIELDS = ("discovered_at", "determined_at", "ransom_paid_at")
PROFILE_FIELDS = (
    *INSTANT_FIELDS,
    "materiality_determined",
    "sec_ag_delay_until",
    "time_zone",
    "sectors",
    "insurance_domicile",
)
# An instant and the bare date it must agree with.
_PAIRS = (("discovered_at", "discovered"), ("determined_at", "determined"))

DateReader = Callable[[Any, str], "date | None"]


def _instant(raw: Any, field: str, read_date: DateReader, error: Callable[..., Exception]) -> datetime | None:
    if raw is None:
        return None
    try:
        instant = parse_instant(raw)
    except ValueError as exc:
        raise error(field, str(exc)) from None
    read_date(instant.date().isoformat(), field)  # the date window applies to instants too
    return instant


def profile_from_dict(
    data: dict[str, Any], read_date: DateReader, error: Callable[..., Exception]
) -> dict[str, Any]:
    """The optional instants and profile, validated; raises ``error(field, message)``."""
    tz = data.get("time_zone")
    if tz is not None:
        try:
            zone(tz)
        except ValueError as exc:
            raise error("time_zone", str(exc)) from None
    out: dict[str, Any] = {f: _instant(data.get(f), f, read_date, error) for f in INSTANT_FIELDS}
    out["materiality_determined"] = read_date(data.get("materiality_determined"), "materiality_determined")
    out["sec_ag_delay_until"] = read_date(data.get("sec_ag_delay_until"), "sec_ag_delay_until")
    out["time_zone"] = tz
    raw_sectors = data.get("sectors")
    sectors = None
    if raw_sectors is not None:
        if not isinstance(raw_sectors, list):
            raise error("sectors", "expected a list of sector names, or null when not answered")
        sectors = set()
        for i, name in enumerate(raw_sectors):
            try:
                sectors.add(Sector(name))
            except (ValueError, TypeError):
                known = ", ".join(s.value for s in Sector)
                raise error(f"sectors[{i}]", f"unknown sector (known: {known})") from None
        sectors = frozenset(sectors)
    out["sectors"] = sectors
    domicile = data.get("insurance_domicile")
    if domicile is not None:
        from notifyplanner.places import JURISDICTIONS

        if not isinstance(domicile, str) or domicile not in JURISDICTIONS:
            raise error("insurance_domicile", "expected a USPS code (e.g. VA) or null")
    out["insurance_domicile"] = domicile
    return out


def profile_problems(incident: Incident) -> list[tuple[str, str]]:
    """Instants that disagree with their dates, or with each other: (field, message)."""
    out: list[tuple[str, str]] = []
    for instant_field, date_field in _PAIRS:
        instant, day = getattr(incident, instant_field), getattr(incident, date_field)
        if instant is None or day is None:
            continue
        local = local_date(instant, incident.time_zone)
        if local != day:
            where = f"in {incident.time_zone}" if incident.time_zone else "at its own offset"
            out.append(
                (
                    instant_field,
                    f"falls on {local.isoformat()} {where}, but {date_field} is {day.isoformat()}",
                )
            )
    if incident.discovered_at and incident.determined_at and incident.determined_at < incident.discovered_at:
        out.append(("determined_at", "the breach cannot be determined before it was discovered"))
    delay, material = incident.sec_ag_delay_until, incident.materiality_determined
    if delay is not None and material is None:
        out.append(
            ("sec_ag_delay_until", "an 8-K delay needs the materiality determination date it postpones")
        )
    elif delay is not None and material is not None and delay < material:
        out.append(("sec_ag_delay_until", "the 8-K delay cannot end before the materiality determination"))
    sectors = incident.sectors or frozenset()
    if Sector.SMALLER_REPORTING_COMPANY in sectors and Sector.PUBLIC_COMPANY not in sectors:
        out.append(("sectors", "a smaller reporting company is a public company: add public_company"))
    if Sector.SEC_LARGER_ENTITY in sectors and Sector.SEC_COVERED_INSTITUTION not in sectors:
        out.append(("sectors", "sec_larger_entity needs sec_covered_institution"))
    return out


def profile_to_dict(incident: Incident) -> dict[str, Any]:
    """Only what was given: a file without times or a profile stays as it was."""
    out: dict[str, Any] = {}
    for f in INSTANT_FIELDS:
        value = getattr(incident, f)
        if value is not None:
            out[f] = value.isoformat()
    if incident.materiality_determined is not None:
        out["materiality_determined"] = incident.materiality_determined.isoformat()
    if incident.sec_ag_delay_until is not None:
        out["sec_ag_delay_until"] = incident.sec_ag_delay_until.isoformat()
    if incident.time_zone is not None:
        out["time_zone"] = incident.time_zone
    if incident.sectors is not None:
        out["sectors"] = sorted(s.value for s in incident.sectors)
    if incident.insurance_domicile is not None:
        out["insurance_domicile"] = incident.insurance_domicile
    return out
