"""A plan as an iCalendar file (RFC 5545): the deadlines where counsel actually look.

People work from their calendar, so each dated notice that is owed (or may be) becomes an
all-day event with reminders a week and a day ahead, plus one "controlling deadline" event.
A notice whose deadline is an instant (an hours clock such as NYDFS's 72 hours, or the 8-K's
17:30 EDGAR cut-off) becomes a timed event at that instant instead, written in UTC (so no
VTIMEZONE is needed and every client shows it at the right local time) with reminders a day
and two hours ahead: an all-day event would hide the hour the notice is due, and a week's
reminder means nothing on a 36-hour clock.
The file is meant to be exported again and again as the facts change, so it is built to
*update* the events a calendar already holds rather than pile up duplicates:

- **Stable UIDs.** An event's UID is the incident's identity (a hash of its name) plus the
  obligation's key ``JURISDICTION/OBLIGATION[/SUBJECT]``, never a row number or a random id.
- **SEQUENCE rises when an event changes.** A plain file has no register to remember what
  was exported, so an event's revision is dated: LAST-MODIFIED is the export time and
  SEQUENCE is the number of seconds from a fixed epoch to it, so any later export outranks
  any earlier one. Given the previous export, an unchanged event keeps its old SEQUENCE and
  LAST-MODIFIED, so re-importing it changes nothing.
- **Dropped notices are cancelled.** Given the previous export, every event of the same
  incident that the new plan no longer has is written again with ``STATUS:CANCELLED`` and a
  higher SEQUENCE, so a calendar that honours it strikes or removes the event.

Pure like every exporter: the export time is passed in, the previous file comes in as bytes,
and the result is bytes; the caller decides where they go. Text from the incident (its name
above all) goes through the icalendar library, which escapes commas, semicolons, backslashes
and newlines and folds long lines, so no user text can forge a property.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vText

from notifyplanner import __version__
from notifyplanner.export.common import clean_text as shared_clean_text
from notifyplanner.export.common import day_text, notice_label
from notifyplanner.export.records import Recorded, Records, done_record, earliest_open
from notifyplanner.instants import instant_text
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.report import DISCLAIMER, STATUS_WORDS, sorted_obligations

PRODID = f"-//notifyplanner//notifyplanner {__version__}//EN"
PRODUCT_MARK = "//notifyplanner//"  # how a file written by us is recognised
UID_DOMAIN = "notifyplanner"
# SEQUENCE is seconds since this instant: a 32-bit INTEGER (RFC 5545 3.3.8) lasts until 2094.
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
REMINDER_DAYS = (7, 1)
REMINDER_HOURS = (24, 2)  # for a timed (hours-clock) event
CONTROLLING_KEY = "controlling"
LOG_HEAD_PROPERTY = "X-NOTIFYPLANNER-LOG-HEAD"


class IcsError(ValueError):
    """No calendar can be written: the earlier export is not ours, or there is no event."""


def incident_token(name: str) -> str:
    """A short, stable identity for an incident: the SHA-256 of its name.

    Incident files carry no id, and the name is what a person keeps while dates are
    corrected; a corrected date must update the same events, not add new ones. Renaming the
    incident starts new events (and cancels the old ones when the previous file is given).
    """
    return hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:16]


def event_uid(token: str, key: str) -> str:
    return f"{token}.{key}@{UID_DOMAIN}"


def sequence_at(moment: datetime) -> int:
    """SEQUENCE for an event revised at ``moment``: later exports always rank higher."""
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds()))


@dataclass(frozen=True)
class _Draft:
    """An event's content before its revision is decided: what is compared across exports."""

    uid: str
    day: date
    summary: str
    description: str
    url: str = ""
    status: str = "CONFIRMED"
    at: datetime | None = None  # a timed event's instant (UTC); None: an all-day event on ``day``
    reminders: bool = True  # False: a notice recorded as done needs no reminder

    @property
    def start(self) -> date | datetime:
        return self.at if self.at is not None else self.day

    def same_as(self, old: Event) -> bool:
        start = old.get("DTSTART")
        return (
            start is not None
            and type(start.dt) is type(self.start)
            and start.dt == self.start
            and str(old.get("SUMMARY", "")) == clean_text(self.summary)
            and str(old.get("DESCRIPTION", "")) == clean_text(self.description)
            and str(old.get("URL", "")) == self.url
            and str(old.get("STATUS", "CONFIRMED")).upper() == self.status
            and bool(old.walk("VALARM")) == (self.reminders and self.status != "CANCELLED")
        )


