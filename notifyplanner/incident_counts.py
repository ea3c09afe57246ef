"""The incident's counts from a list: people not placed in a jurisdiction, and the list.

Kept apart from ``incident_file.py`` like ``incident_facts.py``: two optional fields,
written by ``roster count --into`` and the app's Import from list, read as strictly as the
rest of the file. Only counts and the list's identity are stored, never a person's data.

``unplaced``: {"military": {"AE": 12}, "other_us": {"AS": 1}, "foreign": {"CA": 15,
"unknown": 2}, "unreadable": 5, "blank": 3}; every key optional.
``counts_source``: {"file": "list.csv", "sha256": "<64 hex>", "rows": 3942,
"empty_rows": 0, "counted_at": "2026-12-03T10:35:08Z"}.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from notifyplanner.countries import COUNTRIES, UNKNOWN_COUNTRY
from notifyplanner.model import CountsSource, Incident, Unplaced
from notifyplanner.places import MILITARY_CODES, OTHER_USPS_CODES
from notifyplanner.safe_read import check_date

COUNT_FIELDS = ("unplaced", "counts_source")
_UNPLACED_KEYS = ("military", "other_us", "foreign", "unreadable", "blank")
_SOURCE_KEYS = ("file", "sha256", "rows", "empty_rows", "counted_at")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_OTHER_US = frozenset(OTHER_USPS_CODES) - MILITARY_CODES

ErrorFn = Callable[[str, str], Exception]


def _people(value: Any, field: str, error: ErrorFn, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise error(field, f"expected a whole number of people (0 to {limit:,}), got {value!r}"[:300])
    return value


def _by_key(
    raw: Any, field: str, allowed: frozenset[str], what: str, error: ErrorFn, limit: int
) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise error(field, f"expected an object: {what} -> number of people")
    out = {}
    for key, value in raw.items():
        if key not in allowed:
            raise error(f"{field}.{str(key)[:20]}", f"not {what}")
        out[key] = _people(value, f"{field}.{key}", error, limit)
    return out


def unplaced_from_dict(raw: Any, error: ErrorFn, limit: int) -> Unplaced:
    if raw is None:
        return Unplaced()
    if not isinstance(raw, dict):
        raise error("unplaced", "expected an object with military, other_us, foreign, unreadable, blank")
    unknown = sorted(set(raw) - set(_UNPLACED_KEYS))
    if unknown:
        raise error(f"unplaced.{unknown[0][:20]}", f"unknown field (known: {', '.join(_UNPLACED_KEYS)})")
    return Unplaced(
        military=_by_key(
            raw.get("military"),
            "unplaced.military",
            MILITARY_CODES,
            "a military code (AA, AE, AP)",
            error,
            limit,
        ),
        other_us=_by_key(
            raw.get("other_us"),
            "unplaced.other_us",
            _OTHER_US,
            "a US area code (AS, MP, FM, MH, PW)",
            error,
            limit,
        ),
        foreign=_by_key(
            raw.get("foreign"),
            "unplaced.foreign",
            frozenset(COUNTRIES) | {UNKNOWN_COUNTRY},
            f'an ISO 3166-1 country code (e.g. CA, DE) or "{UNKNOWN_COUNTRY}"',
            error,
            limit,
        ),
        unreadable=_people(raw.get("unreadable", 0), "unplaced.unreadable", error, limit),
        blank=_people(raw.get("blank", 0), "unplaced.blank", error, limit),
    )


def parse_stamp(value: Any, field: str, error: ErrorFn) -> datetime:
    """A UTC timestamp written as YYYY-MM-DDTHH:MM:SSZ, inside the program's date window."""
    if not isinstance(value, str) or not _STAMP.match(value):
        raise error(field, f"expected a time as YYYY-MM-DDTHH:MM:SSZ (UTC), got {value!r}"[:300])
    try:
        stamp = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise error(field, f"not a real time: {value!r}") from None
    try:
        check_date(stamp.date(), field)
    except Exception as exc:  # InputError: re-raised as the caller's error kind
        raise error(field, getattr(exc, "message", str(exc))) from None
    return stamp


