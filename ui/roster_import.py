"""Import residents from an affected-people list: count in a worker, preview, then replace.

The counting is the core's (``notifyplanner.roster.count_roster``, the same engine as
``notifyplanner roster count``); this module runs it off the GUI thread with progress and
cancel, asks for the columns when the counter cannot tell them, and shows the preview.
Nothing of the list is kept: only the counts the person accepts reach the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from notifyplanner.model import CountsSource, Unplaced
from ui.dialogs import ColumnPickerDialog, RosterPreviewDialog
from ui.edges import at_edge
from ui.worker import Task


@dataclass(frozen=True)
class ImportedCounts:
    """What an accepted import puts into the incident: the 54 jurisdictions' counts, the
    people the list places in none of them, and the list's name and SHA-256 (issue 12)."""

    residents: dict[str, int]
    unplaced: Unplaced = field(default_factory=Unplaced)
    source: CountsSource | None = None

    @property
    def counted(self) -> int:
        return sum(self.residents.values()) + self.unplaced.total


def imported_counts(result: Any, residents: dict[str, int]) -> ImportedCounts:
    """The accepted counts of a RosterCount, with its unplaced people and source."""
    from notifyplanner.roster_incident import counts_source

    return ImportedCounts(residents, result.unplaced, counts_source(result))


#: Starts a task with progress and cancel: (task, title, on_success, on_error).
RunTask = Callable[[Task, str, Callable[[Any], None], Callable[[Exception], None]], object]


class RosterImport(QObject):
    """One import, from file choice to accepted counts.

    It is handed what it needs (a parent for its dialogs, a way to run the count, the
    current counts, where accepted counts go) rather than the main window, so the window
    can import this module and this module never imports the window back.
    """

    def __init__(
        self,
        parent: QWidget,
        path: Path,
        *,
        run_task: RunTask,
        current: Callable[[], dict[str, int | None]],
        apply: Callable[[ImportedCounts], None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.path = path
        self._run_task = run_task
        self._current = current
        self._apply = apply
        self.task: Task | None = None

    def start(self, state_column: str | None = None, zip_column: str | None = None) -> Task | None:
        # In a child process: a reader that aborts (a workbook bomb no check foresaw) must
        # not take the window and the unsaved incident with it.
        from notifyplanner.roster_process import count_roster_isolated as count_roster

        path = self.path

        def work(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Any:
            return count_roster(
                path, state_column=state_column, zip_column=zip_column, progress=progress, cancel=cancelled
            )

        self.task = Task(work, self)
        self._run_task(self.task, f"Counting {path.name}", self.preview, self.failed)
        return self.task

    def failed(self, exc: Exception) -> None:
        from notifyplanner.roster import RosterColumnsError

        if isinstance(exc, RosterColumnsError):
            self.pick_columns(exc.reason + ".")
            return
        QMessageBox.warning(
            self.window, "Cannot count the list", f"{exc}\n\nThe resident counts were not changed."
        )

    def pick_columns(self, message: str) -> None:
        from notifyplanner.roster_process import read_headers_isolated  # see start()

        dialog = ColumnPickerDialog(read_headers_isolated(self.path), message, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            state, zipc = dialog.columns()
            if state or zipc:
                self.start(state, zipc)

    @at_edge("Cannot import the list")
    def preview(self, result: Any) -> None:
        dialog = RosterPreviewDialog(result, self._current(), self.window)
        outcome = dialog.exec()
        if outcome == QDialog.DialogCode.Accepted:
            self._apply(imported_counts(result, dialog.result_counts))
        elif outcome == RosterPreviewDialog.CHOOSE_COLUMNS:
            self.pick_columns("Choose the columns to count by.")
