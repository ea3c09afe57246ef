"""What a save changed in the plan, in the words the plan table uses.

Why here and not the core's ``PlanDiff.lines()``: those lines are the log's and the command
line's ("deadline moved: CA/attorney_general 2027-01-02 -> none", "status changed: ...
required -> not_required"); in the app the same change is read by counsel right after a
save, and a newcomer's trial found them misreadable: a deadline "moved to none" is a notice
no longer required, said twice, under keys instead of the recipients the table names. The
facts are the core's diff; this module only words them.
"""

from __future__ import annotations

from datetime import date

from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.register.changes import PlanDiff
from notifyplanner.report import STATUS_WORDS, deadline_text
from ui.dates import format_date
from ui.models import jurisdiction_text


def plan_change_lines(diff: PlanDiff, before: Plan, after: Plan, date_format: str) -> list[str]:
    """One sentence per notice that changed, named as in the plan table; ``before`` and
    ``after`` are the plans the diff was taken between (they name the notices)."""
    old = {o.key: o for o in before.obligations}
    new = {o.key: o for o in after.obligations}

    def name(key: str) -> str:
        ob = new.get(key) or old.get(key)
        return (
            f"{jurisdiction_text(ob.jurisdiction, ob.jurisdiction_name)}: {ob.recipient_text}" if ob else key
        )

    def when(day: date | None, ob: Obligation | None) -> str:
        if day is not None:
            return format_date(day, date_format)
        return deadline_text(ob) if ob is not None else "no fixed date"

    def due(ob: Obligation) -> str:
        if ob.status is Status.NOT_REQUIRED:
            return ""
        return f", due {format_date(ob.deadline, date_format)}" if ob.deadline else f", {deadline_text(ob)}"

    lines = [f"New notice: {name(k)} ({STATUS_WORDS[new[k].status]}{due(new[k])})" for k in diff.added]
    lines += [
        f"No longer listed: {name(k)} (was {STATUS_WORDS[old[k].status]}{due(old[k])})" for k in diff.dropped
    ]
    status = {s.key: s for s in diff.status}
    moved = {m.key: m for m in diff.moved}
    for key in sorted(set(status) | set(moved)):
        change, move = status.get(key), moved.get(key)
        was, now = old.get(key), new.get(key)
        if change is not None and change.new is Status.NOT_REQUIRED:
            lines.append(
                f"No longer required: {name(key)} (was {STATUS_WORDS[change.old]}{due(was) if was else ''})"
            )
        elif change is not None and change.old is Status.NOT_REQUIRED:
            lines.append(f"Now {STATUS_WORDS[change.new]}: {name(key)}{due(now) if now else ''}")
        elif change is not None:
            lines.append(
                f"Status changed: {name(key)}: {STATUS_WORDS[change.old]} to {STATUS_WORDS[change.new]}"
                + (f"{due(now)}" if now else "")
            )
        elif move is not None:
            lines.append(f"Deadline moved: {name(key)}: {when(move.old, was)} to {when(move.new, now)}")
    return lines
