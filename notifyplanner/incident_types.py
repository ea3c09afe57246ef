"""What an incident is: the facts a user enters, frozen so a plan cannot alter them.

``notifyplanner.model`` re-exports these; the readers (``incident_file.py``, the roster)
are the places that build them from outside data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from notifyplanner.terms import Circumstance, DataElement, EntityAttribute, EntityRole, Event, Sector

UNKNOWN = None  # a resident count of None means "some residents, number unknown"


@dataclass(frozen=True)
class LawEnforcementDelay:
    """A request by law enforcement to hold notices (45 CFR 164.412; state analogues)."""

    form: str  # "written" | "oral"
    requested: date
    until: date | None = None


@dataclass(frozen=True)
class EntityFacts:
    """Who had the breach and what they say about it: the facts a letter and a regulator's
    form ask for that no deadline turns on. Empty text is "not given": the draft keeps a
    highlighted placeholder and the filing lists the field as missing, never a guess."""

    name: str = ""
    phone: str = ""
    toll_free_phone: str = ""
    email: str = ""
    postal_address: str = ""
    what_happened: str = ""
    steps_taken: str = ""

    @property
    def given(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)


class DecisionKind(StrEnum):
    HIPAA_FOUR_FACTOR = "hipaa_four_factor"  # 45 CFR 164.402(2) risk assessment
    NO_RISK_OF_HARM = "no_risk_of_harm"  # a state's risk-of-harm exception


@dataclass(frozen=True)
class Decision:
    """A documented conclusion that notice is (or is not) owed.

    ``scope`` is "HIPAA", a USPS code, or "all_states" (one determination made under
    every state statute at once; a state-specific one takes precedence).
    """

    scope: str
    kind: DecisionKind
    conclusion: str  # "notify" | "no_notice"
    date: date | None = None
    by: str = ""
    factors: tuple[tuple[str, str], ...] = ()  # four-factor assessment: factor -> finding
    consulted_law_enforcement: bool | None = None

    @property
    def no_notice(self) -> bool:
        return self.conclusion == "no_notice"

    def words(self) -> str:
        when = self.date.isoformat() if self.date else "(date not entered)"
        who = f" by {self.by}" if self.by else ""
        return f"{when}{who}"


HIPAA_FACTORS = {
    "nature_extent": "The nature and extent of the PHI involved, including the types of identifiers and the likelihood of re-identification",
    "unauthorized_person": "The unauthorized person who used the PHI or to whom the disclosure was made",
    "acquired_or_viewed": "Whether the PHI was actually acquired or viewed",
    "mitigation": "The extent to which the risk to the PHI has been mitigated",
}


@dataclass(frozen=True)
class Unplaced:
    """Affected people counted from a list whom no planning jurisdiction's residents hold.

    They are affected people all the same (issue 12: a 3,942-row list must not become
    3,900): the total counts them, and each kind is kept under its own heading so that a
    privacy officer can decide what they owe them. ``military``: APO/FPO/DPO addresses by
    code (AA, AE, AP); ``other_us``: US postal areas without a planning rule (AS, MP, FM,
    MH, PW); ``foreign``: by ISO 3166-1 country code, "unknown" when the row is plainly
    abroad without naming a country; ``unreadable``: state and ZIP that name no place (a
    placeholder ZIP such as 99999 among them); ``blank``: no state and no ZIP at all.
    """

    military: Mapping[str, int] = field(default_factory=dict)
    other_us: Mapping[str, int] = field(default_factory=dict)
    foreign: Mapping[str, int] = field(default_factory=dict)
    unreadable: int = 0
    blank: int = 0

    def __post_init__(self) -> None:
        for name in ("military", "other_us", "foreign"):
            object.__setattr__(
                self, name, MappingProxyType({k: v for k, v in getattr(self, name).items() if v})
            )

    @property
    def total(self) -> int:
        return (
            sum(self.military.values())
            + sum(self.other_us.values())
            + sum(self.foreign.values())
            + self.unreadable
            + self.blank
        )

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass(frozen=True)
class CountsSource:
    """Where the resident and unplaced counts came from: enough for a reviewer to tie the
    numbers to the list (its name and SHA-256), never the people's data."""

    file: str  # the list's file name, without its folder
    sha256: str  # 64 lower-case hex digits
    rows: int  # people rows counted (empty lines excluded)
    counted_at: datetime  # when, in UTC
    empty_rows: int = 0  # lines with no value at all, not people


