"""The Details sheet: why each notice is owed or not, how its date was computed, its sources.

Keyed to the Obligations checklist by the same "#" and by the obligation's stable id
(``CA/individuals``), in the same order, so a reader moves from a checklist row to its
reasons by number, and a filter or re-sort on either sheet can still be matched by id.
Rows here are as tall as their reasons need; the rarely read fields (what the notice must
contain, how to file, the enacting law, the link) are grouped and collapsed, in the table
but off the printed page.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import notice_label
from notifyplanner.export.workbook.cells import CellValue, Column, end_list, header_row, put_row
from notifyplanner.instants import instant_text
from notifyplanner.model import DeadlineKind, Obligation
from notifyplanner.report import STATUS_WORDS, deadline_text

SHEET = "Details"

COLUMNS = (
    Column("number", "#", 4.5),
    Column("where", "Where", 7),
    Column("obligation", "Obligation id", 14, wrap=True),
    Column("recipient", "Recipient", 16, wrap=True),
    Column("status", "Status", 11),
    Column("deadline_at", "Deadline instant", 20, wrap=True),
    Column("reason", "Reason", 32, wrap=True),
    Column("basis", "Computation", 32, wrap=True),
    Column("citation", "Citation", 18, wrap=True),
    Column("notes", "Notes", 40, wrap=True),
    Column("jurisdiction_name", "Jurisdiction", 18, wrap=True, detail=True),
    Column("kind", "Deadline kind", 14, wrap=True, detail=True),
    Column("version", "Rule in force since", 11, detail=True),
    Column("needs", "Facts still needed", 22, wrap=True, detail=True),
    Column("non_business_day", "Deadline falls on", 14, wrap=True, detail=True),
    Column("conservative", "Conservative date", 12, detail=True),
    Column("unreasonable_delay", "Also without unreasonable delay", 13, detail=True),
    Column("held_until", "Law-enforcement hold until", 13, detail=True),
    Column("content", "What the notice must contain", 44, wrap=True, detail=True),
    Column("filing", "How to file", 30, wrap=True, detail=True),
    Column("enacted_by", "Rule enacted by", 30, wrap=True, detail=True),
    Column("url", "Citation link", 36, wrap=True, detail=True),
)

KIND_WORDS = {
    DeadlineKind.FIXED: "fixed date",
    DeadlineKind.NO_FIXED_DEADLINE: "no fixed date",
    DeadlineKind.RELATIVE_TO_NOTICE: "with another notice",
    DeadlineKind.NONE: "none (not owed)",
}


def _instant(ob: Obligation) -> str | None:
    """An hours clock's or filing cut-off's deadline as an instant with its offset and, when
    the instant carries one, the incident's time zone: the hour decides whether it was met."""
    if ob.deadline_at is None:
        return None
    shown = instant_text(ob.deadline_at)
    zone = getattr(ob.deadline_at.tzinfo, "key", None)
    return f"{shown}, {zone}" if zone else shown


def _values(number: int, ob: Obligation) -> dict[str, CellValue]:
    dated_or_none = ob.deadline is not None or ob.deadline_kind is DeadlineKind.NONE
    kind = KIND_WORDS[ob.deadline_kind] if dated_or_none else deadline_text(ob)
    if ob.conservative:
        kind += " (conservative: computed from discovery)"
    return {
        "number": number,
        "where": ob.jurisdiction,
        "obligation": ob.key,
        "deadline_at": _instant(ob),
        "recipient": notice_label(ob),
        "status": STATUS_WORDS[ob.status],
        "reason": ob.reason,
        "basis": ob.basis,
        "citation": ob.citation.cite,
        "notes": ob.notes,
        "jurisdiction_name": ob.jurisdiction_name,
        "kind": kind,
        "version": ob.effective_from,
        "needs": "; ".join(ob.needs),
        "non_business_day": ob.non_business_day,
        "conservative": ob.conservative,
        "unreasonable_delay": ob.without_unreasonable_delay,
        "held_until": ob.held_until,
        "content": ob.content,
        "filing": ob.filing,
        "enacted_by": ob.enacted_by,
        "url": ob.citation.url,
    }


def details_sheet(ws: Worksheet, obligations: Sequence[Obligation]) -> None:
    """Every field of every obligation, numbered as on the Obligations sheet."""
    header_row(ws, 1, COLUMNS)
    row = 1
    for row, ob in enumerate(obligations, start=2):
        put_row(ws, row, COLUMNS, _values(row - 1, ob), bold={"number", "status"}, center={"number"})
    end_list(ws, "Details", COLUMNS, row, freeze="D2")  # number, place and id stay in view


__all__ = ["COLUMNS", "SHEET", "details_sheet"]
