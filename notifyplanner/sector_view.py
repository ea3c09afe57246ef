"""Sector and foreign rules as people read them: the README's second coverage table and
``rules show SEC-8K``. Their rules turn on the entity profile and on instants, so they do
not fit the breach statutes' columns (individuals, AG, credit monitoring)."""

from __future__ import annotations

from datetime import date

from notifyplanner.deadlines import describe
from notifyplanner.model import Jurisdiction, ObligationRule, Rulebook, weakest
from notifyplanner.rulebook import SECTOR_KINDS

SECTOR_HEADERS = ["Rule", "Owed by (profile)", "Notice", "Clock", "Version from", "Last reviewed", "Checked"]


def _who(rule: ObligationRule) -> str:
    trig = rule.trigger
    text = " or ".join(s.value for s in sorted(trig.sectors))
    if trig.also_sectors:
        text += " and " + " and ".join(s.value for s in sorted(trig.also_sectors))
    if trig.except_sectors:
        text += ", not " + ", ".join(s.value for s in sorted(trig.except_sectors))
    if trig.insurance_min_residents:
        text += f"; domicile, or >= {trig.insurance_min_residents:,} residents"
    if trig.min_total_affected:
        text += f"; >= {trig.min_total_affected:,} in all"
    return text


def _clock(rule: ObligationRule, j: Jurisdiction) -> str:
    text = describe(rule.deadline)
    if "business days" in text:
        cal = j.holidays
        where = "federal" if cal.subdivision is None else cal.subdivision
        text += f" ({where} holidays)"
    return text


def sector_rows(rulebook: Rulebook) -> list[list[str]]:
    """One row per notice of each sector or foreign rule, from its latest version."""
    rows = []
    for code in sorted(c for c, j in rulebook.jurisdictions.items() if j.kind in SECTOR_KINDS):
        j = rulebook.jurisdictions[code]
        v = j.latest
        check = weakest(c.checked for _, c in v.citations()).label
        for rule in v.obligations:
            rows.append(
                [
                    f"{code} ({j.name})",
                    _who(rule),
                    f"{rule.id} ({rule.recipient.value})",
                    _clock(rule, j),
                    v.effective_from.isoformat(),
                    j.last_reviewed.isoformat(),
                    check,
                ]
            )
    return rows


def sector_coverage_markdown(rulebook: Rulebook) -> str:
    rows = sector_rows(rulebook)
    if not rows:
        return ""
    lines = ["| " + " | ".join(SECTOR_HEADERS) + " |", "|" + "---|" * len(SECTOR_HEADERS)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def show_sector_rule(j: Jurisdiction, on: date | None = None) -> str:
    from notifyplanner.rules_view import calendar_text, source_text, version_closing, version_heading

    lines, version = version_heading(j, on)
    if version is None:
        return "\n".join(lines)
    lines.append(f"Rule: {source_text(version.statute)}")
    days = calendar_text(j.holidays) if j.holidays.country else "weekends only (its clocks count hours)"
    lines.append(f"Business days: {days}")
    if version.law_enforcement is not None:
        le = version.law_enforcement
        lines.append(f"Government delay: {'allowed' if le.allowed else 'not provided'} [{le.citation.cite}]")
        if le.notes:
            lines.append(f"  {le.notes}")
    lines.append("Notices:")
    for r in version.obligations:
        lines.append(
            f"  - {r.id}: {r.office} ({r.recipient.value}); owed by {_who(r)}; {describe(r.deadline)}"
        )
        lines.append(f'      clock starts: "{r.trigger_text}"; {source_text(r.citation)}')
        if r.filing:
            lines.append(f"      filing: {r.filing}")
        if r.notes:
            lines.append(f"      notes: {r.notes}")
    lines += version_closing(version)
    return "\n".join(lines)