@dataclass(frozen=True)
class Incident:
    name: str = ""
    entity_role: EntityRole = EntityRole.BUSINESS
    discovered: date | None = None
    determined: date | None = None
    breach_start: date | None = None
    breach_end: date | None = None
    vendor_notice: date | None = None
    individuals_notified: date | None = None
    hhs_notified: date | None = None  # the day HHS was notified (45 CFR 164.408), once it was
    law_enforcement_delay: LawEnforcementDelay | None = None
    data_elements: frozenset[DataElement] = frozenset()
    encrypted: bool = False
    key_compromised: bool = False
    source_of_breach: bool | None = None
    residents: Mapping[str, int | None] = field(default_factory=dict)
    total_affected: int | None = None
    notes: str = ""
    # Answered attributes and circumstances; a missing key is "not answered yet".
    entity_attributes: Mapping[EntityAttribute, bool] = field(default_factory=dict)
    circumstances: Mapping[Circumstance, bool] = field(default_factory=dict)
    decisions: tuple[Decision, ...] = ()
    entity: EntityFacts = field(default_factory=EntityFacts)  # for letters and filings only
    # Instants for clocks counted in hours (aware datetimes), the time zone that reads a
    # bare date's day, and the entity profile. ``sectors`` None: profile not given yet.
    discovered_at: datetime | None = None
    determined_at: datetime | None = None
    materiality_determined: date | None = None
    # The last day of the 8-K delay period named in the Attorney General's written notice to
    # the Commission (Form 8-K Item 1.05(c)); None: no delay.
    sec_ag_delay_until: date | None = None
    ransom_paid_at: datetime | None = None
    time_zone: str | None = None
    sectors: frozenset[Sector] | None = None
    insurance_domicile: str | None = None
    # People on an imported list outside the planning jurisdictions, and the list's identity.
    unplaced: Unplaced = field(default_factory=Unplaced)
    counts_source: CountsSource | None = None

    def __post_init__(self) -> None:
        if self.sectors is not None:
            object.__setattr__(self, "sectors", frozenset(self.sectors))
        object.__setattr__(self, "residents", MappingProxyType(dict(self.residents)))
        object.__setattr__(self, "data_elements", frozenset(self.data_elements))
        object.__setattr__(self, "entity_attributes", MappingProxyType(dict(self.entity_attributes)))
        object.__setattr__(self, "circumstances", MappingProxyType(dict(self.circumstances)))
        object.__setattr__(self, "decisions", tuple(self.decisions))

    def decision(self, scope: str, kind: DecisionKind) -> Decision | None:
        """The decision for ``scope`` (a state's own before an all-states one); the last
        entered wins when one was revisited."""
        own = [d for d in self.decisions if d.kind is kind and d.scope == scope]
        if own:
            return own[-1]
        if scope != "HIPAA":
            shared = [d for d in self.decisions if d.kind is kind and d.scope == "all_states"]
            if shared:
                return shared[-1]
        return None

    def event_date(self, event: Event) -> date | None:
        return {
            Event.DISCOVERY: self.discovered,
            Event.DETERMINATION: self.determined,
            Event.VENDOR_NOTICE: self.vendor_notice,
            Event.MATERIALITY_DETERMINATION: self.materiality_determined,
            Event.RANSOM_PAYMENT: self.ransom_paid_at.date() if self.ransom_paid_at else None,
        }[event]

    def event_instant(self, event: Event) -> datetime | None:
        """The event as an instant, where the incident records its time."""
        return {
            Event.DISCOVERY: self.discovered_at,
            Event.DETERMINATION: self.determined_at,
            Event.RANSOM_PAYMENT: self.ransom_paid_at,
        }.get(event)

    @property
    def counted(self) -> int:
        """People counted: the known resident counts plus the people not placed in any
        planning jurisdiction (military, other US areas, abroad, unreadable)."""
        return sum(c for c in self.residents.values() if c is not None) + self.unplaced.total

    @property
    def affected_total(self) -> int | None:
        """Total affected people: as entered, else everyone counted (residents and unplaced).

        None when it cannot be known (no total entered and some count is unknown). An
        entered total is never below what was counted: incident_problems refuses that.
        """
        if self.total_affected is not None:
            return self.total_affected
        if any(count is None for count in self.residents.values()):
            return None
        return self.counted

    @property
    def affected_at_least(self) -> int:
        """A lower bound on everyone affected: the total as entered, else the known counts.

        A count marked unknown is some people, never fewer than none, so what is known
        already meets any threshold it reaches (issue 11: 141,200 known people and one
        state unknown still owe the 500-or-more HHS notice).
        """
        if self.total_affected is not None:
            return max(self.total_affected, self.counted)
        return self.counted

    @property
    def unknown_counts(self) -> tuple[str, ...]:
        """Codes whose resident count is unknown, when no total was entered to cover them."""
        if self.total_affected is not None:
            return ()
        return tuple(sorted(code for code, count in self.residents.items() if count is None))
