"""The Obligations sheet: the checklist counsel work from, one short row per notice.

Who, when, send-by, status, sent on, owner, and how urgent it is today: rows of one or two
lines, so a printed page holds a page's worth of notices. Everything that explains a row
(reason, computation, citation, notes, content, filing) is on the Details sheet, keyed by
the same "#" and the same obligation id; the checklist once carried it all and its rows
were 80 to 258 points tall, about five to a printed page.

Urgency is live and follows the core's one rule (``notifyplanner.urgency``): the "Urgency"
column is a formula against ``TODAY()`` built from the same words and the same order, and
the row colours follow that column, so a file opened next week shows next week's overdue
notices, and an undetermined notice past its date reads "overdue (undetermined)" as in the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import notice_label
from notifyplanner.export.records import DECIDED, Records, done_record
from notifyplanner.export.workbook.cells import (
    BODY,
    BOLD,
    CENTER,
    DATE_FORMAT,
    DAYS_FORMAT,
    INPUT_FILL,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    TOP,
    WRAP,
    CellValue,
    Column,
    col,
    formula,
    header_row,
    lines,
    put,
    table,
)
from notifyplanner.instants import instant_text
from notifyplanner.model import DeadlineKind, Obligation, Plan, Status
from notifyplanner.report import STATUS_WORDS, deadline_text, sorted_obligations
from notifyplanner.urgency import UNDETERMINED_SUFFIX, Urgency

SHEET = "Obligations"
INDENT_ONE = Alignment(vertical="top", horizontal="left", indent=1)
CONSERVATIVE_FORMAT = DATE_FORMAT + '" *"'  # still a real date; the star is only shown
MAX_LINES = 3  # the longest office names take three lines; nearly every row takes two
TIME_DUE_TITLE = "Time due (UTC offset)"  # the Summary names the controlling time alike

COLUMNS = (
    Column("number", "#", 4.5),
    Column("where", "Where", 7),
    Column("recipient", "Recipient", 19, wrap=True),
    Column("office", "Office", 40, wrap=True),
    Column("status", "Status", 11),
    Column("deadline", "Deadline", 11.5),
    Column("time_due", TIME_DUE_TITLE, 17),
    Column("send_by", "Send by (practical)", 11),
    Column("days_left", "Days left", 7),
    Column("urgency", "Urgency (live)", 19),
    Column("sent_on", "Sent on", 11),
    Column("owner", "Owner", 14, wrap=True),
)
# A register case's export adds, last (so no other column moves), what the register held for
# each notice when the workbook was made: the grade, method, reference, reason, or the
# decision not to send. It is the cell a decision can live in: "Sent on" only takes dates.
RECORDED = Column("recorded", "Register record (at export)", 30, wrap=True)


def columns_for(records: Records | None) -> tuple[Column, ...]:
    """The checklist's columns: the register's record last, for a register case only."""
    return COLUMNS if records is None else (*COLUMNS, RECORDED)


@dataclass(frozen=True)
class Look:
    """How one urgency looks on the sheet, and the words the Summary explains it with."""

    label: str
    fill: str | None
    font: str
    bold: bool = False

    def style(self) -> DifferentialStyle:
        fill = PatternFill(bgColor=self.fill, fgColor=self.fill, fill_type="solid") if self.fill else None
        return DifferentialStyle(font=Font(color=self.font, bold=self.bold), fill=fill)


# The app's hues (ui/models.py), in Excel's paler print-friendly shades. A decision not to
# send lives in the register only: its look (DECIDED_LOOK) is added for a register case.
LOOKS = {
    Urgency.SENT_LATE: Look("Sent late", "E4D5F5", "43186B"),
    Urgency.SENT: Look("Sent", "EDEDED", "808080"),
    Urgency.NOT_REQUIRED: Look("Not required", None, "808080"),
    Urgency.OVERDUE: Look("Overdue", "FFC7CE", "9C0006"),
    Urgency.SOON: Look("Due soon", "FFEB9C", "7F4F00"),
    Urgency.LATER: Look("Later", "E2EFDA", "375623"),
    Urgency.NO_DATE: Look("No fixed date", "DDEBF7", "1F3864"),
}
DECIDED_LOOK = Look("Decided not to send", "F2F2F2", "3C4043")


def looks_for(records: Records | None) -> dict[Urgency, Look]:
    """The row looks in the order they are tested; a decision first, as the core's rule."""
    return LOOKS if records is None else {Urgency.DECIDED: DECIDED_LOOK, **LOOKS}


