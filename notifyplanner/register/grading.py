"""Grading: was each notice on time? A pure function of a Plan, the notices recorded and today.

Kept in the core, apart from the engine (``plan()`` stays pure and knows nothing of what was
done) and apart from every face, so the CLI, the app and every export grade alike.

The grades, and why they are what they are:

- ``on_time``: sent on or before the deadline. Sent *on* the deadline day is on time: the
  statutes say "no later than" / "within N days" (45 CFR 164.404(b); Cal. Civ. Code
  1798.82(a)), and the deadline day is the last day of the period.
  An hours deadline (the plan gives ``deadline_at``, an instant) met on the deadline's own
  date is ``on_time`` with :attr:`Grade.check_time` set: the register records the date a
  notice was sent, not its time, so it cannot prove the hour (72 hours that end at 16:00 are
  missed at 17:00 the same day). The flag says "sent on the deadline day: check the time" so
  the proof of the hour is kept; the grade keeps the vocabulary other tools rely on.
- ``late``: sent after the deadline; ``days_late`` counts calendar days after it. A late
  notice needs a reason on record (:class:`LateReason`), because the covered entity carries
  the burden of proving every notice was made as required (45 CFR 164.414(b)).
- ``pending``: not sent, and today is on or before the deadline.
- ``overdue``: not sent, and today is after the deadline.
- ``not_applicable``: the obligation is not required, has no fixed deadline (no date to be
  late against), or was decided not to be sent (the recorded decision is the proof).

A law-enforcement hold (45 CFR 164.412) does not move the legal deadline in the plan, so a
notice sent during the hold grades ``late``; the hold is its recorded reason, and
:attr:`Grade.held_until` is there for the face to suggest it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from notifyplanner.model import Obligation, Plan, Recipient, Status
from notifyplanner.register.records import LateReason, Method, Notice, NoticeAction

DECIDED = "decided not to send"  # the words for a notice recorded as not sent, everywhere


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    OVERDUE = "overdue"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Grade:
    """One obligation, graded: the plan's obligation, what was recorded, and the verdict."""

    obligation: Obligation
    timeliness: Timeliness
    days_late: int | None = None  # late only: calendar days after the deadline it was sent
    notice: Notice | None = None
    days_overdue: int | None = None  # overdue only: calendar days past the deadline, as of today
    # on_time only: an hours deadline sent on its own date; the recorded date cannot prove the hour
    check_time: bool = False

    @property
    def key(self) -> str:
        return self.obligation.key

    @property
    def sent_on(self) -> date | None:
        return self.notice.sent_on if self.notice and self.notice.action is NoticeAction.SENT else None

    @property
    def method(self) -> Method | None:
        return self.notice.method if self.notice and self.notice.action is NoticeAction.SENT else None

    @property
    def skipped(self) -> bool:
        return self.notice is not None and self.notice.action is NoticeAction.SKIPPED

    @property
    def held_until(self) -> date | None:
        return self.obligation.held_until

    @property
    def words(self) -> str:
        """The grade in words, where its value alone would mislead."""
        if self.check_time:
            return "sent on the deadline day: check the time"
        return self.timeliness.value.replace("_", " ")

    @property
    def verdict(self) -> str:
        """The grade with its count of days, as the command line and the exports print it:
        "late, 26 days", "overdue, 3 days", "decided not to send", "on time"."""
        if self.skipped:
            return DECIDED
        if self.days_late:
            return f"late, {_days(self.days_late)}"
        if self.days_overdue:
            return f"overdue, {_days(self.days_overdue)}"
        return self.words

    @property
    def needs_late_reason(self) -> bool:
        """Late with no reason recorded: the face should ask for one."""
        return self.timeliness is Timeliness.LATE and (self.notice is None or self.notice.late_reason is None)


