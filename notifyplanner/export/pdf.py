"""A plan as a printable checklist (PDF): what counsel ticks off on the day.

Landscape, 9-point text, readable at 100%: the incident's facts, the controlling deadline,
one row per notice that is owed or may be owed (jurisdiction, recipient and office,
deadline and send-by, how to file, empty boxes for "sent on" and initials), then the notices
examined and not owed with their reason, then the citations and computations. Every page
carries the incident's name, the "as of" date and "page N of M".

Written with ReportLab, which needs no display and no Qt, so the command line and a server
make the same file the app does. Like every exporter it is pure: the "as of" date is passed
in (the faces default it to today), ReportLab's invariant mode pins the file's internal
dates and ids, and the result is bytes.

Text from the incident is text: ReportLab's Paragraph reads a small XML markup, so every
string from a user, a file or a rule is escaped before it becomes a Paragraph (a name such as
``<b>Acme & Co</b>`` prints as typed), and footer strings are drawn as plain text.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from notifyplanner import __version__
from notifyplanner.engine import days_left
from notifyplanner.export.common import (
    clean_text,
    cut_line,
    day_text,
    fact_text,
    filing_text,
    incident_facts,
    notice_label,
    office_text,
)
from notifyplanner.export.records import Recorded, Records, done_counts, done_record, earliest_open
from notifyplanner.instants import instant_text
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.report import DISCLAIMER, STATUS_WORDS, deadline_text, sorted_obligations

PAGE = landscape(letter)
MARGIN = 0.5 * inch
FOOTER_Y = 0.3 * inch
WIDTH = PAGE[0] - 2 * MARGIN
FONT = "Helvetica"
BOLD = "Helvetica-Bold"
NAVY = colors.HexColor("#1F3864")
GRID = colors.HexColor("#9E9E9E")
HEAD_FILL = colors.HexColor("#DCE3F0")
WARN = colors.HexColor("#9C0006")
DONE_FILL = colors.HexColor("#EDEDED")  # a notice recorded as sent or decided: nothing owed

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=16, leading=20, textColor=NAVY)
SECTION = ParagraphStyle(
    "section",
    parent=BODY,
    fontName=BOLD,
    fontSize=12,
    leading=15,
    textColor=NAVY,
    spaceBefore=10,
    spaceAfter=4,
)
CONTROLLING = ParagraphStyle("controlling", parent=BODY, fontSize=11, leading=14)
LISTED = ParagraphStyle("listed", parent=BODY, spaceAfter=4)
WARNING = ParagraphStyle("warning", parent=BODY, textColor=WARN)
CENTERED = ParagraphStyle("centered", parent=BODY, alignment=TA_CENTER)

# Owed notices: #, where, recipient and office, deadline, how to file, sent on, initials.
OWED_WIDTHS = [0.3, 1.25, 2.35, 1.6, 2.6, 1.15, 0.75]
NOT_OWED_WIDTHS = [0.3, 1.25, 2.35, 6.1]
CITATION_WIDTHS = [0.3, 1.6, 8.1]
WRITING_ROOM = 0.3 * inch
LOG_HEAD_LABEL = "Register log head:"


def plain(value: object) -> str:
    """User text without control characters (a tab becomes a space); line breaks kept."""
    return clean_text(str(value).replace("\t", " "))


def text(value: object) -> str:
    """A string made safe for a ReportLab Paragraph: markup escaped, line breaks kept."""
    return escape(plain(value)).replace("\n", "<br/>")


def _section(title: str) -> list[object]:
    """A heading that never sits alone at the foot of a page: with less than an inch and a
    half left, it starts the next page. (keepWithNext would push a long table after it to a
    new page whole.)"""
    return [CondPageBreak(1.5 * inch), Paragraph(text(title), SECTION)]


def _p(value: object, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text(value), style)


def _lines(*parts: tuple[str, bool]) -> str:
    """Paragraph markup from (text, bold) pieces; only our own tags, every text escaped."""
    return "<br/>".join(f"<b>{text(t)}</b>" if bold else text(t) for t, bold in parts if t)


def _when(day: date, as_of: date) -> str:
    left = days_left(day, as_of)
    assert left is not None
    if left == 0:
        return "due on the as-of date"
    if left < 0:
        return f"{-left} day{'s' if left != -1 else ''} past, as of {day_text(as_of)}"
    return f"{left} day{'s' if left != 1 else ''} from {day_text(as_of)}"


def _facts(plan: Plan) -> list[tuple[str, str]]:
    """The incident's facts as every export lists them; the name is the page's title."""
    return [(f.label, _fit_cell(fact_text(f.value))) for f in incident_facts(plan) if f.label != "Incident"]


# A table cell cannot continue on the next page: a longer text would make the whole
# checklist impossible to lay out (ReportLab's LayoutError), so it is cut, visibly. The
# budget is measured in printed width, not characters: 1,500 capitals or digits (a pasted
# phone number, the organisation's facts) fill a cell that 1,500 letters of prose do not.
MAX_FACT_CHARS = 1500
FACT_COLUMN = 3.4 * inch
FACT_LINES = 30  # two facts side by side, each at most about 330 points tall: a page holds the row


def _fit_cell(value: str) -> str:
    """``value`` whole when it fits the fact cell, else its longest prefix that does, cut visibly."""
    budget = (FACT_COLUMN - 6) * FACT_LINES * 0.8  # wrapping at word ends wastes some of each line
    if len(value) <= MAX_FACT_CHARS and _width(value) <= budget:
        return value
    low, high = 0, min(len(value), MAX_FACT_CHARS)
    while low < high:  # the longest prefix within the budget (the note that it was cut included)
        mid = (low + high + 1) // 2
        if _width(_cut(value, mid, force=True)) <= budget:
            low = mid
        else:
            high = mid - 1
    return _cut(value, low, force=True)


def _width(value: str) -> float:
    return sum(stringWidth(line, FONT, BODY.fontSize) for line in value.split("\n"))


def _cut(value: str, limit: int, *, force: bool = False) -> str:
    if len(value) <= limit and not force:
        return value
    return f"{value[:limit]}… (cut: {len(value):,} characters; the whole text is in the incident file)"


def _facts_table(plan: Plan) -> Table:
    """Facts in two label/value column pairs, so the first page still reaches the notices."""
    facts = _facts(plan)
    half = (len(facts) + 1) // 2
    rows = []
    for i in range(half):
        row = [_p(facts[i][0], HEAD), _p(facts[i][1])]
        if i + half < len(facts):
            label, value = facts[i + half]
            row += [_p(label, HEAD), _p(value)]
        else:
            row += ["", ""]
        rows.append(row)
    table = Table(rows, colWidths=[1.6 * inch, 3.4 * inch, 1.6 * inch, 3.4 * inch])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _deadline_line(title: str, ob: Obligation, as_of: date, record: Recorded | None = None) -> str:
    """'<b>Title: date</b> (days) ; send by: who.' as Paragraph markup; a notice recorded as
    done says so instead of counting down."""
    assert ob.deadline is not None
    send_by = ""
    if ob.practical_send_by and ob.practical_send_by < ob.deadline:
        send_by = f"; send by {day_text(ob.practical_send_by)}"
    undetermined = " (undetermined)" if ob.status is Status.UNDETERMINED else ""
    # An hours clock or a filing cut-off ends at an instant: print its time and UTC offset,
    # since the date alone would let a reader think the whole day is available.
    due = instant_text(ob.deadline_at) if ob.deadline_at is not None else day_text(ob.deadline)
    line = (
        f"<b>{text(title)}: {text(due)}</b> "
        f"({text(_when(ob.deadline, as_of))}){text(send_by)}: {text(ob.jurisdiction_name)}, "
        f"{text(notice_label(ob))}{text(undetermined)}"
    )
    if record is not None:
        line += f"; recorded {text(record.text())}"
    return line + "."


def _controlling(plan: Plan, as_of: date, records: Records | None = None) -> Paragraph:
    """The legal controlling deadline, a fact; for a register case also the earliest one
    still open, which is what the reader acts on once the first notices are done."""
    ob = plan.controlling
    if ob is None or ob.deadline is None:
        return Paragraph("<b>Controlling deadline:</b> none fixed yet.", CONTROLLING)
    line = _deadline_line("Controlling deadline", ob, as_of, done_record(ob, records))
    if records:
        opened = earliest_open(plan, records)
        if opened is None or opened.deadline is None:
            line += "<br/><b>Every dated notice is recorded as sent or decided not to send.</b>"
        elif opened.key != ob.key:
            line += "<br/>" + _deadline_line("Earliest deadline still open", opened, as_of)
    return Paragraph(line, CONTROLLING)


def _grid(table: Table, header_rows: int = 1) -> Table:
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


BOX_REFERENCE_CHARS = 40  # a tracking number or a portal receipt; longer is cut, visibly
BOX_REASON_CHARS = 160  # a table cell cannot continue on the next page


def _sent_box(record: Recorded | None) -> object:
    """The "Sent on" box: empty room to write in, or what the register recorded."""
    if record is None:
        return Spacer(1, WRITING_ROOM)  # tall enough to write a date in
    if record.skipped:
        return Paragraph(
            _lines(("Decided not to send", True), (cut_line(record.skip_reason, BOX_REASON_CHARS), False)),
            SMALL,
        )
    return Paragraph(
        _lines(
            (f"Sent {day_text(record.sent_on)}", True),
            (record.method, False),
            (cut_line(record.reference, BOX_REFERENCE_CHARS), False),
        ),
        SMALL,
    )


def _owed_row(number: int, ob: Obligation, as_of: date, record: Recorded | None = None) -> list[object]:
    recipient = _lines((notice_label(ob), True), (office_text(ob), False))
    deadline_parts: list[tuple[str, bool]] = []
    if ob.status is Status.UNDETERMINED:
        deadline_parts.append(("UNDETERMINED", True))
    deadline_parts.append((deadline_text(ob), True))
    if record is not None:
        # Done: the register's verdict, never "14 days past" (which read as still owed).
        verdict = record.grade if record.skipped else f"sent: {record.grade or 'recorded'}"
        if record.late_reason:
            verdict += f" (reason: {record.late_reason})"
        deadline_parts.append((verdict, True))
    elif ob.deadline is not None:
        deadline_parts.append((_when(ob.deadline, as_of), False))
    if ob.practical_send_by and ob.deadline and ob.practical_send_by < ob.deadline:
        # Say which day is the problem: "(Sunday)" after the send-by date read as if the
        # send-by date itself fell on a Sunday.
        day = ob.non_business_day
        article = "a " if day in ("Saturday", "Sunday") else ""
        why = f" (the deadline falls on {article}{day})" if day else ""
        deadline_parts.append((f"Send by {day_text(ob.practical_send_by)}{why}", True))
    if ob.without_unreasonable_delay and ob.deadline is not None:
        deadline_parts.append(("and without unreasonable delay", False))
    if ob.conservative:
        deadline_parts.append(("* from the discovery date: a later event date is not entered", False))
    if ob.held_until:
        deadline_parts.append((f"Law-enforcement hold until {day_text(ob.held_until)}", False))
    if ob.needs:
        deadline_parts.append(("Needs: " + "; ".join(ob.needs), False))
    return [
        _p(number, SMALL),
        Paragraph(_lines((ob.jurisdiction, True), (ob.jurisdiction_name, False)), BODY),
        Paragraph(recipient, BODY),
        Paragraph(_lines(*deadline_parts), BODY),
        _p(filing_text(ob), SMALL),
        _sent_box(record),
        Spacer(1, WRITING_ROOM),  # initials: the team's
    ]


def _owed_table(owed: list[Obligation], as_of: date, records: Records | None = None) -> Table:
    header = [
        "#",
        "Where",
        "Recipient and office",
        "Deadline and send-by",
        "How to file",
        "Sent on",
        "Initials",
    ]
    rows: list[list[object]] = [[_p(h, HEAD) for h in header]]
    got = [done_record(ob, records) for ob in owed]
    rows += [_owed_row(i, ob, as_of, rec) for i, (ob, rec) in enumerate(zip(owed, got, strict=True), start=1)]
    table = Table(rows, colWidths=[w * inch for w in OWED_WIDTHS], repeatRows=1)
    _grid(table)
    done = [i for i, rec in enumerate(got, start=1) if rec is not None]
    table.setStyle(TableStyle([("BACKGROUND", (0, i), (-1, i), DONE_FILL) for i in done]))
    # The boxes the team fills in by hand: heavier rule, room to write.
    table.setStyle(
        TableStyle(
            [
                ("BOX", (5, 1), (5, -1), 1.2, colors.black),
                ("BOX", (6, 1), (6, -1), 1.2, colors.black),
                ("INNERGRID", (5, 1), (6, -1), 1.2, colors.black),
            ]
        )
    )
    return table


def _not_owed_table(not_owed: list[Obligation], first: int) -> Table:
    rows: list[list[object]] = [[_p(h, HEAD) for h in ["#", "Where", "Recipient", "Why not required"]]]
    for i, ob in enumerate(not_owed, start=first):
        rows.append(
            [
                _p(i, SMALL),
                Paragraph(_lines((ob.jurisdiction, True), (ob.jurisdiction_name, False)), BODY),
                _p(notice_label(ob)),
                _p(ob.reason),
            ]
        )
    return _grid(Table(rows, colWidths=[w * inch for w in NOT_OWED_WIDTHS], repeatRows=1))


def _citations_table(numbered: list[tuple[int, Obligation]]) -> Table:
    rows: list[list[object]] = [[_p(h, HEAD) for h in ["#", "Notice", "Citation and computation"]]]
    for i, ob in numbered:
        body = _lines(
            (f"{ob.citation.cite} (rules in force from {day_text(ob.effective_from)})", True),
            (ob.citation.url, False),
            (ob.basis, False),
        )
        rows.append(
            [
                _p(i, SMALL),
                _p(f"{ob.jurisdiction}: {notice_label(ob)} ({STATUS_WORDS[ob.status]})", SMALL),
                Paragraph(body, SMALL),
            ]
        )
    return _grid(Table(rows, colWidths=[w * inch for w in CITATION_WIDTHS], repeatRows=1))


def _credit_monitoring(plan: Plan) -> list[object]:
    duties = [d for d in plan.credit_monitoring if d.status is not Status.NOT_REQUIRED]
    if not duties:
        return []
    flow: list[object] = _section("Credit monitoring and identity-theft protection")
    for d in duties:
        span = f", {day_text(d.starts)} to {day_text(d.ends)}" if d.starts and d.ends else ""
        flow.append(
            Paragraph(
                _lines((f"{d.jurisdiction}: {d.months} months ({STATUS_WORDS[d.status]}){span}", True))
                + f" {text(d.reason)} {text(d.citation.cite)}",
                LISTED,
            )
        )
    return flow


def _fit(value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with an ellipsis to fit ``width`` points."""
    value = " ".join(plain(value).split())
    # No glyph is narrower than about a seventh of the font size, so no more characters
    # than this can fit: the loop below stays short whatever the length of the name.
    value = value[: int(width / (size * 0.15)) + 4]
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "...", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "..."


