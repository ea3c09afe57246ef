"""Reading incidents without losing anything, the autosave, and a peek at roster headers.

Why a lenient reader: the core refuses an incident file whose dates cannot all be true
(discovery before the breach began, say). That is right for the command line, but in the
app the person who saved it needs to open it again to fix it. ``read_incident_keeping``
asks the core to read the file; when the only complaint is such an impossible fact, it
reads the file again with that one value set aside, then puts the value back and reports
the problem, which the form shows next to the field. Any other damage (bad JSON, unknown
key, not a date) is refused with the core's message, and the file is never touched.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from notifyplanner.incident_file import (
    DATE_FIELDS,
    FieldProblem,
    IncidentError,
    atomic_write_bytes,
    incident_from_dict,
    incident_problems,
    read_incident,
    write_incident,
)
from notifyplanner.model import Incident

_SET_ASIDE = (*DATE_FIELDS, "total_affected", "law_enforcement_delay.until")


def read_incident_keeping(path: Path | str) -> tuple[Incident, list[FieldProblem]]:
    """The incident in ``path`` and its impossible facts; raises IncidentError otherwise."""
    try:
        return read_incident(path), []
    except IncidentError as first:
        if first.field not in _SET_ASIDE:
            raise
        original = first
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        raise original from None
    kept: dict[str, Any] = {}
    for _ in range(len(_SET_ASIDE)):
        try:
            incident = incident_from_dict(data)
            break
        except IncidentError as exc:
            if exc.field not in _SET_ASIDE or exc.field in kept:
                raise original from None
            if exc.field == "law_enforcement_delay.until":
                kept[exc.field] = data["law_enforcement_delay"]["until"]
                data["law_enforcement_delay"]["until"] = None
            else:
                kept[exc.field] = data[exc.field]
                data[exc.field] = None
    else:
        raise original
    changes: dict[str, Any] = {}
    for field, value in kept.items():
        if field in DATE_FIELDS:
            changes[field] = date.fromisoformat(value)
        elif field == "total_affected":
            changes[field] = value
    incident = replace(incident, **changes)
    if "law_enforcement_delay.until" in kept and incident.law_enforcement_delay is not None:
        until = date.fromisoformat(kept["law_enforcement_delay.until"])
        incident = replace(
            incident, law_enforcement_delay=replace(incident.law_enforcement_delay, until=until)
        )
    return incident, incident_problems(incident)


# --------------------------------------------------------------------------- autosave


@dataclass(frozen=True)
class Recovered:
    """An autosave left behind by a session that did not close cleanly."""

    path: Path
    source: str | None  # the incident file it was editing, if it had one
    saved: str  # when, as ISO text


class Autosave:
    """The open incident, written every minute while it has unsaved changes.

    One file per running app (named by process id) so two windows never overwrite each
    other; the file is removed on a clean close, so any file whose process is gone is a
    crash to offer back. Only the incident is written: never roster rows.
    """

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"autosave-{os.getpid()}.json"
        self.meta = self.path.with_suffix(".meta")

    def write(self, incident: Incident, source: str | None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_incident(incident, self.path)
        meta = {"source": source, "saved": datetime.now().isoformat(timespec="seconds"), "pid": os.getpid()}
        atomic_write_bytes(self.meta, json.dumps(meta).encode())

    def clear(self) -> None:
        for path in (self.path, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def orphans(self) -> list[Recovered]:
        """Autosaves of sessions no longer running, newest first."""
        found: list[Recovered] = []
        if not self.directory.is_dir():
            return found
        for path in self.directory.glob("autosave-*.json"):
            try:
                pid = int(path.stem.split("-", 1)[1])
            except ValueError:
                continue
            if pid == os.getpid() or _alive(pid):
                continue
            source, saved = None, datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                meta = json.loads(path.with_suffix(".meta").read_text(encoding="utf-8"))
                source, saved = meta.get("source"), meta.get("saved", saved)
            found.append(Recovered(path, source, saved))
        return sorted(found, key=lambda r: r.saved, reverse=True)

    @staticmethod
    def discard(recovered: Recovered) -> None:
        for path in (recovered.path, recovered.path.with_suffix(".meta")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------- roster headers


def peek_headers(path: Path | str, limit: int = 200) -> list[str]:
    """The first non-empty row of a roster, for the column picker; [] when unreadable.

    Reads only the first row: the people's data is never loaded for this.
    """
    path = Path(path)
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}:
            import fastexcel

            sheet = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, n_rows=30, dtypes="string")
            for row in sheet.to_polars().iter_rows():
                cells = [(c or "").strip() for c in row]
                if any(cells):
                    return [c for c in cells if c][:limit]
            return []
        with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
            head = handle.read(64 * 1024)
        try:
            dialect: Any = csv.Sniffer().sniff(head.splitlines()[0] if head else "", delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        for row in csv.reader(head.splitlines(), dialect):
            cells = [c.strip() for c in row]
            if any(cells):
                return [c for c in cells if c][:limit]
    except Exception:
        return []
    return []
