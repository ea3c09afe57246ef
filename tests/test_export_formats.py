"""export.formats: one dispatcher makes every export's bytes for the command line and the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from notifyplanner.cli import SAMPLE_INCIDENT
from notifyplanner.engine import plan
from notifyplanner.export.formats import FORMATS, plan_bytes
from notifyplanner.incident_file import read_incident
from notifyplanner.rulebook import load_rulebook
from notifyplanner.safe_read import InputError

AS_OF = date(2026, 10, 9)
MAGIC = {"xlsx": b"PK\x03\x04", "ics": b"BEGIN:VCALENDAR", "pdf": b"%PDF-"}


@pytest.fixture(scope="module")
def sample():
    rules = load_rulebook()
    return plan(read_incident(SAMPLE_INCIDENT), rules), rules


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_makes_its_own_kind_of_file(sample, fmt: str, tmp_path: Path):
    result, rules = sample
    assert plan_bytes(fmt, result, as_of=AS_OF, out=tmp_path / f"plan.{fmt}", rulebook=rules).startswith(
        MAGIC[fmt]
    )


def test_an_unknown_format_and_a_workbook_without_its_rulebook_are_refused(sample, tmp_path: Path):
    result, _rules = sample
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        plan_bytes("docx", result, as_of=AS_OF, out=tmp_path / "plan.docx")
    with pytest.raises(TypeError, match="rulebook"):
        plan_bytes("xlsx", result, as_of=AS_OF, out=tmp_path / "plan.xlsx")


def test_an_earlier_calendar_is_read_through_the_cap(sample, tmp_path: Path):
    result, _rules = sample
    out = tmp_path / "plan.ics"
    with out.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: a gigabyte that costs no disk
    with pytest.raises(InputError):
        plan_bytes("ics", result, as_of=AS_OF, out=out)
