"""The deadline algebra: turn a rule's deadline expression and an incident's facts into a date.

Every evaluation returns a ``Computed``: the date (or None when the law sets no fixed date,
or when a needed fact is missing), the words that explain it, and whether a stand-in date
was used. The words are what a lawyer reads next to the date, so they name the rule, the
count of days, the kind of days and the event the clock ran from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from notifyplanner.calendar import MONTH_RULE, add_business_days, add_months
from notifyplanner.model import (
    AfterYearEnd,
    DayKind,
    DaysAfter,
    DeadlineExpr,
    DeadlineKind,
    EarliestOf,
    Event,
    HolidayCalendar,
    HoursAfter,
    Incident,
    KeepForMonths,
    NoFixedDeadline,
    WithNotice,
)
from notifyplanner.safe_read import InputError

# The incident field each clock runs from: an error in a computed date names it.
EVENT_FIELDS = {
    Event.DISCOVERY: "discovered",
    Event.DETERMINATION: "determined",
    Event.VENDOR_NOTICE: "vendor_notice",
    Event.MATERIALITY_DETERMINATION: "materiality_determined",
    Event.RANSOM_PAYMENT: "ransom_paid_at",
}


class OutOfCalendar(InputError):
    """A deadline that would fall past the end (or before the start) of the calendar.

    Input dates are held to a window (notifyplanner.safe_read) and rule day counts are
    bounded by the schema, so this should not happen; if it does, the user reads which
    field to check instead of an OverflowError.
    """


@dataclass(frozen=True)
class Computed:
    deadline: date | None
    kind: DeadlineKind
    basis: str
    conservative: bool = False
    needs: tuple[str, ...] = field(default=())


# Resolves another notice of the same jurisdiction (by obligation id) to its computed deadline.
NoticeResolver = Callable[[str], Computed | None]


def _event(incident: Incident, event: Event) -> tuple[date | None, str, bool, tuple[str, ...]]:
    """The event's date, its description, and whether discovery stood in for it.

    A missing determination date is never silently replaced: we use the discovery date
    (never later, so the result is the earlier, safer date), say so, and the obligation
    names the fact still needed.
    """
    day = incident.event_date(event)
    if day is not None:
        return day, f"{event.label} {day.isoformat()}", False, ()
    # A vendor's notice may never come (the breach was in our own systems), so discovery
    # cannot stand in for it: in "whichever is first" the other clocks decide.
    if event is Event.DETERMINATION and incident.discovered is not None:
        needs = (f"{event.value} date",)
        text = (
            f"discovery {incident.discovered.isoformat()} (conservative: the "
            f"{event.label} date is not entered yet)"
        )
        return incident.discovered, text, True, needs
    return None, event.label, False, (f"{event.value} date",)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _days_word(kind: DayKind) -> str:
    return "calendar day" if kind is DayKind.CALENDAR else "business day"


def add_days(
    start: date, days: int, kind: DayKind, calendar: HolidayCalendar, field: str = "deadline"
) -> date:
    """``start`` plus ``days`` days of ``kind``; ``OutOfCalendar`` naming ``field``, never OverflowError."""
    try:
        if kind is DayKind.CALENDAR:
            return start + timedelta(days=days)
        return add_business_days(start, days, calendar)
    except OverflowError:
        raise OutOfCalendar(
            field,
            f"{_plural(days, _days_word(kind))} after {start.isoformat()} is past the end of the calendar",
        ) from None


def evaluate(
    expr: DeadlineExpr,
    incident: Incident,
    calendar: HolidayCalendar,
    resolve_notice: NoticeResolver,
) -> Computed:
    """Evaluate one deadline expression for one incident; pure."""
    if isinstance(expr, NoFixedDeadline):
        return Computed(None, DeadlineKind.NO_FIXED_DEADLINE, f"No fixed deadline: {expr.text}.")

    if isinstance(expr, DaysAfter):
        start, text, conservative, needs = _event(incident, expr.after)
        words = f"{_plural(expr.days, _days_word(expr.day_kind))} after {text}"
        if start is None:
            return Computed(None, DeadlineKind.FIXED, f"{words}: needs the date", needs=needs)
        due = add_days(start, expr.days, expr.day_kind, calendar, EVENT_FIELDS[expr.after])
        return Computed(due, DeadlineKind.FIXED, words, conservative, needs)

    if isinstance(expr, HoursAfter):
        start, text, conservative, needs = _event(incident, expr.after)
        words = f"{_plural(expr.hours, 'hour')} after {text}"
        if start is None:
            return Computed(None, DeadlineKind.FIXED, f"{words}: needs the date", needs=needs)
        # Incidents carry dates, not times. The last whole day that lies within the
        # window whatever the hour of discovery is start + (hours - 1) // 24 days, so a
        # plan never runs late: 72 hours from a discovery on day D plans for D+2.
        due = add_days(start, (expr.hours - 1) // 24, DayKind.CALENDAR, calendar, EVENT_FIELDS[expr.after])
        return Computed(
            due,
            DeadlineKind.FIXED,
            f"{words}; times are not recorded, so this is the last day that lies within "
            f"{expr.hours} hours whatever the hour of the event",
            conservative,
            needs,
        )

    if isinstance(expr, AfterYearEnd):
        start, text, conservative, needs = _event(incident, expr.year_of)
        if start is None:
            return Computed(
                None,
                DeadlineKind.FIXED,
                f"{_plural(expr.days, 'calendar day')} after the end of the calendar year of {text}",
                needs=needs,
            )
        year_end = date(start.year, 12, 31)
        due = add_days(year_end, expr.days, DayKind.CALENDAR, calendar, EVENT_FIELDS[expr.year_of])
        words = f"{_plural(expr.days, 'calendar day')} after the end of calendar year {start.year} ({text})"
        return Computed(due, DeadlineKind.FIXED, words, conservative, needs)

    if isinstance(expr, WithNotice):
        return _with_notice(expr, incident, calendar, resolve_notice)

    if isinstance(expr, KeepForMonths):
        start, text, conservative, needs = _event(incident, expr.after)
        words = f"keep the record for {_plural(expr.months, 'month')} after {text}"
        if start is None:
            return Computed(None, DeadlineKind.FIXED, f"{words}: needs the date", needs=needs)
        until = add_months(start, expr.months)
        return Computed(
            until,
            DeadlineKind.FIXED,
            f"{words}, until {until.isoformat()} ({MONTH_RULE})",
            conservative,
            needs,
        )

    if isinstance(expr, EarliestOf):
        evaluated = [(e, evaluate(e, incident, calendar, resolve_notice)) for e in expr.of]
        owed_pairs = [(e, p) for e, p in evaluated if p.kind is not DeadlineKind.NONE]
        if not owed_pairs:
            # Every notice it runs from is not owed (say HIPAA found no breach): nor is it.
            return Computed(None, DeadlineKind.NONE, "; ".join(p.basis for _e, p in evaluated))
        owed = [p for _e, p in owed_pairs]
        parts = _relevant(owed_pairs)
        dated = [p for p in parts if p.deadline is not None]
        listing = "; ".join(p.basis for p in parts)
        if len(parts) < len(owed):
            listing += " (the other clock, from an event not yet entered, cannot end earlier)"
        needs = tuple(dict.fromkeys(n for p in parts for n in p.needs))
        conservative = any(p.conservative for p in parts)
        if not dated:
            kinds = {p.kind for p in parts}
            kind = (
                DeadlineKind.RELATIVE_TO_NOTICE
                if DeadlineKind.RELATIVE_TO_NOTICE in kinds
                else DeadlineKind.NO_FIXED_DEADLINE
            )
            return Computed(None, kind, f"Whichever comes first of: {listing}", conservative, needs)
        first = min(dated, key=lambda p: p.deadline)  # type: ignore[arg-type, return-value]
        return Computed(
            first.deadline,
            DeadlineKind.FIXED,
            f"Whichever comes first of: {listing}. Earliest: {first.deadline.isoformat()}",  # type: ignore[union-attr]
            conservative,
            needs,
        )

    raise TypeError(f"unknown deadline expression {expr!r}")


def _with_notice(
    expr: WithNotice,
    incident: Incident,
    calendar: HolidayCalendar,
    resolve_notice: NoticeResolver,
) -> Computed:
    """A notice timed against another one (usually the individuals').

    It runs from the date individuals were (or will be) notified when the incident says
    so; otherwise from the other notice's own fixed deadline, the latest it may legally
    be sent, which makes this the latest date as well. With neither, no date exists.
    """
    relation = {
        "same_time": "at the same time as",
        "before": "before",
        "after": f"{_plural(expr.days, _days_word(expr.day_kind))} after",
    }[expr.relation]
    other_name = _notice_name(expr)
    actual = _actual_notice_date(incident, expr)
    if actual is not None:
        anchor = actual
        anchor_text = f"{other_name} on {anchor.isoformat()} (as entered)"
        conservative, needs = False, ()
        field = "individuals_notified"
    else:
        other = resolve_notice(expr.key)
        if other is not None and other.kind is DeadlineKind.NONE:
            # The other notice is not owed (a HIPAA entity below no threshold, say): this
            # part of an earliest-of drops out; alone, nothing runs from it.
            return Computed(None, DeadlineKind.NONE, f"{other_name} is not owed")
        if other is None or other.deadline is None:
            fact = "date HHS is notified" if expr.notice in _HHS_NOTICES else "date individuals are notified"
            return Computed(
                None,
                DeadlineKind.RELATIVE_TO_NOTICE,
                f"{relation.capitalize()} {other_name}, which has no fixed date; "
                f"enter the {fact} to fix this one",
                needs=(fact,),
            )
        anchor = other.deadline
        anchor_text = (
            f"the deadline for {other_name}, {anchor.isoformat()} "
            f"({other.basis.rstrip('.')}); runs from the actual notice date once entered"
        )
        conservative, needs = other.conservative, other.needs
        field = f"the deadline for notice to {other_name}"
    due = add_days(anchor, expr.days, expr.day_kind, calendar, field) if expr.relation == "after" else anchor
    words = f"{relation.capitalize()} {anchor_text}"
    if expr.relation == "before":
        words += "; it must go out before the individual notices, so no later than that date"
    return Computed(due, DeadlineKind.FIXED, words, conservative, needs)


def _relevant(pairs: list[tuple[DeadlineExpr, Computed]]) -> list[Computed]:
    """Drop the parts of an earliest-of that can never come first.

    A conservative part runs from a stand-in that is the earliest its event can be (the
    discovery date for a determination not yet entered), so its real date can only come
    later. Where a part on entered facts already ends no later, the stand-in part can never
    be the earliest: it neither asks for its fact nor marks the date conservative (Florida:
    30 days from reason to believe or determination, whichever first).
    """
    firm = [p.deadline for _e, p in pairs if p.deadline is not None and not p.conservative]
    if not firm:
        return [p for _e, p in pairs]
    bound = min(firm)
    return [
        p
        for e, p in pairs
        # Only a clock that runs from an event: one timed against another notice moves
        # earlier once that notice's real (earlier) date is entered.
        if not (
            isinstance(e, DaysAfter | HoursAfter)
            and p.conservative
            and p.deadline is not None
            and p.deadline >= bound
        )
    ]


_HHS_NOTICES = frozenset({"hhs", "hhs_annual"})


def _notice_name(expr: WithNotice) -> str:
    """The other notice in words: "notice to individuals", "HIPAA notice to HHS"."""
    if expr.jurisdiction == "HIPAA" and expr.notice in _HHS_NOTICES:
        return "the HIPAA notice to the HHS Secretary" + (
            " (annual log)" if expr.notice == "hhs_annual" else ""
        )
    other = expr.notice.replace("_", " ")
    return f"the {expr.jurisdiction} notice to {other}" if expr.jurisdiction else f"notice to {other}"


def _actual_notice_date(incident: Incident, expr: WithNotice) -> date | None:
    """The real date of the other notice, when the incident records it.

    Individuals' letters go out on one day whichever law they answer, so the entered date
    serves the HIPAA letter as well as a state's own; HHS's date serves both of its notices.
    """
    if expr.notice == "individuals" and expr.jurisdiction in ("", "HIPAA", "FTC-HBNR"):
        return incident.individuals_notified
    if expr.jurisdiction == "HIPAA" and expr.notice in _HHS_NOTICES:
        return incident.hhs_notified
    return None


def describe(expr: DeadlineExpr) -> str:
    """A short rule-level description ("30 days after determination"), for tables."""
    if isinstance(expr, NoFixedDeadline):
        return "no fixed deadline"
    if isinstance(expr, DaysAfter):
        unit = "days" if expr.day_kind is DayKind.CALENDAR else "business days"
        return f"{expr.days} {unit} after {expr.after.value.replace('_', ' ')}"
    if isinstance(expr, HoursAfter):
        return f"{expr.hours} hours after {expr.after.value.replace('_', ' ')}"
    if isinstance(expr, AfterYearEnd):
        return f"{expr.days} days after year end"
    if isinstance(expr, KeepForMonths):
        return f"record kept {expr.months} months after {expr.after.value.replace('_', ' ')}"
    if isinstance(expr, WithNotice):
        if expr.jurisdiction:
            unit = "days" if expr.day_kind is DayKind.CALENDAR else "business days"
            lead = f"{expr.days} {unit} after" if expr.relation == "after" else "with"
            return f"{lead} {_notice_name(expr)}"
        other = expr.notice.replace("_", " ")
        if expr.relation == "same_time":
            return f"with {other} notice"
        if expr.relation == "before":
            return f"before {other} notice"
        unit = "days" if expr.day_kind is DayKind.CALENDAR else "business days"
        return f"{expr.days} {unit} after {other} notice"
    if isinstance(expr, EarliestOf):
        return "earliest of: " + "; ".join(describe(e) for e in expr.of)
    raise TypeError(f"unknown deadline expression {expr!r}")
