"""The main window, offscreen: the form drives the plan, files round-trip, nothing is lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from notifyplanner.incident_file import read_incident, write_incident
from notifyplanner.model import DataElement, EntityRole, Incident, LawEnforcementDelay, Status
from tests.ui.conftest import Dialogs
from ui.main_window import MainWindow
from ui.models import ResidentsModel

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def status_of(window: MainWindow, key: str) -> Status | None:
    current = window.current_plan()
    assert current is not None
    return next((o.status for o in current.obligations if o.key == key), None)


def set_count(window: MainWindow, code: str, text: str) -> None:
    model = window.residents_model
    assert model.setData(model.index(model.row_of(code), ResidentsModel.COUNT), text)


def type_date(qtbot, window: MainWindow, field: str, text: str) -> None:
    line = window.form.dates[field].line
    line.clear()
    qtbot.keyClicks(line, text)


def test_filling_the_form_changes_the_plan(qtbot, window: MainWindow) -> None:
    assert window.current_plan() is not None
    assert status_of(window, "TX/individuals") is None  # no residents yet
    qtbot.keyClicks(window.form.name, "Lost laptop")
    type_date(qtbot, window, "discovered", "2026-10-02")
    window.form.elements[DataElement.NAME].setChecked(True)
    set_count(window, "TX", "300")
    assert (
        status_of(window, "TX/individuals") is Status.NOT_REQUIRED
    )  # a name alone is not personal information
    window.form.elements[DataElement.SSN].setChecked(True)
    assert status_of(window, "TX/individuals") is Status.REQUIRED
    assert status_of(window, "TX/attorney_general") is Status.REQUIRED
    assert window.current_plan().controlling_deadline is not None
    assert "Controlling deadline" in window.banner.text()
    assert window.is_dirty()
    assert window.isWindowModified()
    window.form.encrypted.setChecked(True)
    assert status_of(window, "TX/individuals") is Status.NOT_REQUIRED
    window.form.key_compromised.setChecked(True)
    assert status_of(window, "TX/individuals") is Status.REQUIRED


def test_editing_a_resident_count_moves_a_threshold(window: MainWindow) -> None:
    window.set_incident(
        Incident(name="t", discovered=date(2026, 10, 2), data_elements={DataElement.NAME, DataElement.SSN}),
        None,
    )
    set_count(window, "TX", "249")
    assert status_of(window, "TX/attorney_general") is Status.NOT_REQUIRED
    set_count(window, "TX", "250")  # Texas: AG notice when 250 or more Texans
    assert status_of(window, "TX/attorney_general") is Status.REQUIRED
    assert "Total: 250 residents in 1 jurisdiction" in window.residents_total.text()
    set_count(window, "TX", "?")
    assert status_of(window, "TX/attorney_general") is not Status.NOT_REQUIRED


FULL = Incident(
    name="Every field",
    entity_role=EntityRole.BUSINESS_ASSOCIATE,
    discovered=date(2026, 10, 2),
    determined=date(2026, 10, 9),
    breach_start=date(2026, 9, 21),
    breach_end=date(2026, 9, 30),
    vendor_notice=date(2026, 10, 1),
    individuals_notified=date(2026, 11, 2),
    law_enforcement_delay=LawEnforcementDelay(
        form="oral", requested=date(2026, 10, 4), until=date(2026, 10, 20)
    ),
    data_elements=frozenset({DataElement.NAME, DataElement.MEDICAL, DataElement.BIOMETRIC}),
    encrypted=True,
    key_compromised=True,
    source_of_breach=False,
    residents={"TX": 412, "CA": 0, "PR": None, "VI": 3},
    total_affected=5000,
    notes="Line one\nline two, with ünïcödé",
)


def test_save_and_reopen_round_trips_every_field(make_window, dialogs: Dialogs, tmp_path: Path) -> None:
    first = make_window()
    first.set_incident(FULL, None, saved=False)
    assert first.current_incident() == FULL
    assert first.save()  # into the register, as a new case
    case_id = first.session.case_id
    assert case_id is not None
    assert not first.is_dirty()
    assert first.windowTitle().startswith(f"{FULL.name} (register no. {case_id})")
    dialogs.save_name = str(tmp_path / "every")
    assert first.export_incident()
    exported = tmp_path / "every.json"
    assert read_incident(exported) == FULL
    assert first.session.service.register.log(case_id)[-1].action == "export"
    second = make_window()
    assert second.open_case(case_id)
    assert second.current_incident() == FULL
    assert second.import_file(exported)  # an import is a new case
    assert second.current_incident() == FULL
    assert second.session.case_id not in (None, case_id)
    assert str(exported) in second.settings.recent_files


def test_sample_opens_untitled_and_unchanged(window: MainWindow) -> None:
    sample = read_incident(SAMPLES / "telehealth-pharmacy.json")
    window.set_incident(sample, None)
    assert window.current_incident() == sample
    assert not window.is_dirty()


def test_damaged_file_shows_error_and_keeps_the_window(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    window.set_incident(FULL, None, saved=False)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(
        '{"format": "notifyplanner-incident", "version": 1, "name": "x", "discoverd": "2026-01-01"}'
    )
    before = damaged.read_bytes()
    assert not window.open_file(damaged)
    assert dialogs.titles() == ["Cannot open the incident"]
    assert "discoverd" in dialogs.calls[0][2]
    assert window.current_incident() == FULL
    assert window.is_dirty()
    assert damaged.read_bytes() == before
    damaged.write_text("{not json")
    assert not window.open_file(damaged)
    assert "not valid JSON" in dialogs.calls[1][2]
    assert window.current_incident() == FULL


def test_impossible_dates_open_with_the_problem_shown(window: MainWindow, tmp_path: Path) -> None:
    bad = Incident(
        name="x", discovered=date(2026, 9, 1), breach_start=date(2026, 9, 20), data_elements={DataElement.SSN}
    )
    path = tmp_path / "impossible.json"
    write_incident(bad, path)  # the core writes it; it refuses to read it
    assert window.open_file(path)
    assert window.current_incident() == bad
    assert "before the breach began" in window.form.problem_text("discovered")
    label = window.form._problem_rows["discovered"].label
    assert isinstance(label, QLabel) and label.text()


def test_saving_impossible_dates_asks_first_and_keeps_them(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    bad = Incident(
        name="x", discovered=date(2026, 9, 1), breach_start=date(2026, 9, 20), data_elements={DataElement.SSN}
    )
    window.set_incident(bad, None, saved=False)
    dialogs.save_name = str(tmp_path / "bad.json")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.export_incident()
    assert not window.save()
    assert dialogs.titles() == ["Some facts cannot all be true"] * 2
    assert "before the breach began" in dialogs.calls[0][2]
    assert not (tmp_path / "bad.json").exists()
    assert window.session.case_id is None
    dialogs.answer = QMessageBox.StandardButton.Save
    assert window.export_incident()
    assert window.open_file(tmp_path / "bad.json")
    assert window.current_incident() == bad
    assert window.save()
    assert window.open_case(window.session.case_id)
    assert window.current_incident() == bad


def test_unreadable_date_is_kept_and_reported(qtbot, window: MainWindow) -> None:
    type_date(qtbot, window, "discovered", "2026-13-45")
    assert window.form.dates["discovered"].text() == "2026-13-45"
    assert "not a date" in window.form.problem_text("discovered")
    assert window.current_incident().discovered is None
    assert window.is_dirty()
    type_date(qtbot, window, "discovered", "2026-10-02")
    assert window.form.problem_text("discovered") == ""


def test_a_us_date_in_an_iso_field_says_how_to_type_it(qtbot, window: MainWindow) -> None:
    """Newcomer's trial: a US privacy officer types 11/18/2026 and reads only "is not a
    date", with nothing on what the field takes or that Preferences offers MM/dd/yyyy."""
    type_date(qtbot, window, "discovered", "11/18/2026")
    problem = window.form.problem_text("discovered")
    assert "'11/18/2026' is not a date: type it as yyyy-mm-dd, e.g. 2026-12-31" in problem
    assert "or choose MM/dd/yyyy in Edit > Preferences > Date format" in problem
    type_date(qtbot, window, "discovered", "2026-13-45")  # no offered format reads it
    assert "Preferences" not in window.form.problem_text("discovered")


