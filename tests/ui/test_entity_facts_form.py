"""The organisation's facts for the letters: typed in the form, saved, reopened as they were,
and refused with the core's own words when the file could not be read back."""

from __future__ import annotations

from pathlib import Path

from notifyplanner.incident_file import dumps, loads, read_incident, write_incident
from notifyplanner.model import EntityFacts, Incident
from ui.entity_facts_form import EntityFactsForm, problem_of
from ui.incident_form import IncidentForm

FACTS = EntityFacts(
    name="Acme Health, Inc.",
    phone="+1 555 0100",
    toll_free_phone="1-800-555-0199",
    email="privacy@acme.example",
    postal_address="1 Main St\r\nSuite 2\r\nSpringfield, IL 62701",
    what_happened="On 2026-09-01 an attacker entered our mail server.\n\nWe found it on 2026-09-03.",
    steps_taken="We reset every password\nand hired a forensic firm.",
)


def _typed(form: EntityFactsForm, key: str, text: str) -> None:
    widget = form.fields[key]
    if hasattr(widget, "setPlainText"):
        widget.setPlainText(text)
    else:
        widget.setText(text)
        widget.textEdited.emit(text)


def test_typed_facts_are_saved_and_reopened_faithfully(qtbot, tmp_path: Path) -> None:
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(Incident(name="Mail server"))
    with qtbot.waitSignal(form.changed):
        _typed(form.entity_facts, "name", FACTS.name)
    for key in ("phone", "toll_free_phone", "email", "postal_address", "what_happened", "steps_taken"):
        _typed(form.entity_facts, key, getattr(FACTS, key))
    saved = form.incident()
    assert form.form_problems() == []
    # Typed CR LF comes back as LF (Qt's editor normalises it); everything else as typed.
    assert saved.entity == EntityFacts(
        **{**FACTS.__dict__, "postal_address": "1 Main St\nSuite 2\nSpringfield, IL 62701"}
    )
    path = tmp_path / "case.json"
    write_incident(saved, path)
    reopened = IncidentForm()
    qtbot.addWidget(reopened)
    reopened.set_incident(read_incident(path))
    assert reopened.incident() == saved
    assert reopened.entity_facts.fields["what_happened"].toPlainText() == FACTS.what_happened


def test_a_file_opened_and_saved_untouched_keeps_its_line_breaks(qtbot) -> None:
    incident = Incident(name="x", entity=FACTS)
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(loads(dumps(incident)))
    assert dumps(form.incident()) == dumps(incident)  # CR LF in the address kept


def test_no_facts_saves_no_entity_key(qtbot) -> None:
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(Incident(name="x"))
    assert '"entity"' not in dumps(form.incident())


def test_a_fact_the_core_refuses_is_shown_under_its_field_and_saved_as_empty(qtbot) -> None:
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(Incident(name="x"))
    _typed(form.entity_facts, "email", "privacy at acme")
    _typed(form.entity_facts, "phone", "555 0100")
    problems = form.form_problems()
    assert [p.field for p in problems] == ["entity.email"]
    core = problem_of("email", "privacy at acme")
    assert core == "expected an e-mail address (name@example.org)"
    assert problems[0].message == f"{core}; it is saved as empty"
    form.show_problems(problems)
    assert form.problem_text("entity.email") == problems[0].message
    assert not form.entity_facts.problem_labels["entity.email"].isHidden()
    assert form.entity_facts.problem_labels["entity.phone"].isHidden()
    saved = form.incident()
    assert saved.entity == EntityFacts(phone="555 0100")  # never a value the file could not reopen
    assert loads(dumps(saved)) == saved


def test_text_over_the_core_limit_is_refused_by_the_core_rule(qtbot) -> None:
    form = EntityFactsForm()
    qtbot.addWidget(form)
    _typed(form, "steps_taken", "x" * 20_001)
    assert [p.field for p in form.problems()] == ["entity.steps_taken"]
    assert form.facts().steps_taken == ""


def test_a_refused_fact_makes_the_window_dirty_and_saving_asks(window, dialogs) -> None:
    """Typed into a saved incident, a bad e-mail changes nothing saved: without this the
    window closed without asking and the typed text was lost."""
    window.set_incident(Incident(name="x"), None)
    assert not window.is_dirty()
    _typed(window.form.entity_facts, "email", "privacy at acme")
    assert window.form.form_problems_text_only() == ["E-mail (letters): 'privacy at acme'"]
    assert window.is_dirty()
    dialogs.answer = dialogs.answer.Cancel
    assert not window._confirm_saveable(window.current_incident())
    assert dialogs.titles() == ["Some fields cannot be saved as typed"]
