"""The register's storage: with its reads (``reads.py``), the only code that speaks SQL.

One SQLite file (standard library ``sqlite3``) holds every case: its facts versions, the
notices recorded, evidence files, a cache of each plan's deadlines for fast lists, and an
append-only, hash-chained audit log. Everything above this module works with the frozen
values of ``records.py``; a shared server database for a team could replace this class
without touching the engine, the grading or the app.

Interface (everything a face or the service layer may call)::

    Register.open(path, create=True) -> Register      # also a context manager; .close()
    # reads
    .case(case_id) -> Case                  .cases() -> list[Case]
    .facts(case_id, version=None) -> FactsVersion    .versions(case_id) -> list[FactsVersion]
    .notices(case_id) -> dict[key, Notice]  .evidence(case_id) -> list[EvidenceInfo]
    .evidence_bytes(evidence_id) -> bytes    .plan_rows(case_id) -> list[PlanRow]
    .log(case_id) -> list[AuditEntry]        .verify(case_id) -> audit.Verification
    .summaries(today, rules_digest) -> list[CaseSummary]   # the register view, one query
    .stale_cases(rules_digest) -> list[int]  # plans kept with other rules
    .hhs_rows(year, key, due) -> list[HhsLogRow]
    .import_sources() -> list[(case_id, source)]  # the file each case was imported from
    # writes: one transaction each; ``expected_revision`` is the Case.revision the caller
    # read; if anyone changed the case since, ConflictError and nothing is written
    .create_case(incident_json, index, who) -> Case
    .save_facts(case_id, FactsChange, who, expected_revision) -> Case
    .record_notice(case_id, NewNotice, who, expected_revision, then_facts=None) -> Case
    .add_evidence(case_id, key, name, data, who, expected_revision) -> Case
    .log_event(case_id, action, detail, who, expected_revision=None) -> AuditEntry
    .refresh_index(case_id, index)           # derived data only (rules changed); not logged
    .delete_case(case_id, today, who, override_reason=None) # refuses before retain_until
    .backup(out_path)                        # SQLite's online backup API
    .register_log() / .verify_register()     # the register's own chain (deletions)

The reads are a mixin in ``reads.py`` and the checks made before a file is opened are in
``files.py``; this module keeps the lifecycle and every write.

Safety, and why:

- Transactions for every change (``BEGIN IMMEDIATE``), so a crash leaves the last whole
  change; ``synchronous=FULL`` because these are legal records, not a cache.
- WAL with a busy timeout, so the app and the command line can use the file at once.
- Optimistic concurrency: each case has a ``revision`` bumped by every change; a write
  names the revision it was based on, and a mismatch is a :class:`ConflictError`. A
  change made from two places at once is detected, never silently lost.
- Schema migrations by ``PRAGMA user_version``, one step at a time from every earlier
  version (``MIGRATIONS``); a file from a newer program is refused, not downgraded.
- A new file is created owner-only (0600) before SQLite touches it; SQLite gives its WAL
  and shared-memory files the same mode.
- A file that is not ours (wrong header, another program's SQLite database, a damaged
  file) is refused with one line naming it, after reading it read-only: nothing is written,
  no WAL file is created.
- The audit log is append-only: triggers refuse UPDATE, and DELETE while its case exists.
  Anyone with sqlite3 can drop a trigger, hence the hash chain (``audit.py``) and the head
  hash on every export.
- Evidence is stored as a blob with its SHA-256, size and original name; it is handed back
  byte for byte and never opened or executed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from notifyplanner.register import audit
from notifyplanner.register.errors import (
    ConflictError,
    NotARegisterError,
    RegisterError,
    RetentionError,
    UnknownCaseError,
)
from notifyplanner.register.files import check_existing, create_file
from notifyplanner.register.reads import REGISTER_CHAIN, RegisterReads, iso_date
from notifyplanner.register.records import (
    AuditEntry,
    Case,
    NewNotice,
    NoticeAction,
    PlanRow,
)
from notifyplanner.register.retention import HIPAA_RETENTION_YEARS, may_delete
from notifyplanner.register.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class CaseIndex:
    """What the register keeps beside a facts version so it can list, sort and count
    without re-planning: computed by the caller from the incident and its plan."""

    name: str
    discovered: date | None
    affected: int | None
    controlling_deadline: date | None
    rows: tuple[PlanRow, ...]
    rules_digest: str = ""
    retain_years: int = HIPAA_RETENTION_YEARS


@dataclass(frozen=True)
class FactsChange:
    """A new facts version to save: the incident file's JSON text, its index, and the log
    entry's ``detail`` (the facts diff and the plan diff)."""

    incident_json: str
    index: CaseIndex
    detail: dict[str, Any]
    note: str = ""


