"""The register's operations on cases: storage + engine + grading, for the CLI and the app.

The faces call this module; it plans with the engine, grades with ``grading.py``, computes
what changed with ``changes.py`` and stores through ``storage.Register`` (which alone knows
SQL). Every method that changes a case takes ``expected_revision`` (the ``Case.revision``
the caller's view was built from): a window that has been open while the command line
changed the case gets a :class:`~notifyplanner.register.storage.ConflictError`, never a
silent overwrite. ``None`` means "the case as it is now" (a one-shot command).

One truth for "individuals notified": recording an individual notice as sent fills the
incident's ``individuals_notified`` when it is empty (a new facts version, logged); when it
holds another date, :meth:`CaseService.mark_sent` returns an
:class:`IndividualsNotifiedDisagreement` and changes no facts. The app asks which date is
right and calls :meth:`CaseService.resolve_individuals_notified`, which logs the answer.
:meth:`CaseService.update` reports the same disagreement (``UpdateResult.disagreement``)
when new facts give a date the recorded individual notices contradict.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from notifyplanner import __version__
from notifyplanner.engine import plan as make_plan
from notifyplanner.incident_file import dumps, incident_to_dict, loads
from notifyplanner.model import Incident, Plan, Recipient, Rulebook, Status
from notifyplanner.register.changes import FieldChange, PlanDiff, facts_diff, plan_diff
from notifyplanner.register.grading import (
    Grade,
    days_late,
    grade_plan,
    individuals_notified_from,
    orphaned_notices,
)
from notifyplanner.register.hhs_log import HHS_ANNUAL_KEY, hhs_log_due
from notifyplanner.register.records import (
    Case,
    CaseSummary,
    HhsLogRow,
    LateReason,
    Method,
    NewNotice,
    Notice,
    NoticeAction,
    PlanRow,
)
from notifyplanner.register.retention import retention_basis
from notifyplanner.register.storage import (
    CaseIndex,
    FactsChange,
    Register,
    RegisterError,
    UnknownCaseError,
)
from notifyplanner.safe_read import InputError, read_bytes
from notifyplanner.userdirs import same_file_key


class UnknownKeyError(RegisterError):
    pass


class LateReasonNeeded(RegisterError):
    """A notice sent after its deadline must say why (45 CFR 164.414(b) burden of proof)."""

    def __init__(self, key: str, deadline: date, late: int):
        self.key, self.deadline, self.days_late = key, deadline, late
        super().__init__(
            f"{key}: sent {late} days after its deadline {deadline.isoformat()}; give the reason "
            f"({', '.join(r.value for r in LateReason)} or your own words)"
        )


class EvidenceFileError(RegisterError):
    pass


def default_user() -> str:
    """Who made a change: the OS user name unless the app's Preferences set another."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def rules_digest(rulebook: Rulebook) -> str:
    """A fingerprint of the rules a plan was made with, so a stale plan cache is known: the
    bytes of every rule file and the program's version (the engine may change too)."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for code, jurisdiction in sorted(rulebook.jurisdictions.items()):
        digest.update(code.encode("utf-8"))
        try:
            digest.update(Path(jurisdiction.source_file).read_bytes())
        except OSError:  # a rulebook built in memory: its dates stand for its content
            digest.update(
                repr((jurisdiction.last_reviewed, [v.effective_from for v in jurisdiction.versions])).encode()
            )
    return digest.hexdigest()[:16]


def case_index(incident: Incident, result: Plan, digest: str) -> CaseIndex:
    return CaseIndex(
        name=incident.name,
        discovered=incident.discovered,
        affected=incident.affected_total,
        controlling_deadline=result.controlling_deadline,
        rows=tuple(PlanRow(o.key, o.status.value, o.deadline, o.recipient.value) for o in result.obligations),
        rules_digest=digest,
    )


@dataclass(frozen=True)
class GradedCase:
    case: Case
    incident: Incident
    plan: Plan
    grades: tuple[Grade, ...]
    orphans: tuple[Notice, ...]  # notices recorded for keys the plan no longer lists
    facts_version: int

    @property
    def retention_basis(self) -> str:
        """Why ``case.retain_until`` is what it is (HIPAA's rule, or the register's default)."""
        hipaa = any(
            o.jurisdiction == "HIPAA" and o.status is not Status.NOT_REQUIRED for o in self.plan.obligations
        )
        return retention_basis(hipaa)

    def grade(self, key: str) -> Grade | None:
        return next((g for g in self.grades if g.key == key), None)


@dataclass(frozen=True)
class UpdateResult:
    case: Case
    facts: tuple[FieldChange, ...]
    plan: PlanDiff
    # the new facts' individuals_notified differs from the individual notices recorded sent
    disagreement: IndividualsNotifiedDisagreement | None = None


@dataclass(frozen=True)
class IndividualsNotifiedDisagreement:
    """The facts say one date for individuals notified, a recorded notice another."""

    case_id: int
    facts_date: date | None  # None: the facts (as edited) give no date
    notice_key: str
    notice_date: date

    def __str__(self) -> str:
        said = (
            f"individuals were notified {self.facts_date.isoformat()}"
            if self.facts_date
            else "no date individuals were notified"
        )
        return (
            f"case {self.case_id}: the facts say {said}, "
            f"{self.notice_key} was recorded sent {self.notice_date.isoformat()}; which is right?"
        )

    def to_dict(self) -> dict[str, str | None]:
        """The disagreement as the log keeps it (with the answer added)."""
        return {
            "facts_date": self.facts_date.isoformat() if self.facts_date else None,
            "notice_key": self.notice_key,
            "notice_date": self.notice_date.isoformat(),
        }


@dataclass(frozen=True)
class SentResult:
    case: Case
    grade: Grade
    facts_updated: UpdateResult | None = None  # individuals_notified filled in from the notice
    disagreement: IndividualsNotifiedDisagreement | None = None


class CaseService:
    def __init__(self, register: Register, rulebook: Rulebook, who: str | None = None):
        self.register = register
        self.rulebook = rulebook
        self.who = who or default_user()
        self.digest = rules_digest(rulebook)

    # ---- reading

    def incident(self, case_id: int, version: int | None = None) -> Incident:
        facts = self.register.facts(case_id, version)
        return loads(facts.incident_json, f"case {case_id} version {facts.version}", check=False)

    def plan(self, case_id: int, version: int | None = None) -> Plan:
        """The plan as of a saved facts version (default: the latest), recomputed."""
        return make_plan(self.incident(case_id, version), self.rulebook)

    def graded(self, case_id: int, today: date, version: int | None = None) -> GradedCase:
        case = self.register.case(case_id)
        facts = self.register.facts(case_id, version)
        incident = loads(facts.incident_json, f"case {case_id} version {facts.version}", check=False)
        result = make_plan(incident, self.rulebook)
        notices = self.register.notices(case_id)
        return GradedCase(
            case,
            incident,
            result,
            grade_plan(result, notices, today),
            orphaned_notices(result, notices),
            facts.version,
        )

    def summaries(self, today: date) -> list[CaseSummary]:
        """The register view. Plans kept with other rules are re-planned first (once)."""
        self.refresh_stale()
        return self.register.summaries(today, self.digest)

    def refresh_stale(self) -> int:
        """Re-plan the cases whose kept plan was made with other rules; how many were."""
        stale = self.register.stale_cases(self.digest)
        for case_id in stale:
            self.refresh(case_id)
        return len(stale)

    def refresh(self, case_id: int) -> None:
        incident = self.incident(case_id)
        self.register.refresh_index(
            case_id, case_index(incident, make_plan(incident, self.rulebook), self.digest)
        )

    def cases_imported_from(self, path: Path | str) -> list[int]:
        """The cases imported from the file at ``path`` (compared as absolute paths, case-
        insensitively where the platform's file names are), oldest first: a second import
        of one file is usually a mistake, and the app asks before making a duplicate."""
        wanted = same_file_key(path)
        return [
            case_id for case_id, source in self.register.import_sources() if same_file_key(source) == wanted
        ]

    def hhs_log(self, year: int) -> list[HhsLogRow]:
        """Breaches of fewer than 500 discovered in ``year`` (45 CFR 164.408(c)): the cases
        whose plan owes HHS's annual report, each with the date it was recorded submitted."""
        self.refresh_stale()  # so the list follows the rules loaded
        return self.register.hhs_rows(year, HHS_ANNUAL_KEY, hhs_log_due(year))

    # ---- changing

    def _revision(self, case_id: int, expected: int | None) -> int:
        return self.register.case(case_id).revision if expected is None else expected

    def import_incident(self, incident: Incident, source: str = "") -> Case:
        result = make_plan(incident, self.rulebook)
        detail = {"source": source} if source else {}
        return self.register.create_case(
            dumps(incident), case_index(incident, result, self.digest), self.who, detail
        )

    def update(
        self, case_id: int, incident: Incident, *, expected_revision: int | None = None, note: str = ""
    ) -> UpdateResult:
        """Save new facts as a new version; the log entry carries the facts diff and the
        plan diff (notices added or dropped, deadlines moved, status changed)."""
        revision = self._revision(case_id, expected_revision)
        change = self._facts_change(case_id, incident, note)
        if change is None:  # nothing to save: a version is a change, not a save click
            return UpdateResult(self.register.case(case_id), (), PlanDiff())
        facts, fields, changes = change
        case = self.register.save_facts(case_id, facts, self.who, expected_revision=revision)
        return UpdateResult(case, fields, changes, self._disagreement(case_id, incident))

    def _disagreement(self, case_id: int, incident: Incident) -> IndividualsNotifiedDisagreement | None:
        """What ``update`` reports: only a date that contradicts the notices (an empty one is
        filled in by the next individual notice recorded)."""
        if incident.individuals_notified is None:
            return None
        return self.individuals_notified_disagreement(case_id, incident)

    def individuals_notified_disagreement(
        self, case_id: int, incident: Incident
    ) -> IndividualsNotifiedDisagreement | None:
        """``incident``'s individuals_notified (facts about to be saved, or saved) against the
        individual notices recorded sent for the case; None when they agree or none is sent.
        A date cleared while notices are recorded is a disagreement too (``facts_date`` None):
        the app asks before saving either, and logs the answer through
        :meth:`resolve_individuals_notified`."""
        result = make_plan(incident, self.rulebook)
        notices = self.register.notices(case_id)
        recorded = individuals_notified_from(result, notices)
        if recorded is None or recorded == incident.individuals_notified:
            return None
        key = min(
            (
                k
                for k, n in notices.items()
                if n.sent_on == recorded and any(o.key == k for o in result.obligations)
            ),
            default="",
        )
        return IndividualsNotifiedDisagreement(case_id, incident.individuals_notified, key, recorded)

    def _facts_change(
        self, case_id: int, incident: Incident, note: str
    ) -> tuple[FactsChange, tuple[FieldChange, ...], PlanDiff] | None:
        old = self.incident(case_id)
        fields = facts_diff(incident_to_dict(old), incident_to_dict(incident))
        if not fields:
            return None
        new_plan = make_plan(incident, self.rulebook)
        changes = plan_diff(make_plan(old, self.rulebook), new_plan)
        detail = {
            "changes": [{"field": f.field, "from": f.old, "to": f.new} for f in fields],
            "plan": changes.to_dict(),
        }
        return (
            FactsChange(dumps(incident), case_index(incident, new_plan, self.digest), detail, note),
            fields,
            changes,
        )

    def _obligation(self, case_id: int, key: str) -> Any:
        result = self.plan(case_id)
        ob = next((o for o in result.obligations if o.key == key), None)
        if ob is None:
            raise UnknownKeyError(f"case {case_id} has no notice {key!r} (see 'case plan {case_id}')")
        return ob

    def mark_sent(
        self,
        case_id: int,
        key: str,
        sent_on: date,
        method: Method,
        *,
        reference: str = "",
        sent_by: str = "",
        note: str = "",
        late_reason: LateReason | None = None,
        late_reason_text: str = "",
        evidence: Sequence[Path | tuple[str, bytes]] = (),
        today: date | None = None,
        expected_revision: int | None = None,
    ) -> SentResult:
        """Record a notice as sent. Refused (nothing written) for an unknown key, a date after
        ``today``, a missing evidence file, or a late notice without a reason."""
        revision = self._revision(case_id, expected_revision)
        ob = self._obligation(case_id, key)
        today = today or date.today()
        if sent_on > today:
            raise RegisterError(f"{key}: sent on {sent_on.isoformat()} is after today ({today.isoformat()})")
        late = days_late(ob, sent_on)
        if late and late_reason is None:
            raise LateReasonNeeded(key, ob.deadline, late)
        files = read_evidence(evidence)
        # One truth for individuals_notified: filled from this notice in the same transaction
        # when empty; a different date already there is reported, never overwritten.
        updated, disagreement, then_facts = None, None, None
        if ob.recipient is Recipient.INDIVIDUALS:
            incident = self.incident(case_id)
            if incident.individuals_notified is None:
                change = self._facts_change(
                    case_id,
                    replace(incident, individuals_notified=sent_on),
                    f"individuals_notified set from notice {key}",
                )
                if change is not None:
                    then_facts = change[0]
                    updated = change
            elif incident.individuals_notified != sent_on:
                disagreement = IndividualsNotifiedDisagreement(
                    case_id, incident.individuals_notified, key, sent_on
                )
        case = self.register.record_notice(
            case_id,
            NewNotice(
                key=key,
                action=NoticeAction.SENT,
                sent_on=sent_on,
                method=method,
                reference=reference,
                sent_by=sent_by or self.who,
                note=note,
                late_reason=late_reason if late else None,
                late_reason_text=late_reason_text if late else "",
                evidence=files,
            ),
            self.who,
            expected_revision=revision,
            then_facts=then_facts,
        )
        facts_updated = UpdateResult(case, updated[1], updated[2]) if updated else None
        grade = self.graded(case_id, today).grade(key)
        assert grade is not None  # the key was checked against the plan above
        return SentResult(case, grade, facts_updated, disagreement)

    def skip(
        self,
        case_id: int,
        key: str,
        reason: str,
        *,
        note: str = "",
        evidence: Sequence[Path | tuple[str, bytes]] = (),
        expected_revision: int | None = None,
    ) -> Case:
        """Record the decision not to send a notice, with its reason and the files behind it
        (a risk-of-harm memo, a regulator's letter). Like ``mark_sent``: one transaction, so
        the decision and its evidence land together or not at all, and a missing evidence
        file stops it before anything is written."""
        revision = self._revision(case_id, expected_revision)
        self._obligation(case_id, key)
        if not reason.strip():
            raise RegisterError(f"{key}: a decision not to send needs a reason")
        files = read_evidence(evidence)
        return self.register.record_notice(
            case_id,
            NewNotice(
                key=key, action=NoticeAction.SKIPPED, skip_reason=reason.strip(), note=note, evidence=files
            ),
            self.who,
            expected_revision=revision,
        )

    def resolve_individuals_notified(
        self,
        disagreement: IndividualsNotifiedDisagreement,
        chosen: date | None,
        *,
        expected_revision: int | None = None,
        incident: Incident | None = None,
    ) -> UpdateResult:
        """Log the user's answer to a disagreement, then save the facts with the chosen date
        (a new version only when that changes them).

        One function for both places the question is asked, so the log has one shape for
        the answer (``individuals_notified_decision``: facts_date, notice_key, notice_date,
        chosen): after a notice is recorded (the saved facts get the chosen date), and when
        edited facts are saved (``incident`` is the edited facts, saved with the chosen date).
        """
        case_id = disagreement.case_id
        revision = self._revision(case_id, expected_revision)
        self.register.log_event(
            case_id,
            "individuals_notified_decision",
            {**disagreement.to_dict(), "chosen": chosen.isoformat() if chosen else None},
            self.who,
            expected_revision=revision,
        )
        base = incident if incident is not None else self.incident(case_id)
        return self.update(
            case_id,
            replace(base, individuals_notified=chosen),
            note="individuals_notified: the user's answer to a disagreement",
        )

    def delete(self, case_id: int, today: date, override_reason: str | None = None) -> None:
        self.register.delete_case(case_id, today, self.who, override_reason)

    # ---- export

    def export(self, case_id: int, outdir: Path, today: date) -> list[Path]:
        """Write the case to ``outdir`` (created; must not hold files): the incident file,
        the notices with their grades, the log with its head hash, and every evidence file
        byte for byte. Logged, and the log's head after that entry is in ``log.json``."""
        outdir = Path(outdir)
        if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
            raise RegisterError(f"{outdir}: not an empty folder; choose a new one")
        graded = self.graded(case_id, today)
        files = self.register.evidence(case_id)
        blobs = {info.id: self.register.evidence_bytes(info.id) for info in files}
        verification = self.register.verify(case_id)
        entry = self.register.log_event(
            case_id,
            "export",
            {
                "to": str(outdir),
                "files": len(files),
                "verified": verification.ok,
                "head_before": verification.head,
            },
            self.who,
        )
        outdir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []

        def put(name: str, payload: bytes) -> None:
            path = outdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_BINARY: on Windows a descriptor opened without it turns every LF into CRLF,
            # and evidence must come back byte for byte.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(path, flags, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            written.append(path)

        put("incident.json", dumps(graded.incident).encode("utf-8"))
        notices = [grade_to_dict(g) for g in graded.grades]
        put("notices.json", _json_bytes({"case": case_id, "as_of": today.isoformat(), "notices": notices}))
        log = self.register.log(case_id)
        put(
            "log.json",
            _json_bytes(
                {
                    "case": case_id,
                    "head": entry.hash,
                    "entries": [entry_to_dict(e) for e in log],
                }
            ),
        )
        for info in files:
            put(f"evidence/{info.id}-{safe_name(info.original_name)}", blobs[info.id])
        return written


def read_evidence(evidence: Sequence[Path | tuple[str, bytes]]) -> tuple[tuple[str, bytes], ...]:
    """Every evidence file read before anything is written, so a missing one stops it all."""
    out = []
    for item in evidence:
        if isinstance(item, tuple):
            out.append(item)
            continue
        path = Path(item)
        try:  # regular files only, within a cap: a FIFO or /dev/zero would never end
            out.append((path.name, read_bytes(path, "evidence file")))
        except InputError as exc:
            raise EvidenceFileError(f"{path}: {exc.message}; nothing was recorded") from None
    return tuple(out)


def safe_name(name: str) -> str:
    """An evidence file's original name, made safe to write: no folders, no hidden files."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    cleaned = "".join(c if c.isalnum() or c in "-_. " else "_" for c in base)
    return cleaned or "file"


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def grade_to_dict(grade: Grade) -> dict[str, Any]:
    """The register's part of an obligation in JSON: a contract (see README, Register)."""
    notice = grade.notice
    return {
        "key": grade.key,
        "deadline": grade.obligation.deadline.isoformat() if grade.obligation.deadline else None,
        "sent_on": grade.sent_on.isoformat() if grade.sent_on else None,
        "method": grade.method.value if grade.method else None,
        "timeliness": grade.timeliness.value,
        "check_time": grade.check_time,  # on_time on an hours deadline's own date: keep proof of the hour
        "days_late": grade.days_late,
        "days_overdue": grade.days_overdue,
        "reference": notice.reference if notice else None,
        "late_reason": notice.late_reason.value if notice and notice.late_reason else None,
        "late_reason_text": notice.late_reason_text if notice else None,
        "skipped": grade.skipped,
        "skip_reason": notice.skip_reason if notice and grade.skipped else None,
        "evidence": [
            {"id": e.id, "name": e.original_name, "sha256": e.sha256, "size": e.size}
            for e in (notice.evidence if notice else ())
        ],
    }


def entry_to_dict(entry: Any) -> dict[str, Any]:
    from notifyplanner.register.audit import utc_text

    return {
        "seq": entry.seq,
        "at": utc_text(entry.at),
        "who": entry.who,
        "action": entry.action,
        "detail": entry.detail,
        "prev": entry.prev,
        "hash": entry.hash,
    }


__all__ = [
    "CaseService",
    "EvidenceFileError",
    "GradedCase",
    "IndividualsNotifiedDisagreement",
    "LateReasonNeeded",
    "SentResult",
    "UnknownCaseError",
    "UnknownKeyError",
    "UpdateResult",
    "case_index",
    "default_user",
    "grade_to_dict",
    "read_evidence",
    "rules_digest",
    "same_file_key",
]
