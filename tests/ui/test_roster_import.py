"""Import residents from a list: counted in a worker, previewed, then applied (or not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from notifyplanner.roster import read_headers
from tests.ui.conftest import Dialogs
from ui import roster_import
from ui.dialogs import ColumnPickerDialog, RosterPreviewDialog
from ui.main_window import MainWindow

pytest.importorskip("notifyplanner.roster")


def run_import(qtbot, window: MainWindow, path: Path) -> roster_import.RosterImport:
    importer = window.roster_import(path)
    task = importer.start()
    assert task is not None
    # Task signals are delivered through the GUI event loop, so none is missed here.
    with qtbot.waitSignal(task.done, timeout=30000):
        pass
    return importer


def test_preview_then_replace(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("name,mailing state,zip\na,TX,75001\nb,California,\nc,,10001\nd,Texas,\n")
    window.residents_model.set_residents({"FL": 10})
    seen: dict[str, object] = {}

    def accept(dialog: RosterPreviewDialog) -> int:
        seen["counts"] = dict(dialog.result_counts)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RosterPreviewDialog, "exec", accept)
    run_import(qtbot, window, roster)
    assert seen["counts"] == {"TX": 2, "CA": 1, "NY": 1}
    assert window.residents_model.residents() == {"TX": 2, "CA": 1, "NY": 1}  # replaced, FL gone


def test_cancelled_preview_changes_nothing(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text("state\nTX\n")
    window.residents_model.set_residents({"FL": 10})
    monkeypatch.setattr(RosterPreviewDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    run_import(qtbot, window, roster)
    assert window.residents_model.residents() == {"FL": 10}


def test_column_picker_when_columns_cannot_be_told(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text("who,foo,bar\na,TX,75001\nb,CA,90001\n")
    assert read_headers(roster) == ["who", "foo", "bar"]
    picked: dict[str, object] = {}

    def choose(dialog: ColumnPickerDialog) -> int:
        picked["choices"] = [dialog.state.itemText(i) for i in range(dialog.state.count())]
        dialog.state.setCurrentText("foo")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ColumnPickerDialog, "exec", choose)
    monkeypatch.setattr(RosterPreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    importer = run_import(qtbot, window, roster)
    assert picked["choices"] == ["", "who", "foo", "bar"]
    second = importer.task  # the recount with the chosen column
    assert second is not None
    if second.running:
        with qtbot.waitSignal(second.done, timeout=30000):
            pass
    assert window.residents_model.residents() == {"TX": 1, "CA": 1}


def test_unreadable_roster_reports_and_keeps_counts(
    qtbot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    window.residents_model.set_residents({"FL": 10})
    run_import(qtbot, window, empty)
    assert dialogs.titles() == ["Cannot count the list"]
    assert window.residents_model.residents() == {"FL": 10}


def test_column_picker_reads_headers_of_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["who", None, "where", "zip code"])
    sheet.append(["a", None, "TX", 75001])
    book.save(tmp_path / "odd.xlsx")
    assert read_headers(tmp_path / "odd.xlsx") == ["who", "where", "zip code"]
    assert read_headers(tmp_path / "missing.xlsx") == []


def test_import_keeps_the_people_not_placed_and_the_list(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 12: APO/FPO, foreign and unreadable rows are affected people, not dropped."""
    import hashlib

    roster = tmp_path / "people.csv"
    roster.write_text("name,state,zip\na,TX,75001\nb,AE,09001\nc,Ontario,\nd,,99999\ne,TX,\n")
    window.incident_view.form.total.setText("3")  # entered by hand, below the list's 5
    seen: list[str] = []

    def accept(dialog: RosterPreviewDialog) -> int:
        from PySide6.QtWidgets import QLabel

        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RosterPreviewDialog, "exec", accept)
    run_import(qtbot, window, roster)
    assert any("<b>3</b> people are not placed" in text for text in seen)
    incident = window.incident_view.incident()
    assert dict(incident.residents) == {"TX": 2}
    assert dict(incident.unplaced.military) == {"AE": 1} and dict(incident.unplaced.foreign) == {"CA": 1}
    assert incident.unplaced.unreadable == 1  # 99999 is a placeholder, not Alaska
    assert incident.total_affected == 5 and incident.affected_total == 5  # raised, never lowered
    assert incident.counts_source is not None
    assert incident.counts_source.sha256 == hashlib.sha256(roster.read_bytes()).hexdigest()
    summary = window.incident_view.residents_summary()
    assert "Also affected, not placed in a jurisdiction: 3" in summary
    assert "Counted from people.csv, 5 rows" in summary
    # Saved and reopened, the people not placed and the list's record are still there.
    from notifyplanner.incident_file import dumps, loads

    again = loads(dumps(incident))
    assert again.unplaced == incident.unplaced and again.counts_source == incident.counts_source
    window.incident_view.set_incident(again)
    assert window.incident_view.incident().unplaced == incident.unplaced


