"""The words of a letter draft: templates, third-party contacts, and the incident's facts.

Kept apart from the Word writer so the app, the CLI and tests share one reading of the
templates folder (``resources/letters/`` or the user's own copy, set in Preferences) and
one rule for facts: a fact the incident has is inserted as plain text; a fact it lacks is a
placeholder the draft highlights, never made-up text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notifyplanner.letter_groups import LetterGroup
from notifyplanner.letter_rules import ELEMENTS
from notifyplanner.model import Incident
from notifyplanner.userdirs import bundled_dir

BUNDLED_TEMPLATES = bundled_dir("resources") / "letters"  # the checkout's, or the installed copy
TEMPLATES_FILE = "paragraphs.json"
CONTACTS_FILE = "contacts.json"
_TOKEN = re.compile(r"\{([a-z_]+)\}")
# XML 1.0 forbids most control characters; a pasted one would make Word refuse the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_KEYS = (
    "title",
    "title_when_not_required",
    "date_line",
    "address_block",
    "salutation",
    "intro",
    "closing",
    "signature",
)


class LetterTemplateError(ValueError):
    """A templates folder that cannot be used; the message names the file and field."""


@dataclass(frozen=True)
class Templates:
    texts: Mapping[str, str]
    placeholders: Mapping[str, str]
    elements: Mapping[str, str]
    contacts: Mapping[str, Mapping[str, str]]
    folder: Path


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    # Through safe_read: a user's templates folder may hold a FIFO, a deeply nested or
    # huge file, or a lone surrogate, none of which may hang or crash the letters.
    from notifyplanner.safe_read import InputError, read_json

    try:
        data = read_json(path, "letter templates file", encoding="utf-8")
    except InputError as exc:
        if exc.message == "no such file":
            raise LetterTemplateError(f"{path}: file not found") from None
        raise LetterTemplateError(f"{path}: {exc.field}: {exc.message}") from None
    if not isinstance(data, dict):
        raise LetterTemplateError(f"{path}: expected a JSON object")
    bad = _control_character(data)
    if bad is not None:
        raise LetterTemplateError(
            f"{path}: {bad}: holds a control character, which a Word document cannot hold; remove it"
        )
    return data


def _control_character(data: Any) -> str | None:
    """The field path of the first key or text holding an XML-illegal character: the
    templates go into Word's XML as they are, and lxml refuses such text mid-draft."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str) and _NOT_XML.search(node):
            return path or "$"
        if isinstance(node, dict):
            for key, value in node.items():
                child = f"{path}.{key}" if path else str(key)
                if _NOT_XML.search(str(key)):
                    return child
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", value) for i, value in enumerate(node))
    return None


def load_templates(folder: Path | None = None) -> Templates:
    """The templates in ``folder`` (default: the bundled ``resources/letters``).

    Every element of the vocabulary needs a paragraph and every ``{name}`` a placeholder
    hint, so a user's copy that misses one fails here with the field named, not later
    with a half-written letter.
    """
    folder = Path(folder) if folder else BUNDLED_TEMPLATES
    data = _load(folder / TEMPLATES_FILE)
    where = folder / TEMPLATES_FILE
    for key in ("placeholders", "elements"):
        if not isinstance(data.get(key), dict):
            raise LetterTemplateError(f"{where}: {key}: expected an object")
    texts = {}
    for key in _TEXT_KEYS:
        if not isinstance(data.get(key), str):
            raise LetterTemplateError(f"{where}: {key}: expected text")
        texts[key] = data[key]
    elements, placeholders = data["elements"], data["placeholders"]
    missing = [
        e for e in ELEMENTS if e != "waiver_of_claims_condition" and e not in elements and not _format_only(e)
    ]
    if missing:
        raise LetterTemplateError(f"{where}: elements: no paragraph for {', '.join(missing)}")
    for key, text in [*texts.items(), *elements.items()]:
        if not isinstance(text, str):
            raise LetterTemplateError(f"{where}: elements.{key}: expected text")
        for token in _TOKEN.findall(text):
            if token not in placeholders:
                raise LetterTemplateError(f"{where}: {key}: {{{token}}} has no entry in placeholders")
    contacts: dict[str, Mapping[str, str]] = {}
    contacts_path = folder / CONTACTS_FILE
    if contacts_path.exists():
        raw = _load(contacts_path).get("contacts", {})
        if not isinstance(raw, dict):
            raise LetterTemplateError(f"{contacts_path}: contacts: expected an object")
        for code, entry in raw.items():
            if not (
                isinstance(entry, dict)
                and all(isinstance(entry.get(k), str) for k in ("text", "source", "verified"))
            ):
                raise LetterTemplateError(
                    f"{contacts_path}: contacts.{code}: needs text, source and verified"
                )
            contacts[code] = entry
    return Templates(texts, placeholders, elements, contacts, folder)


