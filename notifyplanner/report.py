"""A plan as text and as JSON: the shapes the CLI prints and other tools read.

The JSON keys are a contract (scripts and the Excel exporter rely on them), so they are
spelled out here once rather than derived from the dataclasses' field names.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from datetime import date
from typing import Any

from notifyplanner.engine import days_left
from notifyplanner.export.common import profile_text
from notifyplanner.instants import instant_text
from notifyplanner.model import CreditMonitoringDuty, DeadlineKind, Incident, Obligation, Plan, Status

DISCLAIMER = (
    "This plan is not legal advice. It applies encoded rules to the facts entered; "
    "have counsel confirm every deadline and duty before relying on it."
)

STATUS_WORDS = {
    Status.REQUIRED: "required",
    Status.NOT_REQUIRED: "not required",
    Status.UNDETERMINED: "undetermined",
}
# Owed first: the order every view of the plan lists notices in (terminal, Excel, app).
STATUS_ORDER = {Status.REQUIRED: 0, Status.UNDETERMINED: 1, Status.NOT_REQUIRED: 2}


_ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def with_dates(text: str, formatter: Callable[[date], str]) -> str:
    """``text`` with every ISO date in it (``2026-10-02``) written by ``formatter``.

    Why here and why after the fact: the engine's sentences ("60 calendar days after
    discovery 2026-10-02") are part of the plan, which is pure data and the same for every
    reader; the date format is a reader's preference (a US reader wants 10/02/2026). A face
    rewrites the dates where it shows the sentence. Text that only looks like a date
    (2026-02-30, or part of a longer number) is left as it was.
    """

    def one(match: re.Match[str]) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return formatter(day)

    return _ISO_DATE.sub(one, text)


def sorted_obligations(plan: Plan) -> list[Obligation]:
    """Owed first, then by date, then by jurisdiction: the order counsel reads them in."""
    return sorted(
        plan.obligations,
        # On one day an hours clock's instant comes before a plain date (the end of its day).
        key=lambda o: (
            STATUS_ORDER[o.status],
            o.deadline or date.max,
            o.deadline_at is None,
            o.deadline_at.timestamp() if o.deadline_at else 0.0,
            o.jurisdiction,
            o.obligation_id,
        ),
    )


def deadline_text(ob: Obligation) -> str:
    """The deadline as a person reads it: a date, or what kind of 'no date' it is."""
    if ob.deadline_at is not None:  # an hours clock or a filing cut-off: the instant itself
        return instant_text(ob.deadline_at) + (" *" if ob.conservative else "")
    if ob.deadline is not None:
        return ob.deadline.isoformat() + (" *" if ob.conservative else "")
    if ob.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE:
        return "no fixed date"
    if ob.deadline_kind is DeadlineKind.RELATIVE_TO_NOTICE:
        return "with another notice"
    if ob.status is Status.NOT_REQUIRED:
        return "-"
    return "needs a date"


def _days_from(days: int, today: date) -> str:
    """'7 days from 2026-10-05', '1 day past on 2026-11-02': never "-1 days"."""
    if days < 0:
        return f"{-days} day{'' if days == -1 else 's'} past on {today.isoformat()}"
    return f"{days} day{'' if days == 1 else 's'} from {today.isoformat()}"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def obligation_to_dict(ob: Obligation, today: date | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": ob.key,
        "jurisdiction": ob.jurisdiction,
        "jurisdiction_name": ob.jurisdiction_name,
        "obligation": ob.obligation_id,
        "recipient": ob.recipient.value,
        "office": ob.office,
        "label": ob.label,
        "subject": ob.subject or None,
        "status": ob.status.value,
        "reason": ob.reason,
        "deadline": _iso(ob.deadline),
        # The instant, with its UTC offset, where the rule counts hours or sets a cut-off.
        "deadline_at": ob.deadline_at.isoformat() if ob.deadline_at else None,
        "deadline_kind": ob.deadline_kind.value,
        "conservative": ob.conservative,
        "needs": list(ob.needs),
        "practical_send_by": _iso(ob.practical_send_by),
        "non_business_day": ob.non_business_day or None,
        "without_unreasonable_delay": ob.without_unreasonable_delay,
        "law_enforcement_hold_until": _iso(ob.held_until),
        "basis": ob.basis,
        "citation": ob.citation.cite,
        "url": ob.citation.url,
        "effective_from": ob.effective_from.isoformat(),
        "enacted_by": ob.enacted_by,
        "content": ob.content,
        "filing": ob.filing,
        "notes": ob.notes,
    }
    if today is not None:
        out["days_left"] = days_left(ob.deadline, today)
    return out


def duty_to_dict(duty: CreditMonitoringDuty) -> dict[str, Any]:
    return {
        "jurisdiction": duty.jurisdiction,
        "jurisdiction_name": duty.jurisdiction_name,
        "status": duty.status.value,
        "reason": duty.reason,
        "months": duty.months,
        "elements": sorted(e.value for e in duty.elements),
        "starts": _iso(duty.starts),
        "ends": _iso(duty.ends),
        "basis": duty.basis,
        "citation": duty.citation.cite,
        "url": duty.citation.url,
        "effective_from": duty.effective_from.isoformat(),
    }


def affected_to_dict(incident: Incident) -> dict[str, Any]:
    """Who the total is made of: residents, people not placed in a state, the list."""
    from notifyplanner.incident_counts import source_to_dict, unplaced_to_dict

    source = incident.counts_source
    return {
        "total": incident.affected_total,
        "at_least": incident.affected_at_least,
        "entered": incident.total_affected,
        "residents": sum(n for n in incident.residents.values() if n is not None),
        "unplaced": {"total": incident.unplaced.total, **unplaced_to_dict(incident.unplaced)},
        "counts_source": source_to_dict(source) if source is not None else None,
    }


def plan_to_dict(plan: Plan, today: date | None = None) -> dict[str, Any]:
    controlling = plan.controlling
    return {
        "incident": plan.incident.name,
        "controlling_deadline": _iso(plan.controlling_deadline),
        "controlling_obligation": controlling.key if controlling else None,
        "counts": {s.value: len(plan.by_status(s)) for s in Status},
        "affected": affected_to_dict(plan.incident),
        "obligations": [obligation_to_dict(o, today) for o in plan.obligations],
        "credit_monitoring": [duty_to_dict(d) for d in plan.credit_monitoring],
        "rule_versions": [
            {
                "jurisdiction": v.jurisdiction,
                "effective_from": v.effective_from.isoformat(),
                "enacted_by": v.enacted_by,
                "last_reviewed": v.last_reviewed.isoformat(),
                "statute": v.statute.cite,
                "chosen_by": v.chosen_by,
            }
            for v in plan.versions
        ],
        "warnings": list(plan.warnings),
        "disclaimer": DISCLAIMER,
    }


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    return "\n".join(out)


def plan_to_text(plan: Plan, today: date | None = None, width: int = 100) -> str:
    """The plan as a table a person can read in a terminal, followed by the reasons."""
    parts: list[str] = []
    title = plan.incident.name or "(unnamed incident)"
    parts.append(f"Notification plan: {title}")
    if plan.incident.discovered:
        parts.append(
            f"Discovered {plan.incident.discovered.isoformat()}; role: {plan.incident.entity_role.label}"
        )
    # The facts the sector rules read, as every export shows them: a plan without them
    # silently leaves out the SEC, banking, insurance and foreign notices.
    profile = "; ".join(profile_text(plan.incident).splitlines())
    parts.append(f"Entity profile: {profile}")
    if plan.incident.residents or plan.incident.unplaced or plan.incident.total_affected is not None:
        from notifyplanner.incident_counts import totals_words

        parts.append(f"Affected: {totals_words(plan.incident)}")
        source = plan.incident.counts_source
        if source is not None:
            parts.append(
                f"Counted from {source.file} (SHA-256 {source.sha256}, {source.rows:,} rows, "
                f"{source.counted_at.strftime('%Y-%m-%d %H:%M UTC')})"
            )
    controlling = plan.controlling
    if controlling:
        left = ""
        if today is not None and controlling.deadline is not None:
            left = f" ({_days_from(days_left(controlling.deadline, today), today)})"
        # The instant of an hours clock, and the notice's own title: "-1 days ... State
        # regulator" hid that the 24-hour extortion-payment notice was due at 11:00.
        parts.append(
            f"Controlling deadline: {deadline_text(controlling)}{left} - "
            f"{controlling.jurisdiction_name}, {controlling.recipient_text}"
        )
    else:
        parts.append("Controlling deadline: none fixed yet")
    for warning in plan.warnings:
        parts.append(f"! {warning}")
    obligations = sorted_obligations(plan)
    rows = []
    for ob in obligations:
        row = [ob.jurisdiction, ob.recipient_text, STATUS_WORDS[ob.status], deadline_text(ob)]
        row.append(ob.practical_send_by.isoformat() if ob.practical_send_by else "")
        if today is not None:
            left = days_left(ob.deadline, today)
            row.append("" if left is None else str(left))
        row.append(ob.citation.cite)
        rows.append(row)
    headers = ["Where", "Recipient", "Status", "Deadline", "Send by"]
    if today is not None:
        headers.append("Days left")
    headers.append("Citation")
    parts.append("")
    parts.append(_table(rows, headers))
    if any(o.conservative for o in plan.obligations):
        parts.append("* computed from the discovery date because a later event date is not entered yet")
    duties = [d for d in plan.credit_monitoring if d.status is not Status.NOT_REQUIRED]
    if duties:
        parts.append("")
        parts.append("Credit monitoring / identity theft protection:")
        for d in duties:
            span = f", {d.starts.isoformat()} to {d.ends.isoformat()}" if d.starts and d.ends else ""
            parts.append(
                f"  {d.jurisdiction}: {d.months} months ({STATUS_WORDS[d.status]}){span} - {d.citation.cite}"
            )
    parts.append("")
    parts.append("Why:")
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    for ob in obligations:
        parts.append(f"  {ob.key} - {STATUS_WORDS[ob.status]}")
        parts.append(wrap.fill(ob.reason))
        if ob.status is not Status.NOT_REQUIRED:
            parts.append(wrap.fill(ob.basis))
    parts.append("")
    parts.append(DISCLAIMER)
    return "\n".join(parts) + "\n"