def test_calendar_popup_sets_the_date(qtbot, window: MainWindow) -> None:
    field = window.form.dates["determined"]
    field.open_calendar()
    popup = field._popup
    assert popup is not None and popup.isVisible()
    from PySide6.QtCore import QDate

    popup.calendar.setSelectedDate(QDate(2026, 10, 9))
    popup.calendar.activated.emit(QDate(2026, 10, 9))
    assert field.text() == "2026-10-09"
    assert window.current_incident().determined == date(2026, 10, 9)


def test_timeline_click_selects_in_table(qtbot, window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    window.resize(1366, 768)
    window.show()
    window.plan_tabs.setCurrentIndex(1)
    qtbot.waitExposed(window)
    keys = window.timeline.item_keys()
    assert len(keys) >= 2
    target = keys[1]
    point = window.timeline.row_center(target)
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.selected_key() == target
    assert window.timeline.selected_key() == target
    ob = next(o for o in window.current_plan().obligations if o.key == target)
    assert ob.citation.cite in window.details.toPlainText()
    assert f"Checked against: {ob.citation.checked.label}" in window.details.toPlainText()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Down)
    assert window.selected_key() == keys[2]


def test_unsaved_changes_prompt_before_closing(window: MainWindow, dialogs: Dialogs) -> None:
    window.form.name.setText("changed")
    window.form.name.textEdited.emit("changed")
    assert window.is_dirty()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.titles() == ["Unsaved changes"]
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_autosave_and_recovery(make_window, dialogs: Dialogs, tmp_path: Path) -> None:
    first = make_window()
    first.set_incident(FULL, tmp_path / "case.json", saved=False)
    first.on_minute()
    assert first.autosave.path.exists()
    # Pretend the session crashed: its autosave now belongs to a process that is gone.
    orphan = first.autosave.directory / "autosave-999999999.json"
    first.autosave.path.rename(orphan)
    first.autosave.meta.rename(orphan.with_suffix(".meta"))
    second = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert second.offer_recovery()
    assert second.current_incident() == FULL
    assert second.path == tmp_path / "case.json"
    assert second.is_dirty()
    assert not orphan.exists()
    second._saved = second._incident
    second.close()
    assert not second.autosave.path.exists()  # a clean close leaves no autosave


