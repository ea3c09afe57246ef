"""The source standard every bundled rule file is held to, beyond what the loader needs.

A lawyer who follows one of our citations must land on the official code or regulation,
not on an aggregator that may be stale or wrong, and must read notes that state the law and
where sources disagree, not our research diary. Two checks make that mechanical:

* every citation ``url`` has a host on the official list (``jurisdictions/official_hosts.json``,
  each host with the body that publishes it); an aggregator where the text was really read
  belongs in ``read_at``;
* no user-visible text carries a research jotting (``JOTTINGS``): words about how we
  researched ("from memory", "not confirmed", "this session"), talk about the program
  ("the engine", "encoded as") or the file's own field names (``without_unreasonable_delay``).

``notifyplanner rules check`` reports both; a test runs them over every bundled file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from notifyplanner.rulebook import BUNDLED_RULES, HOSTS_FILE, SCHEMA_FILE, RuleProblem, _json_path

# Free-text fields a user reads (CLI, app, workbook). Enum values and ids are vocabulary.
TEXT_FIELDS = frozenset(
    {
        "notes",
        "conditions",
        "content",
        "filing",
        "text",
        "follow_up",
        "enacted_by",
        "cite",
        "office",
        "name",
        "trigger_text",
    }
)

# (pattern, why it is banned). Case-insensitive; matched against every TEXT_FIELDS string.
JOTTINGS: tuple[tuple[str, str], ...] = (
    (r"\bas recalled\b|\brecall(ed|s)?\b|\brecollect", "a recollection is not a source: cite what says it"),
    (r"\bfrom memory\b", "a recollection is not a source: cite what says it"),
    (
        r"\b(not|un)[ -]?confirmed\b|\bnot verified\b|\bunverified\b",
        "say what the sources say and where they differ",
    ),
    (
        r"\bnot seen\b|\bnot re-?read\b|\b(was|were) not read\b",
        "say what the sources say and where they differ",
    ),
    (
        r"\bcould not (be )?(read|confirm|verify|check|find)\w*",
        "say what the sources say and where they differ",
    ),
    (
        r"\bthis (research|session|review)\b|\bour research\b",
        "notes are about the law, not about our research",
    ),
    (
        r"\bthe engine\b|\bencoded\b|\bencode[sd]?\b|\bthe lead\b",
        "notes are about the law, not about the program",
    ),
    (r"\bTODO\b|\bFIXME\b|\bXXX\b", "unfinished work belongs in the issue tracker"),
)


@lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    """The rule files' own identifiers a note must not lean on: property names with an
    underscore, deadline types, recipients and roles (``data_owner``, ``min_residents``...)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(k for k in node.get("properties", {}) if "_" in k)
            if isinstance(node.get("const"), str) and "_" in node["const"]:
                names.add(node["const"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    defs = schema["$defs"]
    names.update(v for v in defs["role"]["enum"] if "_" in v)
    names.update(v for v in defs["obligation"]["properties"]["recipient"]["enum"] if "_" in v)
    return frozenset(names)


@lru_cache(maxsize=1)
def jotting_pattern() -> re.Pattern[str]:
    parts = [p for p, _ in JOTTINGS] + [rf"\b{re.escape(n)}\b" for n in sorted(_field_names())]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def jotting_reason(match: str) -> str:
    for pattern, why in JOTTINGS:
        if re.fullmatch(pattern, match, re.IGNORECASE):
            return why
    return "a field name of the rule file, not words a user reads"


@lru_cache(maxsize=1)
def official_hosts() -> dict[str, str]:
    """Host -> the body that publishes it. The project's list, whatever folder is checked."""
    data = json.loads((BUNDLED_RULES / HOSTS_FILE).read_text(encoding="utf-8"))
    return {host.lower(): entry["owner"] for host, entry in data["hosts"].items()}


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_official(url: str) -> bool:
    return host_of(url) in official_hosts()


def _walk(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i))


def source_problems(path: Path) -> list[RuleProblem]:
    """Non-official citation links and research jottings in one (loadable) rule file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    pattern = jotting_pattern()
    for where, node in _walk(data):
        if isinstance(node, dict) and isinstance(node.get("url"), str) and "cite" in node:
            host = host_of(node["url"])
            if host not in official_hosts():
                problems.append(
                    RuleProblem(
                        path.name,
                        _json_path((*where, "url")),
                        f"host {host!r} is not an official source in {HOSTS_FILE}; "
                        "link the official code and keep this one as read_at",
                    )
                )
        if where and isinstance(node, str) and where[-1] in TEXT_FIELDS:
            found = pattern.search(node)
            if found:
                problems.append(
                    RuleProblem(
                        path.name,
                        _json_path(where),
                        f"research jotting {found.group(0)!r} in text a user reads ({jotting_reason(found.group(0))})",
                    )
                )
    return problems
