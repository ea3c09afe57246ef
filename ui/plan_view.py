"""The plan: the notices table, the timeline, credit monitoring, and the details pane.

Why a view of its own: everything here draws one ``Plan`` (from the engine) against one
"today", urgency window and date format, and keeps the person's selection and filter across
replans. The main window hands it a plan; the view never plans and never reads the form.
``PlanHeader`` is the controlling-deadline banner above both halves of the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.engine import days_left
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.register.grading import Grade
from ui.date_field import DateField
from ui.dates import ISO, dated, with_weekday
from ui.details import DetailsPane, duty_html, obligation_html, record_html
from ui.entity_profile import deadline_at_text
from ui.history_view import HistoryView
from ui.incident_view import vertical_scroll
from ui.models import (
    KEY_ROLE,
    URGENCY_COLORS,
    CreditMonitoringModel,
    ObligationFilterProxy,
    ObligationTableModel,
    Urgency,
    days_left_text,
    urgency,
)
from ui.tables import filter_field, list_table
from ui.timeline import TimelineWidget

PLAN_TAB, TIMELINE_TAB, CREDIT_TAB, HISTORY_TAB = 0, 1, 2, 3


def shown(result: Plan) -> tuple[object, ...]:
    """What the plan's views draw; two plans equal here look the same on screen."""
    # The timeline also marks the discovery date.
    return (
        result.obligations,
        result.credit_monitoring,
        result.warnings,
        result.versions,
        result.incident.discovered,
    )


class AsOfField(DateField):
    """The as-of date; empty reads as today, and says so."""

    def _update_placeholder(self) -> None:
        self.line.setPlaceholderText(f"today ({self._format.lower().replace('mmm', 'mon')})")


