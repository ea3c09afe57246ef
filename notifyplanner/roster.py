"""Count an affected-people list (CSV, TSV, Excel) into residents per jurisdiction.

Why this exists: "how many residents of each state" drives most notice thresholds, and the
only source for it is the list of affected people an incident team exports: millions of
rows, messy state spellings, blank cells, foreign addresses. This module turns that file
into counts, and nothing else: it reads only the state, ZIP and country columns, keeps
counts and a few example values of those cells, and never writes the people's data
anywhere (no cache, no temp copy, no log).

Engine (chosen by measurement, see README, "Speed"): Polars' streaming CSV
reader for text files; fastexcel (calamine underneath, Polars' own Excel engine) for
workbooks. Both feed the same aggregation: rows
are grouped in Polars by their raw state and country cells and a compact ZIP key, and only
the few thousand distinct combinations are classified in Python by notifyplanner.places.

Pure core: no Qt import. The app passes `progress` and `cancel` callables from its worker.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

# Polars' CSV reader reads the file in pieces of this many bytes (default: far larger).
# Measured on the 2.3-million-row benchmark list (README, "Speed"): 1 MiB pieces keep the
# count's peak memory near 115 MB instead of 260 MB, at the same speed. Set before Polars
# reads a CSV; a value the user set in the environment wins.
os.environ.setdefault("POLARS_CSV_CHUNK_SIZE", str(1 << 20))

import polars as pl

from notifyplanner.countries import UNKNOWN_COUNTRY, country_code
from notifyplanner.model import Unplaced
from notifyplanner.places import (
    ALL_USPS_CODES,
    JURISDICTIONS,
    MILITARY_CODES,
    PLACEHOLDER_ZIPS,
    ZIP5_EXCEPTIONS,
    is_blank_marker,
    is_foreign_region,
    normalize_country,
    normalize_state,
    zip3_to_state,
    zip_to_state,
)
from notifyplanner.roster_limits import RosterTooLarge, check_line_lengths, check_workbook
from notifyplanner.safe_read import InputError, read_head

__all__ = [
    "BUCKETS",
    "BUCKET_TITLES",
    "Bucket",
    "ColumnChoice",
    "RosterCancelled",
    "RosterCount",
    "RosterError",
    "TableInfo",
    "count_roster",
    "write_counts_into_incident",
]

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]

#: Headings for rows that could not be placed in a US postal area, in display order.
BUCKETS: tuple[str, ...] = ("foreign", "blank", "unreadable")
BUCKET_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "foreign": "Foreign address",
        "blank": "No state and no ZIP",
        "unreadable": "State and ZIP not recognised",
    }
)

_MAX_EXAMPLES = 5
_EXAMPLE_CHARS = 40
_HEADER_SCAN_ROWS = 30
_SAMPLE_BYTES = 256 * 1024
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


class RosterError(Exception):
    """The file cannot be counted; the message names the file and what was expected."""


class RosterColumnsError(RosterError):
    """No column, or more than one, could be the state or ZIP column: the user must choose.

    ``reason`` is the message without the command-line hint, for the app's column picker.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class RosterCancelled(Exception):
    """The caller's cancel() returned True; nothing was counted or written."""


@dataclass(frozen=True)
class ColumnChoice:
    """A column the counter used, and why: the user named it, or its header matched."""

    name: str
    index: int  # 0-based position in the header row
    how: Literal["option", "header"]
    detail: str

    def describe(self) -> str:
        return f"{self.name!r} (column {self.index + 1}; {self.detail})"


@dataclass(frozen=True)
class Bucket:
    """Rows that were not placed: how many, and a few values of their state/ZIP cells."""

    count: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableInfo:
    """One table read: the CSV file itself, or one sheet of a workbook."""

    name: str
    rows: int
    header_row: int | None  # 1-based row number of the header, None when skipped
    state_column: ColumnChoice | None = None
    zip_column: ColumnChoice | None = None
    country_column: ColumnChoice | None = None
    skipped: str | None = None  # why the table was not counted
    empty_rows: int = 0  # rows with no value at all, not counted (not a person)


