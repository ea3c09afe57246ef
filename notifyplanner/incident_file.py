"""Incident files: a versioned JSON format, read strictly, written atomically.

Strict because a misspelt key ("discoverd") silently ignored would plan from no discovery
date; atomic because the file is the user's record of the worst week of their year, and a
crash or full disk mid-save must leave the previous copy intact (temp file in the same
folder, fsync, rename).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from notifyplanner.incident_counts import COUNT_FIELDS, counts_from_dict, counts_to_dict
from notifyplanner.incident_entity import FIELD as ENTITY_FIELD
from notifyplanner.incident_entity import entity_from_dict, entity_to_dict
from notifyplanner.incident_facts import EXTRA_FIELDS, facts_from_dict, facts_to_dict
from notifyplanner.incident_profile import (
    PROFILE_FIELDS,
    profile_from_dict,
    profile_problems,
    profile_to_dict,
)
from notifyplanner.model import DataElement, EntityRole, Incident, LawEnforcementDelay
from notifyplanner.safe_read import (
    InputError,
    check_date,
    parse_json,
    read_text,
    shown,
    unencodable_string,
)

FORMAT = "notifyplanner-incident"
VERSION = 1
UNKNOWN_COUNT = "unknown"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Z]{2}$")

DATE_FIELDS = (
    "discovered",
    "determined",
    "breach_start",
    "breach_end",
    "vendor_notice",
    "individuals_notified",
    "hhs_notified",
)
FIELDS = {
    "format",
    "version",
    "name",
    "entity_role",
    *DATE_FIELDS,
    "law_enforcement_delay",
    "data_elements",
    "encrypted",
    "key_compromised",
    "source_of_breach",
    "residents",
    "total_affected",
    "notes",
    *EXTRA_FIELDS,
    *PROFILE_FIELDS,
    *COUNT_FIELDS,
    ENTITY_FIELD,
}
REQUIRED = (
    "format",
    "version",
    "name",
    "entity_role",
    "discovered",
    "data_elements",
    "encrypted",
    "residents",
)


# More people than live on Earth is a typing slip, not a count.
MAX_PEOPLE = 10_000_000_000


class IncidentError(InputError):
    """A problem with an incident, naming the file (if any) and the field (one line)."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _date(value: Any, field: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise IncidentError(field, f"expected a date as YYYY-MM-DD or null, got {shown(value)}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise IncidentError(field, f"not a real date: {shown(value)}") from None
    # Every date field is read here, so each one (and any added later) gets the window.
    try:
        return check_date(day, field)
    except InputError as exc:
        raise IncidentError(exc.field, exc.message) from None


def _bool(value: Any, field: str, nullable: bool = False) -> bool | None:
    if value is None and nullable:
        return None
    if not isinstance(value, bool):
        expected = "true, false or null" if nullable else "true or false"
        raise IncidentError(field, f"expected {expected}, got {shown(value)}")
    return value


def _count(value: Any, field: str) -> int | None:
    if value == UNKNOWN_COUNT:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
        raise IncidentError(
            field,
            f'expected a whole number of people (0 to {MAX_PEOPLE:,}) or "{UNKNOWN_COUNT}", got {shown(value)}',
        )
    return value


def _known_codes() -> frozenset[str]:
    try:
        from notifyplanner.places import JURISDICTIONS
    except ImportError:  # pragma: no cover - places.py ships with the package
        return frozenset()
    return frozenset(JURISDICTIONS)


