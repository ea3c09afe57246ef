"""A plan as an Excel workbook: the form in which the plan leaves the app for counsel.

Privacy officers hand this file to counsel, executives and vendors, who filter it, print it
and add their own columns, so it is built like a careful person's spreadsheet rather than a
data dump: real Excel dates, one Excel table per list (filters, sortable), a frozen bold
header, widths and row heights that show the text, and print settings that give a readable
landscape page with the incident's name and page numbers in the footer.

One module per sheet (``summary``, ``obligations``: the checklist, ``details``, ``timeline``,
``residents``, ``credit``, ``filings``: what each regulator's form asks, ``sources``); every
cell goes through the rules in ``cells``.

- **Pure.** :func:`plan_to_xlsx` returns bytes and never reads the clock: the date the plan
  was made is passed in, and even the file's internal timestamps are pinned to it, so the
  same plan gives the same bytes. The caller decides where the bytes go (atomically).
- **Urgency is live.** Colours come from formulas against ``TODAY()``, not fills baked in at
  export, so a file opened next week shows next week's overdue notices; the rule is the
  core's (``notifyplanner.urgency``) with the "due soon" window the caller passes.
- **Text is text.** Nothing typed by a user or read from a file is ever evaluated.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.xml.functions import tostring

from notifyplanner import __version__
from notifyplanner.export.records import Records
from notifyplanner.export.workbook import (
    credit,
    details,
    filings,
    obligations,
    residents,
    sources,
    summary,
    timeline,
)
from notifyplanner.export.workbook.cells import cell_text, footer_text, print_setup, sheet_title
from notifyplanner.model import Plan, Rulebook
from notifyplanner.urgency import DEFAULT_WINDOW_DAYS, check_window

SHEETS = (
    summary.SHEET,
    obligations.SHEET,
    details.SHEET,
    timeline.SHEET,
    residents.SHEET,
    credit.SHEET,
    filings.SHEET,
    sources.SHEET,
)


def _stable_bytes(raw: bytes, workbook: Workbook, made_on: date) -> bytes:
    """Re-zip with timestamps pinned to ``made_on``: same plan, same bytes.

    openpyxl stamps the save time into docProps/core.xml and the zip entries; a pure
    exporter must not carry the wall clock into its output.
    """
    when = datetime.combine(made_on, time())
    workbook.properties.created = when
    workbook.properties.modified = when
    core = tostring(workbook.properties.to_tree())
    # A zip entry's date holds the years 1980-2107 only (a year-9999 "today" raised struct.error).
    stamp = (min(max(made_on.year, 1980), 2107), made_on.month, made_on.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = core if info.filename == "docProps/core.xml" else source.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()


def plan_to_xlsx(
    plan: Plan,
    rulebook: Rulebook,
    *,
    made_on: date,
    due_soon_days: int = DEFAULT_WINDOW_DAYS,
    log_head: str | None = None,
    records: Records | None = None,
) -> bytes:
    """The plan as an .xlsx workbook, in bytes.

    ``made_on`` is the date the plan is handed out; it is printed on the Summary and in the
    footer. Urgency colours are not computed from it: they follow ``TODAY()`` in Excel, with
    ``due_soon_days`` as the "due soon" window (the app passes the user's setting), which
    the Summary states. ``log_head`` (a register case's audit-log head) goes on the Summary
    (row 4) and, cut to 16 characters, in every sheet's footer: a copy that left the machine
    names the log it was made from.

    ``records`` is what the register holds for a register case's notices (built from its
    grades, ``export.records.recorded_from``): "Sent on" then holds the dates recorded, a
    last column the record in words (a decision not to send included), and the Summary the
    earliest deadline still open beside the legal controlling one. None for a plain file.
    """
    window = check_window(due_soon_days)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = sheet_title(SHEETS[0])
    sheets = {SHEETS[0]: first} | {name: workbook.create_sheet(sheet_title(name)) for name in SHEETS[1:]}

    order = obligations.obligations_sheet(sheets[obligations.SHEET], plan, window, records)
    details.details_sheet(sheets[details.SHEET], order)
    summary.summary_sheet(sheets[summary.SHEET], plan, rulebook, made_on, window, log_head, records)
    pages_wide = timeline.timeline_sheet(sheets[timeline.SHEET], plan, records)
    residents.residents_sheet(sheets[residents.SHEET], plan, rulebook)
    credit.credit_sheet(sheets[credit.SHEET], plan)
    filings.filings_sheet(sheets[filings.SHEET], plan, rulebook)
    sources.sources_sheet(sheets[sources.SHEET], plan, rulebook)

    for name, ws in sheets.items():
        if name == summary.SHEET:
            print_setup(ws, plan, made_on, title_rows=None)
        elif name == timeline.SHEET:
            print_setup(ws, plan, made_on, title_rows="1:3", title_cols="A:C", pages_wide=pages_wide)
        else:
            print_setup(ws, plan, made_on, title_rows="1:1")
        if log_head:
            for footer in (ws.oddFooter, ws.evenFooter):
                footer.right.text = f"{footer.right.text} · log {footer_text(log_head[:16])}"

    workbook.properties.creator = f"notifyplanner {__version__}"
    workbook.properties.title = cell_text(f"Breach notification plan: {plan.incident.name}")[:250]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_bytes(buffer.getvalue(), workbook, made_on)


__all__ = ["SHEETS", "plan_to_xlsx"]
