"""What a rule says: citations, deadline expressions, triggers, versions, jurisdictions.

Frozen dataclasses that mirror ``jurisdictions/schema.json`` one to one; the loader in
``rulebook.py`` is the only place that turns JSON into them. ``notifyplanner.model``
re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from notifyplanner.terms import (
    Circumstance,
    DataElement,
    DayKind,
    EntityAttribute,
    EntityRole,
    Event,
    HipaaDeemed,
    Recipient,
    Sector,
)

if TYPE_CHECKING:
    from notifyplanner.letter_rules import FilingForm, LetterRule


class CheckLevel(StrEnum):
    """How a cited value was checked, strongest first.

    A lawyer signing a date needs to know whether we read the statute itself, an official
    summary of it (an attorney general's or agency's page), or only law-firm charts; the
    level travels with every citation to the CLI, the app and the workbook.
    """

    STATUTE_TEXT = "statute_text"
    OFFICIAL_SUMMARY = "official_summary"
    SECONDARY = "secondary"

    @property
    def label(self) -> str:
        return CHECK_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the strongest level; the weakest of several citations has the highest rank."""
        return list(CheckLevel).index(self)


CHECK_LABELS = {
    CheckLevel.STATUTE_TEXT: "statute text",
    CheckLevel.OFFICIAL_SUMMARY: "official summary",
    CheckLevel.SECONDARY: "secondary sources",
}


def weakest(levels: Iterable[CheckLevel]) -> CheckLevel:
    """The weakest check among citations (statute text when there are none to weaken it)."""
    return max(levels, key=lambda level: level.rank, default=CheckLevel.STATUTE_TEXT)


@dataclass(frozen=True)
class Citation:
    """A pin cite, its link to the official code or regulation, and how it was checked.

    ``read_at`` is where the text was actually read when the official site was not
    (an aggregator such as Justia); the user is always sent to ``url``, the official one.
    """

    cite: str
    url: str
    checked: CheckLevel = CheckLevel.SECONDARY
    read_at: str = ""


@dataclass(frozen=True)
class FilingCutoff:
    """The hour a filing must start by on its last day (17 CFR 232.13(a)(2): EDGAR filings
    begun after 5:30 p.m. Eastern are filed the next business day)."""

    time: str  # "HH:MM"
    time_zone: str  # IANA name


@dataclass(frozen=True)
class DaysAfter:
    days: int
    day_kind: DayKind
    after: Event
    cutoff: FilingCutoff | None = None


@dataclass(frozen=True)
class HoursAfter:
    hours: int
    after: Event


@dataclass(frozen=True)
class NoFixedDeadline:
    text: str


@dataclass(frozen=True)
class WithNotice:
    """Timed against another notice in the same jurisdiction (usually individuals')."""

    notice: str  # the obligation id it runs from
    relation: str  # "same_time" | "before" | "after"
    days: int = 0
    day_kind: DayKind = DayKind.CALENDAR
    # A federal rule file's code ("HIPAA") when the notice is that rule's, not this
    # jurisdiction's: Illinois and New York time an AG notice from the notice to HHS.
    jurisdiction: str = ""

    @property
    def key(self) -> str:
        """How the engine addresses the other notice: ``individuals`` or ``HIPAA/hhs``."""
        return f"{self.jurisdiction}/{self.notice}" if self.jurisdiction else self.notice


@dataclass(frozen=True)
class EarliestOf:
    of: tuple[DeadlineExpr, ...]


@dataclass(frozen=True)
class AfterYearEnd:
    days: int
    year_of: Event


@dataclass(frozen=True)
class KeepForMonths:
    """A record kept for ``months`` after an event (PIPEDA's 24-month breach record)."""

    months: int
    after: Event


DeadlineExpr = (
    DaysAfter | HoursAfter | NoFixedDeadline | WithNotice | EarliestOf | AfterYearEnd | KeepForMonths
)


@dataclass(frozen=True)
class Trigger:
    entity_roles: frozenset[EntityRole]
    min_residents: int = 1
    min_total_affected: int | None = None
    max_total_affected: int | None = None
    per_state_min_residents: int | None = None
    # Owed only by an entity with at least one of these attributes (Georgia).
    entity_attributes: frozenset[EntityAttribute] = frozenset()
    # Owed only when this fact of the incident holds (MA, MT consumer-reporting notices).
    condition: Circumstance | None = None
    # Sector rules: owed by an entity with any of ``sectors``, all of ``also_sectors`` and
    # none of ``except_sectors`` (entity profile); undetermined until the profile is given.
    sectors: frozenset[Sector] = frozenset()
    also_sectors: frozenset[Sector] = frozenset()
    except_sectors: frozenset[Sector] = frozenset()
    # State insurance data security laws: owed when the state is the licensee's domicile,
    # or when at least this many of its residents are involved (``condition`` then applies).
    insurance_min_residents: int | None = None
    domicile_needs_condition: bool = False


