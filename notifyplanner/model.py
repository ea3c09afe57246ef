"""The domain: what an incident is, what a rule says, and what a plan owes.

Everything here is a frozen dataclass or an enum so that a plan computed from an incident
can never be altered on its way to a table, a workbook or a lawyer's desk. The rule side
mirrors ``jurisdictions/schema.json`` one to one; the loader in ``rulebook.py`` is the
only place that turns JSON into these objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notifyplanner.letter_rules import FilingForm, LetterRule


class EntityRole(StrEnum):
    """Who the incident happened to; decides which rules reach them at all."""

    COVERED_ENTITY = "covered_entity"
    BUSINESS_ASSOCIATE = "business_associate"
    PHR_VENDOR = "phr_vendor"
    BUSINESS = "business"
    SERVICE_PROVIDER = "service_provider"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    EntityRole.COVERED_ENTITY: "HIPAA covered entity",
    EntityRole.BUSINESS_ASSOCIATE: "HIPAA business associate",
    EntityRole.PHR_VENDOR: "Vendor of personal health records (FTC rule)",
    EntityRole.BUSINESS: "Any other business",
    EntityRole.SERVICE_PROVIDER: "Vendor holding another business's data (not under HIPAA)",
}


class DataElement(StrEnum):
    """The fixed vocabulary for what was exposed.

    Statutes name their elements in many ways; each jurisdiction file maps its definition
    onto these words, and its ``notes`` say where the fit is loose.
    """

    NAME = "name"
    SSN = "ssn"
    DRIVERS_LICENSE = "drivers_license"
    GOVERNMENT_ID = "government_id"
    PASSPORT = "passport"
    MILITARY_ID = "military_id"
    TAX_ID = "tax_id"
    FINANCIAL_ACCOUNT = "financial_account"
    ACCOUNT_NUMBER_ONLY = "account_number_only"
    MEDICAL = "medical"
    MEDICAL_ID_NUMBER = "medical_id_number"
    HEALTH_INSURANCE = "health_insurance"
    BIOMETRIC = "biometric"
    GENETIC = "genetic"
    USERNAME_PASSWORD = "username_password"
    DOB = "dob"
    MOTHERS_MAIDEN_NAME = "mothers_maiden_name"
    DIGITAL_SIGNATURE = "digital_signature"

    @property
    def label(self) -> str:
        return ELEMENT_LABELS[self]


ELEMENT_LABELS = {
    DataElement.NAME: "Name (first name or initial and last name)",
    DataElement.SSN: "Social Security number",
    DataElement.DRIVERS_LICENSE: "Driver's license or state ID card number",
    DataElement.GOVERNMENT_ID: "Other government-issued ID number",
    DataElement.PASSPORT: "Passport number",
    DataElement.MILITARY_ID: "Military ID number",
    DataElement.TAX_ID: "Taxpayer ID (ITIN, TIN)",
    DataElement.FINANCIAL_ACCOUNT: "Account or card number with the code or password that opens it",
    DataElement.ACCOUNT_NUMBER_ONLY: "Account or card number without any access code",
    DataElement.MEDICAL: "Medical information",
    DataElement.MEDICAL_ID_NUMBER: "Medical identification number (alone, without other medical information)",
    DataElement.HEALTH_INSURANCE: "Health insurance information",
    DataElement.BIOMETRIC: "Biometric data (fingerprint, face, retina...)",
    DataElement.GENETIC: "Genetic data",
    DataElement.USERNAME_PASSWORD: "Username or email with password or security answer",
    DataElement.DOB: "Date of birth",
    DataElement.MOTHERS_MAIDEN_NAME: "Mother's maiden name",
    DataElement.DIGITAL_SIGNATURE: "Digital or electronic signature",
}


class EntityAttribute(StrEnum):
    """What some statutes scope on beyond the entity's role (Georgia binds only
    information brokers and government data collectors, O.C.G.A. § 10-1-911)."""

    INFORMATION_BROKER = "information_broker"
    GOVERNMENT_AGENCY = "government_agency"
    OWNER_BROKER_OR_AGENCY = "owner_broker_or_agency"

    @property
    def label(self) -> str:
        return ATTRIBUTE_LABELS[self]


ATTRIBUTE_LABELS = {
    EntityAttribute.INFORMATION_BROKER: (
        "An information broker: for fees or dues, collects and compiles information about people "
        "mainly to furnish it to nonaffiliated third parties"
    ),
    EntityAttribute.GOVERNMENT_AGENCY: "A state or local government agency",
    EntityAttribute.OWNER_BROKER_OR_AGENCY: (
        "The organization whose data you hold is an information broker or a government agency"
    ),
}


class Circumstance(StrEnum):
    """Facts of the incident a single notice depends on; the plan asks for them by name."""

    CRA_NAMED_BY_CONSUMER_AFFAIRS = "cra_named_by_consumer_affairs"
    NOTICE_REFERS_TO_CREDIT_REPORTS = "notice_refers_to_credit_reports"
    INSURANCE_EVENT_REPORTABLE = "insurance_event_reportable"

    @property
    def question(self) -> str:
        return CIRCUMSTANCE_QUESTIONS[self]


CIRCUMSTANCE_QUESTIONS = {
    Circumstance.CRA_NAMED_BY_CONSUMER_AFFAIRS: (
        "Has the Massachusetts Office of Consumer Affairs and Business Regulation named consumer "
        "reporting agencies or state agencies for you to notify?"
    ),
    Circumstance.NOTICE_REFERS_TO_CREDIT_REPORTS: (
        "Does the notice to individuals suggest, indicate or imply that they may obtain a copy "
        "of their file from a consumer reporting agency?"
    ),
    Circumstance.INSURANCE_EVENT_REPORTABLE: (
        "Insurance licensees: must this cybersecurity event be reported to a government body, or is it "
        "reasonably likely to materially harm a consumer or a material part of your operations?"
    ),
}


class Sector(StrEnum):
    """The entity profile: what an organisation is, beyond its role under HIPAA and the
    state breach laws. Securities, banking, insurance and foreign rules reach an entity by
    what it is (a registrant, a bank, a licensee), not by whose data was exposed."""

    PUBLIC_COMPANY = "public_company"
    SMALLER_REPORTING_COMPANY = "smaller_reporting_company"
    SEC_COVERED_INSTITUTION = "sec_covered_institution"
    SEC_LARGER_ENTITY = "sec_larger_entity"
    SEC_SERVICE_PROVIDER = "sec_service_provider"
    NONBANK_FINANCIAL_INSTITUTION = "nonbank_financial_institution"
    BANK = "bank"
    BANK_SERVICE_PROVIDER = "bank_service_provider"
    CREDIT_UNION = "credit_union"
    NYDFS_COVERED_ENTITY = "nydfs_covered_entity"
    INSURANCE_LICENSEE = "insurance_licensee"
    GDPR = "gdpr"
    UK_GDPR = "uk_gdpr"
    PIPEDA = "pipeda"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]


SECTOR_LABELS = {
    Sector.PUBLIC_COMPANY: "Public company: files reports with the SEC under the Exchange Act (Form 8-K)",
    Sector.SMALLER_REPORTING_COMPANY: "A smaller reporting company under SEC rules",
    Sector.SEC_COVERED_INSTITUTION: (
        "Broker-dealer, funding portal, investment company, SEC-registered investment adviser or transfer agent "
        "(Regulation S-P)"
    ),
    Sector.SEC_LARGER_ENTITY: (
        "A larger entity under Regulation S-P (e.g. an adviser with $1.5 billion or more under management)"
    ),
    Sector.SEC_SERVICE_PROVIDER: (
        "Service provider to a Regulation S-P covered institution (72-hour notice to the institution)"
    ),
    Sector.NONBANK_FINANCIAL_INSTITUTION: (
        "Financial institution under FTC jurisdiction (mortgage broker, auto dealer, tax preparer, lender...)"
    ),
    Sector.BANK: "Bank or other banking organization supervised by the OCC, the Federal Reserve or the FDIC",
    Sector.BANK_SERVICE_PROVIDER: "Provides covered services to a banking organization (bank service provider)",
    Sector.CREDIT_UNION: "Federally insured credit union (NCUA)",
    Sector.NYDFS_COVERED_ENTITY: (
        "Licensed, registered or chartered under New York's Banking, Insurance or Financial Services Law"
    ),
    Sector.INSURANCE_LICENSEE: "Insurer, producer or other licensee of a state insurance department",
    Sector.GDPR: "Controller of personal data under the EU GDPR",
    Sector.UK_GDPR: "Controller of personal data under the UK GDPR",
    Sector.PIPEDA: "Organization subject to Canada's PIPEDA",
}


class Recipient(StrEnum):
    INDIVIDUALS = "individuals"
    ATTORNEY_GENERAL = "attorney_general"
    REGULATOR = "regulator"
    HHS = "hhs"
    MEDIA = "media"
    CONSUMER_REPORTING_AGENCIES = "consumer_reporting_agencies"
    COVERED_ENTITY = "covered_entity"
    DATA_OWNER = "data_owner"
    FTC = "ftc"
    RECORDS = "records"
    SEC = "sec"
    COVERED_INSTITUTION = "covered_institution"

    @property
    def label(self) -> str:
        return RECIPIENT_LABELS[self]


RECIPIENT_LABELS = {
    Recipient.INDIVIDUALS: "Affected individuals",
    Recipient.ATTORNEY_GENERAL: "Attorney General",
    Recipient.REGULATOR: "State regulator",
    Recipient.HHS: "HHS Secretary (OCR)",
    Recipient.MEDIA: "Prominent media",
    Recipient.CONSUMER_REPORTING_AGENCIES: "Consumer reporting agencies",
    Recipient.COVERED_ENTITY: "Covered entity",
    Recipient.DATA_OWNER: "Owner or licensee of the data",
    Recipient.FTC: "Federal Trade Commission",
    Recipient.RECORDS: "Your own records (written determination)",
    Recipient.SEC: "Securities and Exchange Commission (Form 8-K)",
    Recipient.COVERED_INSTITUTION: "Your client institution",
}


class Event(StrEnum):
    """The facts a clock can run from."""

    DISCOVERY = "discovery"
    DETERMINATION = "determination"
    VENDOR_NOTICE = "vendor_notice"
    MATERIALITY_DETERMINATION = "materiality_determination"
    RANSOM_PAYMENT = "ransom_payment"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    Event.DISCOVERY: "discovery",
    Event.DETERMINATION: "determination that a breach occurred",
    Event.VENDOR_NOTICE: "notice received from the vendor",
    Event.MATERIALITY_DETERMINATION: "determination that the incident is material",
    Event.RANSOM_PAYMENT: "extortion payment",
}


class DayKind(StrEnum):
    CALENDAR = "calendar"
    BUSINESS = "business"


class Status(StrEnum):
    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    UNDETERMINED = "undetermined"


class DeadlineKind(StrEnum):
    """How a deadline is stated; a plan never turns a 'no fixed date' into a number."""

    FIXED = "fixed"
    NO_FIXED_DEADLINE = "no_fixed_deadline"
    RELATIVE_TO_NOTICE = "relative_to_notice"
    NONE = "none"  # the obligation is not required, so nothing runs


class HipaaDeemed(StrEnum):
    NONE = "none"
    FULL = "full"
    PARTIAL = "partial"


# --------------------------------------------------------------------------- rules


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
    the ``nth`` ``weekday`` (0 = Monday) of ``month``."""

    name: str
    month: int
    weekday: int
    nth: int


