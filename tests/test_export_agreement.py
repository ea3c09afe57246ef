"""The same notice reads alike in the workbook, the PDF checklist and the calendar.

Each exporter is tested on its own elsewhere; this reads the three back for every bundled
sample and compares them notice by notice, so a date, a send-by day, a status or a label
that one export words differently from the others is caught here (the app's table reads
the same Obligation through ``report.deadline_text`` and ``STATUS_WORDS``).
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from notifyplanner.engine import plan as make_plan
from notifyplanner.export.common import notice_label
from notifyplanner.export.ics import plan_to_ics
from notifyplanner.export.pdf import plan_to_pdf
from notifyplanner.export.workbook.obligations import time_due
from notifyplanner.export.xlsx import plan_to_xlsx
from notifyplanner.incident_file import read_incident
from notifyplanner.model import Plan, Rulebook, Status
from notifyplanner.report import STATUS_WORDS, deadline_text

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("*.json"))
MADE_ON = date(2026, 10, 20)


def _workbook_rows(result: Plan, rulebook: Rulebook) -> dict[str, dict[str, object]]:
    """Obligations sheet rows by obligation key (the Details sheet holds the key)."""
    book = load_workbook(io.BytesIO(plan_to_xlsx(result, rulebook, made_on=MADE_ON)))
    sheet, details = book["Obligations"], book["Details"]
    names = [c.value for c in sheet[1]]
    key_col = [c.value for c in details[1]].index("Obligation id") + 1
    rows = {}
    for r in range(2, len(result.obligations) + 2):
        values = {name: sheet.cell(r, col).value for col, name in enumerate(names, start=1)}
        rows[details.cell(r, key_col).value] = values
    return rows


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_notice_reads_alike_in_the_workbook_the_pdf_and_the_calendar(sample: Path, rulebook: Rulebook):
    result = make_plan(read_incident(sample), rulebook)
    rows = _workbook_rows(result, rulebook)
    calendar = Calendar.from_ical(plan_to_ics(result, exported_at=datetime(2026, 10, 20, tzinfo=UTC)))
    events = {
        str(e["UID"]).split(".", 1)[1].removesuffix("@notifyplanner"): e for e in calendar.walk("VEVENT")
    }
    reader = PdfReader(io.BytesIO(plan_to_pdf(result, as_of=MADE_ON)))
    body = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    owed_part = body.split("Examined and not required")[0]
    for ob in result.obligations:
        row, label = rows[ob.key], notice_label(ob)
        assert row["Status"] == STATUS_WORDS[ob.status], ob.key
        if ob.deadline is not None:
            assert _day(row["Deadline"]) == ob.deadline, ob.key
        else:
            assert row["Deadline"] == deadline_text(ob), ob.key
        assert _day(row["Send by (practical)"]) == ob.practical_send_by, ob.key
        assert row["Time due (UTC offset)"] == time_due(ob), ob.key
        event = events.get(ob.key)
        if ob.status is Status.NOT_REQUIRED or ob.deadline is None:
            assert event is None, f"{ob.key}: a calendar date would misstate it"
            continue
        assert str(event["SUMMARY"]).startswith(f"{ob.jurisdiction}: {label}"), ob.key
        start = event["DTSTART"].dt
        if ob.deadline_at is not None:
            assert start == ob.deadline_at, ob.key
        else:
            assert start == (ob.practical_send_by or ob.deadline), ob.key
        assert label in owed_part, ob.key
        assert deadline_text(ob) in owed_part, ob.key
        if ob.practical_send_by is not None:
            assert f"Send by {ob.practical_send_by.isoformat()}" in owed_part, ob.key
