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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.engine import plan
from notifyplanner.incident_file import (
    FieldProblem,
    IncidentError,
    atomic_write_bytes,
    incident_problems,
    write_incident,
)
from notifyplanner.model import Incident, Plan, Rulebook
from notifyplanner.report import DISCLAIMER
from notifyplanner.rulebook import BUNDLED_RULES, RulebookError, load_rulebook
from ui.dialogs import HOW_HTML, PreferencesDialog, TextDialog, about_html
from ui.files import Autosave, read_incident_keeping
from ui.incident_view import IncidentView
from ui.long_work import run_with_progress
from ui.plan_view import CREDIT_TAB, PLAN_TAB, TIMELINE_TAB, PlanHeader, PlanView
from ui.settings import Settings
from ui.worker import Task

if TYPE_CHECKING:
    from ui.roster_import import RosterImport

AUTOSAVE_MS = 60_000
INCIDENT_FILTER = "Incident files (*.json);;All files (*)"


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
        self.header = PlanHeader(central)
        outer.addWidget(self.header)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        outer.addWidget(self.splitter, 1)
        self.incident_view = IncidentView(self.settings.date_format, self.splitter)
        self.plan = PlanView(self.splitter)
        self.splitter.addWidget(self.incident_view)
        self.splitter.addWidget(self.plan)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(central)

        # Short names for the parts other code and the tests reach most.
        self.banner = self.header.banner
        self.form = self.incident_view.form
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
        self._action(go_menu, "&Incident form", self.incident_view.focus_form, "Ctrl+1")
        self._action(go_menu, "&Residents", self.incident_view.focus_residents, "Ctrl+2")
        self._action(go_menu, "&Plan table", lambda: self.plan.go(PLAN_TAB), "Ctrl+3")
        self._action(go_menu, "&Timeline", lambda: self.plan.go(TIMELINE_TAB), "Ctrl+4")
        self._action(go_menu, "&Credit monitoring", lambda: self.plan.go(CREDIT_TAB), "Ctrl+5")
        self._action(go_menu, "&Details", self.details.setFocus, "Ctrl+6")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&How deadlines are computed", self.show_how, keys.HelpContents)
        self._action(help_menu, "&Not legal advice", self.show_disclaimer)
        self._action(help_menu, "&About notifyplanner", self.show_about)
        # F1 is HelpContents on most platforms; make sure it is there on all.
        if not any(a.shortcut() == QKeySequence("F1") for a in help_menu.actions()):
            help_menu.actions()[0].setShortcut(QKeySequence("F1"))

    # ================================================================== state

    def current_incident(self) -> Incident:
        return self.incident_view.incident()

    def current_plan(self) -> Plan | None:
        return self._plan

    def is_dirty(self) -> bool:
        return self._incident != self._saved or bool(self.form.form_problems_text_only())

    def set_incident(self, incident: Incident, path: Path | None, *, saved: bool = True) -> None:
        """Show ``incident``; ``saved`` False keeps it marked as changed (a recovery)."""
        self._loading = True
        try:
            self.incident_view.set_incident(incident)
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
        self.incident_view.show_problems(problems)
        self._plan = plan(incident, self.rulebook)
        if self.plan.set_plan(self._plan):
            self._refresh_views()
        self._update_title()

    def _refresh_views(self) -> None:
        """Everything that depends on today, the urgency window or the date format."""
        fmt, window = self.settings.date_format, self.settings.urgency_days
        self.plan.refresh(self._today, window, fmt)
        self.header.show_plan(self._plan, self._today, window, fmt)

    def _update_title(self) -> None:
        name = self.path.name if self.path else (self._incident.name or "Untitled incident")
        self.setWindowTitle(f"{name}[*] - notifyplanner")
        self.setWindowModified(self.is_dirty())

    def selected_key(self) -> str | None:
        return self.plan.selected_key()

    def select_obligation(self, key: str, scroll: bool = True) -> bool:
        return self.plan.select_obligation(key, scroll)

    # ================================================================== residents

    def paste_counts(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

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

    def apply_roster_counts(self, counts: dict[str, int]) -> None:
        self.incident_view.replace_counts(counts)
        self.statusBar().showMessage(
            f"Resident counts replaced from the list ({sum(counts.values()):,} people).", 10000
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

    def new_incident(self) -> None:
        if self.maybe_save():
            self.autosave.clear()
            self.set_incident(Incident(), None)

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
        if ask and not self.maybe_save():
            return False
        self.autosave.clear()
        self.set_incident(incident, path)
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
        """After a crash: offer the newest orphaned autosave. True when one was recovered."""
        orphans = self.autosave.orphans()
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
        try:
            incident, _problems = read_incident_keeping(newest.path)
        except IncidentError as exc:
            self.show_file_error(newest.path, exc)
            return False
        self.set_incident(incident, Path(newest.source) if newest.source else None, saved=False)
        self.autosave.write(incident, newest.source)  # now ours; the orphan can go
        Autosave.discard(newest)
        self.statusBar().showMessage("Recovered the autosaved incident; save it to keep it.", 15000)
        return True

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
        self._refresh_views()

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

    def reload_rules(self) -> bool:
        folder = self.settings.rules_folder
        try:
            self.rulebook = load_rulebook(Path(folder) if folder else BUNDLED_RULES)
        except RulebookError as exc:
            problems = getattr(exc, "problems", [exc])
            QMessageBox.warning(
                self,
                "Rules not loaded",
                "The rules folder has problems; the previous rules stay in use.\n\n"
                + "\n".join(str(p) for p in problems[:10]),
            )
            return False
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
