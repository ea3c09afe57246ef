"""Write a list's counts into an incident file: residents, the people not placed, the list.

Why a module of its own: counting a list (notifyplanner.roster) and changing the user's
incident file are separate jobs with separate failure modes; this one must never leave a
half-written incident and never lower a total the user entered.

How ``total_affected`` combines with the counts (issue 12). Everyone on the list is an
affected person: the residents of the 54 planning jurisdictions plus the people the list
places in none of them (``unplaced``: military APO/FPO, other US areas, abroad by country,
unreadable, blank). So the total is at least residents + unplaced:

* no total entered (null): it stays null, and the plan takes residents + unplaced;
* a total entered and at least what was counted: it is kept (the user may know of people
  who are not on the list), and the difference is shown;
* a total entered below what was counted: it is raised to the count, and the caller is
  told (the file would otherwise state fewer people than its own counts).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notifyplanner.incident_counts import source_to_dict, unplaced_to_dict
from notifyplanner.incident_file import atomic_write_bytes
from notifyplanner.model import CountsSource, Unplaced
from notifyplanner.places import ALL_USPS_CODES, JURISDICTIONS, MILITARY_CODES
from notifyplanner.roster import RosterCount, RosterError
from notifyplanner.safe_read import InputError, parse_json, read_text

__all__ = ["WrittenCounts", "counts_source", "new_total", "write_counts_into_incident"]


@dataclass(frozen=True)
class WrittenCounts:
    """What went into the incident: for the caller's message."""

    residents: int  # people written under residents (the 54)
    unplaced: Unplaced
    total_before: int | None  # total_affected as it was
    total_after: int | None  # total_affected as written (None: residents + unplaced)

    @property
    def counted(self) -> int:
        return self.residents + self.unplaced.total


def new_total(entered: int | None, counted: int) -> int | None:
    """The total affected after an import: never lowered, never below the count."""
    if entered is None:
        return None
    return max(entered, counted)


def counts_source(result: RosterCount) -> CountsSource | None:
    """The list's identity for the incident; None when the count carries no hash."""
    if not result.sha256 or result.counted_at is None:
        return None
    return CountsSource(
        file=Path(result.file).name,
        sha256=result.sha256,
        rows=result.rows,
        counted_at=result.counted_at,
        empty_rows=result.empty_rows,
    )


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError(f"duplicate key {k!r}")
        seen[k] = v
    return seen


def _from_mapping(source: Mapping[str, int]) -> Unplaced:
    return Unplaced(
        military={c: int(n) for c, n in source.items() if c in MILITARY_CODES},
        other_us={c: int(n) for c, n in source.items() if c not in JURISDICTIONS and c not in MILITARY_CODES},
    )


def write_counts_into_incident(
    counts: RosterCount | Mapping[str, int], incident_path: str | os.PathLike[str]
) -> WrittenCounts:
    """Replace the incident file's residents, unplaced and counts_source with a list's.

    The 54 planning jurisdictions are written with zeros included (the list was counted,
    so a jurisdiction with no row has no affected resident on it); everyone else on the
    list goes under "unplaced"; "counts_source" records the list's name, SHA-256, rows and
    when it was counted (a plain mapping of counts has no source: an older one is
    removed, since it no longer describes the counts). ``total_affected`` follows the rule
    in this module's docstring. Every other key is kept as it was. The write is the
    incident file's own atomic write, so a crash never leaves a half-written incident.

    Raises RosterError naming the incident file when it is missing or not a JSON object.
    """
    path = Path(incident_path)
    name = path.name
    source = counts.counts if isinstance(counts, RosterCount) else counts
    unknown = [c for c in source if c not in ALL_USPS_CODES]
    if unknown:
        raise RosterError(f"{name}: unknown jurisdiction codes {', '.join(sorted(unknown))}")
    try:
        text = read_text(path, "incident file")  # as read_incident reads it
    except InputError as exc:
        if exc.message == "no such file":
            raise RosterError(f"{name}: no such incident file") from None
        raise RosterError(f"{name}: cannot read the incident file ({exc.message})") from None
    try:
        doc = parse_json(text, name, object_pairs_hook=_reject_duplicates)
    except (InputError, ValueError) as exc:
        raise RosterError(f"{name}: not a valid incident file; expected JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise RosterError(f"{name}: not a valid incident file; expected a JSON object")

    residents = {code: int(source.get(code, 0)) for code in JURISDICTIONS}
    if isinstance(counts, RosterCount):
        unplaced, origin = counts.unplaced, counts_source(counts)
    else:
        unplaced, origin = _from_mapping(source), None
    entered = doc.get("total_affected")
    if isinstance(entered, bool) or not isinstance(entered, int):
        entered = None  # null, absent, or not a number: the reader reports the latter
        after = doc.get("total_affected")
    else:
        after = new_total(entered, sum(residents.values()) + unplaced.total)
    doc["residents"] = residents
    doc["total_affected"] = after
    doc.pop("unplaced", None)
    doc.pop("counts_source", None)
    if unplaced:
        doc["unplaced"] = unplaced_to_dict(unplaced)
    if origin is not None:
        doc["counts_source"] = source_to_dict(origin)
    out = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, out.encode("utf-8"))
    return WrittenCounts(
        residents=sum(residents.values()),
        unplaced=unplaced,
        total_before=entered,
        total_after=after if isinstance(after, int) and not isinstance(after, bool) else None,
    )
