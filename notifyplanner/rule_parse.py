"""Turn one rule file's JSON, already validated against the schema, into the frozen rule objects.

Why apart from the loader (``rulebook.py``): the loader decides whether a file may be
trusted (reading, duplicate keys, the schema, the seal); this module only translates, and
adds the checks a schema cannot express (dates that exist, a notice timed against another
that exists, no cycle of such notices, holidays that python-holidays knows). Every error
names the file and the JSON path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from notifyplanner.calendar import holiday_names
from notifyplanner.letter_rules import form_from_json, letter_from_json
from notifyplanner.model import (
    AddedHoliday,
    AfterYearEnd,
    CheckLevel,
    Circumstance,
    Citation,
    CreditMonitoringRule,
    DataElement,
    DayKind,
    DaysAfter,
    DeadlineExpr,
    EarliestOf,
    Encryption,
    EntityAttribute,
    EntityRole,
    Event,
    FilingCutoff,
    HipaaDeemed,
    HipaaRule,
    HolidayCalendar,
    HoursAfter,
    InForceAt,
    KeepForMonths,
    LawEnforcementRule,
    NoFixedDeadline,
    ObligationRule,
    PersonalInformation,
    Recipient,
    RiskOfHarm,
    RiskOfHarmDuty,
    RuleVersion,
    Sector,
    Trigger,
    WithNotice,
)
from notifyplanner.safe_read import InputError, check_date, one_line, shown


@dataclass(frozen=True)
class RuleProblem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}: {self.path}: {self.message}", 600)


class RulebookError(Exception):
    """One or more rule files are unusable; ``problems`` names each file and JSON path."""

    def __init__(self, problems: Iterable[RuleProblem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def parse_date(value: str, file: str, path: str) -> date:
    try:
        return check_date(date.fromisoformat(value), path)
    except InputError as exc:
        raise RulebookError([RuleProblem(file, path, exc.message)]) from None
    except ValueError:
        raise RulebookError([RuleProblem(file, path, f"not a real date: {shown(value)}")]) from None


def parse_citation(raw: dict[str, str]) -> Citation:
    return Citation(
        cite=raw["cite"], url=raw["url"], checked=CheckLevel(raw["checked"]), read_at=raw.get("read_at", "")
    )


def _deadline(raw: dict[str, Any]) -> DeadlineExpr:
    kind = raw["type"]
    if kind == "no_fixed_deadline":
        return NoFixedDeadline(raw["text"])
    if kind == "days_after":
        cut = raw.get("cutoff")
        return DaysAfter(
            raw["days"],
            DayKind(raw["day_kind"]),
            Event(raw["after"]),
            FilingCutoff(cut["time"], cut["time_zone"]) if cut else None,
        )
    if kind == "keep_for_months":
        return KeepForMonths(raw["months"], Event(raw["after"]))
    if kind == "hours_after":
        return HoursAfter(raw["hours"], Event(raw["after"]))
    if kind == "with_notice":
        return WithNotice(
            raw["notice"],
            raw["relation"],
            raw.get("days", 0),
            DayKind(raw.get("day_kind", "calendar")),
            raw.get("jurisdiction", ""),
        )
    if kind == "earliest_of":
        return EarliestOf(tuple(_deadline(r) for r in raw["of"]))
    if kind == "after_year_end":
        return AfterYearEnd(raw["days"], Event(raw["year_of"]))
    raise ValueError(kind)  # unreachable: the schema admits only the kinds above


def _notices_named(expr: DeadlineExpr) -> Iterator[str]:
    if isinstance(expr, WithNotice) and not expr.jurisdiction:  # another file's: checked when planned
        yield expr.notice
    elif isinstance(expr, EarliestOf):
        for part in expr.of:
            yield from _notices_named(part)


def _cycles(obligations: tuple[ObligationRule, ...], file: str, path: str) -> list[RuleProblem]:
    """Notices timed against each other in a loop (A with B, B after A): neither gets a date.

    The engine would plan both as "no fixed date" without saying why, so it is a rule
    error. A notice timed against itself is reported by the caller.
    """
    index = {o.id: i for i, o in enumerate(obligations)}
    edges = {o.id: [n for n in _notices_named(o.deadline) if n in index and n != o.id] for o in obligations}
    problems: list[RuleProblem] = []
    reported: set[frozenset[str]] = set()
    for start in edges:
        # Iterative depth-first walk from each notice, keeping the path to print the loop.
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in edges[node]:
                if nxt == start:
                    loop = frozenset(trail)
                    if loop not in reported:
                        reported.add(loop)
                        problems.append(
                            RuleProblem(
                                file,
                                f"{path}.obligations[{index[start]}].deadline",
                                "notices timed against each other in a loop, so none gets a date: "
                                + " -> ".join([*trail, start]),
                            )
                        )
                elif nxt not in trail and len(trail) < len(edges):
                    stack.append((nxt, [*trail, nxt]))
    return problems


def _elements(raw: list[str]) -> frozenset[DataElement]:
    return frozenset(DataElement(e) for e in raw)


def _obligation(raw: dict[str, Any]) -> ObligationRule:
    trig = raw["trigger"]
    return ObligationRule(
        id=raw["id"],
        recipient=Recipient(raw["recipient"]),
        office=raw["office"],
        trigger=Trigger(
            # A sector rule reaches an entity by its profile, whatever its HIPAA role.
            entity_roles=frozenset(EntityRole(r) for r in trig.get("entity_roles", EntityRole)),
            min_residents=trig.get("min_residents", 1),
            min_total_affected=trig.get("min_total_affected"),
            max_total_affected=trig.get("max_total_affected"),
            per_state_min_residents=trig.get("per_state_min_residents"),
            entity_attributes=frozenset(EntityAttribute(a) for a in trig.get("entity_attributes", ())),
            condition=Circumstance(trig["condition"]) if "condition" in trig else None,
            sectors=frozenset(Sector(x) for x in trig.get("sectors", ())),
            also_sectors=frozenset(Sector(x) for x in trig.get("also_sectors", ())),
            except_sectors=frozenset(Sector(x) for x in trig.get("except_sectors", ())),
            insurance_min_residents=trig.get("insurance_min_residents"),
            domicile_needs_condition=trig.get("domicile_needs_condition", False),
        ),
        deadline=_deadline(raw["deadline"]),
        without_unreasonable_delay=raw["without_unreasonable_delay"],
        citation=parse_citation(raw["citation"]),
        title=raw.get("title", ""),
        content=raw.get("content", ""),
        filing=raw.get("filing", ""),
        notes=raw.get("notes", ""),
        law_enforcement_delay=raw.get("law_enforcement_delay", "trigger_text" not in raw),
        letter=letter_from_json(raw["letter"], parse_citation) if "letter" in raw else None,
        form=form_from_json(raw["form"], parse_citation) if "form" in raw else None,
        trigger_text=raw.get("trigger_text", ""),
    )


def _ids_used_twice(ids: list[str], file: str, path: str) -> list[RuleProblem]:
    """An obligation id names one notice in a version: the plan, the register and the
    chained deadlines key on it, so a second use would silently shadow the first."""
    return [
        RuleProblem(file, f"{path}.obligations[{i}].id", f"obligation id {oid!r} used twice")
        for i, oid in enumerate(ids)
        if oid in ids[:i]
    ]


def _law_enforcement(raw: dict[str, Any]) -> LawEnforcementRule:
    return LawEnforcementRule(raw["allowed"], parse_citation(raw["citation"]), raw.get("notes", ""))


def parse_sector_version(raw: dict[str, Any], file: str, path: str) -> RuleVersion:
    """A sector or foreign rule's version: a statute, obligations, perhaps a delay rule."""
    obligations = tuple(_obligation(o) for o in raw["obligations"])
    ids = [o.id for o in obligations]
    problems = _ids_used_twice(ids, file, path)
    for i, ob in enumerate(obligations):
        if any(_notices_named(ob.deadline)):
            problems.append(
                RuleProblem(
                    file,
                    f"{path}.obligations[{i}].deadline",
                    "a sector rule cannot be timed against another notice",
                )
            )
        cut = ob.deadline.cutoff if isinstance(ob.deadline, DaysAfter) else None
        if cut is not None:
            from notifyplanner.instants import zone

            try:
                zone(cut.time_zone)
            except ValueError as exc:
                problems.append(
                    RuleProblem(file, f"{path}.obligations[{i}].deadline.cutoff.time_zone", str(exc))
                )
    if problems:
        raise RulebookError(problems)
    le = raw.get("law_enforcement")
    return RuleVersion(
        effective_from=parse_date(raw["effective_from"], file, f"{path}.effective_from"),
        enacted_by=raw["enacted_by"],
        statute=parse_citation(raw["statute"]),
        personal_information=None,
        encryption=None,
        risk_of_harm=None,
        hipaa=None,
        law_enforcement=_law_enforcement(le) if le else None,
        obligations=obligations,
        credit_monitoring=(),
        notes=raw.get("notes", ""),
        follow_up=raw.get("follow_up", ""),
    )


