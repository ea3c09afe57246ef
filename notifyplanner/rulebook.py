"""Load and validate the jurisdiction rule files into a ``Rulebook``.

The loader is strict because a rule file that loads wrongly prints wrong dates: JSON
Schema with ``additionalProperties: false`` throughout, duplicate keys rejected (Python's
``json`` would silently keep the last one), dates parsed once here, and cross-checks the
schema cannot express (a notice timed against another must name one that exists; versions
in date order; none before the statute existed). Every error names the file and the JSON
path, so a user who edits their own copy of the rules (``--rules DIR``) can fix it.

This module decides whether a file can be trusted (reading, duplicate keys, the schema, the
seal) and loads folders; ``rule_parse.py`` turns a trusted file's JSON into rule objects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import holidays

from notifyplanner.safe_read import InputError, one_line, parse_json, read_bytes, read_json, shown

if TYPE_CHECKING:
    import jsonschema

from notifyplanner.model import (
    Jurisdiction,
    Rulebook,
)
from notifyplanner.rule_parse import (
    RulebookError,
    RuleProblem,
    parse_citation,
    parse_date,
    parse_holidays,
    parse_sector_version,
    parse_version,
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


# --------------------------------------------------------------------------- reading and trusting a file


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
    first = parse_date(data["first_enacted"], file, "$.first_enacted")
    read_version = parse_sector_version if data["kind"] in SECTOR_KINDS else parse_version
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
        holidays=parse_holidays(data["holidays"], sub, file),
        first_enacted=first,
        last_reviewed=parse_date(data["last_reviewed"], file, "$.last_reviewed"),
        computation_of_time=parse_citation(comp) if comp else None,
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


def load_rulebook(directory: Path | str = BUNDLED_RULES) -> Rulebook:
    """All rule files of ``directory``; any problem in any file stops the load."""
    loaded, problems = _load_all(Path(directory), trust_seal=True)
    if problems:
        raise RulebookError(problems)
    return Rulebook(jurisdictions=loaded, source=str(directory))
