"""The per-rulebook memo of state results, so a keystroke replans one state, not 54.

Kept apart from the engine because its soundness argument is its own: a state's notices
depend only on the facts in ``state_key`` (the engine is pure), so the memo is an
optimisation the results cannot tell apart from recomputing.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import fields

from notifyplanner.chained import FederalAnchors, anchors_key
from notifyplanner.model import CreditMonitoringDuty, Incident, Obligation, Rulebook, RuleVersion

MEMO_SIZE = 4096
_MEMOS: weakref.WeakKeyDictionary[
    Rulebook, dict[tuple[object, ...], tuple[tuple[Obligation, ...], tuple[CreditMonitoringDuty, ...]]]
] = weakref.WeakKeyDictionary()


def memo_for(
    rulebook: Rulebook,
) -> dict[tuple[object, ...], tuple[tuple[Obligation, ...], tuple[CreditMonitoringDuty, ...]]]:
    """Per-rulebook memo of state results, so a keystroke replans one state, not 54.

    Sound because a state's notices depend only on the facts in ``state_key`` (the engine
    is pure); the memo is an optimisation the results cannot tell apart from recomputing.
    """
    memo = _MEMOS.get(rulebook)
    if memo is None:
        memo = _MEMOS[rulebook] = {}
    return memo


# Incident facts no state planner reads: the per-state count and the total stand in for
# the residents map. Every other field (including any added later) is part of the key,
# so a new fact can cost memo hits but never return a stale result.
_NOT_READ_BY_STATES = frozenset({"name", "notes", "residents", "total_affected", "unplaced", "counts_source"})
_STATE_FIELDS = tuple(f.name for f in fields(Incident) if f.name not in _NOT_READ_BY_STATES)


def _hashable(value: object) -> object:
    """Mapping facts (entity attributes, circumstances) as sorted pairs, for the memo key."""
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return value


# The facts part of the key is the same for every state of one plan: built once per
# Incident (frozen, so identity is enough) rather than 54 times (a quarter of a cold plan).
_last_facts: tuple[Incident | None, tuple[object, ...]] = (None, ())


def _facts(incident: Incident) -> tuple[object, ...]:
    global _last_facts
    seen, facts = _last_facts
    if seen is not incident:
        facts = tuple(_hashable(getattr(incident, name)) for name in _STATE_FIELDS)
        _last_facts = (incident, facts)
    return facts


def state_key(
    incident: Incident, version: RuleVersion, code: str, count: int | None, anchors: FederalAnchors
) -> tuple[object, ...]:
    """Every fact a state planner reads; residents of other states are not among them, and
    the total affected only where a notice of this version has a total-based threshold.
    Federal dates count only where this version times a notice against them."""
    uses_total = any(
        o.trigger.min_total_affected is not None or o.trigger.max_total_affected is not None
        for o in version.obligations
    )
    facts = _facts(incident)
    totals = (incident.affected_at_least, incident.unknown_counts) if uses_total else None
    return (code, version.effective_from, count, totals, anchors_key(version, anchors), *facts)
