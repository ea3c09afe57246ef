"""Export the plan on screen: Excel workbook, calendar file or PDF checklist, in a worker.

Why a module of its own: the exports are file-sized work with their own rules (the view's
as-of day, the user's due-soon window, the register's log head and records printed on the
file), and ``main_window.py`` had grown past 750 lines. ``WindowExports`` is a mixin of
``MainWindow``; it uses the window's state by the names declared below.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QStatusBar

from notifyplanner.export.formats import plan_bytes
from notifyplanner.export.records import Records
from notifyplanner.incident_file import atomic_write_bytes
from notifyplanner.model import Incident, Plan, Rulebook
from notifyplanner.urgency import DEFAULT_WINDOW_DAYS
from notifyplanner.userdirs import file_stem
from ui.edges import at_edge
from ui.settings import Settings
from ui.worker import Task


class WindowExports:
    """File > Export, Print / Export PDF and Export to calendar (a mixin; see the module docstring)."""

    # What the window provides.
    _plan: Plan | None
    _incident: Incident
    path: Path | None
    rulebook: Rulebook
    settings: Settings
    as_of: date
    statusBar: Callable[[], QStatusBar]
    current_log_head: Callable[[], str | None]
    export_records: Callable[[Plan, date], Records | None]
    log_export: Callable[..., None]
    run_task: Callable[..., QProgressDialog]

    @at_edge("Export failed")
    def export_plan(self, target: str | None = None, fmt: str = "xlsx") -> Task | None:
        """Export the current plan (Excel workbook, calendar or PDF checklist) in a worker thread."""
        if self._plan is None:
            return None
        suffix, kind = EXPORT_KINDS[fmt]
        if target is None:
            stem = file_stem(self.path.stem if self.path else self._incident.name, "plan")
            folder = self.settings.export_folder or self.settings.last_folder or str(Path.home())
            start = str(Path(folder) / f"{stem} plan{suffix}")
            target, _ = QFileDialog.getSaveFileName(self, "Export", start, kind)
            if not target:
                return None
        out = Path(target)
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        current, rulebook, today = self._plan, self.rulebook, self.as_of
        head = self.current_log_head()
        window = self.settings.urgency_days
        records = self.export_records(current, today)

        def work(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Path:
            progress(0.1)
            payload = _export_bytes(fmt, current, rulebook, today, out, head, window, records)
            progress(0.8)
            if cancelled():
                return out
            atomic_write_bytes(out, payload)
            progress(1.0)
            return out

        task = Task(work, self)

        def failed(exc: Exception) -> None:
            QMessageBox.critical(self, "Export failed", f"{out}: the plan could not be written.\n\n{exc}")

        def done(path: Path) -> None:
            self.statusBar().showMessage(f"Exported to {path}", 10000)
            self.log_export(path, kind.split(" (")[0], head)

        self.run_task(task, "Exporting the plan", done, failed)
        self.settings.export_folder = str(out.parent)
        return task


EXPORT_KINDS = {
    "xlsx": (".xlsx", "Excel workbook (*.xlsx)"),
    "ics": (".ics", "Calendar (*.ics)"),
    "pdf": (".pdf", "PDF checklist (*.pdf)"),
}


def _export_bytes(
    fmt: str,
    plan: Plan,
    rulebook: Rulebook,
    today: date,
    out: Path,
    log_head: str | None = None,
    due_soon_days: int = DEFAULT_WINDOW_DAYS,
    records: Records | None = None,
) -> bytes:
    """The export's bytes (``export.formats.plan_bytes``, as the command line makes them);
    ``log_head`` is the register case's log head and ``records`` its notices as recorded
    (None for a plain file), printed on the export."""
    return plan_bytes(
        fmt, plan, as_of=today, out=out, rulebook=rulebook,
        log_head=log_head, due_soon_days=due_soon_days, records=records,
    )  # fmt: skip
