"""The incident facts some notices turn on: entity attributes, circumstances, decisions.

Kept apart from ``incident_file.py`` (the format's core) so each reader stays small. The
three are optional in a file: an older file without them reads as "not answered yet", so
the notices that depend on them say so instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from notifyplanner.model import HIPAA_FACTORS, Circumstance, Decision, DecisionKind, EntityAttribute, Incident

EXTRA_FIELDS = ("entity_attributes", "circumstances", "decisions")
_DECISION_KEYS = {"scope", "kind", "conclusion", "date", "by", "factors", "consulted_law_enforcement"}

DateReader = Callable[[Any, str], "date | None"]


def _answers(raw: Any, field: str, vocabulary: type, error: Callable[..., Exception]) -> dict[Any, bool]:
    """An object of name -> true/false; null (or absence) means not answered yet."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise error(field, "expected an object: name -> true, false or null")
    out = {}
    for key, value in raw.items():
        try:
            name = vocabulary(key)
        except ValueError:
            known = ", ".join(v.value for v in vocabulary)
            raise error(f"{field}.{key}", f"unknown name (known: {known})") from None
        if value is None:
            continue
        if not isinstance(value, bool):
            raise error(f"{field}.{key}", f"expected true, false or null, got {value!r}")
        out[name] = value
    return out


def _decision(raw: Any, field: str, read_date: DateReader, error: Callable[..., Exception]) -> Decision:
    if not isinstance(raw, dict):
        raise error(field, "expected an object with scope, kind, conclusion, date")
    unknown = sorted(set(raw) - _DECISION_KEYS)
    if unknown:
        raise error(f"{field}.{unknown[0]}", f"unknown field (known: {', '.join(sorted(_DECISION_KEYS))})")
    try:
        kind = DecisionKind(raw.get("kind"))
    except ValueError:
        raise error(f"{field}.kind", 'expected "hipaa_four_factor" or "no_risk_of_harm"') from None
    scope = raw.get("scope")
    if kind is DecisionKind.HIPAA_FOUR_FACTOR and scope != "HIPAA":
        raise error(f"{field}.scope", 'a four-factor assessment has scope "HIPAA"')
    if kind is DecisionKind.NO_RISK_OF_HARM and not (
        isinstance(scope, str) and (scope == "all_states" or (len(scope) == 2 and scope.isupper()))
    ):
        raise error(f"{field}.scope", 'expected a state code (e.g. "FL") or "all_states"')
    if raw.get("conclusion") not in ("notify", "no_notice"):
        raise error(f"{field}.conclusion", 'expected "notify" or "no_notice"')
    by = raw.get("by", "")
    if not isinstance(by, str):
        raise error(f"{field}.by", "expected text")
    factors = raw.get("factors", {})
    if not isinstance(factors, dict) or not all(isinstance(v, str) for v in factors.values()):
        raise error(f"{field}.factors", "expected an object: factor -> finding (text)")
    for key in factors:
        # The four factors of 45 CFR 164.402(2) have fixed names; a state determination may
        # record whatever its statute weighs, under any name.
        if kind is DecisionKind.HIPAA_FOUR_FACTOR and key not in HIPAA_FACTORS:
            raise error(f"{field}.factors.{key}", f"unknown factor (known: {', '.join(HIPAA_FACTORS)})")
        if not key.strip():
            raise error(f"{field}.factors", "a factor needs a name")
    consulted = raw.get("consulted_law_enforcement")
    if consulted is not None and not isinstance(consulted, bool):
        raise error(f"{field}.consulted_law_enforcement", "expected true, false or null")
    return Decision(
        scope=scope,
        kind=kind,
        conclusion=raw["conclusion"],
        date=read_date(raw.get("date"), f"{field}.date"),
        by=by,
        factors=tuple(sorted(factors.items())),
        consulted_law_enforcement=consulted,
    )


def facts_from_dict(
    data: dict[str, Any], read_date: DateReader, error: Callable[..., Exception]
) -> dict[str, Any]:
    """The three optional facts, validated; raises ``error(field, message)``."""
    raw_decisions = data.get("decisions")
    raw_decisions = [] if raw_decisions is None else raw_decisions
    if not isinstance(raw_decisions, list):
        raise error("decisions", "expected a list")
    return {
        "entity_attributes": _answers(
            data.get("entity_attributes"), "entity_attributes", EntityAttribute, error
        ),
        "circumstances": _answers(data.get("circumstances"), "circumstances", Circumstance, error),
        "decisions": tuple(
            _decision(raw, f"decisions[{i}]", read_date, error) for i, raw in enumerate(raw_decisions)
        ),
    }


def facts_to_dict(incident: Incident) -> dict[str, Any]:
    return {
        "entity_attributes": {a.value: v for a, v in sorted(incident.entity_attributes.items())},
        "circumstances": {c.value: v for c, v in sorted(incident.circumstances.items())},
        "decisions": [
            {
                "scope": d.scope,
                "kind": d.kind.value,
                "conclusion": d.conclusion,
                "date": d.date.isoformat() if d.date else None,
                "by": d.by,
                "factors": dict(d.factors),
                "consulted_law_enforcement": d.consulted_law_enforcement,
            }
            for d in incident.decisions
        ],
    }