def clean_text(value: str) -> str:
    """User text as RFC 5545 3.3.11 TEXT allows it: line breaks kept (the library escapes them
    as ``\n``), tab kept, other controls dropped; the rule every exporter shares."""
    return shared_clean_text(value)


MAX_TITLE_CHARS = 300


def _title(plan: Plan) -> str:
    """The incident's name on one line, as a calendar shows a summary; cut visibly past
    MAX_TITLE_CHARS, since it is repeated in every event (a 1 MB name made a 115 MB file)."""
    title = " ".join(clean_text(plan.incident.name).split()) or "(unnamed incident)"
    return title if len(title) <= MAX_TITLE_CHARS else title[:MAX_TITLE_CHARS] + "…"


def _event_day(ob: Obligation) -> date:
    """Where the event sits: the practical send-by date when it comes before the legal date."""
    assert ob.deadline is not None
    if ob.practical_send_by is not None and ob.practical_send_by < ob.deadline:
        return ob.practical_send_by
    return ob.deadline


def _utc(instant: datetime | None) -> datetime | None:
    return None if instant is None else instant.astimezone(UTC)


def _done_words(record: Recorded) -> tuple[str, str]:
    """(summary prefix, first description line) for a notice the register records as done."""
    prefix = "Decided not to send" if record.skipped else f"Sent {day_text(record.sent_on)}"
    return prefix, f"Recorded in the register: {record.text()}. No reminder: nothing is owed on this notice."


def _notice_draft(plan: Plan, token: str, ob: Obligation, record: Recorded | None = None) -> _Draft:
    assert ob.deadline is not None
    day = ob.deadline if ob.deadline_at is not None else _event_day(ob)
    who = notice_label(ob)
    if ob.status is Status.UNDETERMINED:
        who += " (undetermined)"
    lines = []
    prefix = ""
    if record is not None:
        prefix, first = _done_words(record)
        prefix += ": "
        lines.append(first)
    if ob.deadline_at is not None:
        lines.append(f"Legal deadline {instant_text(ob.deadline_at)}.")
    elif day != ob.deadline:
        why = f" ({ob.non_business_day})" if ob.non_business_day else ""
        lines.append(f"Send by {day_text(day)}; legal deadline {day_text(ob.deadline)}{why}.")
    else:
        lines.append(f"Legal deadline {day_text(ob.deadline)}.")
    lines.append(f"Status: {STATUS_WORDS[ob.status]}. {ob.reason}")
    if ob.needs:
        lines.append("Still needed: " + "; ".join(ob.needs) + ".")
    lines.append(f"Recipient: {ob.office or ob.recipient.label}")
    lines.append(f"How it is computed: {ob.basis}")
    if ob.conservative:
        lines.append(
            "This date is computed from the discovery date because a later event date is not entered yet."
        )
    if ob.held_until:
        lines.append(f"Law-enforcement hold until {day_text(ob.held_until)}.")
    if ob.filing:
        lines.append(f"How to file: {ob.filing}")
    lines.append(f"Citation: {ob.citation.cite} (rules in force from {day_text(ob.effective_from)})")
    if ob.citation.url:
        lines.append(ob.citation.url)
    lines.append(DISCLAIMER)
    return _Draft(
        uid=event_uid(token, ob.key),
        day=day,
        summary=f"{prefix}{ob.jurisdiction}: {who}, {_title(plan)}",
        description="\n".join(lines),
        url=ob.citation.url,
        at=_utc(ob.deadline_at),
        reminders=not prefix,  # a done notice needs no reminder
    )


def _due(ob: Obligation) -> str:
    assert ob.deadline is not None
    return instant_text(ob.deadline_at) if ob.deadline_at is not None else day_text(ob.deadline)


