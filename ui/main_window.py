"""The main window: the incident on the left, the plan on the right, recomputed on every edit.

The window assembles the views (``ui.incident_view``, ``ui.plan_view``) and routes actions
between them; it owns the current incident's file state (path, saved copy, autosave). Every
legal answer comes from ``notifyplanner.engine.plan``. Replanning
takes a few milliseconds, so it runs on the GUI thread after each edit; only file-sized
work (roster import, export) goes to a worker (``ui.worker``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.engine import plan
from notifyplanner.export.records import recorded_from
from notifyplanner.incident_file import (
    FieldProblem,
    IncidentError,
    incident_problems,
)
from notifyplanner.model import Incident, Plan, Rulebook
from notifyplanner.register.cases import GradedCase, default_user
from notifyplanner.register.grading import grade_plan
from notifyplanner.register.records import Notice, NoticeAction
from notifyplanner.report import DISCLAIMER
from notifyplanner.rulebook import BUNDLED_RULES, RulebookError, load_rulebook
from notifyplanner.safe_read import InputError, one_line
from ui.dates import with_weekday
from ui.dialogs import HOW_HTML, PreferencesDialog, TextDialog, about_html
from ui.edges import at_edge
from ui.files import Autosave, read_incident_keeping
from ui.incident_view import IncidentView
from ui.letters_view import LettersView
from ui.long_work import run_with_progress
from ui.plan_view import PlanHeader, PlanView
from ui.register_actions import HHS_PAGE, INCIDENT_PAGE, REGISTER_PAGE, RegisterActions
from ui.register_session import RegisterSession
from ui.register_view import HhsLogView, RegisterView
from ui.settings import Settings
from ui.window_exports import WindowExports
from ui.window_menus import WindowMenus
from ui.window_recovery import WindowRecovery
from ui.worker import Task

if TYPE_CHECKING:
    from ui.roster_import import ImportedCounts, RosterImport

AUTOSAVE_MS = 60_000


class MainWindow(WindowMenus, WindowExports, WindowRecovery, RegisterActions, QMainWindow):
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
        self._as_of_note = ""  # e.g. "Sample incident": why the view is not as of today
        self.path: Path | None = None
        self._saved = Incident()
        self._incident = Incident()
        self._plan: Plan | None = None
        self._loading = False
        self._tasks: set[Task] = set()
        self._notices: dict[str, Notice] = {}  # recorded for the open case, by obligation key
        self._register_stale = True
        self.autosave = Autosave(autosave_dir)
        self.session = RegisterSession(settings, rulebook)
        self.setObjectName("MainWindow")
        self.setWindowTitle("notifyplanner")
        self.setAccessibleName("notifyplanner main window")
        self._build()
        self._build_menus()
        self.form.set_incident(self._saved)  # the form's defaults are a blank Incident's
        self._apply_preferences()
        if self.session.error:
            self.statusBar().showMessage(f"No register: {self.session.error}", 30000)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.on_minute)
        self._autosave_timer.start()

    # ================================================================== building

    def _build(self) -> None:
        self.main_tabs = QTabWidget(self)
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.setDocumentMode(True)
        self.register_view = RegisterView()
        self.main_tabs.addTab(self.register_view, "Register")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 2)
        outer.setSpacing(4)
        self.header = PlanHeader(central)
        self.header.as_of_changed.connect(self._as_of_edited)
        outer.addWidget(self.header)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        outer.addWidget(self.splitter, 1)
        self.incident_view = IncidentView(self.settings.date_format, self.splitter)
        self.plan = PlanView(self.splitter)
        if self.settings.plan_sort is not None:
            self.plan.set_sort(*self.settings.plan_sort)
        self.plan.sort_changed.connect(
            lambda column, ascending: setattr(self.settings, "plan_sort", (column, ascending))
        )
        self.splitter.addWidget(self.incident_view)
        self.splitter.addWidget(self.plan)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.letters_view = LettersView(
            date_format=self.settings.date_format
        )  # issue 14: letter groups, checklists, Export letters
        self.plan.tabs.addTab(self.letters_view, "Letters")
        self.letters_view.selection_changed.connect(self.plan.show_details)
        self.letters_view.exported.connect(lambda folder: self.log_export(folder, "letter drafts"))
        self.main_tabs.addTab(central, "Incident")
        self.hhs_view = HhsLogView(self._today.year - 1)
        self.main_tabs.addTab(self.hhs_view, "HHS annual log")
        self.main_tabs.setCurrentIndex(INCIDENT_PAGE)
        # Tabs carry no Alt letter (the form's fields need them all, issue 12); the Go
        # menu's Ctrl+digit reaches each, and the tab's tip says which.
        for tabs, keys in (
            (self.main_tabs, ("Ctrl+8", "Ctrl+1", "Ctrl+9")),
            (self.incident_view, ("Ctrl+1", "Ctrl+2")),
            (self.plan.tabs, ("Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+7")),
        ):
            for index, key in enumerate(keys):
                tabs.setTabToolTip(index, f"{tabs.tabText(index)} ({key})")
        self.setCentralWidget(self.main_tabs)

        # Short names for the parts other code and the tests reach most.
        self.banner = self.header.banner
        self.form = self.incident_view.form
        self.form.decisions.set_rulebook(self.rulebook)  # the statute's conditions beside a decision
        self.left_tabs = self.incident_view
        self.residents_model = self.incident_view.residents_model
        self.residents_view = self.incident_view.residents_view
        self.residents_total = self.incident_view.residents_total
        self.plan_tabs = self.plan.tabs
        self.plan_model = self.plan.model
        self.plan_proxy = self.plan.proxy
        self.plan_view = self.plan.table
        self.plan_filter = self.plan.filter
        self.show_not_required = self.plan.show_not_required
        self.legend = self.plan.legend
        self.timeline = self.plan.timeline
        self.credit_model = self.plan.credit_model
        self.credit_view = self.plan.credit_view
        self.details = self.plan.details

        self.progress_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress_label)

        self.incident_view.changed.connect(self.replan)
        self.incident_view.message.connect(self.statusBar().showMessage)
        self.incident_view.paste_requested.connect(self.paste_counts)
        self.incident_view.import_requested.connect(self.import_roster)
        self.plan.mark_sent_requested.connect(self.mark_sent)
        self.plan.skip_requested.connect(lambda: self.mark_sent(NoticeAction.SKIPPED))
        self.plan.history.verify_requested.connect(self.verify_log)
        self.register_view.open_requested.connect(self.open_case)
        self.register_view.new_requested.connect(self.new_incident)
        self.register_view.import_requested.connect(self.import_dialog)
        self.register_view.refresh_requested.connect(self.refresh_register)
        self.register_view.delete_requested.connect(self.delete_case)
        self.hhs_view.year_changed.connect(self.refresh_hhs_log)
        self.hhs_view.open_requested.connect(self.open_case)
        self.hhs_view.submit_requested.connect(self.mark_hhs_submitted)
        self.main_tabs.currentChanged.connect(self._page_changed)

    # ================================================================== state

    def current_incident(self) -> Incident:
        return self.incident_view.incident()

    def current_plan(self) -> Plan | None:
        return self._plan

    @property
    def as_of(self) -> date:
        """The day the plan is read as of: days left, overdue, grades and every export.

        Today unless a day is typed in the header's as-of field (or the sample is shown). The
        core takes the day as a parameter; only the face knows which day the person means.
        """
        return self.header.as_of_date() or self._today

    def set_as_of(self, day: date | None, note: str = "") -> None:
        """Read the plan as of ``day`` (None: today); ``note`` says why, in the banner."""
        self._as_of_note = note
        self.header.set_as_of_date(day)
        self._regrade()

    def _as_of_edited(self) -> None:
        self._as_of_note = ""  # the person chose the day: the sample's reason no longer holds
        self._regrade()

    def _as_of_text(self) -> str:
        """The banner's first words: which day it counts from, and whether that is today."""
        fmt = self.settings.date_format
        day = with_weekday(self.as_of, fmt)
        if self._as_of_note:
            return f"<b>{escape(self._as_of_note)}, shown as of {day}</b>"
        if self.as_of == self._today:
            return f"As of today, {day}"
        return f"<b>As of {day}, not today</b>"

    def is_dirty(self) -> bool:
        return self._incident != self._saved or bool(self.form.form_problems_text_only())

    def set_incident(
        self,
        incident: Incident,
        path: Path | None,
        *,
        saved: bool = True,
        case: GradedCase | None = None,
        keep_as_of: bool = False,
    ) -> None:
        """Show ``incident``; ``saved`` False keeps it marked as changed (a recovery).

        ``case`` is the register case it is (None: a file or a new incident, not yet in the
        register); its recorded notices grade the plan as it is edited.
        """
        self.session.graded = case
        self._notices = {g.key: g.notice for g in case.grades if g.notice} if case else {}
        if case is not None:
            self._notices |= {n.key: n for n in case.orphans}
        # Another incident is read as of today: a day chosen for the last one could make an
        # overdue notice of this one look timely.
        if not keep_as_of:
            self._as_of_note = ""
            self.header.set_as_of_date(None)
        self._loading = True
        try:
            self.incident_view.set_incident(incident)
        finally:
            self._loading = False
        self.path = path
        self._saved = incident if saved else Incident(name="\0unsaved")
        self._show_history()
        self.replan()

    def replan(self) -> None:
        """Read the form, ask the engine, show the result. Runs on every edit."""
        if self._loading:
            return
        incident = self.current_incident()
        self._incident = incident
        problems: list[FieldProblem] = [*incident_problems(incident), *self.form.form_problems()]
        try:
            new = plan(incident, self.rulebook)
        except InputError as exc:
            # A value the engine refuses (a date outside the window it plans for): shown by
            # its field, and the last plan stays on screen until the value is fixed.
            self.incident_view.show_problems([*problems, FieldProblem(exc.field, exc.message)])
            self._update_title()
            return
        self.incident_view.show_problems(problems)
        self._plan = new
        redraw = self.plan.set_plan(self._plan)
        self.letters_view.templates_folder = self.settings.letter_templates
        self.letters_view.set_plan(self._plan, self.rulebook, incident)
        self._grade()
        if redraw:
            self._refresh_views()
        self._update_title()

    def _grade(self) -> None:
        """The recorded notices graded against the plan on screen, edits included, as of
        the view's day."""
        if self._plan is None:
            return
        graded = grade_plan(self._plan, self._notices, self.as_of) if self._notices else ()
        self.plan.set_grades({g.key: g for g in graded if g.notice is not None})
        self.letters_view.set_records(recorded_from(graded) if graded else None)

    def _regrade(self) -> None:
        """The as-of day changed: grades, colours, days left and the banner follow."""
        self._grade()
        self._refresh_views()

    def _refresh_views(self) -> None:
        """Everything that depends on today, the urgency window or the date format."""
        fmt, window = self.settings.date_format, self.settings.urgency_days
        as_of = self.as_of
        self.plan.refresh(as_of, window, fmt, real_today=as_of == self._today)
        self.header.extra = self.session.retention_text(fmt)
        listed = {o.key for o in self._plan.obligations} if self._plan else set()
        orphans = sorted(key for key in self._notices if key not in listed)
        self.header.extra_warnings = (
            [
                f"Recorded for notices these facts no longer call for: {', '.join(orphans)}. "
                "The records are kept; check whether the facts or the notices are right."
            ]
            if orphans
            else []
        )
        self.header.as_of_text = self._as_of_text()
        self.header.show_plan(self._plan, as_of, window, fmt)
        in_register = self.session.available
        self.plan.mark_sent_button.setEnabled(in_register)
        self.plan.skip_button.setEnabled(in_register)

    def _update_title(self) -> None:
        if self.session.case_id is not None:
            name = f"{self._incident.name or 'Untitled incident'} (register no. {self.session.case_id})"
        else:
            name = self.path.name if self.path else (self._incident.name or "Untitled incident")
        self.setWindowTitle(f"{name}[*] - notifyplanner")
        self.setWindowModified(self.is_dirty())

    def start_on_register(self) -> None:
        """Show the register page at start-up when the register holds any incident.

        A register that cannot be opened (foreign, damaged, newer) is said at once: the app
        then works on incident files only, and the file is left exactly as it was.
        """
        if self.session.error:
            QMessageBox.warning(
                self,
                "Register not opened",
                f"{self.session.error}\n\nIncidents can still be opened and saved as files. Choose "
                "another register file in Preferences (it is used from the next start).",
            )
            return
        service = self.session.service
        if service is not None and service.register.cases():
            self.show_page(REGISTER_PAGE)
            if self._register_stale:
                self.refresh_register()

    def show_page(self, index: int) -> None:
        self.main_tabs.setCurrentIndex(index)

    def _on_incident_page(self, then: Callable[[], None]) -> Callable[[], None]:
        def go() -> None:
            self.show_page(INCIDENT_PAGE)
            then()

        return go

    def _page_changed(self, index: int) -> None:
        if index == REGISTER_PAGE and self._register_stale:
            self.refresh_register()
        elif index == HHS_PAGE:
            self.refresh_hhs_log()

    def selected_key(self) -> str | None:
        return self.plan.selected_key()

    def select_obligation(self, key: str, scroll: bool = True) -> bool:
        return self.plan.select_obligation(key, scroll)

    # ================================================================== residents

    @at_edge("Cannot paste the counts")
    def paste_counts(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    @at_edge("Cannot paste the counts", default={})
    def paste_text(self, text: str) -> dict[str, int | None]:
        counts, problems = self.incident_view.paste_text(text)
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

    @at_edge("Cannot import the list")
    def import_roster(self) -> None:
        """Count a list by state; the roster engine (Polars) loads only when one is chosen."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import residents from an affected-people list",
            self.settings.last_folder,
            "Lists (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)",
        )
        if not path:
            return
        self.settings.last_folder = str(Path(path).parent)
        self.roster_import(Path(path)).start()

    def roster_import(self, path: Path) -> RosterImport:
        from ui.roster_import import RosterImport

        return RosterImport(
            self,
            path,
            run_task=self.run_task,
            current=self.residents_model.residents,
            apply=self.apply_roster_counts,
        )

    @at_edge("Cannot apply the counts")
    def apply_roster_counts(self, imported: ImportedCounts) -> None:
        self.incident_view.replace_counts(imported)
        self.statusBar().showMessage(
            f"Counts replaced from the list ({imported.counted:,} people, "
            f"{imported.unplaced.total:,} of them not placed in a state).",
            10000,
        )

    # ================================================================== long work

    def run_task(
        self, task: Task, title: str, on_success: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> QProgressDialog:
        """Start ``task`` with a progress dialog that can cancel it; the window stays live."""
        return run_with_progress(
            self,
            task,
            title,
            on_success,
            on_error,
            status=self.progress_label.setText,
            notify=lambda text: self.statusBar().showMessage(text, 8000),
            running=self._tasks,
        )

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
            self.show_page(INCIDENT_PAGE)

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
        self.show_page(INCIDENT_PAGE)
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

    # ================================================================== autosave and close

    def on_minute(self) -> None:
        """Autosave when changed, and roll 'today' over at midnight."""
        today = self._today_fn()
        if today != self._today:
            self._today = today
            self._regrade()
        if self.is_dirty():
            with contextlib.suppress(OSError):
                self.autosave.write(self.current_incident(), self._autosave_source())

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
        self.session.close()
        event.accept()

    # ================================================================== preferences and help

    def _apply_preferences(self) -> None:
        self.form.set_date_format(self.settings.date_format)
        self.header.as_of.set_date_format(self.settings.date_format)
        self.letters_view.set_date_format(self.settings.date_format)
        self._refresh_views()

    @at_edge("Cannot apply the preferences")
    def preferences(self) -> None:
        dialog = PreferencesDialog(
            self.settings,
            self,
            default_register=str(self.session.path or ""),
            default_user=default_user(),
        )
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        old_rules = self.settings.rules_folder
        dialog.apply()
        if self.settings.rules_folder != old_rules and not self.reload_rules():
            self.settings.rules_folder = old_rules
        self.session.set_rulebook(self.rulebook)
        self.session.set_user()
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
        self.form.decisions.set_rulebook(self.rulebook)
        return True

    def focus_plan_filter(self) -> None:
        self.plan.focus_filter()

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