def stamp_text(stamp: datetime) -> str:
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def source_from_dict(raw: Any, error: ErrorFn, limit: int) -> CountsSource | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise error("counts_source", "expected an object with file, sha256, rows, counted_at")
    unknown = sorted(set(raw) - set(_SOURCE_KEYS))
    if unknown:
        raise error(f"counts_source.{unknown[0][:20]}", f"unknown field (known: {', '.join(_SOURCE_KEYS)})")
    for key in ("file", "sha256", "rows", "counted_at"):
        if key not in raw:
            raise error(f"counts_source.{key}", "missing")
    file = raw["file"]
    if not isinstance(file, str) or not file.strip() or len(file) > 255 or "/" in file or "\\" in file:
        raise error("counts_source.file", "expected the list's file name (no folder, at most 255 characters)")
    sha = raw["sha256"]
    if not isinstance(sha, str) or not _SHA256.match(sha):
        raise error("counts_source.sha256", "expected 64 lower-case hexadecimal digits")
    return CountsSource(
        file=file,
        sha256=sha,
        rows=_people(raw["rows"], "counts_source.rows", error, limit),
        counted_at=parse_stamp(raw["counted_at"], "counts_source.counted_at", error),
        empty_rows=_people(raw.get("empty_rows", 0), "counts_source.empty_rows", error, limit),
    )


def counts_from_dict(data: Mapping[str, Any], error: ErrorFn, limit: int) -> dict[str, Any]:
    """The two optional fields, validated; raises ``error(field, message)``."""
    return {
        "unplaced": unplaced_from_dict(data.get("unplaced"), error, limit),
        "counts_source": source_from_dict(data.get("counts_source"), error, limit),
    }


def unplaced_to_dict(unplaced: Unplaced) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("military", "other_us", "foreign"):
        values = getattr(unplaced, key)
        if values:
            out[key] = dict(sorted(values.items()))
    for key in ("unreadable", "blank"):
        if getattr(unplaced, key):
            out[key] = getattr(unplaced, key)
    return out


def source_to_dict(source: CountsSource) -> dict[str, Any]:
    return {
        "file": source.file,
        "sha256": source.sha256,
        "rows": source.rows,
        "empty_rows": source.empty_rows,
        "counted_at": stamp_text(source.counted_at),
    }


def counts_to_dict(incident: Incident) -> dict[str, Any]:
    """Written only when present, so files without an imported list stay as they were."""
    out: dict[str, Any] = {}
    if incident.unplaced:
        out["unplaced"] = unplaced_to_dict(incident.unplaced)
    if incident.counts_source is not None:
        out["counts_source"] = source_to_dict(incident.counts_source)
    return out


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def unplaced_words(unplaced: Unplaced) -> str:
    """The unplaced people as a person reads them, each heading with its parts:
    "17 military (AE 12, AP 5); 20 abroad (Canada 15, country not named 5); 5 unreadable"."""
    from notifyplanner.countries import country_name

    parts = []

    def by(values: Mapping[str, int], name: Callable[[str], str]) -> str:
        return ", ".join(
            f"{name(k)} {n:,}" for k, n in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    if unplaced.military:
        parts.append(f"{sum(unplaced.military.values()):,} military, APO/FPO ({by(unplaced.military, str)})")
    if unplaced.other_us:
        parts.append(
            f"{sum(unplaced.other_us.values()):,} in US areas without a planning rule "
            f"({by(unplaced.other_us, lambda c: OTHER_USPS_CODES.get(c, c))})"
        )
    if unplaced.foreign:
        parts.append(f"{sum(unplaced.foreign.values()):,} abroad ({by(unplaced.foreign, country_name)})")
    if unplaced.unreadable:
        parts.append(f"{unplaced.unreadable:,} with a state and ZIP that name no place")
    if unplaced.blank:
        parts.append(_plural(unplaced.blank, "with no state and no ZIP", "with no state and no ZIP"))
    return "; ".join(parts)


def totals_words(incident: Incident) -> str:
    """How the total affected is made up: counted residents, people not placed, and the
    difference from a total entered by hand. One line, for every view of a plan."""
    known = sum(c for c in incident.residents.values() if c is not None)
    unknown = [c for c, n in incident.residents.items() if n is None]
    unplaced = incident.unplaced.total
    counted = known + unplaced
    parts = [f"{known:,} residents of the planning jurisdictions"]
    if unknown:
        parts[0] += (
            f" (and {len(unknown)} jurisdiction{'s' if len(unknown) != 1 else ''} with the number unknown)"
        )
    if unplaced:
        parts.append(f"{unplaced:,} not placed in one ({unplaced_words(incident.unplaced)})")
    entered = incident.total_affected
    if entered is None:
        head = f"{counted:,} people" if not unknown else f"at least {counted:,} people"
        return f"{head}: " + "; ".join(parts)
    head = f"{entered:,} people (as entered)"
    if entered > counted:
        parts.append(f"{entered - counted:,} more than counted")
    return f"{head}: " + "; ".join(parts)
