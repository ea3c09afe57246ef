"""The Credit monitoring sheet: identity-theft protection owed, for how long, from when."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.workbook.cells import CellValue, Column, end_list, header_row, no_rows, put_row
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


def _duty_values(duty: CreditMonitoringDuty) -> dict[str, CellValue]:
    return {
        "where": duty.jurisdiction,
        "name": duty.jurisdiction_name,
        "status": STATUS_WORDS[duty.status],
        "months": duty.months,
        "starts": duty.starts,
        "ends": duty.ends,
        "elements": "; ".join(sorted(e.label for e in duty.elements)),
        "reason": duty.reason,
        "basis": duty.basis,
        "citation": duty.citation.cite,
        "version": duty.effective_from,
    }


def credit_sheet(ws: Worksheet, plan: Plan) -> None:
    """Identity-theft protection owed: who, how long, from when to when, under which section."""
    header_row(ws, 1, CREDIT_COLUMNS)
    order = sorted(plan.credit_monitoring, key=lambda d: (STATUS_ORDER[d.status], d.jurisdiction))
    if not order:
        no_rows(ws, "No credit-monitoring rule applies to the jurisdictions in this plan.")
        return
    row = 1
    for row, duty in enumerate(order, start=2):
        put_row(ws, row, CREDIT_COLUMNS, _duty_values(duty), bold={"status"}, center={"months"})
    end_list(ws, "CreditMonitoring", CREDIT_COLUMNS, row, freeze="C2")


__all__ = ["SHEET", "credit_sheet"]
