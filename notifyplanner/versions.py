"""Which version of a jurisdiction's rules governs an incident.

A version governs incidents whose discovery falls on or after its ``effective_from``,
unless the version names another event (``in_force_at``): Texas S.B. 768 (2023) shortened
the Attorney General's notice to 30 days after the *determination* that a breach
occurred, with no clause limiting it to earlier breaches, so a breach discovered on
2023-08-25 but determined on 2023-09-05 owes 30 days. The choice is data in the rule
file, with its citation; this module only applies it, and says how it chose, because a
lawyer reading the date must be able to see which law produced it.

Pure: the same jurisdiction and incident always give the same choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from notifyplanner.model import Event, Incident, Jurisdiction, RuleVersion

# The schema lets a version be chosen by these events only (jurisdictions/schema.json).
_DATE_WORDS = {Event.DISCOVERY: "discovery date", Event.DETERMINATION: "determination date"}


@dataclass(frozen=True)
class VersionChoice:
    """The version chosen (None: no rule in force yet), and the sentence that explains
    the choice where it is not simply "the discovery date" (empty otherwise)."""

    version: RuleVersion | None
    basis: str = ""
    warning: str = ""


def _day(incident: Incident, event: Event) -> tuple[date | None, bool]:
    """The date that decides for ``event``, and whether discovery stood in for it.

    A determination comes on or after discovery, so a missing determination date is
    taken as the discovery date, as the deadline clocks do (notifyplanner.deadlines);
    the plan then warns that a later determination may bring a later version.
    """
    day = incident.event_date(event)
    if day is None and event is not Event.DISCOVERY:
        return incident.discovered, incident.discovered is not None
    return day, False


def choose_version(jurisdiction: Jurisdiction, incident: Incident) -> VersionChoice:
    """The latest version whose deciding event falls on or after its effective date.

    Without a discovery date no clock can start and the latest version is shown. Only
    jurisdictions with a version chosen by another event get an explanation, so plans
    elsewhere read as before.
    """
    if incident.discovered is None:
        return VersionChoice(jurisdiction.latest)
    chosen: RuleVersion | None = None
    chosen_day: date | None = None
    stood_in = False
    passed_over: list[tuple[RuleVersion, date, bool]] = []
    for version in jurisdiction.versions:
        day, stand_in = _day(incident, version.chosen_by)
        if day is None:
            continue
        if day >= version.effective_from:
            chosen, chosen_day, stood_in = version, day, stand_in
            passed_over = []
        else:
            passed_over.append((version, day, stand_in))
    if not any(v.in_force_at is not None for v in jurisdiction.versions):
        return VersionChoice(chosen)
    if chosen is None or chosen_day is None:
        return VersionChoice(None)
    words = _DATE_WORDS[chosen.chosen_by]
    source = f"{chosen.enacted_by}, in force from {chosen.effective_from.isoformat()}"
    if stood_in:
        basis = (
            f"{jurisdiction.name} rules in force on the {words}; none is entered, so the discovery "
            f"date {chosen_day.isoformat()} stands in ({source})"
        )
    else:
        basis = f"{jurisdiction.name} rules in force on the {words} {chosen_day.isoformat()} ({source})"
    warning = ""
    later = next(((v, d, s) for v, d, s in passed_over if v.in_force_at is not None), None)
    if later is not None:
        version, day, stand_in = later
        later_words = _DATE_WORDS[version.chosen_by]
        governs = (
            f"{version.enacted_by} governs where the {later_words} is on or after "
            f"{version.effective_from.isoformat()}"
        )
        if stand_in:
            # Not a conservative date: the later version may set an earlier deadline.
            basis += f"; {governs} and may set an earlier deadline: enter the {later_words}"
            warning = (
                f"{jurisdiction.name}: {governs}; no {later_words} is entered, so the rules in force on "
                f"the discovery date {day.isoformat()} are used and the deadlines may be earlier. "
                f"Enter the {later_words}."
            )
        else:
            basis += f"; {governs}, and the {later_words} {day.isoformat()} is before it"
    return VersionChoice(chosen, basis, warning)


__all__ = ["VersionChoice", "choose_version"]
