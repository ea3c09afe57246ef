"""Fixtures for the Qt face: a window on the session rulebook, temp settings and autosave.

The window is built directly on the rulebook loaded once per session (tests/conftest.py),
with a fixed "today", an INI settings file and an autosave folder under tmp_path, so no
test touches the developer's own preferences or files, and no test waits on a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from notifyplanner.model import Rulebook
from ui.main_window import MainWindow
from ui.settings import Settings

TODAY = date(2026, 10, 12)


class Dialogs:
    """Records every static QMessageBox call and answers with ``answer``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Discard
        self.save_name = ""
        self.open_name = ""

    def record(self, kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def fake(
            _parent: object, title: str, text: str, *_args: object, **_kw: object
        ) -> QMessageBox.StandardButton:
            self.calls.append((kind, title, text))
            return self.answer

        return fake

    def titles(self) -> list[str]:
        return [title for _kind, title, _text in self.calls]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder.record(kind)))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (recorder.save_name, ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (recorder.open_name, ""))
    )
    return recorder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "settings.ini")
    settings.register_path = str(tmp_path / "register.sqlite3")  # never the user's own register
    return settings


@pytest.fixture
def make_window(
    qtbot: object, rulebook: Rulebook, settings: Settings, tmp_path: Path, dialogs: Dialogs
) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def factory() -> MainWindow:
        window = MainWindow(rulebook, settings, autosave_dir=tmp_path / "autosave", today=lambda: TODAY)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.replan()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window._saved = window._incident  # closing in teardown must not prompt
        window.session.close()


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()
