"""What a notice letter or a regulator filing must (or must not) say: the vocabulary and the
rule-side objects.

The rule files describe each individual notice's content with ids from ``ELEMENTS`` (the
fixed vocabulary of issue 14) so the program can group states into letters, draft them and
check them; ``jurisdictions/schema.json`` lists the same ids and a test keeps the two equal.
The definitions here are the user-facing words: the app, the drafts' checklist page and
``letters.json`` all take them from this one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notifyplanner.model import Citation


@dataclass(frozen=True)
class ElementInfo:
    """An element's label (a checklist row), its definition, and the California heading
    (Civ. Code § 1798.82(d)(1)) its paragraph goes under in a draft ("" = format only)."""

    label: str
    definition: str
    heading: str = ""


WHAT_HAPPENED = "What Happened"
WHAT_INFO = "What Information Was Involved"
WHAT_WE_DO = "What We Are Doing"
WHAT_YOU_CAN_DO = "What You Can Do"
MORE_INFO = "For More Information"
OTHER_INFO = "Other Important Information"
CA_HEADINGS = (WHAT_HAPPENED, WHAT_INFO, WHAT_WE_DO, WHAT_YOU_CAN_DO, MORE_INFO)

ELEMENTS: Mapping[str, ElementInfo] = {
    # format
    "title_notice_of_data_breach": ElementInfo(
        "Title 'Notice of Data Breach'", 'The notice is titled exactly "Notice of Data Breach".'
    ),
    "headings_ca": ElementInfo(
        "California's headings",
        'The content appears under the headings "What Happened", "What Information Was Involved", '
        '"What We Are Doing", "What You Can Do" and "For More Information" (an "Other Important '
        'Information" section may be added).',
    ),
    "min_font_pt": ElementInfo("Minimum type size", "Text no smaller than the number of points given."),
    "plain_language": ElementInfo("Plain language", "Written in plain language."),
    "clear_and_conspicuous": ElementInfo(
        "Clear and conspicuous",
        'The notice is "clear and conspicuous" (a display requirement; no fixed size).',
    ),
    # facts of the incident
    "description_of_incident": ElementInfo(
        "Description of the incident",
        'A general description of what happened (the "nature" of the breach, the incident in general terms).',
        WHAT_HAPPENED,
    ),
    "how_breach_occurred": ElementInfo(
        "How the breach occurred",
        "How the breach occurred (its cause), beyond a general description.",
        WHAT_HAPPENED,
    ),
    "date_of_breach": ElementInfo(
        "Date of the breach", "The date, estimated date or date range of the breach.", WHAT_HAPPENED
    ),
    "date_of_discovery": ElementInfo(
        "Date of discovery", "The date the breach was discovered.", WHAT_HAPPENED
    ),
    "date_of_notice": ElementInfo("Date of the notice", "The date of the notice itself.", WHAT_HAPPENED),
    "types_of_information": ElementInfo(
        "Types of information",
        "The categories or types of personal information (or health information) involved; some states "
        "require the specific elements to be named.",
        WHAT_INFO,
    ),
    "number_affected": ElementInfo("Number affected", "The number of individuals affected.", WHAT_HAPPENED),
    "third_party_acquirers": ElementInfo(
        "Who acquired the information",
        "The identity (or a description) of third parties that acquired the information, if known.",
        WHAT_HAPPENED,
    ),
    "law_enforcement_delay_statement": ElementInfo(
        "Law-enforcement delay",
        "Whether notice was delayed because of a law-enforcement investigation.",
        WHAT_HAPPENED,
    ),
    # what the entity did and what the individual can do
    "steps_taken": ElementInfo(
        "What we are doing",
        "What the entity has done or is doing to investigate, contain, mitigate and protect against "
        "further breaches.",
        WHAT_WE_DO,
    ),
    "steps_individuals_can_take": ElementInfo(
        "Steps individuals can take",
        "Steps the individual can take to protect himself or herself from harm or identity theft.",
        WHAT_YOU_CAN_DO,
    ),
    "vigilance_advice": ElementInfo(
        "Advice to remain vigilant",
        "Advice to remain vigilant by reviewing account statements and monitoring free credit reports.",
        WHAT_YOU_CAN_DO,
    ),
    "report_identity_theft_advice": ElementInfo(
        "Report identity theft",
        "Advice to report suspected identity theft to law enforcement (and, where the state says so, "
        "its Attorney General and the FTC).",
        WHAT_YOU_CAN_DO,
    ),
    "credential_change_instruction": ElementInfo(
        "Change credentials",
        "For online-credential breaches: change the password or security question and protect other "
        "accounts that use the same credentials.",
        WHAT_YOU_CAN_DO,
    ),
    "fcra_rights_advice": ElementInfo(
        "Fair Credit Reporting Act rights",
        "Advice informing the recipient of rights under the federal Fair Credit Reporting Act.",
        WHAT_YOU_CAN_DO,
    ),
    "knowledge_of_acquisition_statement": ElementInfo(
        "Statement of knowledge",
        "A statement that the entity knows of the unauthorized acquisition of personal information "
        "pertaining to the individual.",
        WHAT_HAPPENED,
    ),
    # contacts
    "contact_info_entity": ElementInfo(
        "Our contact information",
        "Name and contact information of the notifying entity (some states: address, telephone number, "
        "and toll-free number if one is maintained).",
        MORE_INFO,
    ),
    "contact_phone": ElementInfo(
        "Telephone number",
        "A telephone number the individual can call for information and assistance.",
        MORE_INFO,
    ),
    "contact_toll_free": ElementInfo(
        "Toll-free number", "A toll-free telephone number of the entity.", MORE_INFO
    ),
    "contact_website": ElementInfo(
        "Website", "A website of the entity for information or assistance.", MORE_INFO
    ),
    "contact_procedures_hipaa": ElementInfo(
        "Contact procedures",
        "Contact procedures to ask questions, including a toll-free telephone number, an e-mail address, "
        "web site, or postal address.",
        MORE_INFO,
    ),
    "cra_contacts": ElementInfo(
        "Credit reporting agencies",
        "Toll-free telephone numbers and addresses of the three nationwide consumer reporting agencies.",
        WHAT_YOU_CAN_DO,
    ),
    "cra_websites": ElementInfo(
        "Credit reporting agency websites", "Websites of the consumer reporting agencies.", WHAT_YOU_CAN_DO
    ),
    "ftc_contact": ElementInfo(
        "Federal Trade Commission",
        "Toll-free number, address and website of the Federal Trade Commission.",
        MORE_INFO,
    ),
    "state_ag_contact": ElementInfo(
        "State Attorney General",
        "Contact details (toll-free number, address, website as the statute says) of the named state's "
        "Attorney General.",
        MORE_INFO,
    ),
    "agency_contacts_generic": ElementInfo(
        "State and federal agencies",
        "Telephone numbers and websites of the relevant state and federal agencies that provide "
        "information on breach response and identity theft.",
        MORE_INFO,
    ),
    "remediation_provider_contacts": ElementInfo(
        "Remediation service providers",
        "Toll-free numbers and websites of remediation service providers.",
        WHAT_YOU_CAN_DO,
    ),
    "id_theft_info_statement": ElementInfo(
        "Where to learn about identity theft",
        "A statement that the individual can obtain information about preventing identity theft from "
        "the FTC and the Attorney General named.",
        MORE_INFO,
    ),
    "parent_company_name": ElementInfo(
        "Parent company",
        "The name of the parent or affiliated corporation, if the notifier is owned by another.",
        MORE_INFO,
    ),
    # rights and offers
    "credit_freeze_info": ElementInfo(
        "Security freeze",
        "How to request a security freeze and the information needed to request it.",
        WHAT_YOU_CAN_DO,
    ),
    "freeze_fee_statement": ElementInfo(
        "Freeze fees",
        "A statement about fees for a freeze (since 2018-09-21 federal law makes placing and lifting a "
        "freeze free, 15 U.S.C. § 1681c-1(i)).",
        WHAT_YOU_CAN_DO,
    ),
    "fraud_alert_info": ElementInfo("Fraud alert", "How to place a fraud alert.", WHAT_YOU_CAN_DO),
    "freeze_alert_source_statement": ElementInfo(
        "Where to learn about alerts and freezes",
        "A statement that the individual can obtain information about fraud alerts and security "
        "freezes from the FTC and the consumer reporting agencies.",
        WHAT_YOU_CAN_DO,
    ),
    "police_report_right": ElementInfo(
        "Police report",
        "The individual's right to obtain (or file and obtain) a police report.",
        WHAT_YOU_CAN_DO,
    ),
    "credit_monitoring_offer": ElementInfo(
        "Credit-monitoring offer",
        "An offer of credit monitoring or identity theft prevention services at no cost for at least "
        "the number of months given.",
        WHAT_WE_DO,
    ),
    "credit_monitoring_enrollment_info": ElementInfo(
        "How to enrol", "All information the individual needs to enrol in the offered service.", WHAT_WE_DO
    ),
    # forbidden only
    "waiver_of_claims_condition": ElementInfo(
        "Waiver of claims",
        "Making the credit-monitoring offer conditional on waiving a private right of action.",
        WHAT_WE_DO,
    ),
}

# Conditions an element may carry (``when``): the element is owed only when every one holds.
CONDITIONS: Mapping[str, str] = {
    "ssn_exposed": "a Social Security number was exposed",
    "ssn_or_tin_exposed": "a Social Security or taxpayer identification number was exposed",
    "ssn_or_dl_exposed": "a Social Security, driver's license or state ID number was exposed",
    "credentials_exposed": "online credentials (user name or e-mail with password) were exposed",
    "name_based_pi": "a name with another element of personal information was exposed",
    "source_of_breach": "the notifier was the source of the breach",
    "entity_has_number": "the notifier has a telephone number for questions",
    "parent_exists": "the notifier is owned by another company",
    "law_enforcement_delay_determinable": "it can be determined whether notice was delayed for law enforcement",
}

# What a regulator's form or statute asks for (issue 14's filing vocabulary).
FILING_FIELDS: Mapping[str, str] = {
    "entity_name": "Name of the entity that had the breach",
    "entity_address": "Its address",
    "entity_type": "Type of entity (health plan, provider, clearinghouse; type of business)",
    "contact_person": "Contact person: name, title, telephone, e-mail",
    "submitter_relationship": "The submitter's relationship to the entity",
    "business_associate": "Business associate involved: name, address, contact",
    "report_type": "Initial report or addendum (with the earlier report's number)",
    "breach_start_date": "Date the breach began",
    "breach_end_date": "Date the breach ended",
    "discovery_date": "Date the breach was discovered",
    "notice_date_individuals": "Date individuals were (or will be) notified",
    "number_affected_total": "Number of people affected in all",
    "number_affected_state": "Number of this state's residents affected",
    "number_notified_direct": "Number notified by mail or other direct method",
    "breach_type": "Type of breach (hacking, theft, loss, unauthorized access...)",
    "breach_location": "Where the breached information was (server, e-mail, laptop, paper...)",
    "data_types": "Types of information involved",
    "description": "Description of the breach (what happened, how)",
    "how_discovered": "How the breach was discovered",
    "cause": "Cause of the breach",
    "safeguards_before": "Safeguards in place before the breach",
    "actions_taken": "Actions taken in response",
    "actions_planned": "Actions planned to prevent a recurrence",
    "law_enforcement_notified": "Whether law enforcement was notified (agency, contact, report number)",
    "notice_delayed_for_law_enforcement": "Whether notice was delayed for law enforcement",
    "substitute_notice_given": "Whether substitute notice was given",
    "media_notice_given": "Whether notice was given to the media",
    "credit_monitoring_offered": "Credit monitoring offered (months; how to enrol)",
    "wisp_maintained": "Whether a written information security program is maintained",
    "responsible_person": "The person responsible for the breach, if known",
    "headquarters_location": "Headquarters location if outside the jurisdiction",
    "foreign_involvement": "Any knowledge of foreign-country involvement",
    "estimated_monetary_impact": "Estimated monetary impact",
    "safeguards_employed": "Reasonable safeguards employed",
    "names_of_affected": "Names of the affected residents",
    "prior_breaches_12_months": "Breach notices sent in the previous 12 months",
    "fein": "Federal employer identification number (employee tax data)",
    "sample_notice": "A copy of the notice sent to individuals (without personal information)",
    "attestation": "Attestation that the report is accurate",
}


@dataclass(frozen=True)
class LetterItem:
    """One required or forbidden element of a notice, with its source.

    ``value`` is the parameter of a parameterised element (points of ``min_font_pt``,
    months of ``credit_monitoring_offer``, the state of ``state_ag_contact``); ``when``
    lists conditions from ``CONDITIONS`` that must all hold for the element to be owed.
    """

    element: str
    citation: Citation
    value: int | str | None = None
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterRule:
    """What one individual notice must and must not say.

    ``no_content_requirement`` is the explicit, cited answer "the law prescribes no
    content" (never the same as "not researched"). ``hipaa_stand_in`` cites a provision that
    deems a HIPAA-compliant letter compliant with this content (California § 1798.82(e)).
    """

    no_content_requirement: bool
    required: tuple[LetterItem, ...]
    forbidden: tuple[LetterItem, ...]
    citation: Citation
    to_the_extent_known: bool = False
    hipaa_stand_in: Citation | None = None
    notes: str = ""


@dataclass(frozen=True)
class FilingForm:
    """What a regulator's notice (portal, form or statute) asks for."""

    channel: str
    fields: tuple[str, ...]
    citation: Citation
    notes: str = ""


