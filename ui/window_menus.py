"""The main window's menus: every action, its shortcut and its tip, in one place.

Why a module of its own: the menu bar is the window's table of contents (File, Edit, Go,
Help with their keyboard paths); kept apart, ``main_window.py`` stays the assembly of views.
``WindowMenus`` is a mixin of ``MainWindow``: it connects to the window's slots by the
names declared below and never imports the window module (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox

from notifyplanner.register.records import NoticeAction
from ui.incident_view import IncidentView
from ui.plan_view import CREDIT_TAB, HISTORY_TAB, PLAN_TAB, TIMELINE_TAB, PlanView
from ui.register_actions import HHS_PAGE, REGISTER_PAGE
from ui.settings import Settings


class WindowMenus:
    """Builds the menu bar of the main window (a mixin; see the module docstring)."""

    # What the window provides.
    settings: Settings
    incident_view: IncidentView
    plan: PlanView
    menuBar: Callable[[], QMenuBar]
    close: Callable[[], bool]
    new_incident: Callable[[], None]
    import_dialog: Callable[[], None]
    import_file: Callable[[Path], bool]
    save: Callable[[], bool]
    export_incident: Callable[[], bool]
    import_roster: Callable[[], None]
    export_plan: Callable[..., Any]
    paste_counts: Callable[[], None]
    focus_plan_filter: Callable[[], None]
    mark_sent: Callable[..., bool]
    preferences: Callable[[], None]
    show_page: Callable[[int], None]
    show_how: Callable[[], None]
    show_disclaimer: Callable[[], None]
    show_about: Callable[[], None]
    _on_incident_page: Callable[[Callable[[], None]], Callable[[], None]]

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
        self.open_action = self._action(
            file_menu,
            "&Import incident file...",
            self.import_dialog,
            keys.Open,
            "Add an incident file (JSON) to the register and open it",
        )
        self.recent_menu = file_menu.addMenu("Import &recent file")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        file_menu.addSeparator()
        self.save_action = self._action(
            file_menu, "&Save", self.save, keys.Save, "Save the facts in the register as a new version"
        )
        self.save_as_action = self._action(
            file_menu,
            "E&xport incident file...",
            self.export_incident,
            "Ctrl+Shift+S",
            "Write the incident as a JSON file",
        )
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu,
            "I&mport residents from list...",
            self.import_roster,
            "Ctrl+I",
            "Count a CSV or Excel list by state",
        )
        self.export_action = self._action(file_menu, "&Export to Excel...", self.export_plan, "Ctrl+E")
        self._action(file_menu, "Export to ca&lendar...", lambda: self.export_plan(fmt="ics"))
        self._action(file_menu, "Print / export P&DF...", lambda: self.export_plan(fmt="pdf"), keys.Print)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, keys.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        edit_menu = bar.addMenu("&Edit")
        self._action(edit_menu, "&Paste resident counts", self.paste_counts, "Ctrl+Shift+V")
        self._action(edit_menu, "&Find notice", self.focus_plan_filter, keys.Find)
        edit_menu.addSeparator()
        self.mark_sent_action = self._action(edit_menu, "&Mark sent...", self.mark_sent, "Ctrl+M")
        self._action(edit_menu, "&Decided not to send...", lambda: self.mark_sent(NoticeAction.SKIPPED))
        edit_menu.addSeparator()
        self.preferences_action = self._action(edit_menu, "Pr&eferences...", self.preferences, "Ctrl+,")

        go_menu = bar.addMenu("&Go")
        on_page = self._on_incident_page
        self._action(go_menu, "&Incident form", on_page(self.incident_view.focus_form), "Ctrl+1")
        self._action(go_menu, "&Residents", on_page(self.incident_view.focus_residents), "Ctrl+2")
        self._action(go_menu, "&Plan table", on_page(lambda: self.plan.go(PLAN_TAB)), "Ctrl+3")
        self._action(go_menu, "&Timeline", on_page(lambda: self.plan.go(TIMELINE_TAB)), "Ctrl+4")
        self._action(go_menu, "&Credit monitoring", on_page(lambda: self.plan.go(CREDIT_TAB)), "Ctrl+5")
        self._action(go_menu, "&Details", self.details.setFocus, "Ctrl+6")
        self._action(go_menu, "&History", on_page(lambda: self.plan.go(HISTORY_TAB)), "Ctrl+7")
        go_menu.addSeparator()
        self._action(go_menu, "Re&gister", lambda: self.show_page(REGISTER_PAGE), "Ctrl+8")
        self._action(go_menu, "HHS &annual log", lambda: self.show_page(HHS_PAGE), "Ctrl+9")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&How deadlines are computed", self.show_how, keys.HelpContents)
        self._action(help_menu, "&Not legal advice", self.show_disclaimer)
        self._action(help_menu, "&About notifyplanner", self.show_about)
        # F1 is HelpContents on most platforms; make sure it is there on all.
        if not any(a.shortcut() == QKeySequence("F1") for a in help_menu.actions()):
            help_menu.actions()[0].setShortcut(QKeySequence("F1"))

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
        self.import_file(path)
