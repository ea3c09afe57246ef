"""The Credit monitoring sheet: identity-theft protection owed, for how long, from when."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.workbook.cells import (
    BOLD,
    CENTER,
    TOP,
    WRAP,
    CellValue,
    Column,
    fit_rows,
    header_row,
    put,
    table,
)
from notifyplanner.model import CreditMonitoringDuty, Plan
from notifyplanner.report import STATUS_ORDER, STATUS_WORDS

SHEET = "Credit monitoring"

CREDIT_COLUMNS = (
    Column("where", "Where", 7),
    Column("name", "Jurisdiction", 15, wrap=True),
    Column("status", "Status", 11),
    Column("months", "Months", 8),
    Column("starts", "Starts", 11),
    Column("ends", "Ends", 11),
    Column("elements", "When exposed", 26, wrap=True),
    Column("reason", "Reason", 44, wrap=True),
    Column("basis", "Computation", 38, wrap=True),
    Column("citation", "Citation", 22, wrap=True),
    Column("version", "Rule in force since", 11),
)


def _duty_values(duty: CreditMonitoringDuty) -> list[CellValue]:
    return [
        duty.jurisdiction,
        duty.jurisdiction_name,
        STATUS_WORDS[duty.status],
        duty.months,
        duty.starts,
        duty.ends,
        "; ".join(sorted(e.label for e in duty.elements)),
        duty.reason,
        duty.basis,
        duty.citation.cite,
        duty.effective_from,
    ]


def credit_sheet(ws: Worksheet, plan: Plan) -> None:
    """Identity-theft protection owed: who, how long, from when to when, under which section."""
    header_row(ws, 1, CREDIT_COLUMNS)
    order = sorted(plan.credit_monitoring, key=lambda d: (STATUS_ORDER[d.status], d.jurisdiction))
    if not order:
        put(ws, 2, 1, "No credit-monitoring rule applies to the jurisdictions in this plan.")
        ws.freeze_panes = "A2"
        return
    row = 1
    for row, duty in enumerate(order, start=2):
        for index, value in enumerate(_duty_values(duty), start=1):
            column = CREDIT_COLUMNS[index - 1]
            put(
                ws,
                row,
                index,
                value,
                align=WRAP if column.wrap else (CENTER if column.key == "months" else TOP),
            )
        ws.cell(row=row, column=3).font = BOLD
    table(ws, "CreditMonitoring", CREDIT_COLUMNS, 1, row)
    fit_rows(ws, 2, row, CREDIT_COLUMNS)
    ws.freeze_panes = "C2"


__all__ = ["SHEET", "credit_sheet"]
