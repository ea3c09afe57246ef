"""ui.incident_form: the incident's facts as the user reads and types them."""

from __future__ import annotations

from pathlib import Path

from notifyplanner.incident_file import read_incident
from ui.incident_form import IncidentForm

HIMS = Path(__file__).resolve().parents[2] / "resources" / "samples" / "hims-hers-2026.json"


def test_a_long_name_opens_at_its_start(qtbot) -> None:
    """The walkthrough's screenshot showed "...tomer-support ticket system (public dates...)":
    the field opened scrolled to the end of the name."""
    form = IncidentForm()
    qtbot.addWidget(form)
    incident = read_incident(HIMS)
    form.set_incident(incident)
    assert form.name.text() == incident.name
    assert form.name.cursorPosition() == 0
