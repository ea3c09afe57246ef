"""Preferences in one typed place, stored with QSettings.

Why a class and not scattered ``QSettings().value(...)`` calls: QSettings hands back strings
from INI files and native types elsewhere, and a typo in a key silently reads a default.
Every key and its type live here once; tests point the class at a temporary INI file so a
developer's own preferences are never touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from notifyplanner.userdirs import same_file_key, settings_path

ORGANIZATION = "notifyplanner"
APPLICATION = "notifyplanner"

#: Date formats offered in Preferences (Qt format strings; month names come from the C
#: locale, never the system locale). ISO first: it is the default and sorts as text.
DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("yyyy-MM-dd", "2026-10-02 (ISO, recommended)"),
    ("MM/dd/yyyy", "10/02/2026 (US)"),
    ("dd/MM/yyyy", "02/10/2026"),
    ("dd.MM.yyyy", "02.10.2026"),
    ("d MMM yyyy", "2 Oct 2026"),
)
DEFAULT_DATE_FORMAT = "yyyy-MM-dd"
DEFAULT_URGENCY_DAYS = 7
MAX_RECENT = 8


def adopt_legacy_settings(path: Path) -> bool:
    """Copy the preferences Qt kept in its own user folder to ``path`` the first time
    ``path`` is used; True when copied.

    The settings file now lives where platformdirs says (``notifyplanner.userdirs``). On
    Linux that is the very file Qt used; on macOS and Windows Qt's INI file sat elsewhere
    (``~/.config`` on macOS, the roaming AppData on Windows), and a preference set there
    must not be lost.
    """
    if path.exists():
        return False
    legacy = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    old = Path(legacy.fileName())
    try:
        if not old.is_file() or old.resolve() == path.resolve():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(old, path)
    except OSError:
        return False
    return True


class Settings:
    """Typed accessors over QSettings; pass ``path`` to use an INI file (tests)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            path = settings_path()
            adopt_legacy_settings(path)
        self.path = Path(path)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # --------------------------------------------------------------- preferences

    @property
    def date_format(self) -> str:
        value = str(self._qs.value("display/date_format", DEFAULT_DATE_FORMAT))
        return value if value in {f for f, _ in DATE_FORMATS} else DEFAULT_DATE_FORMAT

    @date_format.setter
    def date_format(self, value: str) -> None:
        self._qs.setValue("display/date_format", value)

    @property
    def urgency_days(self) -> int:
        try:
            days = int(self._qs.value("display/urgency_days", DEFAULT_URGENCY_DAYS))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_URGENCY_DAYS
        return min(max(days, 1), 365)

    @urgency_days.setter
    def urgency_days(self, value: int) -> None:
        self._qs.setValue("display/urgency_days", int(value))

    @property
    def rules_folder(self) -> str:
        """A folder of rule files to plan with; empty means the bundled rules."""
        return str(self._qs.value("rules/folder", "") or "")

    @rules_folder.setter
    def rules_folder(self, value: str) -> None:
        self._qs.setValue("rules/folder", value)

    @property
    def letter_templates(self) -> str:
        """A copy of resources/letters to draft letters with; empty means the bundled one."""
        return str(self._qs.value("letters/templates", "") or "")

    @letter_templates.setter
    def letter_templates(self, value: str) -> None:
        self._qs.setValue("letters/templates", value)

    # --------------------------------------------------------------- register

    @property
    def register_path(self) -> str:
        """The register database file; empty means the core's default location."""
        return str(self._qs.value("register/path", "") or "")

    @register_path.setter
    def register_path(self, value: str) -> None:
        self._qs.setValue("register/path", value)

    @property
    def user_name(self) -> str:
        """Who the audit log names for changes made here; empty means the OS user name."""
        return str(self._qs.value("register/user_name", "") or "")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self._qs.setValue("register/user_name", value)

    # --------------------------------------------------------------- files

    @property
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):  # INI stores a one-item list as a plain string
            value = [value] if value else []
        return [str(v) for v in (value or [])][:MAX_RECENT]

    @recent_files.setter
    def recent_files(self, value: list[str]) -> None:
        self._qs.setValue("files/recent", list(value)[:MAX_RECENT])

    def add_recent(self, path: str) -> None:
        """Put ``path`` (made absolute) first; the same file under another spelling
        (relative, or other letter case on Windows) is not listed twice."""
        path = os.path.abspath(path)
        key = same_file_key(path)
        files = [p for p in self.recent_files if same_file_key(p) != key]
        self.recent_files = [path, *files]

    def remove_recent(self, path: str) -> None:
        key = same_file_key(path)
        self.recent_files = [p for p in self.recent_files if same_file_key(p) != key]

    @property
    def last_folder(self) -> str:
        return str(self._qs.value("files/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._qs.setValue("files/last_folder", value)

    @property
    def export_folder(self) -> str:
        """Where the last export went; the next export starts there (not where a list came from)."""
        return str(self._qs.value("files/export_folder", "") or "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._qs.setValue("files/export_folder", value)

    # --------------------------------------------------------------- plan table

    @property
    def plan_sort(self) -> tuple[int, bool] | None:
        """The plan table's sort column and whether ascending; None: never chosen."""
        try:
            column = int(self._qs.value("plan/sort_column", -1))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        ascending = str(self._qs.value("plan/sort_ascending", "true")).lower() != "false"
        return (column, ascending) if column >= 0 else None

    @plan_sort.setter
    def plan_sort(self, value: tuple[int, bool]) -> None:
        self._qs.setValue("plan/sort_column", int(value[0]))
        self._qs.setValue("plan/sort_ascending", "true" if value[1] else "false")

    # --------------------------------------------------------------- window

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)
