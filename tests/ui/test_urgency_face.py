"""The app's table colours a notice by the core's urgency rule (issue 12, item 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt

import notifyplanner.urgency as core
from notifyplanner.engine import plan
from notifyplanner.model import DataElement, Incident, Rulebook, Status
from ui import models
from ui.models import URGENCY_COLORS, ObligationTableModel, Urgency

INCIDENT = Incident(
    name="t",
    discovered=date(2026, 10, 2),
    data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
    residents={"TX": 300},
)


def test_the_table_uses_the_core_rule():
    assert models.urgency is core.urgency and models.Urgency is core.Urgency
    assert set(URGENCY_COLORS) == set(Urgency)  # every class the core can answer has a colour


def test_an_undetermined_notice_past_its_date_is_overdue_and_says_so(rulebook: Rulebook):
    found = plan(INCIDENT, rulebook)
    ob = next(o for o in found.obligations if o.deadline is not None and o.status is Status.REQUIRED)
    undetermined = replace(ob, status=Status.UNDETERMINED)
    model = ObligationTableModel()
    model.set_obligations((undetermined,))
    model.set_view(today=ob.deadline + timedelta(days=1), window=7, date_format="yyyy-MM-dd")
    assert model.urgency_of(undetermined) is Urgency.OVERDUE
    assert model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole).endswith(
        "overdue (undetermined)"
    )
