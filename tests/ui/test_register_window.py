"""The window on the register: import, mark sent, grading colours, history, verify, register view.

Every test runs against a real SQLite register under tmp_path (the settings fixture points
the preference there); dialogs are answered by patching ``exec`` and the static message
boxes (tests/ui/conftest.py), so nothing waits on a person.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from notifyplanner.incident_file import read_incident, write_incident
from notifyplanner.register.records import LateReason, Method, NoticeAction
from notifyplanner.register.storage import Register
from tests.ui.conftest import TODAY, Dialogs
from ui.main_window import HHS_PAGE, INCIDENT_PAGE, REGISTER_PAGE, MainWindow
from ui.models import ObligationTableModel, Urgency
from ui.notice_dialog import NoticeDialog
from ui.register_models import RegisterModel

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
# The sample, discovered early enough that some deadlines have passed by TODAY.
EARLY = replace(
    read_incident(SAMPLES / "telehealth-pharmacy.json"),
    name="Pharmacy ransomware",
    breach_start=date(2026, 7, 20),
    breach_end=date(2026, 7, 28),
    discovered=date(2026, 8, 3),
    determined=date(2026, 8, 10),
)


@pytest.fixture
def early_file(tmp_path: Path) -> Path:
    path = tmp_path / "early.json"
    write_incident(EARLY, path)
    return path


def answer_notice(monkeypatch: pytest.MonkeyPatch, fill) -> list[NoticeDialog]:
    """Make the next NoticeDialog run ``fill(dialog)`` and then press its OK button."""
    seen: list[NoticeDialog] = []

    def exec_(dialog: NoticeDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(NoticeDialog, "exec", exec_)
    return seen


def deadline(window: MainWindow, key: str) -> date:
    ob = next(o for o in window.current_plan().obligations if o.key == key)  # type: ignore[union-attr]
    assert ob.deadline is not None
    return ob.deadline


def test_import_creates_a_case_and_opens_it(window: MainWindow, early_file: Path) -> None:
    assert window.import_file(early_file)
    case_id = window.session.case_id
    assert case_id is not None
    assert window.main_tabs.currentIndex() == INCIDENT_PAGE
    assert window.current_incident() == EARLY
    assert not window.is_dirty()
    assert "Keep records until" in window.banner.text() and "164.530(j)" in window.banner.text()
    entries = window.plan.history.model
    assert entries.rowCount() == 1
    assert entries.data(entries.index(0, 3)) == "Imported"


def test_mark_sent_late_asks_why_and_grades_late_not_overdue(
    window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.import_file(early_file)
    due = deadline(window, "CA/individuals")
    assert due < TODAY
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 the letter as sent\x00\xff")

    def fill(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(due + timedelta(days=26))
        dialog.method.setCurrentIndex(dialog.method.findData(Method.MAIL))
        dialog.reference.setText("9407 1000 0000 0000 0000 00")
        dialog.evidence.add(letter)
        assert dialog.late_reason.isVisibleTo(dialog)  # late: the reason is asked for
        assert dialog.problems() == "The notice was late: choose why."
        dialog.late_reason.setCurrentIndex(dialog.late_reason.findData(LateReason.SCOPE_BEING_DETERMINED))

    seen = answer_notice(monkeypatch, fill)
    assert window.select_obligation("CA/individuals")
    assert window.mark_sent()
    assert seen and seen[0].windowTitle() == "Mark sent"
    model = window.plan_model
    row = model.row_of("CA/individuals")
    assert model.data(model.index(row, ObligationTableModel.DAYS_LEFT)) == "sent 26 days late"
    assert model.urgency_of(model.obligation(row)) is Urgency.SENT_LATE
    # Texas AG was due too and nothing was sent: overdue, a different colour.
    tx = model.obligation(model.row_of("TX/attorney_general"))
    assert model.urgency_of(tx) is Urgency.OVERDUE
    notice = window.session.graded.grade("CA/individuals").notice  # type: ignore[union-attr]
    assert notice.late_reason is LateReason.SCOPE_BEING_DETERMINED
    assert notice.evidence[0].original_name == "letter.pdf"
    data = window.session.service.register.evidence_bytes(notice.evidence[0].id)  # type: ignore[union-attr]
    assert data == letter.read_bytes()
    # Recording the individual notice set the incident's date (the core's rule), shown in the form.
    assert window.current_incident().individuals_notified == due + timedelta(days=26)
    assert not window.is_dirty()
    assert "Recorded: sent 26 days late" in window.details.toPlainText()


def test_on_time_needs_no_reason_and_decided_not_to_send(
    window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_file(early_file)
    due = deadline(window, "HIPAA/individuals")

    def on_time(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(min(due, TODAY))
        assert not dialog.late_reason.isVisibleTo(dialog)

    answer_notice(monkeypatch, on_time)
    window.select_obligation("HIPAA/individuals")
    assert window.mark_sent()
    model = window.plan_model
    row = model.row_of("HIPAA/individuals")
    assert model.data(model.index(row, ObligationTableModel.DAYS_LEFT)) == "sent on time"

    def skip(dialog: NoticeDialog) -> None:
        assert dialog.windowTitle() == "Decided not to send"
        assert dialog.problems() == "Say why the notice is not sent."
        dialog.skip_reason.setText("Counsel: FL count below threshold after dedupe")

    answer_notice(monkeypatch, skip)
    window.select_obligation("FL/attorney_general")
    assert window.mark_sent(NoticeAction.SKIPPED)
    row = model.row_of("FL/attorney_general")
    assert model.data(model.index(row, ObligationTableModel.SENT)) == "decided not to send"
    actions = [e.action for e in window.session.service.register.log(window.session.case_id)]  # type: ignore[union-attr]
    assert actions[-1] == "notice_skipped" and "notice_sent" in actions


def test_a_future_date_is_refused(
    window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_file(early_file)

    def future(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(TODAY + timedelta(days=1))

    seen = answer_notice(monkeypatch, future)
    window.select_obligation("TX/attorney_general")
    assert not window.mark_sent()
    assert "future" in seen[0].problem.text()
    assert seen[0].result() == QDialog.DialogCode.Rejected


def test_disagreeing_individuals_notified_asks_which_is_right(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notified.json"
    write_incident(replace(EARLY, individuals_notified=date(2026, 10, 1)), path)
    window.import_file(path)

    def fill(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(date(2026, 10, 5))  # three days after HIPAA's 60 days
        dialog.late_reason.setCurrentIndex(dialog.late_reason.findData(LateReason.LAW_ENFORCEMENT_DELAY))

    answer_notice(monkeypatch, fill)
    dialogs.answer = QMessageBox.StandardButton.Yes  # the notice's date is right
    window.select_obligation("HIPAA/individuals")
    assert window.mark_sent()
    assert "Which date is right?" in dialogs.titles()
    assert window.current_incident().individuals_notified == date(2026, 10, 5)
    actions = [e.action for e in window.session.service.register.log(window.session.case_id)]  # type: ignore[union-attr]
    assert "individuals_notified_decision" in actions


def test_mark_sent_on_an_unsaved_incident_saves_it_first(
    window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_incident(EARLY, None, saved=False)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.select_obligation("TX/attorney_general")
    assert not window.mark_sent()
    assert window.session.case_id is None
    dialogs.answer = QMessageBox.StandardButton.Save
    answer_notice(monkeypatch, lambda d: (d.sent_on.set_date(TODAY), d.late_reason.setCurrentIndex(1)))
    assert window.mark_sent()
    assert window.session.case_id is not None


def test_history_verify_detects_an_edited_entry(window: MainWindow, early_file: Path, settings) -> None:
    window.import_file(early_file)
    window.form.name.setText("Pharmacy ransomware (TX counts corrected)")
    window.residents_model.apply_counts({"TX": 100})
    window.replan()
    assert window.save()
    history = window.plan.history
    assert history.model.rowCount() == 2
    assert "residents.TX" in history.entry.toPlainText()  # the newest entry: the facts diff
    assert window.verify_log().ok  # type: ignore[union-attr]
    assert "intact" in history.result.text()
    # Someone edits the log behind the program's back (dropping the append-only trigger).
    db = sqlite3.connect(settings.register_path)
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET who = 'someone else' WHERE seq = 1")
    db.commit()
    db.close()
    outcome = window.verify_log()
    assert outcome is not None and outcome.first_bad == 1
    assert "broken at entry 1" in history.result.text()


def test_saving_shows_what_changed_in_the_plan(
    window: MainWindow, dialogs: Dialogs, early_file: Path
) -> None:
    window.import_file(early_file)
    window.residents_model.apply_counts({"NV": 2000})
    window.replan()
    assert window.save()
    assert "What changed in the plan" in dialogs.titles()
    text = dialogs.calls[dialogs.titles().index("What changed in the plan")][2]
    assert "New notice: Nevada (NV): Affected individuals" in text  # named as the table names it


def test_a_change_made_elsewhere_is_not_overwritten(
    window: MainWindow, dialogs: Dialogs, early_file: Path, settings
) -> None:
    window.import_file(early_file)
    case_id = window.session.case_id
    from notifyplanner.register.cases import CaseService

    with Register.open(settings.register_path) as other:
        CaseService(other, window.rulebook, "cli").update(
            case_id, replace(EARLY, notes="from the command line")
        )
    window.form.name.setText("edited in the app")
    window.replan()
    assert not window.save()
    assert "Changed elsewhere" in dialogs.titles()
    assert window.is_dirty()  # the edits are kept
    assert window.current_incident().name == "edited in the app"


def test_register_view_lists_counts_and_opens_a_case(
    qtbot, window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_file(early_file)
    first = window.session.case_id
    small = early_file.with_name("small.json")
    write_incident(replace(EARLY, name="Misdirected letters", residents={"TX": 40}, total_affected=40), small)
    window.import_file(small)
    task = window.refresh_register()
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    model = window.register_view.model
    assert model.rowCount() == 2
    row = model.row_of(first)  # type: ignore[arg-type]
    assert int(model.data(model.index(row, RegisterModel.OVERDUE))) > 0
    assert model.data(model.index(row, RegisterModel.RETAIN))
    window.register_view.filter.setText("misdirected")
    assert window.register_view.proxy.rowCount() == 1
    window.register_view.filter.clear()
    window.show_page(REGISTER_PAGE)
    window.register_view.select_case(first)  # type: ignore[arg-type]
    window.register_view.open_button.click()
    assert window.session.case_id == first
    assert window.main_tabs.currentIndex() == INCIDENT_PAGE


def test_hhs_annual_log_view(qtbot, window: MainWindow, tmp_path: Path) -> None:
    small = tmp_path / "small.json"
    write_incident(replace(EARLY, name="Misdirected letters", residents={"TX": 40}, total_affected=40), small)
    window.import_file(small)
    window.hhs_view.year.setValue(2026)
    task = window.refresh_hhs_log(2026)
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    view = window.hhs_view
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0)) == "Misdirected letters"
    assert "2027-03-01" in view.due.text()
    window.show_page(HHS_PAGE)


def test_recovered_edits_return_to_their_case(make_window, dialogs: Dialogs, early_file: Path) -> None:
    first = make_window()
    first.import_file(early_file)
    case_id = first.session.case_id
    first.form.name.setText("unsaved edit")
    first.replan()
    first.on_minute()
    orphan = first.autosave.directory / "autosave-999999999.json"
    first.autosave.path.rename(orphan)
    first.autosave.meta.rename(orphan.with_suffix(".meta"))
    second = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert second.offer_recovery()
    assert second.session.case_id == case_id
    assert second.current_incident().name == "unsaved edit"
    assert second.is_dirty()
    assert second.save()
    assert second.session.graded.facts_version == 2  # type: ignore[union-attr]


def test_editing_individuals_notified_against_the_notices_asks_and_logs(
    window: MainWindow, dialogs: Dialogs, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_file(early_file)
    answer_notice(monkeypatch, lambda d: d.sent_on.set_date(date(2026, 9, 30)))
    window.select_obligation("HIPAA/individuals")
    assert window.mark_sent()
    assert window.current_incident().individuals_notified == date(2026, 9, 30)  # set from the notice
    window.form.dates["individuals_notified"].set_date(date(2026, 9, 25))
    window.replan()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.save()
    assert dialogs.titles()[-1] == "Which date is right?"
    assert window.is_dirty()
    dialogs.answer = QMessageBox.StandardButton.Yes  # the recorded notices are right
    assert window.save()
    assert window.current_incident().individuals_notified == date(2026, 9, 30)
    log = window.session.service.register.log(window.session.case_id)  # type: ignore[union-attr]
    assert log[-1].action == "individuals_notified_decision"
    # The same shape as the answer given right after recording a notice: one core function.
    assert log[-1].detail == {
        "facts_date": "2026-09-25",
        "notice_key": "HIPAA/individuals",
        "notice_date": "2026-09-30",
        "chosen": "2026-09-30",
    }
    # The answer restored the saved facts: no empty version (the one facts entry is the notice's).
    assert [e.action for e in log].count("facts") == 1


def test_a_foreign_register_file_is_reported_and_left_alone(
    qtbot, settings, dialogs: Dialogs, tmp_path: Path
) -> None:
    from ui.app import build_window

    foreign = tmp_path / "notes.sqlite3"
    foreign.write_bytes(b"these are someone's notes, not a register")
    settings.register_path = str(foreign)
    window = build_window(None, False, settings=settings, autosave_dir=tmp_path / "auto", recover=False)
    qtbot.addWidget(window)
    assert not window.session.available
    assert dialogs.titles() == ["Register not opened"]
    assert str(foreign) in dialogs.calls[0][2]
    assert foreign.read_bytes() == b"these are someone's notes, not a register"
    window.set_incident(EARLY, None, saved=False)
    window.select_obligation("TX/attorney_general")
    assert not window.mark_sent()
    assert dialogs.titles()[-1] == "No register"
    dialogs.save_name = str(tmp_path / "kept.json")
    assert window.save()  # without a register, Save writes the file as before
    assert read_incident(tmp_path / "kept.json") == EARLY
    assert not window.plan.mark_sent_button.isEnabled()
    window._saved = window._incident


def test_preferences_set_the_register_file_and_the_name_in_the_log(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, early_file: Path
) -> None:
    from ui.dialogs import PreferencesDialog

    def accept(dialog: PreferencesDialog) -> int:
        assert dialog.register.text() == str(tmp_path / "register.sqlite3")
        dialog.register.setText(str(tmp_path / "team.sqlite3"))
        dialog.user_name.setText("A. Counsel")
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", accept)
    window.preferences()
    assert window.settings.register_path == str(tmp_path / "team.sqlite3")  # used from the next start
    assert window.import_file(early_file)
    log = window.session.service.register.log(window.session.case_id)  # type: ignore[union-attr]
    assert log[0].who == "A. Counsel"


def test_an_excel_export_of_a_register_incident_is_logged(
    qtbot, window: MainWindow, early_file: Path, tmp_path: Path
) -> None:
    window.import_file(early_file)
    task = window.export_plan(str(tmp_path / "plan.xlsx"))
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    last = window.session.service.register.log(window.session.case_id)[-1]  # type: ignore[union-attr]
    assert (last.action, last.detail["format"], last.detail["to"]) == (
        "export",
        "Excel workbook",
        str(tmp_path / "plan.xlsx"),
    )


def test_exports_of_a_register_incident_carry_the_log_head(
    qtbot, window: MainWindow, early_file: Path, tmp_path: Path
) -> None:
    """Each export names the head the log had when it was made (read fresh: the previous
    export moved it), and the log entry of the export records that head."""
    import io

    from icalendar import Calendar
    from openpyxl import load_workbook
    from pypdf import PdfReader

    window.import_file(early_file)
    register = window.session.service.register  # type: ignore[union-attr]
    case_id = window.session.case_id
    heads = []
    for fmt in ("xlsx", "pdf", "ics"):
        heads.append(register.case(case_id).log_head)  # type: ignore[arg-type]
        task = window.export_plan(str(tmp_path / f"plan.{fmt}"), fmt)
        assert task is not None
        with qtbot.waitSignal(task.done, timeout=20000):
            pass
        assert register.log(case_id)[-1].detail["log_head"] == heads[-1]  # type: ignore[arg-type]
    assert len(set(heads)) == 3  # every export is on the chain, so the next one names a new head
    assert load_workbook(tmp_path / "plan.xlsx")["Summary"]["B4"].value == heads[0]
    pdf = PdfReader(io.BytesIO((tmp_path / "plan.pdf").read_bytes()))
    assert heads[1] in "".join(pdf.pages[0].extract_text().split())
    calendar = Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    assert str(calendar["X-NOTIFYPLANNER-LOG-HEAD"]) == heads[2]
    assert register.case(case_id).log_head in window.plan.history.head.text()  # type: ignore[arg-type]


def test_exports_of_a_register_incident_carry_the_notices_recorded(
    qtbot, window: MainWindow, early_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newcomer's trial: File > Export of a register case printed notices already sent
    (or decided against) as still owed. The files now carry what the register recorded."""
    import io

    from icalendar import Calendar
    from openpyxl import load_workbook
    from pypdf import PdfReader

    window.import_file(early_file)
    due = deadline(window, "HIPAA/individuals")

    def on_time(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(min(due, TODAY))
        dialog.method.setCurrentIndex(dialog.method.findData(Method.MAIL))

    answer_notice(monkeypatch, on_time)
    window.select_obligation("HIPAA/individuals")
    assert window.mark_sent()

    def skip(dialog: NoticeDialog) -> None:
        dialog.skip_reason.setText("Counsel: FL count below threshold")

    answer_notice(monkeypatch, skip)
    window.select_obligation("FL/attorney_general")
    assert window.mark_sent(NoticeAction.SKIPPED)
    for fmt in ("xlsx", "pdf", "ics"):
        task = window.export_plan(str(tmp_path / f"plan.{fmt}"), fmt)
        assert task is not None
        with qtbot.waitSignal(task.done, timeout=20000):
            pass
    sent = min(due, TODAY).isoformat()
    book = load_workbook(tmp_path / "plan.xlsx")
    sheet, details = book["Obligations"], book["Details"]
    names = [c.value for c in sheet[1]]
    rows = {details.cell(r, 3).value: r for r in range(2, details.max_row + 1)}
    record = names.index("Register record (at export)") + 1
    assert sheet.cell(rows["HIPAA/individuals"], names.index("Sent on") + 1).value.date().isoformat() == sent
    assert sheet.cell(rows["FL/attorney_general"], record).value == (
        "decided not to send: Counsel: FL count below threshold"
    )
    pdf = PdfReader(io.BytesIO((tmp_path / "plan.pdf").read_bytes()))
    body = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"Sent {sent} mail" in body and "Decided not to send" in body
    calendar = Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    events = {str(e["UID"]).split(".", 1)[1]: e for e in calendar.walk("VEVENT")}
    assert events["HIPAA/individuals@notifyplanner"].walk("VALARM") == []
    assert str(events["FL/attorney_general@notifyplanner"]["SUMMARY"]).startswith("Decided not to send: ")


def test_a_plain_file_export_carries_no_register_record(
    qtbot, window: MainWindow, early_file: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    window.open_file(early_file, ask=False)
    assert window.session.case_id is None
    task = window.export_plan(str(tmp_path / "plain.xlsx"))
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    assert "Register record (at export)" not in [
        c.value for c in load_workbook(tmp_path / "plain.xlsx")["Obligations"][1]
    ]


def test_deleting_before_the_retention_date_needs_a_logged_reason(
    qtbot, window: MainWindow, dialogs: Dialogs, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    window.import_file(early_file)
    case_id = window.session.case_id
    assert case_id is not None
    asked: list[str] = []
    answer = ("", False)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda _parent, title, _text: asked.append(title) or answer)
    )
    assert not window.delete_case(case_id)  # cancelled
    answer = ("   ", True)
    assert not window.delete_case(case_id)  # no reason is no override
    assert window.session.service.register.case(case_id)  # type: ignore[union-attr]
    answer = ("Duplicate of incident 7, imported twice", True)
    assert window.delete_case(case_id)
    assert asked == ["Delete before the retention date?"] * 3
    assert window.session.case_id is None and window.current_incident().name == ""
    deletion = window.session.service.register.register_log()[-1]  # type: ignore[union-attr]
    assert deletion.action == "case_deleted"
    assert deletion.detail["override_reason"] == "Duplicate of incident 7, imported twice"
    assert deletion.detail["before_retention_end"] is True


def test_the_hims_and_hers_case_in_the_app(
    qtbot, monkeypatch: pytest.MonkeyPatch, rulebook, settings, tmp_path: Path
) -> None:
    """Issue 10's own example: notices dated 2026-04-02. California (due 2026-03-07) reads
    'sent 26 days late', never 'overdue'; HIPAA (due 2026-04-06) reads 'sent on time'."""
    window = MainWindow(rulebook, settings, autosave_dir=tmp_path / "auto", today=lambda: date(2026, 4, 20))
    qtbot.addWidget(window)
    window.replan()
    assert window.import_file(SAMPLES / "hims-hers-2026.json")
    assert deadline(window, "CA/individuals") == date(2026, 3, 7)
    assert deadline(window, "HIPAA/individuals") == date(2026, 4, 6)

    def mail_on_april_2(dialog: NoticeDialog) -> None:
        dialog.sent_on.set_date(date(2026, 4, 2))
        if dialog.late_reason.isVisibleTo(dialog):
            dialog.late_reason.setCurrentIndex(dialog.late_reason.findData(LateReason.SCOPE_BEING_DETERMINED))

    answer_notice(monkeypatch, mail_on_april_2)
    for key in ("CA/individuals", "HIPAA/individuals"):
        assert window.select_obligation(key)
        assert window.mark_sent()
    model = window.plan_model
    days = {
        k: model.data(model.index(model.row_of(k), ObligationTableModel.DAYS_LEFT)) for k in model_keys(model)
    }
    assert days["CA/individuals"] == "sent 26 days late"
    assert days["HIPAA/individuals"] == "sent on time"
    assert window.current_incident().individuals_notified == date(2026, 4, 2)
    assert window.verify_log().ok  # type: ignore[union-attr]
    window._saved = window._incident
    window.session.close()


def model_keys(model: ObligationTableModel) -> list[str]:
    return [model.obligation(r).key for r in range(model.rowCount())]


def test_a_notice_recorded_for_an_obligation_the_new_facts_drop_is_flagged(
    window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_file(early_file)
    answer_notice(monkeypatch, lambda d: d.late_reason.setCurrentIndex(1))
    window.select_obligation("TX/attorney_general")
    assert window.mark_sent()
    residents = {c: n for c, n in window.residents_model.residents().items() if c != "TX"}
    window.residents_model.set_residents(residents, notify=True)  # no Texans after all
    assert window.plan_model.row_of("TX/attorney_general") is None
    assert "TX/attorney_general" in window.header.warnings.text()
    assert "no longer call for" in window.header.warnings.text()


def test_recording_reads_the_evidence_off_the_gui_thread(
    window: MainWindow, early_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A large letter on a slow drive must not freeze the window: the files are read, and
    the notice written, on a worker thread (its own SQLite connection)."""
    import threading

    import ui.notice_actions as notice_actions

    threads: list[threading.Thread] = []
    real = notice_actions.read_evidence

    def spy(evidence):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(evidence)

    monkeypatch.setattr(notice_actions, "read_evidence", spy)
    window.import_file(early_file)
    memo = tmp_path / "memo.pdf"
    memo.write_bytes(b"%PDF no notice owed")

    def skip(dialog: NoticeDialog) -> None:
        dialog.skip_reason.setText("Counsel: FL count below threshold after dedupe")
        dialog.evidence.add(memo)

    answer_notice(monkeypatch, skip)
    revision = window.session.graded.case.revision  # type: ignore[union-attr]
    window.select_obligation("FL/attorney_general")
    assert window.mark_sent(NoticeAction.SKIPPED)
    assert threads and threads[0] is not threading.main_thread()
    graded = window.session.graded
    assert graded is not None and graded.case.revision == revision + 1  # one transaction
    notice = graded.grade("FL/attorney_general").notice  # type: ignore[union-attr]
    assert [e.original_name for e in notice.evidence] == ["memo.pdf"]


def test_an_evidence_file_that_vanished_before_recording_records_nothing(
    window: MainWindow, dialogs: Dialogs, early_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.import_file(early_file)
    memo = tmp_path / "memo.pdf"
    memo.write_bytes(b"%PDF")

    def skip(dialog: NoticeDialog) -> None:
        dialog.skip_reason.setText("no notice owed")
        dialog.evidence.add(memo)
        dialog.try_accept()  # accepted while the file is there ...
        memo.unlink()  # ... and gone when the worker reads it

    answer_notice(monkeypatch, skip)
    before = window.session.service.register.log(window.session.case_id)  # type: ignore[union-attr]
    window.select_obligation("FL/attorney_general")
    assert not window.mark_sent(NoticeAction.SKIPPED)
    assert dialogs.titles()[-1] == "Notice not recorded" and "memo.pdf" in dialogs.calls[-1][2]
    assert window.session.service.register.log(window.session.case_id) == before  # type: ignore[union-attr]


def test_importing_a_file_again_asks_to_open_the_earlier_case(
    window: MainWindow, dialogs: Dialogs, early_file: Path
) -> None:
    """'Import recent file' is how people come back to an incident: no silent duplicate."""
    assert window.import_file(early_file)
    first = window.session.case_id
    window.form.name.setText("edited after import")
    window.replan()
    assert window.save()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.import_file(early_file)
    assert dialogs.titles()[-1] == "Imported before"
    assert f"register no. {first}" in dialogs.calls[-1][2]
    cases = window.session.service.register.cases  # type: ignore[union-attr]
    assert len(cases()) == 1
    dialogs.answer = QMessageBox.StandardButton.Yes  # open the case it became
    window.show_page(REGISTER_PAGE)
    assert window.import_file(Path(str(early_file)))
    assert window.session.case_id == first and len(cases()) == 1
    assert window.current_incident().name == "edited after import"
    assert window.main_tabs.currentIndex() == INCIDENT_PAGE
    dialogs.answer = QMessageBox.StandardButton.No  # a new incident, deliberately
    assert window.import_file(early_file)
    assert window.session.case_id != first and len(cases()) == 2


def test_the_hhs_log_page_marks_a_breach_submitted(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "small.json"
    write_incident(replace(EARLY, name="Misdirected letters", residents={"TX": 40}, total_affected=40), small)
    window.import_file(small)
    window.show_page(HHS_PAGE)
    window.hhs_view.year.setValue(2026)
    task = window.refresh_hhs_log(2026)
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    view = window.hhs_view
    view.table.setCurrentIndex(view.model.index(0, 0))
    seen = answer_notice(
        monkeypatch,
        lambda d: (
            d.method.setCurrentIndex(d.method.findData(Method.PORTAL)),
            d.reference.setText("OCR 123"),
        ),
    )
    view.submit_button.click()
    assert len(seen) == 1
    assert seen[0].obligation.key == "HIPAA/hhs_annual"
    assert window.main_tabs.currentIndex() == HHS_PAGE
    qtbot.waitUntil(
        lambda: view.model.rowCount() == 1 and view.model.row(0).submitted_on == TODAY, timeout=20000
    )
    notice = window.session.service.register.notices(window.session.case_id)["HIPAA/hhs_annual"]  # type: ignore[union-attr]
    assert notice.reference == "OCR 123"


def test_the_first_start_creates_the_default_register_folder(
    qtbot, settings, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user's first start has no data folder yet: the app makes it (owner-only) and
    opens a new register there, instead of warning "Register not opened" (trial, 2026-12-03)."""
    from ui.app import build_window

    data = tmp_path / "fresh home" / "notifyplanner"
    monkeypatch.setattr("notifyplanner.userdirs.data_dir", lambda: data)
    monkeypatch.delenv("NOTIFYPLANNER_DB", raising=False)
    settings.register_path = ""
    window = build_window(None, False, settings=settings, autosave_dir=tmp_path / "auto", recover=False)
    qtbot.addWidget(window)
    assert dialogs.titles() == []
    assert window.session.available and window.session.path == data / "register.sqlite3"
    assert (data / "register.sqlite3").is_file() and (data.stat().st_mode & 0o777) == 0o700
    window._saved = window._incident
    window.session.close()


def test_a_register_folder_the_user_named_is_not_created(
    qtbot, settings, dialogs: Dialogs, tmp_path: Path
) -> None:
    """A typo in Preferences stays an error: only the default folder is ever created."""
    from ui.app import build_window

    settings.register_path = str(tmp_path / "typo" / "register.sqlite3")
    window = build_window(None, False, settings=settings, autosave_dir=tmp_path / "auto", recover=False)
    qtbot.addWidget(window)
    assert dialogs.titles() == ["Register not opened"] and not (tmp_path / "typo").exists()
    window._saved = window._incident
