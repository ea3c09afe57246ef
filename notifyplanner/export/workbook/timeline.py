"""The Timeline sheet: a Gantt view of the dated notices, one column per day (or week).

Bars use fills and patterns that survive a black-and-white printer: a solid bar for
required notices, a hatched one for undetermined ones, a black deadline cell. Today's
column is found by a formula, so it moves as the days pass.

The legend sits in the label columns (A:C), which print on every page with the header rows:
a long timeline prints several pages wide, and a legend merged across the grid was cut at
each page's edge and read as nonsense on the second page.
"""

from __future__ import annotations

import math
from copy import copy
from datetime import timedelta

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import notice_label
from notifyplanner.export.records import Records, done_record
from notifyplanner.export.workbook.cells import (
    BOLD,
    GRID,
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    LINE_HEIGHT,
    SMALL,
    SMALL_BOLD,
    THIN,
    WRAP,
    Column,
    lines,
    put,
)
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.report import STATUS_ORDER

SHEET = "Timeline"
WEEKLY_AFTER_DAYS = 120  # a longer timeline gets one column per week, or it cannot be read
DAY_COLUMNS_PER_PAGE = 75  # keeps the printed timeline at a readable scale
# Five years of weekly columns. Deadlines further apart than that (a notice date typed a
# century out, say) are not a schedule anyone prints; drawing them once took thousands of
# columns and could pass Excel's limit, so the sheet says so instead.
MAX_TIMELINE_COLUMNS = 261
LEGEND = (
    "◆ deadline   ● practical send-by date\n"
    "solid bar: required   hatched bar: undetermined\n"
    "red column: today (moves when the file is opened on a later day)"
)

TIMELINE_LABELS = (
    Column("where", "Where", 7),
    Column("recipient", "Recipient", 24),
    Column("deadline", "Deadline", 11),
)
TIMELINE_BAR = PatternFill("solid", fgColor="8EA9DB")
TIMELINE_HATCH = PatternFill("lightUp", fgColor="2F5597", bgColor="FFFFFF")  # prints in black and white
TIMELINE_MARK = PatternFill("solid", fgColor="000000")
TIMELINE_WEEKEND = PatternFill("solid", fgColor="EDEDED")
TIMELINE_DONE = PatternFill("solid", fgColor="BFBFBF")  # recorded sent or decided: nothing owed
DONE_LEGEND = "grey bar, 'Sent:' or 'Not sending:': recorded in the register as done"
MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)  # not the locale's


def _grid_style(cell: Cell, fill: PatternFill | None, styles: dict[str, StyleArray]) -> None:
    """Style a grid cell by copying a prepared style: a long timeline has thousands of cells,
    and openpyxl hashes every style object on every assignment (most of the export's time)."""
    key = "none" if fill is None else f"{fill.fill_type}:{fill.fgColor.rgb}"
    if key in styles:
        cell._style = copy(styles[key])
        return
    cell.border = GRID
    if fill is not None:
        cell.fill = fill
    styles[key] = copy(cell._style)


def _timeline_rows(plan: Plan) -> list[Obligation]:
    """The notices that can be drawn: owed or undetermined, with a date; earliest first."""
    dated = [o for o in plan.obligations if o.deadline is not None and o.status is not Status.NOT_REQUIRED]
    return sorted(dated, key=lambda o: (o.deadline, STATUS_ORDER[o.status], o.jurisdiction, o.obligation_id))


def _label(ob: Obligation, records: Records | None) -> str:
    """The notice's label; a register case's notice recorded as done says so first, or its
    bar would read as a notice still owed."""
    record = done_record(ob, records)
    if record is None:
        return notice_label(ob)
    return f"{'Not sending' if record.skipped else 'Sent'}: {notice_label(ob)}"


