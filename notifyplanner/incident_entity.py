"""The incident's ``entity`` facts (issue 14): who had the breach and what they say about it.

Letters and regulator forms ask for the entity's name and contacts, what happened and what
was done; no deadline turns on them, so they are optional and kept apart from the format's
core. Read strictly like every other field: an object of known keys, each text or null;
an unknown key (``"phnoe"``) is refused by name rather than silently dropped, because a
dropped contact number would leave a placeholder the user believes they filled.

An incident without them saves exactly as before (no ``entity`` key), so a file that never
used them stays readable by an older copy of the program.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from notifyplanner.model import EntityFacts, Incident

FIELD = "entity"
KEYS = ("name", "phone", "toll_free_phone", "email", "postal_address", "what_happened", "steps_taken")
# One-line facts: a line break in a name or a number is a paste slip, and would break the
# sentence of the letter it goes into.
_ONE_LINE = frozenset({"name", "phone", "toll_free_phone", "email"})
MAX_CHARS = 20_000  # a long description fits; a pasted file does not


def entity_from_dict(data: dict[str, Any], error: Callable[..., Exception]) -> dict[str, Any]:
    """``{"entity": EntityFacts}`` from the file's data; raises ``error(field, message)``."""
    raw = data.get(FIELD)
    if raw is None:
        return {FIELD: EntityFacts()}
    if not isinstance(raw, dict):
        raise error(FIELD, f"expected an object with any of: {', '.join(KEYS)}")
    values: dict[str, str] = {}
    for key, value in raw.items():
        where = f"{FIELD}.{key}"
        if key not in KEYS:
            raise error(where, f"unknown field (known: {', '.join(KEYS)})")
        if value is None:
            continue
        if not isinstance(value, str):
            raise error(where, "expected text or null")
        if len(value) > MAX_CHARS:
            raise error(where, f"longer than {MAX_CHARS:,} characters")
        if key in _ONE_LINE and ("\n" in value or "\r" in value):
            raise error(where, "expected one line")
        if key == "email" and value and ("@" not in value or any(c.isspace() for c in value)):
            raise error(where, "expected an e-mail address (name@example.org)")
        values[key] = value
    return {FIELD: EntityFacts(**values)}


def entity_to_dict(incident: Incident) -> dict[str, Any]:
    """The ``entity`` key only when something is given (see the module's note)."""
    entity = incident.entity
    if not entity.given:
        return {}
    return {FIELD: {key: getattr(entity, key) or None for key in KEYS}}