TRIAL_ROSTER = (
    "Patient ID,Last Name,State,ZIP\n"
    "1001,Garcia,tx,78701\n"
    "1002,Nguyen,TX ,77002-1234\n"
    "1004,Lee,ny,11201\n"
    "\n"
    "1006,Patel,ca,90028\n"
    "1008,Brown,AE,09012\n"
    "1011,Wilson,,73301\n"
    "1012,Moore,AP,96278\n"
    ",,,\n"
)


def _preview_text(dialog: RosterPreviewDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_preview_counts_the_people_placed_in_a_state_apart_from_apo_addresses(
    qtbot, tmp_path: Path
) -> None:
    """Newcomer's trial: the preview said "13 placed in a US jurisdiction" and two lines later
    "2 people are not placed in a jurisdiction" (the APO/FPO rows): both cannot be true."""
    from notifyplanner.roster import count_roster

    roster = tmp_path / "roster.csv"
    roster.write_text(TRIAL_ROSTER)
    dialog = RosterPreviewDialog(count_roster(roster), {})
    qtbot.addWidget(dialog)
    text = _preview_text(dialog)
    assert "<b>7</b> rows read; <b>5</b> placed in the 54 planning jurisdictions" in text
    assert "<b>2</b> people are not placed" in text


def test_the_preview_says_when_replacing_lowers_counts_typed_by_hand(qtbot, tmp_path: Path) -> None:
    """Import replaces the table; counts typed by hand (2,200 Californians) fell to the list's
    3 with nothing but a column of numbers to say so."""
    from notifyplanner.roster import count_roster

    roster = tmp_path / "roster.csv"
    roster.write_text(TRIAL_ROSTER)
    dialog = RosterPreviewDialog(count_roster(roster), {"CA": 2200, "TX": 3, "FL": 85, "NY": None})
    qtbot.addWidget(dialog)
    text = _preview_text(dialog)
    assert "Replacing lowers 2 counts" in text
    assert "California 2,200 to 1" in text and "Florida 85 to none" in text
    assert "Texas" not in text.split("Replacing lowers")[1]  # 3 to 3: not lowered


def test_the_lists_hash_does_not_widen_the_residents_pane(window: MainWindow) -> None:
    """After an import, the 64-digit SHA-256 (one unbreakable word) made the residents
    summary 520 px wide at the least, and the splitter pushed the plan's columns off screen."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from notifyplanner.model import CountsSource

    view = window.incident_view
    view.residents_model.set_residents({"TX": 4})
    before = view.minimumSizeHint().width()
    sha = "9e608824fff34a7cbf52895ef9924d91e8e17df823793cab596e4087c5734c35"
    source = CountsSource("roster.csv", sha, 4, datetime(2026, 12, 3, 12, 48, tzinfo=UTC), empty_rows=2)
    view.set_incident(replace(view.incident(), counts_source=source))
    view.show_problems([])
    assert view.minimumSizeHint().width() <= before
    summary = view.residents_total.text()
    assert "SHA-256 9e608824 fff34a7c bf52895e" in summary  # in groups a line can break between
    assert "2 empty lines skipped" in summary
    assert sha in view.residents_total.toolTip()  # whole, to copy
