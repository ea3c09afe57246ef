"""Exports under hostile text and dates, and writes that fail part-way (issue 15)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from notifyplanner.cli import SAMPLE_INCIDENT
from notifyplanner.engine import plan
from notifyplanner.export.xlsx import MAX_TIMELINE_COLUMNS, plan_to_xlsx
from notifyplanner.incident_file import atomic_write_bytes, read_incident

CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ufffe\uffff"


@pytest.fixture(scope="module")
def sample():
    return read_incident(SAMPLE_INCIDENT)


def cells(data: bytes, sheet: str) -> list[object]:
    workbook = load_workbook(io.BytesIO(data))
    return [v for row in workbook[sheet].iter_rows(values_only=True) for v in row if v is not None]


def test_text_xml_cannot_hold_is_replaced_visibly(sample, rulebook) -> None:
    incident = replace(sample, name=f"Breach{CONTROL}name", notes=f"notes{CONTROL}end")
    data = plan_to_xlsx(plan(incident, rulebook), rulebook, made_on=date(2026, 10, 12))
    values = cells(data, "Summary")
    assert f"Breach{chr(0xFFFD) * len(CONTROL)}name" in values


def test_a_year_9999_today_does_not_break_the_writer(sample, rulebook) -> None:
    data = plan_to_xlsx(plan(sample, rulebook), rulebook, made_on=date(9999, 12, 31))
    assert date(9999, 12, 31) in [v.date() if hasattr(v, "date") else v for v in cells(data, "Summary")]


def test_the_timeline_is_bounded_when_dates_are_a_century_apart(sample, rulebook) -> None:
    incident = replace(
        sample,
        discovered=date(2019, 1, 1),
        determined=None,
        breach_start=None,
        breach_end=None,
        individuals_notified=date(2100, 12, 31),
    )
    data = plan_to_xlsx(plan(incident, rulebook), rulebook, made_on=date(2026, 10, 12))
    sheet = load_workbook(io.BytesIO(data))["Timeline"]
    assert sheet.max_column <= MAX_TIMELINE_COLUMNS + 3
    assert str(sheet["A1"].value).startswith("No timeline: the deadlines run from discovery 2019-01-01")


def test_a_failed_write_leaves_the_previous_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"previous")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_temp_files_of_a_killed_writer_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    # A writer killed mid-write: its process is gone, its temp file is not.
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(child.stdout)
    stale = tmp_path / f".case.json.{dead}-abc123.tmp"
    stale.write_bytes(b"half")
    other = tmp_path / ".other.json.1-x.tmp"  # another file's temp, or not ours to judge
    other.write_bytes(b"x")
    atomic_write_bytes(target, b"{}")
    assert not stale.exists()
    assert other.exists()
    assert target.read_bytes() == b"{}"


def test_cli_xlsx_failure_leaves_nothing_at_the_output(tmp_path: Path, capsys) -> None:
    from notifyplanner.cli import main

    out = tmp_path / "missing-folder" / "plan.xlsx"
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-12", "--xlsx", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not out.parent.exists()


def test_plan_exports_are_all_or_nothing(tmp_path: Path, capsys) -> None:
    """A later export that cannot be written (a folder in the way of the PDF) takes back the
    workbook and calendar written before it: exit 2 means nothing was written."""
    from notifyplanner.cli import SAMPLE_INCIDENT, main

    xlsx, ics, pdf = tmp_path / "plan.xlsx", tmp_path / "plan.ics", tmp_path / "plan.pdf"
    ics.write_bytes(b"an earlier calendar")
    pdf.mkdir()
    code = main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-12", "--xlsx", str(xlsx), "--ics", str(ics), "--pdf", str(pdf)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert not xlsx.exists()
    assert ics.read_bytes() == b"an earlier calendar"


@pytest.mark.parametrize("field", ["name", "notes"])
@pytest.mark.parametrize("text", ["a" * (1 << 20), "lorem ipsum " * 1000])
def test_a_checklist_with_a_huge_name_or_notes_is_made_with_them_cut_visibly(
    tmp_path: Path, capsys, field: str, text: str
) -> None:
    """A megabyte-long word in the notes made a table cell taller than any page
    (ReportLab's LayoutError), and a 20,000-character name took minutes to break into
    lines; both print now, cut with a note saying where the whole text is."""
    import json

    from pypdf import PdfReader

    from notifyplanner.cli import main

    data = json.loads(SAMPLE_INCIDENT.read_text(encoding="utf-8"))
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({**data, field: text}), encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    code = main(["plan", str(incident), "--today", "2026-10-12", "--pdf", str(pdf)])
    err = capsys.readouterr().err
    assert code == 0, err
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert re.search(r"cut: [\d,]+ characters", " ".join(pages.split()))


def test_a_checklist_with_every_organisation_fact_at_its_longest_is_made(tmp_path: Path, capsys) -> None:
    """Each organisation fact may hold 20,000 characters (incident_entity.MAX_CHARS); cut to
    1,500 characters each, a row of capitals or digits was still taller than a page and no
    checklist could be printed. Cells are now cut to what they can print."""
    import json

    from pypdf import PdfReader

    from notifyplanner.cli import main

    data = json.loads(SAMPLE_INCIDENT.read_text(encoding="utf-8"))
    long = {"name": "N" * 20000, "phone": "5" * 20000, "toll_free_phone": "8" * 20000,
            "email": "a@" + "W" * 19990, "postal_address": "M" * 20000,
            "what_happened": "W" * 20000, "steps_taken": "@" * 20000}  # fmt: skip
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({**data, "entity": long}), encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    code = main(["plan", str(incident), "--today", "2026-10-12", "--pdf", str(pdf)])
    err = capsys.readouterr().err
    assert code == 0, err
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert len(re.findall(r"cut: [\d,]+ characters", " ".join(pages.split()))) >= 4


def test_a_checklist_that_cannot_be_laid_out_is_one_line_and_no_pdf(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    import notifyplanner.export.pdf as pdf_module
    from notifyplanner.cli import main

    def too_tall(*args, **kwargs):
        raise LayoutError("Flowable <Table> too large on page 2")

    monkeypatch.setattr(pdf_module.SimpleDocTemplate, "build", too_tall)
    pdf = tmp_path / "plan.pdf"
    code = main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-12", "--pdf", str(pdf)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot lay out the checklist" in err, err
    assert "Flowable" not in err
    assert not pdf.exists()


def test_a_huge_name_is_cut_in_each_calendar_event(tmp_path: Path) -> None:
    """The name is every event's summary: a 1 MB name made a 115 MB calendar (870 MB of
    memory, 23 s). It is cut, visibly, and the events keep their identity (the whole name's
    hash), so an earlier export still updates."""
    from datetime import UTC, datetime

    from notifyplanner.export.ics import plan_to_ics
    from tests.jurisdictions.statute import rulebook

    incident = replace(read_incident(SAMPLE_INCIDENT), name="a" * 100_000)
    payload = plan_to_ics(plan(incident, rulebook()), exported_at=datetime(2026, 10, 12, tzinfo=UTC))
    assert len(payload) < 1_000_000
    assert "…".encode() in payload


def test_an_earlier_calendar_past_its_cap_is_refused_before_reading(tmp_path: Path, capsys) -> None:
    """The earlier calendar at OUT is read to update its events; one of 100 MB took 15 s
    and 700 MB of memory to parse. Refused by size, as every other input is."""
    from notifyplanner.cli import main

    ics = tmp_path / "plan.ics"
    with ics.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: costs no disk
    code = main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-12", "--ics", str(ics)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "the limit is 16 MB" in err
    assert ics.stat().st_size == 20 * 1024 * 1024


def test_a_hostile_register_record_is_text_in_every_export(rulebook) -> None:
    """A reference or reason of any length, with markup, a formula or control characters,
    as the register keeps it: each export prints it as text and still lays out."""
    from datetime import UTC, datetime

    from icalendar import Calendar

    from notifyplanner.export.ics import plan_to_ics
    from notifyplanner.export.pdf import plan_to_pdf
    from notifyplanner.register.records import LateReason
    from tests.recorded import AS_OF, HIMS, SENT_ON, hims_records, notice

    hostile = f"=cmd|' /C calc'!A0 <b>&amp;</b>{CONTROL}\n" + "W" * 30_000
    result = plan(read_incident(HIMS), rulebook)
    records = hims_records(
        result,
        (
            notice(
                "CA/individuals",
                sent_on=SENT_ON,
                reference=hostile,
                late_reason=LateReason.OTHER,
                late_reason_text=hostile,
            ),
            notice("HIPAA/media/CA", skip_reason=hostile),
        ),
    )
    data = plan_to_xlsx(result, rulebook, made_on=AS_OF, records=records)
    book = load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "cmd|" in cell.value:
                    assert cell.data_type == "s", cell.coordinate
        assert all((d.height or 0) <= 409 for d in ws.row_dimensions.values()), ws.title
    assert plan_to_pdf(result, as_of=AS_OF, records=records).startswith(b"%PDF-")
    calendar = Calendar.from_ical(
        plan_to_ics(result, exported_at=datetime(2026, 4, 20, tzinfo=UTC), records=records)
    )
    assert any("<b>&amp;</b>" in str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT"))
