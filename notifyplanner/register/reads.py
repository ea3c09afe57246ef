"""The register's queries: every read of cases, facts, notices, evidence and logs.

Why a mixin of its own: the storage class was the one module that speaks SQL, and past 850
lines its reads and its writes were hard to review apart. Reads never change the file;
they run on the same connection as the writes (``Register`` inherits them), so a read
right after a write sees it. Multi-query reads take one snapshot (``_read``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from notifyplanner.register import audit
from notifyplanner.register.errors import RegisterError, UnknownCaseError
from notifyplanner.register.records import (
    AuditEntry,
    Case,
    CaseSummary,
    EvidenceInfo,
    FactsVersion,
    HhsLogRow,
    LateReason,
    Method,
    Notice,
    NoticeAction,
    PlanRow,
)
from notifyplanner.register.retention import retain_until

REGISTER_CHAIN = 0  # the case id of the register's own log (deletions)


def iso_date(day: date | None) -> str | None:
    """A day as the register stores it (ISO 8601), or NULL."""
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class RegisterReads:
    """The read half of :class:`~notifyplanner.register.storage.Register`."""

    path: Path
    _db: sqlite3.Connection

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for multi-query reads."""
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._db.execute("COMMIT")

    _CASE_COLUMNS = (
        "id, name, created_at, created_by, facts_version, revision, discovered, affected, "
        "log_head, last_record, retain_years"
    )

    def _case_from(self, row: Sequence[Any]) -> Case:
        created = audit.parse_utc(row[2])
        last = _day(row[9]) or created.date()
        return Case(
            id=row[0],
            name=row[1],
            created_at=created,
            created_by=row[3],
            facts_version=row[4],
            revision=row[5],
            discovered=_day(row[6]),
            affected=row[7],
            retain_until=retain_until(created.date(), last, row[10]),
            log_head=row[8],
        )

    def case(self, case_id: int) -> Case:
        row = self._db.execute(f"SELECT {self._CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise UnknownCaseError(f"no case {case_id} in {self.path}")
        return self._case_from(row)

    def cases(self) -> list[Case]:
        rows = self._db.execute(f"SELECT {self._CASE_COLUMNS} FROM cases ORDER BY id").fetchall()
        return [self._case_from(r) for r in rows]

    def facts(self, case_id: int, version: int | None = None) -> FactsVersion:
        case = self.case(case_id)
        wanted = case.facts_version if version is None else version
        row = self._db.execute(
            "SELECT version, incident_json, saved_at, saved_by, note FROM facts WHERE case_id = ? AND version = ?",
            (case_id, wanted),
        ).fetchone()
        if row is None:
            raise UnknownCaseError(
                f"case {case_id} has no facts version {wanted} (1 to {case.facts_version})"
            )
        return FactsVersion(case_id, row[0], row[1], audit.parse_utc(row[2]), row[3], row[4])

    def versions(self, case_id: int) -> list[FactsVersion]:
        self.case(case_id)
        rows = self._db.execute(
            "SELECT version, incident_json, saved_at, saved_by, note FROM facts WHERE case_id = ? ORDER BY version",
            (case_id,),
        ).fetchall()
        return [FactsVersion(case_id, r[0], r[1], audit.parse_utc(r[2]), r[3], r[4]) for r in rows]

    def evidence(self, case_id: int) -> list[EvidenceInfo]:
        rows = self._db.execute(
            "SELECT id, case_id, key, sha256, size, original_name, added_at, added_by FROM evidence "
            "WHERE case_id = ? ORDER BY id",
            (case_id,),
        ).fetchall()
        return [EvidenceInfo(r[0], r[1], r[2], r[3], r[4], r[5], audit.parse_utc(r[6]), r[7]) for r in rows]

    def evidence_bytes(self, evidence_id: int) -> bytes:
        """The file exactly as added; its SHA-256 is checked so a damaged blob is never
        handed out as proof."""
        row = self._db.execute("SELECT data, sha256 FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise UnknownCaseError(f"no evidence file {evidence_id} in {self.path}")
        data = bytes(row[0])
        if hashlib.sha256(data).hexdigest() != row[1]:
            raise RegisterError(f"evidence file {evidence_id}: its content no longer matches its SHA-256")
        return data

    def notices(self, case_id: int) -> dict[str, Notice]:
        self.case(case_id)
        files: dict[str, list[EvidenceInfo]] = {}
        for info in self.evidence(case_id):
            files.setdefault(info.key, []).append(info)
        rows = self._db.execute(
            "SELECT key, action, sent_on, method, reference, sent_by, note, late_reason, late_reason_text, "
            "skip_reason, recorded_at, recorded_by FROM notices WHERE case_id = ? ORDER BY key",
            (case_id,),
        ).fetchall()
        return {
            r[0]: Notice(
                case_id=case_id,
                key=r[0],
                action=NoticeAction(r[1]),
                sent_on=_day(r[2]),
                method=Method(r[3]) if r[3] else None,
                reference=r[4],
                sent_by=r[5],
                note=r[6],
                late_reason=LateReason(r[7]) if r[7] else None,
                late_reason_text=r[8],
                skip_reason=r[9],
                recorded_at=audit.parse_utc(r[10]),
                recorded_by=r[11],
                evidence=tuple(files.get(r[0], ())),
            )
            for r in rows
        }

    def plan_rows(self, case_id: int) -> list[PlanRow]:
        rows = self._db.execute(
            "SELECT key, status, deadline, recipient FROM plan_rows WHERE case_id = ? ORDER BY key",
            (case_id,),
        ).fetchall()
        return [PlanRow(r[0], r[1], _day(r[2]), r[3]) for r in rows]

    def _entries(self, case_id: int) -> list[AuditEntry]:
        rows = self._db.execute(
            "SELECT seq, at, who, action, detail, prev, hash FROM audit_log WHERE case_id = ? ORDER BY id",
            (case_id,),
        ).fetchall()
        out = []
        for r in rows:
            try:
                detail = json.loads(r[4])
            except ValueError:
                detail = {"unreadable": r[4]}
            try:
                at = audit.parse_utc(r[1])
            except ValueError:
                at = datetime.min.replace(tzinfo=UTC)
            out.append(AuditEntry(case_id, r[0], at, r[2], r[3], detail, r[5], r[6]))
        return out

    def log(self, case_id: int) -> list[AuditEntry]:
        self.case(case_id)
        return self._entries(case_id)

    def verify(self, case_id: int) -> audit.Verification:
        with self._read() as db:
            row = db.execute("SELECT log_count, log_head FROM cases WHERE id = ?", (case_id,)).fetchone()
            if row is None:
                raise UnknownCaseError(f"no case {case_id} in {self.path}")
            return audit.verify_chain(case_id, self._entries(case_id), row[0], row[1])

    def register_log(self) -> list[AuditEntry]:
        return self._entries(REGISTER_CHAIN)

    def verify_register(self) -> audit.Verification:
        with self._read():
            count, head = self._meta_chain()
            return audit.verify_chain(REGISTER_CHAIN, self._entries(REGISTER_CHAIN), count, head)

    def summaries(self, today: date, rules_digest: str = "") -> list[CaseSummary]:
        """Every case with its counts as of ``today``, in one query.

        Counts follow ``grading.py`` (a test holds them to it): a notice not recorded and
        not 'not_required' with a deadline before today is overdue, on or after today
        pending; notices with no fixed deadline count in neither.
        """
        t = today.isoformat()
        rows = self._db.execute(
            """
            SELECT c.id, c.name, c.discovered, c.affected, c.facts_version, c.controlling_deadline,
                   c.created_at, c.last_record, c.retain_years, c.rules_digest,
                   p.next_due, p.overdue, p.pending, n.sent, n.skipped
            FROM cases c
            LEFT JOIN (
                SELECT p.case_id,
                       MIN(CASE WHEN p.deadline >= :t THEN p.deadline END) AS next_due,
                       SUM(p.deadline < :t) AS overdue,
                       SUM(p.deadline >= :t) AS pending
                FROM plan_rows p
                WHERE p.status != 'not_required' AND p.deadline IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.case_id = p.case_id AND n.key = p.key)
                GROUP BY p.case_id
            ) p ON p.case_id = c.id
            LEFT JOIN (
                SELECT case_id, SUM(action = 'sent') AS sent, SUM(action = 'skipped') AS skipped
                FROM notices GROUP BY case_id
            ) n ON n.case_id = c.id
            ORDER BY c.id
            """,
            {"t": t},
        ).fetchall()
        out = []
        for r in rows:
            created = audit.parse_utc(r[6]).date()
            out.append(
                CaseSummary(
                    id=r[0],
                    name=r[1],
                    discovered=_day(r[2]),
                    affected=r[3],
                    facts_version=r[4],
                    controlling_deadline=_day(r[5]),
                    next_due=_day(r[10]),
                    overdue=r[11] or 0,
                    pending=r[12] or 0,
                    sent=r[13] or 0,
                    skipped=r[14] or 0,
                    retain_until=retain_until(created, _day(r[7]) or created, r[8]),
                    plan_current=(r[9] == rules_digest) if rules_digest else True,
                )
            )
        return out

    def stale_cases(self, rules_digest: str) -> list[int]:
        """Cases whose kept plan was made with other rules than ``rules_digest``."""
        rows = self._db.execute("SELECT id FROM cases WHERE rules_digest != ? ORDER BY id", (rules_digest,))
        return [r[0] for r in rows]

    def import_sources(self) -> list[tuple[int, str]]:
        """(case id, the file it was imported from) for every case still in the register
        that was imported from a file: what lets a face notice a second import of one file."""
        rows = self._db.execute(
            "SELECT a.case_id, a.detail FROM audit_log a JOIN cases c ON c.id = a.case_id "
            "WHERE a.action = 'import' ORDER BY a.case_id"
        ).fetchall()
        found = []
        for case_id, detail in rows:
            source = json.loads(detail).get("source")
            if isinstance(source, str) and source:
                found.append((int(case_id), source))
        return found

    def hhs_rows(self, year: int, key: str, due: date) -> list[HhsLogRow]:
        """Cases discovered in ``year`` whose plan owes the notice ``key`` (HHS's annual
        log), with the date that notice was recorded sent."""
        rows = self._db.execute(
            """
            SELECT c.id, c.name, c.affected, c.discovered, n.sent_on
            FROM plan_rows p JOIN cases c ON c.id = p.case_id
            LEFT JOIN notices n ON n.case_id = p.case_id AND n.key = p.key AND n.action = 'sent'
            WHERE p.key = ? AND p.status != 'not_required' AND c.discovered BETWEEN ? AND ?
            ORDER BY c.discovered, c.id
            """,
            (key, f"{year:04d}-01-01", f"{year:04d}-12-31"),
        ).fetchall()
        return [HhsLogRow(r[0], r[1], r[2], date.fromisoformat(r[3]), due, _day(r[4])) for r in rows]

    def _meta_chain(self) -> tuple[int, str]:
        rows = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN ('log_count', 'log_head')"))
        return int(rows["log_count"]), rows["log_head"]
