"""The details pane: one obligation explained in words, with its source one click away.

All the words come from the core (reason, basis, citation, content, filing, notes); this
module only lays them out. The citation link is not followed by the pane itself: a click
hands the URL to the user's browser (QDesktopServices), so the app makes no network call.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from notifyplanner.engine import days_left
from notifyplanner.export.common import office_text
from notifyplanner.model import Citation, CreditMonitoringDuty, Obligation, RuleVersionUsed, Status
from notifyplanner.register.grading import Grade
from notifyplanner.report import STATUS_WORDS, deadline_text
from ui.dates import ISO, dated, format_date, with_weekday
from ui.entity_profile import deadline_at_text
from ui.models import days_left_text, grade_text


def _p(label: str, text: str) -> str:
    return f"<p><b>{escape(label)}:</b> {escape(text)}</p>" if text else ""


def obligation_html(
    ob: Obligation,
    today: date,
    date_format: str = ISO,
    version: RuleVersionUsed | None = None,
) -> str:
    """The explanation of one obligation as simple HTML (Qt rich text)."""

    def d(day: date | None) -> str:
        return with_weekday(day, date_format) if day else ""

    parts = [f"<h3>{escape(ob.jurisdiction_name)}: {escape(ob.recipient_text)}</h3>"]
    office = office_text(ob)  # one rule with the exports: never the heading again
    if office:
        parts.append(f"<p>{escape(office)}</p>")
    status = STATUS_WORDS[ob.status].capitalize()
    parts.append(f"<p><b>{escape(status)}.</b> {escape(dated(ob.reason, date_format))}</p>")
    if ob.needs:
        parts.append(_p("Still needed", ", ".join(ob.needs)))
    if ob.status is not Status.NOT_REQUIRED:
        # An hours clock's time and offset, as in the table: "due today" alone hid 08:00.
        deadline = (d(ob.deadline) + deadline_at_text(ob)) if ob.deadline else deadline_text(ob)
        left = days_left_text(days_left(ob.deadline, today))
        parts.append(_p("Deadline", deadline + (f": {left}" if left else "")))
        if ob.practical_send_by:
            parts.append(
                _p("Send by", f"{d(ob.practical_send_by)}, the last business day before the deadline")
            )
        if ob.non_business_day:
            parts.append(_p("Not a business day", ob.non_business_day))
        if ob.conservative:
            parts.append(
                "<p><i>Conservative: computed from a stand-in date (see How) until the missing fact is entered.</i></p>"
            )
        if ob.held_until:
            parts.append(_p("Law-enforcement hold until", d(ob.held_until)))
        if ob.without_unreasonable_delay:
            parts.append("<p>Also due <i>without unreasonable delay</i>: the date is an outer limit.</p>")
    parts.append(_p("How", dated(ob.basis, date_format)))
    parts.append(_p("What it must contain", ob.content))
    parts.append(_p("How to file", ob.filing))
    parts.append(_p("Notes", ob.notes))
    version_text = f"version in force from {format_date(ob.effective_from, date_format)}"
    if ob.enacted_by:
        version_text += f", enacted by {ob.enacted_by}"
    if version is not None:
        version_text += f"; rules last reviewed {format_date(version.last_reviewed, date_format)}"
    parts.append(_p("Rule", version_text))
    cite = escape(ob.citation.cite)
    if ob.citation.url:
        url = escape(ob.citation.url, quote=True)
        parts.append(
            f'<p><b>Citation:</b> <a href="{url}">{cite}</a><br/><small>{escape(ob.citation.url)}</small></p>'
        )
    else:
        parts.append(f"<p><b>Citation:</b> {cite}</p>")
    parts.append(_checked(ob.citation))
    return "\n".join(p for p in parts if p)


def _checked(citation: Citation) -> str:
    """How the cited value was checked, so a reader knows what rests on charts only."""
    read = f"; text read at {citation.read_at}" if citation.read_at else ""
    return _p("Checked against", citation.checked.label + read)


def record_html(grade: Grade | None, date_format: str = ISO) -> str:
    """What the register holds for an obligation: sent (how, when, proof) or the decision."""
    if grade is None or grade.notice is None:
        return ""
    notice = grade.notice
    said = "decided not to send" if grade.skipped else grade_text(grade)
    parts = [f"<h4>Recorded: {escape(said)}</h4>"]
    if grade.skipped:
        parts.append(_p("Reason", notice.skip_reason))
    else:
        method = notice.method.value.replace("_", " ") if notice.method else ""
        parts.append(_p("Sent", f"{format_date(notice.sent_on, date_format)} by {method}".strip()))
        parts.append(_p("Reference", notice.reference))
        parts.append(_p("Sent by", notice.sent_by))
        if notice.late_reason is not None:
            why = notice.late_reason.value.replace("_", " ")
            parts.append(
                _p("Late because", f"{why}: {notice.late_reason_text}" if notice.late_reason_text else why)
            )
    parts.append(_p("Note", notice.note))
    if notice.evidence:
        files = "".join(
            f"<li>{escape(e.original_name)} ({e.size:,} bytes, SHA-256 {escape(e.sha256[:16])}...)</li>"
            for e in notice.evidence
        )
        parts.append(f"<p><b>Evidence:</b></p><ul>{files}</ul>")
    parts.append(
        f"<p style='color:#5f6368'>Recorded {escape(notice.recorded_at.strftime('%Y-%m-%d %H:%M'))} UTC "
        f"by {escape(notice.recorded_by)}</p>"
    )
    return "".join(parts)


def duty_html(duty: CreditMonitoringDuty, date_format: str = ISO) -> str:
    parts = [
        f"<h3>{escape(duty.jurisdiction_name)}: credit monitoring</h3>",
        f"<p><b>{escape(STATUS_WORDS[duty.status].capitalize())}.</b> {escape(dated(duty.reason, date_format))}</p>",
        _p("Months", str(duty.months)),
        _p("Starts", format_date(duty.starts, date_format)),
        _p("Ends", format_date(duty.ends, date_format)),
        _p("How", dated(duty.basis, date_format)),
        f'<p><b>Citation:</b> <a href="{escape(duty.citation.url, quote=True)}">{escape(duty.citation.cite)}</a></p>',
        _checked(duty.citation),
    ]
    return "\n".join(p for p in parts if p)


class DetailsPane(QTextBrowser):
    """Read-only explanation; links open in the user's browser only when clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Details of the selected obligation")
        self.anchorClicked.connect(self._open)
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.setHtml(
            "<p><i>Select a notice in the table or on the timeline to see how its deadline was computed.</i></p>"
        )

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
