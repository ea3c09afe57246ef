"""The results of counting a roster: what notifyplanner.roster returns and raises.

Apart from the readers so that the classifier (notifyplanner.roster_tally), the header
matcher (notifyplanner.roster_headers) and the worker process share them without a cycle.
Counts only, never a person's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

from notifyplanner.model import Unplaced
from notifyplanner.places import JURISDICTIONS, MILITARY_CODES

#: Headings for rows that could not be placed in a US postal area, in display order.
BUCKETS: tuple[str, ...] = ("foreign", "blank", "unreadable")
BUCKET_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "foreign": "Foreign address",
        "blank": "No state and no ZIP",
        "unreadable": "State and ZIP not recognised",
    }
)


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
