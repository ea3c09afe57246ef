"""What changed: between two facts versions, and between the plans they give.

When new facts change the plan (counts updated, a determination date entered, a state
added) the user is shown, and the log keeps, exactly what moved: notices added or dropped,
deadlines moved, status changed. Pure functions over Plans and incident dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from notifyplanner.model import Plan, Status


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class DeadlineMove:
    key: str
    old: date | None
    new: date | None


@dataclass(frozen=True)
class StatusChange:
    key: str
    old: Status
    new: Status


@dataclass(frozen=True)
class PlanDiff:
    added: tuple[str, ...] = ()  # keys owed now that the old plan did not list
    dropped: tuple[str, ...] = ()  # keys the new plan no longer lists
    moved: tuple[DeadlineMove, ...] = ()
    status: tuple[StatusChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.dropped or self.moved or self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "dropped": list(self.dropped),
            "deadlines_moved": [{"key": m.key, "from": _iso(m.old), "to": _iso(m.new)} for m in self.moved],
            "status_changed": [{"key": s.key, "from": s.old.value, "to": s.new.value} for s in self.status],
        }

    def lines(self) -> list[str]:
        """The difference as sentences, one per change."""
        out = [f"notice added: {k}" for k in self.added]
        out += [f"notice dropped: {k}" for k in self.dropped]
        out += [
            f"deadline moved: {m.key} {_iso(m.old) or 'none'} -> {_iso(m.new) or 'none'}" for m in self.moved
        ]
        out += [f"status changed: {s.key} {s.old.value} -> {s.new.value}" for s in self.status]
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def plan_diff(old: Plan, new: Plan) -> PlanDiff:
    before = {o.key: o for o in old.obligations}
    after = {o.key: o for o in new.obligations}
    return PlanDiff(
        added=tuple(sorted(k for k in after if k not in before)),
        dropped=tuple(sorted(k for k in before if k not in after)),
        moved=tuple(
            DeadlineMove(k, before[k].deadline, after[k].deadline)
            for k in sorted(after)
            if k in before and before[k].deadline != after[k].deadline
        ),
        status=tuple(
            StatusChange(k, before[k].status, after[k].status)
            for k in sorted(after)
            if k in before and before[k].status is not after[k].status
        ),
    )


def facts_diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Field by field (residents per state), in the incident file's vocabulary."""
    out: list[FieldChange] = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if name == "residents" and isinstance(a, dict) and isinstance(b, dict):
            for code in sorted(set(a) | set(b)):
                if a.get(code) != b.get(code):
                    out.append(FieldChange(f"residents.{code}", a.get(code), b.get(code)))
        elif a != b:
            out.append(FieldChange(name, a, b))
    return tuple(out)


__all__ = ["DeadlineMove", "FieldChange", "PlanDiff", "StatusChange", "facts_diff", "plan_diff"]
