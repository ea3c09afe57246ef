"""Sector and foreign rules: securities, financial, banking, insurance, GDPR, PIPEDA.

These rules reach an entity by what it is (a registrant, a bank, an insurance licensee, a
controller under the GDPR), not by which data elements were exposed, and several count
hours from an instant rather than days from a date. So they are planned here, apart from
the breach statutes, from the incident's entity profile and instants (``instants.py``).
The engine appends what this module returns; a HIPAA or state notice never changes.

Versions are chosen per notice by the date of the event its clock runs from (the 8-K by
the materiality determination, NYDFS's extortion notice by the payment), because one rule
can reach different notices, or different entities, on different compliance dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import partial

from notifyplanner.calendar import MONTH_RULE, add_months, non_business_reason, previous_business_day
from notifyplanner.counts import threshold_words
from notifyplanner.deadlines import add_days
from notifyplanner.instants import add_hours, at_time, instant_text, local_date, start_of_day, zone
from notifyplanner.model import (
    DayKind,
    DaysAfter,
    DeadlineExpr,
    DeadlineKind,
    Event,
    HoursAfter,
    Incident,
    Jurisdiction,
    KeepForMonths,
    NoFixedDeadline,
    Obligation,
    ObligationRule,
    Recipient,
    Rulebook,
    RuleVersion,
    RuleVersionUsed,
    Sector,
    Status,
)
from notifyplanner.rulebook import SECTOR_KINDS
from notifyplanner.safe_read import InputError

PROFILE_WARNING = (
    "Entity profile not given: securities, financial, banking, insurance and foreign rules "
    "(SEC, FTC Safeguards, NYDFS, banking, NCUA, state insurance, GDPR, PIPEDA) are not planned. "
    'To plan them, tick "I have answered the entity profile" in the app\'s Entity profile box, then '
    'the sectors that fit; in an incident file, list them in "sectors" ("sectors": [] when none applies).'
)


def _event_of(expr: DeadlineExpr) -> Event:
    if isinstance(expr, DaysAfter | HoursAfter | KeepForMonths):
        return expr.after
    return Event.DISCOVERY


def _event_day(incident: Incident, event: Event) -> tuple[date | None, str, bool]:
    """The event's day in the incident's time zone, its words, and whether discovery stood in."""
    instant = incident.event_instant(event)
    if instant is not None:
        return local_date(instant, incident.time_zone), f"{event.label} {instant_text(instant)}", False
    day = incident.event_date(event)
    if day is not None:
        return day, f"{event.label} {day.isoformat()}", False
    if event is Event.DETERMINATION and incident.discovered is not None:
        text = f"discovery {incident.discovered.isoformat()} (conservative: the {event.label} date is not entered yet)"
        return incident.discovered, text, True
    return None, event.label, False


def _matches(rule: ObligationRule, sectors: frozenset[Sector]) -> bool:
    trig = rule.trigger
    return (
        bool(trig.sectors & sectors) and trig.also_sectors <= sectors and not (trig.except_sectors & sectors)
    )


def _labels(sectors: frozenset[Sector]) -> str:
    return "; ".join(s.label for s in sorted(sectors))


class _SectorPlanner:
    def __init__(self, incident: Incident, jurisdiction: Jurisdiction):
        self.incident = incident
        self.j = jurisdiction
        self.sectors = incident.sectors or frozenset()
        self.versions_used: list[RuleVersion] = []

    @property
    def state(self) -> str | None:
        """The state of an ``INS-XX`` file."""
        return self.j.code[4:] if self.j.code.startswith("INS-") else None

    def relevant(self) -> bool:
        state = self.state
        if state is None:
            return True
        return state == self.incident.insurance_domicile or state in self.incident.residents

    def rule_ids(self) -> list[str]:
        ids: list[str] = []
        for version in reversed(self.j.versions):
            ids += [o.id for o in version.obligations if o.id not in ids]
        return ids

    def template(self, rule_id: str) -> ObligationRule:
        return next(o for v in reversed(self.j.versions) for o in v.obligations if o.id == rule_id)

    def obligations(self) -> Iterator[Obligation]:
        if not self.relevant():
            return
        for rule_id in self.rule_ids():
            template = self.template(rule_id)
            if not (template.trigger.sectors & self.sectors):
                continue  # the entity is not the kind this rule reaches
            yield self.obligation(rule_id, template)

    def _not_owed(self, rule: ObligationRule, version: RuleVersion | None, reason: str) -> Obligation:
        return self._make(
            rule,
            version,
            Status.NOT_REQUIRED,
            reason,
            (),
            None,
            DeadlineKind.NONE,
            "Not required, so no deadline runs.",
        )

    def _make(
        self,
        rule: ObligationRule,
        version: RuleVersion | None,
        status: Status,
        reason: str,
        needs: tuple[str, ...],
        deadline: date | None,
        kind: DeadlineKind,
        basis: str,
        *,
        deadline_at: datetime | None = None,
        practical: date | None = None,
        why: str = "",
        conservative: bool = False,
    ) -> Obligation:
        shown = version or self.j.versions[0]
        return Obligation(
            jurisdiction=self.j.code,
            jurisdiction_name=self.j.name,
            obligation_id=rule.id,
            recipient=rule.recipient,
            office=rule.office,
            status=status,
            reason=reason,
            deadline=deadline,
            deadline_kind=kind,
            basis=basis.rstrip(".") + ".",
            citation=rule.citation,
            effective_from=shown.effective_from,
            enacted_by=shown.enacted_by,
            practical_send_by=practical,
            non_business_day=why,
            conservative=conservative,
            needs=needs,
            without_unreasonable_delay=rule.without_unreasonable_delay,
            content=rule.content,
            filing=rule.filing,
            notes=rule.notes,
            deadline_at=deadline_at,
            recipient_label=rule.office if rule.recipient is Recipient.REGULATOR else "",
        )

    def obligation(self, rule_id: str, template: ObligationRule) -> Obligation:
        incident = self.incident
        event = _event_of(template.deadline)
        day, _text, _stand_in = _event_day(incident, event)
        if day is None:
            if event is Event.RANSOM_PAYMENT:
                return self._not_owed(
                    template,
                    self.j.latest,
                    "No extortion payment entered (ransom_paid_at). If one is made, this notice is owed: "
                    f"{template.trigger_text}.",
                )
            question = {
                Event.MATERIALITY_DETERMINATION: (
                    "Has the registrant determined that the incident is material? Enter the date "
                    "(materiality_determined); the 8-K clock runs from it."
                ),
            }.get(event, f"Enter the {event.label} date; the clock runs from it.")
            return self._make(
                template,
                None,
                Status.UNDETERMINED,
                question,
                (f"{event.value.replace('_', ' ')} date",),
                None,
                DeadlineKind.FIXED,
                f"{template.trigger_text}: needs the date",
            )
        version = self.j.version_on(day)
        rule = version.obligation(rule_id) if version else None
        if version is None or rule is None:
            first = next(v.effective_from for v in self.j.versions if v.obligation(rule_id))
            return self._not_owed(
                template,
                version,
                f"Not in force on {day.isoformat()} (the {event.label}): this duty applies from "
                f"{first.isoformat()} ({template.citation.cite}).",
            )
        if not _matches(rule, self.sectors):
            later = next(
                (
                    v.effective_from
                    for v in self.j.versions
                    if v.effective_from > version.effective_from
                    and (o := v.obligation(rule_id)) is not None
                    and _matches(o, self.sectors)
                ),
                None,
            )
            trig = rule.trigger
            who = []
            if trig.also_sectors - self.sectors:
                who.append(f"in force on {day.isoformat()} only for: {_labels(trig.also_sectors)}")
            if trig.except_sectors & self.sectors:
                who.append(f"not yet for: {_labels(trig.except_sectors & self.sectors)}")
            if not (trig.sectors & self.sectors):
                who.append(f"owed only by: {_labels(trig.sectors)}")
            tail = f"; it reaches you from {later.isoformat()}" if later else ""
            return self._not_owed(
                rule,
                version,
                f"Not owed on {day.isoformat()}: {', '.join(who)}{tail} ({rule.citation.cite}).",
            )
        self.versions_used.append(version)
        status, reason, needs = self.verdict(rule)
        if status is Status.NOT_REQUIRED:
            return self._not_owed(rule, version, reason)
        return self.dated(rule, version, status, reason, needs)

    def verdict(self, rule: ObligationRule) -> tuple[Status, str, tuple[str, ...]]:
        incident, trig = self.incident, rule.trigger
        parts = [f"Your profile: {_labels(trig.sectors & self.sectors)}"]
        if trig.min_total_affected is not None:
            total = incident.affected_total
            if total is None and incident.affected_at_least < trig.min_total_affected:
                return (
                    Status.UNDETERMINED,
                    f"Number of people affected unknown; the threshold is {threshold_words(trig.min_total_affected)}.",
                    ("number of people affected",),
                )
            count = total if total is not None else incident.affected_at_least
            if count < trig.min_total_affected:
                return (
                    Status.NOT_REQUIRED,
                    f"{count:,} people affected; the threshold is {threshold_words(trig.min_total_affected)} "
                    f"({rule.citation.cite}).",
                    (),
                )
            parts.append(f"{count:,} people affected (threshold: {threshold_words(trig.min_total_affected)})")
        if trig.insurance_min_residents is not None:
            return self._insurance(rule, parts)
        return Status.REQUIRED, "; ".join(parts) + ".", ()

    def _insurance(self, rule: ObligationRule, parts: list[str]) -> tuple[Status, str, tuple[str, ...]]:
        incident, trig, state = self.incident, rule.trigger, self.state or ""
        minimum = trig.insurance_min_residents or 1
        name = self.j.name.removeprefix("Insurance: ")
        needs_condition = True
        if incident.insurance_domicile == state:
            parts.append(f"{name} is your state of domicile (or home state)")
            needs_condition = trig.domicile_needs_condition
        else:
            count = incident.residents.get(state, 0)
            if count is None:
                return (
                    Status.UNDETERMINED,
                    f"Number of {name} residents unknown; the threshold is {threshold_words(minimum)} "
                    "unless it is your state of domicile.",
                    (f"number of {name} residents",),
                )
            if count < minimum:
                if incident.insurance_domicile is None:
                    return (
                        Status.UNDETERMINED,
                        f"{count:,} {name} residents, below {threshold_words(minimum)}; owed anyway if "
                        f"{name} is your state of domicile or home state: enter your insurance domicile.",
                        ("insurance domicile",),
                    )
                return (
                    Status.NOT_REQUIRED,
                    f"{count:,} {name} residents; the threshold is {threshold_words(minimum)} and your "
                    f"domicile is {incident.insurance_domicile} ({rule.citation.cite}).",
                    (),
                )
            parts.append(f"{count:,} {name} residents (threshold: {threshold_words(minimum)})")
        if needs_condition and trig.condition is not None:
            answer = incident.circumstances.get(trig.condition)
            if answer is None:
                return (
                    Status.UNDETERMINED,
                    "; ".join(parts) + f". Owed only if: {trig.condition.question}",
                    (trig.condition.question,),
                )
            if not answer:
                return (
                    Status.NOT_REQUIRED,
                    "; ".join(parts) + ". You answered that the event is neither reportable to a government "
                    f"body nor reasonably likely to cause material harm ({rule.citation.cite}).",
                    (),
                )
            parts.append("the event is reportable or reasonably likely to cause material harm (as answered)")
        return Status.REQUIRED, "; ".join(parts) + ".", ()

    def dated(
        self, rule: ObligationRule, version: RuleVersion, status: Status, reason: str, needs: tuple[str, ...]
    ) -> Obligation:
        incident, expr = self.incident, rule.deadline
        tz = incident.time_zone
        event = _event_of(expr)
        day, text, stand_in = _event_day(incident, event)
        assert day is not None  # checked by the caller
        needs = needs + ((f"{event.value} date",) if stand_in else ())
        words = f'"{rule.trigger_text}"'

        # Every clock below gives this one notice, owed as the verdict found; only its date differs.
        owed = partial(self._make, rule, version, status, reason)

        if isinstance(expr, NoFixedDeadline):
            return owed(
                needs,
                None,
                DeadlineKind.NO_FIXED_DEADLINE,
                f"No fixed deadline: {expr.text} ({words})",
            )
        if isinstance(expr, KeepForMonths):
            until = add_months(day, expr.months)
            return owed(
                needs,
                until,
                DeadlineKind.FIXED,
                f"Keep the record for {expr.months} months after {text}, until {until.isoformat()} ({MONTH_RULE})",
                conservative=stand_in,
            )
        if isinstance(expr, HoursAfter):
            instant = incident.event_instant(event)
            conservative = stand_in
            if instant is None and event is Event.DETERMINATION and stand_in:
                instant = incident.discovered_at
            if instant is not None:
                start, start_text = (
                    instant,
                    text
                    if not stand_in
                    else f"discovery {instant_text(instant)} (conservative: the {event.label} is not entered yet)",
                )
            else:
                start = start_of_day(day, tz)
                conservative = True
                where = f"in {tz}" if tz else "anywhere (UTC+14; enter the time zone)"
                start_text = (
                    f"{text}, counted from the start of that day {where}, {instant_text(start)}: no time "
                    "was entered, so this is the earliest the event can have happened"
                )
                if not tz:
                    needs = (*needs, "time zone")
            due_at = add_hours(start, expr.hours, tz)
            due = local_date(due_at, tz)
            basis = (
                f"{expr.hours} hours after {start_text} ({words}): {instant_text(due_at)}. "
                "Hours run through nights, weekends and holidays"
            )
            if rule.without_unreasonable_delay:
                basis = f"Without undue delay and no later than: {basis}"
            return owed(
                needs,
                due,
                DeadlineKind.FIXED,
                basis,
                deadline_at=due_at,
                conservative=conservative,
            )
        if isinstance(expr, DaysAfter):
            due = add_days(day, expr.days, expr.day_kind, self.j.holidays, event.value)
            unit = "calendar days" if expr.day_kind is DayKind.CALENDAR else "business days"
            basis = f"{expr.days} {unit} after {text} ({words})"
            if expr.day_kind is DayKind.BUSINESS:
                basis += f"; business days skip weekends and {_calendar_words(self.j)}"
            if event is Event.MATERIALITY_DETERMINATION and incident.sec_ag_delay_until is not None:
                due, basis = _ag_delayed(due, basis, incident.sec_ag_delay_until, expr, self.j)
            due_at = None
            if expr.cutoff is not None:
                due_at = at_time(due, expr.cutoff.time, expr.cutoff.time_zone)
                if tz:
                    due_at = due_at.astimezone(zone(tz))
                basis += f"; the filing must start by {expr.cutoff.time} {expr.cutoff.time_zone} on the last day: {instant_text(due_at)}"
                due = local_date(due_at, tz)
            if rule.without_unreasonable_delay:
                basis = f"As soon as possible and no later than: {basis}"
            why = non_business_reason(due, self.j.holidays)
            practical = None
            if why:
                practical = previous_business_day(due, self.j.holidays)
                basis += (
                    f". The deadline falls on {'a ' + why if why in ('Saturday', 'Sunday') else why}; send by "
                    f"{practical.isoformat()}, the last business day before it. The deadline itself is not moved"
                )
            return owed(
                needs,
                due,
                DeadlineKind.FIXED,
                basis,
                deadline_at=due_at,
                practical=practical,
                why=why,
                conservative=stand_in,
            )
        raise TypeError(f"unsupported deadline for a sector rule: {expr!r}")


AG_DELAY_SOURCE = (
    "Form 8-K Item 1.05(c); SEC Corporation Finance C&DIs 104B (as summarised by secondary "
    "sources: the report is due four business days after the delay period ends)"
)


def _ag_delayed(
    undelayed: date, basis: str, delay_until: date, expr: DaysAfter, j: Jurisdiction
) -> tuple[date, str]:
    """The 8-K date under an Attorney General delay (Item 1.05(c)): four business days after
    the last day of the delay period. The delay only postpones: if it ends so early that its
    four business days come first, the undelayed date stands (the conservative reading)."""
    delayed = add_days(delay_until, expr.days, expr.day_kind, j.holidays, "sec_ag_delay_until")
    if delayed <= undelayed:
        return undelayed, (
            f"{basis}. The Attorney General delay ends {delay_until.isoformat()}, and four business days "
            f"after it ({delayed.isoformat()}) is not later than this date, so this date stands ({AG_DELAY_SOURCE})"
        )
    words = (
        f"Delayed at the U.S. Attorney General's written determination: {expr.days} business days after "
        f"the delay period ends {delay_until.isoformat()} ({AG_DELAY_SOURCE}); without the delay it would "
        f"be {undelayed.isoformat()} ({basis})"
    )
    if (delay_until - undelayed).days > 120:
        words += (
            ". A delay beyond 30 + 30 + 60 days after the undelayed date needs a Commission exemptive "
            "order: keep it with the file"
        )
    return delayed, words


def _calendar_words(j: Jurisdiction) -> str:
    cal = j.holidays
    if cal.country is None:
        return "no holidays"
    if cal.country == "US" and cal.subdivision is None:
        return "federal holidays"
    return f"{cal.subdivision or cal.country} legal holidays"


def plan_sectors(
    incident: Incident, rulebook: Rulebook
) -> tuple[list[Obligation], list[RuleVersionUsed], list[str]]:
    """Every sector and foreign notice the entity profile calls for; pure."""
    sector_rules = sorted(
        (j for j in rulebook.jurisdictions.values() if j.kind in SECTOR_KINDS), key=lambda j: j.code
    )
    if not sector_rules:
        return [], [], []
    if incident.sectors is None:
        return [], [], [PROFILE_WARNING]
    if incident.time_zone is not None:
        try:
            zone(incident.time_zone)
        except ValueError as exc:  # readers refuse it already; an Incident built otherwise
            raise InputError("time_zone", str(exc)) from None
    obligations: list[Obligation] = []
    used: list[RuleVersionUsed] = []
    for j in sector_rules:
        planner = _SectorPlanner(incident, j)
        found = list(planner.obligations())
        obligations += found
        if planner.versions_used:
            v = planner.versions_used[-1]
            used.append(
                RuleVersionUsed(j.code, j.name, v.effective_from, v.enacted_by, j.last_reviewed, v.statute)
            )
    return obligations, used, []


__all__ = ["PROFILE_WARNING", "SECTOR_KINDS", "plan_sectors"]
