"""Decisions that change what is owed: who the entity is, facts of the incident, and
documented risk-of-harm and HIPAA risk-assessment conclusions.

Each function takes the verdict the engine reached on counts and data and returns the
verdict after the decision, so the reason a lawyer reads names the decision, the statute
that lets it count (or says it does not), and any fact still to answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from notifyplanner.deadlines import add_days
from notifyplanner.model import (
    DayKind,
    Decision,
    DecisionKind,
    EntityAttribute,
    Incident,
    Jurisdiction,
    ObligationRule,
    Recipient,
    RiskOfHarmDuty,
    RuleVersion,
    Status,
)


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str
    needs: tuple[str, ...] = ()
    deemed: bool = False  # excused only because HIPAA compliance is deemed to satisfy it


# ------------------------------------------------------------------ who and what

_SHORT = {
    EntityAttribute.INFORMATION_BROKER: "your organization is an information broker",
    EntityAttribute.GOVERNMENT_AGENCY: "your organization is a government agency",
    EntityAttribute.OWNER_BROKER_OR_AGENCY: "the data's owner is an information broker or a government agency",
}


def attribute_verdict(rule: ObligationRule, incident: Incident) -> Verdict | None:
    """None when the rule does not scope on entity attributes or the entity has one."""
    wanted = rule.trigger.entity_attributes
    if not wanted:
        return None
    answers = [incident.entity_attributes.get(a) for a in sorted(wanted)]
    if any(answers):
        return None
    who = "; or ".join(a.label[0].lower() + a.label[1:] for a in sorted(wanted))
    if all(a is False for a in answers):
        return Verdict(
            Status.NOT_REQUIRED,
            f"Owed only by {who} ({rule.citation.cite}); the incident says your organization is none of these.",
        )
    question = "whether " + " or ".join(_SHORT[a] for a in sorted(wanted))
    return Verdict(
        Status.UNDETERMINED,
        f"Owed only by {who} ({rule.citation.cite}): say whether that describes your organization.",
        (question,),
    )


def condition_verdict(rule: ObligationRule, incident: Incident, verdict: Verdict) -> Verdict:
    """A notice owed only when a fact of the incident holds (MA, MT consumer reporting)."""
    condition = rule.trigger.condition
    if condition is None or verdict.status is Status.NOT_REQUIRED:
        return verdict
    answer = incident.circumstances.get(condition)
    if answer is True:
        return replace(verdict, reason=f"{verdict.reason.rstrip('.')}; and: {condition.question} Yes.")
    if answer is False:
        return Verdict(
            Status.NOT_REQUIRED,
            f"Owed only if the answer is yes ({rule.citation.cite}): {condition.question} No.",
        )
    return Verdict(
        Status.UNDETERMINED,
        f"Owed only if the answer is yes ({rule.citation.cite}): {condition.question}",
        (*verdict.needs, condition.question),
    )


# ------------------------------------------------------------------ decisions


def hipaa_verdict(incident: Incident, verdict: Verdict, cite: str) -> Verdict:
    """A four-factor assessment concluding a low probability of compromise means there is
    no breach under 45 CFR 164.402(2), so no HIPAA notice is owed."""
    decision = incident.decision("HIPAA", DecisionKind.HIPAA_FOUR_FACTOR)
    if decision is None or not decision.no_notice or verdict.status is Status.NOT_REQUIRED:
        return verdict
    return Verdict(
        Status.NOT_REQUIRED,
        f"Four-factor risk assessment of {decision.words()}: a low probability that the PHI was "
        f"compromised, so there is no breach to notify (45 CFR 164.402(2); {cite}). Keep the "
        f"assessment: the entity bears the burden of proof (164.414(b)) and keeps its "
        f"documentation six years (164.530(j)).",
    )


def state_verdict(
    incident: Incident,
    jurisdiction: Jurisdiction,
    version: RuleVersion,
    rule: ObligationRule,
    verdict: Verdict,
) -> Verdict:
    """A state no-risk-of-harm determination counts only where the statute has the exception."""
    decision = incident.decision(jurisdiction.code, DecisionKind.NO_RISK_OF_HARM)
    if decision is None or not decision.no_notice or verdict.status is Status.NOT_REQUIRED:
        return verdict
    roh = version.risk_of_harm
    if not roh.exception:
        return replace(
            verdict,
            reason=(
                f"{verdict.reason.rstrip('.')}. The no-risk-of-harm determination of {decision.words()} "
                f"does not count here: {jurisdiction.name}'s statute has no such exception ({roh.citation.cite})."
            ),
        )
    if not roh.excuses_notice(rule):
        return replace(
            verdict,
            reason=(
                f"{verdict.reason.rstrip('.')}. Still owed after the no-risk-of-harm determination of "
                f"{decision.words()}: the exception ({roh.citation.cite}) excuses other notices, not this one."
            ),
        )
    if roh.requires_law_enforcement_consultation and decision.consulted_law_enforcement is not True:
        if decision.consulted_law_enforcement is False:
            return replace(
                verdict,
                reason=(
                    f"{verdict.reason.rstrip('.')}. The no-risk-of-harm determination of {decision.words()} "
                    f"does not count: {roh.citation.cite} requires consulting law enforcement first, and the "
                    f"determination says it was not."
                ),
            )
        return Verdict(
            Status.UNDETERMINED,
            f"A no-risk-of-harm determination ({decision.words()}) excuses this notice only after "
            f"consultation with law enforcement ({roh.citation.cite}): say whether law enforcement was consulted.",
            (*verdict.needs, "whether law enforcement was consulted"),
        )
    return Verdict(
        Status.NOT_REQUIRED,
        f"No-risk-of-harm determination of {decision.words()} under {roh.citation.cite}. "
        f"The statute's conditions: {roh.conditions}",
    )


def decision_text(decision: Decision) -> str:
    """One line for a decision, as a workbook or report lists it."""
    kind = (
        "HIPAA four-factor assessment"
        if decision.kind is DecisionKind.HIPAA_FOUR_FACTOR
        else (f"No-risk-of-harm determination ({decision.scope})")
    )
    outcome = "no notice" if decision.no_notice else "notify"
    text = f"{kind}: {outcome}, {decision.words()}"
    if decision.consulted_law_enforcement is not None:
        text += f"; law enforcement consulted: {'yes' if decision.consulted_law_enforcement else 'no'}"
    for factor, finding in decision.factors:
        text += f"; {factor.replace('_', ' ')}: {finding}"
    return text


@dataclass(frozen=True)
class DutyDate:
    """A dated duty the determination creates; the engine turns it into an obligation."""

    duty: RiskOfHarmDuty
    status: Status
    reason: str
    deadline: date | None
    basis: str
    needs: tuple[str, ...] = ()
    fixed: bool = True  # False: the statute sets no time (Vermont's notice to the AG)


def determination_duties(
    incident: Incident, jurisdiction: Jurisdiction, version: RuleVersion, residents: int | None
) -> Iterator[DutyDate]:
    """The duties a statute attaches to a no-risk-of-harm determination that counts here."""
    decision = incident.decision(jurisdiction.code, DecisionKind.NO_RISK_OF_HARM)
    roh = version.risk_of_harm
    if decision is None or not decision.no_notice or not roh.exception:
        return
    if roh.requires_law_enforcement_consultation and decision.consulted_law_enforcement is False:
        return
    for duty in roh.duties:
        yield _duty(duty, decision, jurisdiction, residents)


def _duty(
    duty: RiskOfHarmDuty, decision: Decision, jurisdiction: Jurisdiction, residents: int | None
) -> DutyDate:
    made = decision.date
    needs = () if made else ("date of the no-risk-of-harm determination",)
    reason = (
        f"The no-risk-of-harm determination of {decision.words()} carries this duty ({duty.citation.cite})."
    )
    if duty.text:
        reason += f" {duty.text}"
    status = Status.REQUIRED
    if duty.min_residents > 1:
        if residents is None:
            status = Status.UNDETERMINED
            needs = (*needs, f"number of {jurisdiction.name} residents")
        elif residents < duty.min_residents:
            return DutyDate(
                duty,
                Status.NOT_REQUIRED,
                f"{residents:,} {jurisdiction.name} residents; this duty applies from {duty.min_residents:,} "
                f"({duty.citation.cite}).",
                None,
                "Not required, so no deadline runs.",
            )
    if made is None:
        return DutyDate(duty, status, reason, None, "Runs from the determination: enter its date.", needs)
    if duty.recipient is Recipient.RECORDS:
        basis = f"Put the determination in writing when it is made ({made.isoformat()})"
        if duty.keep_years:
            keep = _years_after(made, duty.keep_years)
            basis += f"; keep it until at least {keep.isoformat()} ({duty.keep_years} years)"
        return DutyDate(duty, status, reason, made, basis, needs)
    if duty.before:
        return DutyDate(
            duty,
            status,
            reason,
            made,
            f"Before the determination of {made.isoformat()}: the statute lets the determination excuse "
            f"notice only after this written notice",
            needs,
        )
    if duty.days:
        due = add_days(made, duty.days, duty.day_kind, jurisdiction.holidays)
        unit = "calendar" if duty.day_kind is DayKind.CALENDAR else "business"
        basis = f"{duty.days} {unit} days after the determination of {made.isoformat()}"
        return DutyDate(duty, status, reason, due, basis, needs)
    return DutyDate(
        duty,
        status,
        reason,
        None,
        "No fixed deadline: the statute sets no time for this notice",
        needs,
        fixed=False,
    )


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29 in a year that has none: keep it to March 1, not a day short
        return date(day.year + years, 3, 1)
