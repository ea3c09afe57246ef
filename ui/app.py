"""Start-up: the QApplication, settings, rules, the main window, crash recovery.

Kept small and import-light because start-up time is a target (under one second to a
usable window with the sample incident planned; see benchmarks/startup.py): the rulebook
files are checked against their seal (notifyplanner.rulebook: the bundled files are
schema-validated when they are sealed, not on every start), and the roster engine (Polars)
is imported only when an import starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect, QStandardPaths, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from notifyplanner import userdirs
from notifyplanner.incident_file import IncidentError
from notifyplanner.model import Rulebook
from notifyplanner.rulebook import BUNDLED_RULES, load_rulebook
from notifyplanner.safe_read import one_line
from ui.files import read_incident_keeping
from ui.main_window import MainWindow
from ui.sample import sample_as_of  # the same day without a display (ui.launch)
from ui.settings import APPLICATION, ORGANIZATION, Settings

RESOURCES = userdirs.bundled_dir("resources")
STYLE = RESOURCES / "style.qss"
ICON = RESOURCES / "icons" / "notifyplanner.svg"
FIRST_START_SHARE = 0.9  # of the screen's free area, on the first start
SMALL_SCREEN_WIDTH = 1600  # narrower free areas start maximized: the plan table needs the width


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("notifyplanner")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    if sys.platform.startswith("linux") and "DejaVu Sans" not in app.font().family():
        font = QFont("DejaVu Sans")
        font.setPointSizeF(max(app.font().pointSizeF(), 9.0))
        app.setFont(font)
    if STYLE.exists():
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    return app


def legacy_autosave_dir() -> Path | None:
    """Where autosaves went before user folders came from platformdirs (Qt's AppData
    location), or None when Qt names none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(found) / "autosave" if found else None


def adopt_autosaves(old: Path | None, new: Path) -> int:
    """Move autosaves left in the old folder into the new one, so edits a crash left before
    an upgrade are still offered back; how many files moved. Never overwrites, never fails
    the start: what cannot be moved stays where it is."""
    if old is None or not old.is_dir():
        return 0
    try:
        if old.resolve() == new.resolve():
            return 0
        moved = 0
        for path in old.iterdir():
            if path.name.startswith(("autosave-", "recovering-", "damaged-")) and path.is_file():
                new.mkdir(parents=True, exist_ok=True)
                target = new / path.name
                if not target.exists():
                    os.replace(path, target)
                    moved += 1
        return moved
    except OSError:
        return 0


def load_rulebook_for(settings: Settings) -> tuple[Rulebook, str]:
    """The preferred rules folder, or the bundled rules with a message when it is broken."""
    from_settings = settings.rules_folder or None
    try:
        return load_rulebook(Path(from_settings) if from_settings else BUNDLED_RULES), ""
    except Exception as exc:  # RulebookError, or an unreadable folder
        if from_settings is None:
            raise
        problems = getattr(exc, "problems", [exc])
        message = (
            f"The rules folder {from_settings} has problems, so the bundled rules are used.\n\n"
            + "\n".join(str(p) for p in problems[:10])
        )
        return load_rulebook(BUNDLED_RULES), message


def first_geometry(available: QRect, share: float = FIRST_START_SHARE) -> QRect:
    """The window's first place: ``share`` of the screen's free area, centred.

    A fixed 1366x768 put the status bar off a 1366x768 screen (the task bar takes its
    share) and left most of a 1920x1080 one unused (issue 12). Later starts restore the
    geometry saved on close.
    """
    width = max(min(int(available.width() * share), available.width()), 1)
    height = max(min(int(available.height() * share), available.height()), 1)
    left = available.x() + (available.width() - width) // 2
    top = available.y() + (available.height() - height) // 2
    return QRect(left, top, width, height)


def starts_maximized(available: QRect) -> bool:
    """Whether the first start fills the screen: on a laptop's 1366 or 1440 pixels, 90% of
    the width left the plan table too narrow for its Days left column, the one that says
    "sent on time" or "3 days overdue" (found in a newcomer's trial at 1366x768).
    Maximized, the window manager keeps the frame and the status bar on the screen."""
    return available.width() < SMALL_SCREEN_WIDTH


def build_window(
    path: Path | None,
    opened_by_user: bool,
    *,
    settings: Settings | None = None,
    autosave_dir: Path | None = None,
    today: Callable[[], date] = date.today,
    recover: bool = True,
) -> MainWindow:
    """The main window with ``path`` open (or the sample, or a blank incident)."""
    settings = settings or Settings()
    if autosave_dir is None:
        autosave_dir = userdirs.autosave_dir()
        adopt_autosaves(legacy_autosave_dir(), autosave_dir)
    rulebook, rules_message = load_rulebook_for(settings)
    window = MainWindow(rulebook, settings, autosave_dir=autosave_dir, today=today)
    geometry = settings.geometry
    if geometry is None or not window.restoreGeometry(geometry):
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            window.setGeometry(first_geometry(available))  # also the size when un-maximized
            if starts_maximized(available):
                window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    if rules_message:
        QMessageBox.warning(window, "Rules folder not used", rules_message)
    if path is not None:
        try:
            incident, _problems = read_incident_keeping(path)
        except Exception as exc:  # the app always starts; the problem is said, by field
            error = (
                exc
                if isinstance(exc, IncidentError)
                else IncidentError("file", f"cannot be read ({one_line(str(exc), 200)})")
            )
            window.replan()
            window.show_file_error(path, error)
        else:
            # The sample opens as an untitled copy so Save never overwrites the shipped file.
            window.set_incident(incident, path if opened_by_user else None)
            if opened_by_user:
                settings.add_recent(str(path))
            elif (as_of := sample_as_of(incident)) is not None:
                # The sample opens as of a week after its discovery, and the banner says so.
                window.set_as_of(as_of, "Sample incident")
    else:
        window.replan()
    if recover and window.offer_recovery():
        return window
    if not opened_by_user:
        window.start_on_register()  # when it holds incidents, it is the place to start
    return window


def run_app(path: Path | str | None, opened_by_user: bool) -> int:
    """Entry point used by ``notifyplanner`` and ``notifyplanner FILE``."""
    app = make_application()
    window = build_window(Path(path) if path else None, opened_by_user)
    window.show()
    return app.exec()
