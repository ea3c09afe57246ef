"""A plan as an Excel workbook: the form in which the plan leaves the app for counsel.

Privacy officers hand this file to counsel, executives and vendors, who filter it, print it
and add their own columns, so it is built like a careful person's spreadsheet rather than a
data dump: real Excel dates, one Excel table per list (filters, sortable), a frozen bold
header, widths and row heights that show the text, and print settings that give a readable
landscape page with the incident's name and page numbers in the footer.

Three rules shape the code:

- **Pure.** ``plan_to_xlsx`` returns bytes and never reads the clock: the date the plan was
  made is passed in, and even the file's internal timestamps are pinned to it, so the same
  plan gives the same bytes. The caller decides where the bytes go (atomically).
- **Urgency is live.** Colors come from conditional-format formulas against ``TODAY()``, not
  fills baked in at export, so a file opened next week shows next week's overdue notices.
- **Text is text.** Anything that could start a formula (``= + - @``, tab, CR: the OWASP
  CSV-injection list) is stored as a string with Excel's quote prefix. Every string cell
  goes through ``_put`` so nothing typed by a user or read from a file is ever evaluated.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from notifyplanner import __version__
from notifyplanner.decisions import decision_text
from notifyplanner.model import (
    CheckLevel,
    Citation,
    CreditMonitoringDuty,
    DeadlineKind,
    Obligation,
    Plan,
    Rulebook,
    Status,
    weakest,
)
from notifyplanner.report import DISCLAIMER, STATUS_ORDER, STATUS_WORDS, deadline_text, sorted_obligations
from notifyplanner.rulebook import BUNDLED_RULES

# --------------------------------------------------------------------------- constants

DATE_FORMAT = "yyyy-mm-dd"  # the app's date display; never a locale accident
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "0;-0;0"
WEEKLY_AFTER_DAYS = 120  # a longer timeline gets one column per week, or it cannot be read
DAY_COLUMNS_PER_PAGE = 75  # keeps the printed timeline at a readable scale
# Five years of weekly columns. Deadlines further apart than that (a notice date typed a
# century out, say) are not a schedule anyone prints; drawing them once took thousands of
# columns and could pass Excel's limit, so the sheet says so instead.
MAX_TIMELINE_COLUMNS = 261
DUE_SOON_DAYS = 7
MAX_CELL_CHARS = 32_767  # Excel's limit; a longer string makes Excel "repair" the file
MAX_ROW_HEIGHT = 409  # points; Excel's limit
FOOTER_NAME_CHARS = 80  # Excel refuses a header/footer of more than 255 characters

# OWASP "CSV injection": cells starting with these may be read as formulas by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

SHEET_SUMMARY = "Summary"
SHEET_OBLIGATIONS = "Obligations"
SHEET_TIMELINE = "Timeline"
SHEET_RESIDENTS = "Residents"
SHEET_CREDIT = "Credit monitoring"
SHEET_SOURCES = "Sources"

BODY = Font(name="Calibri", size=10)
BOLD = Font(name="Calibri", size=10, bold=True)
HEADER_FONT = Font(name="Calibri", size=10, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
TITLE_FONT = Font(name="Calibri", size=16, bold=True, color="1F3864")
SECTION_FONT = Font(name="Calibri", size=12, bold=True, color="1F3864")
WARN_FONT = Font(name="Calibri", size=10, bold=True, color="9C0006")
LINK_FONT = Font(name="Calibri", size=10, color="0563C1", underline="single")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")  # the columns the team fills in
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTER = Alignment(vertical="top", horizontal="center")
INDENT = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=2)
LEFT = Alignment(vertical="top", horizontal="left")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TABLE_STYLE = TableStyleInfo(name="TableStyleLight1", showRowStripes=False, showColumnStripes=False)


@dataclass(frozen=True)
class Urgency:
    """One urgency class: its conditional-format look and the words that explain it."""

    label: str
    explanation: str
    fill: str | None
    font: str
    bold: bool = False

    def style(self) -> DifferentialStyle:
        fill = PatternFill(bgColor=self.fill, fgColor=self.fill, fill_type="solid") if self.fill else None
        return DifferentialStyle(font=Font(color=self.font, bold=self.bold), fill=fill)


URGENCY_SENT = Urgency("Sent", "a date is entered under 'Sent on'", "EDEDED", "808080")
URGENCY_NOT_REQUIRED = Urgency("Not required", "examined and not owed (see Reason)", None, "808080")
URGENCY_OVERDUE = Urgency("Overdue", "required, deadline before today, not marked sent", "FFC7CE", "9C0006")
URGENCY_SOON = Urgency(
    "Due within 7 days", f"deadline today or within {DUE_SOON_DAYS} days", "FFEB9C", "7F4F00"
)
URGENCY_LATER = Urgency("Later", f"deadline more than {DUE_SOON_DAYS} days away", "E2EFDA", "375623")
URGENCY_UNDATED = Urgency(
    "No fixed date",
    "without unreasonable delay, or timed with another notice",
    "DDEBF7",
    "1F3864",
)
URGENCIES = (
    URGENCY_SENT,
    URGENCY_NOT_REQUIRED,
    URGENCY_OVERDUE,
    URGENCY_SOON,
    URGENCY_LATER,
    URGENCY_UNDATED,
)

KIND_WORDS = {
    DeadlineKind.FIXED: "fixed date",
    DeadlineKind.NO_FIXED_DEADLINE: "no fixed date",
    DeadlineKind.RELATIVE_TO_NOTICE: "with another notice",
    DeadlineKind.NONE: "none (not owed)",
}

# --------------------------------------------------------------------------- safe cells


# What XML 1.0 cannot hold: openpyxl's control characters, plus U+FFFE/U+FFFF and lone
# surrogates (which openpyxl lets through, producing a workbook nothing can open).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # shows where a character was, instead of silently dropping it


def sheet_title(text: str, fallback: str = "Sheet") -> str:
    """A title Excel accepts: no ``[]:*?/\\``, no edge apostrophes, at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", XML_ILLEGAL.sub("", text))
    cleaned = " ".join(cleaned.split()).strip("'").strip()[:31].strip()
    return cleaned or fallback


