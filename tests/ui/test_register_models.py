"""The register's table models and the Sent column, tested without showing a window."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from notifyplanner.engine import plan
from notifyplanner.model import DataElement, Incident, Rulebook
from notifyplanner.register.audit import GENESIS
from notifyplanner.register.grading import grade_plan
from notifyplanner.register.records import (
    AuditEntry,
    CaseSummary,
    HhsLogRow,
    LateReason,
    Method,
    Notice,
    NoticeAction,
)
from ui.history_view import entry_html
from ui.models import SORT_ROLE, URGENCY_COLORS, ObligationTableModel, Urgency, sent_text
from ui.register_models import (
    CASE_ROLE,
    HhsLogModel,
    HistoryModel,
    RegisterFilterProxy,
    RegisterModel,
    summary_of,
)

AT = datetime(2026, 10, 12, 14, 3, tzinfo=UTC)
INCIDENT = Incident(
    name="t",
    discovered=date(2026, 8, 3),
    data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
    residents={"TX": 300, "CA": 600},
)
TODAY = date(2026, 10, 12)


def summary(case_id: int, name: str, **kw: object) -> CaseSummary:
    values: dict[str, object] = {
        "id": case_id,
        "name": name,
        "discovered": date(2026, 3, 1),
        "affected": 1200,
        "facts_version": 1,
        "controlling_deadline": date(2026, 3, 31),
        "next_due": None,
        "overdue": 0,
        "pending": 0,
        "sent": 0,
        "skipped": 0,
        "retain_until": date(2032, 4, 2),
        "plan_current": True,
    } | kw
    return CaseSummary(**values)  # type: ignore[arg-type]


def sent(key: str, on: date, **kw: object) -> Notice:
    return Notice(1, key, NoticeAction.SENT, AT, "officer", sent_on=on, method=Method.MAIL, **kw)  # type: ignore[arg-type]


@pytest.fixture
def graded_model(rulebook: Rulebook) -> tuple[ObligationTableModel, dict[str, object]]:
    result = plan(INCIDENT, rulebook)
    ca = next(o for o in result.obligations if o.key == "CA/individuals")
    tx = next(o for o in result.obligations if o.key == "TX/attorney_general")
    assert ca.deadline is not None and ca.deadline < TODAY  # the facts make CA's notice due already
    notices = {
        "CA/individuals": sent(
            "CA/individuals",
            ca.deadline + timedelta(days=26),
            late_reason=LateReason.SCOPE_BEING_DETERMINED,
        )
    }
    model = ObligationTableModel()
    model.set_obligations(result.obligations)
    model.set_view(today=TODAY, window=7, date_format="yyyy-MM-dd")
    model.set_grades({g.key: g for g in grade_plan(result, notices, TODAY)})
    return model, {"ca": ca, "tx": tx}


def test_sent_late_is_not_coloured_like_overdue(graded_model) -> None:
    model, obs = graded_model
    ca_row, tx_row = model.row_of("CA/individuals"), model.row_of("TX/attorney_general")
    assert model.urgency_of(obs["ca"]) is Urgency.SENT_LATE
    assert model.urgency_of(obs["tx"]) is Urgency.OVERDUE  # not sent, past due
    late = model.data(model.index(ca_row, 0), Qt.ItemDataRole.BackgroundRole).color().name()
    overdue = model.data(model.index(tx_row, 0), Qt.ItemDataRole.BackgroundRole).color().name()
    assert late == URGENCY_COLORS[Urgency.SENT_LATE][0] != overdue == URGENCY_COLORS[Urgency.OVERDUE][0]
    assert model.data(model.index(ca_row, ObligationTableModel.DAYS_LEFT)) == "sent 26 days late"
    sent_on = (obs["ca"].deadline + timedelta(days=26)).isoformat()
    assert model.data(model.index(ca_row, ObligationTableModel.SENT)) == f"{sent_on} mail"
    assert model.data(model.index(tx_row, ObligationTableModel.SENT)) == ""
    assert "overdue" in model.data(model.index(tx_row, ObligationTableModel.DAYS_LEFT))


def test_sent_on_the_deadline_day_is_on_time(rulebook: Rulebook) -> None:
    result = plan(INCIDENT, rulebook)
    ca = next(o for o in result.obligations if o.key == "CA/individuals")
    grades = grade_plan(result, {ca.key: sent(ca.key, ca.deadline)}, TODAY)
    model = ObligationTableModel()
    model.set_obligations(result.obligations)
    model.set_view(today=TODAY, window=7, date_format="yyyy-MM-dd")
    model.set_grades({g.key: g for g in grades})
    row = model.row_of(ca.key)
    assert model.urgency_of(ca) is Urgency.SENT
    assert model.data(model.index(row, ObligationTableModel.DAYS_LEFT)) == "sent on time"


def test_an_hours_deadline_sent_on_its_day_asks_to_check_the_time(rulebook: Rulebook) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    result = plan(INCIDENT, rulebook)
    ca = next(o for o in result.obligations if o.key == "CA/individuals")
    hours = replace(
        ca, deadline_at=datetime(ca.deadline.year, ca.deadline.month, ca.deadline.day, 16, tzinfo=UTC)
    )
    grades = grade_plan(replace(result, obligations=(hours,)), {ca.key: sent(ca.key, ca.deadline)}, TODAY)
    model = ObligationTableModel()
    model.set_obligations((hours,))
    model.set_view(today=TODAY, window=7, date_format="yyyy-MM-dd")
    model.set_grades({g.key: g for g in grades})
    assert model.urgency_of(hours) is Urgency.SENT
    cell = model.data(model.index(model.row_of(ca.key), ObligationTableModel.DAYS_LEFT))
    assert cell == "sent on the deadline day: check the time"


def test_a_decision_not_to_send_is_shown_as_such(rulebook: Rulebook) -> None:
    result = plan(INCIDENT, rulebook)
    skipped = Notice(
        1, "TX/attorney_general", NoticeAction.SKIPPED, AT, "officer", skip_reason="fewer than 250"
    )
    grade = next(g for g in grade_plan(result, [skipped], TODAY) if g.key == skipped.key)
    assert sent_text(grade) == "decided not to send"
    model = ObligationTableModel()
    model.set_obligations(result.obligations)
    model.set_grades({grade.key: grade})
    assert model.urgency_of(grade.obligation) is Urgency.DECIDED


def test_register_model_cells_sort_and_filter() -> None:
    cases = [
        summary(1, "Pharmacy ransomware", overdue=2, pending=3, sent=5, next_due=date(2026, 10, 20)),
        summary(2, "Lost laptop", affected=None, next_due=None, skipped=1, sent=4),
        summary(3, "Mailing error", next_due=date(2026, 10, 14), pending=1),
    ]
    model = RegisterModel()
    model.set_cases(cases)
    assert model.columnCount() == len(RegisterModel.HEADERS)
    cell = lambda row, col: model.data(model.index(row, col))  # noqa: E731
    assert cell(0, RegisterModel.NAME) == "Pharmacy ransomware"
    assert cell(0, RegisterModel.AFFECTED) == "1,200"
    assert cell(1, RegisterModel.AFFECTED) == ""
    assert cell(0, RegisterModel.NEXT_DUE) == "2026-10-20"
    assert cell(1, RegisterModel.SENT) == "4 (+1 not sent)"
    assert cell(0, RegisterModel.RETAIN) == "2032-04-02"
    assert model.data(model.index(0, RegisterModel.OVERDUE), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(2, RegisterModel.OVERDUE), Qt.ItemDataRole.BackgroundRole) is None
    proxy = RegisterFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(RegisterModel.NEXT_DUE, Qt.SortOrder.AscendingOrder)
    order = [proxy.data(proxy.index(r, 0), CASE_ROLE) for r in range(3)]
    assert order == [3, 1, 2]  # soonest first, nothing due last
    proxy.set_text("laptop")
    assert [proxy.data(proxy.index(r, 0), CASE_ROLE) for r in range(proxy.rowCount())] == [2]
    proxy.set_text("")
    proxy.set_open_only(True)
    assert sorted(proxy.data(proxy.index(r, 0), CASE_ROLE) for r in range(proxy.rowCount())) == [1, 3]
    assert model.data(model.index(model.row_of(1), RegisterModel.OVERDUE), SORT_ROLE) == 2  # type: ignore[arg-type]
    assert [model.case(r).id for r in range(3)] == [3, 1, 2]  # the model itself sorts (fast)


def test_history_model_and_entry_page_show_the_diff() -> None:
    facts = AuditEntry(
        1,
        2,
        AT,
        "officer",
        "facts",
        {
            "facts_version": 2,
            "note": "",
            "changes": [{"field": "residents.TX", "from": 300, "to": 900}],
            "plan": {
                "added": [],
                "dropped": [],
                "deadlines_moved": [],
                "status_changed": [{"key": "TX/attorney_general", "from": "not_required", "to": "required"}],
            },
        },
        prev=GENESIS,
        hash="ab" * 32,
    )
    sent_entry = AuditEntry(
        1,
        3,
        AT,
        "officer",
        "notice_sent",
        {"key": "CA/individuals", "sent_on": "2026-04-02", "method": "mail"},
    )
    model = HistoryModel()
    model.set_entries([facts, sent_entry])
    assert model.data(model.index(0, HistoryModel.WHAT)) == "Facts saved"
    assert model.data(model.index(0, HistoryModel.DETAIL)) == "version 2; 1 field changed; 1 plan change"
    assert summary_of(sent_entry) == "CA/individuals; sent 2026-04-02; by mail"
    page = entry_html(facts)
    assert "residents.TX" in page and "300" in page and "900" in page
    assert "Status changed" in page and "TX/attorney_general" in page
    model.set_first_bad(3)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_hhs_log_model() -> None:
    rows = [
        HhsLogRow(4, "Misdirected fax", 12, date(2026, 2, 3), date(2027, 3, 1), None),
        HhsLogRow(5, "Stolen tablet", None, date(2026, 7, 9), date(2027, 3, 1), date(2027, 1, 15)),
    ]
    model = HhsLogModel()
    model.set_rows(rows, "MM/dd/yyyy")
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "Misdirected fax",
        "02/03/2026",
        "12",
        "03/01/2027",
        "not yet",
    ]
    assert model.data(model.index(1, HhsLogModel.AFFECTED)) == "unknown"
    assert model.data(model.index(1, HhsLogModel.SUBMITTED)) == "01/15/2027"
    assert model.data(model.index(1, 0), CASE_ROLE) == 5


def test_summary_model_keeps_no_stale_rows() -> None:
    model = RegisterModel()
    model.set_cases([summary(1, "a")])
    model.set_cases([replace(summary(2, "b"))])
    assert model.rowCount() == 1 and model.row_of(1) is None and model.row_of(2) == 0


def test_a_log_entry_reads_in_words_not_python_values() -> None:
    """Newcomer's trial: an export's page said "unsaved edits False", a plan change
    "required -> not_required"."""
    export = AuditEntry(
        1,
        9,
        AT,
        "P. Officer",
        "export",
        {"to": "/x/plan.pdf", "format": "PDF checklist", "unsaved_edits": False},
    )
    page = entry_html(export)
    assert "unsaved edits</b></td><td>no<" in page and "False" not in page
    saved = AuditEntry(
        1,
        2,
        AT,
        "P. Officer",
        "facts_saved",
        {
            "plan": {
                "status_changed": [{"key": "TX/attorney_general", "from": "required", "to": "not_required"}]
            }
        },
    )
    assert "not required" in entry_html(saved) and "not_required" not in entry_html(saved)
