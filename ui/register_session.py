"""The window's link to the register: which file, which case is open, and the slow reads.

Why a module of its own: the main window assembles views and routes actions; opening the
register, remembering the open case and its revision, and loading summaries off the GUI
thread are one job, kept here so the window does not become the room everything passes
through. Every legal answer (grades, what changed, retention) comes from the core's
``CaseService``; this module only holds state and hands work to a ``ui.worker.Task``.

SQLite connections belong to the thread that opened them, so work on a worker thread opens
its own ``Register`` on the same file (WAL lets the two read and write at once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from notifyplanner.model import Incident, Plan, Rulebook
from notifyplanner.register.cases import (
    CaseService,
    GradedCase,
    IndividualsNotifiedDisagreement,
    default_user,
)
from notifyplanner.register.changes import PlanDiff
from notifyplanner.register.hhs_log import hhs_log_due
from notifyplanner.register.location import ensure_folder, register_path
from notifyplanner.register.records import CaseSummary, HhsLogRow
from notifyplanner.register.storage import Register, RegisterError
from ui.dates import format_date
from ui.plan_changes import plan_change_lines
from ui.settings import Settings
from ui.worker import Task

#: Autosave "source" for an edit of a register case (the file path for a file).
CASE_SOURCE_PREFIX = "register case "


def case_source(case_id: int) -> str:
    return f"{CASE_SOURCE_PREFIX}{case_id}"


def case_of_source(source: str | None) -> int | None:
    """The case an autosave belongs to, or None when it belongs to a file or nothing."""
    if source and source.startswith(CASE_SOURCE_PREFIX):
        tail = source[len(CASE_SOURCE_PREFIX) :]
        return int(tail) if tail.isdigit() else None
    return None


def preferred_path(settings: Settings) -> Path:
    """Preferences first, then ``NOTIFYPLANNER_DB``, then the user's data folder (the core's)."""
    return register_path(settings.register_path or None)


def who(settings: Settings) -> str:
    return settings.user_name or default_user()


class RegisterSession:
    """The open register (or why there is none) and the case shown in the window."""

    def __init__(self, settings: Settings, rulebook: Rulebook) -> None:
        self.settings = settings
        self.path: Path | None = None
        self.service: CaseService | None = None
        self.error = ""
        self.graded: GradedCase | None = None
        try:
            self.path = preferred_path(settings)
            # A new user's first start has no data folder yet; the default one is made
            # (owner-only), a folder named in Preferences must exist (a typo stays an error).
            ensure_folder(self.path)
            self.service = CaseService(Register.open(self.path), rulebook, who(settings))
        except (RegisterError, OSError) as exc:
            self.error = str(exc)

    @property
    def available(self) -> bool:
        return self.service is not None

    @property
    def case_id(self) -> int | None:
        return self.graded.case.id if self.graded else None

    def close(self) -> None:
        if self.service is not None:
            self.service.register.close()
            self.service = None

    def set_rulebook(self, rulebook: Rulebook) -> None:
        if self.service is not None:
            self.service = CaseService(self.service.register, rulebook, who(self.settings))

    def set_user(self) -> None:
        if self.service is not None:
            self.service.who = who(self.settings)

    # ------------------------------------------------------------------ the open case

    def load(self, case_id: int, today: date) -> GradedCase:
        assert self.service is not None
        self.graded = self.service.graded(case_id, today)
        return self.graded

    def reload(self, today: date) -> GradedCase | None:
        return self.load(self.graded.case.id, today) if self.graded else None

    def forget(self) -> None:
        self.graded = None

    def retention_text(self, date_format: str) -> str:
        """The header's retention line for the open case ('' when none is open)."""
        if self.graded is None or self.graded.case.retain_until is None:
            return ""
        day = format_date(self.graded.case.retain_until, date_format)
        return f"Keep records until {day}: {self.graded.retention_basis}"

    def save(self, incident: Incident, today: date, source: str = "") -> list[str]:
        """Store ``incident``: a new case, or a new facts version of the open one.

        Returns how the plan changed, one sentence a line (none for a new case). A change
        made elsewhere since the case was loaded raises ``ConflictError``; nothing is written.
        """
        assert self.service is not None
        if self.graded is None:
            case = self.service.import_incident(incident, source)
            self.load(case.id, today)
            return []
        before = self.graded.plan
        result = self.service.update(
            self.graded.case.id, incident, expected_revision=self.graded.case.revision
        )
        return self._changes(result.plan, before, result.case.id, today)

    def resolve(
        self,
        disagreement: IndividualsNotifiedDisagreement,
        chosen: date | None,
        incident: Incident,
        today: date,
    ) -> list[str]:
        """Save edited facts whose 'individuals notified' disagreed with the notices: the
        core logs the answer and saves ``incident`` with the chosen date. Returns how the
        plan changed, as ``save`` does."""
        assert self.service is not None and self.graded is not None
        before = self.graded.plan
        result = self.service.resolve_individuals_notified(
            disagreement, chosen, incident=incident, expected_revision=self.graded.case.revision
        )
        return self._changes(result.plan, before, result.case.id, today)

    def _changes(self, diff: PlanDiff, before: Plan, case_id: int, today: date) -> list[str]:
        """Reload the saved case and word what changed in its plan as the table names it."""
        graded = self.load(case_id, today)
        return plan_change_lines(diff, before, graded.plan, self.settings.date_format)

    # ------------------------------------------------------------------ slow reads

    def summaries_task(self, today: date, parent: object = None) -> Task:
        """Every case summarised for the register view, read on a worker thread."""
        path, rulebook, name = self.path, self._rulebook(), who(self.settings)

        def work(progress: Callable[[float], None], _cancelled: Callable[[], bool]) -> list[CaseSummary]:
            assert path is not None
            with Register.open(path) as register:
                progress(0.2)
                return CaseService(register, rulebook, name).summaries(today)

        return Task(work, parent)  # type: ignore[arg-type]

    def hhs_task(self, year: int, parent: object = None) -> Task:
        """The HHS annual log of ``year``, read on a worker thread: (year, due, rows)."""
        path, rulebook, name = self.path, self._rulebook(), who(self.settings)

        def work(
            progress: Callable[[float], None], _cancelled: Callable[[], bool]
        ) -> tuple[int, date, list[HhsLogRow]]:
            assert path is not None
            with Register.open(path) as register:
                progress(0.2)
                return year, hhs_log_due(year), CaseService(register, rulebook, name).hhs_log(year)

        return Task(work, parent)  # type: ignore[arg-type]

    def _rulebook(self) -> Rulebook:
        assert self.service is not None
        return self.service.rulebook
