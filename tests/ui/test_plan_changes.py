"""What a save changed in the plan, as the app says it (ui.plan_changes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from notifyplanner.engine import plan
from notifyplanner.model import DataElement, EntityRole, Incident, Rulebook
from notifyplanner.register.changes import plan_diff
from ui.main_window import MainWindow
from ui.plan_changes import plan_change_lines

CLINIC = Incident(
    name="Phishing: billing mailbox",
    entity_role=EntityRole.COVERED_ENTITY,
    breach_start=date(2026, 11, 14),
    breach_end=date(2026, 11, 17),
    discovered=date(2026, 11, 18),
    determined=date(2026, 11, 25),
    data_elements=frozenset({DataElement.NAME, DataElement.SSN, DataElement.MEDICAL}),
    residents={"TX": 640, "NY": 1250, "CA": 2200, "FL": 85, "IL": 40},
)
FROM_THE_LIST = replace(CLINIC, residents={"TX": 4, "NY": 2, "CA": 3, "FL": 1, "IL": 1})


def test_a_notice_no_longer_required_is_said_once_by_its_recipient(rulebook: Rulebook) -> None:
    """Newcomer's trial: "deadline moved: CA/attorney_general 2027-01-02 -> none" and, further
    down, "status changed: CA/attorney_general required -> not_required" for one change."""
    before, after = plan(CLINIC, rulebook), plan(FROM_THE_LIST, rulebook)
    lines = plan_change_lines(plan_diff(before, after), before, after, "yyyy-MM-dd")
    text = "\n".join(lines)
    assert "No longer required: California (CA): Attorney General (was required, due 2027-01-02)" in lines
    assert sum("California (CA): Attorney General" in line for line in lines) == 1
    assert "Now required: HIPAA: HHS Secretary (OCR): annual log" in text and "due 2027-03-01" in text
    assert (
        "Deadline moved: Illinois (IL): Attorney General: after notifying HHS: 2027-01-25 to 2027-03-08"
        in lines
    )
    for machine_word in ("-> none", "not_required", "CA/attorney_general", "HIPAA/media/"):
        assert machine_word not in text


def test_the_dates_follow_the_chosen_format(rulebook: Rulebook) -> None:
    before, after = plan(CLINIC, rulebook), plan(FROM_THE_LIST, rulebook)
    lines = plan_change_lines(plan_diff(before, after), before, after, "MM/dd/yyyy")
    assert any("01/25/2027 to 03/08/2027" in line for line in lines)


def test_saving_shows_the_changes_in_the_tables_words(window: MainWindow, dialogs) -> None:
    window.set_incident(CLINIC, None)
    assert window.save()
    window.residents_model.set_residents(dict(FROM_THE_LIST.residents), notify=True)
    assert window.save()
    shown = [text for kind, title, text in dialogs.calls if title == "What changed in the plan"]
    assert shown and "No longer required: Texas (TX): Attorney General" in shown[-1]
    assert "-> none" not in shown[-1]
