"""Where the register file lives: ``--db PATH``, else ``NOTIFYPLANNER_DB``, else the user's
data folder as the platform names it (platformdirs: ~/.local/share/notifyplanner on Linux,
~/Library/Application Support/notifyplanner on macOS, %LOCALAPPDATA%\\notifyplanner on
Windows). The data folder is created owner-only when first used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "NOTIFYPLANNER_DB"
FILE_NAME = "register.sqlite3"


def default_register_path() -> Path:
    from notifyplanner.userdirs import data_dir  # platformdirs loads only when no path was given

    return data_dir() / FILE_NAME


def register_path(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The register to use; nothing is created here (a read must not write)."""
    if explicit:
        return Path(explicit)
    env = os.environ if env is None else env
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    return default_register_path()


def ensure_folder(path: Path) -> None:
    """Create the default data folder (owner-only) before the first case goes in; a folder
    the user named must exist already, so a typo is an error, not a new tree of folders."""
    if path == default_register_path():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)


__all__ = ["ENV_VAR", "FILE_NAME", "default_register_path", "ensure_folder", "register_path"]
