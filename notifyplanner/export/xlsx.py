"""Where the app and the command line import the workbook exporter from.

The exporter itself is the ``export/workbook/`` package (one module per sheet, the cell
rules in ``workbook/cells.py``); this module keeps the old import path working.
"""

from __future__ import annotations

from notifyplanner.export.common import FORMULA_PREFIXES
from notifyplanner.export.workbook import SHEETS, plan_to_xlsx
from notifyplanner.export.workbook.cells import set_text, sheet_title
from notifyplanner.export.workbook.timeline import MAX_TIMELINE_COLUMNS, WEEKLY_AFTER_DAYS

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_TIMELINE_COLUMNS",
    "SHEETS",
    "WEEKLY_AFTER_DAYS",
    "plan_to_xlsx",
    "set_text",
    "sheet_title",
]