def _numbered_canvas(incident_name: str, as_of: date, log_head: str | None = None) -> type[Canvas]:
    """A canvas that holds each page until the end, so the footer can say "page N of M".

    With ``log_head`` every page also carries the register's log head in a second footer
    line: a page that left the machine alone still names the log it was printed from.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:  # ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(colors.black)
            right = f"Page {number} of {total}"
            middle = f"As of {day_text(as_of)}"
            self.drawRightString(PAGE[0] - MARGIN, FOOTER_Y, right)
            self.drawCentredString(PAGE[0] / 2, FOOTER_Y, middle)
            room = PAGE[0] / 2 - MARGIN - stringWidth(middle, FONT, 8) / 2 - 12
            self.drawString(MARGIN, FOOTER_Y, _fit(incident_name, FONT, 8, room))
            if log_head:
                self.setFont(FONT, 6.5)
                self.drawString(MARGIN, FOOTER_Y - 9, f"{LOG_HEAD_LABEL} {log_head}")
            self.restoreState()

    return NumberedCanvas


MAX_TITLE_CHARS = 1000


def _title_name(name: str) -> str:
    """The name as the title shows it: whole up to MAX_TITLE_CHARS, then cut visibly.
    ReportLab breaks a long word in quadratic time: a 20,000-character name took minutes."""
    return _cut(name.strip() or "(unnamed incident)", MAX_TITLE_CHARS)


def plan_to_pdf(
    plan: Plan, *, as_of: date, log_head: str | None = None, records: Records | None = None
) -> bytes:
    """The plan as a counsel's checklist; ``as_of`` is the date days are counted from.

    ``log_head`` is the head hash of the register case's audit log when the plan is a
    register case's: whoever can write the register file can rebuild its chain, so a
    printed copy that names the head proves what the log said when it was printed. It goes
    under the title and in every page's footer.

    ``records`` is what the register holds for a register case's notices
    (``export.records.recorded_from``): the "Sent on" box then shows the date, method and
    reference recorded, or the decision not to send, such rows are shaded, and the
    controlling deadline is followed by the earliest one still open. None for a plain file.
    """
    name = _title_name(plan.incident.name)
    ordered = sorted_obligations(plan)
    owed = [o for o in ordered if o.status is not Status.NOT_REQUIRED]
    not_owed = [o for o in ordered if o.status is Status.NOT_REQUIRED]

    flow: list[object] = [
        _p(f"Notification checklist: {name}", TITLE),
        _p(f"As of {day_text(as_of)}. Made by notifyplanner {__version__}. {DISCLAIMER}", SMALL),
    ]
    if log_head:
        flow.append(_p(f"{LOG_HEAD_LABEL} {log_head} (the register's audit log when this was made)", SMALL))
    flow += [
        Spacer(1, 6),
        _facts_table(plan),
        Spacer(1, 8),
        _controlling(plan, as_of, records),
    ]
    flow += [_p(f"! {w}", WARNING) for w in plan.warnings]
    counted = f"{len(owed)}"
    if records is not None:
        sent, decided = done_counts(plan, records)
        counted += f"; {sent} recorded sent, {decided} decided not to send"
    flow += _section(f"Notices owed or undetermined ({counted})")
    flow.append(_owed_table(owed, as_of, records) if owed else _p("None."))
    if any(o.conservative for o in owed):
        flow.append(
            _p("* computed from the discovery date because a later event date is not entered yet", SMALL)
        )
    flow += _credit_monitoring(plan)
    flow += _section(f"Examined and not required ({len(not_owed)})")
    flow.append(_not_owed_table(not_owed, len(owed) + 1) if not_owed else _p("None."))
    flow += _section("Citations and computations")
    numbered = list(enumerate(owed + not_owed, start=1))
    flow.append(_citations_table(numbered) if numbered else _p("None."))
    if plan.versions:
        flow += _section("Rule versions used")
        flow += [
            _p(f"{v.jurisdiction}: {v.statute.cite}, in force from {day_text(v.effective_from)}", SMALL)
            for v in plan.versions
        ]

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 0.15 * inch,
        title=f"Notification checklist: {name}",
        author="notifyplanner",
        subject=f"As of {day_text(as_of)}",
        creator=f"notifyplanner {__version__}",
        invariant=1,
    )
    try:
        doc.build(flow, canvasmaker=_numbered_canvas(name, as_of, log_head))
    except LayoutError:
        # A text no cell can hold (cells cannot continue on the next page): said in words,
        # the same by the command line and the app, never ReportLab's "Flowable <Table...>".
        raise ChecklistLayoutError(LAYOUT_PROBLEM) from None
    return out.getvalue()


LAYOUT_PROBLEM = (
    "cannot lay out the checklist: a text from the incident (its name, notes or organisation "
    "facts) is too long to fit on a page; shorten it"
)


class ChecklistLayoutError(ValueError):
    """The checklist cannot be laid out on pages; the message says what to shorten."""
