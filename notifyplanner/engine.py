"""plan(incident, rulebook) -> Plan: every notice owed, by when, and why.

Pure and deterministic: no clock, no I/O, the same incident and rulebook give the same plan.
Each obligation the engine examines is reported, owed or not, with the reason, so a lawyer
can see why a state was left out as well as why one was kept.

Order of the questions for each notice, as the statutes ask them: does the rule reach this
kind of entity at all; is what was exposed personal information here; does the encryption
safe harbor apply; is a HIPAA-compliant entity deemed compliant; is the threshold met; is
the entity one the statute binds (Georgia), does a fact the notice turns on hold, and does
a documented risk-of-harm or HIPAA decision excuse it (``decisions.py``). Only then is the
deadline computed, and it is never moved: a date on a weekend or holiday is
flagged and given a practical send-by date before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from notifyplanner.calendar import MONTH_RULE, add_months, non_business_reason, previous_business_day
from notifyplanner.chained import FederalAnchors, federal_anchors
from notifyplanner.counts import state_name, threshold_words
from notifyplanner.deadlines import Computed, evaluate
from notifyplanner.decisions import (
    Verdict,
    determination_duties,
)
from notifyplanner.memo import MEMO_SIZE, memo_for, state_key
from notifyplanner.model import (
    CreditMonitoringDuty,
    CreditMonitoringRule,
    DeadlineKind,
    Incident,
    Jurisdiction,
    Obligation,
    ObligationRule,
    Plan,
    Recipient,
    Rulebook,
    RuleVersion,
    RuleVersionUsed,
    Status,
)
from notifyplanner.safe_read import InputError, date_window_message, dates_outside_window
from notifyplanner.sector import plan_sectors
from notifyplanner.verdicts import NoticeVerdicts, elements_text
from notifyplanner.versions import choose_version

RESEARCHED_SINCE = date(2018, 1, 1)
STATE_KINDS = frozenset({"state", "district", "territory"})
ORAL_HOLD_DAYS = 30  # 45 CFR 164.412(b): an oral request holds notice at most 30 days
# The row title of a notice a no-harm determination owes an office (NY, VT, FL, SD), which
# otherwise reads like that office's notice of the breach.
DETERMINATION_TITLE = "no-harm determination"


class _JurisdictionPlanner(NoticeVerdicts):
    """Plans one jurisdiction's notices on their verdicts (``verdicts.py``); memoizes
    notices that others are timed against."""

    def __init__(
        self,
        incident: Incident,
        jurisdiction: Jurisdiction,
        version: RuleVersion,
        residents: int | None,
        federal: FederalAnchors | None = None,
        chosen_by: str = "",
    ):
        super().__init__(incident, jurisdiction, version, residents)
        # Why this version governs, where it is not simply the discovery date (Texas):
        # said in every dated notice, because it decides which deadline the law sets.
        self.chosen_by = chosen_by
        # The federal notices already planned ("HIPAA/hhs" -> its date), for state notices
        # timed against them (Illinois, New York) or sent with the HIPAA letter.
        self.federal = federal or {}
        self._computed: dict[str, Computed | None] = {}

    # ------------------------------------------------------------------ deadline

    def computed(self, notice_id: str) -> Computed | None:
        """The deadline of another notice here, for notices timed against it."""
        if "/" in notice_id:
            return self.federal.get(notice_id)
        if notice_id in self._computed:
            return self._computed[notice_id]
        self._computed[notice_id] = None  # guards against cycles in hand-edited rules
        rule = self.version.obligation(notice_id)
        result = None
        if rule is not None:
            verdict = self.verdict(rule)
            if verdict.status is not Status.NOT_REQUIRED:
                result = evaluate(rule.deadline, self.incident, self.jurisdiction.holidays, self.computed)
            elif verdict.deemed and notice_id == "individuals":
                result = self._hipaa_letter()
        self._computed[notice_id] = result
        return result

    def _hipaa_letter(self) -> Computed | None:
        """The HIPAA individual notice, standing in for this state's (deemed compliance).

        A state notice that goes "with the individual notice" then goes with the HIPAA
        letter, so it is due no later than that letter's deadline (issue 11: CT, NE...).
        """
        letter = self.federal.get("HIPAA/individuals")
        if letter is None or letter.deadline is None:
            return None
        return Computed(
            letter.deadline,
            letter.kind,
            f"the HIPAA individual notice stands in for this state's: {letter.basis[0].lower()}{letter.basis[1:]}",
            letter.conservative,
            letter.needs,
        )

    def obligation(self, rule: ObligationRule, office: str | None = None) -> Obligation:
        verdict = self.verdict(rule)
        common = dict(
            jurisdiction=self.jurisdiction.code,
            jurisdiction_name=self.jurisdiction.name,
            obligation_id=rule.id,
            recipient=rule.recipient,
            office=office or rule.office,
            title=rule.title,
            status=verdict.status,
            reason=verdict.reason,
            citation=rule.citation,
            effective_from=self.version.effective_from,
            enacted_by=self.version.enacted_by,
            without_unreasonable_delay=rule.without_unreasonable_delay,
            content=rule.content,
            filing=rule.filing,
            notes=rule.notes,
        )
        if verdict.status is Status.NOT_REQUIRED:
            return Obligation(
                **common,  # type: ignore[arg-type]
                deadline=None,
                deadline_kind=DeadlineKind.NONE,
                basis="Not required, so no deadline runs.",
            )
        result = self.computed(rule.id) or evaluate(
            rule.deadline, self.incident, self.jurisdiction.holidays, self.computed
        )
        if result.kind is DeadlineKind.NONE:
            # Timed only against notices that are not owed (Illinois' AG notice after an HHS
            # notice that a HIPAA risk assessment made unnecessary): not owed either.
            return _replace_verdict(
                Obligation(**common, deadline=None, deadline_kind=DeadlineKind.NONE, basis=""),  # type: ignore[arg-type]
                Status.NOT_REQUIRED,
                f"Owed only after another notice, and it is not owed: {result.basis}.",
                (),
            )
        basis = result.basis
        if rule.without_unreasonable_delay and result.deadline is not None:
            basis = f"Without unreasonable delay and no later than: {basis[0].lower()}{basis[1:]}"
        practical, why = None, ""
        if result.deadline is not None:
            why = non_business_reason(result.deadline, self.jurisdiction.holidays)
            if why:
                practical = previous_business_day(result.deadline, self.jurisdiction.holidays)
                extend = self.jurisdiction.computation_of_time
                basis += (
                    f". The deadline falls on {'a ' + why if why in ('Saturday', 'Sunday') else why}; send by {practical.isoformat()}, the last "
                    f"business day before it. The deadline itself is not moved"
                )
                basis += (
                    f"; {extend.cite} may extend it"
                    if extend
                    else "; a general computation-of-time statute may extend it"
                )
        held = self._hold(rule)
        if held is not None:
            basis += f". Law-enforcement hold until {held.isoformat()} ({self.version.law_enforcement.citation.cite})"
        if self.chosen_by:
            basis = f"{basis.rstrip('.')}. {self.chosen_by}"
        return Obligation(
            **common,  # type: ignore[arg-type]
            deadline=result.deadline,
            deadline_kind=result.kind,
            basis=basis.rstrip(".") + ".",
            practical_send_by=practical,
            non_business_day=why,
            conservative=result.conservative,
            needs=tuple(dict.fromkeys(verdict.needs + result.needs)),
            held_until=held,
        )

    def _hold(self, rule: ObligationRule) -> date | None:
        delay = self.incident.law_enforcement_delay
        if delay is None or not rule.law_enforcement_delay or not self.version.law_enforcement.allowed:
            return None
        until = delay.until
        if delay.form == "oral" and self.jurisdiction.code == "HIPAA":
            cap = delay.requested + timedelta(days=ORAL_HOLD_DAYS)
            until = cap if until is None else min(until, cap)
        return until

    # ------------------------------------------------------------------ plan

    def obligations(self) -> Iterator[Obligation]:
        role = self.incident.entity_role
        for rule in self.version.obligations:
            if role not in rule.trigger.entity_roles:
                continue
            if rule.trigger.per_state_min_residents is not None:
                yield from self._per_state(rule)
            else:
                yield self.obligation(rule)
        if self.jurisdiction.kind != "federal":
            yield from self._determination_duties()

    def _determination_duties(self) -> Iterator[Obligation]:
        """Duties a no-risk-of-harm determination carries here (write it down, keep it,
        send it to the AG), each dated from the determination and cited. None where the
        statute does not reach the data at all (not personal information here, or the
        encryption safe harbor): no notice was excused, so the exception was not used."""
        if self.coverage() is not None:
            return
        for dated in determination_duties(self.incident, self.jurisdiction, self.version, self.residents):
            duty = dated.duty
            yield Obligation(
                jurisdiction=self.jurisdiction.code,
                jurisdiction_name=self.jurisdiction.name,
                obligation_id=duty.id,
                recipient=duty.recipient,
                office=duty.office,
                # Beside the same office's notice of the breach, the row must say which it is.
                title="" if duty.recipient is Recipient.RECORDS else DETERMINATION_TITLE,
                status=dated.status,
                reason=dated.reason,
                deadline=dated.deadline,
                deadline_kind=(
                    DeadlineKind.NONE
                    if dated.status is Status.NOT_REQUIRED
                    else DeadlineKind.FIXED
                    if dated.fixed
                    else DeadlineKind.NO_FIXED_DEADLINE
                ),
                basis=dated.basis.rstrip(".") + ".",
                citation=duty.citation,
                effective_from=self.version.effective_from,
                enacted_by=self.version.enacted_by,
                needs=dated.needs,
                content=duty.text,
            )

    def _per_state(self, rule: ObligationRule) -> Iterator[Obligation]:
        """One notice for each state with enough residents (HIPAA and FTC media notice).

        The date and the shared tests (elements, encryption) do not depend on the state,
        so they are computed once; each state only gets its own count and reason.
        """
        minimum = rule.trigger.per_state_min_residents or 1
        states = [(c, n) for c, n in sorted(self.incident.residents.items()) if n is None or n >= minimum]
        if not states:
            yield self.obligation_not_met(rule, minimum)
            return
        base = self.obligation(rule)
        for code, count in states:
            name = state_name(code)
            status, reason, needs = base.status, base.reason, base.needs
            if status is Status.REQUIRED:
                if count is None:
                    status = Status.UNDETERMINED
                    reason = (
                        f"Number of {name} residents unknown; this notice is owed for each state "
                        f"with {threshold_words(minimum)} affected residents."
                    )
                    needs = (f"number of {name} residents", *needs)
                else:
                    rest = reason.split("; ", 1)[-1]  # the base reason after its people count
                    reason = f"{count:,} {name} residents (threshold: {threshold_words(minimum)} residents of one state); {rest}"
            yield replace(
                base,
                obligation_id=f"{rule.id}_{code.lower()}",
                subject=code,
                office=f"{rule.office}: {name}",
                status=status,
                reason=reason,
                needs=needs,
            )

    def obligation_not_met(self, rule: ObligationRule, minimum: int) -> Obligation:
        ob = self.obligation(rule)
        if ob.status is Status.NOT_REQUIRED:
            return ob
        return _replace_verdict(
            ob,
            Status.NOT_REQUIRED,
            f"No state or jurisdiction has {threshold_words(minimum)} affected residents "
            f"({rule.citation.cite}).",
            (),
        )

    def credit_monitoring(self) -> Iterator[CreditMonitoringDuty]:
        individuals = self.version.obligation("individuals")
        for rule in self.version.credit_monitoring:
            yield self._monitoring(rule, individuals)

    def _monitoring(
        self, rule: CreditMonitoringRule, individuals: ObligationRule | None
    ) -> CreditMonitoringDuty:
        incident = self.incident
        status, reason = Status.REQUIRED, ""
        with_hipaa = False
        hit = incident.data_elements & rule.elements
        if individuals is None or incident.entity_role not in individuals.trigger.entity_roles:
            status, reason = Status.NOT_REQUIRED, "This entity owes no individual notice under this law."
        else:
            notice = self.verdict(individuals)
            if notice.deemed and "credit_monitoring" in self.version.hipaa.still_required:
                # HIPAA notice stands in for the state's letter, but the state keeps the
                # monitoring offer (e.g. Connecticut since 2021): judge it on the data alone.
                notice = self.coverage() or Verdict(Status.REQUIRED, "")
                with_hipaa = True
            if notice.status is not Status.REQUIRED:
                status = notice.status
                reason = f"Follows the individual notice, which is {notice.status.value.replace('_', ' ')}: {notice.reason}"
        if status is Status.REQUIRED and not hit:
            status = Status.NOT_REQUIRED
            reason = f"Owed only when these were exposed: {elements_text(rule.elements)}."
        if status is Status.REQUIRED and rule.requires_source_of_breach:
            if incident.source_of_breach is None:
                status = Status.UNDETERMINED
                reason = "Owed only if your organization was the source of the breach: say whether it was."
            elif not incident.source_of_breach:
                status = Status.NOT_REQUIRED
                reason = "Owed only by the business that was the source of the breach."
        if status is Status.REQUIRED:
            reason = f"Exposed: {elements_text(hit)}." + (f" {rule.condition}" if rule.condition else "")
        starts = ends = None
        basis = f"{rule.months} months of identity theft prevention or credit monitoring, at no cost"
        if status is not Status.NOT_REQUIRED:
            if incident.individuals_notified is not None:
                starts = incident.individuals_notified
                basis += f", offered with the individual notice on {starts.isoformat()}"
            elif with_hipaa:
                basis += ", offered with the HIPAA individual notice, which stands in for this state's"
            else:
                computed = self.computed("individuals")
                if computed is not None and computed.deadline is not None:
                    starts = computed.deadline
                    basis += f", offered with the individual notice, due {starts.isoformat()} at the latest"
                else:
                    basis += ", offered with the individual notice (no fixed date yet)"
            if starts is not None:
                ends = add_months(starts, rule.months)
                basis += f"; runs to {ends.isoformat()} ({MONTH_RULE})"
        return CreditMonitoringDuty(
            jurisdiction=self.jurisdiction.code,
            jurisdiction_name=self.jurisdiction.name,
            status=status,
            reason=reason,
            months=rule.months,
            elements=rule.elements,
            starts=starts,
            ends=ends,
            basis=basis + ".",
            citation=rule.citation,
            effective_from=self.version.effective_from,
            with_hipaa_notice=with_hipaa,
        )


def _replace_verdict(ob: Obligation, status: Status, reason: str, needs: tuple[str, ...]) -> Obligation:
    if status is Status.NOT_REQUIRED:
        return replace(
            ob,
            status=status,
            reason=reason,
            needs=needs,
            deadline=None,
            deadline_kind=DeadlineKind.NONE,
            practical_send_by=None,
            non_business_day="",
            basis="Not required, so no deadline runs.",
        )
    return replace(ob, status=status, reason=reason, needs=needs)


def _federal_count(incident: Incident) -> tuple[int | None, bool]:
    """People a federal rule counts: everyone affected. (count, known-anything?)"""
    total = incident.affected_total
    known = incident.total_affected is not None or bool(incident.residents) or bool(incident.unplaced)
    return total, known


def _affected_states(incident: Incident, rulebook: Rulebook) -> Iterator[tuple[Jurisdiction, int | None]]:
    for code, count in sorted(incident.residents.items()):
        jurisdiction = rulebook.get(code)
        if jurisdiction is None or jurisdiction.kind not in STATE_KINDS:
            continue
        if count is not None and count <= 0:
            continue
        yield jurisdiction, count


def _dated_by_hipaa_notice(
    duties: list[CreditMonitoringDuty], obligations: list[Obligation]
) -> tuple[CreditMonitoringDuty, ...]:
    """Date the offers that go out with the HIPAA letter from that letter's deadline.

    A state planner cannot see the federal plan (its results are memoized per state), so
    the offers it marks are dated here, once every notice is known.
    """
    letter = next(
        (
            o.deadline
            for o in obligations
            if o.jurisdiction == "HIPAA" and o.recipient is Recipient.INDIVIDUALS
        ),
        None,
    )
    if letter is None:
        return tuple(duties)
    out = []
    for duty in duties:
        if duty.with_hipaa_notice and duty.starts is None and duty.status is not Status.NOT_REQUIRED:
            starts = letter
            ends = add_months(starts, duty.months)
            basis = duty.basis.removesuffix(".") + (
                f", due {starts.isoformat()} at the latest; runs to {ends.isoformat()} ({MONTH_RULE})."
            )
            duty = replace(duty, starts=starts, ends=ends, basis=basis)
        out.append(duty)
    return tuple(out)


def plan(incident: Incident, rulebook: Rulebook) -> Plan:
    """Every notice the incident may owe under the rulebook, with reasons and dates.

    Raises ``InputError`` naming the field when a date lies outside the window every date
    must fall in (notifyplanner.safe_read): readers refuse such dates already, and this
    keeps the date arithmetic total for an Incident built any other way.
    """
    outside = dates_outside_window(incident)
    if outside is not None:
        raise InputError(outside[0], date_window_message(outside[1]))
    warnings: list[str] = []
    day = incident.discovered
    if day is None:
        warnings.append("No discovery date: rules are taken as currently in force and no clock can start.")
    elif day < RESEARCHED_SINCE:
        warnings.append(
            f"Discovered {day.isoformat()}: the rules encode each law as in force on "
            f"{RESEARCHED_SINCE.isoformat()} and every change after; earlier history is not researched."
        )
    if not incident.residents and incident.total_affected is None:
        warnings.append("No affected residents entered: enter counts by state to see state notices.")
    if incident.unplaced:
        from notifyplanner.incident_counts import unplaced_words

        unplaced = incident.unplaced
        warnings.append(
            f"{unplaced.total:,} affected people on the list are not residents of a planning "
            f"jurisdiction ({unplaced_words(unplaced)}): they count in the total affected; "
            "no state notice is planned for them."
        )
    for code in sorted(incident.residents):
        if rulebook.get(code) is None:
            warnings.append(f"No rules for {code!r}: residents there are not planned for.")

    obligations: list[Obligation] = []
    duties: list[CreditMonitoringDuty] = []
    versions: list[RuleVersionUsed] = []

    federal = [j for j in rulebook.jurisdictions.values() if j.kind == "federal"]
    planned: list[tuple[Jurisdiction, int | None]] = []
    for jurisdiction in sorted(federal, key=lambda j: j.code):
        version = choose_version(jurisdiction, incident).version
        if version is None:
            continue
        if not any(incident.entity_role in r.trigger.entity_roles for r in version.obligations):
            continue
        total, known = _federal_count(incident)
        planned.append((jurisdiction, total if known else 0))
    planned.extend(_affected_states(incident, rulebook))

    memo = memo_for(rulebook)
    anchors: dict[str, Computed] = {}
    for jurisdiction, count in planned:
        choice = choose_version(jurisdiction, incident)
        version = choice.version
        if choice.warning:
            warnings.append(choice.warning)
        if version is None:
            warnings.append(
                f"{jurisdiction.name}: no rule in force on {day.isoformat() if day else 'that date'} "
                f"(first version {jurisdiction.versions[0].effective_from.isoformat()})."
            )
            continue
        if jurisdiction.kind == "federal":
            # Federal notices read every state's count (media notice), so no memo.
            planner = _JurisdictionPlanner(incident, jurisdiction, version, count or None, None, choice.basis)
            federal_obligations = list(planner.obligations())
            anchors.update(federal_anchors(federal_obligations))
            obligations.extend(federal_obligations)
            duties.extend(planner.credit_monitoring())
        else:
            key = state_key(incident, version, jurisdiction.code, count, anchors)
            found = memo.get(key)
            if found is None:
                planner = _JurisdictionPlanner(incident, jurisdiction, version, count, anchors, choice.basis)
                found = (tuple(planner.obligations()), tuple(planner.credit_monitoring()))
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[key] = found
            obligations.extend(found[0])
            duties.extend(found[1])
        versions.append(
            RuleVersionUsed(
                jurisdiction=jurisdiction.code,
                name=jurisdiction.name,
                effective_from=version.effective_from,
                enacted_by=version.enacted_by,
                last_reviewed=jurisdiction.last_reviewed,
                statute=version.statute,
                chosen_by=choice.basis,
            )
        )
    # Securities, banking, insurance and foreign rules: by the entity profile (sector.py).
    sector_obligations, sector_versions, sector_warnings = plan_sectors(incident, rulebook)
    obligations.extend(sector_obligations)
    versions.extend(sector_versions)
    warnings.extend(sector_warnings)
    return Plan(
        incident=incident,
        obligations=tuple(obligations),
        credit_monitoring=_dated_by_hipaa_notice(duties, obligations),
        versions=tuple(versions),
        warnings=tuple(warnings),
    )


def days_left(deadline: date | None, today: date) -> int | None:
    """Days from ``today`` to ``deadline``; negative when overdue. The face passes today."""
    return None if deadline is None else (deadline - today).days


__all__ = ["RESEARCHED_SINCE", "Recipient", "days_left", "plan"]
