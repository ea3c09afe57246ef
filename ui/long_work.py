"""A progress dialog for one ``ui.worker.Task``: the window stays live, Cancel stops the work.

Why apart from the window: the roster import, the Excel export and the register's slow
reads all show the same dialog and report the same way; a module that takes a parent and
a status callback serves them all without any of them importing the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.worker import Task


def run_with_progress(
    parent: QWidget,
    task: Task,
    title: str,
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    status: Callable[[str], None],
    notify: Callable[[str], None],
    running: set[Task] | None = None,
) -> QProgressDialog:
    """Start ``task``; ``status`` shows the title while it runs ('' after), ``notify`` a cancel."""
    dialog = QProgressDialog(title, "Cancel", 0, 1000, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    dialog.canceled.connect(task.cancel)
    task.progress.connect(lambda f: dialog.setValue(int(f * 1000)))
    if running is not None:
        running.add(task)
    status(title)

    closed = False

    def finished() -> None:
        nonlocal closed
        if closed:
            return
        closed = True
        if running is not None:
            running.discard(task)
        status("")
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
        notify(f"{title}: cancelled")

    task.succeeded.connect(then(on_success))
    task.failed.connect(then(on_error))
    task.cancelled.connect(cancelled)
    task.done.connect(finished)
    task.start()
    return dialog
