"""The Filings sheet: what each regulator's form or portal will ask, answered from the incident.

One row per field per owed filing (an attorney general, a regulator, HHS, the FTC), in the
order the plan lists the notices, numbered by filing so a filter on "MISSING" still shows
which filing a row belongs to. The answers are the core's (``notifyplanner.filings``): a
field the incident file does not record reads ``MISSING`` in bold, never a guess, so
whoever fills in the portal sees every gap before opening it. A notice whose form fields are
not recorded still gets a row: what the notice must contain, with its citation.

The same filings go into ``letters.json``; here the "copy of the notice" field stays missing
because the workbook is made without the drafts (``notifyplanner letters`` names them).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import notice_label
from notifyplanner.export.workbook.cells import (
    WARN_FONT,
    CellValue,
    Column,
    end_list,
    header_row,
    no_rows,
    put_row,
)
from notifyplanner.filings import Filing, filings
from notifyplanner.model import Citation, Obligation, Plan, Rulebook
from notifyplanner.report import deadline_text

SHEET = "Filings"
MISSING = "MISSING"
NO_FORM = "No form fields recorded: what the notice must contain"
NO_CONTENT = "The rules record no content for this notice: read its citation."

COLUMNS = (
    Column("number", "#", 4.5),
    Column("where", "Where", 7),
    Column("office", "Recipient / office", 30, wrap=True),
    Column("deadline", "Deadline", 11, wrap=True),
    Column("field", "Field", 30, wrap=True),
    Column("answer", "Answer from the incident", 40, wrap=True),
    Column("citation", "Citation", 22, wrap=True),
    Column("channel", "How it is filed", 30, wrap=True, detail=True),
    Column("notice", "Obligation id", 16, wrap=True, detail=True),
    Column("field_id", "Field id", 20, wrap=True, detail=True),
    Column("url", "Citation link", 36, wrap=True, detail=True),
    Column("notes", "Notes", 40, wrap=True, detail=True),
)


def _office(filing: Filing, ob: Obligation | None) -> str:
    """Who receives it ("Attorney General") and, where the rules name it, the office itself."""
    label = notice_label(ob) if ob else ""
    if label and filing.office and filing.office != label:
        return f"{label}: {filing.office}"
    return label or filing.office


def _rows(number: int, filing: Filing, ob: Obligation | None) -> list[dict[str, CellValue]]:
    """The rows of one filing; the form's citation, or the notice's own where none is recorded."""
    citation: Citation | None = filing.citation or (ob.citation if ob else None)
    deadline: CellValue = filing.deadline
    if deadline is None:
        deadline = deadline_text(ob) if ob else ""
    common: dict[str, CellValue] = {
        "number": number,
        "where": filing.jurisdiction,
        "office": _office(filing, ob),
        "deadline": deadline,
        "citation": citation.cite if citation else "",
        "channel": filing.channel,
        "notice": filing.key,
        "url": citation.url if citation else "",
        "notes": filing.notes,
    }
    if not filing.fields:
        return [common | {"field": NO_FORM, "field_id": "", "answer": filing.content or NO_CONTENT}]
    return [
        common
        | {
            "field": f.label,
            "field_id": f.field,
            "answer": f.answer if f.answer is not None else MISSING,
        }
        for f in filing.fields
    ]


def filings_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook) -> None:
    """Every owed regulator filing, one row per field, the gaps in bold."""
    header_row(ws, 1, COLUMNS)
    owed = filings(plan, rulebook)
    if not owed:
        no_rows(ws, "No regulator filing is owed in this plan.")
        return
    by_key = {ob.key: ob for ob in plan.obligations}
    row = 1
    for number, filing in enumerate(owed, start=1):
        for values in _rows(number, filing, by_key.get(filing.key)):
            row += 1
            cells = put_row(ws, row, COLUMNS, values, bold={"number"}, center={"number"})
            if values["answer"] == MISSING:
                cells["answer"].font = WARN_FONT
    end_list(ws, "Filings", COLUMNS, row, freeze="C2")  # the filing's number and place stay in view


__all__ = ["COLUMNS", "MISSING", "SHEET", "filings_sheet"]
