"""Classify and tally a roster's rows: the Polars aggregation and the Python classifier.

Rows are grouped in Polars by their raw state and country cells and a compact ZIP key, and
only the few thousand distinct combinations are classified in Python by
notifyplanner.places. Shared by the CSV and Excel readers in notifyplanner.roster.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

from notifyplanner.countries import UNKNOWN_COUNTRY, country_code
from notifyplanner.places import (
    ALL_USPS_CODES,
    PLACEHOLDER_ZIPS,
    ZIP5_EXCEPTIONS,
    is_blank_marker,
    is_foreign_region,
    normalize_country,
    normalize_state,
    zip3_to_state,
    zip_to_state,
)
from notifyplanner.roster_headers import _Columns
from notifyplanner.roster_types import (
    BUCKETS,
    Bucket,
    ColumnChoice,
    RosterCancelled,
    RosterCount,
    TableInfo,
)

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]

_MAX_EXAMPLES = 5
_EXAMPLE_CHARS = 40

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