def clean_text(value: str) -> str:
    """Text Excel can store: line ends as LF, characters XML forbids shown as U+FFFD (so the
    reader sees something was there), cut at Excel's limit.

    A bare CR would not survive the file anyway (XML turns it into LF on reading).
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return XML_ILLEGAL.sub(REPLACEMENT, value)[:MAX_CELL_CHARS]


def looks_like_formula(value: str) -> bool:
    """True for text a spreadsheet might evaluate; a leading line break counts, as CR does."""
    return value.startswith((*FORMULA_PREFIXES, "\n"))


def set_text(cell: Cell, value: str) -> Cell:
    """Store ``value`` as plain text, whatever it starts with.

    openpyxl turns any string starting with ``=`` into a formula; forcing the string type
    stops that, and the quote prefix keeps Excel from re-reading the cell as a formula when
    someone edits it later (the spreadsheet form of OWASP's leading-apostrophe advice).
    """
    text = clean_text(value)
    cell.value = text
    if looks_like_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


CellValue = str | int | float | bool | date | None


def _put(
    ws: Worksheet,
    row: int,
    col: int,
    value: CellValue,
    *,
    number_format: str | None = None,
    font: Font = BODY,
    align: Alignment = TOP,
) -> Cell:
    """Write one value with its proper Excel type; the only way this module writes data."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, bool):
        set_text(cell, "yes" if value else "no")
    elif isinstance(value, datetime):
        raise TypeError("plans hold dates, not datetimes")  # pragma: no cover - a programming error
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = number_format or DATE_FORMAT
        if align is TOP:
            align = CENTER  # a right-aligned date runs into the text of the next column
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    cell.font = font
    cell.alignment = align
    return cell


def _formula(ws: Worksheet, row: int, col: int, formula: str, number_format: str = "General") -> Cell:
    """A formula this module wrote itself (never user text): counts and days left against TODAY()."""
    cell = ws.cell(row=row, column=col)
    cell.value = formula if formula.startswith("=") else "=" + formula
    cell.number_format = number_format
    cell.font = BODY
    cell.alignment = TOP
    return cell


def _link(cell: Cell, url: str) -> None:
    """Make a cell a hyperlink, only for web addresses (a rule file could hold anything).

    Only short cells of our own words get links: LibreOffice never wraps a hyperlink cell,
    so a long address in one would print cut off; the address itself goes in a plain cell.
    """
    if url.lower().startswith(("https://", "http://")):
        cell.hyperlink = url
        cell.font = LINK_FONT


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


# --------------------------------------------------------------------------- layout helpers


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    wrap: bool = False
    detail: bool = False  # grouped and collapsed: in the table, hidden from the printed page


def _header_row(ws: Worksheet, row: int, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        _put(ws, row, index, column.header, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[row].height = 28


LINE_HEIGHT = 12.75  # points per line of 10 pt Calibri, as Excel spaces them
EM_PX = 10 * 96 / 72  # 10 pt at 96 dpi
# Calibri advance widths in ems, by class (measured on Carlito, its metric twin); anything
# not listed counts as 0.53, the width of most lower-case letters and of digits.
_EM_WIDTHS = {
    **dict.fromkeys(" 'ijlI.,:;`", 0.25),
    **dict.fromkeys("()-[]{}fJt!r", 0.33),
    **dict.fromkeys('/\\s"zLcxkvy?FS|', 0.44),
    **dict.fromkeys("ABDGHNOQUVKPXR&", 0.62),
    **dict.fromkeys("%wmMW@", 0.85),
}


def _px(text: str) -> float:
    return sum(_EM_WIDTHS.get(c, 0.53) for c in text) * EM_PX


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of 10 pt Calibri needs in a column ``width`` units wide.

    A width unit is the "0" of the 11 pt default font, 7 px, and a column is 7 * width + 5
    px with a little padding; words wrap at spaces, a longer word (a URL) by character.
    The estimate errs long: Excel also breaks after hyphens, and LibreOffice packs a little
    more into a line than Excel does, so the rows fit in both.
    """
    room = 7 * width - 2
    space = _px(" ")
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = _px(word)
            if used and used + space + size <= room:
                used += space + size
                continue
            if used:
                lines += 1
            while size > room:  # a word wider than the cell breaks anywhere
                lines += 1
                size -= room
            used = size
    return lines


def _fit_rows(ws: Worksheet, first: int, last: int, columns: Sequence[Column]) -> None:
    """Set row heights so wrapped text shows.

    Excel does not grow rows for wrapped text in a file it opens, so a row without a height
    shows one line and hides the rest; the estimate errs on the tall side.
    """
    for row in range(first, last + 1):
        lines = 1
        for index, column in enumerate(columns, start=1):
            value = ws.cell(row=row, column=index).value
            # Collapsed detail columns must not make the printed rows tall.
            if column.wrap and not column.detail and isinstance(value, str) and value:
                lines = max(lines, _lines(value, column.width))
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 3)


def _table(ws: Worksheet, name: str, columns: Sequence[Column], first_row: int, last_row: int) -> Table:
    """An Excel table over the list: filters and sorting for counsel, name valid for Excel."""
    last_row = max(last_row, first_row + 1)  # a table needs a body row, even an empty one
    ref = f"A{first_row}:{get_column_letter(len(columns))}{last_row}"
    table = Table(displayName=name, ref=ref, tableStyleInfo=TABLE_STYLE)
    ws.add_table(table)
    return table


def _group_details(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Collapse the detail columns: all fields stay in the table, the page stays readable."""
    for index, column in enumerate(columns, start=1):
        if column.detail:
            dim = ws.column_dimensions[get_column_letter(index)]
            dim.outline_level = 1
            dim.hidden = True
    ws.sheet_properties.outlinePr.summaryRight = False


def _footer_text(text: str) -> str:
    """Header/footer text is a tiny language where ``&`` starts a code; escape it."""
    text = clean_text(" ".join(text.split()))
    if len(text) > FOOTER_NAME_CHARS:
        text = text[: FOOTER_NAME_CHARS - 1] + "…"
    return text.replace("&", "&&")


def _print_setup(
    ws: Worksheet,
    plan: Plan,
    made_on: date,
    *,
    title_rows: str | None,
    title_cols: str | None = None,
    pages_wide: int = 1,
) -> None:
    """Landscape, fit to width, repeated header rows, footer with incident and page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.footer = 0.25
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    name = _footer_text(plan.incident.name or "Unnamed incident")
    for footer in (ws.oddFooter, ws.evenFooter):
        footer.left.text = name
        footer.left.size = 8
        footer.center.text = "Page &P of &N"
        footer.center.size = 8
        footer.right.text = f"&A · made {made_on.isoformat()} · not legal advice"
        footer.right.size = 8


# --------------------------------------------------------------------------- Obligations

OBLIGATION_COLUMNS = (
    Column("where", "Where", 7),
    Column("recipient", "Recipient", 16, wrap=True),
    Column("office", "Office", 19, wrap=True),
    Column("status", "Status", 10.5),
    Column("deadline", "Deadline", 11),
    Column("kind", "Deadline kind", 11, wrap=True),
    Column("send_by", "Send by (practical)", 11),
    Column("days_left", "Days left", 7),
    Column("sent_on", "Sent on", 11),
    Column("owner", "Owner", 11, wrap=True),
    Column("reason", "Reason", 27, wrap=True),
    Column("basis", "Computation", 29, wrap=True),
    Column("citation", "Citation", 19, wrap=True),
    Column("version", "Rule in force since", 11),
    Column("notes", "Notes", 42, wrap=True),
    Column("jurisdiction_name", "Jurisdiction", 18, wrap=True, detail=True),
    Column("obligation", "Obligation id", 22, wrap=True, detail=True),
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


def _col(columns: Sequence[Column], key: str) -> str:
    """The column letter of ``key``; formulas are written from names, not magic letters."""
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))


def _obligation_values(ob: Obligation) -> dict[str, CellValue]:
    dated_or_none = ob.deadline is not None or ob.deadline_kind is DeadlineKind.NONE
    kind = KIND_WORDS[ob.deadline_kind] if dated_or_none else deadline_text(ob)
    if ob.conservative:
        kind += " (conservative: computed from discovery)"
    return {
        "where": ob.jurisdiction,
        "recipient": ob.recipient_text,
        "office": ob.office,
        "status": STATUS_WORDS[ob.status],
        "deadline": ob.deadline,
        "kind": kind,
        "send_by": ob.practical_send_by,
        "reason": ob.reason,
        "basis": ob.basis,
        "citation": ob.citation.cite,
        "version": ob.effective_from,
        "notes": ob.notes,
        "jurisdiction_name": ob.jurisdiction_name,
        "obligation": ob.key,
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


def _urgency_rules(ws: Worksheet, ref: str, first_row: int, columns: Sequence[Column]) -> None:
    """Color rows by urgency with formulas, so the colors are right on the day the file is opened.

    Order matters and each rule stops the ones after it: a row marked sent is grey whatever
    its date; only a required notice can be overdue (45 CFR 164.404 and the state statutes
    run against the notifier, not against a notice found not owed).
    """
    status, deadline, sent = (f"${_col(columns, k)}{first_row}" for k in ("status", "deadline", "sent_on"))
    formulas = {
        URGENCY_SENT: f"LEN({sent})>0",
        URGENCY_NOT_REQUIRED: f'{status}="{STATUS_WORDS[Status.NOT_REQUIRED]}"',
        URGENCY_OVERDUE: (
            f'AND({status}="{STATUS_WORDS[Status.REQUIRED]}",ISNUMBER({deadline}),'
            f"{deadline}<TODAY(),LEN({sent})=0)"
        ),
        URGENCY_SOON: f"AND(ISNUMBER({deadline}),{deadline}-TODAY()<={DUE_SOON_DAYS})",
        URGENCY_LATER: f"AND(ISNUMBER({deadline}),{deadline}-TODAY()>{DUE_SOON_DAYS})",
        URGENCY_UNDATED: f"NOT(ISNUMBER({deadline}))",
    }
    for urgency in URGENCIES:
        rule = FormulaRule(formula=[formulas[urgency]], stopIfTrue=True)
        rule.dxf = urgency.style()
        ws.conditional_formatting.add(ref, rule)


def _last_obligation_row(plan: Plan) -> int:
    """The Obligations table's last row: one per obligation under the header, at least one."""
    return max(len(plan.obligations) + 1, 2)


def _obligations_sheet(ws: Worksheet, plan: Plan) -> None:
    """One row per obligation, every field, as a filterable table."""
    columns = OBLIGATION_COLUMNS
    _header_row(ws, 1, columns)
    obligations = sorted_obligations(plan)
    deadline_col = _col(columns, "deadline")
    for row, ob in enumerate(obligations, start=2):
        values = _obligation_values(ob)
        for index, column in enumerate(columns, start=1):
            if column.key == "days_left":
                _formula(
                    ws,
                    row,
                    index,
                    f'IF(ISNUMBER({deadline_col}{row}),{deadline_col}{row}-TODAY(),"")',
                    DAYS_FORMAT,
                )
                continue
            if column.key in ("sent_on", "owner"):  # left empty for the team, marked as input
                cell = ws.cell(row=row, column=index)
                cell.fill = INPUT_FILL
                cell.alignment = WRAP
                cell.font = BODY
                if column.key == "sent_on":
                    cell.number_format = DATE_FORMAT
                continue
            font = BOLD if column.key == "status" else BODY
            _put(ws, row, index, values[column.key], font=font, align=WRAP if column.wrap else TOP)
    last = _last_obligation_row(plan)
    _table(ws, "Obligations", columns, 1, last)
    ref = f"A2:{get_column_letter(len(columns))}{last}"
    _urgency_rules(ws, ref, 2, columns)
    sent_col = _col(columns, "sent_on")
    check = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(1990,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Sent on",
        error="Enter the date the notice was sent, e.g. 2026-10-20.",
    )
    check.add(f"{sent_col}2:{sent_col}{last}")
    ws.add_data_validation(check)
    _fit_rows(ws, 2, last, columns)
    _group_details(ws, columns)
    ws.freeze_panes = "C2"  # header row and who the row is about stay in view


# --------------------------------------------------------------------------- Summary


def _incident_facts(plan: Plan) -> list[tuple[str, CellValue]]:
    incident = plan.incident
    hold = incident.law_enforcement_delay
    hold_text = "none"
    if hold is not None:
        hold_text = f"{hold.form} request of {hold.requested.isoformat()}" + (
            f", until {hold.until.isoformat()}" if hold.until else ", no end date given"
        )
    residents = incident.residents
    total: int | str | None = incident.affected_total
    if total is None and incident.affected_at_least:
        total = f"at least {incident.affected_at_least:,} (some counts unknown)"
    return [
        ("Incident", incident.name or "(unnamed incident)"),
        ("Entity", incident.entity_role.label),
        ("Discovered", incident.discovered or "not entered"),
        ("Determined to be a breach", incident.determined or "not entered"),
        ("Breach began", incident.breach_start or "not entered"),
        ("Breach ended", incident.breach_end or "not entered"),
        ("Vendor's notice received", incident.vendor_notice or "not entered"),
        ("Individuals notified", incident.individuals_notified or "not yet"),
        ("HHS Secretary notified", incident.hhs_notified or "not yet"),
        ("Law-enforcement delay", hold_text),
        ("Data exposed", "; ".join(sorted(e.label for e in incident.data_elements)) or "none entered"),
        (
            "Encrypted",
            f"{_yes_no(incident.encrypted)}"
            + (f"; key compromised: {_yes_no(incident.key_compromised)}" if incident.encrypted else ""),
        ),
        ("Source of the breach", _yes_no(incident.source_of_breach)),
        ("People affected", total if total is not None else "unknown"),
        ("Jurisdictions with residents", f"{len(residents)} (see the Residents sheet)"),
        (
            "Entity and circumstances",
            "; ".join(
                [f"{a.label}: {_yes_no(v)}" for a, v in sorted(incident.entity_attributes.items())]
                + [f"{c.question} {_yes_no(v)}" for c, v in sorted(incident.circumstances.items())]
            )
            or "none answered",
        ),
        ("Decisions", "\n".join(decision_text(d) for d in incident.decisions) or "none recorded"),
        ("Notes", incident.notes or ""),
    ]


SUMMARY_WIDTHS = {"A": 30, "B": 13, "C": 15, "D": 80}
SUMMARY_TEXT_WIDTH = 13 + 15 + 80  # a value merged across B:D


def _summary_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook, made_on: date) -> None:
    """The one page an executive reads: facts, the controlling date, counts, rules, disclaimer."""
    for letter, width in SUMMARY_WIDTHS.items():
        ws.column_dimensions[letter].width = width

    def label(row: int, text: str) -> None:
        _put(ws, row, 1, text, font=BOLD)

    def value(row: int, val: CellValue, *, number_format: str | None = None) -> None:
        """A value beside its label; text spans B:D so long notes wrap across the page."""
        if isinstance(val, str):
            _put(ws, row, 2, val, align=WRAP)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
            ws.row_dimensions[row].height = min(
                MAX_ROW_HEIGHT, LINE_HEIGHT * _lines(val, SUMMARY_TEXT_WIDTH) + 3
            )
        else:
            _put(ws, row, 2, val, number_format=number_format, align=LEFT)

    def section(row: int, text: str) -> int:
        _put(ws, row, 1, text, font=SECTION_FONT)
        ws.row_dimensions[row].height = 20
        return row + 1

    def header(row: int, titles: Sequence[str]) -> None:
        for col, title in enumerate(titles, start=1):
            _put(ws, row, col, title, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL

    _put(ws, 1, 1, "Breach notification plan", font=TITLE_FONT)
    ws.row_dimensions[1].height = 24
    _put(ws, 2, 1, DISCLAIMER, font=WARN_FONT, align=WRAP)
    ws.merge_cells("A2:D2")
    ws.row_dimensions[2].height = 16
    label(3, "Plan made on")
    value(3, made_on)

    row = section(5, "The incident")
    for text, val in _incident_facts(plan):
        label(row, text)
        value(row, val, number_format=COUNT_FORMAT if isinstance(val, int) else None)
        row += 1

    row = section(row + 1, "Controlling deadline")
    controlling = plan.controlling
    if controlling is not None and controlling.deadline is not None:
        header(row, ("", "Deadline", "Days left (live)", "Notice"))
        row += 1
        label(row, "Earliest fixed deadline")
        _put(ws, row, 2, controlling.deadline, font=BOLD)
        _formula(ws, row, 3, f"B{row}-TODAY()", DAYS_FORMAT).alignment = CENTER
        ws.cell(row=row, column=3).font = BOLD
        _put(
            ws,
            row,
            4,
            f"{controlling.jurisdiction_name}: {controlling.recipient_text} "
            f"({STATUS_WORDS[controlling.status]}; {controlling.citation.cite})",
            align=WRAP,
        )
        if controlling.practical_send_by:
            row += 1
            label(row, "Practical send-by date")
            _put(ws, row, 2, controlling.practical_send_by)
            _formula(ws, row, 3, f"B{row}-TODAY()", DAYS_FORMAT).alignment = CENTER
            _put(
                ws,
                row,
                4,
                f"the deadline falls on {controlling.non_business_day or 'a non-business day'}; "
                "the last business day before it",
                align=WRAP,
            )
    else:
        label(row, "Earliest fixed deadline")
        value(row, "none fixed yet: every owed notice is 'without unreasonable delay' or needs a date")
    row += 1

    row = section(row + 1, "Obligations by status")
    for status in (Status.REQUIRED, Status.UNDETERMINED, Status.NOT_REQUIRED):
        label(row, STATUS_WORDS[status])
        value(row, len(plan.by_status(status)))
        row += 1
    label(row, "total examined")
    value(row, len(plan.obligations))
    row += 1
    # Live counts from the Obligations sheet: they follow the 'Sent on' column and the calendar.
    sheet = quote_sheetname(SHEET_OBLIGATIONS)
    cols = OBLIGATION_COLUMNS
    rng = {
        k: f"{sheet}!${_col(cols, k)}$2:${_col(cols, k)}${_last_obligation_row(plan)}"
        for k in ("status", "deadline", "sent_on")
    }
    required = STATUS_WORDS[Status.REQUIRED]
    live = [
        (
            "overdue today (live)",
            f'COUNTIFS({rng["status"]},"{required}",{rng["deadline"]},"<"&TODAY(),{rng["sent_on"]},"")',
        ),
        (
            f"due within {DUE_SOON_DAYS} days (live)",
            f'COUNTIFS({rng["status"]},"<>{STATUS_WORDS[Status.NOT_REQUIRED]}",{rng["deadline"]},">="&TODAY(),'
            f'{rng["deadline"]},"<="&(TODAY()+{DUE_SOON_DAYS}),{rng["sent_on"]},"")',
        ),
        ("marked sent (live)", f"COUNT({rng['sent_on']})"),
    ]
    for text, formula in live:
        label(row, text)
        _formula(ws, row, 2, formula).alignment = LEFT
        row += 1

    row = section(row + 1, "Colors on the Obligations sheet (recomputed each day the file is opened)")
    for urgency in URGENCIES:
        cell = _put(
            ws, row, 1, urgency.label, font=Font(name="Calibri", size=10, color=urgency.font, bold=True)
        )
        if urgency.fill:
            cell.fill = PatternFill("solid", fgColor=urgency.fill)
        value(row, urgency.explanation)
        row += 1

    if plan.warnings:
        row = section(row + 1, "Warnings")
        for warning in plan.warnings:
            _put(ws, row, 1, warning, font=WARN_FONT, align=WRAP)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            width = SUMMARY_TEXT_WIDTH + SUMMARY_WIDTHS["A"]
            ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * _lines(warning, width) + 3)
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
        _put(ws, row, 1, name, align=WRAP)
        _put(ws, row, 2, version.effective_from)
        _put(ws, row, 3, version.last_reviewed)
        _put(ws, row, 4, version.enacted_by, align=WRAP)
        lines = max(_lines(version.enacted_by, SUMMARY_WIDTHS["D"]), _lines(name, SUMMARY_WIDTHS["A"]))
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3
        row += 1
    ws.sheet_view.showGridLines = False


# --------------------------------------------------------------------------- Timeline

TIMELINE_LABELS = (
    Column("where", "Where", 7),
    Column("recipient", "Recipient", 24),
    Column("deadline", "Deadline", 11),
)
TIMELINE_BAR = PatternFill("solid", fgColor="8EA9DB")
TIMELINE_HATCH = PatternFill("lightUp", fgColor="2F5597", bgColor="FFFFFF")  # prints in black and white
TIMELINE_MARK = PatternFill("solid", fgColor="000000")
TIMELINE_WEEKEND = PatternFill("solid", fgColor="EDEDED")
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
SMALL = Font(name="Calibri", size=9)
SMALL_BOLD = Font(name="Calibri", size=9, bold=True)


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


def _timeline_sheet(ws: Worksheet, plan: Plan) -> int:
    """A Gantt view: one row per dated notice, one column per day (or week), bars by fill.

    Bars use fills and patterns that survive a black-and-white printer: a solid bar for
    required notices, a hatched one for undetermined ones, a black deadline cell. Today's
    column is found by a formula, so it moves as the days pass. Returns the pages the
    printout needs across, so that day numbers stay legible.
    """
    start = plan.incident.discovered
    dated = _timeline_rows(plan)
    ws.sheet_view.showGridLines = False
    if start is None or not dated:
        why = "no discovery date entered." if start is None else "no owed notice has a fixed date yet."
        _put(ws, 1, 1, "No timeline: " + why, font=BOLD)
        ws.column_dimensions["A"].width = 80
        return 1
    end = max(max(o.deadline for o in dated if o.deadline), start)
    span = (end - start).days + 1
    weekly = span > WEEKLY_AFTER_DAYS
    step = 7 if weekly else 1
    count = math.ceil(span / step)
    if count > MAX_TIMELINE_COLUMNS:
        _put(
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
    note = (
        f"One column per {unit} from discovery {start.isoformat()} to the last deadline {end.isoformat()}"
        + (
            f"; the span is {span} days, more than {WEEKLY_AFTER_DAYS}, so columns are weeks"
            if weekly
            else ""
        )
        + ". ◆ deadline · ● practical send-by date · solid bar: required · hatched bar: undetermined · "
        "red column: today (moves when the file is opened on a later day). "
        "Notices with no fixed date are on the Obligations sheet."
    )
    _put(ws, 1, 1, note, font=BODY, align=WRAP)
    note_end = min(last, first + 60)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=note_end)
    note_width = sum(c.width for c in TIMELINE_LABELS) + (note_end - first + 1) * 2.5
    ws.row_dimensions[1].height = LINE_HEIGHT * _lines(note, note_width) + 4

    for index, column in enumerate(TIMELINE_LABELS, start=1):
        _put(ws, 3, index, column.header, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(TIMELINE_LABELS))

    # Month labels are text spanning their month's columns: a date in a 2.5-wide cell would
    # show ####, while text just clips; a month of one or two columns gets its short name.
    month_start = 0
    for k in range(1, count + 1):
        if k == count or (days[k].year, days[k].month) != (days[month_start].year, days[month_start].month):
            day = days[month_start]
            wide = k - month_start >= 4
            label = f"{MONTHS[day.month - 1]} {day.year}" if wide else MONTHS[day.month - 1]
            _put(
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
        head = _put(ws, 3, col, day, number_format="mm-dd" if weekly else "d", font=SMALL, align=align)
        head.border = GRID
        if not weekly and day.weekday() >= 5:
            head.fill = TIMELINE_WEEKEND
    ws.row_dimensions[3].height = 34 if weekly else 15

    styles: dict[str, StyleArray] = {}
    mark_font = Font(name="Calibri", size=8, bold=True, color="FFFFFF")
    send_font = Font(name="Calibri", size=8, bold=True, color="000000")
    row = 3
    for row, ob in enumerate(dated, start=4):
        _put(ws, row, 1, ob.jurisdiction, font=SMALL)
        _put(ws, row, 2, ob.recipient_text, font=SMALL)
        _put(ws, row, 3, ob.deadline, font=SMALL)
        assert ob.deadline is not None  # _timeline_rows keeps dated notices only
        stop = (ob.deadline - start).days // step
        send = (ob.practical_send_by - start).days // step if ob.practical_send_by else None
        for k, day in enumerate(days):
            cell = ws.cell(row=row, column=first + k)
            if k < stop:
                fill = TIMELINE_BAR if ob.status is Status.REQUIRED else TIMELINE_HATCH
            elif not weekly and day.weekday() >= 5:
                fill = TIMELINE_WEEKEND
            else:
                fill = None
            _grid_style(cell, fill, styles)
            if k == send and send != stop:
                _put(ws, row, first + k, "●", font=send_font, align=Alignment(horizontal="center"))
            if k == stop:
                _put(ws, row, first + k, "◆", font=mark_font, align=Alignment(horizontal="center"))
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


# --------------------------------------------------------------------------- Residents


RESIDENT_COLUMNS = (
    Column("where", "Where", 8),
    Column("name", "Jurisdiction", 26),
    Column("count", "Residents", 14),
    Column("rules", "In this plan", 52, wrap=True),
)


def _residents_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook) -> None:
    """Residents per jurisdiction, largest first, with the total of the known counts."""
    _header_row(ws, 1, RESIDENT_COLUMNS)
    residents = plan.incident.residents
    right = Alignment(horizontal="right", vertical="top")
    order = sorted(residents.items(), key=lambda item: (item[1] is None, -(item[1] or 0), item[0]))
    row = 1
    for row, (code, count) in enumerate(order, start=2):
        jurisdiction = rulebook.get(code)
        _put(ws, row, 1, code)
        _put(ws, row, 2, jurisdiction.name if jurisdiction else code)
        _put(ws, row, 3, count if count is not None else "unknown", number_format=COUNT_FORMAT, align=right)
        planned = "yes" if jurisdiction else "no: there are no rules for this jurisdiction"
        _put(ws, row, 4, planned, align=INDENT)
    last = max(row, 2)
    _table(ws, "Residents", RESIDENT_COLUMNS, 1, last)
    known = [c for c in residents.values() if c is not None]
    unknown = len(residents) - len(known)
    total_row = last + 1
    _put(ws, total_row, 2, "Total (known counts)", font=BOLD)
    total = _put(ws, total_row, 3, sum(known), number_format=COUNT_FORMAT, font=BOLD, align=right)
    total.border = Border(top=Side(style="double"))
    if unknown:
        _put(
            ws,
            total_row,
            4,
            f"plus the residents of {unknown} jurisdiction(s) whose number is unknown",
            align=INDENT,
        )
    entered = plan.incident.total_affected
    _put(ws, total_row + 1, 2, "People affected, as entered")
    _put(
        ws,
        total_row + 1,
        3,
        entered if entered is not None else "not entered",
        number_format=COUNT_FORMAT,
        align=right,
    )
    ws.freeze_panes = "A2"


# --------------------------------------------------------------------------- Credit monitoring


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


def _credit_sheet(ws: Worksheet, plan: Plan) -> None:
    """Identity-theft protection owed: who, how long, from when to when, under which section."""
    _header_row(ws, 1, CREDIT_COLUMNS)
    order = sorted(plan.credit_monitoring, key=lambda d: (STATUS_ORDER[d.status], d.jurisdiction))
    if not order:
        _put(ws, 2, 1, "No credit-monitoring rule applies to the jurisdictions in this plan.")
        ws.freeze_panes = "A2"
        return
    row = 1
    for row, duty in enumerate(order, start=2):
        for index, value in enumerate(_duty_values(duty), start=1):
            column = CREDIT_COLUMNS[index - 1]
            _put(
                ws,
                row,
                index,
                value,
                align=WRAP if column.wrap else (CENTER if column.key == "months" else TOP),
            )
        ws.cell(row=row, column=3).font = BOLD
    _table(ws, "CreditMonitoring", CREDIT_COLUMNS, 1, row)
    _fit_rows(ws, 2, row, CREDIT_COLUMNS)
    ws.freeze_panes = "C2"


# --------------------------------------------------------------------------- Sources


SOURCE_COLUMNS = (
    Column("where", "Where", 7),
    Column("name", "Jurisdiction", 16, wrap=True),
    Column("used_for", "Used for", 24, wrap=True),
    Column("citation", "Citation", 32, wrap=True),
    Column("checked", "Checked against", 14, wrap=True),
    Column("open", "Link", 6),
    Column("url", "Address", 46, wrap=True),
    Column("read_at", "Text read at", 30, wrap=True),
    Column("version", "Rule in force since", 11),
    Column("enacted_by", "Version enacted by", 36, wrap=True),
    Column("reviewed", "Rules last reviewed", 11),
)
STATUTE_USE = "the statute as a whole"


@dataclass
class _Source:
    code: str
    name: str
    cite: str
    url: str
    used_for: list[str]
    checked: CheckLevel = CheckLevel.SECONDARY
    read_at: str = ""


def _sources(plan: Plan, rulebook: Rulebook) -> list[_Source]:
    """Every citation the plan relies on, once each, with what it was used for."""
    found: dict[tuple[str, str, str], _Source] = {}

    def add(code: str, name: str, citation: Citation, use: str) -> None:
        cite, url = citation.cite, citation.url
        source = found.setdefault(
            (code, cite, url), _Source(code, name, cite, url, [], citation.checked, citation.read_at)
        )
        # one row per pin cite: it is only as checked as the weakest value resting on it
        source.checked = weakest((source.checked, citation.checked))
        source.read_at = source.read_at or citation.read_at
        if use not in source.used_for:
            source.used_for.append(use)

    for version in plan.versions:
        add(version.jurisdiction, version.name, version.statute, STATUTE_USE)
    for ob in sorted_obligations(plan):
        add(
            ob.jurisdiction,
            ob.jurisdiction_name,
            ob.citation,
            f"notice: {ob.recipient.label}",
        )
    for duty in plan.credit_monitoring:
        add(
            duty.jurisdiction,
            duty.jurisdiction_name,
            duty.citation,
            "credit monitoring",
        )
    for code in sorted({ob.jurisdiction for ob in plan.obligations if ob.non_business_day}):
        jurisdiction = rulebook.get(code)
        if jurisdiction is not None and jurisdiction.computation_of_time is not None:
            cite = jurisdiction.computation_of_time
            add(
                code,
                jurisdiction.name,
                cite,
                "computation of time (deadline on a non-business day)",
            )
    order = {v.jurisdiction: i for i, v in enumerate(plan.versions)}
    return sorted(
        found.values(),
        key=lambda s: (order.get(s.code, len(order)), s.code, STATUTE_USE not in s.used_for, s.cite),
    )


def _sources_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook) -> None:
    """Citations and links, so counsel can check each rule against the text it encodes."""
    _header_row(ws, 1, SOURCE_COLUMNS)
    versions = {v.jurisdiction: v for v in plan.versions}
    row = 1
    for row, source in enumerate(_sources(plan, rulebook), start=2):
        version = versions.get(source.code)
        values: dict[str, CellValue] = {
            "where": source.code,
            "name": source.name,
            "used_for": "; ".join(source.used_for),
            "citation": source.cite,
            "open": "open" if source.url.lower().startswith(("https://", "http://")) else "",
            "url": source.url,
            "checked": source.checked.label,
            "read_at": source.read_at,
            "version": version.effective_from if version else None,
            "enacted_by": version.enacted_by if version else "",
            "reviewed": version.last_reviewed if version else None,
        }
        for index, column in enumerate(SOURCE_COLUMNS, start=1):
            cell = _put(ws, row, index, values[column.key], align=WRAP if column.wrap else TOP)
            if column.key == "open" and values["open"]:
                _link(cell, source.url)
    last = max(row, 2)
    _table(ws, "Sources", SOURCE_COLUMNS, 1, last)
    _fit_rows(ws, 2, last, SOURCE_COLUMNS)
    ws.freeze_panes = "C2"


# --------------------------------------------------------------------------- the workbook


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


def plan_to_xlsx(plan: Plan, rulebook: Rulebook, *, made_on: date, log_head: str | None = None) -> bytes:
    """The plan as an .xlsx workbook, in bytes.

    ``made_on`` is the date the plan is handed out; it is printed on the Summary and in the
    footer. Urgency colors are not computed from it: they follow ``TODAY()`` in Excel.
    ``log_head`` (a register case's audit-log head) goes on the Summary (row 4) and, cut to
    16 characters, in every sheet's footer: a copy that left the machine names the log.
    """
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = sheet_title(SHEET_SUMMARY)
    obligations = workbook.create_sheet(sheet_title(SHEET_OBLIGATIONS))
    timeline = workbook.create_sheet(sheet_title(SHEET_TIMELINE))
    residents = workbook.create_sheet(sheet_title(SHEET_RESIDENTS))
    credit = workbook.create_sheet(sheet_title(SHEET_CREDIT))
    sources = workbook.create_sheet(sheet_title(SHEET_SOURCES))

    _obligations_sheet(obligations, plan)
    _summary_sheet(summary, plan, rulebook, made_on)
    pages_wide = _timeline_sheet(timeline, plan)
    _residents_sheet(residents, plan, rulebook)
    _credit_sheet(credit, plan)
    _sources_sheet(sources, plan, rulebook)

    _print_setup(summary, plan, made_on, title_rows=None)
    _print_setup(obligations, plan, made_on, title_rows="1:1")
    _print_setup(timeline, plan, made_on, title_rows="1:3", title_cols="A:C", pages_wide=pages_wide)
    for sheet in (residents, credit, sources):
        _print_setup(sheet, plan, made_on, title_rows="1:1")
    if log_head:
        _put(summary, 4, 1, "Register log head", font=BOLD)
        _put(summary, 4, 2, log_head)
        for sheet in workbook.worksheets:
            for footer in (sheet.oddFooter, sheet.evenFooter):
                footer.right.text = f"{footer.right.text} · log {_footer_text(log_head[:16])}"

    workbook.properties.creator = f"notifyplanner {__version__}"
    workbook.properties.title = clean_text(f"Breach notification plan: {plan.incident.name}")[:250]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_bytes(buffer.getvalue(), workbook, made_on)


__all__ = ["FORMULA_PREFIXES", "plan_to_xlsx", "set_text", "sheet_title"]
