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
