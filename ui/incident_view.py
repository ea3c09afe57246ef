"""The incident's facts: the form and the residents table, as two tabs.

Why a view of its own: the main window assembles views and routes actions; what the facts
look like on screen, how counts are pasted or cleared, and which keystroke edits a count
belong here. The view reads and writes only ``Incident`` values and says ``changed`` after
every edit; it never plans (the window asks the engine).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.incident_file import FieldProblem
from notifyplanner.model import Incident
from ui.incident_form import IncidentForm
from ui.models import ResidentsFilterProxy, ResidentsModel, parse_pasted_counts

FORM_TAB, RESIDENTS_TAB = 0, 1


def vertical_scroll(content: QWidget) -> QScrollArea:
    """``content`` at the area's full width, scrolling only up and down."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def compact_rows(view: QTableView) -> None:
    """Rows one text line high: more notices visible at 1366x768 without scrolling."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


class ResidentsView(QTableView):
    """The residents table; Ctrl+V pastes two spreadsheet columns, Delete clears counts."""

    paste_requested = Signal()
    clear_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.clear_requested.emit()
            return
        super().keyPressEvent(event)


class IncidentView(QTabWidget):
    """Form and residents; ``changed`` after any edit, ``message`` for the status bar."""

    changed = Signal()
    message = Signal(str, int)
    paste_requested = Signal()
    import_requested = Signal()

    def __init__(self, date_format: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Incident")
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
        self.residents_filter = QLineEdit(page)
        self.residents_filter.setPlaceholderText("Filter jurisdictions (name or code)")
        self.residents_filter.setAccessibleName("Filter jurisdictions")
        self.residents_filter.setClearButtonEnabled(True)
        layout.addWidget(self.residents_filter)
        self.residents_model = ResidentsModel(self)
        self.residents_proxy = ResidentsFilterProxy(self)
        self.residents_proxy.setSourceModel(self.residents_model)
        self.residents_view = ResidentsView(page)
        self.residents_view.setModel(self.residents_proxy)
        self.residents_view.setAccessibleName("Affected residents by jurisdiction")
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
        return self.form.incident(self.residents_model.residents())

    def set_incident(self, incident: Incident) -> None:
        self.form.set_incident(incident)
        self.residents_model.set_residents(incident.residents)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.form.show_problems(problems)
        self.residents_total.setText(self.residents_model.summary())

    # ------------------------------------------------------------------ residents

    def paste_text(self, text: str) -> tuple[dict[str, int | None], list[str]]:
        """Apply two pasted columns; returns the counts used and the lines not understood."""
        counts, problems = parse_pasted_counts(text)
        if counts:
            self.residents_model.apply_counts(counts)
            self.setCurrentIndex(RESIDENTS_TAB)
        return counts, problems

    def replace_counts(self, counts: dict[str, int]) -> None:
        """Counts from a list replace the table (the person saw the preview and accepted)."""
        self.residents_model.set_residents({c: n for c, n in counts.items() if n}, notify=True)
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
