"""One urgency rule for the app and the workbook (issue 12, item 11).

The rule is the core's (``notifyplanner.urgency``); the workbook writes it as an Excel
formula. These tests state the rule case by case, then evaluate the formulas the workbook
actually holds (tests/excel_formula.py) on a table of cases and require the same answer,
colour included, as the function the app calls.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from notifyplanner.cli import SAMPLE_INCIDENT
from notifyplanner.engine import plan as make_plan
from notifyplanner.export.workbook import obligations as checklist
from notifyplanner.export.xlsx import plan_to_xlsx
from notifyplanner.incident_file import read_incident
from notifyplanner.model import DeadlineKind, Obligation, Plan, Rulebook, Status
from notifyplanner.register.grading import grade_obligation
from notifyplanner.register.records import Notice, NoticeAction
from notifyplanner.urgency import Urgency, check_window, urgency, urgency_text
from tests.excel_formula import evaluate, serial

TODAY = date(2026, 10, 20)


@pytest.fixture(scope="module")
def sample_plan(rulebook: Rulebook) -> Plan:
    return make_plan(read_incident(SAMPLE_INCIDENT), rulebook)


@pytest.fixture(scope="module")
def owed(sample_plan: Plan) -> Obligation:
    return next(o for o in sample_plan.obligations if o.status is Status.REQUIRED and o.deadline)


def sent(ob: Obligation, on: date) -> Notice:
    return Notice(
        case_id=1,
        key=ob.key,
        action=NoticeAction.SENT,
        recorded_at=datetime(2026, 10, 20, tzinfo=UTC),
        recorded_by="t",
        sent_on=on,
    )


# --------------------------------------------------------------------------- the rule


def test_the_rule_case_by_case(owed: Obligation):
    def at(days: int | None, status: Status = Status.REQUIRED) -> Obligation:
        deadline = None if days is None else TODAY + timedelta(days=days)
        kind = DeadlineKind.NO_FIXED_DEADLINE if days is None else DeadlineKind.FIXED
        return replace(owed, deadline=deadline, deadline_kind=kind, status=status)

    assert urgency(at(-1), TODAY, 7) is Urgency.OVERDUE
    assert urgency(at(0), TODAY, 7) is Urgency.SOON
    assert urgency(at(0), TODAY, 0) is Urgency.SOON  # due today is never "later"
    assert urgency(at(7), TODAY, 7) is Urgency.SOON
    assert urgency(at(8), TODAY, 7) is Urgency.LATER
    assert urgency(at(8), TODAY, 14) is Urgency.SOON  # the window is the user's
    assert urgency(at(None), TODAY, 7) is Urgency.NO_DATE
    assert urgency(at(-30, Status.NOT_REQUIRED), TODAY, 7) is Urgency.NOT_REQUIRED
    # May be owed and its date has passed: a risk, shown as overdue, and said so.
    undetermined = at(-1, Status.UNDETERMINED)
    assert urgency(undetermined, TODAY, 7) is Urgency.OVERDUE
    assert urgency_text(undetermined, Urgency.OVERDUE) == "overdue (undetermined)"
    assert urgency_text(at(-1), Urgency.OVERDUE) == "overdue"


def test_a_recorded_notice_comes_first(owed: Obligation):
    late = grade_obligation(owed, sent(owed, owed.deadline + timedelta(days=3)), TODAY)
    on_time = grade_obligation(owed, sent(owed, owed.deadline), TODAY)
    skipped = grade_obligation(owed, replace(sent(owed, TODAY), action=NoticeAction.SKIPPED), TODAY)
    assert urgency(owed, TODAY, 7, late) is Urgency.SENT_LATE
    assert urgency(owed, TODAY, 7, on_time) is Urgency.SENT
    assert urgency(owed, TODAY, 7, skipped) is Urgency.DECIDED


@pytest.mark.parametrize("bad", [-1, 366, 1.5, True, "7"])
def test_a_window_that_is_not_days_is_refused(bad):
    with pytest.raises((TypeError, ValueError), match="due-soon window"):
        check_window(bad)


def test_the_workbook_refuses_a_bad_window(sample_plan: Plan, rulebook: Rulebook):
    with pytest.raises(ValueError, match="due-soon window"):
        plan_to_xlsx(sample_plan, rulebook, made_on=TODAY, due_soon_days=-3)


# --------------------------------------------------------------------------- both faces agree

OFFSETS = (None, -10, -1, 0, 1, 7, 8, 14, 15, 40)
SENT = (None, "before", "after")


def cases(owed: Obligation) -> list[tuple[Obligation, date | None]]:
    """Every status x deadline x 'sent on' combination, each with its own key."""
    out = []
    for number, (status, offset, when) in enumerate(product(Status, OFFSETS, SENT)):
        deadline = None if offset is None else TODAY + timedelta(days=offset)
        kind = DeadlineKind.NO_FIXED_DEADLINE if deadline is None else DeadlineKind.FIXED
        ob = replace(
            owed,
            obligation_id=f"case{number}",
            status=status,
            deadline=deadline,
            deadline_kind=kind,
            practical_send_by=None,
        )
        base = deadline or TODAY
        sent_on = None if when is None else base + timedelta(days=-1 if when == "before" else 2)
        out.append((ob, sent_on))
    return out


def cell_value(value: object) -> object:
    if isinstance(value, datetime):
        return serial(value.date())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.mark.parametrize("window", [0, 7, 14])
def test_the_workbook_and_the_app_agree_on_every_case(
    sample_plan: Plan, owed: Obligation, rulebook: Rulebook, window: int
):
    table = cases(owed)
    plan = replace(sample_plan, obligations=tuple(ob for ob, _ in table))
    book = load_workbook(io.BytesIO(plan_to_xlsx(plan, rulebook, made_on=TODAY, due_soon_days=window)))
    ws, details = book["Obligations"], book["Details"]
    heads = {c.value: c.column_letter for c in ws[1]}
    key_col = next(c.column for c in details[1] if c.value == "Obligation id")
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    by_key = {ob.key: (ob, sent_on) for ob, sent_on in table}
    looks = {look.fill: level for level, look in checklist.LOOKS.items()}
    for row in range(2, len(table) + 2):
        ob, sent_on = by_key[details.cell(row=row, column=key_col).value]
        cells = {f"{c.column_letter}{row}": cell_value(c.value) for c in ws[row]}
        if sent_on is not None:  # the team types the date it went out
            cells[f"{heads['Sent on']}{row}"] = serial(sent_on)
        grade = grade_obligation(ob, sent(ob, sent_on), TODAY) if sent_on else None
        expected = urgency(ob, TODAY, window, grade)
        shown = evaluate(ws[f"{heads['Urgency (live)']}{row}"].value, cells, TODAY)
        assert shown == urgency_text(ob, expected), (ob.status, ob.deadline, sent_on)
        # Shifted to row 2, where the conditional formats are written (relative references).
        first = {ref.replace(str(row), "2"): value for ref, value in cells.items()}
        first[f"{heads['Urgency (live)']}2"] = shown
        colour = next(r for r in rules if evaluate(r.formula[0], first, TODAY))
        fill = colour.dxf.fill.fgColor.rgb[-6:] if colour.dxf.fill is not None else None
        assert looks[fill] is expected, (ob.status, ob.deadline, sent_on)


def test_with_a_register_record_the_workbook_and_the_app_still_agree(
    sample_plan: Plan, owed: Obligation, rulebook: Rulebook
):
    """A register case's workbook: the recorded dates sit in 'Sent on' and a decision not to
    send in the record column; every case still reads and colours as the app's rule."""
    from notifyplanner.export.records import recorded_from

    table = cases(owed)
    plan = replace(sample_plan, obligations=tuple(ob for ob, _ in table))
    grades = []
    for number, (ob, sent_on) in enumerate(table):
        if number % 4 == 3:  # a decision not to send, whatever the date
            grades.append(grade_obligation(ob, replace(sent(ob, TODAY), action=NoticeAction.SKIPPED), TODAY))
        elif sent_on is not None:
            grades.append(grade_obligation(ob, sent(ob, sent_on), TODAY))
    by_key_grade = {g.key: g for g in grades}
    payload = plan_to_xlsx(plan, rulebook, made_on=TODAY, records=recorded_from(grades))
    ws, details = (book := load_workbook(io.BytesIO(payload)))["Obligations"], book["Details"]
    heads = {c.value: c.column_letter for c in ws[1]}
    key_col = next(c.column for c in details[1] if c.value == "Obligation id")
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    looks = {look.fill: level for level, look in checklist.looks_for({}).items()}
    for row in range(2, len(table) + 2):
        key = details.cell(row=row, column=key_col).value
        ob = next(o for o, _ in table if o.key == key)
        cells = {f"{c.column_letter}{row}": cell_value(c.value) for c in ws[row]}
        expected = urgency(ob, TODAY, 7, by_key_grade.get(key))
        shown = evaluate(ws[f"{heads['Urgency (live)']}{row}"].value, cells, TODAY)
        assert shown == urgency_text(ob, expected), (ob.status, ob.deadline, key)
        first = {ref.replace(str(row), "2"): value for ref, value in cells.items()}
        first[f"{heads['Urgency (live)']}2"] = shown
        colour = next(r for r in rules if evaluate(r.formula[0], first, TODAY))
        fill = colour.dxf.fill.fgColor.rgb[-6:] if colour.dxf.fill is not None else None
        assert looks[fill] is expected, (ob.status, ob.deadline, key)


