"""Crash recovery: offer the autosaved edits of a session that did not close normally.

Why a module of its own: recovery must never stop the app from starting, whatever the
autosave folder holds (issue 15), and its rules (whose edits an autosave holds, what is set
aside and why) read best together. ``WindowRecovery`` is a mixin of ``MainWindow``; it uses
the window's state by the names declared below.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QStatusBar

from notifyplanner.model import Incident
from notifyplanner.register.storage import RegisterError
from notifyplanner.safe_read import one_line
from ui.files import Autosave, Recovered, read_incident_keeping
from ui.register_session import RegisterSession, case_of_source, case_source


class WindowRecovery:
    """Autosave ownership and the recovery offer (a mixin; see the module docstring)."""

    # What the window provides.
    session: RegisterSession
    path: Path | None
    autosave: Autosave
    _today: date
    _saved: Incident | None
    _loading: bool
    statusBar: Callable[[], QStatusBar]
    set_incident: Callable[..., Any]
    current_incident: Callable[[], Incident]

    def _autosave_source(self) -> str | None:
        """What an autosave belongs to: the register case, else the file, else nothing."""
        case_id = self.session.case_id
        if case_id is not None:
            return case_source(case_id)
        return str(self.path) if self.path else None

    def _restore(self, incident: Incident, source: str | None) -> None:
        """Show recovered edits, marked unsaved, on the case or file they belong to."""
        case_id = case_of_source(source)
        if case_id is not None and self.session.available:
            try:
                self.set_incident(incident, None, saved=False, case=self.session.load(case_id, self._today))
                return
            except RegisterError:
                pass  # the case is gone: the edits open as a new incident, nothing lost
        path = Path(source) if source and case_id is None else None
        self.set_incident(incident, path, saved=False)

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest orphaned autosave. True when one was recovered.

        Never raises: the app must start whatever the autosave folder holds (issue 15: a
        year-9999 autosave crashed every start). An autosave that cannot be opened is
        reported once and renamed aside (kept, never offered again).
        """
        try:
            orphans = self.autosave.orphans()
        except OSError:
            return False
        for stuck in (o for o in orphans if o.interrupted):
            self._set_aside(stuck, "the app stopped while it was being recovered")
        orphans = [o for o in orphans if not o.interrupted]
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
        previous = self.current_incident(), self.path, self._saved
        try:
            newest = Autosave.claim(newest)
            incident, _problems = read_incident_keeping(newest.path)
            self._restore(incident, newest.source)
        except Exception as exc:  # the edge of a slot: report, keep the window's incident
            self._loading = False
            with contextlib.suppress(Exception):
                self.set_incident(previous[0], previous[1])
                self._saved = previous[2]
            self._set_aside(newest, exc)
            return False
        with contextlib.suppress(OSError):
            self.autosave.write(incident, newest.source)  # now ours; the orphan can go
        Autosave.discard(newest)
        self.statusBar().showMessage("Recovered the autosaved incident; save it to keep it.", 15000)
        return True

    def _set_aside(self, recovered: Recovered, why: object) -> None:
        """Report an autosave that cannot be recovered, once, and keep it under another name."""
        try:
            kept = f"It is kept as {Autosave.set_aside(recovered)} and will not be offered again."
        except OSError as exc:
            kept = f"It could not be renamed ({exc.strerror or exc}); remove {recovered.path} by hand."
        QMessageBox.warning(
            self,
            "Autosave not recovered",
            f"The autosaved incident {recovered.path.name} could not be opened: {one_line(str(why))}\n\n{kept}",
        )
