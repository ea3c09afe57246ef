"""Table models and helpers, tested without showing a window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from notifyplanner.engine import plan
from notifyplanner.model import DataElement, Incident, Rulebook, Status
from ui.dates import format_date, parse_date
from ui.models import (
    KEY_ROLE,
    SORT_ROLE,
    URGENCY_COLORS,
    CountError,
    CreditMonitoringModel,
    ObligationFilterProxy,
    ObligationTableModel,
    ResidentsFilterProxy,
    ResidentsModel,
    Urgency,
    days_left_text,
    parse_count,
    parse_pasted_counts,
    urgency,
)

DISCOVERED = date(2026, 10, 2)
INCIDENT = Incident(
    name="t",
    discovered=DISCOVERED,
    data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
    residents={"TX": 300, "CA": 600, "VT": 3},
)


@pytest.fixture
def the_plan(rulebook: Rulebook):
    return plan(INCIDENT, rulebook)


def test_obligation_model_shows_every_obligation(the_plan) -> None:
    model = ObligationTableModel()
    model.set_obligations(the_plan.obligations)
    model.set_view(today=date(2026, 10, 12), window=7, date_format="yyyy-MM-dd")
    assert model.rowCount() == len(the_plan.obligations)
    assert model.columnCount() == len(ObligationTableModel.HEADERS) == 8
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Jurisdiction"
    row = model.row_of("TX/attorney_general")
    assert row is not None
    ob = model.obligation(row)
    cells = [model.data(model.index(row, c)) for c in range(8)]
    assert cells[0] == "Texas (TX)"
    assert cells[1] == ob.recipient_text
    assert cells[2] == "required"
    assert cells[3].startswith(ob.deadline.isoformat())
    assert cells[4] == days_left_text((ob.deadline - date(2026, 10, 12)).days)
    assert ob.practical_send_by is not None  # the deadline falls on a Saturday
    assert cells[5] == f"{ob.practical_send_by.isoformat()} Fri"
    assert cells[6] == ""  # nothing recorded: the incident is not in the register
    assert cells[7] == ob.citation.cite
    assert model.data(model.index(row, 0), KEY_ROLE) == "TX/attorney_general"


def test_urgency_classes(the_plan) -> None:
    ob = next(o for o in the_plan.obligations if o.deadline is not None)
    assert urgency(ob, ob.deadline, 7) is Urgency.SOON
    assert urgency(ob, ob.deadline, 0) is Urgency.SOON  # due today is never "later"
    assert urgency(replace(ob, deadline=date(2026, 10, 1)), date(2026, 10, 12), 7) is Urgency.OVERDUE
    assert urgency(replace(ob, deadline=date(2026, 12, 1)), date(2026, 10, 12), 7) is Urgency.LATER
    assert urgency(replace(ob, deadline=None), date(2026, 10, 12), 7) is Urgency.NO_DATE
    assert urgency(replace(ob, status=Status.NOT_REQUIRED), date(2026, 10, 12), 7) is Urgency.NOT_REQUIRED


def test_colours_follow_urgency(the_plan) -> None:
    model = ObligationTableModel()
    model.set_obligations(the_plan.obligations)
    model.set_view(today=date(2027, 6, 1), window=7, date_format="yyyy-MM-dd")  # everything dated is overdue
    row = model.row_of("TX/attorney_general")
    brush = model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == URGENCY_COLORS[Urgency.OVERDUE][0]
    assert "overdue" in model.data(model.index(row, ObligationTableModel.DAYS_LEFT))


def test_date_format_is_the_preference_not_the_locale(the_plan) -> None:
    model = ObligationTableModel()
    model.set_obligations(the_plan.obligations)
    model.set_view(today=date(2026, 10, 12), window=7, date_format="d MMM yyyy")
    row = model.row_of("TX/attorney_general")
    ob = model.obligation(row)
    assert model.data(model.index(row, 3)).startswith(format_date(ob.deadline, "d MMM yyyy"))
    assert format_date(date(2026, 10, 2), "d MMM yyyy") == "2 Oct 2026"
    assert format_date(date(2026, 10, 2), "MM/dd/yyyy") == "10/02/2026"
    assert parse_date("10/02/2026", "MM/dd/yyyy") == date(2026, 10, 2)
    assert parse_date("2026-10-02", "MM/dd/yyyy") == date(2026, 10, 2)  # ISO always works
    assert parse_date("2026-02-30") is None
    assert parse_date("") is None


def test_proxy_sorts_by_deadline_and_filters(the_plan) -> None:
    model = ObligationTableModel()
    model.set_obligations(the_plan.obligations)
    model.set_view(today=date(2026, 10, 12), window=7, date_format="yyyy-MM-dd")
    proxy = ObligationFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(ObligationTableModel.DEADLINE, Qt.SortOrder.AscendingOrder)
    keys = [proxy.data(proxy.index(r, 3), SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys)
    first = model.obligation(proxy.mapToSource(proxy.index(0, 0)).row())
    assert first.deadline == min(o.deadline for o in the_plan.obligations if o.deadline)
    proxy.set_text("texas attorney")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_show_not_required(False)
    statuses = {
        model.obligation(proxy.mapToSource(proxy.index(r, 0)).row()).status for r in range(proxy.rowCount())
    }
    assert Status.NOT_REQUIRED not in statuses


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), ("  ", ""), ("?", None), ("unknown", None), ("1,234", 1234), ("0", 0), (" 42 ", 42)],
)
def test_parse_count(text: str, expected: object) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-3", "12.5", "lots", "1e3"])
def test_parse_count_rejects(text: str) -> None:
    with pytest.raises(CountError):
        parse_count(text)


def test_residents_model_edits(qtbot) -> None:
    model = ResidentsModel()
    model.set_residents({"TX": 10, "PR": None, "AS": 4})
    assert model.rowCount() == 54
    tx = model.index(model.row_of("TX"), ResidentsModel.COUNT)
    assert model.data(tx) == "10"
    assert model.data(model.index(model.row_of("PR"), 2)) == "unknown"
    assert model.flags(tx) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.residents_changed):
        assert model.setData(tx, "1,250")
    assert model.residents()["TX"] == 1250
    with qtbot.waitSignal(model.rejected):
        assert not model.setData(tx, "many")
    assert model.residents()["TX"] == 1250
    assert model.setData(tx, "")
    assert "TX" not in model.residents()
    assert model.residents()["AS"] == 4  # codes outside the 54 are kept, not lost
    assert "1 with number unknown: PR" in model.summary()


def test_residents_summary_and_filter() -> None:
    model = ResidentsModel()
    model.set_residents({"TX": 1000, "CA": 234})
    assert model.summary() == "Total: 1,234 residents in 2 jurisdictions"
    proxy = ResidentsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("virgin")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["VA", "WV", "VI"]
    proxy.set_text("tx")
    assert proxy.rowCount() == 1


def test_paste_two_columns() -> None:
    text = "State\tResidents\nTexas\t1,200\nca\t30\nPuerto Rico\t?\nNarnia\t5\nTX\t5\nOhio\tmany\n"
    counts, problems = parse_pasted_counts(text)
    assert counts == {"TX": 1205, "CA": 30, "PR": None}
    assert len(problems) == 2
    counts, problems = parse_pasted_counts("California,1,234\nNew York; 7\n")
    assert counts == {"CA": 1234, "NY": 7}
    assert problems == []


def test_credit_monitoring_model(rulebook: Rulebook) -> None:
    incident = replace(INCIDENT, residents={"CT": 100, "DE": 10, "MA": 10}, source_of_breach=True)
    duties = plan(incident, rulebook).credit_monitoring
    model = CreditMonitoringModel()
    model.set_duties(duties)
    assert model.rowCount() == len(duties)
    if duties:
        duty = duties[0]
        assert model.data(model.index(0, 2)) == str(duty.months)
        assert model.data(model.index(0, 3)) == (format_date(duty.starts) or "-")


def test_send_by_shows_the_last_business_day_before_a_weekend_deadline(the_plan) -> None:
    from dataclasses import replace

    ob = replace(the_plan.obligations[0], deadline=date(2026, 10, 31), practical_send_by=date(2026, 10, 30))
    model = ObligationTableModel()
    model.set_obligations((ob,))
    model.set_view(today=date(2026, 10, 12), window=7, date_format="MM/dd/yyyy")
    assert model.data(model.index(0, ObligationTableModel.SEND_BY)) == "10/30/2026 Fri"
    assert model.headerData(ObligationTableModel.SEND_BY, Qt.Orientation.Horizontal) == "Send by"
