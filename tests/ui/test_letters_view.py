"""Issue 14, the Letters tab: the groups and their checklists, and Export letters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from notifyplanner.incident_file import read_incident
from ui.main_window import MainWindow

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_the_letters_tab_shows_the_hipaa_letter_and_its_checklist(window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    view = window.letters_view
    assert window.plan.tabs.indexOf(view) >= 0
    assert view.group_table.rowCount() == 1
    assert view.group_table.item(0, 1).text() == "HIPAA, CA, NY"
    elements = [view.checklist.item(r, 0).text() for r in range(view.checklist.rowCount())]
    assert "Description of the incident" in elements
    assert any("164.404(c)" in view.checklist.item(r, 2).text() for r in range(view.checklist.rowCount()))


def test_export_letters_writes_the_drafts_and_letters_json(window: MainWindow, tmp_path: Path) -> None:
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    out = window.letters_view.export(str(tmp_path))
    assert out == tmp_path
    document = json.loads((tmp_path / "letters.json").read_text(encoding="utf-8"))
    assert (tmp_path / document["groups"][0]["file"]).is_file()


def test_a_broken_templates_folder_in_preferences_warns_and_writes_nothing(
    window: MainWindow, dialogs, tmp_path: Path
) -> None:
    (tmp_path / "tpl").mkdir()
    window.settings.letter_templates = str(tmp_path / "tpl")
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    (tmp_path / "out").mkdir()
    assert window.letters_view.export(str(tmp_path / "out")) is None
    assert dialogs.titles() == ["Letters not exported"]
    assert list((tmp_path / "out").iterdir()) == []


def test_one_letter_reads_as_one_and_a_long_reason_is_readable_whole(window: MainWindow) -> None:
    """Trial, 2026-12-03: "1 letter(s)", and the reason cut to "...ride wit..." with no tip."""
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    view = window.letters_view
    assert view.summary.text() == "1 letter for the individual notices owed."
    reason = view.group_table.item(0, 3)
    assert reason.toolTip() == reason.text() and len(reason.text()) > 100


def _column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_each_member_shows_its_own_deadline_not_only_the_earliest(window: MainWindow) -> None:
    """The letter is due by CA's date, but Maryland's and Texas's clocks are their own."""
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    view = window.letters_view
    assert view.group_table.item(0, 2).text() == "2026-12-02"
    assert _column(view.deadlines, 0) == ["AR", "CA", "IA", "MD", "TX", "VT"]
    own = dict(zip(_column(view.deadlines, 0), _column(view.deadlines, 2), strict=True))
    assert own["CA"] == "2026-12-02"
    assert own["MD"] == "2026-12-17, and without unreasonable delay before it"
    assert own["AR"] == "no fixed date"
    assert own["TX"].startswith("2027-01-01 (conservative")


def test_the_letters_tab_writes_dates_in_the_users_format(window: MainWindow) -> None:
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    window.settings.date_format = "MM/dd/yyyy"
    window._apply_preferences()
    view = window.letters_view
    assert view.group_table.item(0, 2).text() == "12/02/2026"
    own = dict(zip(_column(view.deadlines, 0), _column(view.deadlines, 2), strict=True))
    assert own["MD"] == "12/17/2026, and without unreasonable delay before it"
    assert own["CA"] == "12/02/2026"
    window.replan()  # a new plan keeps the format
    assert view.group_table.item(0, 2).text() == "12/02/2026"


def test_the_details_pane_describes_the_selected_letter(window: MainWindow) -> None:
    """Trial, 2026-12-03: with a letter selected the pane said "Select a notice in the table"."""
    window.set_incident(read_incident(SAMPLES / "retailer-card-skimming.json"), None)
    window.plan.tabs.setCurrentWidget(window.letters_view)
    text = window.plan.details.toPlainText()
    assert "Select a notice" not in text
    assert "Letter 1 (state law)" in text and "Serves: AR, CA, IA, MD, TX, VT" in text
    assert "MD: 2026-12-17, and without unreasonable delay before it" in text
    assert window.letters_view.groups[0].split_reason in text
    placeholders = window.letters_view.open_placeholders(1, window.letters_view.groups[0])
    assert "NAME OF YOUR ORGANIZATION" in placeholders
    assert "NAME OF YOUR ORGANIZATION" in text


def test_a_fact_typed_in_the_form_closes_its_placeholder(window: MainWindow) -> None:
    from dataclasses import replace

    from notifyplanner.model import EntityFacts

    sample = read_incident(SAMPLES / "retailer-card-skimming.json")
    window.set_incident(replace(sample, entity=EntityFacts(name="Acme Stores")), None)
    window.plan.tabs.setCurrentWidget(window.letters_view)
    assert "NAME OF YOUR ORGANIZATION" not in window.plan.details.toPlainText()
    window.plan.tabs.setCurrentIndex(0)  # back on the plan, the notice's own details
    assert "Letter 1" not in window.plan.details.toPlainText()


def test_the_export_letters_button_asks_for_a_folder_and_writes_the_drafts(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    """The button, not only the method: clicked(bool) handed False to export() as the folder,
    so a click raised TypeError and nothing was asked or written."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def choose(_parent: object, title: str, *_args: object, **_kw: object) -> str:
        asked.append(title)
        return str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    window.letters_view.export_button.click()
    assert asked == ["Folder for the letter drafts"]
    assert (tmp_path / "letters.json").is_file()


def test_exporting_letters_of_a_register_incident_goes_on_its_log(window: MainWindow, tmp_path: Path) -> None:
    """Every other export of a register incident is logged (README: History); the letter
    drafts, what is mailed to people, were not."""
    window.set_incident(read_incident(SAMPLES / "hims-hers-2026.json"), None)
    assert window.save()
    window.letters_view.export(str(tmp_path))
    entries = window.session.service.register.log(window.session.case_id)
    exports = [e for e in entries if e.action == "export"]
    assert [e.detail["format"] for e in exports] == ["letter drafts"]
    assert exports[0].detail["to"] == str(tmp_path)


def test_a_letter_already_mailed_says_so_and_a_partly_sent_one_is_due_by_its_open_members(
    window: MainWindow,
) -> None:
    """Newcomer's trial: "Send by 2026-03-07" stayed on a letter the register records as mailed."""
    from tests.recorded import HIMS, hims_records, notice

    window.set_incident(read_incident(HIMS), None)
    view = window.letters_view
    assert view.group_table.item(0, 2).text() == "2026-03-07"
    records = hims_records(window._plan, (notice("CA/individuals", sent_on=date(2026, 3, 6)),))
    view.set_records(records)
    assert view.group_table.item(0, 2).text() == "2026-04-06 (1 of 3 members done)"
    assert "sent 2026-03-06" in view.details_html()
    view.set_records(hims_records(window._plan))  # CA and the HIPAA letter (NY rides on it)
    assert view.group_table.item(0, 2).text() == "done: every member sent or decided"
    view.set_records(None)
    assert view.group_table.item(0, 2).text() == "2026-03-07"