def test_the_summary_states_the_window(sample_plan: Plan, rulebook: Rulebook):
    ws = load_workbook(io.BytesIO(plan_to_xlsx(sample_plan, rulebook, made_on=TODAY, due_soon_days=3)))[
        "Summary"
    ]
    texts = [c.value for row in ws.iter_rows(max_col=2) for c in row if isinstance(c.value, str)]
    assert "due within 3 days (live)" in texts
    assert any("within 3 days: the urgency setting this workbook was made with" in t for t in texts)
    formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not any("<=7" in f for f in formulas)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offset=st.integers(min_value=-400, max_value=400),
    step=st.integers(min_value=1, max_value=400),
    window=st.integers(min_value=0, max_value=365),
    status=st.sampled_from([Status.REQUIRED, Status.UNDETERMINED]),
)
def test_urgency_only_grows_as_the_days_pass(owed: Obligation, offset, step, window, status):
    """Later never follows due soon, due soon never follows overdue: a notice left alone
    only gets more urgent, whatever the window."""
    order = [Urgency.LATER, Urgency.SOON, Urgency.OVERDUE]
    ob = replace(owed, status=status, deadline=TODAY + timedelta(days=offset))
    before = urgency(ob, TODAY, window)
    after = urgency(ob, TODAY + timedelta(days=step), window)
    assert order.index(after) >= order.index(before)
    assert (before is Urgency.OVERDUE) == (offset < 0)
