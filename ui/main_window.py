"""The main window: the incident on the left, the plan on the right, recomputed on every edit.

The window owns the current incident's file state (path, saved copy, autosave) and wires
widgets together; every legal answer comes from ``notifyplanner.engine.plan``. Replanning
takes a few milliseconds, so it runs on the GUI thread after each edit; only file-sized
work (roster import, export) goes to a worker (``ui.worker``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.engine import days_left, plan
from notifyplanner.incident_file import (
    FieldProblem,
    IncidentError,
    atomic_write_bytes,
    incident_problems,
    write_incident,
)
from notifyplanner.model import Incident, Plan, Rulebook, Status
from notifyplanner.report import DISCLAIMER
from notifyplanner.rulebook import BUNDLED_RULES, RulebookError, load_rulebook
from notifyplanner.safe_read import InputError, one_line
from ui.dates import with_weekday
from ui.details import DetailsPane, duty_html, obligation_html
from ui.dialogs import HOW_HTML, PreferencesDialog, TextDialog, about_html
from ui.edges import at_edge
from ui.files import Autosave, Recovered, read_incident_keeping
from ui.incident_form import IncidentForm
from ui.models import (
    KEY_ROLE,
    URGENCY_COLORS,
    CreditMonitoringModel,
    ObligationFilterProxy,
    ObligationTableModel,
    ResidentsFilterProxy,
    ResidentsModel,
    Urgency,
    days_left_text,
    parse_pasted_counts,
    urgency,
)
from ui.settings import Settings
from ui.timeline import TimelineWidget
from ui.worker import Task

AUTOSAVE_MS = 60_000
INCIDENT_FILTER = "Incident files (*.json);;All files (*)"


def _shown(result: Plan) -> tuple[object, ...]:
    """What the plan's views draw; two plans equal here look the same on screen."""
    # The timeline also marks the discovery date.
    return (
        result.obligations,
        result.credit_monitoring,
        result.warnings,
        result.versions,
        result.incident.discovered,
    )


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


