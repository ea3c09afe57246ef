"""Regulator filings: for each attorney-general, regulator, HHS or FTC notice the plan owes,
the fields its portal, form or statute asks for, answered from the incident where it can
be and listed as missing where it cannot.

Nothing is guessed: a field the incident file does not record (the entity's name, the
breach type, how it was discovered) is missing, so the user sees the full list of what the
form will ask before opening it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from notifyplanner.letter_groups import OWED
from notifyplanner.letter_rules import FILING_FIELDS
from notifyplanner.model import Citation, Incident, Obligation, Plan, Recipient, Rulebook

FILED_WITH = (Recipient.ATTORNEY_GENERAL, Recipient.REGULATOR, Recipient.HHS, Recipient.FTC)


@dataclass(frozen=True)
class FilingField:
    field: str
    label: str
    answer: str | None  # None: the incident does not say; the user must supply it


@dataclass(frozen=True)
class Filing:
    key: str
    jurisdiction: str
    office: str
    channel: str
    deadline: date | None
    fields: tuple[FilingField, ...]
    citation: Citation | None
    content: str
    notes: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields if f.answer is None)


def _answers(incident: Incident, plan: Plan, code: str, sample_notice: str | None) -> Mapping[str, str]:
    out: dict[str, str] = {}
    if incident.breach_start:
        out["breach_start_date"] = incident.breach_start.isoformat()
    if incident.breach_end:
        out["breach_end_date"] = incident.breach_end.isoformat()
    if incident.discovered:
        out["discovery_date"] = incident.discovered.isoformat()
    if incident.individuals_notified:
        out["notice_date_individuals"] = incident.individuals_notified.isoformat()
    if incident.affected_total is not None:
        out["number_affected_total"] = str(incident.affected_total)
    count = incident.residents.get(code)
    if count is not None:
        out["number_affected_state"] = str(count)
    if incident.data_elements:
        out["data_types"] = "; ".join(sorted(e.label for e in incident.data_elements))
    if incident.law_enforcement_delay is not None:
        out["notice_delayed_for_law_enforcement"] = (
            f"yes: {incident.law_enforcement_delay.form} request of "
            f"{incident.law_enforcement_delay.requested.isoformat()}"
        )
    entity = incident.entity
    for name, value in (
        ("entity_name", entity.name),
        ("entity_address", entity.postal_address),
        ("description", entity.what_happened),
        ("actions_taken", entity.steps_taken),
    ):
        if value:
            out[name] = value
    offers = [d for d in plan.credit_monitoring if d.jurisdiction == code and d.status in OWED]
    if offers:
        out["credit_monitoring_offered"] = (
            f"{max(d.months for d in offers)} months (owed under {offers[0].citation.cite})"
        )
    if sample_notice:
        out["sample_notice"] = (
            f"{sample_notice} (the draft letter; remove personal information before filing)"
        )
    return out


def filings(
    plan: Plan, rulebook: Rulebook, sample_notices: Mapping[str, str] | None = None
) -> tuple[Filing, ...]:
    """Every regulator notice the plan owes (or may owe), with its form's fields.

    ``sample_notices`` maps a jurisdiction code to the draft letter file that serves its
    residents, for the forms that ask for a copy of the notice.
    """
    sample_notices = sample_notices or {}
    out = []
    for notice in plan.obligations:
        if notice.recipient not in FILED_WITH or notice.status not in OWED:
            continue
        form = _form(rulebook, plan, notice)
        answers = _answers(plan.incident, plan, notice.jurisdiction, sample_notices.get(notice.jurisdiction))
        fields = tuple(
            FilingField(f, FILING_FIELDS[f], answers.get(f)) for f in (form.fields if form else ())
        )
        out.append(
            Filing(
                key=notice.key,
                jurisdiction=notice.jurisdiction,
                office=notice.office,
                channel=form.channel if form else "",
                deadline=notice.deadline,
                fields=fields,
                citation=form.citation if form else None,
                content=notice.content,
                notes=form.notes
                if form
                else "No form fields are recorded for this notice; its content is below.",
            )
        )
    return tuple(out)


def _form(rulebook: Rulebook, plan: Plan, notice: Obligation):  # type: ignore[no-untyped-def]
    jurisdiction = rulebook.get(notice.jurisdiction)
    if jurisdiction is None:
        return None
    used = next((v for v in plan.versions if v.jurisdiction == notice.jurisdiction), None)
    version = jurisdiction.version_on(used.effective_from) if used else jurisdiction.latest
    rule = (
        version.obligation(notice.obligation_id.removesuffix(f"_{notice.subject.lower()}"))
        if version
        else None
    )
    return rule.form if rule else None


def filing_to_dict(filing: Filing) -> dict[str, object]:
    return {
        "notice": filing.key,
        "jurisdiction": filing.jurisdiction,
        "office": filing.office,
        "channel": filing.channel,
        "deadline": filing.deadline.isoformat() if filing.deadline else None,
        "fields": [{"field": f.field, "label": f.label, "answer": f.answer} for f in filing.fields],
        "missing": list(filing.missing),
        "citation": (
            {
                "cite": filing.citation.cite,
                "url": filing.citation.url,
                "checked": filing.citation.checked.value,
            }
            if filing.citation
            else None
        ),
        "content": filing.content,
        "notes": filing.notes,
    }