FORMAT_ONLY = frozenset(
    {"title_notice_of_data_breach", "headings_ca", "min_font_pt", "plain_language", "clear_and_conspicuous"}
)


def _format_only(element: str) -> bool:
    return element in FORMAT_ONLY


def clean(text: str) -> str:
    """Incident text made safe to put in a document as text: no XML-illegal characters."""
    return _NOT_XML.sub("", text)


def _date_range(incident: Incident) -> str | None:
    start, end = incident.breach_start, incident.breach_end
    if start and end and end != start:
        return f"between {start.isoformat()} and {end.isoformat()}"
    if start:
        return f"on or about {start.isoformat()}"
    return None


def facts(incident: Incident, group: LetterGroup, templates: Templates) -> dict[str, str]:
    """The incident's answers for a group's placeholders; a key absent here stays a
    placeholder. Nothing is inferred that the incident does not say."""
    out: dict[str, str] = {}
    if (dates := _date_range(incident)) is not None:
        out["breach_dates"] = dates
    if incident.discovered:
        out["discovery_date"] = incident.discovered.isoformat()
    if incident.individuals_notified:
        out["notice_date"] = incident.individuals_notified.isoformat()
    if incident.data_elements:
        out["data_types"] = "; ".join(sorted(e.label for e in incident.data_elements))
    if incident.affected_total is not None:
        out["number_affected"] = f"{incident.affected_total:,}"
    if incident.law_enforcement_delay is not None:
        out["law_enforcement_statement"] = (
            "This notice was delayed at the request of law enforcement "
            f"(request of {incident.law_enforcement_delay.requested.isoformat()})."
        )
    out.update(_entity_facts(incident, group))
    offer = group.element("credit_monitoring_offer")
    if offer is not None and isinstance(offer.value, int):
        out["months"] = str(offer.value)
    if "FTC" in templates.contacts:
        out["ftc_contact"] = templates.contacts["FTC"]["text"]
    ag = group.element("state_ag_contact")
    if ag is not None and isinstance(ag.value, str):
        states = [s.strip() for s in ag.value.split(",")]
        if all(f"AG-{s}" in templates.contacts for s in states):
            out["ag_contacts"] = " ".join(templates.contacts[f"AG-{s}"]["text"] for s in states)
    return {k: clean(v) for k, v in out.items()}


def _entity_facts(incident: Incident, group: LetterGroup) -> dict[str, str]:
    """The entity's own words and contacts, where the incident file gives them.

    What happened is left out of a letter whose group forbids the nature of the breach
    (Massachusetts, c. 93H § 3(b)) even though no paragraph would use it: the rule is
    enforced where the fact enters, not only where the template happens to place it.
    """
    entity = incident.entity
    out: dict[str, str] = {}
    if entity.name:
        out["entity_name"] = entity.name
    if entity.phone:
        out["phone"] = entity.phone
    if entity.toll_free_phone:
        out["toll_free"] = entity.toll_free_phone
    if entity.email:
        out["email"] = entity.email
    if entity.postal_address:
        out["postal_address"] = entity.postal_address
    if entity.postal_address and entity.phone:  # the template asks for both together
        out["entity_contact"] = f"{entity.postal_address}, telephone {entity.phone}"
    if entity.what_happened and "description_of_incident" not in group.forbidden_ids:
        out["description"] = entity.what_happened
    if entity.steps_taken:
        out["steps_taken"] = entity.steps_taken
    return out


def ag_placeholder(group: LetterGroup, templates: Templates) -> str:
    """The Attorney General placeholder names the states it is for."""
    ag = group.element("state_ag_contact")
    states = ag.value if ag is not None and isinstance(ag.value, str) else ""
    hint = templates.placeholders.get("ag_contacts", "ATTORNEY GENERAL")
    return f"{states} {hint}".strip()


def split_tokens(text: str) -> list[tuple[str, str | None]]:
    """``"a {x} b"`` -> [("a ", None), ("", "x"), (" b", None)]: literal runs and tokens."""
    parts: list[tuple[str, str | None]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            parts.append((text[pos : match.start()], None))
        parts.append(("", match.group(1)))
        pos = match.end()
    if pos < len(text):
        parts.append((text[pos:], None))
    return parts
