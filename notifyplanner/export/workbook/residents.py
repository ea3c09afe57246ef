"""The Residents sheet: residents per jurisdiction, largest first, with the known total."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.workbook.cells import BOLD, COUNT_FORMAT, INDENT, Column, header_row, put, table
from notifyplanner.model import Plan, Rulebook

SHEET = "Residents"

RESIDENT_COLUMNS = (
    Column("where", "Where", 8),
    Column("name", "Jurisdiction", 26),
    Column("count", "Residents", 14),
    Column("rules", "In this plan", 52, wrap=True),
)


def residents_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook) -> None:
    """Residents per jurisdiction, largest first, with the total of the known counts."""
    header_row(ws, 1, RESIDENT_COLUMNS)
    residents = plan.incident.residents
    right = Alignment(horizontal="right", vertical="top")
    order = sorted(residents.items(), key=lambda item: (item[1] is None, -(item[1] or 0), item[0]))
    row = 1
    for row, (code, count) in enumerate(order, start=2):
        jurisdiction = rulebook.get(code)
        put(ws, row, 1, code)
        put(ws, row, 2, jurisdiction.name if jurisdiction else code)
        put(ws, row, 3, count if count is not None else "unknown", number_format=COUNT_FORMAT, align=right)
        planned = "yes" if jurisdiction else "no: there are no rules for this jurisdiction"
        put(ws, row, 4, planned, align=INDENT)
    last = max(row, 2)
    table(ws, "Residents", RESIDENT_COLUMNS, 1, last)
    known = [c for c in residents.values() if c is not None]
    unknown = len(residents) - len(known)
    total_row = last + 1
    put(ws, total_row, 2, "Total (known counts)", font=BOLD)
    total = put(ws, total_row, 3, sum(known), number_format=COUNT_FORMAT, font=BOLD, align=right)
    total.border = Border(top=Side(style="double"))
    if unknown:
        put(
            ws,
            total_row,
            4,
            f"plus the residents of {unknown} jurisdiction(s) whose number is unknown",
            align=INDENT,
        )
    entered = plan.incident.total_affected
    put(ws, total_row + 1, 2, "People affected, as entered")
    put(
        ws,
        total_row + 1,
        3,
        entered if entered is not None else "not entered",
        number_format=COUNT_FORMAT,
        align=right,
    )
    ws.freeze_panes = "A2"


__all__ = ["SHEET", "residents_sheet"]