def days_late(obligation: Obligation, sent_on: date) -> int | None:
    """Calendar days ``sent_on`` falls after the deadline, or None when it is not late.

    Asked before a notice is recorded, so the face can demand a reason for a late one.
    """
    if obligation.status is Status.NOT_REQUIRED or obligation.deadline is None:
        return None
    late = (sent_on - obligation.deadline).days
    return late if late > 0 else None


def grade_obligation(obligation: Obligation, notice: Notice | None, today: date) -> Grade:
    """The grade of one obligation given its recorded notice (or none) as of ``today``."""
    if notice is not None and notice.action is NoticeAction.SKIPPED:
        return Grade(obligation, Timeliness.NOT_APPLICABLE, None, notice)
    if obligation.status is Status.NOT_REQUIRED or obligation.deadline is None:
        return Grade(obligation, Timeliness.NOT_APPLICABLE, None, notice)
    deadline = obligation.deadline
    if notice is not None and notice.sent_on is not None:
        late = (notice.sent_on - deadline).days
        if late > 0:
            return Grade(obligation, Timeliness.LATE, late, notice)
        if late == 0 and obligation.deadline_at is not None:
            return Grade(obligation, Timeliness.ON_TIME, None, notice, check_time=True)
        return Grade(obligation, Timeliness.ON_TIME, None, notice)
    past = (today - deadline).days
    if past > 0:
        return Grade(obligation, Timeliness.OVERDUE, None, notice, days_overdue=past)
    return Grade(obligation, Timeliness.PENDING, None, notice)


def grade_plan(
    plan: Plan, notices: Mapping[str, Notice] | Iterable[Notice], today: date
) -> tuple[Grade, ...]:
    """Every obligation of ``plan`` graded, in the plan's order.

    ``notices`` is keyed by obligation key (or an iterable of :class:`Notice`); notices for
    keys the plan no longer has are not graded (see :func:`orphaned_notices`).
    """
    by_key = _by_key(notices)
    return tuple(grade_obligation(ob, by_key.get(ob.key), today) for ob in plan.obligations)


def orphaned_notices(plan: Plan, notices: Mapping[str, Notice] | Iterable[Notice]) -> tuple[Notice, ...]:
    """Recorded notices whose obligation the plan no longer lists (facts changed since)."""
    keys = {ob.key for ob in plan.obligations}
    return tuple(n for k, n in sorted(_by_key(notices).items()) if k not in keys)


def counts(grades: Iterable[Grade]) -> dict[str, int]:
    """How many of each grade, every grade present (zero when none)."""
    out = {t.value: 0 for t in Timeliness}
    for g in grades:
        out[g.timeliness.value] += 1
    return out


def individuals_notified_from(plan: Plan, notices: Mapping[str, Notice] | Iterable[Notice]) -> date | None:
    """The date the individual notices went out, as recorded: the earliest individual notice
    recorded as sent. This is what the incident's ``individuals_notified`` should say."""
    by_key = _by_key(notices)
    days = [
        n.sent_on
        for ob in plan.obligations
        if ob.recipient is Recipient.INDIVIDUALS
        and (n := by_key.get(ob.key)) is not None
        and n.action is NoticeAction.SENT
        and n.sent_on is not None
    ]
    return min(days, default=None)


def parse_late_reason(text: str) -> tuple[LateReason, str]:
    """A reason as typed: one of the reason codes, or free text (recorded as ``other``)."""
    cleaned = text.strip()
    try:
        return LateReason(cleaned), ""
    except ValueError:
        return LateReason.OTHER, cleaned


def _by_key(notices: Mapping[str, Notice] | Iterable[Notice]) -> dict[str, Notice]:
    if isinstance(notices, Mapping):
        return dict(notices)
    return {n.key: n for n in notices}


__all__ = [
    "Grade",
    "Timeliness",
    "counts",
    "days_late",
    "grade_obligation",
    "grade_plan",
    "individuals_notified_from",
    "orphaned_notices",
    "parse_late_reason",
]