def _controlling_draft(plan: Plan, token: str, records: Records | None = None) -> _Draft | None:
    """One event for the deadline to act on. The plan's controlling (earliest) deadline is a
    legal fact, but once the register records that notice as sent or decided, reminding of
    it would send the reader to work already done: the event (same UID, so the calendar
    moves it) then sits on the earliest deadline still open, and its description names both.
    With every dated notice done it stays on the legal date, without reminders."""
    legal = plan.controlling
    if legal is None or legal.deadline is None:
        return None
    opened = earliest_open(plan, records)
    ob = legal if opened is None else opened
    assert ob.deadline is not None
    lines = []
    summary = f"Controlling deadline: {_title(plan)}"
    if opened is None:
        summary = f"Controlling deadline (every dated notice recorded done): {_title(plan)}"
        lines.append(
            "Every dated notice of this plan is recorded in the register as sent or decided not to send."
        )
    elif opened.key != legal.key:
        summary = f"Controlling deadline (earliest still open): {_title(plan)}"
        lines.append(
            f"The earliest deadline still open: {ob.jurisdiction_name}, {notice_label(ob)} "
            f"({STATUS_WORDS[ob.status]}), legal deadline {_due(ob)}."
        )
    record = done_record(legal, records)
    lines.append(
        f"The earliest fixed deadline of this plan: {legal.jurisdiction_name}, {notice_label(legal)} "
        f"({STATUS_WORDS[legal.status]}), legal deadline {_due(legal)}"
        + (f"; recorded {record.text()}." if record is not None else ".")
    )
    if opened is not None and ob.practical_send_by and ob.practical_send_by < ob.deadline:
        lines.append(f"Send by {day_text(ob.practical_send_by)}.")
    lines.append(f"How it is computed: {ob.basis}")
    lines.append(f"Citation: {ob.citation.cite}")
    lines.append(DISCLAIMER)
    return _Draft(
        uid=event_uid(token, CONTROLLING_KEY),
        day=ob.deadline,
        summary=summary,
        description="\n".join(lines),
        url=ob.citation.url,
        at=_utc(ob.deadline_at),
        reminders=opened is not None,
    )


def _drafts(plan: Plan, token: str, records: Records | None = None) -> list[_Draft]:
    drafts = [
        _notice_draft(plan, token, ob, done_record(ob, records))
        for ob in sorted_obligations(plan)
        if ob.status is not Status.NOT_REQUIRED and ob.deadline is not None
    ]
    controlling = _controlling_draft(plan, token, records)
    if controlling is not None:
        drafts.insert(0, controlling)
    return drafts


def read_previous(previous: bytes, token: str) -> dict[str, Event]:
    """The events of this incident in an earlier export, by UID.

    Refuses a file that is not an iCalendar calendar written by notifyplanner: overwriting
    someone's own calendar file would lose it.
    """
    try:
        calendar = Calendar.from_ical(previous)
    except (ValueError, IndexError, KeyError):
        raise IcsError("is not an iCalendar file; choose another file name") from None
    uids = [str(component.get("UID", "")) for component in calendar.walk("VEVENT")]
    # A calendar app subscribed to the file may have rewritten it under its own PRODID
    # (Thunderbird writes back an acknowledged reminder): our UIDs still mark it as ours.
    ours = PRODUCT_MARK in str(calendar.get("PRODID", "")) or any(u.endswith(f"@{UID_DOMAIN}") for u in uids)
    if not ours:
        raise IcsError("is a calendar not written by notifyplanner; choose another file name")
    prefix = f"{token}."
    events: dict[str, Event] = {}
    for component, uid in zip(calendar.walk("VEVENT"), uids, strict=True):
        if "DTSTART" in component and uid.startswith(prefix) and uid.endswith(f"@{UID_DOMAIN}"):
            events[uid] = component
    return events


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _cancelled_draft(old: Event, plan: Plan) -> _Draft:
    summary = str(old.get("SUMMARY", ""))
    if str(old.get("STATUS", "")).upper() == "CANCELLED":
        description = str(old.get("DESCRIPTION", ""))
    else:
        summary = f"Cancelled: {summary}"
        description = (
            f"This notice is no longer in the plan for {_title(plan)}: "
            "the facts or the rules changed since the earlier export. Check the plan before "
            "deleting this event.\n\nEarlier description:\n" + str(old.get("DESCRIPTION", ""))
        )
    start = old["DTSTART"].dt
    return _Draft(
        uid=str(old["UID"]),
        day=_as_date(start),
        summary=summary,
        description=description,
        url=str(old.get("URL", "")),
        status="CANCELLED",
        at=start.astimezone(UTC) if isinstance(start, datetime) and start.tzinfo is not None else None,
        reminders=False,
    )