def test_no_autosave_without_changes(window: MainWindow) -> None:
    window.on_minute()
    assert not window.autosave.path.exists()


def test_paste_counts(window: MainWindow, dialogs: Dialogs) -> None:
    window.paste_text("Texas\t1200\nCalifornia\t300\nAtlantis\t3\n")
    assert window.residents_model.residents() == {"TX": 1200, "CA": 300}
    assert dialogs.titles() == ["Some pasted lines were not used"]


def test_export_runs_in_a_worker(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    task = window.export_plan(str(tmp_path / "out.xlsx"))
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    written = list(tmp_path.glob("out.*"))
    assert len(written) == 1
    if written[0].suffix == ".json":
        assert json.loads(written[0].read_text())["controlling_deadline"]
    else:
        assert written[0].read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(("fmt", "magic"), [("ics", b"BEGIN:VCALENDAR"), ("pdf", b"%PDF-")])
def test_calendar_and_checklist_export_run_in_a_worker(
    qtbot, window: MainWindow, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    task = window.export_plan(str(tmp_path / "out"), fmt=fmt)
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    assert (tmp_path / f"out.{fmt}").read_bytes().startswith(magic)


def test_preferences_change_the_date_format(window: MainWindow) -> None:
    window.set_incident(FULL, None)
    window.settings.date_format = "MM/dd/yyyy"
    window._apply_preferences()
    assert window.form.dates["discovered"].text() == "10/02/2026"
    assert window.current_incident() == FULL


def test_keyboard_and_accessibility(window: MainWindow) -> None:
    shortcuts = {
        a.shortcut().toString()
        for a in window.findChildren(type(window.save_action))
        if not a.shortcut().isEmpty()
    }
    for key in ("Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+E", "Ctrl+I", "Ctrl+Q", "Ctrl+F", "F1"):
        assert QKeySequence(key).toString() in shortcuts, key
    for widget in window.form.findChildren(QWidget):
        if (
            isinstance(widget, QLineEdit)
            and widget.isEnabled()
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        ):
            assert widget.accessibleName(), widget


@pytest.mark.parametrize("name", ["telehealth-pharmacy.json", "retailer-card-skimming.json"])
def test_samples_plan_without_problems(window: MainWindow, name: str) -> None:
    assert window.open_file(SAMPLES / name)
    assert all(not window.form.problem_text(f) for f in ("discovered", "determined", "total_affected"))
    assert window.plan_model.rowCount() > 0


def test_long_work_can_be_cancelled(qtbot, window: MainWindow) -> None:
    import threading

    from ui.worker import Cancelled, Task

    gate = threading.Event()
    results: list[object] = []

    def slow(progress, cancelled):
        progress(0.25)
        gate.wait(10)
        if cancelled():
            raise Cancelled()
        return "finished"

    task = Task(slow)
    dialog = window.run_task(task, "Slow work", results.append, results.append)
    with qtbot.waitSignal(task.cancelled, timeout=10000):
        dialog.canceled.emit()  # what the Cancel button (or Escape) emits
        gate.set()
    assert results == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window._tasks


def test_clear_button_empties_a_date(window: MainWindow) -> None:
    window.set_incident(FULL, None)
    window.form.dates["vendor_notice"].line.clear()  # what the clear button does
    assert window.current_incident().vendor_notice is None
    assert window.is_dirty()


def test_help_about_and_preferences(
    window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import PreferencesDialog, TextDialog

    shown: list[str] = []
    monkeypatch.setattr(TextDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    window.show_how()
    assert shown == ["How deadlines are computed"]
    window.show_about()
    window.show_disclaimer()
    kinds = [kind for kind, _title, _text in dialogs.calls]
    assert kinds == ["about", "information"]
    about = dialogs.calls[0][2]
    assert "notifyplanner" in about and "reviewed" in about and "Not legal advice" in about

    def accept(dialog: PreferencesDialog) -> int:
        dialog.date_format.setCurrentIndex(dialog.date_format.findData("dd.MM.yyyy"))
        dialog.urgency.setValue(14)
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", accept)
    window.set_incident(FULL, None)
    window.preferences()
    assert window.settings.date_format == "dd.MM.yyyy"
    assert window.settings.urgency_days == 14
    assert window.form.dates["discovered"].text() == "02.10.2026"
    assert "within 14 days" in window.legend.text()
    assert not window.is_dirty()  # a display preference is not a change to the incident


def test_a_broken_rules_folder_keeps_the_rules_in_use(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    import shutil

    from notifyplanner.rulebook import BUNDLED_RULES

    rules = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, rules)
    (rules / "tx.json").write_text("{")
    before = window.rulebook
    window.settings.rules_folder = str(rules)
    assert not window.reload_rules()
    assert dialogs.titles() == ["Rules not loaded"]
    assert "tx.json" in dialogs.calls[0][2]
    assert window.rulebook is before


def test_start_falls_back_to_bundled_rules_and_says_why(
    qtbot, settings, dialogs: Dialogs, tmp_path: Path
) -> None:
    from ui.app import build_window

    settings.rules_folder = str(tmp_path / "no-such-folder")
    window = build_window(None, False, settings=settings, autosave_dir=tmp_path / "auto", recover=False)
    qtbot.addWidget(window)
    assert dialogs.titles() == ["Rules folder not used"]
    assert len(window.rulebook.jurisdictions) >= 54
    window._saved = window._incident


def test_details_pane_follows_the_tab(window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "telehealth-pharmacy.json"), None)
    window.plan_view.selectRow(0)
    plan_text = window.details.toPlainText()
    window.plan_tabs.setCurrentIndex(2)
    window.credit_view.selectRow(0)
    window.plan_tabs.setCurrentIndex(0)
    assert window.details.toPlainText() == plan_text
    window.plan_tabs.setCurrentIndex(2)
    assert window.details.toPlainText() != plan_text
    assert "month" in window.details.toPlainText().lower()


def test_tab_order_follows_the_form_then_the_plan(window: MainWindow) -> None:
    # Walk Qt's focus chain the way Tab does (focus itself needs an active window, which
    # the offscreen platform does not reliably give).
    window.show()
    first = window.form.findChild(QLineEdit)
    assert first is not None and first.accessibleName() == "Incident name"
    order: list[str] = []
    widget = first
    for _ in range(400):
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if tabbable and widget.isVisible() and widget.isEnabled() and widget.accessibleName():
            order.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    expected = ["Incident name", "Entity role", "Breach began", "Breach ended", "Discovered"]
    assert order[:5] == expected
    assert order.index("Notes") < order.index("Filter notices") < order.index("Notices owed")
    assert order.index("Show notices that are not required") < order.index("Notices owed")


def test_an_edit_that_changes_no_notice_keeps_the_table_and_selection(qtbot, window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "telehealth-pharmacy.json"), None)
    window.plan_view.selectRow(3)
    key = window.selected_key()
    resets: list[bool] = []
    window.plan_model.modelReset.connect(lambda: resets.append(True))
    window.form.name.end(False)  # as a click after the name does: the field opens at its start
    qtbot.keyClicks(window.form.name, " (draft)")
    assert resets == []
    assert window.selected_key() == key
    assert window.current_plan().incident.name.endswith("(draft)")  # type: ignore[union-attr]


def test_a_replan_keeps_the_users_filter(window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "telehealth-pharmacy.json"), None)
    window.show_not_required.setChecked(False)
    assert window.select_obligation("TX/attorney_general")
    window.residents_model.apply_counts({"TX": 10})  # below 250: the selected notice drops out
    window.replan()
    assert not window.show_not_required.isChecked()
    assert window.selected_key() is None


def test_residents_by_keyboard_a_number_typed_on_a_state_goes_into_its_count(
    window: MainWindow, qtbot
) -> None:
    """Newcomer's trial, keyboard only: Ctrl+2 lands on Alabama's code; typing TX finds the
    row, and the count typed next went nowhere (the code column is not editable) until the
    person found that Right, Right reaches the count."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.incident_view.focus_residents()
    view = window.residents_view

    def focused() -> object:
        """Where a key goes: the count's editor while it is open, else the table (offscreen
        windows are never active, so Qt's focus widget cannot be relied on here)."""
        editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
        return editors[0] if editors and view.state() == view.State.EditingState else view

    for code, count in (("TX", "640"), ("NY", "1250")):
        for ch in code + count:
            QTest.keyClicks(focused(), ch)
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits the edit queued
    assert window.residents_model.residents() == {"TX": 640, "NY": 1250}


def test_tab_leaves_the_residents_table_in_one_step(window: MainWindow) -> None:
    """As in the plan table: Tab moved cell by cell through 54 rows x 3 columns, so the
    filter and the Paste and Import buttons could not be reached by Tab."""
    assert not window.residents_view.tabKeyNavigation()


def test_going_to_the_plan_table_by_keyboard_selects_the_top_notice(window: MainWindow, qtbot) -> None:
    """Newcomer's trial, keyboard only: Ctrl+3 focused the table with nothing selected (the
    details pane said "Select a notice"), and the first Down selected the second row, so the
    controlling notice on top was never reached going down."""
    from notifyplanner.incident_file import read_incident
    from ui.models import KEY_ROLE
    from ui.plan_view import PLAN_TAB

    window.set_incident(read_incident(SAMPLES / "telehealth-pharmacy.json"), None)
    table, proxy = window.plan.table, window.plan.proxy
    table.clearSelection()
    window.plan.go(PLAN_TAB)

    def selected() -> list[str]:
        return [proxy.data(i, KEY_ROLE) for i in table.selectionModel().selectedRows()]

    assert selected() == [proxy.index(0, 0).data(KEY_ROLE)]
    assert "Select a notice" not in window.details.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert selected() == [proxy.index(1, 0).data(KEY_ROLE)]