@dataclass(frozen=True)
class HolidayCalendar:
    """python-holidays' calendar for a country and subdivision, corrected to the
    jurisdiction's own holiday statute (``source``) where the two differ."""

    country: str | None  # None: weekends only (a rule counted in hours needs no holidays)
    subdivision: str | None
    added: tuple[AddedHoliday, ...] = ()
    removed: tuple[str, ...] = ()  # python-holidays names the statute does not list
    source: str = ""


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


# --------------------------------------------------------------------------- incident

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


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Obligation:
    """One notice owed (or examined and found not owed), with every reason behind it."""

    jurisdiction: str
    jurisdiction_name: str
    obligation_id: str
    recipient: Recipient
    office: str
    status: Status
    reason: str
    deadline: date | None
    deadline_kind: DeadlineKind
    basis: str
    citation: Citation
    effective_from: date
    enacted_by: str
    practical_send_by: date | None = None
    non_business_day: str = ""  # why the deadline is not a business day, if it is not
    conservative: bool = False  # computed from a stand-in date; see basis
    needs: tuple[str, ...] = ()  # facts the user must still supply
    without_unreasonable_delay: bool = False
    content: str = ""
    filing: str = ""
    notes: str = ""
    held_until: date | None = None  # law-enforcement hold
    subject: str = ""  # the state a per-state federal notice concerns (HIPAA media notice)
    # The deadline as an instant (hours clocks, filing cut-offs), with its UTC offset;
    # ``deadline`` is then its date in the incident's time zone.
    deadline_at: datetime | None = None
    # Who "regulator" is, where the general label would mislead ("State regulator" for
    # the FDIC or an EU supervisory authority): sector and foreign rules name the office.
    recipient_label: str = ""
    title: str = ""  # what tells it apart from another notice to the same recipient here

    @property
    def key(self) -> str:
        """The stable address of this notice: ``JURISDICTION/OBLIGATION[/SUBJECT]``.

        ``CA/individuals``, ``HIPAA/media/TX``. Recorded notices (the register) are keyed
        by it, never by a row position, so a notice survives a re-plan; the subject is part
        of it because HIPAA's media notice is owed once per state.
        """
        if not self.subject:
            return f"{self.jurisdiction}/{self.obligation_id}"
        # The engine names a per-state copy ``media_tx`` (unique within the plan); the key
        # names the rule and the state apart.
        rule_id = self.obligation_id.removesuffix(f"_{self.subject.lower()}")
        return f"{self.jurisdiction}/{rule_id}/{self.subject}"

    @property
    def label(self) -> str:
        """The row label every face shows: recipient, what tells it apart, and its state.

        "Attorney General: preliminary notice", "HHS Secretary (OCR): annual log of small
        breaches", "Prominent media (TX)". Why derived here: the table, the CLI report, the
        workbook, the PDF and the calendar must name a notice alike, and two notices of one
        jurisdiction to one recipient must never read the same (issue 12: New York showed
        two identical "Attorney General" rows).
        """
        base = self.recipient_label or self.recipient.label
        text = f"{base}: {self.title}" if self.title else base
        return f"{text} ({self.subject})" if self.subject else text

    @property
    def recipient_text(self) -> str:
        """The name the faces have always used for ``label``."""
        return self.label


