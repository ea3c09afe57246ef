"""Load and validate the jurisdiction rule files into a ``Rulebook``.

The loader is strict because a rule file that loads wrongly prints wrong dates: JSON
Schema with ``additionalProperties: false`` throughout, duplicate keys rejected (Python's
``json`` would silently keep the last one), dates parsed once here, and cross-checks the
schema cannot express (a notice timed against another must name one that exists; versions
in date order; none before the statute existed). Every error names the file and the JSON
path, so a user who edits their own copy of the rules (``--rules DIR``) can fix it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import holidays

from notifyplanner.calendar import holiday_names
from notifyplanner.letter_rules import form_from_json, letter_from_json
from notifyplanner.safe_read import InputError, check_date, one_line, parse_json, read_bytes, read_json, shown

if TYPE_CHECKING:
    import jsonschema

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
    Jurisdiction,
    KeepForMonths,
    LawEnforcementRule,
    NoFixedDeadline,
    ObligationRule,
    PersonalInformation,
    Recipient,
    RiskOfHarm,
    RiskOfHarmDuty,
    Rulebook,
    RuleVersion,
    Sector,
    Trigger,
    WithNotice,
)
from notifyplanner.userdirs import bundled_dir

BUNDLED_RULES = bundled_dir("jurisdictions")
SCHEMA_FILE = BUNDLED_RULES / "schema.json"
SEAL_FILE = "sealed.json"
HOSTS_FILE = "official_hosts.json"
NOT_RULES = ("schema.json", SEAL_FILE, HOSTS_FILE)
FEDERAL_FILES = {"HIPAA": "hipaa", "FTC-HBNR": "ftc-hbnr"}
# Rule files that reach an entity by what it is, or another country's law: their versions
# carry obligations and a statute, not the breach-statute blocks.
SECTOR_KINDS = frozenset({"sector", "foreign"})


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


# --------------------------------------------------------------------------- parsing


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers keys it saw twice."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    seen: list[str] = []
    for key, value in pairs:
        if key in obj:
            seen.append(key)
        obj[key] = value
    obj.duplicates = tuple(seen)
    return obj


def _json_path(parts: Iterable[str | int]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _find_duplicates(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(node, _Object):
        for key in node.duplicates:
            yield _json_path(path), key
        for key, value in node.items():
            yield from _find_duplicates(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _find_duplicates(value, (*path, i))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # only when a file is validated: a sealed start never needs it

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _schema_message(error: jsonschema.ValidationError) -> str:
    """A readable one-line message; oneOf failures on deadlines get the matching branch's
    message ("500 is greater than the maximum of 400 at days"), not "unknown type"."""
    return one_line(_schema_message_full(error), 240)


def _schema_message_full(error: jsonschema.ValidationError) -> str:
    if error.validator == "oneOf" and error.context:
        instance = error.instance
        wanted = instance.get("type") if isinstance(instance, dict) else None
        branches = error.schema.get("oneOf", []) if isinstance(error.schema, dict) else []
        for sub in error.context:
            # The branch is named by its index in the oneOf: the failing subschema itself
            # may be a leaf ({"maximum": 400}) that does not say which type it belongs to.
            index = sub.relative_schema_path[0] if sub.relative_schema_path else None
            branch = branches[index] if isinstance(index, int) and index < len(branches) else {}
            branch_type = (
                branch.get("properties", {}).get("type", {}).get("const")
                if isinstance(branch, dict)
                else None
            )
            if wanted is not None and branch_type == wanted:
                path = _json_path(sub.relative_path)
                where = "" if path == "$" else f" at {path.removeprefix('$.').removeprefix('$')}"
                return f"{_schema_message_full(sub)}{where}"
        if isinstance(wanted, str):
            return f"unknown deadline type {shown(wanted, 40)}"
        return "not a valid deadline expression (needs a 'type')"
    return error.message


def _read(path: Path, sealed: frozenset[str] = frozenset()) -> tuple[Any, list[RuleProblem]]:
    name = path.name
    try:
        raw = read_bytes(path, "rule file")  # regular files only, size-capped
        text = raw.decode("utf-8")
    except InputError as exc:
        return None, [RuleProblem(name, "$", exc.message)]
    except UnicodeDecodeError as exc:
        return None, [RuleProblem(name, "$", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    trusted = hashlib.sha256(raw).hexdigest() in sealed  # only ever the bundled folder's seal
    try:
        # Bytes of the installed package, proven valid when sealed, parse as they are; any
        # other file gets the hostile-input limits (depth, numbers, text).
        data = (
            json.loads(text, object_pairs_hook=_pairs)
            if trusted
            else parse_json(text, name, object_pairs_hook=_pairs)
        )
    except InputError as exc:
        return None, [RuleProblem(name, exc.field, exc.message)]
    problems = [RuleProblem(name, where, f"duplicate key {key!r}") for where, key in _find_duplicates(data)]
    if problems:
        return None, problems
    if trusted:
        return data, []
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    problems = [RuleProblem(name, _json_path(e.absolute_path), _schema_message(e)) for e in errors]
    return (None if problems else data), problems


def schema_digest() -> str:
    return hashlib.sha256(read_bytes(SCHEMA_FILE, "rule schema")).hexdigest()


def seal(directory: Path | str = BUNDLED_RULES) -> dict[str, Any]:
    """The seal of a folder of rule files: the schema's and each file's SHA-256.

    Written by ``scripts/seal_rules.py`` after the files pass full validation; the test
    suite checks the seal against the files and validates every file in full.
    """
    directory = Path(directory)
    return {
        "schema_sha256": schema_digest(),
        "files": {
            p.name: hashlib.sha256(read_bytes(p, "rule file")).hexdigest() for p in rule_files(directory)
        },
    }


def _sealed_digests(directory: Path) -> frozenset[str]:
    """Digests of files already proven valid against this exact schema.

    Validating 50-odd files with jsonschema costs most of a second, which the app would
    pay at every start for bytes that cannot have changed. Files whose exact bytes are in
    the seal skip only the JSON Schema pass; everything else (duplicate keys, dates,
    cross-checks) still runs. A user's edited copy has other bytes and is validated in full.
    """
    path = directory / SEAL_FILE
    try:
        data = read_json(path, "rules seal", encoding="utf-8")
        if data.get("schema_sha256") != schema_digest():
            return frozenset()
        return frozenset(str(v) for v in data.get("files", {}).values())
    except (OSError, ValueError, AttributeError):  # InputError is a ValueError
        return frozenset()


def is_bundled(directory: Path) -> bool:
    """Whether ``directory`` is the rules folder shipped inside the installed package.

    Only that folder's seal is trusted. Anyone can edit a rule in their own folder and
    re-seal it (the seal is a digest, not a signature), which sent malformed data straight
    to the engine (issue 15); so a folder named with ``--rules`` or in Preferences is
    always validated in full, whatever seal it carries.
    """
    try:
        return directory.resolve(strict=True) == BUNDLED_RULES.resolve(strict=True)
    except OSError:
        return False


def _date(value: str, file: str, path: str) -> date:
    try:
        return check_date(date.fromisoformat(value), path)
    except InputError as exc:
        raise RulebookError([RuleProblem(file, path, exc.message)]) from None
    except ValueError:
        raise RulebookError([RuleProblem(file, path, f"not a real date: {shown(value)}")]) from None


def _cite(raw: dict[str, str]) -> Citation:
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
        citation=_cite(raw["citation"]),
        title=raw.get("title", ""),
        content=raw.get("content", ""),
        filing=raw.get("filing", ""),
        notes=raw.get("notes", ""),
        law_enforcement_delay=raw.get("law_enforcement_delay", "trigger_text" not in raw),
        letter=letter_from_json(raw["letter"], _cite) if "letter" in raw else None,
        form=form_from_json(raw["form"], _cite) if "form" in raw else None,
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
    return LawEnforcementRule(raw["allowed"], _cite(raw["citation"]), raw.get("notes", ""))


def _sector_version(raw: dict[str, Any], file: str, path: str) -> RuleVersion:
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
        effective_from=_date(raw["effective_from"], file, f"{path}.effective_from"),
        enacted_by=raw["enacted_by"],
        statute=_cite(raw["statute"]),
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


def _version(raw: dict[str, Any], file: str, path: str) -> RuleVersion:
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
        effective_from=_date(raw["effective_from"], file, f"{path}.effective_from"),
        enacted_by=raw["enacted_by"],
        statute=_cite(raw["statute"]),
        personal_information=PersonalInformation(
            _elements(pi["with_name"]),
            _elements(pi["standalone"]),
            _cite(pi["citation"]),
            pi.get("notes", ""),
        ),
        encryption=Encryption(
            enc["safe_harbor"], enc["lost_if_key_compromised"], _cite(enc["citation"]), enc.get("notes", "")
        ),
        risk_of_harm=_risk_of_harm(roh),
        hipaa=HipaaRule(
            HipaaDeemed(hip["deemed"]),
            frozenset(hip["still_required"]),
            _cite(hip["citation"]),
            hip.get("notes", ""),
        ),
        law_enforcement=_law_enforcement(le),
        obligations=obligations,
        credit_monitoring=tuple(
            CreditMonitoringRule(
                months=c["months"],
                elements=_elements(c["elements"]),
                requires_source_of_breach=c["requires_source_of_breach"],
                citation=_cite(c["citation"]),
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
    return InForceAt(Event(raw["event"]), _cite(raw["citation"]), raw.get("notes", ""))


def _risk_of_harm(raw: dict[str, Any]) -> RiskOfHarm:
    excuses = raw.get("excuses")
    return RiskOfHarm(
        raw["exception"],
        raw["conditions"],
        _cite(raw["citation"]),
        excuses=None if excuses is None else frozenset(excuses),
        requires_law_enforcement_consultation=raw.get("requires_law_enforcement_consultation", False),
        duties=tuple(
            RiskOfHarmDuty(
                id=d["id"],
                recipient=Recipient(d["recipient"]),
                office=d["office"],
                citation=_cite(d["citation"]),
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


def _expected_stem(code: str) -> str:
    return FEDERAL_FILES.get(code, code.lower())


def load_jurisdiction(path: Path, sealed: frozenset[str] = frozenset()) -> Jurisdiction:
    """Load one rule file; raises ``RulebookError`` naming the file and JSON path."""
    data, problems = _read(path, sealed)
    if problems:
        raise RulebookError(problems)
    file = path.name
    code = data["code"]
    if path.stem != _expected_stem(code):
        raise RulebookError(
            [RuleProblem(file, "$.code", f"code {code!r} belongs in {_expected_stem(code)}.json")]
        )
    sub = data["holidays"]["subdivision"]
    country = data["holidays"]["country"]
    if sub is not None and (country is None or sub not in holidays.country_holidays(country).subdivisions):
        raise RulebookError(
            [
                RuleProblem(
                    file, "$.holidays.subdivision", f"python-holidays has no {country} subdivision {sub!r}"
                )
            ]
        )
    first = _date(data["first_enacted"], file, "$.first_enacted")
    read_version = _sector_version if data["kind"] in SECTOR_KINDS else _version
    versions = tuple(read_version(v, file, f"$.versions[{i}]") for i, v in enumerate(data["versions"]))
    for i, version in enumerate(versions):
        if version.effective_from < first:
            raise RulebookError(
                [
                    RuleProblem(
                        file,
                        f"$.versions[{i}].effective_from",
                        f"{version.effective_from} is before the statute took effect ({first})",
                    )
                ]
            )
        if i and version.effective_from <= versions[i - 1].effective_from:
            raise RulebookError(
                [
                    RuleProblem(
                        file,
                        f"$.versions[{i}].effective_from",
                        "versions must be in strictly increasing date order",
                    )
                ]
            )
    comp = data.get("computation_of_time")
    return Jurisdiction(
        code=code,
        name=data["name"],
        kind=data["kind"],
        holidays=_holiday_calendar(data["holidays"], sub, file),
        first_enacted=first,
        last_reviewed=_date(data["last_reviewed"], file, "$.last_reviewed"),
        computation_of_time=_cite(comp) if comp else None,
        versions=versions,
        source_file=str(path),
    )


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.json") if p.name not in NOT_RULES)


def _load_all(directory: Path, trust_seal: bool) -> tuple[dict[str, Jurisdiction], list[RuleProblem]]:
    if not directory.is_dir():
        return {}, [RuleProblem(str(directory), "$", "not a folder of rule files")]
    files = rule_files(directory)
    if not files:
        return {}, [RuleProblem(str(directory), "$", "holds no rule files (*.json)")]
    sealed = _sealed_digests(directory) if trust_seal and is_bundled(directory) else frozenset()
    loaded: dict[str, Jurisdiction] = {}
    problems: list[RuleProblem] = []
    for path in files:
        try:
            jurisdiction = load_jurisdiction(path, sealed)
        except RulebookError as exc:
            problems.extend(exc.problems)
        else:
            loaded[jurisdiction.code] = jurisdiction
    return loaded, problems


def check_rules(directory: Path | str) -> list[RuleProblem]:
    """Every problem in every rule file of ``directory`` (empty when all are valid).

    Always the full validation: this is what ``notifyplanner rules check`` runs. Beyond
    what the loader refuses, it holds files to the project's source standard
    (``sources.source_problems``): official links only, and notes written for the user.
    Loading does not enforce that standard, so a user's own copy with a note of their own
    still plans; the bundled files must pass it (a test runs this check over them).
    """
    from notifyplanner.sources import source_problems  # here: sources builds on this module

    directory = Path(directory)
    loaded, problems = _load_all(directory, trust_seal=False)
    for jurisdiction in loaded.values():
        problems.extend(source_problems(Path(jurisdiction.source_file)))
    return problems


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _holiday_calendar(spec: dict[str, Any], sub: str | None, file: str) -> HolidayCalendar:
    """The calendar, with a removal that names no holiday python-holidays knows refused:
    a misspelt name would otherwise silently remove nothing."""
    base = HolidayCalendar(spec["country"], sub)
    removed = tuple(spec.get("remove", ()))
    known = holiday_names(base, range(2000, 2031)) if removed else set()
    for i, name in enumerate(removed):
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
    return HolidayCalendar(base.country, sub, added, removed, source["cite"] if source else "")


def _added_holiday(file: str, i: int, raw: dict[str, Any]) -> AddedHoliday:
    """An ``add`` entry: a dated closure (checked to be a real day) or the nth weekday of a month."""
    if "date" not in raw:
        return AddedHoliday(raw["name"], raw["month"], _WEEKDAYS.index(raw["weekday"]), raw["nth"])
    try:
        day = date.fromisoformat(raw["date"])
    except ValueError:
        raise RulebookError(
            [RuleProblem(file, f"$.holidays.add[{i}].date", f"{raw['date']!r} is not a calendar date")]
        ) from None
    return AddedHoliday(raw["name"], day.month, day.weekday(), 0, day)


def load_rulebook(directory: Path | str = BUNDLED_RULES) -> Rulebook:
    """All rule files of ``directory``; any problem in any file stops the load."""
    loaded, problems = _load_all(Path(directory), trust_seal=True)
    if problems:
        raise RulebookError(problems)
    return Rulebook(jurisdictions=loaded, source=str(directory))