def parse_version(raw: dict[str, Any], file: str, path: str) -> RuleVersion:
    pi = raw["personal_information"]
    enc = raw["encryption"]
    roh = raw["risk_of_harm"]
    hip = raw["hipaa"]
    le = raw["law_enforcement"]
    obligations = tuple(_obligation(o) for o in raw["obligations"])
    ids = [o.id for o in obligations]
    problems = _ids_used_twice(ids, file, path)
    for i, ob in enumerate(obligations):
        for named in _notices_named(ob.deadline):
            if named == ob.id:
                problems.append(
                    RuleProblem(
                        file, f"{path}.obligations[{i}].deadline", "a notice cannot be timed against itself"
                    )
                )
            elif named not in ids:
                problems.append(
                    RuleProblem(
                        file,
                        f"{path}.obligations[{i}].deadline",
                        f"timed against notice {named!r}, which this version does not have",
                    )
                )
        trig = ob.trigger
        if (
            trig.min_total_affected is not None
            and trig.max_total_affected is not None
            and trig.max_total_affected < trig.min_total_affected
        ):
            problems.append(
                RuleProblem(
                    file, f"{path}.obligations[{i}].trigger", "max_total_affected is below min_total_affected"
                )
            )
    for i, duty in enumerate(roh.get("duties", ())):
        if duty["id"] in ids or duty["id"] in [d["id"] for d in roh["duties"][:i]]:
            problems.append(
                RuleProblem(file, f"{path}.risk_of_harm.duties[{i}].id", f"id {duty['id']!r} used twice")
            )
    for i, eid in enumerate(roh.get("excuses", ())):
        if eid not in ids:
            problems.append(
                RuleProblem(
                    file, f"{path}.risk_of_harm.excuses[{i}]", f"no obligation {eid!r} in this version"
                )
            )
    problems.extend(_cycles(obligations, file, path))
    allowed = set(ids) | ({"credit_monitoring"} if raw["credit_monitoring"] else set())
    for i, sid in enumerate(hip["still_required"]):
        if sid not in allowed:
            problems.append(
                RuleProblem(
                    file, f"{path}.hipaa.still_required[{i}]", f"no obligation {sid!r} in this version"
                )
            )
    if problems:
        raise RulebookError(problems)
    return RuleVersion(
        effective_from=parse_date(raw["effective_from"], file, f"{path}.effective_from"),
        enacted_by=raw["enacted_by"],
        statute=parse_citation(raw["statute"]),
        personal_information=PersonalInformation(
            _elements(pi["with_name"]),
            _elements(pi["standalone"]),
            parse_citation(pi["citation"]),
            pi.get("notes", ""),
        ),
        encryption=Encryption(
            enc["safe_harbor"],
            enc["lost_if_key_compromised"],
            parse_citation(enc["citation"]),
            enc.get("notes", ""),
        ),
        risk_of_harm=_risk_of_harm(roh),
        hipaa=HipaaRule(
            HipaaDeemed(hip["deemed"]),
            frozenset(hip["still_required"]),
            parse_citation(hip["citation"]),
            hip.get("notes", ""),
        ),
        law_enforcement=_law_enforcement(le),
        obligations=obligations,
        credit_monitoring=tuple(
            CreditMonitoringRule(
                months=c["months"],
                elements=_elements(c["elements"]),
                requires_source_of_breach=c["requires_source_of_breach"],
                citation=parse_citation(c["citation"]),
                condition=c.get("condition", ""),
                notes=c.get("notes", ""),
            )
            for c in raw["credit_monitoring"]
        ),
        notes=raw.get("notes", ""),
        follow_up=raw.get("follow_up", ""),
        in_force_at=_in_force_at(raw.get("in_force_at")),
    )