def incident_from_dict(data: Any, *, check: bool = True) -> Incident:
    """Build an incident from parsed JSON; raises ``IncidentError`` naming the field.

    ``check=False`` keeps facts that cannot all be true (see incident_problems): the app
    must reopen such a file to let its author fix it. Every value is still validated.
    """
    if not isinstance(data, dict):
        raise IncidentError("$", "expected a JSON object")
    bad_text = unencodable_string(data)  # every field, including ones added later
    if bad_text is not None:
        raise IncidentError(bad_text, "holds a lone surrogate, which is not text and cannot be saved")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise IncidentError(unknown[0], f"unknown field (known fields: {', '.join(sorted(FIELDS))})")
    for key in REQUIRED:
        if key not in data:
            raise IncidentError(key, "missing")
    if data["format"] != FORMAT:
        raise IncidentError("format", f"expected {FORMAT!r}, got {shown(data['format'])}")
    # type() as well: true == 1 and 1.0 == 1 in Python, and neither is a version number.
    if type(data["version"]) is not int or data["version"] != VERSION:
        raise IncidentError(
            "version", f"this program reads version {VERSION}, the file is version {shown(data['version'])}"
        )
    if not isinstance(data["name"], str):
        raise IncidentError("name", "expected text")
    try:
        role = EntityRole(data["entity_role"])
    except (ValueError, TypeError):
        raise IncidentError(
            "entity_role",
            f"expected one of {', '.join(r.value for r in EntityRole)}, got {shown(data['entity_role'])}",
        ) from None
    elements_raw = data["data_elements"]
    if not isinstance(elements_raw, list):
        raise IncidentError("data_elements", "expected a list")
    elements = set()
    for i, raw in enumerate(elements_raw):
        try:
            elements.add(DataElement(raw))
        except (ValueError, TypeError):
            raise IncidentError(
                f"data_elements[{i}]",
                f"unknown data element {shown(raw)} (known: {', '.join(e.value for e in DataElement)})",
            ) from None
    encrypted = _bool(data["encrypted"], "encrypted")
    if encrypted and "key_compromised" not in data:
        raise IncidentError("key_compromised", "required when encrypted is true: was the key taken too?")
    key_compromised = _bool(data.get("key_compromised", False), "key_compromised")
    if key_compromised and not encrypted:
        # Refused rather than read as false: the app's form (and the plan) would silently
        # drop a compromised key on data that was not encrypted, rewriting the file on save.
        raise IncidentError(
            "key_compromised", "true only makes sense when encrypted is true; set one of them right"
        )
    residents_raw = data["residents"]
    if not isinstance(residents_raw, dict):
        raise IncidentError("residents", 'expected an object: USPS code -> count or "unknown"')
    known = _known_codes()
    residents: dict[str, int | None] = {}
    for code, value in residents_raw.items():
        if not isinstance(code, str) or not _CODE.match(code) or (known and code not in known):
            raise IncidentError(
                f"residents.{code[:20]}", "not a jurisdiction code (two capital letters, e.g. TX, DC, PR)"
            )
        residents[code] = _count(value, f"residents.{code}")
    total = data.get("total_affected")
    if total is not None:
        total = _count(total, "total_affected")
        if total is None:
            raise IncidentError("total_affected", "expected a whole number or null")
    le_raw = data.get("law_enforcement_delay")
    law_enforcement = None
    if le_raw is not None:
        if not isinstance(le_raw, dict) or set(le_raw) - {"form", "requested", "until"}:
            raise IncidentError(
                "law_enforcement_delay",
                'expected {"form": "written"|"oral", "requested": date, "until": date or null}',
            )
        if le_raw.get("form") not in ("written", "oral"):
            raise IncidentError(
                "law_enforcement_delay.form", f'expected "written" or "oral", got {shown(le_raw.get("form"))}'
            )
        requested = _date(le_raw.get("requested"), "law_enforcement_delay.requested")
        if requested is None:
            raise IncidentError("law_enforcement_delay.requested", "the date of the request is needed")
        law_enforcement = LawEnforcementDelay(
            le_raw["form"], requested, _date(le_raw.get("until"), "law_enforcement_delay.until")
        )
    notes = data.get("notes", "")
    if not isinstance(notes, str):
        raise IncidentError("notes", "expected text")
    incident = Incident(
        name=data["name"],
        entity_role=role,
        **{f: _date(data.get(f), f) for f in DATE_FIELDS},
        law_enforcement_delay=law_enforcement,
        data_elements=frozenset(elements),
        encrypted=bool(encrypted),
        key_compromised=bool(key_compromised),
        source_of_breach=_bool(data.get("source_of_breach"), "source_of_breach", nullable=True),
        residents=residents,
        total_affected=total,
        notes=notes,
        **facts_from_dict(data, _date, IncidentError),
        **profile_from_dict(data, _date, IncidentError),
        **counts_from_dict(data, IncidentError, MAX_PEOPLE),
        **entity_from_dict(data, IncidentError),
    )
    problems = incident_problems(incident) if check else []
    if problems:
        raise IncidentError(problems[0].field, problems[0].message)
    return incident