def now_utc() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- the register


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """SQLite's own errors surface as one line naming the file: a page damaged after the
    opening checks passed, a full disk, a file locked for longer than the busy timeout."""

    @functools.wraps(method)
    def wrapper(self: Register, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise RegisterError(f"{self.path}: {exc}; nothing was changed") from exc
        except sqlite3.DatabaseError as exc:
            raise NotARegisterError(f"{self.path}: damaged register ({exc}); nothing was changed") from exc

    return wrapper


class Register(RegisterReads):
    """A register file, open. Not thread-safe: one ``Register`` per thread."""

    def __init_subclass__(cls, **kwargs: Any) -> None:  # a server-backed subclass is guarded too
        super().__init_subclass__(**kwargs)
        _guard_public_methods(cls)

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._db = connection

    # ---- lifecycle

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Register:
        path = Path(path)
        created = False
        if path.exists():
            check_existing(path)
        elif not create:
            raise RegisterError(f"{path}: no such register")
        else:
            create_file(path)
            created = True
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA journal_mode = WAL")
            register = cls(path, connection)
            register._migrate()
        except sqlite3.DatabaseError as exc:
            if created:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise NotARegisterError(f"{path}: cannot open the register ({exc})") from None
        return register

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._write() as db:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            for step in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {step + 1}")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken for writing at once so two writers queue, not deadlock."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise RegisterError(f"{self.path}: the register is busy ({exc}); try again") from None
            raise RegisterError(f"{self.path}: cannot write ({exc}); nothing was changed") from None
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # ---- writes

    def _locked_case(self, db: sqlite3.Connection, case_id: int, expected_revision: int | None) -> int:
        row = db.execute("SELECT revision FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise UnknownCaseError(f"no case {case_id} in {self.path}")
        if expected_revision is not None and row[0] != expected_revision:
            raise ConflictError(
                f"case {case_id} was changed elsewhere (revision {row[0]}, this change was based on "
                f"{expected_revision}); reload it and try again. Nothing was written"
            )
        return int(row[0])

    def _append(
        self,
        db: sqlite3.Connection,
        case_id: int,
        action: str,
        detail: dict[str, Any],
        who: str,
        at: datetime,
    ) -> AuditEntry:
        if case_id == REGISTER_CHAIN:
            count, prev = self._meta_chain()
        else:
            count, prev = db.execute(
                "SELECT log_count, log_head FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
        seq = count + 1
        at_text = audit.utc_text(at)
        detail = json.loads(audit.canonical_json(detail))  # what is hashed is what is stored
        digest = audit.entry_hash(case_id, seq, at_text, who, action, detail, prev)
        db.execute(
            "INSERT INTO audit_log (case_id, seq, at, who, action, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, seq, at_text, who, action, audit.canonical_json(detail), prev, digest),
        )
        if case_id == REGISTER_CHAIN:
            db.execute("UPDATE meta SET value = ? WHERE key = 'log_count'", (str(seq),))
            db.execute("UPDATE meta SET value = ? WHERE key = 'log_head'", (digest,))
        else:
            db.execute("UPDATE cases SET log_count = ?, log_head = ? WHERE id = ?", (seq, digest, case_id))
        return AuditEntry(case_id, seq, audit.parse_utc(at_text), who, action, detail, prev, digest)

    def _store_index(self, db: sqlite3.Connection, case_id: int, index: CaseIndex) -> None:
        db.execute(
            "UPDATE cases SET name = ?, discovered = ?, affected = ?, controlling_deadline = ?, rules_digest = ?, "
            "retain_years = ? WHERE id = ?",
            (
                index.name,
                iso_date(index.discovered),
                index.affected,
                iso_date(index.controlling_deadline),
                index.rules_digest,
                index.retain_years,
                case_id,
            ),
        )
        db.execute("DELETE FROM plan_rows WHERE case_id = ?", (case_id,))
        db.executemany(
            "INSERT INTO plan_rows (case_id, key, status, deadline, recipient) VALUES (?, ?, ?, ?, ?)",
            [(case_id, r.key, r.status, iso_date(r.deadline), r.recipient) for r in index.rows],
        )

    def _touch(self, db: sqlite3.Connection, case_id: int, at: datetime, latest: date | None = None) -> None:
        """A change: bump the revision, and move the last record date (retention runs from it)."""
        day = max(at.date(), latest) if latest else at.date()
        db.execute(
            "UPDATE cases SET revision = revision + 1, "
            "last_record = CASE WHEN last_record IS NULL OR last_record < ? THEN ? ELSE last_record END "
            "WHERE id = ?",
            (day.isoformat(), day.isoformat(), case_id),
        )

    def create_case(
        self, incident_json: str, index: CaseIndex, who: str, detail: dict[str, Any] | None = None
    ) -> Case:
        """A new case with its first facts version, logged as an import."""
        at = now_utc()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO cases (name, created_at, created_by, facts_version, revision, log_count, log_head, "
                "last_record) VALUES (?, ?, ?, 1, 1, 0, ?, ?)",
                (index.name, audit.utc_text(at), who, audit.GENESIS, at.date().isoformat()),
            )
            case_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO facts (case_id, version, incident_json, saved_at, saved_by) VALUES (?, 1, ?, ?, ?)",
                (case_id, incident_json, audit.utc_text(at), who),
            )
            self._store_index(db, case_id, index)
            self._append(
                db, case_id, "import", {"facts_version": 1, "name": index.name, **(detail or {})}, who, at
            )
        return self.case(case_id)

    def save_facts(self, case_id: int, change: FactsChange, who: str, *, expected_revision: int) -> Case:
        """A new facts version (the old ones are kept), logged with the change's detail."""
        at = now_utc()
        with self._write() as db:
            self._locked_case(db, case_id, expected_revision)
            self._save_facts(db, case_id, change, who, at)
        return self.case(case_id)

    def _save_facts(
        self, db: sqlite3.Connection, case_id: int, change: FactsChange, who: str, at: datetime
    ) -> None:
        (version,) = db.execute("SELECT facts_version FROM cases WHERE id = ?", (case_id,)).fetchone()
        version += 1
        db.execute(
            "INSERT INTO facts (case_id, version, incident_json, saved_at, saved_by, note) VALUES (?, ?, ?, ?, ?, ?)",
            (case_id, version, change.incident_json, audit.utc_text(at), who, change.note),
        )
        db.execute("UPDATE cases SET facts_version = ? WHERE id = ?", (version, case_id))
        self._store_index(db, case_id, change.index)
        self._touch(db, case_id, at)
        detail = {"facts_version": version, "note": change.note, **change.detail}
        self._append(db, case_id, "facts", detail, who, at)

    def _insert_evidence(
        self, db: sqlite3.Connection, case_id: int, key: str, name: str, data: bytes, who: str, at: datetime
    ) -> None:
        digest = hashlib.sha256(data).hexdigest()
        cursor = db.execute(
            "INSERT INTO evidence (case_id, key, sha256, size, original_name, added_at, added_by, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, key, digest, len(data), name, audit.utc_text(at), who, sqlite3.Binary(data)),
        )
        self._append(
            db,
            case_id,
            "evidence_added",
            {"key": key, "evidence_id": cursor.lastrowid, "name": name, "sha256": digest, "size": len(data)},
            who,
            at,
        )

    def record_notice(
        self,
        case_id: int,
        notice: NewNotice,
        who: str,
        *,
        expected_revision: int,
        then_facts: FactsChange | None = None,
    ) -> Case:
        """Record a notice as sent or decided not to send; replaces an earlier record for the
        same key (the log keeps what it replaced). Evidence files are stored with it, and
        ``then_facts`` (individuals_notified filled in from this notice) in the same
        transaction: both land, or neither."""
        at = now_utc()
        with self._write() as db:
            self._locked_case(db, case_id, expected_revision)
            old = db.execute(
                "SELECT action, sent_on, method, reference, late_reason, skip_reason FROM notices "
                "WHERE case_id = ? AND key = ?",
                (case_id, notice.key),
            ).fetchone()
            db.execute(
                "INSERT OR REPLACE INTO notices (case_id, key, action, sent_on, method, reference, sent_by, note, "
                "late_reason, late_reason_text, skip_reason, recorded_at, recorded_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    notice.key,
                    notice.action.value,
                    iso_date(notice.sent_on),
                    notice.method.value if notice.method else None,
                    notice.reference,
                    notice.sent_by,
                    notice.note,
                    notice.late_reason.value if notice.late_reason else None,
                    notice.late_reason_text,
                    notice.skip_reason,
                    audit.utc_text(at),
                    who,
                ),
            )
            detail: dict[str, Any] = {"key": notice.key}
            if notice.action is NoticeAction.SENT:
                detail |= {
                    "sent_on": iso_date(notice.sent_on),
                    "method": notice.method.value if notice.method else None,
                    "reference": notice.reference,
                    "sent_by": notice.sent_by,
                    "note": notice.note,
                    "late_reason": notice.late_reason.value if notice.late_reason else None,
                    "late_reason_text": notice.late_reason_text,
                }
            else:
                detail |= {"reason": notice.skip_reason, "note": notice.note}
            if old is not None:
                detail["replaces"] = dict(
                    zip(
                        ("action", "sent_on", "method", "reference", "late_reason", "skip_reason"),
                        old,
                        strict=True,
                    )
                )
            action = "notice_sent" if notice.action is NoticeAction.SENT else "notice_skipped"
            self._append(db, case_id, action, detail, who, at)
            for name, data in notice.evidence:
                self._insert_evidence(db, case_id, notice.key, name, data, who, at)
            self._touch(db, case_id, at, notice.sent_on)
            if then_facts is not None:
                self._save_facts(db, case_id, then_facts, who, at)
        return self.case(case_id)

    def add_evidence(
        self, case_id: int, key: str, name: str, data: bytes, who: str, *, expected_revision: int
    ) -> Case:
        at = now_utc()
        with self._write() as db:
            self._locked_case(db, case_id, expected_revision)
            self._insert_evidence(db, case_id, key, name, data, who, at)
            self._touch(db, case_id, at)
        return self.case(case_id)

    def log_event(
        self,
        case_id: int,
        action: str,
        detail: dict[str, Any],
        who: str,
        *,
        expected_revision: int | None = None,
    ) -> AuditEntry:
        """Log something that is not a stored change: an export, a decision, an answer.

        With ``expected_revision`` it counts as a change of the case (a decision): the
        revision is checked and bumped. Without it (an export) the revision is left alone,
        so a window holding the case is not told it changed.
        """
        at = now_utc()
        with self._write() as db:
            self._locked_case(db, case_id, expected_revision)
            entry = self._append(db, case_id, action, detail, who, at)
            if expected_revision is not None:
                self._touch(db, case_id, at)
        return entry

    def refresh_index(self, case_id: int, index: CaseIndex) -> None:
        """Replace the derived plan data (after the rules changed); the facts are untouched,
        so nothing is logged and the revision stays."""
        with self._write() as db:
            self._locked_case(db, case_id, None)
            self._store_index(db, case_id, index)

    def delete_case(self, case_id: int, today: date, who: str, override_reason: str | None = None) -> None:
        """Delete a case and everything it holds, only once its retention period has run
        (45 CFR 164.530(j)(2)) or with an override reason. Either way the deletion, with
        the case's last log hash, goes on the register's own chain."""
        at = now_utc()
        with self._write() as db:
            self._locked_case(db, case_id, None)
            case = self.case(case_id)
            early = not may_delete(case.retain_until, today)
            if early and not (override_reason or "").strip():
                raise RetentionError(
                    f"case {case_id} must be kept until {iso_date(case.retain_until)} "
                    "(45 CFR 164.530(j)(2)); deleting earlier needs an override reason. Nothing was deleted"
                )
            self._append(
                db,
                REGISTER_CHAIN,
                "case_deleted",
                {
                    "case": case_id,
                    "name": case.name,
                    "retain_until": iso_date(case.retain_until),
                    "before_retention_end": early,
                    "override_reason": override_reason or "",
                    "log_head": case.log_head,
                    "on": today.isoformat(),
                },
                who,
                at,
            )
            db.execute("DELETE FROM cases WHERE id = ?", (case_id,))
            db.execute("DELETE FROM audit_log WHERE case_id = ?", (case_id,))

    def backup(self, out: Path | str) -> None:
        """A consistent copy through SQLite's online backup API, safe while others write.
        The copy is owner-only like the register; an existing file is not overwritten."""
        out = Path(out)
        if out.exists():
            raise RegisterError(f"{out}: already exists; choose a new file name")
        create_file(out)
        try:
            target = sqlite3.connect(out)
            try:
                self._db.backup(target)
            finally:
                target.close()
        except BaseException:
            with contextlib.suppress(OSError):
                out.unlink()
            raise


__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "CaseIndex",
    "ConflictError",
    "FactsChange",
    "NotARegisterError",
    "Register",
    "RegisterError",
    "RetentionError",
    "UnknownCaseError",
]


def _guard_public_methods(cls: type) -> None:
    for name, value in list(vars(cls).items()):
        if (
            not name.startswith("_")
            and callable(value)
            and not isinstance(value, (classmethod, staticmethod))
        ):
            setattr(cls, name, _guarded(value))


_guard_public_methods(RegisterReads)
_guard_public_methods(Register)
