"""Opening a register file: refuse what is not ours before SQLite writes a byte.

Why apart from the storage class: these checks run before any connection exists, read the
file as bytes and through read-only SQLite, and hold none of the register's own SQL.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from notifyplanner.register.errors import NotARegisterError, RegisterError
from notifyplanner.register.schema import APPLICATION_ID, FORMAT, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


def check_existing(path: Path) -> None:
    """Refuse a file that is not a register, reading it read-only: nothing is written.

    The header is read through safe_read, which refuses a FIFO (the read would block
    forever) or a device before opening it."""
    from notifyplanner.safe_read import InputError, read_head

    if path.is_dir():
        raise NotARegisterError(f"{path}: is a folder, not a register file")
    try:
        header = read_head(path, "register", len(SQLITE_HEADER))
    except InputError as exc:
        raise NotARegisterError(f"{path}: {exc.message}") from None
    if header != SQLITE_HEADER:
        what = "an empty file" if not header else "not a SQLite database"
        raise NotARegisterError(f"{path}: {what}, not a notifyplanner register; nothing was changed")
    # With no WAL file beside it nobody has the file open for writing and its pages are all
    # in the main file, so it can be read as immutable: SQLite then creates no -wal/-shm.
    # With one, someone may be writing; read it normally (the WAL files exist already).
    wal = path.with_name(path.name + "-wal").exists()
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{'' if wal else '&immutable=1'}", uri=True)
    except sqlite3.Error as exc:
        raise NotARegisterError(f"{path}: cannot open ({exc}); nothing was changed") from None
    try:
        app_id = probe.execute("PRAGMA application_id").fetchone()[0]
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise NotARegisterError(
                f"{path}: a SQLite database of another program, not a notifyplanner register; "
                "nothing was changed"
            )
        if version > SCHEMA_VERSION:
            raise NotARegisterError(
                f"{path}: register format {version} is newer than this program understands "
                f"({SCHEMA_VERSION}); update notifyplanner. Nothing was changed"
            )
        if version >= 1:
            row = probe.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if row is None or row[0] != FORMAT:
                raise NotARegisterError(f"{path}: register metadata missing; nothing was changed")
    except sqlite3.DatabaseError as exc:
        raise NotARegisterError(f"{path}: damaged register ({exc}); nothing was changed") from None
    finally:
        probe.close()


def create_file(path: Path) -> None:
    if not path.parent.is_dir():
        raise RegisterError(f"{path}: the folder {path.parent} does not exist")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise RegisterError(f"{path}: cannot create ({exc.strerror})") from None
    os.close(fd)
    os.chmod(path, 0o600)  # owner-only whatever the umask; incident records are sensitive
