"""ui.window_exports: the app's exports say and refuse what the command line's do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from notifyplanner.cli import SAMPLE_INCIDENT


def test_the_apps_export_says_the_same_as_the_command_line_when_a_checklist_cannot_be_laid_out(
    monkeypatch, tmp_path: Path
) -> None:
    """The app showed ReportLab's "Flowable <Table...> too large" where the CLI said what to shorten."""
    from reportlab.platypus.doctemplate import LayoutError

    import notifyplanner.export.pdf as pdf_module
    from notifyplanner.engine import plan
    from notifyplanner.incident_file import read_incident
    from notifyplanner.rulebook import load_rulebook
    from ui.window_exports import _export_bytes

    def too_tall(*args, **kwargs):
        raise LayoutError("Flowable <Table> too large on page 2")

    monkeypatch.setattr(pdf_module.SimpleDocTemplate, "build", too_tall)
    rules = load_rulebook()
    result = plan(read_incident(SAMPLE_INCIDENT), rules)
    with pytest.raises(pdf_module.ChecklistLayoutError, match="shorten it"):
        _export_bytes("pdf", result, rules, date(2026, 10, 12), tmp_path / "plan.pdf")


def test_the_apps_calendar_export_reads_an_earlier_file_with_the_command_lines_cap(tmp_path: Path) -> None:
    """The app read the earlier calendar whole (a 100 MB calendar took 700 MB to parse); the
    command line went through safe_read's cap. Both do now."""
    from notifyplanner.engine import plan
    from notifyplanner.incident_file import read_incident
    from notifyplanner.rulebook import load_rulebook
    from notifyplanner.safe_read import InputError
    from ui.window_exports import _export_bytes

    out = tmp_path / "plan.ics"
    with out.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: a gigabyte that costs no disk
    rules = load_rulebook()
    with pytest.raises(InputError):
        _export_bytes("ics", plan(read_incident(SAMPLE_INCIDENT), rules), rules, date(2026, 10, 12), out)