def timeline_sheet(ws: Worksheet, plan: Plan, records: Records | None = None) -> int:
    """One row per dated notice, one column per day (or week), bars by fill. Returns the
    pages the printout needs across, so that day numbers stay legible. ``records`` (a
    register case's) greys the bars of the notices recorded as sent or decided not to send."""
    start = plan.incident.discovered
    dated = _timeline_rows(plan)
    ws.sheet_view.showGridLines = False
    if start is None or not dated:
        why = "no discovery date entered." if start is None else "no owed notice has a fixed date yet."
        put(ws, 1, 1, "No timeline: " + why, font=BOLD)
        ws.column_dimensions["A"].width = 80
        return 1
    end = max(max(o.deadline for o in dated if o.deadline), start)
    span = (end - start).days + 1
    weekly = span > WEEKLY_AFTER_DAYS
    step = 7 if weekly else 1
    count = math.ceil(span / step)
    if count > MAX_TIMELINE_COLUMNS:
        put(
            ws,
            1,
            1,
            f"No timeline: the deadlines run from discovery {start.isoformat()} to {end.isoformat()}, "
            f"{span:,} days, too long to draw as a schedule. Check the dates entered; every "
            "deadline is on the Obligations sheet.",
            font=BOLD,
            align=WRAP,
        )
        ws.column_dimensions["A"].width = 80
        return 1
    first = len(TIMELINE_LABELS) + 1
    last = first + count - 1
    days = [start + timedelta(days=k * step) for k in range(count)]

    unit = "week (the date shown is the week's first day)" if weekly else "day"
    span_note = (
        f"One column per {unit} from discovery {start.isoformat()} to the last deadline {end.isoformat()}"
        + (
            f"; the span is {span} days, more than {WEEKLY_AFTER_DAYS}, so columns are weeks"
            if weekly
            else ""
        )
        + ". Notices with no fixed date are on the Obligations sheet."
    )
    label_width = sum(c.width for c in TIMELINE_LABELS)
    legend = LEGEND if records is None else f"{LEGEND}\n{DONE_LEGEND}"
    for row, text in ((1, legend), (2, span_note)):
        put(ws, row, 1, text, font=SMALL, align=WRAP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(TIMELINE_LABELS))
        # 9 pt text: lines() measures 10 pt, so give it a tenth more room
        ws.row_dimensions[row].height = LINE_HEIGHT * 0.9 * lines(text, label_width * 1.1) + 4

    for index, column in enumerate(TIMELINE_LABELS, start=1):
        put(ws, 3, index, column.header, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width

    # Month labels are text spanning their month's columns: a date in a 2.5-wide cell would
    # show ####, while text just clips; a month of one or two columns gets its short name.
    month_start = 0
    for k in range(1, count + 1):
        if k == count or (days[k].year, days[k].month) != (days[month_start].year, days[month_start].month):
            day = days[month_start]
            wide = k - month_start >= 4
            label = f"{MONTHS[day.month - 1]} {day.year}" if wide else MONTHS[day.month - 1]
            put(
                ws,
                2,
                first + month_start,
                label,
                font=SMALL_BOLD,
                align=Alignment(horizontal="center" if wide else "left"),
            )
            if k - month_start > 1:
                ws.merge_cells(
                    start_row=2, start_column=first + month_start, end_row=2, end_column=first + k - 1
                )
            for col in range(first + month_start, first + k):
                ws.cell(row=2, column=col).border = Border(left=THIN if col == first + month_start else None)
            month_start = k

    for k, day in enumerate(days):
        col = first + k
        ws.column_dimensions[get_column_letter(col)].width = 3.4 if weekly else 2.5
        align = (
            Alignment(text_rotation=90, horizontal="center", vertical="center")
            if weekly
            else Alignment(horizontal="center", vertical="center")
        )
        head = put(ws, 3, col, day, number_format="mm-dd" if weekly else "d", font=SMALL, align=align)
        head.border = GRID
        if not weekly and day.weekday() >= 5:
            head.fill = TIMELINE_WEEKEND
    ws.row_dimensions[3].height = 34 if weekly else 15

    styles: dict[str, StyleArray] = {}
    mark_font = Font(name="Calibri", size=8, bold=True, color="FFFFFF")
    send_font = Font(name="Calibri", size=8, bold=True, color="000000")
    row = 3
    for row, ob in enumerate(dated, start=4):
        put(ws, row, 1, ob.jurisdiction, font=SMALL)
        put(ws, row, 2, _label(ob, records), font=SMALL)
        record = done_record(ob, records)
        bar = TIMELINE_BAR if ob.status is Status.REQUIRED else TIMELINE_HATCH
        if record is not None:
            bar = TIMELINE_DONE
        put(ws, row, 3, ob.deadline, font=SMALL)
        assert ob.deadline is not None  # _timeline_rows keeps dated notices only
        stop = (ob.deadline - start).days // step
        send = (ob.practical_send_by - start).days // step if ob.practical_send_by else None
        for k, day in enumerate(days):
            cell = ws.cell(row=row, column=first + k)
            if k < stop:
                fill = bar
            elif not weekly and day.weekday() >= 5:
                fill = TIMELINE_WEEKEND
            else:
                fill = None
            _grid_style(cell, fill, styles)
            if k == send and send != stop:
                put(ws, row, first + k, "●", font=send_font, align=Alignment(horizontal="center"))
            if k == stop:
                put(ws, row, first + k, "◆", font=mark_font, align=Alignment(horizontal="center"))
                cell.fill = TIMELINE_MARK
        ws.row_dimensions[row].height = 14

    # Today's column, by formula: conditional formats recompute on every open.
    first_letter, last_letter = get_column_letter(first), get_column_letter(last)
    today = (
        f"AND(TODAY()>={first_letter}$3,TODAY()<{first_letter}$3+7)"
        if weekly
        else f"{first_letter}$3=TODAY()"
    )
    red = Side(style="thin", color="C00000")
    head_rule = FormulaRule(formula=[today], stopIfTrue=True)
    head_rule.dxf = DifferentialStyle(
        font=Font(bold=True, color="FFFFFF"),
        fill=PatternFill(bgColor="C00000", fgColor="C00000", fill_type="solid"),
    )
    ws.conditional_formatting.add(f"{first_letter}3:{last_letter}3", head_rule)
    body_rule = FormulaRule(formula=[today], stopIfTrue=True)
    body_rule.dxf = DifferentialStyle(border=Border(left=red, right=red))
    ws.conditional_formatting.add(f"{first_letter}4:{last_letter}{row}", body_rule)
    ws.freeze_panes = ws.cell(row=4, column=first).coordinate
    return max(1, math.ceil(count / DAY_COLUMNS_PER_PAGE))


__all__ = ["MAX_TIMELINE_COLUMNS", "SHEET", "WEEKLY_AFTER_DAYS", "timeline_sheet"]
