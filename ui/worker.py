"""One small wrapper for slow work (roster import, export) off the GUI thread.

The work is a plain function ``fn(progress, cancelled)`` from the core: it calls
``progress(fraction)`` now and then and checks ``cancelled()``. The wrapper runs it on
Qt's thread pool and brings progress, the result, an error or the cancellation back to the
main thread as signals (queued, because the Task object lives in the GUI thread). The
window never blocks on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

ProgressFn = Callable[[float], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], Any]


class Cancelled(Exception):
    """Raised by work that noticed it was cancelled (core modules may raise their own)."""


class Task(QObject):
    """A unit of slow work; exactly one of succeeded/failed/cancelled is emitted, then done."""

    progress = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()

    # Emitted on the worker thread and received by this object's slots, which run on the
    # thread the Task lives in (the GUI thread): so the public signals above are always
    # emitted there, and whatever is connected to them (closures included) runs there too.
    _progress_from_worker = Signal(float)
    _outcome_from_worker = Signal(str, object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._running = False
        self._progress_from_worker.connect(self._relay_progress, Qt.ConnectionType.QueuedConnection)
        self._outcome_from_worker.connect(self._relay_outcome, Qt.ConnectionType.QueuedConnection)

    def start(self, pool: QThreadPool | None = None) -> None:
        self._running = True
        runnable = _Runnable(self)
        (pool or QThreadPool.globalInstance()).start(runnable)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._running

    # called on the worker thread
    def _run(self) -> None:
        try:
            result = self._work(self._report, self._cancel.is_set)
        except BaseException as exc:
            if self._cancel.is_set() or isinstance(exc, Cancelled):
                self._outcome_from_worker.emit("cancelled", None)
            else:
                self._outcome_from_worker.emit("failed", exc)
        else:
            # Finished anyway after a cancel: the caller asked to drop the result.
            self._outcome_from_worker.emit("cancelled" if self._cancel.is_set() else "succeeded", result)

    def _report(self, fraction: float) -> None:
        self._progress_from_worker.emit(max(0.0, min(1.0, float(fraction))))

    # called on the GUI thread
    @Slot(float)
    def _relay_progress(self, fraction: float) -> None:
        if self._running:
            self.progress.emit(fraction)

    @Slot(str, object)
    def _relay_outcome(self, outcome: str, value: object) -> None:
        self._running = False
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.done.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()
