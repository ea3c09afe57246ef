"""The incident's facts: the form and the residents table, as two tabs.

Why a view of its own: the main window assembles views and routes actions; what the facts
look like on screen, how counts are pasted or cleared, and which keystroke edits a count
belong here. The view reads and writes only ``Incident`` values and says ``changed`` after
every edit; it never plans (the window asks the engine).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.incident_counts import unplaced_words
from notifyplanner.incident_file import FieldProblem
from notifyplanner.model import CountsSource, Incident, Unplaced
from ui.incident_form import IncidentForm
from ui.models import ResidentsFilterProxy, ResidentsModel, parse_pasted_counts
from ui.tables import compact_rows, filter_field

if TYPE_CHECKING:
    from ui.roster_import import ImportedCounts

FORM_TAB, RESIDENTS_TAB = 0, 1


def grouped_hash(digest: str) -> str:
    """A hex digest in groups of eight, as fingerprints are printed: one 64-digit word could
    not wrap, and it held the residents pane 520 px wide, pushing the plan's columns off a
    1366x768 screen (newcomer's trial). The whole digest is in the summary's tooltip."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def vertical_scroll(content: QWidget) -> QScrollArea:
    """``content`` at the area's full width, scrolling only up and down."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class ResidentsView(QTableView):
    """The residents table; Ctrl+V pastes two spreadsheet columns, Delete clears counts.

    From the keyboard a row is found by typing its code or name (TX, Texas) and its count is
    typed next, wherever the cursor is in the row: a digit or ``?`` edits the count, a letter
    looks for a jurisdiction (newcomer's trial: a number typed on the code went nowhere).
    """

    paste_requested = Signal()
    clear_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if self._typed_into_row(event):
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.clear_requested.emit()
            return
        super().keyPressEvent(event)

    def _typed_into_row(self, event: QKeyEvent) -> bool:
        """Route a typed character by what it is, not by the column; True when handled."""
        text, current = event.text(), self.currentIndex()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if not plain or len(text) != 1 or not current.isValid():
            return False
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        model = self.model()
        if (text.isdigit() or text == "?") and current.column() != ResidentsModel.COUNT:
            self.setCurrentIndex(model.index(current.row(), ResidentsModel.COUNT))
            super().keyPressEvent(event)  # the count's editor opens with the character
            return True
        if text.isalpha() and current.column() == ResidentsModel.COUNT:
            self.setCurrentIndex(model.index(current.row(), ResidentsModel.CODE))
            self.keyboardSearch("")  # a new search: not the code typed before this count
            self.keyboardSearch(text)  # a letter on a count looks for a jurisdiction
            return True
        return False


class IncidentView(QTabWidget):
    """Form and residents; ``changed`` after any edit, ``message`` for the status bar."""

    changed = Signal()
    message = Signal(str, int)
    paste_requested = Signal()
    import_requested = Signal()

    def __init__(self, date_format: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Incident")
        # People an imported list placed in no planning jurisdiction, and the list itself:
        # not in the table (it is keyed by jurisdiction) but part of the incident (issue 12).
        self.unplaced = Unplaced()
        self.counts_source: CountsSource | None = None
        self.form = IncidentForm(None, date_format)
        self.form_scroll = vertical_scroll(self.form)
        self.addTab(self.form_scroll, "Incident")
        self.addTab(self._build_residents(), "Residents")
        self.form.changed.connect(self.changed)
        self.residents_model.residents_changed.connect(self.changed)
        self.residents_model.rejected.connect(lambda text: self.message.emit(text, 8000))

    def _build_residents(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.residents_filter = filter_field(
            page, "Filter jurisdictions (name or code)", "Filter jurisdictions"
        )
        layout.addWidget(self.residents_filter)
        self.residents_model = ResidentsModel(self)
        self.residents_proxy = ResidentsFilterProxy(self)
        self.residents_proxy.setSourceModel(self.residents_model)
        self.residents_view = ResidentsView(page)
        self.residents_view.setModel(self.residents_proxy)
        self.residents_view.setAccessibleName("Affected residents by jurisdiction")
        self.residents_view.setTabKeyNavigation(False)  # Tab leaves the table, as the plan's does
        self.residents_view.setSortingEnabled(True)
        self.residents_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.residents_view.verticalHeader().setVisible(False)
        compact_rows(self.residents_view)
        self.residents_view.setAlternatingRowColors(True)
        self.residents_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.residents_view.horizontalHeader()
        header.setSectionResizeMode(ResidentsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ResidentsModel.CODE, QHeaderView.ResizeMode.ResizeToContents)
        self.residents_view.setColumnWidth(ResidentsModel.COUNT, 110)
        layout.addWidget(self.residents_view, 1)
        self.residents_total = QLabel(page)
        self.residents_total.setObjectName("residentsTotal")
        self.residents_total.setWordWrap(True)
        self.residents_total.setAccessibleName("Total residents")
        self.residents_total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.residents_total)
        buttons = QHBoxLayout()
        self.paste_button = QPushButton("Paste &counts", page)
        self.paste_button.setToolTip(
            "Paste two columns from a spreadsheet: state name or code, count (Ctrl+V in the table)"
        )
        self.import_button = QPushButton("Import from &list...", page)
        self.import_button.setToolTip("Count an affected-people list (CSV or Excel) by state")
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        hint = QLabel("Blank: none. Type <b>?</b> for some residents, number unknown.", page)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.residents_filter.textChanged.connect(self.residents_proxy.set_text)
        self.residents_view.paste_requested.connect(self.paste_requested)
        self.residents_view.clear_requested.connect(self.clear_selected_counts)
        self.paste_button.clicked.connect(self.paste_requested)
        self.import_button.clicked.connect(self.import_requested)
        return page

    # ------------------------------------------------------------------ facts

    def incident(self) -> Incident:
        incident = self.form.incident(self.residents_model.residents())
        return replace(incident, unplaced=self.unplaced, counts_source=self.counts_source)

    def set_incident(self, incident: Incident) -> None:
        self.unplaced = incident.unplaced
        self.counts_source = incident.counts_source
        self.form.set_incident(incident)
        self.residents_model.set_residents(incident.residents)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.form.show_problems(problems)
        self._show_summary()

    def _show_summary(self) -> None:
        self.residents_total.setText(self.residents_summary())
        source = self.counts_source
        self.residents_total.setToolTip(f"SHA-256 of {source.file}: {source.sha256}" if source else "")

    def residents_summary(self) -> str:
        """The table's total, then the people not placed in it and the list they came from."""
        lines = [self.residents_model.summary()]
        if self.unplaced:
            lines.append(
                f"Also affected, not placed in a jurisdiction: {self.unplaced.total:,} "
                f"({unplaced_words(self.unplaced)}). They count in the total affected."
            )
        source = self.counts_source
        if source is not None:
            skipped = source.empty_rows
            lines.append(
                f"Counted from {source.file}, {source.rows:,} rows"
                + (f" ({skipped:,} empty line{'s' if skipped != 1 else ''} skipped)" if skipped else "")
                + f", {source.counted_at.strftime('%Y-%m-%d %H:%M UTC')}; SHA-256 {grouped_hash(source.sha256)}"
            )
            known = sum(n for n in self.residents_model.residents().values() if n is not None)
            if known + self.unplaced.total != source.rows:
                lines.append(
                    f"The table was changed after the import: it and the people not placed add up to "
                    f"{known + self.unplaced.total:,}, the list has {source.rows:,}."
                )
        return "\n".join(lines)

    # ------------------------------------------------------------------ residents

    def paste_text(self, text: str) -> tuple[dict[str, int | None], list[str]]:
        """Apply two pasted columns; returns the counts used and the lines not understood."""
        counts, problems = parse_pasted_counts(text)
        if counts:
            self.residents_model.apply_counts(counts)
            self.setCurrentIndex(RESIDENTS_TAB)
        return counts, problems

    def replace_counts(self, imported: ImportedCounts) -> None:
        """Counts from a list replace the table, the people not placed and the list's record
        (the person saw the preview and accepted). A total affected entered below what the
        list counts is raised to it; a higher one is kept (notifyplanner.roster_incident)."""
        from notifyplanner.roster_incident import new_total

        self.unplaced = imported.unplaced
        self.counts_source = imported.source
        text = self.form.total.text().strip()
        if text.isdigit():
            raised = new_total(int(text), imported.counted)
            if raised is not None and raised != int(text):
                self.form.total.setText(str(raised))
                self.message.emit(
                    f"Total affected raised from {int(text):,} to {raised:,}, the people on the list.", 10000
                )
        counts = {c: n for c, n in imported.residents.items() if n}
        self.residents_model.set_residents(counts, notify=True)
        self._show_summary()
        self.setCurrentIndex(RESIDENTS_TAB)

    def clear_selected_counts(self) -> None:
        rows = {
            self.residents_proxy.mapToSource(i).row()
            for i in self.residents_view.selectionModel().selectedIndexes()
        }
        for row in sorted(rows):
            self.residents_model.setData(self.residents_model.index(row, ResidentsModel.COUNT), "")

    def focus_form(self) -> None:
        self.setCurrentIndex(FORM_TAB)
        self.form.name.setFocus()

    def focus_residents(self) -> None:
        self.setCurrentIndex(RESIDENTS_TAB)
        self.residents_view.setFocus()
