"""Recording a notice from the app: the dialog, the core's service call, and the follow-up question.

Why apart from the window: recording is one conversation (fill in the notice, store it,
and, when the individual notices and the incident's ``individuals_notified`` now disagree,
ask which date is right and log the answer). The core decides everything that matters:
``CaseService.mark_sent`` grades, refuses a late notice without a reason and reports the
disagreement; ``resolve_individuals_notified`` logs the answer. This module only asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from notifyplanner.model import Obligation
from notifyplanner.register.cases import (
    CaseService,
    GradedCase,
    IndividualsNotifiedDisagreement,
    SentResult,
    read_evidence,
)
from notifyplanner.register.records import NewNotice, NoticeAction
from notifyplanner.register.storage import ConflictError, Register, RegisterError
from ui.dates import format_date
from ui.models import grade_text
from ui.notice_dialog import NoticeDialog
from ui.register_session import RegisterSession, who
from ui.worker import Cancelled, Task

#: ``run_task(task, title, on_success, on_error)``: the window's progress dialog for a Task.
RunTask = Callable[[Task, str, Callable[[Any], None], Callable[[Exception], None]], Any]


def recording_task(
    session: RegisterSession,
    case_id: int,
    revision: int,
    notice: NewNotice,
    evidence: tuple[Path, ...],
    today: date,
    parent: QWidget | None = None,
) -> Task:
    """Read the evidence files and record the notice on a worker thread.

    The worker opens its own connection (SQLite connections belong to their thread; WAL
    lets it write while the window's connection reads). Cancel is honoured until the files
    are read; after that the one transaction runs to its end, so a record is never half made.
    Succeeds with a ``SentResult`` (sent) or the ``Case`` (decided not to send).
    """
    assert session.path is not None and session.service is not None
    path, rulebook, name = session.path, session.service.rulebook, session.service.who

    def work(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Any:
        files = read_evidence(evidence)  # EvidenceFileError names a file that went missing
        progress(0.5)
        if cancelled():
            raise Cancelled
        with Register.open(path, create=False) as register:
            service = CaseService(register, rulebook, name)
            if notice.action is NoticeAction.SENT:
                assert notice.sent_on is not None and notice.method is not None
                return service.mark_sent(
                    case_id,
                    notice.key,
                    notice.sent_on,
                    notice.method,
                    reference=notice.reference,
                    sent_by=notice.sent_by,
                    note=notice.note,
                    late_reason=notice.late_reason,
                    late_reason_text=notice.late_reason_text,
                    evidence=files,
                    today=today,
                    expected_revision=revision,
                )
            return service.skip(
                case_id,
                notice.key,
                notice.skip_reason,
                note=notice.note,
                evidence=files,
                expected_revision=revision,
            )

    return Task(work, parent)


def _run_and_wait(run_task: RunTask, task: Task, title: str) -> tuple[str, Any]:
    """Run ``task`` with the window's progress dialog and wait for it while the event loop
    keeps the window drawn: ("ok", result), ("error", exception) or ("cancelled", None)."""
    outcome: list[tuple[str, Any]] = []
    loop = QEventLoop()
    task.done.connect(loop.quit)
    run_task(
        task, title, lambda value: outcome.append(("ok", value)), lambda exc: outcome.append(("error", exc))
    )
    if task.running:
        loop.exec()
    return outcome[0] if outcome else ("cancelled", None)


def record_notice(
    parent: QWidget,
    session: RegisterSession,
    ob: Obligation,
    action: NoticeAction,
    *,
    today: date,
    date_format: str,
    run_task: RunTask,
) -> tuple[GradedCase, str] | None:
    """Ask for the notice, record it (off the GUI thread), settle a disagreement.

    Returns the case reloaded and a line saying what was recorded; None when nothing was.
    """
    graded, service = session.graded, session.service
    if graded is None or service is None:
        return None
    grade = graded.grade(ob.key)
    dialog = NoticeDialog(
        ob,
        today=today,
        action=action,
        current=grade.notice if grade else None,
        sent_by=who(session.settings),
        date_format=date_format,
        parent=parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_notice is None:
        return None
    notice = dialog.result_notice
    case_id, revision = graded.case.id, graded.case.revision
    task = recording_task(session, case_id, revision, notice, dialog.evidence_paths, today, parent)
    kind, value = _run_and_wait(run_task, task, "Recording the notice")
    if kind == "cancelled":
        # Cancel after the files were read cannot stop the transaction: say what happened.
        reloaded = session.load(case_id, today)
        if reloaded.case.revision == revision:
            return reloaded, "Nothing recorded: cancelled."
        return reloaded, f"{ob.key}: recorded (it was already being written when Cancel was pressed)."
    if kind == "error":
        if isinstance(value, ConflictError):
            QMessageBox.warning(
                parent,
                "Changed elsewhere",
                f"{value}\n\nThe incident is reloaded from the register; record the notice again.",
            )
            return session.load(case_id, today), "Nothing recorded: the incident changed elsewhere."
        QMessageBox.warning(
            parent, "Notice not recorded", str(value) if isinstance(value, RegisterError) else repr(value)
        )
        return None
    disagreement: IndividualsNotifiedDisagreement | None = None
    if isinstance(value, SentResult):
        disagreement = value.disagreement
        said = f"{ob.key}: {grade_text(value.grade)}"
    else:
        said = f"{ob.key}: decided not to send"
    session.load(case_id, today)
    if disagreement is not None:
        settle_individuals_notified(parent, session, disagreement, date_format)
    return session.load(case_id, today), said


def settle_individuals_notified(
    parent: QWidget, session: RegisterSession, disagreement: IndividualsNotifiedDisagreement, date_format: str
) -> date | None:
    """Ask which 'individuals notified' date is right; the core logs the answer (None: not answered)."""
    assert session.service is not None
    facts = format_date(disagreement.facts_date, date_format) if disagreement.facts_date else "no date"
    notice = format_date(disagreement.notice_date, date_format)
    answer = QMessageBox.question(
        parent,
        "Which date is right?",
        f"The incident says individuals were notified on {facts}, but {disagreement.notice_key} was just "
        f"recorded as sent on {notice}. Notices timed after the individual notices follow this date.\n\n"
        f"Yes: the notice is right, individuals were notified on {notice}.\n"
        f"No: keep {facts}.\n\nYour answer is logged.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        chosen = disagreement.notice_date
    elif answer == QMessageBox.StandardButton.No:
        chosen = disagreement.facts_date
    else:
        return None
    try:
        session.service.resolve_individuals_notified(disagreement, chosen)
    except RegisterError as exc:
        QMessageBox.warning(parent, "Answer not recorded", str(exc))
        return None
    return chosen