class PlanHeader(QWidget):
    """The as-of date, the controlling deadline in one line coloured by urgency, and the
    plan's warnings.

    Why an as-of date: counsel review an old incident as it stood on a day (a 2023 breach
    read today is "1180 days overdue" everywhere), and the first start shows the sample on a
    day where its dates make sense. Empty means today; the banner always says which day the
    colours, days left and grades are counted from, and says so loudly when it is not today.
    """

    as_of_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.banner = QLabel(self)
        self.banner.setObjectName("controllingBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("Controlling deadline")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.banner, 1)
        self.as_of = AsOfField("As of", self)
        self.as_of.setObjectName("asOfDate")
        self.as_of.line.setToolTip(
            "Count days left, overdue notices and grades as of this day (empty: today). Exports carry it too."
        )
        self.as_of.setFixedWidth(self.fontMetrics().horizontalAdvance("today (yyyy-mm-dd)") + 80)
        self.as_of_label = QLabel("&Plan as of:", self)
        self.as_of_label.setBuddy(self.as_of.line)
        top.addWidget(self.as_of_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.as_of, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("planWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Plan warnings")
        layout.addWidget(self.warnings)
        self.extra = ""  # e.g. the register's retention date, appended to the banner
        self.extra_warnings: list[str] = []  # e.g. notices recorded that the plan no longer lists
        self.as_of_text = ""  # which day the banner counts from, first in the banner
        self._as_of_day: date | None = None
        self.as_of.edited.connect(self._as_of_edited)

    def _as_of_edited(self) -> None:
        if self.as_of.is_valid():  # text that is not (yet) a date leaves the day shown as it was
            self._as_of_day = self.as_of.date()
            self.as_of_changed.emit()

    def as_of_date(self) -> date | None:
        """The last day typed in the as-of field that is a date; None for today."""
        return self._as_of_day

    def set_as_of_date(self, day: date | None) -> None:
        self._as_of_day = day
        self.as_of.set_date(day)

    def show_plan(self, current: Plan | None, today: date, window: int, date_format: str) -> None:
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
            left = days_left(controlling.deadline, today)
            level = {Urgency.OVERDUE: "overdue", Urgency.SOON: "soon"}.get(
                urgency(controlling, today, window), "later"
            )
            # An hours clock's time and offset too: the banner is the first thing read.
            deadline = escape(with_weekday(controlling.deadline, date_format) + deadline_at_text(controlling))
            text = (
                f"<b>Controlling deadline: {deadline}</b>, {escape(days_left_text(left))} &nbsp;&mdash;&nbsp; "
                f"{escape(controlling.jurisdiction_name)}: {escape(controlling.recipient_text)}"
                f" ({escape(controlling.citation.cite)}) &nbsp; | &nbsp; {tally}"
            )
        if self.as_of_text:
            text = f"{self.as_of_text} &nbsp; | &nbsp; {text}"
        if self.extra:
            text += f" &nbsp; | &nbsp; {self.extra}"
        self.banner.setProperty("urgency", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        warnings = [*current.warnings, *self.extra_warnings]
        self.warnings.setText("\n".join(f"\u26a0 {dated(w, date_format)}" for w in warnings))
        self.warnings.setVisible(bool(warnings))


class PlanView(QSplitter):
    """Plan tabs above, the details of the selected notice or duty below."""

    mark_sent_requested = Signal()
    skip_requested = Signal()
    sort_changed = Signal(int, bool)  # the column the person sorted by, ascending

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._plan: Plan | None = None
        self._columns_fitted = False
        self._today = date.today()
        self._date_format = ISO
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Plan")
        self.tabs.addTab(self._build_table(), "Plan")
        self.timeline = TimelineWidget()
        self.timeline_scroll = vertical_scroll(self.timeline)
        self.tabs.addTab(self.timeline_scroll, "Timeline")
        self.tabs.addTab(self._build_credit(), "Credit monitoring")
        self.history = HistoryView()
        self.tabs.addTab(self.history, "History")
        self.details = DetailsPane(self)
        self.addWidget(self.tabs)
        self.addWidget(self.details)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)

        self._chosen: str | None = None  # the notice the person selected, kept across filters
        self._filtering = False
        self.filter.textChanged.connect(lambda text: self._refilter(lambda: self.proxy.set_text(text)))
        self.show_not_required.toggled.connect(
            lambda show: self._refilter(lambda: self.proxy.set_show_not_required(show))
        )
        self.table.selectionModel().currentRowChanged.connect(self._plan_row_changed)
        self.credit_view.selectionModel().currentRowChanged.connect(self._credit_row_changed)
        self.timeline.selected.connect(self.select_obligation)
        # Back from the credit-monitoring tab, the pane explains the selected notice again.
        self.tabs.currentChanged.connect(self._tab_changed)

    def _build_table(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.table_page = page
        self.table_row = row = QHBoxLayout()
        self.filter = filter_field(
            page, "Filter notices (Ctrl+F): state, recipient, status, citation...", "Filter notices"
        )
        self.show_not_required = QCheckBox("Sho&w not required", page)
        self.show_not_required.setAccessibleName("Show notices that are not required")
        self.show_not_required.setChecked(True)
        row.addWidget(self.filter, 1)
        row.addWidget(self.show_not_required)
        layout.addLayout(row)
        self.model = ObligationTableModel(self)
        self.proxy = ObligationFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = list_table(page, self.proxy, "Notices owed")
        self.table.setSortingEnabled(True)
        # The controlling notice first: by deadline, then status (issue 12: sorted by
        # jurisdiction, it was off-screen). The person's own choice replaces it (set_sort).
        self.table.sortByColumn(ObligationTableModel.DEADLINE, Qt.SortOrder.AscendingOrder)
        # Tab leaves the table in one step; arrow keys move between cells.
        self.table.setTabKeyNavigation(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sortIndicatorChanged.connect(
            lambda column, order: self.sort_changed.emit(column, order == Qt.SortOrder.AscendingOrder)
        )
        layout.addWidget(self.table, 1)
        self.legend = QLabel(page)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        # Beside the filter, so the legend below keeps the table's full width.
        self.mark_sent_button = QPushButton("Mark sent...", page)
        self.mark_sent_button.setToolTip("Record the selected notice as sent: date, method, reference, proof")
        self.skip_button = QPushButton("Decided not to send...", page)
        self.skip_button.setToolTip("Record the decision not to send the selected notice, with the reason")
        row.addWidget(self.mark_sent_button)
        row.addWidget(self.skip_button)
        self.mark_sent_button.clicked.connect(self.mark_sent_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        self.table.doubleClicked.connect(lambda _index: self.mark_sent_requested.emit())
        return page

    def _build_credit(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.credit_model = CreditMonitoringModel(self)
        self.credit_view = list_table(page, self.credit_model, "Credit-monitoring duties")
        self.credit_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.credit_view, 1)
        self.credit_empty = QLabel(page)
        self.credit_empty.setWordWrap(True)
        layout.addWidget(self.credit_empty)
        return page

    # ------------------------------------------------------------------ drawing

    def set_plan(self, new: Plan) -> bool:
        """Show ``new``; False (and nothing redrawn) when it looks the same as the last one.

        Most keystrokes (a name, a note, a count below every threshold) change no notice:
        then the tables, timeline and details are left as they are, selection included.
        """
        old, self._plan = self._plan, new
        if old is not None and shown(new) == shown(old):
            return False
        selected = self.selected_key()
        self.model.set_obligations(new.obligations)
        self.credit_model.set_duties(new.credit_monitoring)
        if selected:
            self._reselect(selected)
        return True

    def refresh(self, today: date, window: int, date_format: str, *, real_today: bool = True) -> None:
        """Everything that depends on today (the as-of day), the urgency window or the date
        format; ``real_today`` False when the as-of day is not today."""
        self._today, self._date_format = today, date_format
        self.model.set_view(today=today, window=window, date_format=date_format)
        self.credit_model.set_date_format(date_format)
        self.timeline.set_plan(
            self._plan,
            today=today,
            window=window,
            date_format=date_format,
            today_label="Today" if real_today else "As of",
        )
        self._fit_columns()
        self._fit_to_values(ObligationTableModel.DAYS_LEFT)
        self._fit_to_values(ObligationTableModel.DEADLINE)
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
        self.show_details()

    def set_sort(self, column: int, ascending: bool) -> None:
        """Sort as the person last chose (kept in the settings); a column no longer there is ignored."""
        if 0 <= column < self.model.columnCount():
            order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
            self.table.sortByColumn(column, order)

    def _fit_to_values(self, column: int) -> None:
        """Widen a column to its longest value, never narrower than the person made it: Days
        left ('1180 days overdue' was cut) and Deadline (an hours clock's '2026-11-01 Sun
        21:40 (UTC-05:00)' lost its time, the one part that matters)."""
        metrics = self.table.fontMetrics()
        texts = [self.model.data(self.model.index(r, column)) or "" for r in range(self.model.rowCount())]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 18
        if widest > self.table.columnWidth(column):
            self.table.setColumnWidth(column, widest)

    def _fit_columns(self) -> None:
        """Column widths from the font, once: measuring every cell costs ~0.1 s at start-up."""
        if self._columns_fitted:  # not property(): see ui/date_field.py _restyle
            return
        metrics = self.table.fontMetrics()
        pad = 18

        def width(text: str) -> int:
            return metrics.horizontalAdvance(text) + pad

        header = self.table.horizontalHeader()
        samples = (
            "District of Columbia (DC)",
            "Attorney General: preliminary notice",  # longer labels elide; the tip has them whole
            "undetermined",
            "2026-12-31 Wed *",
            "sent 99 days late",
            "2026-12-31 Wed",
            "decided not to send",
        )
        for column, sample in enumerate(samples):
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

    # ------------------------------------------------------------------ selection

    def selected_key(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, KEY_ROLE)

    def select_obligation(self, key: str, scroll: bool = True) -> bool:
        """Select the obligation ``key`` in the table (clears the filter if it hides it)."""
        row = self.model.row_of(key)
        if row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            self.filter.clear()
            self.show_not_required.setChecked(True)
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.table.scrollTo(proxy_index)
        return True

    def _reselect(self, key: str) -> None:
        """Select ``key`` again after a replan, if the user's filter still shows it.

        Quietly: the caller refreshes the details once. Unlike select_obligation (a click
        on the timeline), this never clears the filter the user typed.
        """
        row = self.model.row_of(key)
        if row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            with QSignalBlocker(self.table.selectionModel()):
                self.table.selectionModel().setCurrentIndex(
                    proxy_index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply a filter change without moving the selection to another notice.

        Qt moves the current row to a neighbour when the selected one is filtered out, and
        the details pane then explained a notice nobody chose (issue 12). The chosen notice
        stays selected while it is shown, nothing is selected while it is hidden, and it is
        selected again when the filter shows it again.
        """
        self._filtering = True
        try:
            change()
            row = self.model.row_of(self._chosen) if self._chosen else None
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
            selection = self.table.selectionModel()
            if index.isValid():
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._filtering = False
        self.show_details()

    def _plan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering:
            return
        self._chosen = self.proxy.data(current, KEY_ROLE) if current.isValid() else None
        self.show_details()

    def show_details(self) -> None:
        describe = getattr(self.tabs.currentWidget(), "details_html", None)
        if callable(describe):  # a tab that describes its own selection (Letters)
            self.details.setHtml(describe())
            return
        index = self.table.currentIndex()
        if not index.isValid() or self._plan is None:
            self.timeline.set_selected(None)
            self.details.show_placeholder()
            return
        ob = self.model.obligation(self.proxy.mapToSource(index).row())
        version = next((v for v in self._plan.versions if v.jurisdiction == ob.jurisdiction), None)
        record = record_html(self.model.grade(ob.key), self._date_format)
        self.details.setHtml(record + obligation_html(ob, self._today, self._date_format, version))
        self.timeline.set_selected(ob.key)

    def selected_obligation(self) -> Obligation | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.obligation(self.proxy.mapToSource(index).row())

    def set_grades(self, grades: Mapping[str, Grade]) -> None:
        """The recorded notices' grades (empty when the incident is not in the register)."""
        if self.model.set_grades(grades):
            self.timeline.set_grades(grades)
            self.show_details()

    def _tab_changed(self, index: int) -> None:
        """The details pane follows the tab: a duty on Credit monitoring, else the obligation.

        The History tab has its own entry pane, so the details give it their room.
        """
        self.details.setVisible(index != HISTORY_TAB)
        if index == CREDIT_TAB and self.credit_view.currentIndex().isValid():
            self._credit_row_changed(self.credit_view.currentIndex(), QModelIndex())
        else:
            self.show_details()

    def _credit_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.details.setHtml(duty_html(self.credit_model.duty(current.row()), self._date_format))

    def focus_filter(self) -> None:
        self.tabs.setCurrentIndex(PLAN_TAB)
        self.filter.setFocus()
        self.filter.selectAll()

    def go(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        widget = {
            PLAN_TAB: self.table,
            TIMELINE_TAB: self.timeline,
            CREDIT_TAB: self.credit_view,
            HISTORY_TAB: self.history.table,
        }[index]
        if index == PLAN_TAB and not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
            # The top notice (the controlling one, as sorted) selected and explained: with
            # only a current cell, the first Down went to the second row (newcomer's trial).
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        widget.setFocus()
