"""What the register recorded for a case's notices, in the words every export prints.

Why apart from ``common.py`` (facts and cell rules): a printout of a register case that left
the "Sent on" box empty for a notice already sent told its reader the notice was still owed
(a newcomer's trial). The exporters take these plain, frozen values, built from the
register's grades, rather than the register itself, so they stay pure and never touch
SQLite; a plain incident file's export has none and prints as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from notifyplanner.export.common import cut_line, day_text
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.register.grading import DECIDED, Grade, Timeliness
from notifyplanner.register.records import LateReason


@dataclass(frozen=True)
class Recorded:
    """What the register holds for one notice, in the words every export prints.

    A printout of a register case that left the "Sent on" box empty for a notice already
    sent told its reader the notice was still owed (a newcomer's trial). The exporters take
    these plain, frozen values (built from the register's grades by :func:`recorded_from`)
    rather than the register itself, so they stay pure and never touch SQLite; a plain
    incident file's export has none and prints as before.
    """

    key: str
    sent_on: date | None = None
    method: str = ""  # in words: "mail", "substitute notice"
    reference: str = ""
    skipped: bool = False  # decided not to send
    skip_reason: str = ""
    grade: str = ""  # "on time", "late, 26 days", "sent on the deadline day: check the time", DECIDED
    late_reason: str = ""

    @property
    def done(self) -> bool:
        """Sent or decided not to send: nothing is owed on this notice any more."""
        return self.skipped or self.sent_on is not None

    def text(self) -> str:
        """The record on one line: "sent 2026-04-02 by mail (USPS 9400): late, 26 days
        (reason: scope being determined)" or "decided not to send: <reason>"."""
        if self.skipped:
            return f"{DECIDED}: {self.skip_reason}" if self.skip_reason else DECIDED
        out = f"sent {day_text(self.sent_on)}"
        if self.method:
            out += f" by {self.method}"
        if self.reference:
            out += f" ({self.reference})"
        if self.grade:
            out += f": {self.grade}"
        if self.late_reason:
            out += f" (reason: {self.late_reason})"
        return out


Records = Mapping[str, Recorded]

# The register keeps a reference or a reason whole, of any length; an export prints a line of
# it (the whole text is in the register and in ``case export``). A 20,000-character reason
# would make a workbook row taller than Excel allows and a checklist cell taller than a page.
MAX_REFERENCE_CHARS = 80
MAX_REASON_CHARS = 400


_LATE_REASONS = {
    LateReason.LAW_ENFORCEMENT_DELAY: "law-enforcement delay",
    LateReason.SCOPE_BEING_DETERMINED: "scope being determined",
}


def grade_words(grade: Grade) -> str:
    """The register's verdict as the exports print it (the command line's: "late, 26 days");
    nothing for a notice sent where there is no date to be late against."""
    if grade.timeliness is Timeliness.NOT_APPLICABLE and not grade.skipped:
        return ""
    return grade.verdict


def recorded_from(grades: Iterable[Grade]) -> dict[str, Recorded]:
    """The exporters' record of a register case: one :class:`Recorded` per notice recorded
    as sent or decided not to send, by obligation key, from ``grade_plan``'s grades."""
    out: dict[str, Recorded] = {}
    for g in grades:
        notice = g.notice
        if notice is None or not (g.skipped or g.sent_on is not None):
            continue
        reason = ""
        if notice.late_reason is not None and g.timeliness is Timeliness.LATE:
            reason = _LATE_REASONS.get(notice.late_reason, "") or notice.late_reason_text.strip() or "other"
        out[g.key] = Recorded(
            key=g.key,
            sent_on=g.sent_on,
            method=g.method.value.replace("_", " ") if g.method else "",
            reference=cut_line(notice.reference, MAX_REFERENCE_CHARS) if not g.skipped else "",
            skipped=g.skipped,
            skip_reason=cut_line(notice.skip_reason, MAX_REASON_CHARS) if g.skipped else "",
            grade=grade_words(g),
            late_reason=cut_line(reason, MAX_REASON_CHARS),
        )
    return out


def done_record(ob: Obligation, records: Records | None) -> Recorded | None:
    """The register's record of ``ob`` when it says the notice is done (sent or decided not
    to send), else None: the one question every exporter asks of a record."""
    record = records.get(ob.key) if records else None
    return record if record is not None and record.done else None


def is_done(ob: Obligation, records: Records | None) -> bool:
    return done_record(ob, records) is not None


def earliest_open(plan: Plan, records: Records | None) -> Obligation | None:
    """The controlling deadline among the notices still open: the plan's own rule
    (:attr:`Plan.controlling`, the same order), over the notices not recorded as sent or
    decided not to send. The legal controlling deadline stays a fact; this is the date the
    reader of a register case's export acts on. None when every dated notice is done."""
    if not records:
        return plan.controlling
    left = tuple(o for o in plan.obligations if not is_done(o, records))
    return replace(plan, obligations=left).controlling


def done_counts(plan: Plan, records: Records | None) -> tuple[int, int]:
    """(sent, decided not to send) among the notices owed or undetermined."""
    owed = [o for o in plan.obligations if o.status is not Status.NOT_REQUIRED]
    got = [records.get(o.key) for o in owed] if records else []
    return (
        sum(1 for r in got if r is not None and not r.skipped and r.sent_on is not None),
        sum(1 for r in got if r is not None and r.skipped),
    )