class MainWindow(QMainWindow):
    """One incident at a time, like a document window."""

    def __init__(
        self,
        rulebook: Rulebook,
        settings: Settings,
        *,
        autosave_dir: Path | str,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.rulebook = rulebook
        self.settings = settings
        self._today_fn = today
        self._today = today()
        self.path: Path | None = None
        self._saved = Incident()
        self._incident = Incident()
        self._plan: Plan | None = None
        self._loading = False
        self._columns_fitted = False
        self._tasks: set[Task] = set()
        self.autosave = Autosave(autosave_dir)
        self.setObjectName("MainWindow")
        self.setWindowTitle("notifyplanner")
        self.setAccessibleName("notifyplanner main window")
        self._build()
        self._build_menus()
        self.form.set_incident(self._saved)  # the form's defaults are a blank Incident's
        self._apply_preferences()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.on_minute)
        self._autosave_timer.start()

    # ================================================================== building

    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 2)
        outer.setSpacing(4)

        self.banner = QLabel(central)
        self.banner.setObjectName("controllingBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("Controlling deadline")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.banner)
        self.warnings = QLabel(central)
        self.warnings.setObjectName("planWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Plan warnings")
        outer.addWidget(self.warnings)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        outer.addWidget(self.splitter, 1)

        # ------------------------------------------------------------ left: incident
        self.left_tabs = QTabWidget(self.splitter)
        self.left_tabs.setAccessibleName("Incident")
        self.form = IncidentForm(None, self.settings.date_format)
        self.form_scroll = vertical_scroll(self.form)
        self.left_tabs.addTab(self.form_scroll, "&Incident")

        residents_page = QWidget()
        layout = QVBoxLayout(residents_page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.residents_filter = QLineEdit(residents_page)
        self.residents_filter.setPlaceholderText("Filter jurisdictions (name or code)")
        self.residents_filter.setAccessibleName("Filter jurisdictions")
        self.residents_filter.setClearButtonEnabled(True)
        layout.addWidget(self.residents_filter)
        self.residents_model = ResidentsModel(self)
        self.residents_proxy = ResidentsFilterProxy(self)
        self.residents_proxy.setSourceModel(self.residents_model)
        self.residents_view = ResidentsView(residents_page)
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
        self.residents_total = QLabel(residents_page)
        self.residents_total.setObjectName("residentsTotal")
        self.residents_total.setWordWrap(True)
        self.residents_total.setAccessibleName("Total residents")
        layout.addWidget(self.residents_total)
        buttons = QHBoxLayout()
        self.paste_button = QPushButton("&Paste counts", residents_page)
        self.paste_button.setToolTip(
            "Paste two columns from a spreadsheet: state name or code, count (Ctrl+V in the table)"
        )
        self.import_button = QPushButton("Import from &list...", residents_page)
        self.import_button.setToolTip("Count an affected-people list (CSV or Excel) by state")
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        hint = QLabel("Blank: none. Type <b>?</b> for some residents, number unknown.", residents_page)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.left_tabs.addTab(residents_page, "&Residents")

        # ------------------------------------------------------------ right: plan
        right = QSplitter(Qt.Orientation.Vertical, self.splitter)
        self.right_splitter = right
        self.plan_tabs = QTabWidget(right)
        self.plan_tabs.setAccessibleName("Plan")

        plan_page = QWidget()
        layout = QVBoxLayout(plan_page)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.plan_filter = QLineEdit(plan_page)
        self.plan_filter.setPlaceholderText("Filter notices (Ctrl+F): state, recipient, status, citation...")
        self.plan_filter.setAccessibleName("Filter notices")
        self.plan_filter.setClearButtonEnabled(True)
        self.show_not_required = QCheckBox("Show &not required", plan_page)
        self.show_not_required.setAccessibleName("Show notices that are not required")
        self.show_not_required.setChecked(True)
        row.addWidget(self.plan_filter, 1)
        row.addWidget(self.show_not_required)
        layout.addLayout(row)
        self.plan_model = ObligationTableModel(self)
        self.plan_proxy = ObligationFilterProxy(self)
        self.plan_proxy.setSourceModel(self.plan_model)
        self.plan_view = QTableView(plan_page)
        self.plan_view.setModel(self.plan_proxy)
        self.plan_view.setAccessibleName("Notices owed")
        self.plan_view.setSortingEnabled(True)
        self.plan_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.plan_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plan_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan_view.verticalHeader().setVisible(False)
        compact_rows(self.plan_view)
        self.plan_view.setWordWrap(False)
        self.plan_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.plan_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.plan_view, 1)
        self.legend = QLabel(plan_page)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.plan_tabs.addTab(plan_page, "&Plan")

        self.timeline = TimelineWidget()
        self.timeline_scroll = vertical_scroll(self.timeline)
        self.plan_tabs.addTab(self.timeline_scroll, "&Timeline")

        credit_page = QWidget()
        layout = QVBoxLayout(credit_page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.credit_model = CreditMonitoringModel(self)
        self.credit_view = QTableView(credit_page)
        self.credit_view.setModel(self.credit_model)
        self.credit_view.setAccessibleName("Credit-monitoring duties")
        self.credit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.credit_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.credit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.credit_view.verticalHeader().setVisible(False)
        compact_rows(self.credit_view)
        self.credit_view.horizontalHeader().setStretchLastSection(True)
        self.credit_view.setWordWrap(False)
        layout.addWidget(self.credit_view, 1)
        self.credit_empty = QLabel(credit_page)
        self.credit_empty.setWordWrap(True)
        layout.addWidget(self.credit_empty)
        self.plan_tabs.addTab(credit_page, "Credit &monitoring")

        self.details = DetailsPane(right)
        right.addWidget(self.plan_tabs)
        right.addWidget(self.details)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(central)

        self.progress_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress_label)

        # ------------------------------------------------------------ wiring
        self.form.changed.connect(self.replan)
        self.residents_model.residents_changed.connect(self.replan)
        self.residents_model.rejected.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.residents_filter.textChanged.connect(self.residents_proxy.set_text)
        self.residents_view.paste_requested.connect(self.paste_counts)
        self.residents_view.clear_requested.connect(self._clear_selected_counts)
        self.paste_button.clicked.connect(self.paste_counts)
        self.import_button.clicked.connect(self.import_roster)
        self.plan_filter.textChanged.connect(self.plan_proxy.set_text)
        self.show_not_required.toggled.connect(self.plan_proxy.set_show_not_required)
        self.plan_view.selectionModel().currentRowChanged.connect(self._plan_row_changed)
        self.credit_view.selectionModel().currentRowChanged.connect(self._credit_row_changed)
        self.timeline.selected.connect(self.select_obligation)
        # Back from the credit-monitoring tab, the pane explains the selected notice again.
        self.plan_tabs.currentChanged.connect(self._plan_tab_changed)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        keys = QKeySequence.StandardKey
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(file_menu, "&New incident", self.new_incident, keys.New)
        self.open_action = self._action(file_menu, "&Open...", self.open_dialog, keys.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        file_menu.addSeparator()
        self.save_action = self._action(file_menu, "&Save", self.save, keys.Save)
        self.save_as_action = self._action(file_menu, "Save &as...", self.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu,
            "&Import residents from list...",
            self.import_roster,
            "Ctrl+I",
            "Count a CSV or Excel list by state",
        )
        self.export_action = self._action(file_menu, "&Export to Excel...", self.export_plan, "Ctrl+E")
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, keys.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        edit_menu = bar.addMenu("&Edit")
        self._action(edit_menu, "&Paste resident counts", self.paste_counts, "Ctrl+Shift+V")
        self._action(edit_menu, "&Find notice", self.focus_plan_filter, keys.Find)
        edit_menu.addSeparator()
        self.preferences_action = self._action(edit_menu, "Pr&eferences...", self.preferences, "Ctrl+,")

        go_menu = bar.addMenu("&Go")
        self._action(go_menu, "&Incident form", lambda: self._go(self.left_tabs, 0, self.form.name), "Ctrl+1")
        self._action(
            go_menu, "&Residents", lambda: self._go(self.left_tabs, 1, self.residents_view), "Ctrl+2"
        )
        self._action(go_menu, "&Plan table", lambda: self._go(self.plan_tabs, 0, self.plan_view), "Ctrl+3")
        self._action(go_menu, "&Timeline", lambda: self._go(self.plan_tabs, 1, self.timeline), "Ctrl+4")
        self._action(
            go_menu, "&Credit monitoring", lambda: self._go(self.plan_tabs, 2, self.credit_view), "Ctrl+5"
        )
        self._action(go_menu, "&Details", self.details.setFocus, "Ctrl+6")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&How deadlines are computed", self.show_how, keys.HelpContents)
        self._action(help_menu, "&Not legal advice", self.show_disclaimer)
        self._action(help_menu, "&About notifyplanner", self.show_about)
        # F1 is HelpContents on most platforms; make sure it is there on all.
        if not any(a.shortcut() == QKeySequence("F1") for a in help_menu.actions()):
            help_menu.actions()[0].setShortcut(QKeySequence("F1"))

    def _go(self, tabs: QTabWidget, index: int, widget: QWidget) -> None:
        tabs.setCurrentIndex(index)
        widget.setFocus()

    # ================================================================== state

    def current_incident(self) -> Incident:
        return self.form.incident(self.residents_model.residents())

    def current_plan(self) -> Plan | None:
        return self._plan

    def is_dirty(self) -> bool:
        return self._incident != self._saved or bool(self.form.form_problems_text_only())

    def set_incident(self, incident: Incident, path: Path | None, *, saved: bool = True) -> None:
        """Show ``incident``; ``saved`` False keeps it marked as changed (a recovery)."""
        self._loading = True
        try:
            self.form.set_incident(incident)
            self.residents_model.set_residents(incident.residents)
        finally:
            self._loading = False
        self.path = path
        self._saved = incident if saved else Incident(name="\0unsaved")
        self.replan()

    def replan(self) -> None:
        """Read the form, ask the engine, show the result. Runs on every edit."""
        if self._loading:
            return
        incident = self.current_incident()
        self._incident = incident
        problems: list[FieldProblem] = [*incident_problems(incident), *self.form.form_problems()]
        try:
            new, old = plan(incident, self.rulebook), self._plan
        except InputError as exc:
            # A value the engine refuses (a date outside the window it plans for): shown by
            # its field, and the last plan stays on screen until the value is fixed.
            self.form.show_problems([*problems, FieldProblem(exc.field, exc.message)])
            self._update_title()
            return
        self.form.show_problems(problems)
        self._plan = new
        # Most keystrokes (a name, a note, a count below every threshold) change no notice:
        # then the tables, timeline and details are left as they are, selection included.
        if old is None or _shown(new) != _shown(old):
            selected = self.selected_key()
            self.plan_model.set_obligations(new.obligations)
            self.credit_model.set_duties(new.credit_monitoring)
            if selected:
                self._reselect(selected)
            self._refresh_views()
        self.residents_total.setText(self.residents_model.summary())
        self._update_title()

    def _refresh_views(self) -> None:
        """Everything that depends on today, the urgency window or the date format."""
        fmt, window = self.settings.date_format, self.settings.urgency_days
        self.plan_model.set_view(today=self._today, window=window, date_format=fmt)
        self.timeline.set_plan(self._plan, today=self._today, window=window, date_format=fmt)
        self._update_banner()
        self._fit_plan_columns()
        words = {Urgency.SOON: f"due within {window} days"}
        swatches = [
            f"<span style='background:{back}'>&nbsp;{words.get(level, level.value)}&nbsp;</span>"
            for level, (back, _text) in URGENCY_COLORS.items()
            if level is not Urgency.NOT_REQUIRED
        ]
        not_required = URGENCY_COLORS[Urgency.NOT_REQUIRED][1]
        self.legend.setText(
            " ".join(swatches) + f" <span style='color:{not_required}'>&nbsp;not required</span>"
            " &nbsp; * computed from a stand-in date (see details)"
        )
        credit = self._plan.credit_monitoring if self._plan else ()
        self.credit_empty.setText(
            ""
            if credit
            else "No credit-monitoring duty applies to the facts entered. States that require an offer "
            "appear here once their residents and the data involved are entered."
        )
        self._show_details()

    def _fit_plan_columns(self) -> None:
        """Column widths from the font, once: measuring every cell costs ~0.1 s at start-up."""
        if self._columns_fitted:  # not property(): see ui/date_field.py _restyle
            return
        metrics = self.plan_view.fontMetrics()
        pad = 18

        def width(text: str) -> int:
            return metrics.horizontalAdvance(text) + pad

        header = self.plan_view.horizontalHeader()
        for column, sample in enumerate(
            (
                "District of Columbia (DC)",
                "Consumer reporting agencies",
                "undetermined",
                "2026-12-31 Wed *",
                "99 days overdue",
            )
        ):
            header.resizeSection(column, width(sample))
        credit = self.credit_view.horizontalHeader()
        for column, sample in enumerate(
            (
                "District of Columbia (DC)",
                "not required",
                "Months",
                "2026-12-31",
                "2026-12-31",
                "Conn. Gen. Stat. § 36a-701b(b)(2)",
            )
        ):
            credit.resizeSection(column, width(sample))
        self._columns_fitted = True

    def _update_banner(self) -> None:
        current = self._plan
        if current is None:
            self.banner.setText("")
            return
        counts = {s: len(current.by_status(s)) for s in Status}
        tally = (
            f"{counts[Status.REQUIRED]} required &middot; {counts[Status.UNDETERMINED]} undetermined "
            f"&middot; {counts[Status.NOT_REQUIRED]} not required"
        )
        controlling = current.controlling
        if controlling is None or controlling.deadline is None:
            text = f"<b>No controlling deadline yet.</b> &nbsp; {tally}"
            level = "none"
        else:
            left = days_left(controlling.deadline, self._today)
            level = {Urgency.OVERDUE: "overdue", Urgency.SOON: "soon"}.get(
                urgency(controlling, self._today, self.settings.urgency_days), "later"
            )
            deadline = with_weekday(controlling.deadline, self.settings.date_format)
            text = (
                f"<b>Controlling deadline: {deadline}</b>, {escape(days_left_text(left))} &nbsp;&mdash;&nbsp; "
                f"{escape(controlling.jurisdiction_name)}: {escape(controlling.recipient_text)}"
                f" ({escape(controlling.citation.cite)}) &nbsp; | &nbsp; {tally}"
            )
        self.banner.setProperty("urgency", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        warnings = [*current.warnings]
        self.warnings.setText("\n".join(f"\u26a0 {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _update_title(self) -> None:
        name = self.path.name if self.path else (self._incident.name or "Untitled incident")
        self.setWindowTitle(f"{name}[*] - notifyplanner")
        self.setWindowModified(self.is_dirty())

    # ================================================================== selection

    def selected_key(self) -> str | None:
        index = self.plan_view.currentIndex()
        if not index.isValid():
            return None
        return self.plan_proxy.data(index, KEY_ROLE)

    def select_obligation(self, key: str, scroll: bool = True) -> bool:
        """Select the obligation ``key`` in the table (clears the filter if it hides it)."""
        row = self.plan_model.row_of(key)
        if row is None:
            return False
        proxy_index = self.plan_proxy.mapFromSource(self.plan_model.index(row, 0))
        if not proxy_index.isValid():
            self.plan_filter.clear()
            self.show_not_required.setChecked(True)
            proxy_index = self.plan_proxy.mapFromSource(self.plan_model.index(row, 0))
        self.plan_view.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.plan_view.scrollTo(proxy_index)
        return True

    def _reselect(self, key: str) -> None:
        """Select ``key`` again after a replan, if the user's filter still shows it.

        Quietly: the caller refreshes the details once. Unlike select_obligation (a click
        on the timeline), this never clears the filter the user typed.
        """
        row = self.plan_model.row_of(key)
        if row is None:
            return
        proxy_index = self.plan_proxy.mapFromSource(self.plan_model.index(row, 0))
        if proxy_index.isValid():
            with QSignalBlocker(self.plan_view.selectionModel()):
                self.plan_view.selectionModel().setCurrentIndex(
                    proxy_index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _plan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details()

    def _show_details(self) -> None:
        index = self.plan_view.currentIndex()
        if not index.isValid() or self._plan is None:
            self.timeline.set_selected(None)
            self.details.show_placeholder()
            return
        ob = self.plan_model.obligation(self.plan_proxy.mapToSource(index).row())
        version = next((v for v in self._plan.versions if v.jurisdiction == ob.jurisdiction), None)
        self.details.setHtml(obligation_html(ob, self._today, self.settings.date_format, version))
        self.timeline.set_selected(ob.key)

    def _plan_tab_changed(self, index: int) -> None:
        """The details pane follows the tab: a duty on Credit monitoring, else the obligation."""
        if index == 2 and self.credit_view.currentIndex().isValid():
            self._credit_row_changed(self.credit_view.currentIndex(), QModelIndex())
        else:
            self._show_details()

    def _credit_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.details.setHtml(duty_html(self.credit_model.duty(current.row()), self.settings.date_format))

    # ================================================================== residents

    @at_edge("Cannot paste the counts")
    def paste_counts(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.paste_text(text)

    @at_edge("Cannot paste the counts", default={})
    def paste_text(self, text: str) -> dict[str, int | None]:
        counts, problems = parse_pasted_counts(text)
        if counts:
            self.residents_model.apply_counts(counts)
            self.left_tabs.setCurrentIndex(1)
        message = f"Pasted {len(counts)} jurisdiction count{'s' if len(counts) != 1 else ''}."
        if problems:
            message += f" {len(problems)} line{'s' if len(problems) != 1 else ''} not understood."
            QMessageBox.warning(
                self,
                "Some pasted lines were not used",
                message + "\n\n" + "\n".join(problems[:15]) + ("\n..." if len(problems) > 15 else ""),
            )
        self.statusBar().showMessage(message, 8000)
        return counts

    def _clear_selected_counts(self) -> None:
        rows = {
            self.residents_proxy.mapToSource(i).row()
            for i in self.residents_view.selectionModel().selectedIndexes()
        }
        for row in sorted(rows):
            self.residents_model.setData(self.residents_model.index(row, ResidentsModel.COUNT), "")

    @at_edge("Cannot import the list")
    def import_roster(self) -> None:
        from ui.roster_import import RosterImport  # the roster engine loads polars: only when used

        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import residents from an affected-people list",
            self.settings.last_folder,
            "Lists (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)",
        )
        if not path:
            return
        self.settings.last_folder = str(Path(path).parent)
        RosterImport(self, Path(path)).start()

    @at_edge("Cannot apply the counts")
    def apply_roster_counts(self, counts: dict[str, int]) -> None:
        self.residents_model.set_residents({c: n for c, n in counts.items() if n}, notify=True)
        self.left_tabs.setCurrentIndex(1)
        self.statusBar().showMessage(
            f"Resident counts replaced from the list ({sum(counts.values()):,} people).", 10000
        )

    # ================================================================== long work

    def run_task(
        self, task: Task, title: str, on_success: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> QProgressDialog:
        """Start ``task`` with a progress dialog that can cancel it; the window stays live."""
        dialog = QProgressDialog(title, "Cancel", 0, 1000, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(task.cancel)
        task.progress.connect(lambda f: dialog.setValue(int(f * 1000)))
        self._tasks.add(task)
        self.progress_label.setText(title)

        closed = False

        def finished() -> None:
            nonlocal closed
            if closed:
                return
            closed = True
            self._tasks.discard(task)
            self.progress_label.setText("")
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

        def then(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def wrapped(value: Any) -> None:
                finished()  # the progress dialog goes before any preview or error appears
                handler(value)

            return wrapped

        def cancelled() -> None:
            finished()
            self.statusBar().showMessage(f"{title}: cancelled", 8000)

        task.succeeded.connect(then(on_success))
        task.failed.connect(then(on_error))
        task.cancelled.connect(cancelled)
        task.done.connect(finished)
        task.start()
        return dialog

    @at_edge("Export failed")
    def export_plan(self, target: str | None = None) -> Task | None:
        """Export the current plan as the Excel workbook, in a worker thread."""
        if self._plan is None:
            return None
        from notifyplanner.export.xlsx import plan_to_xlsx  # openpyxl loads only on export

        suffix, kind = ".xlsx", "Excel workbook (*.xlsx)"
        if target is None:
            stem = (self.path.stem if self.path else (self._incident.name or "plan")).replace("/", "-")[:60]
            start = str(Path(self.settings.last_folder or Path.home()) / f"{stem} plan{suffix}")
            target, _ = QFileDialog.getSaveFileName(self, "Export to Excel", start, kind)
            if not target:
                return None
        out = Path(target)
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        current, rulebook, today = self._plan, self.rulebook, self._today

        def work(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Path:
            progress(0.1)
            payload = plan_to_xlsx(current, rulebook, made_on=today)
            progress(0.8)
            if cancelled():
                return out
            atomic_write_bytes(out, payload)
            progress(1.0)
            return out

        task = Task(work, self)

        def failed(exc: Exception) -> None:
            QMessageBox.critical(self, "Export failed", f"{out}: the plan could not be written.\n\n{exc}")

        self.run_task(
            task,
            "Exporting the plan",
            lambda p: self.statusBar().showMessage(f"Exported to {p}", 10000),
            failed,
        )
        self.settings.last_folder = str(out.parent)
        return task

    # ================================================================== files

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current incident (saved, discarded or unchanged)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self.path.name if self.path else 'this incident'} first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    @at_edge("Cannot start a new incident")
    def new_incident(self) -> None:
        if self.maybe_save():
            self.autosave.clear()
            self.set_incident(Incident(), None)

    @at_edge("Cannot open the incident")
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open incident", self.settings.last_folder, INCIDENT_FILTER
        )
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path``; a damaged file is reported and the current incident stays as it is."""
        try:
            incident, problems = read_incident_keeping(path)
        except IncidentError as exc:
            self.show_file_error(path, exc)
            return False
        except Exception as exc:  # the edge of a slot: never take the window down
            self.show_file_error(path, IncidentError("file", f"cannot be read ({one_line(str(exc), 200)})"))
            return False
        if ask and not self.maybe_save():
            return False
        previous = self.current_incident(), self.path, self._saved
        try:
            self.set_incident(incident, path)
        except Exception as exc:
            self._loading = False
            with contextlib.suppress(Exception):
                self.set_incident(previous[0], previous[1])
                self._saved = previous[2]
            self.show_file_error(path, IncidentError("file", f"cannot be shown ({one_line(str(exc), 200)})"))
            return False
        self.autosave.clear()
        self.settings.add_recent(str(path))
        self.settings.last_folder = str(path.parent)
        if problems:
            self.left_tabs.setCurrentIndex(0)
            self.statusBar().showMessage(
                f"{path.name}: {len(problems)} fact{'s' if len(problems) != 1 else ''} cannot all be true; "
                "see the red notes in the form.",
                15000,
            )
        else:
            self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def show_file_error(self, path: Path, exc: IncidentError) -> None:
        where = f"Field: {exc.field}\n" if exc.field and exc.field != "file" else ""
        QMessageBox.warning(
            self,
            "Cannot open the incident",
            f"{path} could not be opened.\n\n{where}Problem: {exc.message}\n\n"
            "The file was not changed, and the incident in this window is kept as it was.",
        )

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        start = (
            str(self.path)
            if self.path
            else str(
                Path(self.settings.last_folder or Path.home())
                / f"{(self._incident.name or 'incident')[:60].replace('/', '-')}.json"
            )
        )
        target, _ = QFileDialog.getSaveFileName(self, "Save incident as", start, INCIDENT_FILTER)
        if not target:
            return False
        path = Path(target)
        if not path.suffix:
            path = path.with_suffix(".json")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        unreadable = self.form.form_problems_text_only()
        if unreadable:
            answer = QMessageBox.question(
                self,
                "Some dates are not dates",
                "These fields hold text that is not a date and will be saved empty:\n\n"
                + "\n".join(unreadable)
                + "\n\nSave anyway?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        incident = self.current_incident()
        impossible = incident_problems(incident)
        if impossible:
            # Saved as typed so nothing is lost; the app reopens it, `notifyplanner plan` will not.
            answer = QMessageBox.question(
                self,
                "Some facts cannot all be true",
                "\n".join(str(p) for p in impossible)
                + "\n\nThe file will be saved as it is and this app will reopen it, but the "
                "command line refuses it until these are fixed. Save anyway?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        try:
            write_incident(incident, path)
        except OSError as exc:
            QMessageBox.critical(
                self,
                "Cannot save",
                f"{path} could not be written ({exc.strerror or exc}).\n\nNothing was lost: the incident is still open here.",
            )
            return False
        self.path = path
        self._saved = incident
        self.form.set_incident(incident)  # unreadable date text becomes the empty it was saved as
        self.autosave.clear()
        self.settings.add_recent(str(path))
        self.settings.last_folder = str(path.parent)
        self.replan()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        for number, name in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _checked=False, p=name: self._open_recent(p))
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)

    @at_edge("Cannot open the incident")
    def _open_recent(self, name: str) -> None:
        path = Path(name)
        if not path.exists():
            QMessageBox.warning(
                self, "File not found", f"{path} no longer exists; it is removed from the recent files."
            )
            self.settings.remove_recent(name)
            return
        self.open_file(path)

    # ================================================================== autosave and close

    def on_minute(self) -> None:
        """Autosave when changed, and roll 'today' over at midnight."""
        today = self._today_fn()
        if today != self._today:
            self._today = today
            self._refresh_views()
        if self.is_dirty():
            with contextlib.suppress(OSError):
                self.autosave.write(self.current_incident(), str(self.path) if self.path else None)

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest orphaned autosave. True when one was recovered.

        Never raises: the app must start whatever the autosave folder holds (issue 15: a
        year-9999 autosave crashed every start). An autosave that cannot be opened is
        reported once and renamed aside (kept, never offered again).
        """
        try:
            orphans = self.autosave.orphans()
        except OSError:
            return False
        for stuck in (o for o in orphans if o.interrupted):
            self._set_aside(stuck, "the app stopped while it was being recovered")
        orphans = [o for o in orphans if not o.interrupted]
        if not orphans:
            return False
        newest = orphans[0]
        where = newest.source or "an unsaved incident"
        answer = QMessageBox.question(
            self,
            "Recover unsaved changes?",
            f"notifyplanner did not close normally. Changes to {where}, autosaved at {newest.saved.replace('T', ' ')}, "
            "were not saved.\n\nRecover them? (Discard deletes the autosaved copy.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            Autosave.discard(newest)  # older ones, if any, are offered on the next start
            return False
        previous = self.current_incident(), self.path, self._saved
        try:
            newest = Autosave.claim(newest)
            incident, _problems = read_incident_keeping(newest.path)
            self.set_incident(incident, Path(newest.source) if newest.source else None, saved=False)
        except Exception as exc:  # the edge of a slot: report, keep the window's incident
            self._loading = False
            with contextlib.suppress(Exception):
                self.set_incident(previous[0], previous[1])
                self._saved = previous[2]
            self._set_aside(newest, exc)
            return False
        with contextlib.suppress(OSError):
            self.autosave.write(incident, newest.source)  # now ours; the orphan can go
        Autosave.discard(newest)
        self.statusBar().showMessage("Recovered the autosaved incident; save it to keep it.", 15000)
        return True

    def _set_aside(self, recovered: Recovered, why: object) -> None:
        """Report an autosave that cannot be recovered, once, and keep it under another name."""
        try:
            kept = f"It is kept as {Autosave.set_aside(recovered)} and will not be offered again."
        except OSError as exc:
            kept = f"It could not be renamed ({exc.strerror or exc}); remove {recovered.path} by hand."
        QMessageBox.warning(
            self,
            "Autosave not recovered",
            f"The autosaved incident {recovered.path.name} could not be opened: {one_line(str(why))}\n\n{kept}",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._tasks:
            for task in list(self._tasks):
                task.cancel()
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave.clear()
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()

    # ================================================================== preferences and help

    def _apply_preferences(self) -> None:
        self.form.set_date_format(self.settings.date_format)
        self.credit_model.set_date_format(self.settings.date_format)
        self._refresh_views()

    @at_edge("Cannot apply the preferences")
    def preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        old_rules = self.settings.rules_folder
        dialog.apply()
        if self.settings.rules_folder != old_rules and not self.reload_rules():
            self.settings.rules_folder = old_rules
        self._apply_preferences()
        self.replan()

    @at_edge("Rules not loaded", default=False)
    def reload_rules(self) -> bool:
        folder = self.settings.rules_folder
        try:
            rulebook = load_rulebook(Path(folder) if folder else BUNDLED_RULES)
            plan(self.current_incident(), rulebook)  # a rulebook that cannot plan is not taken
        except (RulebookError, InputError) as exc:
            problems = getattr(exc, "problems", [exc])
            QMessageBox.warning(
                self,
                "Rules not loaded",
                "The rules folder has problems; the previous rules stay in use.\n\n"
                + "\n".join(str(p) for p in problems[:10]),
            )
            return False
        self.rulebook = rulebook
        return True

    def focus_plan_filter(self) -> None:
        self.plan_tabs.setCurrentIndex(0)
        self.plan_filter.setFocus()
        self.plan_filter.selectAll()

    def show_how(self) -> None:
        TextDialog("How deadlines are computed", HOW_HTML + f"<p><b>{DISCLAIMER}</b></p>", self).exec()

    def show_disclaimer(self) -> None:
        QMessageBox.information(self, "Not legal advice", DISCLAIMER)

    def show_about(self) -> None:
        QMessageBox.about(self, "About notifyplanner", about_html(self.rulebook))


def app_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
