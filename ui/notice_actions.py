"""Recording a notice from the app: the dialog, the core's service call, and the follow-up question.

Why apart from the window: recording is one conversation (fill in the notice, store it,
and, when the individual notices and the incident's ``individuals_notified`` now disagree,
ask which date is right and log the answer). The core decides everything that matters:
``CaseService.mark_sent`` grades, refuses a late notice without a reason and reports the
disagreement; ``resolve_individuals_notified`` logs the answer. This module only asks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from notifyplanner.model import Obligation
from notifyplanner.register.cases import GradedCase, IndividualsNotifiedDisagreement
from notifyplanner.register.records import NoticeAction
from notifyplanner.register.storage import ConflictError, RegisterError
from ui.dates import format_date
from ui.models import grade_text
from ui.notice_dialog import NoticeDialog
from ui.register_session import RegisterSession, who


def record_notice(
    parent: QWidget,
    session: RegisterSession,
    ob: Obligation,
    action: NoticeAction,
    *,
    today: date,
    date_format: str,
) -> tuple[GradedCase, str] | None:
    """Ask for the notice, record it, settle a disagreement.

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
    disagreement: IndividualsNotifiedDisagreement | None = None
    try:
        if notice.action is NoticeAction.SENT:
            assert notice.sent_on is not None and notice.method is not None
            result = service.mark_sent(
                case_id,
                ob.key,
                notice.sent_on,
                notice.method,
                reference=notice.reference,
                sent_by=notice.sent_by,
                note=notice.note,
                late_reason=notice.late_reason,
                late_reason_text=notice.late_reason_text,
                evidence=notice.evidence,
                today=today,
                expected_revision=revision,
            )
            disagreement = result.disagreement
            said = f"{ob.key}: {grade_text(result.grade)}"
        else:
            case = service.skip(
                case_id, ob.key, notice.skip_reason, note=notice.note, expected_revision=revision
            )
            for name, data in notice.evidence:
                case = service.register.add_evidence(
                    case_id, ob.key, name, data, service.who, expected_revision=case.revision
                )
            said = f"{ob.key}: decided not to send"
    except ConflictError as exc:
        QMessageBox.warning(
            parent,
            "Changed elsewhere",
            f"{exc}\n\nThe incident is reloaded from the register; record the notice again.",
        )
        return session.load(case_id, today), "Nothing recorded: the incident changed elsewhere."
    except RegisterError as exc:
        QMessageBox.warning(parent, "Notice not recorded", str(exc))
        return None
    if disagreement is not None:
        settle_individuals_notified(parent, session, disagreement, date_format)
    return session.load(case_id, today), said


def settle_individuals_notified(
    parent: QWidget, session: RegisterSession, disagreement: IndividualsNotifiedDisagreement, date_format: str
) -> date | None:
    """Ask which 'individuals notified' date is right; the core logs the answer (None: not answered)."""
    assert session.service is not None
    facts = format_date(disagreement.facts_date, date_format)
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
