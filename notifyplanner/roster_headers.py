"""Which columns of a roster hold the state, the ZIP and the country: found by their headers.

Apart from the readers (notifyplanner.roster) because it is the one part that reads words a
person wrote, and it changes when a new export spells a header another way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from notifyplanner.roster_types import ColumnChoice, RosterColumnsError, RosterError

HEADER_SCAN_ROWS = 30  # a header is looked for among this many first rows

# --- header recognition ------------------------------------------------------------------

# Words that may stand before "state"/"zip" in a header and still mean the person's
# address ("Mailing State", "Patient ZIP", "Addr_St"). Anything else ("Birth State",
# "License State", "Work State") does not match, on purpose.
_QUALIFIERS = frozenset(
    {
        "mailing", "mail", "address", "addr", "adr", "home", "residence", "residential",
        "resident", "res", "patient", "member", "customer", "client", "person", "personal",
        "individual", "subscriber", "insured", "policyholder", "guarantor", "employee",
        "consumer", "account", "acct", "primary", "current", "permanent", "postal", "contact",
        "street", "physical", "main", "1", "one", "line", "us",
    }
)  # fmt: skip
# Qualifiers that point at the residence and win over a plain header when both exist.
_PREFERRED = frozenset({"mailing", "mail", "home", "residence", "residential", "resident"})
_STATE_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "state": 30,
        "st": 25,
        "state code": 30,
        "state cd": 30,
        "st cd": 25,
        "state abbr": 30,
        "state abbreviation": 30,
        "state name": 28,
        "state or province": 26,
        "state province": 26,
        "state prov": 26,
        "state region": 24,
        "stateprovince": 26,
        "state of residence": 32,
        "province": 20,
        "prov": 18,
        "region": 10,
    }
)
_ZIP_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "zip": 30,
        "zip code": 30,
        "zipcode": 30,
        "zip cd": 30,
        "zip5": 29,
        "zip 5": 29,
        "zip 4": 12,  # "ZIP+4": often the full ZIP+4, sometimes only the add-on
        "zip4": 12,
        "postal code": 27,
        "postalcode": 27,
        "postcode": 26,
        "post code": 26,
        "postal": 20,
        "zip postal code": 28,
        "zip postal": 28,
        "postal zip": 28,
        "zip or postal code": 28,
        "postal zip code": 28,
    }
)
_COUNTRY_WORDS: Mapping[str, int] = MappingProxyType(
    {"country": 30, "country code": 30, "country name": 30, "ctry": 25, "cntry": 25, "nation": 10}
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _header_key(text: str) -> str:
    text = _CAMEL.sub(" ", str(text))
    return _NON_ALNUM.sub(" ", text.lower().replace("+", " plus ")).strip()


def _header_score(header: str, words: Mapping[str, int]) -> tuple[int, str] | None:
    """Score a header against a synonym table, allowing address qualifiers in front."""
    key = _header_key(header).replace(" plus ", " ").replace("zip plus", "zip")
    if not key:
        return None
    if key in words:
        return words[key], key
    tokens = key.split()
    for start in range(1, len(tokens)):
        head, rest = tokens[:start], " ".join(tokens[start:])
        if rest in words and all(t in _QUALIFIERS for t in head):
            bonus = 2 if any(t in _PREFERRED for t in head) else 0
            return words[rest] + bonus, rest
    return None


def _pick_column(
    headers: Sequence[str], words: Mapping[str, int], what: str, file: str
) -> ColumnChoice | None:
    scored = []
    for i, h in enumerate(headers):
        hit = _header_score(h, words)
        if hit:
            scored.append((hit[0], i, hit[1]))
    if not scored:
        return None
    best = max(s for s, _, _ in scored)
    top = [(i, w) for s, i, w in scored if s == best]
    if len(top) > 1 and len({_header_key(headers[i]) for i, _ in top}) > 1:
        names = ", ".join(repr(headers[i]) for i, _ in top)
        reason = f"{file}: several columns could be the {what} column ({names})"
        raise RosterColumnsError(f"{reason}; choose one with --{what.split()[0].lower()}-column", reason)
    i, word = top[0]
    return ColumnChoice(name=str(headers[i]), index=i, how="header", detail=f"header read as {word!r}")


def _find_named(headers: Sequence[str], name: str) -> int | None:
    want = _header_key(name)
    for i, h in enumerate(headers):
        if str(h).strip() == name.strip():
            return i
    for i, h in enumerate(headers):
        if _header_key(h) == want and want:
            return i
    return None


@dataclass(frozen=True)
class _Columns:
    header_row: int  # 0-based row index within the scanned rows
    state: ColumnChoice | None
    zip: ColumnChoice | None
    country: ColumnChoice | None


def _choose_columns(
    rows: Sequence[Sequence[str]],
    file: str,
    state_column: str | None,
    zip_column: str | None,
) -> _Columns | None:
    """Find the header row among the first rows and the columns to read from it.

    Returns None when no row has a recognisable header (or the named columns).
    """
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        headers = [str(c) if c is not None else "" for c in row]
        state = zipc = None
        if state_column is not None:
            i = _find_named(headers, state_column)
            if i is None:
                continue
            state = ColumnChoice(headers[i], i, "option", "named with --state-column")
        if zip_column is not None:
            i = _find_named(headers, zip_column)
            if i is None:
                continue
            zipc = ColumnChoice(headers[i], i, "option", "named with --zip-column")
        if state is None and state_column is None:
            state = _pick_column(headers, _STATE_WORDS, "state", file)
        if zipc is None and zip_column is None:
            zipc = _pick_column(headers, _ZIP_WORDS, "ZIP", file)
        if state is None and zipc is None:
            continue
        if state and zipc and state.index == zipc.index:
            if zipc.how == "header":
                zipc = None
            elif state.how == "header":
                state = None
        try:
            country = _pick_column(headers, _COUNTRY_WORDS, "country", file)
        except RosterError:
            country = None  # two country columns: use neither rather than guess
        if country and country.index in {c.index for c in (state, zipc) if c}:
            country = None
        return _Columns(r, state, zipc, country)
    return None


def _no_columns_error(file: str, headers: Sequence[str], state_column: str | None,
                      zip_column: str | None, where: str = "") -> RosterColumnsError:  # fmt: skip
    seen = ", ".join(str(h) for h in headers[:12] if str(h).strip()) or "(none)"
    if len(headers) > 12:
        seen += ", ..."
    if state_column or zip_column:
        named = " or ".join(repr(n) for n in (state_column, zip_column) if n)
        reason = f"{file}{where}: no column named {named}; headers seen: {seen}"
        return RosterColumnsError(reason, reason)
    reason = f"{file}{where}: no column looks like a state or ZIP column; headers seen: {seen}"
    return RosterColumnsError(f"{reason}; name the columns with --state-column/--zip-column", reason)
