"""The Letters tab: which letters the plan needs, what each must and must not say, and
Export letters (the same drafts and letters.json as ``notifyplanner letters``).

A group is due by its earliest member's deadline, but each member's clock is its own and a
lawyer checks each against its statute, so the selected letter lists every member's deadline.
Dates are written in the user's date format, like every other date the app shows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.export.records import Recorded
from notifyplanner.letter_groups import LetterGroup, checklist_rows, letter_groups
from notifyplanner.model import Incident, Plan, Rulebook
from ui.dates import ISO, dated, format_date


class LettersView(QWidget):
    """The groups, the selected group's member deadlines and checklist, Export letters.

    ``selection_changed`` tells the plan's details pane to ask ``details_html`` again."""

    selection_changed = Signal()
    exported = Signal(Path)  # the folder the drafts went to: the window logs it for a register case

    def __init__(self, parent: QWidget | None = None, date_format: str = ISO) -> None:
        super().__init__(parent)
        self._date_format = date_format
        self._records: dict[str, Recorded] = {}
        self._plan: Plan | None = None
        self._rulebook: Rulebook | None = None
        self._incident: Incident | None = None
        self.templates_folder = ""
        self.groups: tuple[LetterGroup, ...] = ()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel("No letters: the plan owes no individual notice.", self)
        self.summary.setWordWrap(True)
        self.export_button = QPushButton("E&xport letters...", self)
        self.export_button.setAccessibleName("Export letters")
        # Not connect(self.export): clicked(bool) would hand False to export() as the folder.
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.group_table = QTableWidget(0, 4, splitter)
        self.group_table.setAccessibleName("Letters")
        self.group_table.setHorizontalHeaderLabels(["Letter", "Serves", "Send by", "Why separate"])
        self.group_table.horizontalHeader().setStretchLastSection(True)
        self.group_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.group_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.group_table.itemSelectionChanged.connect(self._show_checklist)
        self.deadlines = QTableWidget(0, 3, splitter)
        self.deadlines.setAccessibleName("Each member's deadline")
        self.deadlines.setHorizontalHeaderLabels(["Member", "Notice", "Its own deadline"])
        self.deadlines.horizontalHeader().setStretchLastSection(True)
        self.deadlines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.deadlines.verticalHeader().setVisible(False)
        self.checklist = QTableWidget(0, 3, splitter)
        self.checklist.setAccessibleName("Letter checklist")
        self.checklist.setHorizontalHeaderLabels(["Element", "In the letter", "Source"])
        self.checklist.horizontalHeader().setStretchLastSection(True)
        self.checklist.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Element names ("Description of the incident") on one line at 1366x768: they wrapped
        # in two beside a Source column three times as wide as its text.
        metrics = self.checklist.fontMetrics()
        self.checklist.horizontalHeader().resizeSection(
            0, metrics.horizontalAdvance("Description of the incident") + 18
        )
        self.checklist.horizontalHeader().resizeSection(
            1, metrics.horizontalAdvance("required; owed unless the") + 18
        )
        # The checklist is the long read; one or two letters need little room.
        for index, stretch in enumerate((1, 1, 3)):
            splitter.setStretchFactor(index, stretch)
        layout.addWidget(splitter, 1)

    def set_plan(self, plan: Plan | None, rulebook: Rulebook, incident: Incident) -> None:
        self._plan, self._rulebook, self._incident = plan, rulebook, incident
        self.groups = letter_groups(plan, rulebook=rulebook) if plan is not None else ()
        self._fill_groups()

    def set_records(self, records: Mapping[str, Recorded] | None) -> None:
        """What the register records for the case's notices (None for a plain file): a
        letter whose members are all sent or decided says so, and one partly done is due by
        its open members' earliest deadline (a newcomer's trial found "Send by" still giving
        the date of a letter already mailed)."""
        records = dict(records or {})
        if records == self._records:
            return  # the replan after each keystroke regrades; the letters have not changed
        self._records = records
        if self.groups:
            row = self.selected_group()
            self._fill_groups()
            if row is not None:
                self.group_table.selectRow(row[0])

    def _done(self) -> set[str]:
        return {key for key, record in self._records.items() if record.done}

    def _progress(self, group: LetterGroup) -> tuple[date | None, int]:
        """(the letter's send-by date, how many of its members are done): by the members
        still open once any is recorded sent or decided, else the earliest member's."""
        done = self._done()
        finished = len(group.deadlines) - len(group.open_members(done))
        return (group.open_send_by(done) if finished else group.send_by), finished

    def _send_by_text(self, group: LetterGroup) -> str:
        send_by, finished = self._progress(group)
        total = len(group.deadlines)
        if total and finished == total:
            return "done: every member sent or decided"
        text = format_date(send_by, self._date_format) if send_by else "-"
        return f"{text} ({finished} of {total} members done)" if finished else text

    def _fill_groups(self) -> None:
        self.group_table.setRowCount(len(self.groups))
        for row, group in enumerate(self.groups):
            cells = (
                f"Letter {row + 1} ({group.population})",
                ", ".join(group.jurisdictions),
                self._send_by_text(group),
                group.split_reason,
            )
            for col, text in enumerate(cells):
                self.group_table.setItem(row, col, _cell(text))
        self.group_table.resizeRowsToContents()  # the reason is read whole, not elided
        count = len(self.groups)
        self.summary.setText(
            f"{count} letter{'' if count == 1 else 's'} for the individual notices owed."
            if self.groups
            else "No letters: the plan owes no individual notice."
        )
        self.export_button.setEnabled(bool(self.groups))
        if self.groups:
            self.group_table.selectRow(0)
        self._show_checklist()

    def _show_checklist(self) -> None:
        rows = self.group_table.selectionModel().selectedRows()
        group = self.groups[rows[0].row()] if rows and rows[0].row() < len(self.groups) else None
        lines = checklist_rows(group) if group else ()
        self.checklist.setRowCount(len(lines))
        for row, cells in enumerate(lines):
            for col, text in enumerate(cells):
                self.checklist.setItem(row, col, _cell(text))
        self.checklist.resizeRowsToContents()
        self.deadlines.setRowCount(len(group.deadlines) if group else 0)
        for row, member in enumerate(group.deadlines if group else ()):
            cells = (member.jurisdiction, member.notice, dated(member.text, self._date_format))
            for col, text in enumerate(cells):
                self.deadlines.setItem(row, col, _cell(text))
        self.deadlines.resizeRowsToContents()
        self.selection_changed.emit()

    def selected_group(self) -> tuple[int, LetterGroup] | None:
        rows = self.group_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.groups):
            return None
        return rows[0].row(), self.groups[rows[0].row()]

    def open_placeholders(self, number: int, group: LetterGroup) -> tuple[str, ...] | str:
        """The placeholders Export letters would leave in this draft, or why they are unknown.

        Read from the draft itself (the same call Export makes, dated today), so the list
        is the draft's, never a second guess at it."""
        from notifyplanner.export.letters_docx import letter_docx
        from notifyplanner.letter_text import LetterTemplateError, load_templates

        if self._incident is None:
            return ()
        try:
            templates = load_templates(Path(self.templates_folder) if self.templates_folder else None)
            return letter_docx(group, self._incident, templates, number, date.today())[1]
        except (LetterTemplateError, OSError) as exc:
            return str(exc)

    def details_html(self) -> str:
        """The selected letter for the details pane: members, deadlines, split, placeholders."""
        chosen = self.selected_group()
        if chosen is None:
            return (
                "<p><i>Select a letter in the table to see whom it serves and what is still to fill.</i></p>"
            )
        row, group = chosen
        fmt = self._date_format
        members = ", ".join(group.jurisdictions)
        parts = [f"<h3>Letter {row + 1} ({escape(group.population)})</h3>"]
        parts.append(f"<p><b>Serves:</b> {escape(members)}")
        if group.riding:
            parts.append(f" &mdash; the federal letter stands in for {escape(', '.join(group.riding))}")
        parts.append("</p>")
        send_by, finished = self._progress(group)
        if group.deadlines and finished == len(group.deadlines):
            parts.append("<p><b>Send by:</b> every member is recorded sent or decided not to send</p><ul>")
        else:
            when = format_date(send_by, fmt) if send_by else "no fixed date"
            whose = (
                "the earliest deadline of the members still open"
                if finished
                else "the earliest member's deadline"
            )
            parts.append(f"<p><b>Send by:</b> {escape(when)} ({whose})</p><ul>")
        for member in group.deadlines:
            record = self._records.get(member.notice)
            note = f" &mdash; <b>{escape(record.text())}</b>" if record is not None and record.done else ""
            parts.append(f"<li>{escape(member.jurisdiction)}: {escape(dated(member.text, fmt))}{note}</li>")
        parts.append(f"</ul><p><b>Why this grouping:</b> {escape(group.split_reason)}</p>")
        if group.unchecked:
            parts.append(
                "<p><b>No content data for:</b> "
                f"{escape(', '.join(group.unchecked))}; read those notices' content text.</p>"
            )
        open_ = self.open_placeholders(row + 1, group)
        if isinstance(open_, str):
            parts.append(f"<p><b>Placeholders:</b> unknown: {escape(open_)}</p>")
        elif open_:
            items = "".join(f"<li>{escape(p)}</li>" for p in open_)
            parts.append(f"<p><b>Placeholders still open ({len(open_)}):</b></p><ul>{items}</ul>")
        else:
            parts.append("<p><b>Placeholders:</b> none; every fact the draft needs is given.</p>")
        return "".join(parts)

    def _fit_rows(self) -> None:
        for table in (self.group_table, self.deadlines, self.checklist):
            table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Rows fitted while the tab was hidden were measured against columns not yet laid
        out (screenshot, 2026-12-03: a two-line reason stood in a row five lines tall);
        fit them again once the columns have their width."""
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def set_date_format(self, fmt: str) -> None:
        """Rewrite the dates in ``fmt`` (Preferences), the selection kept."""
        self._date_format = fmt
        rows = self.group_table.selectionModel().selectedRows()
        for row, group in enumerate(self.groups):
            self.group_table.setItem(row, 2, _cell(self._send_by_text(group)))
        if rows:
            self.group_table.selectRow(rows[0].row())
        self._show_checklist()

    def export(self, folder: str | None = None) -> Path | None:
        """Write the drafts and letters.json into a folder the user picks (or ``folder``)."""
        if self._plan is None or self._rulebook is None or self._incident is None:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Folder for the letter drafts")
            if not folder:
                return None
        from notifyplanner.cli_letters import LETTERS_JSON, build_letters
        from notifyplanner.incident_file import atomic_write_bytes
        from notifyplanner.letter_text import LetterTemplateError

        out = Path(folder)
        try:
            files, document = build_letters(
                self._incident,
                self._plan,
                self._rulebook,
                Path(self.templates_folder) if self.templates_folder else None,
                date.today(),
            )
            for name, payload in files.items():
                atomic_write_bytes(out / name, payload)
            atomic_write_bytes(
                out / LETTERS_JSON,
                (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
            )
        except (LetterTemplateError, OSError) as exc:
            QMessageBox.warning(self, "Letters not exported", str(exc))
            return None
        self.summary.setText(f"{len(files)} draft(s) and {LETTERS_JSON} written to {out}.")
        self.exported.emit(out)
        return out


def _cell(text: str) -> QTableWidgetItem:
    """A read-only cell whose whole text is also its tip (a long reason or condition elides)."""
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item
