"""The workbook's cell rules, in one place every sheet writes through.

- **Text is text.** Anything that could start a formula (``= + - @``, tab, CR: the OWASP
  CSV-injection list) is stored as a string with Excel's quote prefix; characters XML
  cannot hold are replaced visibly (``export/common.py`` has the format-neutral rules the
  PDF and calendar exporters share). Every value goes through :func:`put`, so nothing typed
  by a user or read from a file is ever evaluated; :func:`formula` is for the formulas this
  package writes itself.
- **Real Excel dates**, shown ``yyyy-mm-dd``: a date sorts and filters as a date.
- **Widths and heights that show the text.** Excel does not grow rows for wrapped text in a
  file it opens, so heights are estimated from Calibri's metrics (:func:`lines`).
- **Print setup**: landscape Letter, fit to width, repeated headers, the incident's name,
  page numbers and "not legal advice" in every footer.
- **Sheet titles** Excel accepts (:func:`sheet_title`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import FORMULA_PREFIXES, XML_ILLEGAL, clean_text, looks_like_formula
from notifyplanner.model import Plan

DATE_FORMAT = "yyyy-mm-dd"  # the app's date display; never a locale accident
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "0;-0;0"
MAX_CELL_CHARS = 32_767  # Excel's limit; a longer string makes Excel "repair" the file
MAX_ROW_HEIGHT = 409  # points; Excel's limit
FOOTER_NAME_CHARS = 80  # Excel refuses a header/footer of more than 255 characters

BODY = Font(name="Calibri", size=10)
BOLD = Font(name="Calibri", size=10, bold=True)
SMALL = Font(name="Calibri", size=9)
SMALL_BOLD = Font(name="Calibri", size=9, bold=True)
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


def sheet_title(text: str, fallback: str = "Sheet") -> str:
    """A title Excel accepts: no ``[]:*?/\\``, no edge apostrophes, at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", XML_ILLEGAL.sub("", text))
    cleaned = " ".join(cleaned.split()).strip("'").strip()[:31].strip()
    return cleaned or fallback


def cell_text(value: str) -> str:
    """Text a cell can hold: LF line ends, XML-illegal characters shown as U+FFFD, Excel's limit."""
    return clean_text(value, visible=True, limit=MAX_CELL_CHARS)


def set_text(cell: Cell, value: str) -> Cell:
    """Store ``value`` as plain text, whatever it starts with.

    openpyxl turns any string starting with ``=`` into a formula; forcing the string type
    stops that, and the quote prefix keeps Excel from re-reading the cell as a formula when
    someone edits it later (the spreadsheet form of OWASP's leading-apostrophe advice).
    """
    text = cell_text(value)
    cell.value = text
    if looks_like_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


CellValue = str | int | float | bool | date | None


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: CellValue,
    *,
    number_format: str | None = None,
    font: Font = BODY,
    align: Alignment = TOP,
) -> Cell:
    """Write one value with its proper Excel type; the only way the sheets write data."""
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


def formula(ws: Worksheet, row: int, col: int, text: str, number_format: str = "General") -> Cell:
    """A formula the workbook wrote itself (never user text): counts and days left against TODAY()."""
    cell = ws.cell(row=row, column=col)
    cell.value = text if text.startswith("=") else "=" + text
    cell.number_format = number_format
    cell.font = BODY
    cell.alignment = TOP
    return cell


def link(cell: Cell, url: str) -> None:
    """Make a cell a hyperlink, only for web addresses (a rule file could hold anything).

    Only short cells of our own words get links: LibreOffice never wraps a hyperlink cell,
    so a long address in one would print cut off; the address itself goes in a plain cell.
    """
    if url.lower().startswith(("https://", "http://")):
        cell.hyperlink = url
        cell.font = LINK_FONT


# --------------------------------------------------------------------------- layout helpers


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    wrap: bool = False
    detail: bool = False  # grouped and collapsed: in the table, hidden from the printed page


def header_row(ws: Worksheet, row: int, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        put(ws, row, index, column.header, font=HEADER_FONT, align=HEADER_ALIGN).fill = HEADER_FILL
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


def px(text: str) -> float:
    return sum(_EM_WIDTHS.get(c, 0.53) for c in text) * EM_PX


def lines(text: str, width: float) -> int:
    """Lines a wrapped cell of 10 pt Calibri needs in a column ``width`` units wide.

    A width unit is the "0" of the 11 pt default font, 7 px, and a column is 7 * width + 5
    px with a little padding; words wrap at spaces, a longer word (a URL) by character.
    The estimate errs long: Excel also breaks after hyphens, and LibreOffice packs a little
    more into a line than Excel does, so the rows fit in both.
    """
    room = 7 * width - 2
    space = px(" ")
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = px(word)
            if used and used + space + size <= room:
                used += space + size
                continue
            if used:
                count += 1
            while size > room:  # a word wider than the cell breaks anywhere
                count += 1
                size -= room
            used = size
    return count


def fit_rows(ws: Worksheet, first: int, last: int, columns: Sequence[Column]) -> None:
    """Set row heights so wrapped text shows.

    Excel does not grow rows for wrapped text in a file it opens, so a row without a height
    shows one line and hides the rest; the estimate errs on the tall side.
    """
    for row in range(first, last + 1):
        needed = 1
        for index, column in enumerate(columns, start=1):
            value = ws.cell(row=row, column=index).value
            # Collapsed detail columns must not make the printed rows tall.
            if column.wrap and not column.detail and isinstance(value, str) and value:
                needed = max(needed, lines(value, column.width))
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * needed + 3)


