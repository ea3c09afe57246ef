"""What every exporter shares: text cleaning, date words and the incident's facts.

The workbook, the PDF checklist and the calendar file each once cleaned text and listed the
incident's facts their own way, so the same incident read differently on paper and in
Excel. The rules that do not depend on the format live here; each exporter applies them in
its medium (``export/workbook/cells.py`` for Excel cells, ``pdf.py`` for ReportLab
paragraphs, ``ics.py`` for iCalendar TEXT). No third-party import here: loading the PDF or
calendar exporter must not load openpyxl, and the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from notifyplanner.decisions import decision_text
from notifyplanner.instants import instant_text
from notifyplanner.model import Incident, Obligation, Plan, Recipient, Sector
from notifyplanner.places import JURISDICTIONS

# What XML 1.0 cannot hold (an .xlsx is XML): C0 controls but tab and LF, plus U+FFFE/U+FFFF
# and lone surrogates (which openpyxl lets through, producing a workbook nothing can open).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What print and calendar text drop: every control but tab and LF (RFC 5545 3.3.11 allows no
# other), DEL, and what no encoder can write (lone surrogates, non-characters).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # shows where a character was, instead of silently dropping it

# OWASP "CSV injection": a cell starting with one of these may be read as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value: str, *, visible: bool = False, limit: int | None = None) -> str:
    """User text any exporter can write: line ends as LF, unwritable characters handled.

    ``visible`` replaces what XML forbids with U+FFFD, so the reader of a workbook cell (data
    someone may check against a source) sees that something was there; otherwise control
    characters are dropped, as a printed page or a calendar shows a box or nothing for them.
    A bare CR would not survive an XML file anyway (it reads back as LF). ``limit`` cuts the
    result (Excel's cell limit).
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = XML_ILLEGAL.sub(REPLACEMENT, value) if visible else UNPRINTABLE.sub("", value)
    return value if limit is None else value[:limit]


def cut_line(value: str, limit: int) -> str:
    """User text on one line (runs of white space as one space, unwritable characters
    handled as everywhere), cut visibly past ``limit``: a box or a cell that must not grow."""
    value = " ".join(clean_text(value.replace("\t", " ")).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def looks_like_formula(value: str) -> bool:
    """True for text a spreadsheet might evaluate; a leading line break counts, as CR does."""
    return value.startswith((*FORMULA_PREFIXES, "\n"))


def day_text(value: date | None, missing: str = "not entered") -> str:
    """A date as every export prints it, ISO 8601 (never a locale accident), or ``missing``."""
    return value.isoformat() if value is not None else missing


def yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def notice_label(ob: Obligation) -> str:
    """Who the notice goes to, as every export names it: the obligation's own label when the
    rules give one ("Attorney General: preliminary notice"), else the recipient."""
    label = getattr(ob, "label", "")
    return label if isinstance(label, str) and label else ob.recipient_text


def office_text(ob: Obligation) -> str:
    """The office to print under the notice's label, or "" when it would only repeat it.

    A sector regulator's rule names the notice by its office ("New York Superintendent of
    Financial Services: notice of an extortion payment"), so label and office are one text:
    printed twice, the PDF's cell read as two notices (seen rendered)."""
    office = ob.office.strip()
    label = notice_label(ob)
    if not office or office in (label, ob.recipient.label) or label.startswith(f"{office}: "):
        return ""
    return office


NO_FILING = "No filing channel in the rules; see the citation."
TO_EACH_PERSON = "Notice to each person; see the citation for the forms allowed."


def filing_text(ob: Obligation) -> str:
    """How to file, as the checklist prints it: the rule's own words, else what is known.

    A notice to individuals is not filed anywhere; saying it has "no filing channel" read
    as if a regulator's portal were missing (seen rendered)."""
    if ob.filing:
        return ob.filing
    return TO_EACH_PERSON if ob.recipient is Recipient.INDIVIDUALS else NO_FILING


FactValue = str | int | date


@dataclass(frozen=True)
class Fact:
    """One line of the incident's facts: a label and a value (a date stays a date, so the
    workbook can write a real Excel date; :func:`fact_text` is its printed form)."""

    label: str
    value: FactValue


def fact_text(value: FactValue) -> str:
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, int):
        return f"{value:,}"
    return value


def residents_text(residents: dict[str, int | None]) -> str:
    """'CA 1,200; TX unknown': every jurisdiction with residents, in code order."""
    return "; ".join(
        f"{code} {'unknown' if n is None else f'{n:,}'}" for code, n in sorted(residents.items())
    )


NOT_GIVEN = "not given"
# The app's labels for the instants (ui/entity_profile.py), in lower case inside a sentence.
_INSTANTS = (
    ("discovered_at", "discovered at"),
    ("determined_at", "determined at"),
    ("ransom_paid_at", "extortion paid at"),
)


def profile_text(incident: Incident) -> str:
    """The sectors in the form's order, one per line; an empty profile is an answer."""
    if incident.sectors is None:
        return f"{NOT_GIVEN}: securities, financial, banking, insurance and foreign rules are not planned"
    if not incident.sectors:
        return (
            "none of the listed sectors: no securities, financial, banking, insurance or foreign rule applies"
        )
    return "\n".join(s.label for s in Sector if s in incident.sectors)


def _answered_without(incident: Incident, sector: Sector) -> bool:
    """The profile is answered and says the entity is not ``sector``."""
    return incident.sectors is not None and sector not in incident.sectors


def _domicile_text(incident: Incident) -> str:
    code = incident.insurance_domicile
    if code is not None:
        return f"{code} ({JURISDICTIONS.get(code, code)})"
    if _answered_without(incident, Sector.INSURANCE_LICENSEE):
        return "none: not an insurance licensee"
    return NOT_GIVEN


def _times_text(incident: Incident) -> str:
    """The instants hours clocks run from, each with its UTC offset as it was entered."""
    given = {field: getattr(incident, field) for field, _ in _INSTANTS}
    if not any(given.values()):
        return NOT_GIVEN
    return "; ".join(
        f"{label} {instant_text(given[field]) if given[field] else NOT_GIVEN}" for field, label in _INSTANTS
    )


def _contacts_text(incident: Incident) -> str:
    """How people reach the entity, as the letters will print it."""
    entity = incident.entity
    parts = (
        ("phone", entity.phone),
        ("toll-free phone", entity.toll_free_phone),
        ("e-mail", entity.email),
        (
            "postal address",
            ", ".join(line.strip() for line in entity.postal_address.splitlines() if line.strip()),
        ),
    )
    if not any(value for _, value in parts):
        return NOT_GIVEN
    return "\n".join(f"{label}: {value or NOT_GIVEN}" for label, value in parts)


def entity_facts(incident: Incident) -> list[Fact]:
    """Who the entity is: its role, name and contacts, and the profile the sector and
    foreign rules read (issue 13). A lawyer signing the plan must see the facts it rests
    on, so a missing one says "not given" and an answered "none" says what does not apply."""
    return [
        Fact("Entity role", incident.entity_role.label),
        Fact("Organisation name", incident.entity.name or NOT_GIVEN),
        Fact("Contacts", _contacts_text(incident)),
        Fact("Entity profile", profile_text(incident)),
        Fact("Insurance domicile", _domicile_text(incident)),
        Fact("Time zone", incident.time_zone or NOT_GIVEN),
    ]


def _sec_facts(incident: Incident) -> list[Fact]:
    material: FactValue = incident.materiality_determined or NOT_GIVEN
    if incident.materiality_determined is None and _answered_without(incident, Sector.PUBLIC_COMPANY):
        material = "none: not a public company"
    return [
        Fact("Times (hours clocks)", _times_text(incident)),
        Fact("8-K materiality date", material),
        # None is "no delay" in the incident (Form 8-K Item 1.05(c) needs the AG's notice).
        Fact("8-K delay ends", incident.sec_ag_delay_until or "none (no Attorney General delay)"),
    ]


def incident_facts(plan: Plan, *, residents_elsewhere: str = "") -> list[Fact]:
    """The facts a plan rests on, in the order counsel checks them: one list for every export.

    An empty answer is said ("not entered", "not yet", "unknown"), never left blank, so a
    reader can tell a missing fact from a printing fault. ``residents_elsewhere`` names where
    the per-jurisdiction counts are listed in full (the workbook's Residents sheet); without
    it the counts are listed here.
    """
    incident = plan.incident
    hold = incident.law_enforcement_delay
    hold_text = "none"
    if hold is not None:
        hold_text = f"{hold.form} request of {day_text(hold.requested)}" + (
            f", until {day_text(hold.until)}" if hold.until else ", no end date given"
        )
    total: int | str | None = incident.affected_total
    if total is None and incident.affected_at_least:
        total = f"at least {incident.affected_at_least:,} (some counts unknown)"
    encrypted = yes_no(incident.encrypted)
    if incident.encrypted:
        encrypted += f"; key compromised: {yes_no(incident.key_compromised)}"
    residents = incident.residents
    if residents_elsewhere:
        where: Fact = Fact("Jurisdictions with residents", f"{len(residents)} (see {residents_elsewhere})")
    else:
        where = Fact("Residents", residents_text(residents) or "none entered")
    answers = [f"{a.label}: {yes_no(v)}" for a, v in sorted(incident.entity_attributes.items())] + [
        f"{c.question} {yes_no(v)}" for c, v in sorted(incident.circumstances.items())
    ]
    facts = [
        Fact("Incident", incident.name or "(unnamed incident)"),
        *entity_facts(incident),
        Fact("Discovered", incident.discovered or "not entered"),
        Fact("Determined to be a breach", incident.determined or "not entered"),
        Fact("Breach began", incident.breach_start or "not entered"),
        Fact("Breach ended", incident.breach_end or "not entered"),
        Fact("Vendor's notice received", incident.vendor_notice or "not entered"),
        Fact("Individuals notified", incident.individuals_notified or "not yet"),
        Fact("HHS Secretary notified", incident.hhs_notified or "not yet"),
        *_sec_facts(incident),
        Fact("Law-enforcement delay", hold_text),
        Fact("Data exposed", "; ".join(sorted(e.label for e in incident.data_elements)) or "none entered"),
        Fact("Encrypted", encrypted),
        Fact("Source of the breach", yes_no(incident.source_of_breach)),
        Fact("People affected", total if total is not None else "unknown"),
        where,
        Fact("Entity and circumstances", "; ".join(answers) or "none answered"),
        Fact("Decisions", "\n".join(decision_text(d) for d in incident.decisions) or "none recorded"),
        Fact("What happened", incident.entity.what_happened or NOT_GIVEN),
        Fact("Steps taken", incident.entity.steps_taken or NOT_GIVEN),
    ]
    if incident.notes:
        facts.append(Fact("Notes", incident.notes))
    return facts


__all__ = [
    "FORMULA_PREFIXES",
    "NOT_GIVEN",
    "REPLACEMENT",
    "XML_ILLEGAL",
    "Fact",
    "clean_text",
    "cut_line",
    "day_text",
    "entity_facts",
    "fact_text",
    "filing_text",
    "incident_facts",
    "looks_like_formula",
    "notice_label",
    "office_text",
    "residents_text",
    "yes_no",
]
