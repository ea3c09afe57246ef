"""Reading incidents without losing anything, and the autosave.

Why a lenient reader: the core refuses an incident file whose dates cannot all be true
(discovery before the breach began, say). That is right for the command line, but in the
app the person who saved it needs to open it again to fix it, so the app reads it with the
core's own reader told not to refuse such facts, and shows them next to their fields. Any
other damage (bad JSON, a duplicate or unknown key, not a date) is refused with the core's
message, and the file is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from notifyplanner.incident_file import (
    FieldProblem,
    atomic_write_bytes,
    incident_problems,
    read_incident,
    write_incident,
)
from notifyplanner.model import Incident


def read_incident_keeping(path: Path | str) -> tuple[Incident, list[FieldProblem]]:
    """The incident in ``path`` and its impossible facts; raises IncidentError otherwise."""
    incident = read_incident(path, check=False)
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
