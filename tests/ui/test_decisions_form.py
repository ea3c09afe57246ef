"""The decisions form: every recorded fact survives the form, and the statute's own
conditions show beside a determination."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from notifyplanner.incident_file import read_incident
from notifyplanner.model import (
    Circumstance,
    DataElement,
    Decision,
    DecisionKind,
    EntityAttribute,
    EntityRole,
    Incident,
    Rulebook,
    Status,
)
from tests.ui.conftest import Dialogs
from ui.decisions_form import DecisionsForm
from ui.main_window import MainWindow

DECIDED = Incident(
    name="Decided",
    entity_role=EntityRole.COVERED_ENTITY,
    discovered=date(2026, 10, 2),
    hhs_notified=date(2026, 10, 20),
    data_elements=frozenset({DataElement.NAME, DataElement.MEDICAL, DataElement.SSN}),
    residents={"FL": 40, "GA": 12},
    entity_attributes={EntityAttribute.INFORMATION_BROKER: False, EntityAttribute.GOVERNMENT_AGENCY: False},
    circumstances={Circumstance.NOTICE_REFERS_TO_CREDIT_REPORTS: True},
    decisions=(
        Decision("HIPAA", DecisionKind.HIPAA_FOUR_FACTOR, "notify", date(2026, 10, 3), "first look"),
        Decision(
            "HIPAA",
            DecisionKind.HIPAA_FOUR_FACTOR,
            "no_notice",
            date(2026, 10, 6),
            "Privacy Officer",
            (("acquired_or_viewed", "Not viewed"), ("mitigation", "Deleted, attested")),
        ),
        Decision(
            "FL",
            DecisionKind.NO_RISK_OF_HARM,
            "no_notice",
            date(2026, 10, 8),
            "GC",
            (("financial_harm", "card numbers were truncated"),),
            True,
        ),
        Decision("all_states", DecisionKind.NO_RISK_OF_HARM, "notify", None, "", (), None),
    ),
)


def test_every_decision_round_trips_through_the_form(qtbot, rulebook: Rulebook) -> None:
    form = DecisionsForm()
    qtbot.addWidget(form)
    form.set_rulebook(rulebook)
    form.set_facts(DECIDED)
    assert replace(DECIDED, **form.facts()) == DECIDED


def test_the_statute_conditions_show_beside_a_state_determination(qtbot, rulebook: Rulebook) -> None:
    form = DecisionsForm(discovered=lambda: date(2026, 10, 2))
    qtbot.addWidget(form)
    form.set_rulebook(rulebook)
    form.set_facts(DECIDED)
    form.table.setCurrentCell(0, 0)
    text = form.conditions.text()
    assert "501.171(4)(c)" in text and "law enforcement" in text and "Department of Legal Affairs" in text


def test_a_state_without_the_exception_says_so(qtbot, rulebook: Rulebook) -> None:
    form = DecisionsForm()
    qtbot.addWidget(form)
    form.set_rulebook(rulebook)
    form.set_facts(replace(DECIDED, decisions=(Decision("IL", DecisionKind.NO_RISK_OF_HARM, "no_notice"),)))
    form.table.setCurrentCell(0, 0)
    assert "NO risk-of-harm exception" in form.conditions.text()


def test_answering_in_the_app_changes_the_plan(make_window, qtbot) -> None:
    window: MainWindow = make_window()
    window.set_incident(replace(DECIDED, decisions=()), None, saved=False)
    assert window.current_plan() is not None
    hipaa = next(o for o in window.current_plan().obligations if o.key == "HIPAA/individuals")
    assert hipaa.status is Status.REQUIRED
    form = window.form.decisions
    with qtbot.waitSignal(form.changed, timeout=1000):
        form.hipaa_conclusion.setCurrentIndex(form.hipaa_conclusion.findData("no_notice"))
    window.replan()
    hipaa = next(o for o in window.current_plan().obligations if o.key == "HIPAA/individuals")
    assert hipaa.status is Status.NOT_REQUIRED


def test_saving_keeps_every_decision(make_window, dialogs: Dialogs, tmp_path: Path) -> None:
    window: MainWindow = make_window()
    window.set_incident(DECIDED, None, saved=False)
    assert window.current_incident() == DECIDED
    assert window.save()  # into the register: the decisions are part of the facts version
    case_id = window.session.case_id
    assert case_id is not None
    assert window.open_case(case_id)
    assert window.current_incident() == DECIDED
    dialogs.save_name = str(tmp_path / "decided")
    assert window.export_incident()
    assert read_incident(tmp_path / "decided.json") == DECIDED


def test_an_unreadable_decision_date_is_named_not_silently_dropped(make_window) -> None:
    window: MainWindow = make_window()
    window.set_incident(DECIDED, None, saved=False)
    window.form.decisions.hipaa_date.line.setText("2026-13-45")
    problems = window.form.form_problems()
    assert any(p.field == "decisions" and "2026-13-45" in p.message for p in problems)