def table(ws: Worksheet, name: str, columns: Sequence[Column], first_row: int, last_row: int) -> Table:
    """An Excel table over the list: filters and sorting for counsel, name valid for Excel."""
    last_row = max(last_row, first_row + 1)  # a table needs a body row, even an empty one
    ref = f"A{first_row}:{get_column_letter(len(columns))}{last_row}"
    made = Table(displayName=name, ref=ref, tableStyleInfo=TABLE_STYLE)
    ws.add_table(made)
    return made


def group_details(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Collapse the detail columns: all fields stay in the table, the page stays readable."""
    for index, column in enumerate(columns, start=1):
        if column.detail:
            dim = ws.column_dimensions[get_column_letter(index)]
            dim.outline_level = 1
            dim.hidden = True
    ws.sheet_properties.outlinePr.summaryRight = False


def put_row(
    ws: Worksheet,
    row: int,
    columns: Sequence[Column],
    values: Mapping[str, CellValue],
    *,
    bold: Collection[str] = (),
    center: Collection[str] = (),
) -> dict[str, Cell]:
    """One row of a list sheet, written column by column from ``values`` keyed like ``columns``.

    The list sheets (Details, Filings, Credit monitoring, Sources) style their cells alike:
    wrapped text where the column wraps, bold or centred where the sheet asks, and a date
    always centred (right-aligned, it runs into the next column's text). Returns the cells by
    key, for what one sheet adds (a link, a warning font).
    """
    cells: dict[str, Cell] = {}
    for index, column in enumerate(columns, start=1):
        value = values[column.key]
        align = WRAP if column.wrap else (CENTER if column.key in center else TOP)
        if isinstance(value, date):
            align = CENTER
        font = BOLD if column.key in bold else BODY
        cells[column.key] = put(ws, row, index, value, font=font, align=align)
    return cells


def no_rows(ws: Worksheet, text: str) -> None:
    """A list sheet with nothing to list says so in words, not with an empty table."""
    put(ws, 2, 1, text)
    ws.freeze_panes = "A2"


def end_list(ws: Worksheet, name: str, columns: Sequence[Column], last: int, *, freeze: str) -> None:
    """Close a list sheet whose header is row 1: an Excel table, heights that show the wrapped
    text, the detail columns collapsed, and the columns left of ``freeze`` kept in view."""
    last = max(last, 2)
    table(ws, name, columns, 1, last)
    fit_rows(ws, 2, last, columns)
    if any(column.detail for column in columns):
        group_details(ws, columns)
    ws.freeze_panes = freeze


def footer_text(text: str) -> str:
    """Header/footer text is a tiny language where ``&`` starts a code; escape it."""
    text = cell_text(" ".join(text.split()))
    if len(text) > FOOTER_NAME_CHARS:
        text = text[: FOOTER_NAME_CHARS - 1] + "…"
    return text.replace("&", "&&")


def print_setup(
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
    name = footer_text(plan.incident.name or "Unnamed incident")
    for footer in (ws.oddFooter, ws.evenFooter):
        footer.left.text = name
        footer.left.size = 8
        footer.center.text = "Page &P of &N"
        footer.center.size = 8
        footer.right.text = f"&A · made {made_on.isoformat()} · not legal advice"
        footer.right.size = 8


def col(columns: Sequence[Column], key: str) -> str:
    """The column letter of ``key``; formulas are written from names, not magic letters."""
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))


__all__ = ["FORMULA_PREFIXES", "Column", "put", "set_text", "sheet_title"]


# --------------------------------------------------------------------------- page breaks

# The printable area print_setup leaves on a landscape Letter page.
PAGE_HEIGHT_PT = (8.5 - 0.5 - 0.6) * 72
PAGE_WIDTH_PX = (11 - 0.4 - 0.4) * 96
DEFAULT_ROW_PT = 15  # openpyxl's default row height, which Excel and LibreOffice honour


def print_scale(widths: Sequence[float]) -> float:
    """The zoom "fit to one page wide" prints at: a column is 7 * width + 5 pixels."""
    needed = sum(7 * w + 5 for w in widths)
    return min(1.0, PAGE_WIDTH_PX / needed) if needed else 1.0


def row_height(ws: Worksheet, row: int) -> float:
    height = ws.row_dimensions[row].height
    return float(height) if height else DEFAULT_ROW_PT


def keep_with_next(
    ws: Worksheet, blocks: Sequence[tuple[int, int]], last: int, widths: Sequence[float]
) -> list[int]:
    """Manual page breaks so that no heading is left alone at the foot of a page.

    ``blocks`` are (heading row, rows that must print with it); when a heading and its rows
    would not fit in what is left of a page, the page breaks before the heading. The row
    heights are the ones this package set, so the estimate follows the printer's own breaks;
    a tenth of a page is kept in hand for what the estimate cannot see. Returns the rows
    that now start a page.
    """
    room = PAGE_HEIGHT_PT / print_scale(widths)
    keep = dict(blocks)
    used = 0.0
    starts: list[int] = []
    for row in range(1, last + 1):
        height = row_height(ws, row)
        if row in keep and used > 0:
            block = sum(row_height(ws, r) for r in range(row, min(row + keep[row], last) + 1))
            if used + min(block, room) > room * 0.9:
                ws.row_breaks.append(Break(id=row - 1))
                starts.append(row)
                used = 0.0
        if used > 0 and used + height > room:
            used = 0.0  # the printer breaks here by itself
        used += height
    return starts