def explanations(window_days: int) -> dict[Urgency, str]:
    """What each colour means, for the Summary's legend; the window is the one used here."""
    days = f"{window_days} day{'s' if window_days != 1 else ''}"
    return {
        Urgency.DECIDED: "recorded in the register as decided not to send (see 'Register record')",
        Urgency.SENT_LATE: "the date under 'Sent on' is after the deadline",
        Urgency.SENT: "a date is entered under 'Sent on'",
        Urgency.NOT_REQUIRED: "examined and not owed (see the Details sheet)",
        Urgency.OVERDUE: (
            "deadline before today, not marked sent; an undetermined notice too, shown "
            f"'overdue{UNDETERMINED_SUFFIX}': it may be owed and its date has passed"
        ),
        Urgency.SOON: f"deadline today or within {days}",
        Urgency.LATER: f"deadline more than {days} away",
        Urgency.NO_DATE: "without unreasonable delay, or timed with another notice",
    }


def last_row(plan: Plan) -> int:
    """The table's last row: one per obligation under the header, at least one."""
    return max(len(plan.obligations) + 1, 2)


def urgency_formula(row: int, window_days: int, recorded: bool = False) -> str:
    """``notifyplanner.urgency.urgency`` as an Excel formula over one row, in the same order.

    'Sent on' holding anything counts as sent (the column only takes dates); sent after the
    deadline is late, as the register grades it. With ``recorded`` (a register case) a
    record that reads "decided not to send" comes first, as in the core's rule.
    """
    status, deadline, sent = (f"{col(COLUMNS, k)}{row}" for k in ("status", "deadline", "sent_on"))
    not_required = STATUS_WORDS[Status.NOT_REQUIRED]
    undetermined = STATUS_WORDS[Status.UNDETERMINED]
    u = {level: f'"{level.value}"' for level in Urgency}
    overdue_undetermined = f'"{Urgency.OVERDUE.value}{UNDETERMINED_SUFFIX}"'
    decided = ""
    if recorded:
        record = f"{col(columns_for({}), RECORDED.key)}{row}"
        decided = f'IF(LEFT({record},{len(DECIDED)})="{DECIDED}",{u[Urgency.DECIDED]},'
    return (
        decided + f"IF(LEN({sent})>0,"
        f'IF(AND({status}<>"{not_required}",ISNUMBER({deadline}),ISNUMBER({sent}),{sent}>{deadline}),'
        f"{u[Urgency.SENT_LATE]},{u[Urgency.SENT]}),"
        f'IF({status}="{not_required}",{u[Urgency.NOT_REQUIRED]},'
        f"IF(NOT(ISNUMBER({deadline})),{u[Urgency.NO_DATE]},"
        f'IF({deadline}<TODAY(),IF({status}="{undetermined}",{overdue_undetermined},{u[Urgency.OVERDUE]}),'
        f"IF({deadline}-TODAY()<={window_days},{u[Urgency.SOON]},{u[Urgency.LATER]})))))"
        + (")" if decided else "")
    )


def days_left_formula(row: int, recorded: bool = False) -> str:
    """Days to the deadline, live. In a register case's workbook a notice done (a date under
    'Sent on', or a decision recorded) counts down no more: "-44" beside "sent late" read as
    44 days overdue, where the app says "sent 26 days late"."""
    deadline = f"{col(COLUMNS, 'deadline')}{row}"
    days = f'IF(ISNUMBER({deadline}),{deadline}-TODAY(),"")'
    if not recorded:
        return days
    sent, record = f"{col(COLUMNS, 'sent_on')}{row}", f"{col(columns_for({}), RECORDED.key)}{row}"
    return f'IF(OR(LEN({sent})>0,LEFT({record},{len(DECIDED)})="{DECIDED}"),"",{days})'


def look_formula(level: Urgency, first_row: int) -> str:
    """The conditional-format test for one urgency: the row's live Urgency cell says it."""
    cell = f"${col(COLUMNS, 'urgency')}{first_row}"
    if level is Urgency.OVERDUE:  # "overdue" and "overdue (undetermined)" look alike
        return f'LEFT({cell},{len(level.value)})="{level.value}"'
    return f'{cell}="{level.value}"'


def _deadline_cell(ob: Obligation) -> CellValue:
    """A real date when there is one; otherwise the words for the kind of 'no date'."""
    if ob.deadline is not None:
        return ob.deadline
    if ob.deadline_kind is DeadlineKind.NONE:
        return "-"
    return deadline_text(ob)