def incident_problems(incident: Incident) -> list[FieldProblem]:
    """Facts that cannot all be true; the form shows these next to the field."""
    out: list[FieldProblem] = []

    def before(later: str, earlier: str, message: str) -> None:
        a, b = getattr(incident, later), getattr(incident, earlier)
        if a is not None and b is not None and a < b:
            out.append(FieldProblem(later, f"{message} ({a.isoformat()} is before {b.isoformat()})"))

    before("breach_end", "breach_start", "the breach cannot end before it began")
    before("discovered", "breach_start", "discovery cannot come before the breach began")
    before("determined", "discovered", "the breach cannot be determined before it was discovered")
    before("vendor_notice", "breach_start", "a vendor cannot report the breach before it began")
    before("individuals_notified", "discovered", "individuals cannot be notified before discovery")
    before("hhs_notified", "discovered", "HHS cannot be notified before discovery")
    delay = incident.law_enforcement_delay
    if delay is not None and delay.until is not None and delay.until < delay.requested:
        out.append(FieldProblem("law_enforcement_delay.until", "the hold cannot end before it was requested"))
    out.extend(FieldProblem(f, m) for f, m in profile_problems(incident))
    # Everyone counted is affected: residents by state and the people a list could not
    # place in one (issue 12). An entered total may be higher (people not on the list),
    # never lower.
    known = sum(c for c in incident.residents.values() if c is not None)
    unplaced = incident.unplaced.total
    if incident.total_affected is not None and incident.total_affected < known + unplaced:
        counted = (
            f"the {known + unplaced:,} people counted ({known:,} residents by state and "
            f"{unplaced:,} not placed in a state)"
            if unplaced
            else f"the {known:,} residents counted by state"
        )
        out.append(FieldProblem("total_affected", f"{incident.total_affected:,} is fewer than {counted}"))
    return out


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    delay = incident.law_enforcement_delay
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": incident.name,
        "entity_role": incident.entity_role.value,
        **{f: iso(getattr(incident, f)) for f in DATE_FIELDS},
        "law_enforcement_delay": None
        if delay is None
        else {"form": delay.form, "requested": iso(delay.requested), "until": iso(delay.until)},
        "data_elements": sorted(e.value for e in incident.data_elements),
        "encrypted": incident.encrypted,
        "key_compromised": incident.key_compromised,
        "source_of_breach": incident.source_of_breach,
        "residents": {
            code: (UNKNOWN_COUNT if count is None else count)
            for code, count in sorted(incident.residents.items())
        },
        "total_affected": incident.total_affected,
        "notes": incident.notes,
        **facts_to_dict(incident),
        **profile_to_dict(incident),
        **counts_to_dict(incident),
        **entity_to_dict(incident),
    }


def dumps(incident: Incident) -> str:
    return json.dumps(incident_to_dict(incident), indent=2, ensure_ascii=False) + "\n"


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise IncidentError(key, "appears twice")
        out[key] = value
    return out


def loads(text: str, file: str = "", *, check: bool = True) -> Incident:
    try:
        data = parse_json(text, file, object_pairs_hook=_reject_duplicates)
    except InputError as exc:
        raise IncidentError(exc.field, exc.message, file) from None
    try:
        return incident_from_dict(data, check=check)
    except IncidentError as exc:
        raise IncidentError(exc.field, exc.message, file) from None


def read_incident(path: Path | str, *, check: bool = True) -> Incident:
    path = Path(path)
    try:
        text = read_text(path, "incident file")  # regular files only, size-capped
    except InputError as exc:
        raise IncidentError(exc.field, exc.message, exc.file) from None
    return loads(text, str(path), check=check)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (threads save too)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _writable_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: a symlink's target, never the link itself,
    and never a file the user made read-only (a plain save would be refused too; the
    rename would silently replace it)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    return path


def _sweep_stale_temps(directory: Path, name: str) -> None:
    """Remove temp files a killed writer left for ``name``: their process id is in the name.

    POSIX only: there, signal 0 just asks whether the process exists.
    """
    if os.name != "posix":
        return
    for stale in directory.glob(f".{glob.escape(name)}.*.tmp"):
        pid_text = stale.name[len(name) + 2 :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                stale.unlink()
        except OSError:
            continue


def atomic_write_bytes(path: Path | str, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` all at once, or leave it untouched.

    The temp file sits in the same folder so the final rename never crosses file systems;
    its name carries our process id, so a later write can remove what a killed one left.
    """
    path = _writable_target(Path(path))
    directory = path.parent if str(path.parent) else Path(".")
    _sweep_stale_temps(directory, path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file owner-only (0600); give it what a plain save would:
        # the replaced file's mode, or the default for new files under the user's umask.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_incident(incident: Incident, path: Path | str) -> None:
    atomic_write_bytes(path, dumps(incident).encode("utf-8"))
