"""What the register holds, as frozen dataclasses shared by the storage, the grading and the faces.

These are plain values: the storage module turns rows into them and back, and nothing else
knows a row exists. A server-backed register would return the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Method(StrEnum):
    """How a notice went out. The statutes name these (mail, e-mail, substitute notice by
    website and press release: 45 CFR 164.404(d); Cal. Civ. Code 1798.82(j)), and a regulator
    asks for them."""

    MAIL = "mail"
    EMAIL = "email"
    PORTAL = "portal"
    FAX = "fax"
    PHONE = "phone"
    SUBSTITUTE_NOTICE = "substitute_notice"
    PRESS_RELEASE = "press_release"
    OTHER = "other"


class LateReason(StrEnum):
    """Why a notice went out after its deadline. Recorded because the covered entity bears
    the burden of showing every notice was made as required (45 CFR 164.414(b))."""

    LAW_ENFORCEMENT_DELAY = "law_enforcement_delay"
    SCOPE_BEING_DETERMINED = "scope_being_determined"
    OTHER = "other"


class NoticeAction(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # decided not to send, with the reason


@dataclass(frozen=True)
class EvidenceInfo:
    """A file kept as proof. The bytes stay in the register; this is what a list shows."""

    id: int
    case_id: int
    key: str  # the obligation the file proves
    sha256: str
    size: int
    original_name: str
    added_at: datetime  # UTC
    added_by: str


@dataclass(frozen=True)
class Notice:
    """The current record for one obligation of one case: sent, or decided not to send.

    One per (case, key); a correction replaces it and the audit log keeps the old one.
    """

    case_id: int
    key: str
    action: NoticeAction
    recorded_at: datetime  # UTC
    recorded_by: str
    sent_on: date | None = None
    method: Method | None = None
    reference: str = ""
    sent_by: str = ""
    note: str = ""
    late_reason: LateReason | None = None
    late_reason_text: str = ""
    skip_reason: str = ""
    evidence: tuple[EvidenceInfo, ...] = ()


@dataclass(frozen=True)
class NewNotice:
    """What a caller asks the register to record (the register stamps when and who)."""

    key: str
    action: NoticeAction
    sent_on: date | None = None
    method: Method | None = None
    reference: str = ""
    sent_by: str = ""
    note: str = ""
    late_reason: LateReason | None = None
    late_reason_text: str = ""
    skip_reason: str = ""
    # (original file name, bytes) pairs stored with the notice, never opened
    evidence: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class FactsVersion:
    """One saved state of an incident's facts: the incident file's JSON text as saved."""

    case_id: int
    version: int
    incident_json: str
    saved_at: datetime  # UTC
    saved_by: str
    note: str = ""


@dataclass(frozen=True)
class Case:
    """A case's header: what the register knows without planning."""

    id: int
    name: str
    created_at: datetime
    created_by: str
    facts_version: int  # the latest saved version
    revision: int  # bumped by every change; callers pass it back to detect a concurrent change
    discovered: date | None
    affected: int | None
    retain_until: date | None
    log_head: str  # hash of the last audit entry


@dataclass(frozen=True)
class PlanRow:
    """The part of a plan the register keeps beside the facts so lists need no re-plan."""

    key: str
    status: str  # Status value
    deadline: date | None
    recipient: str


@dataclass(frozen=True)
class CaseSummary:
    """One line of the register view, counted as of ``today``."""

    id: int
    name: str
    discovered: date | None
    affected: int | None
    facts_version: int
    controlling_deadline: date | None
    next_due: date | None  # earliest deadline not yet passed of a notice not recorded
    overdue: int
    pending: int
    sent: int
    skipped: int
    retain_until: date | None
    plan_current: bool  # False when the plan was kept with other rules than the ones loaded


@dataclass(frozen=True)
class AuditEntry:
    """One line of a case's append-only log; ``hash`` covers every other field and ``prev``."""

    case_id: int
    seq: int
    at: datetime  # UTC
    who: str
    action: str
    detail: dict[str, Any] = field(default_factory=dict)
    prev: str = ""
    hash: str = ""


@dataclass(frozen=True)
class HhsLogRow:
    """A breach of fewer than 500 people for the annual HHS report (45 CFR 164.408(c))."""

    case_id: int
    name: str
    affected: int | None
    discovered: date
    due: date
    submitted_on: date | None
