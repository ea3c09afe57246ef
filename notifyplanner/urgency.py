"""How urgent a notice is today: the one rule the app's colours and the workbook's follow.

Urgency depends on "today" and on the user's window for "due soon", so the engine (pure, no
clock) does not compute it; but it must not be decided separately by each face either: the
app once called an undetermined notice past its date overdue while the workbook did not,
and the workbook's "due soon" was always 7 days while the app used the preference. Both now
ask this module (the workbook writes the same rule as an Excel formula, built from the
same words, and a test evaluates that formula against :func:`urgency` on a table of cases).

The rule, in order (the first that applies wins):

1. A decision not to send, recorded in the register: ``decided not to send``.
2. A notice recorded as sent: ``sent late`` when after its deadline, otherwise ``sent``.
3. A notice examined and not owed: ``not required``.
4. No fixed date: ``no fixed date``.
5. Deadline before today: ``overdue``. This holds for an *undetermined* notice too: a notice
   that may be owed and whose date has passed is a risk to act on, not a quiet row; where
   the urgency is written out it reads "overdue (undetermined)" (:func:`urgency_text`).
6. Deadline today or within ``window_days`` days: ``due soon``. Due today is never "later",
   even with a window of 0.
7. Otherwise ``later``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from notifyplanner.model import Obligation, Status
from notifyplanner.register.grading import DECIDED as DECIDED_WORDS
from notifyplanner.register.grading import Grade, Timeliness

DEFAULT_WINDOW_DAYS = 7  # the app's default preference, and the workbook's when none is given
MAX_WINDOW_DAYS = 365  # a larger window would call every notice "due soon"


class Urgency(Enum):
    """How soon a notice is due; the value is the word every face shows for it."""

    OVERDUE = "overdue"
    SOON = "due soon"
    LATER = "later"
    NO_DATE = "no fixed date"
    SENT_LATE = "sent late"
    SENT = "sent"  # on time, or sent where there is no date to be late against
    DECIDED = DECIDED_WORDS
    NOT_REQUIRED = "not required"


UNDETERMINED_SUFFIX = " (undetermined)"


def check_window(window_days: int) -> int:
    """The "due soon" window, refused when it is not a number of days a person could mean."""
    if isinstance(window_days, bool) or not isinstance(window_days, int):
        raise TypeError(f"the due-soon window must be a whole number of days, not {window_days!r}")
    if not 0 <= window_days <= MAX_WINDOW_DAYS:
        raise ValueError(f"the due-soon window must be 0 to {MAX_WINDOW_DAYS} days, not {window_days}")
    return window_days


def urgency(ob: Obligation, today: date, window_days: int, grade: Grade | None = None) -> Urgency:
    """The urgency of ``ob`` as of ``today``; ``grade`` is its recorded notice, if any.

    The grade (``notifyplanner.register.grading``) decides sent, late and decided; an
    obligation with nothing recorded is classed by its status and the days left.
    """
    if grade is not None and grade.skipped:
        return Urgency.DECIDED
    if grade is not None and grade.sent_on is not None:
        return Urgency.SENT_LATE if grade.timeliness is Timeliness.LATE else Urgency.SENT
    if ob.status is Status.NOT_REQUIRED:
        return Urgency.NOT_REQUIRED
    if ob.deadline is None:
        return Urgency.NO_DATE
    left = (ob.deadline - today).days
    if left < 0:
        return Urgency.OVERDUE
    if left <= window_days:
        return Urgency.SOON
    return Urgency.LATER


def urgency_text(ob: Obligation, level: Urgency) -> str:
    """The urgency in words: "overdue (undetermined)" says the notice may not be owed at all."""
    if level is Urgency.OVERDUE and ob.status is Status.UNDETERMINED:
        return level.value + UNDETERMINED_SUFFIX
    return level.value


__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "MAX_WINDOW_DAYS",
    "UNDETERMINED_SUFFIX",
    "Urgency",
    "check_window",
    "urgency",
    "urgency_text",
]
