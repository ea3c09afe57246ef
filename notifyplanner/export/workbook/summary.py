"""The Summary sheet: the page an executive reads.

The incident's facts (the same list the PDF checklist prints, ``export/common.py``), the
controlling deadline, live counts, what the colours mean (with the "due soon" window the
workbook was made with), warnings, the rules used and the disclaimer. Printed, no section
heading is left alone at the foot of a page (:func:`keep_with_next`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner import __version__
from notifyplanner.export.common import incident_facts, notice_label
from notifyplanner.export.records import Records, done_record, earliest_open
from notifyplanner.export.workbook import obligations as checklist
from notifyplanner.export.workbook.cells import (
    BOLD,
    CENTER,
    COUNT_FORMAT,
    DAYS_FORMAT,
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    LEFT,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    SECTION_FONT,
    TITLE_FONT,
    WARN_FONT,
    WRAP,
    CellValue,
    formula,
    keep_with_next,
    lines,
    put,
)
from notifyplanner.model import Plan, Rulebook, Status
from notifyplanner.report import DISCLAIMER, STATUS_WORDS
from notifyplanner.rulebook import BUNDLED_RULES
from notifyplanner.urgency import Urgency

SHEET = "Summary"
WIDTHS = {"A": 30, "B": 13, "C": 15, "D": 80}
TEXT_WIDTH = 13 + 15 + 80  # a value merged across B:D
KEEP_ROWS = 8  # a heading prints with up to this many rows of its section


def summary_sheet(
    ws: Worksheet,
    plan: Plan,
    rulebook: Rulebook,
    made_on: date,
    window_days: int,
    log_head: str | None = None,
    records: Records | None = None,
) -> None:
    """Facts, the controlling date, counts, colours, warnings, rules, disclaimer; the
    register's log head under the date when the plan is a register case's, and with its
    ``records`` the earliest deadline still open and the decisions not to send."""
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    sections: list[int] = []

    def label(row: int, text: str) -> None:
        put(ws, row, 1, text, font=BOLD)

    def value(row: int, val: CellValue, *, number_format: str | None = None) -> None:
        """A value beside its label; text spans B:D so long notes wrap across the page."""
        if isinstance(val, str):
            put(ws, row, 2, val, align=WRAP)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines(val, TEXT_WIDTH) + 3)
        else:
            put(ws, row, 2, val, number_format=number_format, align=LEFT)

    def beside(row: int, text: str) -> None:
        """Words in the Notice column (D), the row tall enough for them: a wrapped second
        line would otherwise print over the row below (seen rendered)."""
        put(ws, row, 4, text, align=WRAP)
        ws.row_dimensions[row].height = LINE_HEIGHT * lines(text, WIDTHS["D"]) + 3

    def section(row: int, text: str) -> int:
        put(ws, row, 1, text, font=SECTION_FONT)
        ws.row_dimensions[row].height = 20
        sections.append(row)
        return row + 1

    def header(row: int, titles: Sequence[str]) -> None:
        for col, title in enumerate(titles, start=1):
            put(ws, row, col, title, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL

    put(ws, 1, 1, "Breach notification plan", font=TITLE_FONT)
    ws.row_dimensions[1].height = 24
    put(ws, 2, 1, DISCLAIMER, font=WARN_FONT, align=WRAP)
    ws.merge_cells("A2:D2")
    ws.row_dimensions[2].height = 16
    label(3, "Plan made on")
    value(3, made_on)
    if log_head:
        label(4, "Register log head")
        put(ws, 4, 2, log_head)

    row = section(5, "The incident")
    for fact in incident_facts(plan, residents_elsewhere="the Residents sheet"):
        label(row, fact.label)
        value(row, fact.value, number_format=COUNT_FORMAT if isinstance(fact.value, int) else None)
        row += 1

    row = section(row + 1, "Controlling deadline")
    controlling = plan.controlling
    if controlling is not None and controlling.deadline is not None:
        header(row, ("", "Deadline", "Days left (live)", "Notice"))
        row += 1
        label(row, "Earliest fixed deadline")
        put(ws, row, 2, controlling.deadline, font=BOLD)
        formula(ws, row, 3, f"B{row}-TODAY()", DAYS_FORMAT).alignment = CENTER
        ws.cell(row=row, column=3).font = BOLD
        record = done_record(controlling, records)
        beside(
            row,
            f"{controlling.jurisdiction_name}: {notice_label(controlling)} "
            f"({STATUS_WORDS[controlling.status]}; {controlling.citation.cite})"
            + (f"; recorded {record.text()}" if record else ""),
        )
        if controlling.deadline_at is not None:
            # An hours clock or a filing cut-off ends at an instant: the date alone would let
            # a reader think the whole day is left (the PDF and the calendar give the time).
            row += 1
            label(row, checklist.TIME_DUE_TITLE)
            put(ws, row, 2, checklist.time_due(controlling), font=BOLD)
            zone = f" in {plan.incident.time_zone}" if plan.incident.time_zone else ""
            beside(row, f"due by this time{zone} on the deadline's day, not by the end of it")
        if controlling.practical_send_by:
            row += 1
            label(row, "Practical send-by date")
            put(ws, row, 2, controlling.practical_send_by)
            formula(ws, row, 3, f"B{row}-TODAY()", DAYS_FORMAT).alignment = CENTER
            beside(
                row,
                f"the deadline falls on {controlling.non_business_day or 'a non-business day'}; "
                "the last business day before it",
            )
    else:
        label(row, "Earliest fixed deadline")
        value(row, "none fixed yet: every owed notice is 'without unreasonable delay' or needs a date")
    opened = earliest_open(plan, records)
    if records is not None and controlling is not None and controlling.deadline is not None:
        # The legal controlling deadline is a fact; the earliest one still open is what the
        # reader acts on once the register records the first notices as done.
        row += 1
        label(row, "Earliest deadline still open")
        if opened is None or opened.deadline is None:
            value(row, "none: every dated notice is recorded as sent or decided not to send")
        else:
            put(ws, row, 2, opened.deadline, font=BOLD)
            formula(ws, row, 3, f"B{row}-TODAY()", DAYS_FORMAT).alignment = CENTER
            time = f" at {checklist.time_due(opened)}" if opened.deadline_at is not None else ""
            beside(
                row,
                f"{opened.jurisdiction_name}: {notice_label(opened)}{time} "
                f"({STATUS_WORDS[opened.status]}; {opened.citation.cite})",
            )
    row += 1

    row = section(row + 1, "Obligations by status")
    for status in (Status.REQUIRED, Status.UNDETERMINED, Status.NOT_REQUIRED):
        label(row, STATUS_WORDS[status])
        value(row, len(plan.by_status(status)))
        row += 1
    label(row, "total examined")
    value(row, len(plan.obligations))
    row += 1
    # Live counts from the checklist's Urgency column: they follow 'Sent on' and the calendar.
    urgency = checklist.live_range("urgency", plan)
    days = f"{window_days} day{'s' if window_days != 1 else ''}"
    live = [
        ("overdue today (live)", f'COUNTIF({urgency},"{Urgency.OVERDUE.value}*")'),
        (f"due within {days} (live)", f'COUNTIF({urgency},"{Urgency.SOON.value}")'),
        ("marked sent (live)", f"COUNT({checklist.live_range('sent_on', plan)})"),
    ]
    if records is not None:
        live.append(("decided not to send (live)", f'COUNTIF({urgency},"{Urgency.DECIDED.value}")'))
    for text, expression in live:
        label(row, text)
        formula(ws, row, 2, expression).alignment = LEFT
        row += 1

    row = section(row + 1, "Colors on the Obligations sheet (recomputed each day the file is opened)")
    label(row, "Due soon means")
    value(row, f"a deadline today or within {days}: the urgency setting this workbook was made with")
    row += 1
    explained = checklist.explanations(window_days)
    for level, look in checklist.looks_for(records).items():
        cell = put(ws, row, 1, look.label, font=Font(name="Calibri", size=10, color=look.font, bold=True))
        if look.fill:
            cell.fill = PatternFill("solid", fgColor=look.fill)
        value(row, explained[level])
        row += 1
    if any(o.conservative and o.deadline for o in plan.obligations):
        label(row, "Deadline marked *")
        value(row, "computed from the discovery date because a later event date is not entered yet")
        row += 1

    if plan.warnings:
        row = section(row + 1, "Warnings")
        for warning in plan.warnings:
            put(ws, row, 1, warning, font=WARN_FONT, align=WRAP)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            width = TEXT_WIDTH + WIDTHS["A"]
            ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines(warning, width) + 3)
            row += 1

    row = section(row + 1, "Rules used")
    label(row, "notifyplanner version")
    value(row, __version__)
    row += 1
    source = Path(rulebook.source) if rulebook.source else None
    bundled = source is None or source.resolve() == BUNDLED_RULES.resolve()
    label(row, "Rule files")
    value(row, "bundled with notifyplanner" if bundled else f"folder {source.name}")  # type: ignore[union-attr]
    row += 1
    reviewed = [v.last_reviewed for v in plan.versions]
    label(row, "Oldest review among them")
    value(row, min(reviewed) if reviewed else "no rules applied")
    row += 2
    header(row, ("Jurisdiction", "In force since", "Last reviewed", "Version enacted by"))
    ws.row_dimensions[row].height = 16
    row += 1
    for version in plan.versions:
        name = f"{version.jurisdiction} – {version.name}"
        put(ws, row, 1, name, align=WRAP)
        put(ws, row, 2, version.effective_from)
        put(ws, row, 3, version.last_reviewed)
        put(ws, row, 4, version.enacted_by, align=WRAP)
        needed = max(lines(version.enacted_by, WIDTHS["D"]), lines(name, WIDTHS["A"]))
        ws.row_dimensions[row].height = LINE_HEIGHT * needed + 3
        row += 1
    ws.sheet_view.showGridLines = False
    # A heading keeps its section's first rows with it, never the next section's.
    ends = [nxt - 2 for nxt in sections[1:]] + [row - 1]
    blocks = [(start, min(KEEP_ROWS, end - start)) for start, end in zip(sections, ends, strict=True)]
    keep_with_next(ws, blocks, row - 1, list(WIDTHS.values()))


__all__ = ["SHEET", "summary_sheet"]