def letter_from_json(raw: Mapping[str, Any], cite: Callable[[Any], Citation]) -> LetterRule:
    """The ``letter`` block of an obligation; ``cite`` is the rule loader's citation reader."""

    def items(key: str) -> tuple[LetterItem, ...]:
        return tuple(
            LetterItem(
                element=i["element"],
                citation=cite(i["citation"]),
                value=i.get("value"),
                when=tuple(i.get("when", ())),
            )
            for i in raw.get(key, ())
        )

    stand_in = raw.get("hipaa_stand_in")
    return LetterRule(
        no_content_requirement=raw["no_content_requirement"],
        required=items("required_elements"),
        forbidden=items("forbidden_elements"),
        citation=cite(raw["citation"]),
        to_the_extent_known=raw.get("to_the_extent_known", False),
        hipaa_stand_in=cite(stand_in) if stand_in else None,
        notes=raw.get("notes", ""),
    )


def form_from_json(raw: Mapping[str, Any], cite: Callable[[Any], Citation]) -> FilingForm:
    """The ``form`` block of a regulator notice."""
    return FilingForm(
        channel=raw["channel"],
        fields=tuple(raw["fields"]),
        citation=cite(raw["citation"]),
        notes=raw.get("notes", ""),
    )


def letter_summary(letter: LetterRule) -> str:
    """One line for ``rules show``: what the notice must and must not say, and where."""
    if letter.no_content_requirement:
        return f"no content requirement [{letter.citation.cite}, {letter.citation.checked.value}]"

    def word(item: LetterItem) -> str:
        text = item.element + (f"={item.value}" if item.value is not None else "")
        return text + (f" (if {', '.join(item.when)})" if item.when else "")

    parts = [f"must say: {', '.join(word(i) for i in letter.required)}"] if letter.required else []
    if letter.forbidden:
        parts.append(f"must not say: {', '.join(word(i) for i in letter.forbidden)}")
    return "; ".join(parts) + f" [{letter.citation.cite}, {letter.citation.checked.value}]"
