"""The bytes of one export of a plan, by format: one dispatcher for the command line and the app.

Why: the app and the command line each had their own copy, and they drifted (the app read an
earlier calendar whole, without the command line's cap). Each face keeps its own way of
reporting a failure; what is made, and what is read to make it, is decided here. Each
exporter's library loads only when its format is asked for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from notifyplanner.export.records import Records
from notifyplanner.model import Plan, Rulebook
from notifyplanner.urgency import DEFAULT_WINDOW_DAYS

FORMATS = ("xlsx", "ics", "pdf")


def plan_bytes(
    fmt: str,
    plan: Plan,
    *,
    as_of: date,
    out: Path,
    rulebook: Rulebook | None = None,
    log_head: str | None = None,
    due_soon_days: int = DEFAULT_WINDOW_DAYS,
    records: Records | None = None,
) -> bytes:
    """The export's bytes. ``out`` is where they will go: an earlier calendar there is read
    (through safe_read, capped: a 100 MB calendar took 700 MB to parse) so that its events
    update instead of duplicating. ``rulebook`` (the workbook's Sources and Residents sheets
    read it) is needed for "xlsx" only. ``log_head`` and ``records`` are a register case's log head
    and recorded notices, printed on the export; None for a plain file.

    Raises what the exporter raises (``IcsError``, ``ChecklistLayoutError``, openpyxl's
    ValueError) and safe_read's ``InputError``; the caller words them for its face.
    """
    if fmt == "ics":
        from notifyplanner.export.ics import plan_to_ics
        from notifyplanner.safe_read import read_bytes

        previous = read_bytes(out, "earlier calendar") if out.is_file() else None
        return plan_to_ics(
            plan, exported_at=datetime.now(UTC), previous=previous, log_head=log_head, records=records
        )
    if fmt == "pdf":
        from notifyplanner.export.pdf import plan_to_pdf

        return plan_to_pdf(plan, as_of=as_of, log_head=log_head, records=records)
    if fmt == "xlsx":
        from notifyplanner.export.xlsx import plan_to_xlsx

        if rulebook is None:
            raise TypeError("the workbook needs the rulebook the plan was made with")

        # The workbook colours "due soon" by the same window the app uses (the preference).
        return plan_to_xlsx(
            plan, rulebook, made_on=as_of, log_head=log_head, due_soon_days=due_soon_days, records=records
        )
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "plan_bytes"]
