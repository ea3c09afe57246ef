"""Count a roster in a separate process with a memory limit.

Why: the readers underneath (Polars, and calamine through fastexcel, both native code)
abort the whole process when an allocation fails; an .xlsx claiming a 512 GB grid did so
and, from the app, took the window and the unsaved incident with it (issue 15). The
checks in notifyplanner.roster_limits refuse the bombs we know; this bounds the rest: the
child caps its own address space, so an oversized allocation fails at once instead of
exhausting the machine, and whatever happens to the child, the caller gets a RosterError.

The child sends progress and the result (counts only, never a person's data) back over a
pipe; cancel() ends it. "spawn", not "fork": the app has Qt threads running, and forking a
threaded process can deadlock the child.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from types import MappingProxyType
from typing import Any

# Address space for the child: the 2.3-million-row benchmark list peaks near 140 MB of
# memory (300 MB before issue 12) and runs within 2 GB of address space; 3 GB leaves room
# for Polars' threads.
MEMORY_LIMIT_BYTES = 3 * 1024**3


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


def limit_memory(limit: int) -> bool:
    """Cap this process's address space at ``limit`` bytes; False where that cannot be done.

    The ``resource`` module exists on Linux and macOS only. On Windows (and where the hard
    limit is already lower, or macOS refuses RLIMIT_AS) the child runs without the cap:
    the size checks of ``roster_limits`` still refuse the bombs we know, and a reader that
    dies still comes back as a RosterError, never the app's crash.
    """
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, AttributeError, ValueError, OSError):
        return False
    return True


def exit_text(code: int | None) -> str:
    """How a child ended, in words: a POSIX signal by name, else its exit code (Windows
    reports a terminated process by exit code, and a signal number may have no name)."""
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def _child(
    conn: Connection,
    path: str,
    state_column: str | None,
    zip_column: str | None,
    limit: int,
    job: str = "count",
) -> None:
    # A reader that aborts prints a native backtrace; the user reads the parent's one line.
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    limit_memory(limit)
    from notifyplanner.roster import RosterColumnsError, RosterError, count_roster, read_headers

    if job == "headers":
        try:
            conn.send(("headers", read_headers(path), ""))
        finally:
            conn.close()
        return

    def progress(fraction: float) -> None:
        with contextlib.suppress(OSError, ValueError):
            conn.send(("progress", float(fraction)))

    try:
        result = count_roster(path, state_column=state_column, zip_column=zip_column, progress=progress)
    except RosterColumnsError as exc:
        conn.send(("columns", str(exc), exc.reason))
    except RosterError as exc:
        conn.send(("error", str(exc), ""))
    except MemoryError:
        conn.send(("error", f"{Path(path).name}: the list needs more memory than it may use", ""))
    except Exception as exc:  # a reader's own failure: still one clear line for the user
        conn.send(("error", f"{Path(path).name}: could not be read ({type(exc).__name__}: {exc})"[:400], ""))
    else:
        # The counts are read-only mappings (MappingProxyType), which do not pickle: sent
        # as plain dicts and wrapped again on the other side.
        conn.send(("ok", {f.name: _plain(getattr(result, f.name)) for f in dataclasses.fields(result)}, ""))
    finally:
        conn.close()


def count_roster_isolated(
    path: str | os.PathLike[str],
    *,
    state_column: str | None = None,
    zip_column: str | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    memory_limit: int = MEMORY_LIMIT_BYTES,
) -> Any:
    """``count_roster`` run in a child process; same result, same errors.

    Raises RosterError (or RosterColumnsError) with the child's message, RosterError when
    the child dies (a reader abort, the memory limit), RosterCancelled when ``cancel()``
    returns True.
    """
    return _run(path, state_column, zip_column, progress, cancel, memory_limit, "count")


def read_headers_isolated(path: str | os.PathLike[str], memory_limit: int = MEMORY_LIMIT_BYTES) -> list[str]:
    """``read_headers`` in a child process: [] when the list cannot be read, whatever happens."""
    from notifyplanner.roster import RosterError

    try:
        headers = _run(path, None, None, None, None, memory_limit, "headers")
    except RosterError:
        return []
    return list(headers) if isinstance(headers, list) else []


def _run(
    path: str | os.PathLike[str],
    state_column: str | None,
    zip_column: str | None,
    progress: Callable[[float], None] | None,
    cancel: Callable[[], bool] | None,
    memory_limit: int,
    job: str,
) -> Any:
    from notifyplanner.roster import RosterCancelled, RosterColumnsError, RosterError

    file = Path(path).name
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(child, os.fspath(path), state_column, zip_column, memory_limit, job),
        daemon=True,
    )
    process.start()
    child.close()
    outcome: tuple[str, Any, str] | None = None
    try:
        while outcome is None:
            if cancel is not None and cancel():
                raise RosterCancelled("cancelled")
            if parent.poll(0.05):
                try:
                    message = parent.recv()
                except EOFError:
                    break  # the child is gone without a word: see below
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1])
                else:
                    outcome = message
            elif not process.is_alive() and not parent.poll():
                break
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        if process.is_alive():  # pragma: no cover - terminate() is honoured
            process.kill()
            process.join()
        parent.close()
    if outcome is None:
        how = exit_text(process.exitcode)
        raise RosterError(
            f"{file}: the reader stopped without a result ({how}); the file may be damaged, or "
            "claim far more rows or columns than it holds. Nothing was counted."
        )
    kind, value, extra = outcome
    if kind == "headers":
        return value
    if kind == "ok":
        from notifyplanner.roster import RosterCount

        return RosterCount(**{k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in value.items()})
    if kind == "columns":
        raise RosterColumnsError(value, extra)
    raise RosterError(value)
