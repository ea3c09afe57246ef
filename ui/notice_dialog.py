"""Record a notice: "Mark sent..." (date, method, reference, evidence) or "Decided not to send".

Why a dialog and not cells in the table: a recorded notice is evidence a lawyer relies on,
so it is entered once, deliberately, with its proof, and then logged. The dialog asks for
the late reason only when the date entered is after the deadline (the core's
``grading.days_late`` decides), and refuses OK until what the record needs is there.
Evidence files are chosen here and read as bytes when the notice is recorded (on a worker
thread); the register keeps them and never opens or runs them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.model import Obligation
from notifyplanner.register.grading import days_late
from notifyplanner.register.records import LateReason, Method, NewNotice, Notice, NoticeAction
from ui.date_field import DateField
from ui.dates import ISO, with_weekday
from ui.models import jurisdiction_text

#: Evidence larger than this is refused: the register keeps files in the database.
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024

METHOD_WORDS: dict[Method, str] = {
    Method.MAIL: "Mail",
    Method.EMAIL: "Email",
    Method.PORTAL: "Portal (online form)",
    Method.FAX: "Fax",
    Method.PHONE: "Phone",
    Method.SUBSTITUTE_NOTICE: "Substitute notice",
    Method.PRESS_RELEASE: "Press release",
    Method.OTHER: "Other",
}
LATE_WORDS: dict[LateReason, str] = {
    LateReason.LAW_ENFORCEMENT_DELAY: "Law-enforcement delay",
    LateReason.SCOPE_BEING_DETERMINED: "Scope still being determined",
    LateReason.OTHER: "Other (say why below)",
}


class EvidenceList(QWidget):
    """Files to attach: added by a file dialog, listed by name, removable before OK."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Evidence files")
        self.list.setMaximumHeight(80)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)  # Alt+E on the "Evidence" label lands in the list
        buttons = QVBoxLayout()
        self.add_button = QPushButton("Add &files...", self)
        self.remove_button = QPushButton("Remo&ve", self)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.paths: list[Path] = []
        self.add_button.clicked.connect(self._browse)
        self.remove_button.clicked.connect(self._remove)

    def _browse(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Evidence: the letter as sent, a vendor's affidavit, a portal receipt"
        )
        for name in names:
            self.add(Path(name))

    def add(self, path: Path) -> None:
        if path not in self.paths:
            self.paths.append(path)
            self.list.addItem(path.name)
            self.list.item(self.list.count() - 1).setToolTip(str(path))

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            del self.paths[row]

    def check(self) -> str:
        """An error naming the first file that cannot be used ('' when all can).

        Only the file's size is looked at here: the bytes are read when the notice is
        recorded, on a worker thread, so a large letter or a slow network drive never
        freezes the window (``ui.notice_actions``)."""
        for path in self.paths:
            try:
                if not path.is_file():
                    return f"{path}: not a file"
                if path.stat().st_size > MAX_EVIDENCE_BYTES:
                    return f"{path}: larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB"
            except OSError as exc:
                return f"{path}: cannot be read ({exc.strerror or exc})"
        return ""