@dataclass(frozen=True)
class RosterCount:
    """The result of counting a roster: counts only, never a person's data.

    `counts` holds every USPS code (the 54 planning jurisdictions first, then the other
    territories and the military codes), including zeros; `via_zip` is the part of each
    count that came from the ZIP prefix because the state cell was blank or unreadable;
    `unresolved` holds the rows placed nowhere. Every data row read is in exactly one
    of `counts` or `unresolved`.
    """

    file: str
    file_format: str
    encoding: str | None
    rows: int
    counts: Mapping[str, int]
    via_zip: Mapping[str, int]
    unresolved: Mapping[str, Bucket]
    tables: tuple[TableInfo, ...]
    zip_disagrees: int = 0  # rows whose ZIP points elsewhere than their state cell
    zip_disagree_examples: tuple[str, ...] = field(default=())
    # The "foreign" bucket by ISO country code ("unknown" when no country is named).
    foreign_countries: Mapping[str, int] = field(default_factory=dict)
    sha256: str = ""  # of the file's bytes, so a reviewer can tie the counts to the list
    empty_rows: int = 0  # lines with no value at all (not people)
    counted_at: datetime | None = None  # when the count finished, UTC

    @property
    def jurisdiction_counts(self) -> dict[str, int]:
        """Counts for the 54 planning jurisdictions, the ones written into an incident."""
        return {code: self.counts.get(code, 0) for code in JURISDICTIONS}

    @property
    def outside_jurisdictions(self) -> dict[str, int]:
        """Non-zero counts for US postal areas outside the 54 (AS, MP, FM, MH, PW, AA/AE/AP)."""
        return {code: n for code, n in self.counts.items() if code not in JURISDICTIONS and n}

    @property
    def placed(self) -> int:
        return sum(self.counts.values())

    @property
    def unresolved_total(self) -> int:
        return sum(b.count for b in self.unresolved.values())

    @property
    def unplaced(self) -> Unplaced:
        """Everyone counted who is not a resident of one of the 54: what an incident
        records under "unplaced", so that every row read is an affected person somewhere."""
        return Unplaced(
            military={c: self.counts.get(c, 0) for c in sorted(MILITARY_CODES)},
            other_us={c: n for c, n in self.outside_jurisdictions.items() if c not in MILITARY_CODES},
            foreign=dict(self.foreign_countries),
            unreadable=self.unresolved["unreadable"].count if "unreadable" in self.unresolved else 0,
            blank=self.unresolved["blank"].count if "blank" in self.unresolved else 0,
        )

    @property
    def state_column(self) -> ColumnChoice | None:
        return next((t.state_column for t in self.tables if t.skipped is None), None)

    @property
    def zip_column(self) -> ColumnChoice | None:
        return next((t.zip_column for t in self.tables if t.skipped is None), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (the CLI's --format json)."""

        def col(c: ColumnChoice | None) -> dict[str, Any] | None:
            if c is None:
                return None
            return {"name": c.name, "column": c.index + 1, "how": c.how, "detail": c.detail}

        return {
            "file": self.file,
            "format": self.file_format,
            "encoding": self.encoding,
            "rows": self.rows,
            "placed": self.placed,
            "jurisdictions": self.jurisdiction_counts,
            "outside_jurisdictions": self.outside_jurisdictions,
            "via_zip": {k: v for k, v in self.via_zip.items() if v},
            "unresolved": {
                k: {"count": b.count, "examples": list(b.examples)} for k, b in self.unresolved.items()
            },
            "foreign_by_country": dict(self.foreign_countries),
            "sha256": self.sha256,
            "empty_rows": self.empty_rows,
            "zip_disagrees": {
                "count": self.zip_disagrees,
                "examples": list(self.zip_disagree_examples),
            },
            "tables": [
                {
                    "name": t.name,
                    "rows": t.rows,
                    "header_row": t.header_row,
                    "state_column": col(t.state_column),
                    "zip_column": col(t.zip_column),
                    "country_column": col(t.country_column),
                    "skipped": t.skipped,
                    "empty_rows": t.empty_rows,
                }
                for t in self.tables
            ],
        }


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
    for r, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
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


# --- classification of distinct values ---------------------------------------------------

_CANADA_POSTAL = re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$", re.I)
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.I)


def _example(label: str, value: str | None) -> str:
    v = (value or "").strip()
    if len(v) > _EXAMPLE_CHARS:
        v = v[: _EXAMPLE_CHARS - 1] + "…"
    return f"{label} {json.dumps(v, ensure_ascii=False)}"


@dataclass
class _Verdict:
    code: str | None
    via_zip: bool = False
    bucket: str | None = None
    example: str | None = None
    country: str | None = None  # ISO code (or "unknown") of a foreign row


class _Classifier:
    """Classifies distinct (state, ZIP key, country) combinations, with caches."""

    def __init__(self) -> None:
        self._state: dict[str | None, str | None] = {}
        self._zip: dict[str | None, str | None] = {}
        self._country: dict[str | None, str | None] = {}

    def state(self, raw: str | None) -> str | None:
        try:
            return self._state[raw]
        except KeyError:
            v = self._state[raw] = normalize_state(raw)
            return v

    def zip(self, key: str | None) -> str | None:
        try:
            return self._zip[key]
        except KeyError:
            if key is None:
                v = None
            elif key.startswith("#"):  # a 3-digit prefix reduced in Polars
                v = zip3_to_state(key[1:])
            else:
                v = zip_to_state(key)
            self._zip[key] = v
            return v

    def country(self, raw: str | None) -> str | None:
        try:
            return self._country[raw]
        except KeyError:
            v = self._country[raw] = normalize_country(raw)
            return v

    def classify(self, state: str | None, zkey: str | None, country: str | None) -> _Verdict:
        if country is not None and self.country(country) == "foreign":
            where = country_code(country, codes=True)
            if where == UNKNOWN_COUNTRY and is_foreign_region(state):
                where = country_code(state)  # "Foreign" in the country column, "Ontario" as state
            return _Verdict(None, bucket="foreign", example=_example("country", country), country=where)
        code = self.state(state)
        if code is not None:
            return _Verdict(code)
        if is_foreign_region(state):
            return _Verdict(
                None, bucket="foreign", example=_example("state", state), country=country_code(state)
            )
        zcode = self.zip(zkey)
        if zcode is not None:
            return _Verdict(zcode, via_zip=True)
        state_blank = is_blank_marker(state)
        zip_blank = is_blank_marker(zkey)
        if state_blank and zip_blank:
            return _Verdict(None, bucket="blank")
        zraw = _shown_zip(zkey)
        if state_blank and (_CANADA_POSTAL.match(zraw) or _UK_POSTCODE.match(zraw)):
            where = "CA" if _CANADA_POSTAL.match(zraw) else "GB"
            return _Verdict(None, bucket="foreign", example=_example("ZIP", zraw), country=where)
        parts = []
        if not state_blank:
            parts.append(_example("state", state))
        if not zip_blank:
            parts.append(_example("ZIP", zraw))
        return _Verdict(None, bucket="unreadable", example=", ".join(parts))


def _shown_zip(zkey: str | None) -> str:
    """A ZIP key as a person reads it: a prefix "#021" is shown as "021xx"."""
    z = (zkey or "").strip()
    return z[1:] + "xx" if z.startswith("#") else z


class _Tally:
    """Accumulates grouped counts from one or more tables."""

    def __init__(self) -> None:
        self.classifier = _Classifier()
        self.counts: Counter[str] = Counter()
        self.via_zip: Counter[str] = Counter()
        self.buckets: Counter[str] = Counter()
        self.examples: dict[str, Counter[str]] = {b: Counter() for b in BUCKETS}
        self.disagree = 0
        self.disagree_keys: Counter[tuple[str | None, str]] = Counter()
        self.countries: Counter[str] = Counter()
        self.rows = 0

    def add(self, grouped: pl.DataFrame, fetch_raw: RawFetcher) -> tuple[int, int]:
        """Tally the output of _group_frame; returns (rows counted, empty rows skipped).

        The common case, a state cell that names a place, is settled in Polars with a
        lookup table built from the distinct state cells (a few hundred), so Python work
        does not grow with the number of groups. Other groups go through the classifier
        one by one. Groups that need the ZIP as written (blank or unknown state and a ZIP
        that is not plainly 5 or 9 digits, such as "2134" from Excel) are re-read with
        `fetch_raw`, a second pass over only those rows; most lists never need it.
        """
        cl = self.classifier
        empty = int(grouped.filter(pl.col("e"))["len"].sum())
        f3, ln, x, d = pl.col("f3"), pl.col("l"), pl.col("x"), pl.col("d")
        blank = ln.is_null() | (ln == 0)
        digits = f3.str.contains("^[0-9]{3}$").fill_null(False)
        # "02134", "021341234", "02134-1234"
        std = digits & ((ln.is_in([5, 9]) & d.is_null()) | ((ln == 10) & (d == 5))).fill_null(False)
        # the same after Excel dropped the leading zero: "2134", "21341234", "2134-1234"
        mangled = digits & ((ln.is_in([4, 8]) & d.is_null()) | ((ln == 9) & (d == 4))).fill_null(False)
        padded = pl.concat_str(pl.lit("0"), f3.str.slice(0, 2))
        g = grouped.filter(~pl.col("e")).with_columns(
            pl.when(blank)
            .then(pl.lit(None, dtype=pl.String))
            .when(std & x.is_not_null())
            .then(pl.concat_str(f3, x))
            .when(std)
            .then(pl.concat_str(pl.lit("#"), f3))
            .when(mangled & x.is_not_null())
            .then(pl.concat_str(pl.lit("0"), f3, x.str.slice(0, 1)))
            .when(mangled)
            .then(pl.concat_str(pl.lit("#"), padded))
            .alias("zk"),
        )
        g = g.with_columns((~blank & pl.col("zk").is_null()).alias("unclear"))
        rows = int(g["len"].sum())
        state_map = {s: cl.state(s) for s in g["s"].unique().to_list() if s is not None}
        zip_map = {z: cl.zip(z) for z in g["zk"].unique().to_list() if z is not None}
        foreign = [c for c in g["c"].unique().to_list() if c is not None and cl.country(c) == "foreign"]
        g = g.with_columns(
            pl.col("s").replace_strict(state_map, default=None, return_dtype=pl.String).alias("code"),
            pl.col("zk").replace_strict(zip_map, default=None, return_dtype=pl.String).alias("zcode"),
            pl.col("c").is_in(foreign).fill_null(False).alias("cf"),
        )
        by_state = g.filter(pl.col("code").is_not_null() & ~pl.col("cf"))
        for code, n in by_state.group_by("code").agg(pl.col("len").sum()).iter_rows():
            self.counts[code] += n
        odd = by_state.filter(pl.col("zcode").is_not_null() & (pl.col("zcode") != pl.col("code")))
        if odd.height:
            self.disagree += int(odd["len"].sum())
            for st, zk, n in odd.select("s", "zk", "len").iter_rows():
                self.disagree_keys[(st, zk)] += n

        deferred: dict[tuple[str | None, str | None, int | None, int | None, str | None], int] = {}
        rest = g.filter(pl.col("code").is_null() | pl.col("cf"))
        for state, zkey, country, unclear, f3v, lv, dv, n in rest.select(
            "s", "zk", "c", "unclear", "f3", "l", "d", "len"
        ).iter_rows():
            if unclear and country not in foreign and not is_foreign_region(state):
                deferred[(state, f3v, lv, dv, country)] = n
                continue
            self._classified(state, zkey, country, n)
        if deferred:
            states = {k[0] for k in deferred}
            found = 0
            for state, f3v, lv, dv, country, raw, n in fetch_raw(states).iter_rows():
                if (state, f3v, lv, dv, country) in deferred:
                    found += n
                    self._classified(state, raw, country, n)
            if found != sum(deferred.values()):  # pragma: no cover - a bug, not bad input
                raise RuntimeError("roster: second pass disagrees with the first")
        self.rows += rows
        return rows, empty

    def _classified(self, state: str | None, zkey: str | None, country: str | None, n: int) -> None:
        v = self.classifier.classify(state, zkey, country)
        if v.code is not None:
            self.counts[v.code] += n
            if v.via_zip:
                self.via_zip[v.code] += n
        else:
            assert v.bucket is not None
            self.buckets[v.bucket] += n
            if v.country is not None:
                self.countries[v.country] += n
            if v.example:
                self.examples[v.bucket][v.example] += n

    def result(self, file: str, fmt: str, encoding: str | None,
               tables: Sequence[TableInfo]) -> RosterCount:  # fmt: skip
        return RosterCount(
            file=file,
            file_format=fmt,
            encoding=encoding,
            rows=self.rows,
            counts=MappingProxyType({c: self.counts.get(c, 0) for c in ALL_USPS_CODES}),
            via_zip=MappingProxyType({c: self.via_zip.get(c, 0) for c in ALL_USPS_CODES}),
            unresolved=MappingProxyType(
                {
                    b: Bucket(
                        self.buckets.get(b, 0),
                        tuple(e for e, _ in self.examples[b].most_common(_MAX_EXAMPLES)),
                    )
                    for b in BUCKETS
                }
            ),
            tables=tuple(tables),
            foreign_countries=MappingProxyType(dict(self.countries.most_common())),
            zip_disagrees=self.disagree,
            zip_disagree_examples=tuple(
                f"{_example('state', st)}, {_example('ZIP', _shown_zip(z))}"
                for (st, z), _ in self.disagree_keys.most_common(_MAX_EXAMPLES)
            ),
        )


# --- the Polars aggregation shared by CSV and Excel ---------------------------------------

# The exception ZIPs as they are written, and as Excel writes the ones that start with 0
# ("06390" -> "6390", "6390-1234", "63901234"): the first five characters of the cell.
# Placeholder ZIPs ("99999") are read whole too, so that they are not placed by prefix.
_ZIP5_EXCEPTION_LIST = sorted(
    set(ZIP5_EXCEPTIONS)
    | PLACEHOLDER_ZIPS
    | {z[1:] + tail for z in ZIP5_EXCEPTIONS if z[0] == "0" for tail in ("", "-", *"0123456789")}
)
RawFetcher = Callable[[set[str | None]], pl.DataFrame]


def _group_frame(
    frame: pl.LazyFrame | pl.DataFrame,
    state: str | None,
    zipc: str | None,
    country: str | None,
    empty: pl.Expr,
) -> pl.LazyFrame | pl.DataFrame:
    """Group rows by keys that keep the number of distinct groups small.

    A ZIP+4 column has nearly one distinct value per person; grouping on it would hand
    millions of groups to Python. So a ZIP is grouped by its first three characters, its
    length and where its dash is (enough to tell "02134", "021341234" and "02134-1234"
    from Excel's "2134" and "2134-1234" or from "K1A 0B1"), plus
    its 4th and 5th digits for the few 5-digit ZIPs whose area differs from their
    prefix's (96799 American Samoa, 96950 Saipan, ...). Per-row work is two slices, a
    length, a byte search and one small set lookup: measured on 2.3 M rows, about half
    of what a strip-and-regex key costs.
    """
    none = pl.lit(None, dtype=pl.String)
    if zipc is None:
        f3, ln, d, x = none, pl.lit(None, dtype=pl.UInt32), pl.lit(None, dtype=pl.UInt32), none
    else:
        z = pl.col(zipc)
        f3, ln, d = _zip_shape(z)
        x = pl.when(z.str.slice(0, 5).is_in(_ZIP5_EXCEPTION_LIST)).then(z.str.slice(3, 2))
    keys = [
        (pl.col(state) if state else none).alias("s"),
        f3.alias("f3"),
        ln.alias("l"),
        d.alias("d"),
        x.alias("x"),
        (pl.col(country) if country else none).alias("c"),
        empty.alias("e"),
    ]
    return frame.group_by(keys).len()


def _raw_zip_groups(
    frame: pl.LazyFrame | pl.DataFrame,
    state: str | None,
    zipc: str,
    country: str | None,
    states: set[str | None],
) -> pl.LazyFrame | pl.DataFrame:
    """The second pass: rows whose state cell is one of `states`, grouped with the raw ZIP."""
    s = pl.col(state) if state else pl.lit(None, dtype=pl.String)
    wanted = [v for v in states if v is not None]
    if state:
        pick = s.is_in(wanted).fill_null(False)
        if None in states:
            pick = pick | s.is_null()
    else:
        # No state column: every row's state is null. A literal predicate broadcasts;
        # one built from a literal column did not, and a ZIP-only sheet raised ShapeError.
        pick = pl.lit(None in states)
    f3, ln, d = _zip_shape(pl.col(zipc))
    keys = [
        s.alias("s"),
        f3.alias("f3"),
        ln.alias("l"),
        d.alias("d"),
        (pl.col(country) if country else pl.lit(None, dtype=pl.String)).alias("c"),
        pl.col(zipc).alias("raw"),
    ]
    return frame.filter(pick).group_by(keys).len()


def _zip_shape(z: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """First three characters, byte length and position of the dash of a ZIP cell."""
    return (
        z.str.slice(0, 3),
        z.str.len_bytes(),
        z.str.find("-", literal=True).cast(pl.UInt32),
    )


def _ticker(
    total_estimate: int, progress: ProgressFn | None, cancel: CancelFn | None
) -> Callable[[pl.Series], pl.Series]:
    """A pass-through Polars UDF that reports progress and stops on cancel.

    Polars calls it once per streamed batch; raising RosterCancelled inside it aborts
    the native query, which is how cancel reaches a read that is otherwise one call.
    """
    seen = 0

    def tick(s: pl.Series) -> pl.Series:
        nonlocal seen
        if cancel is not None and cancel():
            raise RosterCancelled("cancelled")
        seen += len(s)
        if progress is not None and total_estimate > 0:
            progress(min(0.99, seen / total_estimate))
        return s

    return tick


def _column_name(c: ColumnChoice | None) -> str | None:
    """The frame's name for a chosen column (frames name columns c0, c1, ...)."""
    return f"c{c.index}" if c is not None else None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _table_info(name: str, cols: _Columns, rows: int, empty_rows: int) -> TableInfo:
    return TableInfo(
        name=name,
        rows=rows,
        header_row=cols.header_row + 1,
        state_column=cols.state,
        zip_column=cols.zip,
        country_column=cols.country,
        empty_rows=empty_rows,
    )


# --- text files --------------------------------------------------------------------------


@dataclass(frozen=True)
class _TextFormat:
    encoding: str  # a Python codec name
    delimiter: str
    records: list[list[str]]  # first records as csv.reader sees them ([] for blank lines)
    bytes_per_record: float

    @property
    def polars_ok(self) -> bool:
        """UTF-8 (with or without BOM): Polars reads the file directly."""
        return self.encoding in ("utf-8", "utf-8-sig")


def _sniff_text(path: Path, sample: bytes, file: str) -> _TextFormat:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text" export
    elif sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            # Not UTF-8: Windows-1252 is what Excel and older exports write in the US.
            encoding = "cp1252"
    if encoding != "utf-16" and b"\x00" in sample:
        raise RosterError(f"{file}: not a text table (binary data); expected a CSV, TSV or Excel file")
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    lines = text.splitlines(keepends=True)
    if len(sample) >= _SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    head = "".join(lines[: _HEADER_SCAN_ROWS * 4])
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else _sniff_delimiter(head)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    try:
        for rec in reader:
            records.append(rec)
            if len(records) >= _HEADER_SCAN_ROWS:
                break
    except csv.Error:
        pass  # a cut-short quoted field at the end of the sample
    per = len("".join(lines).encode(encoding, errors="replace")) / max(1, len(lines))
    return _TextFormat(encoding, delimiter, records, per)


def _sniff_delimiter(head: str) -> str:
    """Pick the delimiter that gives the most records of one consistent width (>1 field)."""
    best, best_score = ",", 0
    for d in (",", "\t", ";", "|"):
        try:
            widths = Counter(len(r) for r in csv.reader(io.StringIO(head), delimiter=d) if r)
        except csv.Error:
            continue
        if not widths:
            continue
        width, hits = widths.most_common(1)[0]
        score = hits if width > 1 else 0
        if score > best_score:
            best, best_score = d, score
    return best


def _count_text(path: Path, sample: bytes, file: str, state_column: str | None,
                zip_column: str | None, progress: ProgressFn | None,
                cancel: CancelFn | None, tally: _Tally) -> tuple[TableInfo, str, str]:  # fmt: skip
    fmt = _sniff_text(path, sample, file)
    if not any(fmt.records):
        raise RosterError(f"{file}: the file has no rows; expected a table with a header row")
    cols = _choose_columns(fmt.records, file, state_column, zip_column)
    if cols is None:
        first = next(r for r in fmt.records if r)
        raise _no_columns_error(file, first, state_column, zip_column)
    width = len(fmt.records[cols.header_row])

    utf8: bytes | None = None
    if not fmt.polars_ok:
        # Polars reads UTF-8 only. The file is re-encoded in memory, never on disk: the
        # people's data must not be copied anywhere.
        utf8 = path.read_bytes().decode(fmt.encoding, errors="replace").encode("utf-8")

    def scan() -> pl.LazyFrame:
        # Polars' skip_rows counts records like csv.reader does (quotes respected, blank
        # lines included), so the header's index among the sniffed records is the number
        # to skip.
        return pl.scan_csv(
            path if utf8 is None else io.BytesIO(utf8),
            has_header=False,
            skip_rows=cols.header_row + 1,
            separator=fmt.delimiter,
            quote_char='"',
            schema={f"c{i}": pl.String for i in range(width)},
            truncate_ragged_lines=True,
            missing_columns="insert",  # a short first row is a row with blank cells
            raise_if_empty=False,  # a header with no rows counts zero people
            encoding="utf8-lossy",
        )

    estimate = int(path.stat().st_size / max(fmt.bytes_per_record, 1.0))
    tick = _ticker(estimate, progress, cancel)

    # Read the chosen columns plus the first and last (to tell an empty line from a
    # person with no address: an empty line has nothing in any of them).
    chosen = [c.index for c in (cols.state, cols.zip, cols.country) if c is not None]
    names = [f"c{i}" for i in dict.fromkeys([*chosen, 0, width - 1])]
    select = [pl.col(n) for n in names]
    if progress is not None or cancel is not None:  # a Python call per batch: only when asked
        select[0] = select[0].map_batches(tick, is_elementwise=True, return_dtype=pl.String)
        select[0] = select[0].alias(names[0])

    state_c, zip_c, country_c = _column_name(cols.state), _column_name(cols.zip), _column_name(cols.country)

    def collect(query: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
        assert isinstance(query, pl.LazyFrame)
        try:
            return query.collect(engine="streaming")
        except RosterCancelled:
            raise
        except pl.exceptions.PolarsError as exc:
            raise RosterError(f"{file}: could not be read as a delimited table ({_first_line(exc)})") from exc

    def fetch_raw(states: set[str | None]) -> pl.DataFrame:
        assert zip_c is not None
        return collect(_raw_zip_groups(scan().select(names), state_c, zip_c, country_c, states))

    empty = pl.all_horizontal([pl.col(n).is_null() for n in names])
    grouped = collect(_group_frame(scan().select(select), state_c, zip_c, country_c, empty))
    rows, empty_rows = tally.add(grouped, fetch_raw)
    if progress is not None:
        progress(1.0)
    return (
        _table_info(path.name, cols, rows, empty_rows),
        fmt.encoding,
        "tsv" if fmt.delimiter == "\t" else "csv",
    )


# --- Excel ---------------------------------------------------------------------------------


def _excel_error(file: str, exc: Exception) -> RosterError:
    return RosterError(
        f"{file}: could not be read as an Excel workbook ({_first_line(exc)}); "
        "expected an .xlsx, .xlsm, .xls, .xlsb or .ods file"
    )


SheetLoader = Callable[[int], tuple[bool, pl.DataFrame]]


def _open_fastexcel(path: Path, file: str) -> tuple[list[str], SheetLoader]:
    """Sheet names, and a loader giving (hidden, all cells as strings) for sheet i.

    fastexcel (calamine underneath; Polars' own Excel engine) hands a sheet to Polars as
    Arrow without a Python object per cell: measured 2-3x faster than python-calamine's
    to_python() on a 200,000-row sheet. Sheets are read without a header so that a header
    below a title block can be found.
    """
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        names = list(reader.sheet_names)
    except Exception as exc:  # fastexcel raises its own hierarchy and OSErrors
        raise _excel_error(file, exc) from exc

    def load(i: int) -> tuple[bool, pl.DataFrame]:
        sheet = reader.load_sheet(i, header_row=None, dtypes="string")
        hidden = str(getattr(sheet, "visible", "visible")).lower() != "visible"
        return hidden, sheet.to_polars()

    return names, load


def _count_excel(path: Path, file: str, state_column: str | None, zip_column: str | None,
                 progress: ProgressFn | None, cancel: CancelFn | None,
                 tally: _Tally) -> list[TableInfo]:  # fmt: skip
    names, load = _open_fastexcel(path, file)
    tables: list[TableInfo] = []
    first_headers: list[str] = []
    for i, name in enumerate(names):
        if cancel is not None and cancel():
            raise RosterCancelled("cancelled")
        if progress is not None:
            progress(i / len(names))
        try:
            hidden, frame = load(i)
        except Exception as exc:
            raise RosterError(f"{file}: sheet {name!r} could not be read ({_first_line(exc)})") from exc
        if hidden:
            tables.append(TableInfo(name, 0, None, skipped="hidden sheet"))
            continue
        frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
        head = [
            ["" if v is None else str(v) for v in row] for row in frame.head(_HEADER_SCAN_ROWS).iter_rows()
        ]
        nonblank = [r for r in head if any(c.strip() for c in r)]
        if not nonblank:
            tables.append(TableInfo(name, 0, None, skipped="empty sheet"))
            continue
        if not first_headers:
            first_headers = nonblank[0]
        cols = _choose_columns(head, f"{file} sheet {name!r}", state_column, zip_column)
        if cols is None:
            seen = ", ".join(h for h in nonblank[0][:8] if h) or "(none)"
            reason = f"no state or ZIP header (first row: {seen})"
            tables.append(TableInfo(name, 0, None, skipped=reason))
            continue
        data = frame.slice(cols.header_row + 1)
        empty = pl.all_horizontal(
            [(pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "")) for c in data.columns]
        )

        state_c, zip_c, country_c = (
            _column_name(cols.state),
            _column_name(cols.zip),
            _column_name(cols.country),
        )
        grouped = _group_frame(data, state_c, zip_c, country_c, empty)
        assert isinstance(grouped, pl.DataFrame)

        def fetch_raw(
            states: set[str | None],
            data: pl.DataFrame = data,
            zs: tuple[str | None, str | None, str | None] = (state_c, zip_c, country_c),
        ) -> pl.DataFrame:
            assert zs[1] is not None
            out = _raw_zip_groups(data, zs[0], zs[1], zs[2], states)
            assert isinstance(out, pl.DataFrame)
            return out

        rows, empty_rows = tally.add(grouped, fetch_raw)
        del frame, data
        tables.append(_table_info(name, cols, rows, empty_rows))
    if not any(t.skipped is None for t in tables):
        raise _no_columns_error(file, first_headers, state_column, zip_column, " (no sheet had one)")
    if progress is not None:
        progress(1.0)
    return tables


# --- public entry point ------------------------------------------------------------------


def count_roster(
    path: str | os.PathLike[str],
    *,
    state_column: str | None = None,
    zip_column: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> RosterCount:
    """Count the rows of an affected-people list per USPS jurisdiction code.

    The state column decides; where it is blank or unreadable the ZIP prefix decides (and
    the row is also counted in `via_zip`); rows with a foreign country or region, with
    neither value, or with values that match nothing go to `unresolved` with examples of
    those cells. `state_column`/`zip_column` name header cells when the automatic choice
    is wrong or impossible.

    `progress(fraction)` and `cancel()` may be called from a Polars worker thread (once
    per streamed batch of a CSV, once per sheet of a workbook): keep them cheap and
    thread-safe, e.g. emit a queued Qt signal and read a flag. `cancel()` returning True
    stops the read and raises RosterCancelled. A workbook sheet is parsed in one native
    call, so cancel takes effect between sheets.

    Raises RosterError, whose message names the file and what was expected.
    """
    p = Path(path)
    file = p.name
    sample = _read_sample(p, file)
    if not sample.strip():
        raise RosterError(f"{file}: the file is empty; expected a table with a header row")
    if cancel is not None and cancel():
        raise RosterCancelled("cancelled")

    hasher = _Hasher(p)
    try:
        result = _count(p, file, sample, state_column, zip_column, progress, cancel)
    except BaseException:
        hasher.stop()  # the count failed: the hash is not needed
        raise
    digest = hasher.result()
    if digest is None:
        raise RosterError(f"{file}: could not be read to the end to take its SHA-256")
    return replace(
        result,
        sha256=digest,
        empty_rows=sum(t.empty_rows for t in result.tables),
        counted_at=datetime.now(UTC).replace(microsecond=0),
    )


class _Hasher:
    """The file's SHA-256, taken in a thread while the counter reads the file.

    Why: the incident records the hash so that a reviewer can tie the counts to the list
    (issue 12); hashlib releases the GIL on large buffers, so the hash costs little wall
    time beside the count. Reads in 1 MiB pieces: bounded memory whatever the size.
    """

    def __init__(self, path: Path) -> None:
        self._digest: str | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        h = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while not self._stop:
                    piece = handle.read(1 << 20)
                    if not piece:
                        self._digest = h.hexdigest()
                        return
                    h.update(piece)
        except OSError:
            return

    def stop(self) -> None:
        self._stop = True
        self._thread.join()

    def result(self) -> str | None:
        self._thread.join()
        return self._digest


def _count(p: Path, file: str, sample: bytes, state_column: str | None, zip_column: str | None,
           progress: ProgressFn | None, cancel: CancelFn | None) -> RosterCount:  # fmt: skip
    tally = _Tally()
    is_workbook = _is_workbook(p, sample)
    try:  # what the file claims, checked before a reader sizes its memory by it
        if is_workbook:
            check_workbook(p, file)
        else:
            check_line_lengths(p, file)
    except RosterTooLarge as exc:
        raise RosterError(str(exc)) from None
    except OSError as exc:
        raise RosterError(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if is_workbook:
        tables = _count_excel(p, file, state_column, zip_column, progress, cancel, tally)
        suffix = p.suffix.lower().lstrip(".")
        kind = suffix if "." + suffix in _EXCEL_SUFFIXES else "xlsx"
        return tally.result(file, kind, None, tables)
    table, encoding, kind = _count_text(p, sample, file, state_column, zip_column, progress, cancel, tally)
    return tally.result(file, kind, encoding, [table])


def _read_sample(p: Path, file: str) -> bytes:
    """The first bytes of a list, read only when it is a regular file (a FIFO would block
    forever, /dev/zero never end) within the size cap (notifyplanner.safe_read)."""
    try:
        return read_head(p, "roster", _SAMPLE_BYTES)
    except InputError as exc:
        message = exc.message
        if message.startswith("is a folder"):
            message = "is a folder; expected a CSV, TSV or Excel file"
        raise RosterError(f"{file}: {message}") from None


def _is_workbook(path: Path, sample: bytes) -> bool:
    """By content first (an .xlsx is a zip, an .xls an OLE file), then by name."""
    is_zip = sample.startswith(b"PK\x03\x04")
    is_ole = sample.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    return is_zip or is_ole or path.suffix.lower() in _EXCEL_SUFFIXES


def read_headers(path: str | os.PathLike[str], limit: int = 200) -> list[str]:
    """The first non-empty row of a list (of its first sheet), for a column picker.

    Read the way count_roster reads it (encodings, delimiters, workbooks), so the picker
    offers the names the counter will match. Only that row is kept; [] when the file
    cannot be read, because the picker then simply offers no names.
    """
    p = Path(path)
    try:
        sample = _read_sample(p, p.name)
        if _is_workbook(p, sample):
            check_workbook(p, p.name)
            _names, load = _open_fastexcel(p, p.name)
            frame = load(0)[1].head(_HEADER_SCAN_ROWS)
            rows = [["" if v is None else str(v) for v in row] for row in frame.iter_rows()]
        else:
            rows = _sniff_text(p, sample, p.name).records
    except Exception:  # unreadable in any way: no names to offer
        return []
    for row in rows:
        cells = [c.strip() for c in row if c.strip()]
        if cells:
            return cells[:limit]
    return []


# --- writing counts into an incident file -----------------------------------------------


def write_counts_into_incident(
    counts: RosterCount | Mapping[str, int], incident_path: str | os.PathLike[str]
) -> Any:
    """See notifyplanner.roster_incident.write_counts_into_incident (kept here for callers)."""
    from notifyplanner.roster_incident import write_counts_into_incident as write

    return write(counts, incident_path)
