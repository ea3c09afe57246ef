"""Notices of one law timed against another law's notice.

Illinois (815 ILCS 530/50) and New York (GBL § 899-aa(9)) want the Attorney General told
within five business days of the HIPAA notice to the HHS Secretary; a state that accepts
the HIPAA letter as its own individual notice still wants its AG notice "with" that
letter. A state planner is memoized per state, so it receives the federal dates it needs
as data (``FederalAnchors``), and the memo key names exactly those dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from notifyplanner.deadlines import Computed
from notifyplanner.model import (
    DeadlineExpr,
    DeadlineKind,
    EarliestOf,
    HipaaDeemed,
    Obligation,
    RuleVersion,
    Status,
    WithNotice,
)

FederalAnchors = Mapping[str, Computed]
HIPAA_LETTER = "HIPAA/individuals"


def federal_anchors(obligations: Iterable[Obligation]) -> dict[str, Computed]:
    """Each federal notice planned, by key, as a date a state notice can run from.

    A notice found not owed is kept as such (kind NONE), so "5 business days after the
    HHS notice" can tell "not owed" from "not dated yet". Per-state media notices are
    left out: no state notice is timed against them.
    """
    out: dict[str, Computed] = {}
    for ob in obligations:
        if ob.subject:
            continue
        if ob.status is Status.NOT_REQUIRED:
            out[ob.key] = Computed(None, DeadlineKind.NONE, ob.reason)
        else:
            out[ob.key] = Computed(ob.deadline, ob.deadline_kind, ob.basis, ob.conservative, ob.needs)
    return out


def _named(expr: DeadlineExpr) -> Iterator[str]:
    if isinstance(expr, WithNotice) and expr.jurisdiction:
        yield expr.key
    elif isinstance(expr, EarliestOf):
        for part in expr.of:
            yield from _named(part)


def federal_refs(version: RuleVersion) -> tuple[str, ...]:
    """The federal notices a state version's dates can depend on (for the memo key)."""
    refs = {key for rule in version.obligations for key in _named(rule.deadline)}
    if version.hipaa.deemed is not HipaaDeemed.NONE:
        refs.add(HIPAA_LETTER)
    return tuple(sorted(refs))


def anchors_key(version: RuleVersion, anchors: FederalAnchors) -> tuple[object, ...]:
    return tuple((ref, anchors.get(ref)) for ref in federal_refs(version))
