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
import sys
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
from notifyplanner.safe_read import InputError, read_json


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
    # True for a recovery that was under way when the app died: it is never offered again.
    interrupted: bool = False


def process_started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), or None.

    With the pid alone, an autosave whose process id was reused by some other live
    process after a crash was never offered again (issue 15); pid and start time together
    name one process. Where /proc is missing the pid alone decides, as before.
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            text = handle.read()
        # The command name (field 2) may hold spaces and parentheses: split after its end.
        return text[text.rindex(")") + 2 :].split()[19]
    except (OSError, ValueError, IndexError):
        return None


def _writer_running(pid: int, started: object) -> bool:
    """Whether the process that wrote an autosave is still running."""
    if not _alive(pid):
        return False
    if isinstance(started, str):
        now = process_started(pid)
        if now is not None:
            return now == started  # another process with the same pid is not the writer
    return True


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
        self._started = process_started(os.getpid())

    def write(self, incident: Incident, source: str | None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_incident(incident, self.path)
        meta = {
            "source": source,
            "saved": datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "started": self._started,
        }
        atomic_write_bytes(self.meta, json.dumps(meta).encode())

    def clear(self) -> None:
        for path in (self.path, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def orphans(self) -> list[Recovered]:
        """Autosaves of sessions no longer running, newest first.

        Also any ``recovering-*`` file: a recovery during which the app died. Those come
        first and are never offered; the caller sets them aside (``set_aside``).
        """
        found: list[Recovered] = []
        if not self.directory.is_dir():
            return found
        for path in sorted(self.directory.glob("recovering-*.json")):
            found.append(Recovered(path, None, "", interrupted=True))
        for path in self.directory.glob("autosave-*.json"):
            try:
                pid = int(path.stem.split("-", 1)[1])
            except ValueError:
                continue
            if pid == os.getpid():
                continue
            source, saved, started = None, "", None
            with contextlib.suppress(OSError):
                saved = datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, InputError):
                meta = read_json(path.with_suffix(".meta"), "autosave record")
                source, saved, started = meta.get("source"), meta.get("saved", saved), meta.get("started")
            if _writer_running(pid, started):
                continue
            found.append(
                Recovered(
                    path,
                    source if isinstance(source, str) else None,
                    saved if isinstance(saved, str) else "",
                )
            )
        interrupted = [r for r in found if r.interrupted]
        offered = sorted((r for r in found if not r.interrupted), key=lambda r: r.saved, reverse=True)
        return interrupted + offered

    @staticmethod
    def discard(recovered: Recovered) -> None:
        for path in (recovered.path, recovered.path.with_suffix(".meta")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    @staticmethod
    def claim(recovered: Recovered) -> Recovered:
        """Rename the autosave to ``recovering-*`` before reading it.

        If reading it brings the whole app down (not just an exception), the next start
        finds a ``recovering-*`` file, sets it aside and starts normally: no crash loop.
        """
        target = recovered.path.with_name("recovering-" + recovered.path.name.removeprefix("autosave-"))
        os.replace(recovered.path, target)
        with contextlib.suppress(OSError):
            os.replace(recovered.path.with_suffix(".meta"), target.with_suffix(".meta"))
        return Recovered(target, recovered.source, recovered.saved, recovered.interrupted)

    @staticmethod
    def set_aside(recovered: Recovered) -> Path:
        """Keep an autosave that cannot be opened under a name never offered again; its new path.

        Kept, not deleted: it may hold the only copy of someone's work, for them or support
        to look at by hand.
        """
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        stem = recovered.path.stem.split("-", 1)[-1]
        target = recovered.path.with_name(f"damaged-{stem}-{stamp}.json")
        n = 1
        while target.exists():
            n += 1
            target = recovered.path.with_name(f"damaged-{stem}-{stamp}-{n}.json")
        os.replace(recovered.path, target)
        with contextlib.suppress(OSError):
            os.replace(recovered.path.with_suffix(".meta"), target.with_suffix(".meta"))
        return target


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running. On Windows ``os.kill(pid, 0)`` is not a question:
    0 is CTRL_C_EVENT there, sent to the process group ``pid``; the process is looked up
    through the Win32 API instead."""
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return kernel32.GetLastError() == access_denied  # exists, but not ours to look at
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
