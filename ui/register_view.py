"""The register: every incident with its deadlines and counts, and the HHS annual log.

Why a view of its own: a privacy office handles many incidents a year, and the question
"what is due next, and what is overdue?" spans them all. The view shows the core's
summaries (``Register.summaries``), filters them, and asks for an incident to be opened; it
never reads the database itself (the window loads summaries in a worker and hands them in).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.register.records import CaseSummary, HhsLogRow
from ui.dates import ISO, format_date
from ui.register_models import CASE_ROLE, HhsLogModel, RegisterFilterProxy, RegisterModel
from ui.tables import filter_field, list_table


class RegisterView(QWidget):
    """The list of incidents; Enter or a double click asks for one to be opened."""

    open_requested = Signal(int)
    new_requested = Signal()
    import_requested = Signal()
    refresh_requested = Signal()
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.filter = filter_field(self, "Filter incidents: name, date, number...", "Filter incidents")
        self.open_only = QCheckBox("Only with notices &due", self)
        self.open_only.setAccessibleName("Only incidents with a notice overdue or pending")
        row.addWidget(self.filter, 1)
        row.addWidget(self.open_only)
        layout.addLayout(row)
        self.model = RegisterModel(self)
        self.proxy = RegisterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = list_table(self, self.proxy, "Incidents in the register")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RegisterModel.NEXT_DUE, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RegisterModel.NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("registerSummary")
        self.summary.setWordWrap(True)
        self.open_button = QPushButton("&Open incident", self)
        self.new_button = QPushButton("&New incident", self)
        self.import_button = QPushButton("&Import incident file...", self)
        self.refresh_button = QPushButton("&Refresh", self)
        self.delete_button = QPushButton("Delete incident...", self)
        self.delete_button.setToolTip(
            "Only once its records need no longer be kept, or with a reason that is logged"
        )
        bottom.addWidget(self.summary, 1)
        buttons = (
            self.delete_button,
            self.refresh_button,
            self.import_button,
            self.new_button,
            self.open_button,
        )
        for button in buttons:
            bottom.addWidget(button)
        layout.addLayout(bottom)

        self.filter.textChanged.connect(self.proxy.set_text)
        self.filter.textChanged.connect(self._count)
        self.open_only.toggled.connect(self.proxy.set_open_only)
        self.open_only.toggled.connect(self._count)
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.new_button.clicked.connect(self.new_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.delete_button.clicked.connect(self._delete)
        self._fitted = False

    def set_cases(self, cases: list[CaseSummary] | tuple[CaseSummary, ...], date_format: str = ISO) -> None:
        selected = self.selected_case()
        self.model.set_date_format(date_format)
        self.model.set_cases(cases)
        if not self._fitted and cases:
            # Widths from the font and sample text, once: measuring every row of a large
            # register would cost more than loading it.
            metrics = self.table.fontMetrics()
            for column, sample in enumerate(
                (
                    "",
                    "2026-12-31",
                    "1,000,000",
                    "2026-12-31 ",
                    "2026-12-31 ",
                    "Overdue",
                    "Pending",
                    "99 (+9 not sent)",
                )
            ):
                if sample:
                    self.table.horizontalHeader().resizeSection(
                        column,
                        max(
                            metrics.horizontalAdvance(sample),
                            metrics.horizontalAdvance(RegisterModel.HEADERS[column]),
                        )
                        + 18,
                    )
            self._fitted = True
        if selected is not None:
            self.select_case(selected)
        self._count()

    def _count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        cases = [self.model.case(r) for r in range(total)]
        overdue = sum(1 for c in cases if c.overdue)
        text = f"{total} incident{'s' if total != 1 else ''}"
        if shown != total:
            text += f", {shown} shown"
        if overdue:
            text += f" &middot; <b>{overdue} with a notice overdue</b>"
        self.summary.setText(text)

    def selected_case(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, CASE_ROLE) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
        return index.isValid()

    def _delete(self) -> None:
        case_id = self.selected_case()
        if case_id is not None:
            self.delete_requested.emit(int(case_id))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(self.proxy.data(index, CASE_ROLE)))


class HhsLogView(QWidget):
    """One calendar year's small breaches and the day the log is due at HHS."""

    year_changed = Signal(int)
    open_requested = Signal(int)
    submit_requested = Signal(int)  # mark the case's HHS annual report submitted

    def __init__(self, this_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.year = QSpinBox(self)
        self.year.setRange(2009, 2100)  # the HHS breach notification rule dates from 2009
        self.year.setValue(this_year)
        self.year.setAccessibleName("Calendar year discovered")
        label = QLabel("Breaches of fewer than 500 people discovered in &year", self)
        label.setBuddy(self.year)
        row.addWidget(label)
        row.addWidget(self.year)
        row.addStretch(1)
        layout.addLayout(row)
        self.due = QLabel(self)
        self.due.setObjectName("hhsDue")
        self.due.setWordWrap(True)
        layout.addWidget(self.due)
        self.model = HhsLogModel(self)
        self.table = list_table(self, self.model, "HHS annual log")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.open_button = QPushButton("&Open incident", self)
        self.submit_button = QPushButton("Mark &submitted to HHS...", self)
        self.submit_button.setToolTip(
            "Record the selected breach as submitted in the HHS annual log: date, method, confirmation, proof"
        )
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.submit_button)
        layout.addLayout(bottom)
        self.year.valueChanged.connect(self.year_changed)
        self.table.activated.connect(
            lambda index: self.open_requested.emit(int(self.model.data(index, CASE_ROLE)))
        )
        self.open_button.clicked.connect(lambda: self._emit_selected(self.open_requested))
        self.submit_button.clicked.connect(lambda: self._emit_selected(self.submit_requested))

    def selected_case(self) -> int | None:
        index = self.table.currentIndex()
        return int(self.model.data(index, CASE_ROLE)) if index.isValid() else None

    def _emit_selected(self, signal: Any) -> None:
        case_id = self.selected_case()
        if case_id is not None:
            signal.emit(case_id)

    def set_rows(
        self, year: int, due: date, rows: list[HhsLogRow], today: date, date_format: str = ISO
    ) -> None:
        self.model.set_rows(rows, date_format)
        waiting = sum(1 for r in rows if r.submitted_on is None)
        text = (
            f"Due at HHS by <b>{format_date(due, date_format)}</b> (60 days after the end of {year}; "
            "45 CFR \u00a7 164.408(c)). "
        )
        if not rows:
            text += "No breach of fewer than 500 people discovered in this year is in the register."
        elif waiting:
            left = (due - today).days
            when = f"{left} days left" if left >= 0 else f"{-left} days overdue"
            text += f"{waiting} of {len(rows)} not yet submitted ({when})."
        else:
            text += f"All {len(rows)} submitted."
        self.due.setText(text)