def _in_force_at(raw: dict[str, Any] | None) -> InForceAt | None:
    if raw is None:
        return None
    return InForceAt(Event(raw["event"]), parse_citation(raw["citation"]), raw.get("notes", ""))


def _risk_of_harm(raw: dict[str, Any]) -> RiskOfHarm:
    excuses = raw.get("excuses")
    return RiskOfHarm(
        raw["exception"],
        raw["conditions"],
        parse_citation(raw["citation"]),
        excuses=None if excuses is None else frozenset(excuses),
        requires_law_enforcement_consultation=raw.get("requires_law_enforcement_consultation", False),
        duties=tuple(
            RiskOfHarmDuty(
                id=d["id"],
                recipient=Recipient(d["recipient"]),
                office=d["office"],
                citation=parse_citation(d["citation"]),
                text=d.get("text", ""),
                keep_years=d.get("keep_years"),
                days=d.get("days"),
                day_kind=DayKind(d.get("day_kind", "calendar")),
                before=d.get("before", False),
                min_residents=d.get("min_residents", 1),
            )
            for d in raw.get("duties", ())
        ),
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def parse_holidays(spec: dict[str, Any], sub: str | None, file: str) -> HolidayCalendar:
    """The calendar, with a removal that names no holiday python-holidays knows refused:
    a misspelt name would otherwise silently remove nothing."""
    base = HolidayCalendar(spec["country"], sub)
    entries = list(spec.get("remove", ()))
    removed = tuple(e for e in entries if isinstance(e, str))
    through = tuple(
        (e["name"], parse_date(e["through"], file, f"$.holidays.remove[{i}].through"))
        for i, e in enumerate(entries)
        if not isinstance(e, str)
    )
    known = holiday_names(base, range(2000, 2031)) if entries else set()
    for i, entry in enumerate(entries):
        name = entry if isinstance(entry, str) else entry["name"]
        if name not in known:
            raise RulebookError(
                [
                    RuleProblem(
                        file,
                        f"$.holidays.remove[{i}]",
                        f"python-holidays has no holiday named {name!r} here (known: {', '.join(sorted(known))})",
                    )
                ]
            )
    added = tuple(_added_holiday(file, i, a) for i, a in enumerate(spec.get("add", ())))
    source = spec.get("source")
    return HolidayCalendar(base.country, sub, added, removed, source["cite"] if source else "", through)


def _added_holiday(file: str, i: int, raw: dict[str, Any]) -> AddedHoliday:
    """An ``add`` entry: a dated closure (checked to be a real day), a day counted from Easter,
    or the nth weekday of a month."""
    if "easter_offset" in raw:
        return AddedHoliday(raw["name"], 0, 0, 0, easter_offset=raw["easter_offset"])
    if "date" not in raw:
        return AddedHoliday(raw["name"], raw["month"], _WEEKDAYS.index(raw["weekday"]), raw["nth"])
    try:
        day = date.fromisoformat(raw["date"])
    except ValueError:
        raise RulebookError(
            [RuleProblem(file, f"$.holidays.add[{i}].date", f"{raw['date']!r} is not a calendar date")]
        ) from None
    return AddedHoliday(raw["name"], day.month, day.weekday(), 0, day)