def _event(draft: _Draft, exported_at: datetime, old: Event | None) -> Event:
    event = Event()
    event.add("UID", draft.uid)
    event.add("DTSTAMP", exported_at)
    if old is not None and draft.same_as(old) and "SEQUENCE" in old and "LAST-MODIFIED" in old:
        event.add("SEQUENCE", int(old["SEQUENCE"]))
        event.add("LAST-MODIFIED", old["LAST-MODIFIED"].dt)
    else:
        sequence = sequence_at(exported_at)
        if old is not None and "SEQUENCE" in old:
            sequence = max(sequence, int(old["SEQUENCE"]) + 1)
        event.add("SEQUENCE", sequence)
        event.add("LAST-MODIFIED", exported_at)
    if draft.at is not None:
        # A deadline instant: the event starts at it and, with no DTEND, lasts no time
        # (RFC 5545 3.6.1), so the calendar shows the hour the notice is due.
        event.add("DTSTART", draft.at)
    else:
        event.add("DTSTART", draft.day)
        event.add("DTEND", draft.day + timedelta(days=1))
    event.add("SUMMARY", clean_text(draft.summary))
    event.add("DESCRIPTION", clean_text(draft.description))
    if draft.url:
        event.add("URL", draft.url)
    event.add("STATUS", draft.status)
    event.add("TRANSP", "TRANSPARENT")  # a deadline is not a meeting: it blocks no time
    if draft.status != "CANCELLED" and draft.reminders:
        reminders = (
            [(timedelta(hours=h), f"In {h} hours") for h in REMINDER_HOURS]
            if draft.at is not None
            else [(timedelta(days=d), f"In {d} day{'s' if d != 1 else ''}") for d in REMINDER_DAYS]
        )
        for ahead, words in reminders:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("TRIGGER", -ahead)
            alarm.add("DESCRIPTION", f"{words}: {draft.summary}")
            event.add_component(alarm)
    return event


def plan_to_ics(
    plan: Plan,
    *,
    exported_at: datetime,
    previous: bytes | None = None,
    log_head: str | None = None,
    records: Records | None = None,
) -> bytes:
    """The plan's dated notices as an iCalendar file.

    ``exported_at`` (timezone-aware) dates the revision (DTSTAMP, LAST-MODIFIED, SEQUENCE);
    ``previous`` is the earlier export to the same file, if any, so unchanged events keep their
    revision and dropped ones are cancelled. Raises IcsError if ``previous`` is not ours or
    there would be no event at all.

    ``log_head``, the register case's audit-log head, goes on the calendar as
    ``X-NOTIFYPLANNER-LOG-HEAD``, never into an event: every export is logged, so the head
    changes with each one, and in an event's description it would make every event look
    revised and raise its SEQUENCE on every export.

    ``records`` is what the register holds for a register case's notices
    (``export.records.recorded_from``): an event of a notice recorded as sent or decided not
    to send says so and has no reminders, and the controlling event moves to the earliest
    deadline still open. The UIDs stay; a changed event's SEQUENCE rises as any change's.
    """
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must carry a timezone")
    exported_at = exported_at.astimezone(UTC).replace(microsecond=0)
    token = incident_token(plan.incident.name)
    old_events = read_previous(previous, token) if previous is not None else {}

    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # An X- property has no known type, so icalendar would not escape it: say it is TEXT.
    calendar.add("X-WR-CALNAME", vText(f"Breach notices: {_title(plan)}"))
    if log_head:
        calendar.add(LOG_HEAD_PROPERTY, vText(clean_text(log_head)))

    drafts = _drafts(plan, token, records)
    current = {d.uid for d in drafts}
    drafts += [
        _cancelled_draft(old, plan)
        for uid, old in sorted(old_events.items(), key=lambda item: (str(item[1]["DTSTART"].dt), item[0]))
        if uid not in current
    ]
    if not drafts:
        # RFC 5545 3.6: a calendar holds at least one component; an empty one is invalid.
        raise IcsError("the plan has no dated notice yet, so there is nothing to put in a calendar")
    for draft in drafts:
        calendar.add_component(_event(draft, exported_at, old_events.get(draft.uid)))
    return calendar.to_ical()