def time_due(ob: Obligation) -> str | None:
    """The hour an hours clock or a filing cut-off ends, with its UTC offset ("08:00 (UTC-05:00)").

    The Deadline cell stays the instant's local date, a real date the live formulas compare
    with TODAY(); this cell says the notice is due at that hour, not at the end of that day.
    """
    if ob.deadline_at is None:
        return None
    return instant_text(ob.deadline_at).split(" ", 1)[1]


def _values(number: int, ob: Obligation) -> dict[str, CellValue]:
    return {
        "number": number,
        "where": ob.jurisdiction,
        "recipient": _recipient(ob),
        "office": ob.office,
        "status": STATUS_WORDS[ob.status],
        "deadline": _deadline_cell(ob),
        "time_due": time_due(ob),
        "send_by": ob.practical_send_by if ob.practical_send_by != ob.deadline else None,
    }


def _recipient(ob: Obligation) -> str:
    """The Recipient cell. A sector or foreign regulator is named by its office, which the
    Office cell beside it already gives whole; repeating it made a four-line cell that the
    two-line checklist row cut off (NYDFS, seen rendered). Then the cell says only "Regulator"."""
    label = notice_label(ob)
    if ob.recipient_label and ob.office and label.startswith(ob.office):
        return "Regulator" + label[len(ob.office) :]
    return label


def _row_height(values: dict[str, CellValue], columns: tuple[Column, ...] = COLUMNS) -> float:
    needed = 2
    for column in columns:
        value = values.get(column.key)
        if column.wrap and isinstance(value, str) and value:
            needed = max(needed, lines(value, column.width))
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * min(needed, MAX_LINES) + 3)


def obligations_sheet(
    ws: Worksheet, plan: Plan, window_days: int, records: Records | None = None
) -> list[Obligation]:
    """One short row per obligation, as a filterable table; returns the rows' order, which
    the Details sheet repeats.

    ``records`` (a register case's) fills "Sent on" with the date recorded, still a real
    date the team can correct, and the last column with the record in words."""
    columns = columns_for(records)
    header_row(ws, 1, columns)
    obligations = sorted_obligations(plan)
    for row, ob in enumerate(obligations, start=2):
        values = _values(row - 1, ob)
        record = done_record(ob, records)
        if records is not None:
            values["recorded"] = record.text() if record else ""
        for index, column in enumerate(columns, start=1):
            key = column.key
            if key == "days_left":
                formula(
                    ws, row, index, days_left_formula(row, records is not None), DAYS_FORMAT
                ).alignment = CENTER
            elif key == "urgency":
                formula(
                    ws, row, index, urgency_formula(row, window_days, records is not None)
                ).alignment = INDENT_ONE
            elif key in ("sent_on", "owner"):  # the team's to fill in, marked as input
                cell = ws.cell(row=row, column=index)
                if key == "sent_on" and record is not None and record.sent_on is not None:
                    cell = put(ws, row, index, record.sent_on, number_format=DATE_FORMAT)
                cell.fill = INPUT_FILL
                cell.alignment = WRAP
                cell.font = BODY
                if key == "sent_on":
                    cell.number_format = DATE_FORMAT
            else:
                cell = put(
                    ws,
                    row,
                    index,
                    values[key],
                    font=BOLD if key == "status" else BODY,
                    align=WRAP if column.wrap else (CENTER if key == "number" else TOP),
                )
                if key == "deadline" and ob.conservative and ob.deadline is not None:
                    cell.number_format = CONSERVATIVE_FORMAT
        ws.row_dimensions[row].height = _row_height(values, columns)
    last = last_row(plan)
    table(ws, "Obligations", columns, 1, last)
    ref = f"A2:{get_column_letter(len(columns))}{last}"
    for level, look in looks_for(records).items():
        rule = FormulaRule(formula=[look_formula(level, 2)], stopIfTrue=True)
        rule.dxf = look.style()
        ws.conditional_formatting.add(ref, rule)
    sent_col = col(COLUMNS, "sent_on")
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
    ws.freeze_panes = "C2"  # header row and who the row is about stay in view
    return obligations


def live_range(key: str, plan: Plan) -> str:
    """An absolute reference to one column of the table, for the Summary's live counts."""
    letter = col(COLUMNS, key)
    return f"{quote_sheetname(SHEET)}!${letter}$2:${letter}${last_row(plan)}"


__all__ = [
    "COLUMNS",
    "DECIDED_LOOK",
    "LOOKS",
    "RECORDED",
    "SHEET",
    "TIME_DUE_TITLE",
    "columns_for",
    "explanations",
    "looks_for",
    "obligations_sheet",
    "time_due",
    "urgency_formula",
]
