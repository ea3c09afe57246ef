"""The domain's vocabulary: roles, data elements, sectors, recipients, events, statuses.

Enums and their labels, shared by the rule files, the incident and the plan; kept apart so
each of those three can be read without the others. ``notifyplanner.model`` re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


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

    @property
    def short_label(self) -> str:
        """The element as a sentence names it ("Exposed: date of birth; name"): the plan's
        reasons are read by people, who should not meet the file's codes (``dob``)."""
        return ELEMENT_SHORT_LABELS[self]


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

ELEMENT_SHORT_LABELS = {
    DataElement.NAME: "name",
    DataElement.SSN: "Social Security number",
    DataElement.DRIVERS_LICENSE: "driver's license or state ID number",
    DataElement.GOVERNMENT_ID: "other government ID number",
    DataElement.PASSPORT: "passport number",
    DataElement.MILITARY_ID: "military ID number",
    DataElement.TAX_ID: "taxpayer ID number",
    DataElement.FINANCIAL_ACCOUNT: "account or card number with its access code",
    DataElement.ACCOUNT_NUMBER_ONLY: "account or card number alone",
    DataElement.MEDICAL: "medical information",
    DataElement.MEDICAL_ID_NUMBER: "medical ID number",
    DataElement.HEALTH_INSURANCE: "health insurance information",
    DataElement.BIOMETRIC: "biometric data",
    DataElement.GENETIC: "genetic data",
    DataElement.USERNAME_PASSWORD: "username or email with its password",
    DataElement.DOB: "date of birth",
    DataElement.MOTHERS_MAIDEN_NAME: "mother's maiden name",
    DataElement.DIGITAL_SIGNATURE: "electronic signature",
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
