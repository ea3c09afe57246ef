"""The audit log's hash chain: canonical serialisation, entry hashes, verification.

Pure functions, no SQL: the storage module keeps the entries, this module says what their
hashes must be. Each entry's hash covers its case, position, time, author, action, detail
and the previous entry's hash, serialised canonically (JSON, sorted keys, no spaces, UTC
times with a ``Z``), so an entry edited, removed or moved breaks every hash after it, and
verification names the first entry where the recomputed chain disagrees with the stored one.

Whoever can write the file can recompute a whole chain; that is why the head hash (the last
entry's) goes on every export: a copy that left the machine proves what the log said then.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from notifyplanner.register.records import AuditEntry

GENESIS = "0" * 64  # the "previous hash" of a case's first entry


def utc_text(moment: datetime) -> str:
    """A moment as canonical UTC text, microseconds included: ``2026-04-02T14:03:07.123456Z``."""
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware (UTC)")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def canonical_json(value: Any) -> str:
    """One byte-exact text per value: sorted keys, no whitespace, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def entry_hash(case_id: int, seq: int, at: str, who: str, action: str, detail: Any, prev: str) -> str:
    body = {
        "case": case_id,
        "seq": seq,
        "at": at,
        "who": who,
        "action": action,
        "detail": detail,
        "prev": prev,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def hash_of(entry: AuditEntry) -> str:
    return entry_hash(
        entry.case_id, entry.seq, utc_text(entry.at), entry.who, entry.action, entry.detail, entry.prev
    )


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a case's chain. ``first_bad`` is the position (seq) of the
    first entry that does not fit, with ``problem`` saying how; None when intact."""

    case_id: int
    entries: int
    head: str
    first_bad: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad is None

    def __str__(self) -> str:
        if self.ok:
            return f"case {self.case_id}: log intact, {self.entries} entries, head {self.head}"
        return f"case {self.case_id}: log broken at entry {self.first_bad}: {self.problem}"


def verify_chain(
    case_id: int,
    entries: Sequence[AuditEntry],
    expected_count: int | None = None,
    expected_head: str | None = None,
) -> Verification:
    """Re-derive the chain over ``entries`` (in stored order) and name the first bad entry.

    ``expected_count`` and ``expected_head`` are what the case header says the log ends
    with; they catch the last entries being cut off, which a chain alone cannot show.
    """
    prev = GENESIS
    seqs = {entry.seq for entry in entries}
    for position, entry in enumerate(entries, start=1):
        if entry.seq != position:
            what = "is out of order" if position in seqs else "is missing"
            return Verification(case_id, len(entries), prev, position, f"entry {position} {what}")
        if entry.prev != prev:
            return Verification(
                case_id,
                len(entries),
                prev,
                position,
                "does not follow the entry before it (an entry was removed or the order changed)",
            )
        if hash_of(entry) != entry.hash:
            return Verification(
                case_id, len(entries), prev, position, f"its content was changed ({entry.action})"
            )
        prev = entry.hash
    count = len(entries)
    if expected_count is not None and expected_count != count:
        return Verification(
            case_id, count, prev, count + 1, f"the log should hold {expected_count} entries, holds {count}"
        )
    if expected_head is not None and expected_head != prev:
        return Verification(case_id, count, prev, count, "the log's last entry is not the one recorded")
    return Verification(case_id, count, prev)


__all__ = [
    "GENESIS",
    "Verification",
    "canonical_json",
    "entry_hash",
    "hash_of",
    "parse_utc",
    "utc_text",
    "verify_chain",
]