class NoticeDialog(QDialog):
    """One obligation's notice: sent (with proof) or decided not to send (with the reason)."""

    def __init__(
        self,
        obligation: Obligation,
        *,
        today: date,
        action: NoticeAction = NoticeAction.SENT,
        current: Notice | None = None,
        sent_by: str = "",
        date_format: str = ISO,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.obligation = obligation
        self.action = action
        self._today = today
        self.result_notice: NewNotice | None = None
        sent = action is NoticeAction.SENT
        self.setWindowTitle("Mark sent" if sent else "Decided not to send")
        self.setObjectName("noticeDialog")
        layout = QVBoxLayout(self)

        who = f"{jurisdiction_text(obligation.jurisdiction, obligation.jurisdiction_name)}: {obligation.recipient_text}"
        if obligation.deadline is not None:
            due = f"due {with_weekday(obligation.deadline, date_format)} ({obligation.citation.cite})"
        else:
            due = f"no fixed date ({obligation.citation.cite})"
        heading = QLabel(f"<b>{who}</b><br>{due}", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)

        form = self._form = QFormLayout()
        self.sent_on = DateField("Date sent", self, date_format)
        self.method = QComboBox(self)
        self.method.setAccessibleName("Method")
        for method, words in METHOD_WORDS.items():
            self.method.addItem(words, method)
        self.reference = QLineEdit(self)
        self.reference.setAccessibleName("Reference")
        self.reference.setPlaceholderText("certified-mail number, portal confirmation, ...")
        self.sent_by = QLineEdit(sent_by, self)
        self.sent_by.setAccessibleName("Sent by")
        self.late_reason = QComboBox(self)
        self.late_reason.setAccessibleName("Why it was late")
        self.late_reason.addItem("(choose why it was late)", None)
        for reason, words in LATE_WORDS.items():
            self.late_reason.addItem(words, reason)
        self.late_text = QLineEdit(self)
        self.late_text.setAccessibleName("Late reason, in words")
        self.late_text.setPlaceholderText("what delayed it (required for Other)")
        self.late_label = QLabel(self)
        self.late_label.setObjectName("lateNote")
        self.late_label.setWordWrap(True)
        self.skip_reason = QLineEdit(self)
        self.skip_reason.setAccessibleName("Reason not to send")
        self.skip_reason.setPlaceholderText("e.g. risk-of-harm analysis found no notice required; see memo")
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("Note")
        self.note.setMaximumHeight(60)
        self.evidence = EvidenceList(self)

        if sent:
            form.addRow("&Date sent", self.sent_on)
            form.addRow("&Method", self.method)
            form.addRow("&Reference", self.reference)
            form.addRow("Sent &by", self.sent_by)
            form.addRow("", self.late_label)
            form.addRow("&Late because", self.late_reason)
            form.addRow("", self.late_text)
            self.skip_reason.hide()  # not in this dialog's layout: never drawn loose
        else:
            form.addRow("&Reason", self.skip_reason)
            for widget in (self.sent_on, self.method, self.reference, self.sent_by):
                widget.hide()
            for widget in (self.late_label, self.late_reason, self.late_text):
                widget.hide()
        form.addRow("N&ote", self.note)
        form.addRow("&Evidence", self.evidence)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a50e0e")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Record" if sent else "Record decision"
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if current is not None and current.action is NoticeAction.SENT and sent:
            self.sent_on.set_date(current.sent_on)
            if current.method is not None:
                self.method.setCurrentIndex(max(0, self.method.findData(current.method)))
            self.reference.setText(current.reference)
            self.sent_by.setText(current.sent_by or sent_by)
            self.note.setPlainText(current.note)
            if current.late_reason is not None:
                self.late_reason.setCurrentIndex(max(0, self.late_reason.findData(current.late_reason)))
            self.late_text.setText(current.late_reason_text)
        elif current is not None and current.action is NoticeAction.SKIPPED and not sent:
            self.skip_reason.setText(current.skip_reason)
            self.note.setPlainText(current.note)
        elif sent:
            self.sent_on.set_date(today)
        self.sent_on.line.textChanged.connect(self._date_changed)
        self._date_changed()
        self.resize(520, self.sizeHint().height())

    # ------------------------------------------------------------------ state

    def days_late(self) -> int | None:
        day = self.sent_on.date()
        return days_late(self.obligation, day) if day is not None else None

    def _date_changed(self) -> None:
        if self.action is not NoticeAction.SENT:
            return
        late = self.days_late()
        for widget in (self.late_reason, self.late_text, self.late_label):
            widget.setVisible(late is not None)
        for widget in (self.late_reason, self.late_text, self.late_label):
            row_label = self._form.labelForField(widget)
            if row_label is not None:
                row_label.setVisible(late is not None)
        if late is not None:
            self.late_label.setText(
                f"<b>{late} day{'s' if late != 1 else ''} after the deadline.</b> The register records why."
            )

    def problems(self) -> str:
        """What keeps the record from being made, in one line ('' when it can be)."""
        if self.action is NoticeAction.SKIPPED:
            return "" if self.skip_reason.text().strip() else "Say why the notice is not sent."
        day = self.sent_on.date()
        if day is None:
            return (
                "Enter the date the notice was sent."
                if not self.sent_on.text()
                else (f"'{self.sent_on.text()}' is not a date.")
            )
        if day > self._today:
            return "The date sent is in the future: record a notice once it has gone out."
        if self.days_late() is not None:
            reason = self._late_reason()
            if reason is None:
                return "The notice was late: choose why."
            if reason is LateReason.OTHER and not self.late_text.text().strip():
                return "Say in words why the notice was late."
        return ""

    def _late_reason(self) -> LateReason | None:
        data = self.late_reason.currentData()
        return LateReason(data) if data else None

    def notice(self) -> NewNotice:
        """The notice as entered; its evidence files are in ``evidence_paths`` (read later)."""
        note = self.note.toPlainText().strip()
        if self.action is NoticeAction.SKIPPED:
            return NewNotice(
                key=self.obligation.key,
                action=NoticeAction.SKIPPED,
                skip_reason=self.skip_reason.text().strip(),
                note=note,
            )
        late = self.days_late() is not None
        return NewNotice(
            key=self.obligation.key,
            action=NoticeAction.SENT,
            sent_on=self.sent_on.date(),
            method=Method(self.method.currentData()),  # Qt hands a StrEnum back as str
            reference=self.reference.text().strip(),
            sent_by=self.sent_by.text().strip(),
            note=note,
            late_reason=self._late_reason() if late else None,
            late_reason_text=self.late_text.text().strip() if late else "",
        )

    @property
    def evidence_paths(self) -> tuple[Path, ...]:
        return tuple(self.evidence.paths)

    def try_accept(self) -> None:
        problem = self.problems() or self.evidence.check()
        self.problem.setText(problem)
        if problem:
            return
        self.result_notice = self.notice()
        self.accept()
