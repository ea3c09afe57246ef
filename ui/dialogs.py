"""Preferences, About, the "how deadlines are computed" page, and the roster-import dialogs.

The roster preview exists because an import replaces every count in the table: the person
sees the old and new count side by side, and what could not be placed, before anything
changes. Text about the law comes from the core (DISCLAIMER) or restates the README.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from notifyplanner import __version__
from notifyplanner.model import Rulebook
from notifyplanner.places import JURISDICTIONS
from notifyplanner.report import DISCLAIMER
from ui.dates import format_date
from ui.models import count_text
from ui.settings import DATE_FORMATS, Settings


class PreferencesDialog(QDialog):
    """Date format, urgency window, rules folder, register file, name; written to Settings on OK."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        default_register: str = "",
        default_user: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_format = QComboBox(self)
        self.date_format.setAccessibleName("Date format")
        for fmt, text in DATE_FORMATS:
            self.date_format.addItem(text, fmt)
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(settings.date_format)))
        label = QLabel("Date &format", self)
        label.setBuddy(self.date_format)
        form.addRow(label, self.date_format)
        self.urgency = QSpinBox(self)
        self.urgency.setRange(1, 365)
        self.urgency.setSuffix(" days")
        self.urgency.setValue(settings.urgency_days)
        self.urgency.setAccessibleName("Urgency window in days")
        label = QLabel("&Due soon within", self)
        label.setBuddy(self.urgency)
        form.addRow(label, self.urgency)
        row = QHBoxLayout()
        self.rules = QLineEdit(settings.rules_folder, self)
        self.rules.setPlaceholderText("the rules shipped with notifyplanner")
        self.rules.setAccessibleName("Rules folder")
        browse = QPushButton("Bro&wse...", self)
        browse.clicked.connect(self._browse)
        bundled = QPushButton("&Use bundled", self)
        bundled.clicked.connect(self.rules.clear)
        row.addWidget(self.rules, 1)
        row.addWidget(browse)
        row.addWidget(bundled)
        label = QLabel("&Rules folder", self)
        label.setBuddy(self.rules)
        form.addRow(label, row)
        row = QHBoxLayout()
        self.letter_templates = QLineEdit(settings.letter_templates, self)
        self.letter_templates.setPlaceholderText("the letter templates shipped with notifyplanner")
        self.letter_templates.setAccessibleName("Letter templates folder")
        self.letter_templates.setToolTip(
            "A copy of resources/letters (paragraphs.json, contacts.json) with your wording."
        )
        browse = QPushButton("Choose &templates...", self)
        browse.clicked.connect(self._browse_templates)
        row.addWidget(self.letter_templates, 1)
        row.addWidget(browse)
        label = QLabel("&Letter templates", self)
        label.setBuddy(self.letter_templates)
        form.addRow(label, row)
        row = QHBoxLayout()
        self.register = QLineEdit(settings.register_path, self)
        self.register.setPlaceholderText(default_register or "the default register in your data folder")
        self.register.setAccessibleName("Register database file")
        self.register.setToolTip("The incident register (SQLite). A change applies when the app next starts.")
        browse = QPushButton("Br&owse...", self)
        browse.clicked.connect(self._browse_register)
        row.addWidget(self.register, 1)
        row.addWidget(browse)
        label = QLabel("Re&gister file", self)
        label.setBuddy(self.register)
        form.addRow(label, row)
        self.user_name = QLineEdit(settings.user_name, self)
        self.user_name.setPlaceholderText(default_user or "your user name on this computer")
        self.user_name.setAccessibleName("Your name in the audit log")
        label = QLabel("Your &name in the log", self)
        label.setBuddy(self.user_name)
        form.addRow(label, self.user_name)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of rule files", self.rules.text())
        if folder:
            self.rules.setText(folder)

    def _browse_templates(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Folder of letter templates", self.letter_templates.text()
        )
        if folder:
            self.letter_templates.setText(folder)

    def _browse_register(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Register database",
            self.register.text() or self.register.placeholderText(),
            "Register (*.sqlite *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.register.setText(path)

    def apply(self) -> None:
        self._settings.date_format = str(self.date_format.itemData(self.date_format.currentIndex()))
        self._settings.urgency_days = self.urgency.value()
        self._settings.rules_folder = self.rules.text().strip()
        self._settings.letter_templates = self.letter_templates.text().strip()
        self._settings.register_path = self.register.text().strip()
        self._settings.user_name = self.user_name.text().strip()
        self._settings.sync()


def about_html(rulebook: Rulebook | None) -> str:
    rules = "no rules loaded"
    if rulebook is not None:
        reviewed = rulebook.last_reviewed
        rules = (
            f"{len(rulebook.jurisdictions)} jurisdictions from {escape(rulebook.source or 'the bundled rules')}; "
            f"every file reviewed on or after {format_date(reviewed) if reviewed else 'unknown'}"
        )
        newest = max((j.latest.effective_from for j in rulebook.jurisdictions.values()), default=None)
        if newest:
            rules += f"; newest rule version in force from {format_date(newest)}"
    return (
        f"<h2>notifyplanner {escape(__version__)}</h2>"
        "<p>Who must be notified of a data breach, by when, and what they owe: HIPAA, the FTC "
        "Health Breach Notification Rule, every US state, DC, Puerto Rico, Guam and the U.S. Virgin Islands.</p>"
        f"<p><b>Rules:</b> {rules}.</p>"
        "<p>Nothing leaves this computer: no network calls, no telemetry.</p>"
        f"<p><b>Not legal advice.</b> {escape(DISCLAIMER)}</p>"
    )


HOW_HTML = """
<h2>How deadlines are computed</h2>
<p><b>Rules are data.</b> Each jurisdiction's law is a file with dated versions; the plan uses
the version in force on the discovery date and names it, with its citation, in the details pane.</p>
<p><b>Days.</b> "Within 30 days after X" is X + 30. Business days count from the day after X and
skip weekends and that jurisdiction's public holidays. An hours-based clock plans for the last
day inside the window, because incidents carry dates, not times.</p>
<p><b>A legal deadline is never moved.</b> When it falls on a weekend or holiday the plan says so
and gives the last business day before it as the practical send-by date.</p>
<p><b>No fixed deadline</b> ("without unreasonable delay") is shown as such, never as a number;
the <i>controlling deadline</i> at the top is the earliest fixed date among the notices owed.</p>
<p><b>Missing facts are never silently replaced.</b> A clock that runs from determination, with
no determination date yet, is computed from discovery (which is never later) and marked with
<b>*</b> (conservative). Notices timed against the individual notice run from the date
individuals were notified when you enter it, else from the individual notice's deadline.</p>
<p><b>Status.</b> Every notice of every affected jurisdiction is listed as <i>required</i>,
<i>not required</i> (with the reason) or <i>undetermined</i> (with the fact that is missing).</p>
<p><b>Colours.</b> Red: overdue. Amber: due within the urgency window (Preferences). Green: later.
Blue: no fixed date. Grey text: not required. The Days left column says the same in words.</p>
<p><b>Resident counts.</b> Blank means none; type <b>?</b> for "some, number unknown", which is
treated as possibly over any threshold.</p>
"""


class TextDialog(QDialog):
    """A read-only page of rich text (help, disclaimer)."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        browser = QTextBrowser(self)
        browser.setOpenExternalLinks(False)
        browser.setHtml(html)
        browser.setAccessibleName(title)
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)


class ColumnPickerDialog(QDialog):
    """Name the state and ZIP columns when the counter could not tell them apart."""

    def __init__(self, headers: Sequence[str], message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the address columns")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{escape(message)}<br><br>Pick the column that holds each person's state (name or code), "
            "the ZIP code column, or both. Rows with neither are listed as not placed.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.state = QComboBox(self)
        self.zip = QComboBox(self)
        for combo, name in ((self.state, "State column"), (self.zip, "ZIP code column")):
            combo.setEditable(True)
            combo.addItem("")
            combo.addItems(list(headers))
            combo.setAccessibleName(name)
        label = QLabel("&State column", self)
        label.setBuddy(self.state)
        form.addRow(label, self.state)
        label = QLabel("&ZIP code column", self)
        label.setBuddy(self.zip)
        form.addRow(label, self.zip)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Co&unt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def columns(self) -> tuple[str | None, str | None]:
        return (self.state.currentText().strip() or None, self.zip.currentText().strip() or None)


def lowered_counts(current: Mapping[str, int | None], new: Mapping[str, int]) -> list[str]:
    """'California 2,200 to 3' for each count the list would lower (to 'none' when the list
    has nobody there); an unknown count ('?') becoming a number is not a lowering."""
    out = []
    for code in [c for c in JURISDICTIONS if c in current]:
        now, after = current[code], new.get(code, 0)
        if now is not None and now > after:
            out.append(f"{JURISDICTIONS[code]} {now:,} to {f'{after:,}' if after else 'none'}")
    return out


class RosterPreviewDialog(QDialog):
    """Old and new counts side by side; the table changes only on "Replace the counts"."""

    CHOOSE_COLUMNS = 2

    def __init__(self, result: Any, current: Mapping[str, int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import residents from {result.file}")
        self.result_counts: dict[str, int] = {c: n for c, n in result.jurisdiction_counts.items() if n}
        layout = QVBoxLayout(self)
        columns = [c.describe() for c in (result.state_column, result.zip_column) if c is not None]
        # The core's ``placed`` also counts APO/FPO and areas without a planning rule, which
        # the lines below call "not placed": the first line counts only the table's people.
        in_table = sum(self.result_counts.values())
        lines = [
            f"<b>{result.rows:,}</b> rows read; <b>{in_table:,}</b> placed in the 54 planning jurisdictions.",
            "Columns used: " + escape("; ".join(columns) or "none"),
        ]
        via_zip = sum(result.via_zip.values())
        if via_zip:
            lines.append(f"{via_zip:,} placed by ZIP code because the state was blank or unreadable.")
        for name, bucket in result.unresolved.items():
            if bucket.count:
                examples = ", ".join(escape(e) for e in bucket.examples)
                lines.append(
                    f"Not placed ({escape(name)}): {bucket.count:,}"
                    + (f", e.g. {examples}" if examples else "")
                )
        outside = result.outside_jurisdictions
        if outside:
            lines.append(
                "Outside the 54 jurisdictions: "
                + escape(", ".join(f"{c} {n:,}" for c, n in sorted(outside.items())))
            )
        unplaced = result.unplaced
        if unplaced:
            from notifyplanner.incident_counts import unplaced_words

            lines.append(
                f"<b>{unplaced.total:,}</b> people are not placed in a jurisdiction; they are kept with "
                f"the incident and count in the total affected: {escape(unplaced_words(unplaced))}."
            )
        if result.zip_disagrees:
            lines.append(
                f"{result.zip_disagrees:,} rows have a ZIP code in another state than their state cell."
            )
        lowered = lowered_counts(current, self.result_counts)
        if lowered:
            lines.append(
                f"<b>Replacing lowers {len(lowered)} count{'s' if len(lowered) != 1 else ''}</b> "
                f"({escape(', '.join(lowered))}): the list replaces the counts in the table, it is "
                "not added to them."
            )
        summary = QLabel("<br>".join(lines), self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(summary)
        codes = [c for c in JURISDICTIONS if self.result_counts.get(c) or current.get(c, 0) != 0]
        table = QTableWidget(len(codes), 4, self)
        table.setHorizontalHeaderLabels(["Code", "Jurisdiction", "Now", "From the list"])
        table.setAccessibleName("Counts before and after the import")
        for row, code in enumerate(codes):
            now = current.get(code, 0)
            new = self.result_counts.get(code, 0)
            cells = [
                code,
                JURISDICTIONS[code],
                "" if code not in current else count_text(now),
                f"{new:,}" if new else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 3 and now != new:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, col, item)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(self)
        replace = buttons.addButton("&Replace the counts", QDialogButtonBox.ButtonRole.AcceptRole)
        replace.setDefault(True)
        choose = buttons.addButton("Choose co&lumns...", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        choose.clicked.connect(lambda: self.done(self.CHOOSE_COLUMNS))
        layout.addWidget(buttons)
        self.resize(640, 560)
