"""The Sources sheet: every citation the plan relies on, once each, with what it was used
for and how closely it was checked, so counsel can check each rule against its text."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from notifyplanner.export.common import notice_label
from notifyplanner.export.workbook.cells import CellValue, Column, end_list, header_row, link, put_row
from notifyplanner.model import CheckLevel, Citation, Plan, Rulebook, weakest
from notifyplanner.report import sorted_obligations

SHEET = "Sources"

SOURCE_COLUMNS = (
    Column("where", "Where", 7),
    Column("name", "Jurisdiction", 16, wrap=True),
    Column("used_for", "Used for", 24, wrap=True),
    Column("citation", "Citation", 32, wrap=True),
    Column("checked", "Checked against", 14, wrap=True),
    Column("open", "Link", 6),
    Column("url", "Address", 46, wrap=True),
    Column("read_at", "Text read at", 30, wrap=True),
    Column("version", "Rule in force since", 11),
    Column("enacted_by", "Version enacted by", 36, wrap=True),
    Column("reviewed", "Rules last reviewed", 11),
)
STATUTE_USE = "the statute as a whole"


@dataclass
class _Source:
    code: str
    name: str
    cite: str
    url: str
    used_for: list[str]
    checked: CheckLevel = CheckLevel.SECONDARY
    read_at: str = ""


def _sources(plan: Plan, rulebook: Rulebook) -> list[_Source]:
    """Every citation the plan relies on, once each, with what it was used for."""
    found: dict[tuple[str, str, str], _Source] = {}

    def add(code: str, name: str, citation: Citation, use: str) -> None:
        cite, url = citation.cite, citation.url
        source = found.setdefault(
            (code, cite, url), _Source(code, name, cite, url, [], citation.checked, citation.read_at)
        )
        # one row per pin cite: it is only as checked as the weakest value resting on it
        source.checked = weakest((source.checked, citation.checked))
        source.read_at = source.read_at or citation.read_at
        if use not in source.used_for:
            source.used_for.append(use)

    for version in plan.versions:
        add(version.jurisdiction, version.name, version.statute, STATUTE_USE)
    for ob in sorted_obligations(plan):
        add(
            ob.jurisdiction,
            ob.jurisdiction_name,
            ob.citation,
            f"notice: {notice_label(ob)}",
        )
    for duty in plan.credit_monitoring:
        add(
            duty.jurisdiction,
            duty.jurisdiction_name,
            duty.citation,
            "credit monitoring",
        )
    for code in sorted({ob.jurisdiction for ob in plan.obligations if ob.non_business_day}):
        jurisdiction = rulebook.get(code)
        if jurisdiction is not None and jurisdiction.computation_of_time is not None:
            cite = jurisdiction.computation_of_time
            add(
                code,
                jurisdiction.name,
                cite,
                "computation of time (deadline on a non-business day)",
            )
    order = {v.jurisdiction: i for i, v in enumerate(plan.versions)}
    return sorted(
        found.values(),
        key=lambda s: (order.get(s.code, len(order)), s.code, STATUTE_USE not in s.used_for, s.cite),
    )


def sources_sheet(ws: Worksheet, plan: Plan, rulebook: Rulebook) -> None:
    """Citations and links, so counsel can check each rule against the text it encodes."""
    header_row(ws, 1, SOURCE_COLUMNS)
    versions = {v.jurisdiction: v for v in plan.versions}
    row = 1
    for row, source in enumerate(_sources(plan, rulebook), start=2):
        version = versions.get(source.code)
        values: dict[str, CellValue] = {
            "where": source.code,
            "name": source.name,
            "used_for": "; ".join(source.used_for),
            "citation": source.cite,
            "open": "open" if source.url.lower().startswith(("https://", "http://")) else "",
            "url": source.url,
            "checked": source.checked.label,
            "read_at": source.read_at,
            "version": version.effective_from if version else None,
            "enacted_by": version.enacted_by if version else "",
            "reviewed": version.last_reviewed if version else None,
        }
        cells = put_row(ws, row, SOURCE_COLUMNS, values)
        if values["open"]:
            link(cells["open"], source.url)
    end_list(ws, "Sources", SOURCE_COLUMNS, row, freeze="C2")


__all__ = ["SHEET", "sources_sheet"]