@dataclass(frozen=True)
class ObligationRule:
    id: str
    recipient: Recipient
    office: str
    trigger: Trigger
    deadline: DeadlineExpr
    without_unreasonable_delay: bool
    citation: Citation
    # What tells this notice apart from another one to the same recipient in the same
    # jurisdiction ("preliminary notice" / "copy of the consumer notice"); empty when the
    # recipient is named once.
    title: str = ""
    content: str = ""
    filing: str = ""
    notes: str = ""
    law_enforcement_delay: bool = True
    # What the notice must and must not say, and what a regulator's form asks (issue 14).
    letter: LetterRule | None = None
    form: FilingForm | None = None
    trigger_text: str = ""  # the rule's own words for when the clock starts


@dataclass(frozen=True)
class PersonalInformation:
    with_name: frozenset[DataElement]
    standalone: frozenset[DataElement]
    citation: Citation
    notes: str = ""

    def covers(self, elements: frozenset[DataElement]) -> frozenset[DataElement]:
        """The elements of an incident that make it a breach of personal information here."""
        hit = elements & self.standalone
        if DataElement.NAME in elements:
            hit |= elements & self.with_name
        return frozenset(hit)


@dataclass(frozen=True)
class Encryption:
    safe_harbor: bool
    lost_if_key_compromised: bool
    citation: Citation
    notes: str = ""


@dataclass(frozen=True)
class RiskOfHarmDuty:
    """What a statute attaches to a no-risk-of-harm determination: a written record kept
    for some years, or a notice of the determination to an office within some days."""

    id: str
    recipient: Recipient  # RECORDS for the written record
    office: str
    citation: Citation
    text: str = ""
    keep_years: int | None = None
    days: int | None = None  # notice within this many days after the determination
    day_kind: DayKind = DayKind.CALENDAR
    before: bool = False  # notice due before the determination is made (Alaska)
    min_residents: int = 1


@dataclass(frozen=True)
class RiskOfHarm:
    exception: bool
    conditions: str
    citation: Citation
    # Obligation ids the determination excuses; None: every notice but the vendor's.
    excuses: frozenset[str] | None = None
    requires_law_enforcement_consultation: bool = False
    duties: tuple[RiskOfHarmDuty, ...] = ()

    def excuses_notice(self, rule: ObligationRule) -> bool:
        """Without a list, the determination excuses the owner's notices, never a vendor's
        notice to the owner (the owner makes the determination, not the vendor)."""
        if self.excuses is None:
            owner_roles = {EntityRole.COVERED_ENTITY, EntityRole.PHR_VENDOR, EntityRole.BUSINESS}
            return rule.recipient not in (Recipient.DATA_OWNER, Recipient.COVERED_ENTITY) and bool(
                rule.trigger.entity_roles & owner_roles
            )
        return rule.id in self.excuses


@dataclass(frozen=True)
class HipaaRule:
    deemed: HipaaDeemed
    still_required: frozenset[str]
    citation: Citation
    notes: str = ""


@dataclass(frozen=True)
class LawEnforcementRule:
    allowed: bool
    citation: Citation
    notes: str = ""


@dataclass(frozen=True)
class CreditMonitoringRule:
    months: int
    elements: frozenset[DataElement]
    requires_source_of_breach: bool
    citation: Citation
    condition: str = ""
    notes: str = ""


@dataclass(frozen=True)
class InForceAt:
    """Which incident event decides whether this version governs (default: discovery).

    A version normally governs incidents discovered on or after its ``effective_from``.
    Some amendments attach their new duty to a later event and carry no clause limiting
    them to earlier breaches: Texas S.B. 768 (2023) shortened the AG notice to 30 days
    after the *determination* that a breach occurred, so a determination on or after
    2023-09-01 owes 30 days even when the breach was discovered before. Such a version
    says so here, with the clause it rests on, instead of the engine guessing.
    """

    event: Event
    citation: Citation
    notes: str = ""