@dataclass(frozen=True)
class CreditMonitoringDuty:
    jurisdiction: str
    jurisdiction_name: str
    status: Status
    reason: str
    months: int
    elements: frozenset[DataElement]
    starts: date | None
    ends: date | None
    basis: str
    citation: Citation
    effective_from: date
    # True when the state accepts the HIPAA letter as its notice but keeps the offer: the
    # offer then goes out with the HIPAA individual notice, and is dated from it.
    with_hipaa_notice: bool = False


@dataclass(frozen=True)
class RuleVersionUsed:
    jurisdiction: str
    name: str
    effective_from: date
    enacted_by: str
    last_reviewed: date
    statute: Citation
    # How the version was chosen, where a version of this jurisdiction is chosen by an
    # event other than discovery ("Texas rules in force on the determination date ...").
    chosen_by: str = ""


@dataclass(frozen=True)
class Plan:
    incident: Incident
    obligations: tuple[Obligation, ...]
    credit_monitoring: tuple[CreditMonitoringDuty, ...]
    versions: tuple[RuleVersionUsed, ...]
    warnings: tuple[str, ...]

    @property
    def controlling(self) -> Obligation | None:
        """The earliest fixed deadline among the notices that are owed (or may be)."""
        dated = [
            o for o in self.obligations if o.deadline is not None and o.status is not Status.NOT_REQUIRED
        ]
        # Two deadlines on one day: an hours clock's instant orders them (NYDFS's 11:00
        # before GDPR's 21:40); a plain date counts as the end of its day.
        return min(
            dated,
            key=lambda o: (
                o.deadline,
                o.status is not Status.REQUIRED,
                o.deadline_at is None,
                o.deadline_at.timestamp() if o.deadline_at else 0.0,
                o.key,
            ),
            default=None,
        )

    @property
    def controlling_deadline(self) -> date | None:
        obligation = self.controlling
        return obligation.deadline if obligation else None

    def by_status(self, status: Status) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.status is status)
