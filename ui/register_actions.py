"""The window's register actions: import, save as a version, export, open a case, record notices.

Why a module of its own: these are the actions that changed when incidents moved from
files into the register (issue 10), and they route between the register session and the
views; kept apart, the main window stays the place that assembles views. ``RegisterActions``
is a mixin of ``MainWindow``: it uses the window's views, session and file helpers by the
names declared below, and never imports the window module (no import cycle).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox, QStatusBar

from notifyplanner.export.records import Records, recorded_from
from notifyplanner.incident_file import IncidentError, incident_problems, write_incident
from notifyplanner.model import Incident, Plan
from notifyplanner.register.audit import Verification
from notifyplanner.register.cases import GradedCase, IndividualsNotifiedDisagreement
from notifyplanner.register.grading import grade_plan
from notifyplanner.register.hhs_log import HHS_ANNUAL_KEY
from notifyplanner.register.records import Notice, NoticeAction
from notifyplanner.register.retention import may_delete
from notifyplanner.register.storage import ConflictError, RegisterError
from notifyplanner.userdirs import file_stem
from ui.dates import format_date
from ui.files import Autosave, read_incident_keeping
from ui.incident_form import IncidentForm
from ui.notice_actions import record_notice
from ui.plan_view import PlanView
from ui.register_session import RegisterSession
from ui.register_view import HhsLogView, RegisterView
from ui.settings import Settings
from ui.worker import Task

INCIDENT_FILTER = "Incident files (*.json);;All files (*)"
REGISTER_PAGE, INCIDENT_PAGE, HHS_PAGE = 0, 1, 2


class RegisterActions:
    """File and register actions of the main window (a mixin; see the module docstring)."""

    # What the window provides.
    session: RegisterSession
    settings: Settings
    autosave: Autosave
    form: IncidentForm
    plan: PlanView
    register_view: RegisterView
    hhs_view: HhsLogView
    progress_label: QLabel
    path: Path | None
    _saved: Incident
    _incident: Incident
    _plan: Plan | None
    _notices: dict[str, Notice]
    _today: date
    as_of: date
    _register_stale: bool
    statusBar: Callable[[], QStatusBar]
    set_incident: Callable[..., None]
    current_incident: Callable[[], Incident]
    is_dirty: Callable[[], bool]
    maybe_save: Callable[[], bool]
    open_file: Callable[..., bool]
    show_file_error: Callable[[Path, IncidentError], None]
    show_page: Callable[[int], None]
    replan: Callable[[], None]
    run_task: Callable[..., Any]
    _update_title: Callable[[], None]

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import incident file", self.settings.last_folder, INCIDENT_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Add an incident file to the register as a new case and open it.

        A file whose facts cannot all be true opens unsaved instead, with the problems shown:
        it goes into the register when it is fixed and saved. Without a register, the file
        simply opens, as before there was one.
        """
        if not self.session.available:
            return self.open_file(path)
        try:
            incident, problems = read_incident_keeping(path)
        except IncidentError as exc:
            self.show_file_error(path, exc)
            return False
        earlier = self._imported_before(path)
        if earlier is None:
            return False
        if earlier:
            self.settings.add_recent(str(path))
            return self.open_case(earlier)
        if not self.maybe_save():
            return False
        self.settings.add_recent(str(path))
        self.settings.last_folder = str(path.parent)
        if problems or incident_problems(incident):
            self.open_file(path, ask=False)
            self._saved = Incident(name="\0unsaved")  # not in the register yet
            self._update_title()
            return True
        try:
            self.session.forget()
            self.session.save(incident, self._today, source=str(path))
        except RegisterError as exc:
            QMessageBox.critical(self, "Cannot import", f"{path} was not added to the register.\n\n{exc}")
            return False
        self.autosave.clear()
        self._open_graded(self.session.graded)
        self.statusBar().showMessage(f"Imported {path.name} as register no. {self.session.case_id}", 8000)
        return True

    def _imported_before(self, path: Path) -> int | None:
        """When ``path`` was imported before, ask whether to open that case or import the
        file again as a new one: the case id to open, 0 to import, None when cancelled.

        Why ask: "Import recent file" is also how people come back to an incident, and a
        silent second import makes two cases of one breach, with the notices recorded on one
        and the deadlines counted twice in the register."""
        service = self.session.service
        if service is None:
            return 0
        try:
            earlier = service.cases_imported_from(path)
        except RegisterError:
            return 0
        if not earlier:
            return 0
        case_id = earlier[-1]
        try:
            case = service.register.case(case_id)
        except RegisterError:
            return 0
        name = case.name or f"Incident {case_id}"
        others = (
            f" (and {len(earlier) - 1} earlier import{'s' if len(earlier) > 2 else ''})"
            if len(earlier) > 1
            else ""
        )
        answer = QMessageBox.question(
            self,  # type: ignore[arg-type]
            "Imported before",
            f"{path.name} was imported before as register no. {case_id}, '{name}'{others}, "
            f"now at facts version {case.facts_version}.\n\n"
            f"Yes: open no. {case_id} (its notices and history are there).\n"
            "No: import the file again as a new incident.",
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return case_id
        if answer == QMessageBox.StandardButton.No:
            return 0
        return None

    def _confirm_saveable(self, incident: Incident) -> bool:
        """Ask before keeping date text that is not a date, or facts that cannot all be true."""
        unreadable = self.form.form_problems_text_only()
        if unreadable:
            answer = QMessageBox.question(
                self,
                "Some fields cannot be saved as typed",
                "These fields hold text that is not a date (or, for the letters, not what the "
                "field takes) and will be saved empty:\n\n" + "\n".join(unreadable) + "\n\nSave anyway?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        impossible = incident_problems(incident)
        if impossible:
            # Saved as typed so nothing is lost; the app reopens it, `notifyplanner plan` will not.
            answer = QMessageBox.question(
                self,
                "Some facts cannot all be true",
                "\n".join(str(p) for p in impossible)
                + "\n\nThe incident will be saved as it is and this app will reopen it, but the "
                "command line refuses it until these are fixed. Save anyway?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        return True

    def save(self) -> bool:
        """Save the facts in the register: a new case, or a new version of the open one.

        Without a register (it could not be opened) the incident is saved to its file.
        """
        if not self.session.available:
            return self._write(self.path) if self.path else self.export_incident()
        if self.session.case_id is not None and not self.is_dirty():
            self.statusBar().showMessage("No changes to save.", 5000)
            return True
        incident = self.current_incident()
        if not self._confirm_saveable(incident):
            return False
        settled = self._settle_individuals_notified(incident)
        if settled is None:
            return False
        disagreement, chosen = settled
        source = str(self.path) if self.path and self.session.case_id is None else ""
        try:
            if disagreement is not None:
                # The answer is logged and the facts saved with it, through the core.
                changes = self.session.resolve(disagreement, chosen, incident, self.as_of)
            else:
                unchanged = self.session.case_id is not None and incident == self._saved
                changes = [] if unchanged else self.session.save(incident, self.as_of, source=source)
        except ConflictError as exc:
            QMessageBox.warning(
                self,
                "Changed elsewhere",
                f"{exc}\n\nYour edits are still here (and autosaved). Export them to a file if you "
                "need them, then open the incident again from the register.",
            )
            return False
        except RegisterError as exc:
            QMessageBox.critical(
                self, "Cannot save", f"{exc}\n\nNothing was lost: the incident is still open here."
            )
            return False
        self.autosave.clear()
        self._open_graded(self.session.graded, same_incident=True)
        version = self.session.graded.case.facts_version if self.session.graded else 0
        self.statusBar().showMessage(
            f"Saved in the register: no. {self.session.case_id}, version {version}", 8000
        )
        if changes:
            QMessageBox.information(self, "What changed in the plan", "\n".join(changes))
        return True

    def _settle_individuals_notified(
        self, incident: Incident
    ) -> tuple[IndividualsNotifiedDisagreement | None, date | None] | None:
        """When the facts' 'individuals notified' and the individual notices recorded in the
        register disagree, ask which is right. Returns the disagreement (None when they agree)
        and the chosen date; None when the person cancels. The core logs the answer
        (``CaseService.resolve_individuals_notified``, as after recording a notice)."""
        service, case_id = self.session.service, self.session.case_id
        if service is None or case_id is None:
            return None, incident.individuals_notified
        try:
            disagreement = service.individuals_notified_disagreement(case_id, incident)
        except (RegisterError, ValueError):  # facts the engine cannot plan: nothing to compare
            return None, incident.individuals_notified
        if disagreement is None:
            return None, incident.individuals_notified
        fmt = self.settings.date_format
        recorded = disagreement.notice_date
        typed = disagreement.facts_date
        shown = format_date(typed, fmt) if typed else "no date"
        answer = QMessageBox.question(
            self,  # type: ignore[arg-type]
            "Which date is right?",
            f"The individual notices are recorded as sent on {format_date(recorded, fmt)}, but the facts "
            f"now say individuals were notified: {shown}. Notices timed after the individual notices "
            f"follow this date.\n\nYes: the recorded notices are right ({format_date(recorded, fmt)}).\n"
            f"No: keep {shown}.\n\nYour answer is logged.",
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return disagreement, recorded if answer == QMessageBox.StandardButton.Yes else typed

    def export_incident(self, target: str | None = None) -> bool:
        """Write the incident as a JSON file (logged when it is a register case)."""
        if target is None:
            stem = file_stem(self._incident.name)
            start = (
                str(self.path)
                if self.path
                else str(Path(self.settings.last_folder or Path.home()) / f"{stem}.json")
            )
            target, _ = QFileDialog.getSaveFileName(self, "Export incident file", start, INCIDENT_FILTER)
            if not target:
                return False
        path = Path(target)
        if not path.suffix:
            path = path.with_suffix(".json")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        incident = self.current_incident()
        if not self._confirm_saveable(incident):
            return False
        try:
            write_incident(incident, path)
        except OSError as exc:
            QMessageBox.critical(
                self,
                "Cannot save",
                f"{path} could not be written ({exc.strerror or exc}).\n\nNothing was lost: the incident is still open here.",
            )
            return False
        self.settings.add_recent(str(path))
        self.settings.last_folder = str(path.parent)
        self.log_export(path, "incident file")
        if not self.session.available:
            self.path = path
            self._saved = incident
            self.form.set_incident(incident)  # unreadable date text becomes the empty it was saved as
            self.autosave.clear()
            self.replan()
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def current_log_head(self) -> str | None:
        """The open register case's log head as the register holds it now (None without a
        case): read fresh, because exports are logged without reloading the case."""
        case_id, service = self.session.case_id, self.session.service
        if case_id is None or service is None:
            return None
        try:
            return service.register.case(case_id).log_head
        except RegisterError:
            return None

    def export_records(self, shown: Plan, as_of: date) -> Records | None:
        """What the register records for the open case's notices, graded against the plan
        being exported (edits included) as of the view's day; None for a plain file, whose
        export has no register behind it. A register case's workbook, checklist and calendar
        once left "Sent on" empty for notices already sent, so they looked still owed."""
        if self.session.case_id is None:
            return None
        return recorded_from(grade_plan(shown, self._notices, as_of))

    def log_export(self, path: Path, kind: str, log_head: str | None = None) -> None:
        """An export of a register incident goes on its log (the register stays the record),
        with the log head printed on the file when it carries one."""
        case_id, service, graded = self.session.case_id, self.session.service, self.session.graded
        if case_id is None or service is None or graded is None:
            return
        detail: dict[str, Any] = {
            "to": str(path),
            "format": kind,
            "facts_version": graded.facts_version,
            "unsaved_edits": self.is_dirty(),
        }
        if log_head:
            detail["log_head"] = log_head
        with contextlib.suppress(RegisterError):  # the file is written; a busy register must not undo that
            service.register.log_event(case_id, "export", detail, service.who)
        self._show_history()

    def delete_case(self, case_id: int) -> bool:
        """Delete a register incident: freely once its retention date has come, before that
        only with a reason, which the register logs (the core refuses it otherwise)."""
        service = self.session.service
        if service is None:
            return False
        try:
            case = service.register.case(case_id)
        except RegisterError as exc:
            QMessageBox.warning(self, "Cannot delete", str(exc))  # type: ignore[arg-type]
            return False
        name = case.name or f"Incident {case_id}"
        keep = format_date(case.retain_until, self.settings.date_format) if case.retain_until else ""
        reason: str | None = None
        if not may_delete(case.retain_until, self._today):
            text, ok = QInputDialog.getText(
                self,  # type: ignore[arg-type]
                "Delete before the retention date?",
                f"The records of '{name}' must be kept until {keep}. To delete them now anyway "
                "(every notice, evidence file and log entry), say why; the reason is logged:",
            )
            if not ok or not text.strip():
                return False
            reason = text.strip()
        else:
            answer = QMessageBox.question(
                self,  # type: ignore[arg-type]
                "Delete incident?",
                f"Delete '{name}' and everything recorded for it (notices, evidence, log)? Its records "
                f"needed keeping until {keep or 'no set date'}. The deletion is logged in the register.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            service.delete(case_id, self._today, reason)
        except RegisterError as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))  # type: ignore[arg-type]
            return False
        if self.session.case_id == case_id:
            self.autosave.clear()
            self.set_incident(Incident(), None)
        self._register_stale = True
        self.refresh_register()
        self.statusBar().showMessage(f"Deleted '{name}' from the register.", 8000)
        return True

    def open_case(self, case_id: int) -> bool:
        """Show a register case in the incident view, its notices graded as of today."""
        if self.session.case_id == case_id and not self.is_dirty():
            self.show_page(INCIDENT_PAGE)
            return True
        if not self.maybe_save():
            return False
        try:
            graded = self.session.load(case_id, self._today)
        except RegisterError as exc:
            QMessageBox.warning(self, "Cannot open the incident", str(exc))
            return False
        self.autosave.clear()
        self._open_graded(graded)
        return True

    def _open_graded(self, graded: GradedCase | None, *, same_incident: bool = False) -> None:
        """Show a case; ``same_incident`` (saved, a notice recorded) keeps the as-of day."""
        if graded is not None:
            self.set_incident(graded.incident, None, case=graded, keep_as_of=same_incident)
            self.show_page(INCIDENT_PAGE)
        self._register_stale = True

    def _show_history(self) -> None:
        graded = self.session.graded
        if graded is None or self.session.service is None:
            self.plan.history.show_entries((), "")
            return
        register = self.session.service.register
        self.plan.history.show_entries(
            register.log(graded.case.id), self.current_log_head() or graded.case.log_head
        )

    def verify_log(self) -> Verification | None:
        case_id, service = self.session.case_id, self.session.service
        if case_id is None or service is None:
            return None
        outcome = service.register.verify(case_id)
        self.plan.history.show_verification(outcome)
        return outcome

    def refresh_register(self) -> Task | None:
        """Reload the register view's summaries in a worker; the window stays live."""
        if not self.session.available:
            self.register_view.summary.setText(f"No register: {self.session.error}")
            return None
        self._register_stale = False
        task = self.session.summaries_task(self._today, self)
        self.run_task(
            task,
            "Reading the register",
            lambda cases: self.register_view.set_cases(cases, self.settings.date_format),
            lambda exc: self.register_view.summary.setText(f"The register could not be read: {exc}"),
        )
        return task

    def refresh_hhs_log(self, year: int | None = None) -> Task | None:
        if not self.session.available:
            return None
        task = self.session.hhs_task(year or self.hhs_view.year.value(), self)
        # A later request (the year spin box, a submission) supersedes this one: an older
        # answer arriving last must not replace the rows, and the selection, on screen.
        self._hhs_request = task

        def show(result: tuple[int, date, list[Any]]) -> None:
            if getattr(self, "_hhs_request", task) is not task:
                return
            year, due, rows = result
            self.hhs_view.set_rows(year, due, rows, self._today, self.settings.date_format)

        self.run_task(task, "Reading the HHS log", show, lambda exc: self.hhs_view.due.setText(str(exc)))
        return task

    def mark_hhs_submitted(self, case_id: int) -> bool:
        """From the HHS annual log: open the case and record its HIPAA/hhs_annual notice
        (the Mark-sent dialog), then show the log again with the submission."""
        if not self.open_case(case_id):
            return False
        plan = self._plan
        if plan is None or not any(o.key == HHS_ANNUAL_KEY for o in plan.obligations):
            QMessageBox.warning(
                self,  # type: ignore[arg-type]
                "No HHS annual report",
                "This incident's plan owes no annual report to HHS.",
            )
            return False
        recorded = self.mark_sent(key=HHS_ANNUAL_KEY)
        self.show_page(HHS_PAGE)
        self.refresh_hhs_log()
        return recorded

    def mark_sent(self, action: NoticeAction = NoticeAction.SENT, key: str | None = None) -> bool:
        """Record the selected notice (or the one ``key`` names) as sent, or decided not to
        send; True when recorded."""
        if key is not None and self._plan is not None:
            ob = next((o for o in self._plan.obligations if o.key == key), None)
        else:
            ob = self.plan.selected_obligation()
        if ob is None:
            self.statusBar().showMessage("Select a notice in the plan first.", 8000)
            return False
        if not self.session.available:
            QMessageBox.warning(
                self, "No register", f"Notices are recorded in the register.\n\n{self.session.error}"
            )
            return False
        if self.session.case_id is None or self.is_dirty():
            answer = QMessageBox.question(
                self,
                "Save the incident first",
                "A notice is recorded against the facts saved in the register. Save the incident now?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer != QMessageBox.StandardButton.Save or not self.save():
                return False
            ob = next((o for o in self._plan.obligations if o.key == ob.key), None) if self._plan else None
            if ob is None:
                return False
        recorded = record_notice(
            self,  # type: ignore[arg-type]
            self.session,
            ob,
            action,
            today=self._today,
            date_format=self.settings.date_format,
            run_task=self.run_task,
        )
        if recorded is None:
            return False
        graded, said = recorded
        self._open_graded(graded, same_incident=True)
        self.plan.select_obligation(ob.key)
        self.statusBar().showMessage(said, 10000)
        return True