@dataclass(frozen=True)
class RuleVersion:
    """One version of a rule file. The breach-statute blocks (personal information,
    encryption, risk of harm, HIPAA) are None only in sector and foreign files, whose
    duties turn on what the entity is, not on which data elements were exposed."""

    effective_from: date
    enacted_by: str
    statute: Citation
    personal_information: PersonalInformation | None
    encryption: Encryption | None
    risk_of_harm: RiskOfHarm | None
    hipaa: HipaaRule | None
    law_enforcement: LawEnforcementRule | None
    obligations: tuple[ObligationRule, ...]
    credit_monitoring: tuple[CreditMonitoringRule, ...]
    notes: str = ""
    follow_up: str = ""
    in_force_at: InForceAt | None = None  # None: chosen by the discovery date

    @property
    def chosen_by(self) -> Event:
        """The incident event whose date must fall on or after ``effective_from``."""
        return self.in_force_at.event if self.in_force_at else Event.DISCOVERY

    def obligation(self, obligation_id: str) -> ObligationRule | None:
        return next((o for o in self.obligations if o.id == obligation_id), None)

    def citations(self) -> tuple[tuple[str, Citation], ...]:
        """Every value's citation with what it supports, in file order: what a reader
        checks, and what the README's 'Checked' column takes the weakest level of."""
        blocks = (
            ("personal information", self.personal_information),
            ("encryption", self.encryption),
            ("risk of harm", self.risk_of_harm),
            ("HIPAA", self.hipaa),
            ("law enforcement", self.law_enforcement),
        )
        out: list[tuple[str, Citation]] = [("statute", self.statute)]
        out += [(what, block.citation) for what, block in blocks if block is not None]
        if self.in_force_at is not None:
            out.append(
                (f"version chosen by the {self.in_force_at.event.value} date", self.in_force_at.citation)
            )
        for o in self.obligations:
            out.append((f"notice {o.id}", o.citation))
            out += _content_citations(o)
        out += [(f"credit monitoring ({c.months} months)", c.citation) for c in self.credit_monitoring]
        return tuple(out)


def _content_citations(rule: ObligationRule) -> list[tuple[str, Citation]]:
    """What a notice must and must not say, and what its regulator's form asks (issue 14):
    legal values like any other, so they count towards the 'Checked' level and the list of
    unchecked values; a letter resting on a chart is no better checked than a deadline."""
    out: list[tuple[str, Citation]] = []
    letter = rule.letter
    if letter is not None:
        what = f"letter content ({rule.id})"
        out.append((what, letter.citation))
        out += [(f"{what}: must state {i.element}", i.citation) for i in letter.required]
        out += [(f"{what}: must not state {i.element}", i.citation) for i in letter.forbidden]
        if letter.hipaa_stand_in is not None:
            out.append((f"{what}: a HIPAA letter stands in", letter.hipaa_stand_in))
    if rule.form is not None:
        out.append((f"filing form ({rule.id})", rule.form.citation))
    return out


@dataclass(frozen=True)
class AddedHoliday:
    """A legal holiday of the jurisdiction's own statute that python-holidays lacks:
    the ``nth`` ``weekday`` (0 = Monday) of ``month``; or, with ``on``, that one day only
    (a closure by executive order that the filing office treats as a holiday); or, with
    ``easter_offset``, a day counted from Western Easter Sunday in every year (Good Friday
    is -2), which no month-and-weekday rule can express."""

    name: str
    month: int
    weekday: int
    nth: int
    on: date | None = None
    easter_offset: int | None = None


@dataclass(frozen=True)
class HolidayCalendar:
    """python-holidays' calendar for a country and subdivision, corrected to the
    jurisdiction's own holiday statute (``source``) where the two differ."""

    country: str | None  # None: weekends only (a rule counted in hours needs no holidays)
    subdivision: str | None
    added: tuple[AddedHoliday, ...] = ()
    removed: tuple[str, ...] = ()  # python-holidays names the statute does not list
    source: str = ""
    # Names the statute did not list until later: (name, last day it was not a holiday).
    # Vermont made Juneteenth a legal holiday in 2024; python-holidays has it from 2021.
    removed_through: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    kind: str  # "federal" | "state" | "district" | "territory" | "sector" | "foreign"
    holidays: HolidayCalendar
    first_enacted: date
    last_reviewed: date
    computation_of_time: Citation | None
    versions: tuple[RuleVersion, ...]  # sorted by effective_from, oldest first
    source_file: str = ""

    def version_on(self, day: date) -> RuleVersion | None:
        """The latest version in force on ``day``; a law that changes never rewrites the old."""
        current = None
        for version in self.versions:
            if version.effective_from <= day:
                current = version
        return current

    @property
    def latest(self) -> RuleVersion:
        return self.versions[-1]


@dataclass(frozen=True, eq=False)
class Rulebook:
    """All jurisdictions loaded from one folder. Compared by identity: the engine keys its
    memo of per-state results on the rulebook object itself."""

    jurisdictions: Mapping[str, Jurisdiction]
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "jurisdictions", MappingProxyType(dict(self.jurisdictions)))

    def get(self, code: str) -> Jurisdiction | None:
        return self.jurisdictions.get(code)

    @property
    def last_reviewed(self) -> date | None:
        days = [j.last_reviewed for j in self.jurisdictions.values()]
        return min(days) if days else None
