"""Where the program keeps the user's things, on Linux, macOS and Windows alike.

Why one module: privacy officers mostly work on Windows and macOS, and a folder written as
``~/.something`` or ``/tmp`` is wrong there (issue 12). Every user folder comes from
platformdirs, which names each platform's own place:

===========  ==========================================  ======================================
             data (register, autosave)                   settings
===========  ==========================================  ======================================
Linux        ``~/.local/share/notifyplanner``            ``~/.config/notifyplanner``
macOS        ``~/Library/Application Support/notifyplanner`` (both)
Windows      ``%LOCALAPPDATA%\\notifyplanner``           ``%LOCALAPPDATA%\\notifyplanner``
===========  ==========================================  ======================================

(``XDG_DATA_HOME`` and ``XDG_CONFIG_HOME`` move the Linux ones.) Paths are ``pathlib.Path``
throughout, so spaces, non-ASCII names and drive letters need no quoting anywhere: the
program never hands a path to a shell.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP = "notifyplanner"
SETTINGS_FILE = "notifyplanner.ini"

# Characters Windows refuses in a file name (and "/" everywhere), plus control characters.
# Names Windows reserves for devices, whatever the extension (CON.json is the console).
_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def data_dir() -> Path:
    """The user's data folder for notifyplanner (the register, autosaves); not created here."""
    from platformdirs import user_data_path

    return Path(user_data_path(APP, appauthor=False))


def config_dir() -> Path:
    """The user's settings folder for notifyplanner; not created here."""
    from platformdirs import user_config_path

    return Path(user_config_path(APP, appauthor=False))


def autosave_dir() -> Path:
    """Where unsaved edits are written every minute, for crash recovery."""
    return data_dir() / "autosave"


def settings_path() -> Path:
    """The preferences file (INI: readable, and the same format on every platform)."""
    return config_dir() / SETTINGS_FILE


def bundled_dir(name: str) -> Path:
    """A folder shipped with the program (``jurisdictions``, ``resources``): at the top of
    the source tree when run from a checkout, inside the package when installed with
    ``pip install .`` or pipx (pyproject.toml maps it there)."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / name
    return checkout if checkout.is_dir() else package / name


def file_stem(name: str, fallback: str = "incident", limit: int = 60) -> str:
    """An incident's name made into a file name every platform accepts, for a Save dialog's
    suggestion: no folder separators, nothing Windows refuses (``: * ? " < > |``), no
    trailing dot or space (Windows drops them), no device name such as ``CON``."""
    # Read as a person would write the name on disk: "Phishing: billing" -> "Phishing - billing",
    # "1/2" -> "1-2"; quotes, brackets and wildcards carry no meaning in a name and go.
    stem = re.sub(r'["<>?*|\x00-\x1f\x7f]', "", re.sub(r"\s", " ", name))
    stem = re.sub(r"\s*:\s*", " - ", stem)
    stem = re.sub(r"[/\\]", "-", stem)
    stem = re.sub(r"\s+", " ", stem)
    stem = stem.strip(" -")[:limit].rstrip(". -")
    if not stem.strip("-. ") or stem.split(".")[0].upper() in _DEVICES:
        return fallback
    return stem


def same_file_key(path: Path | str) -> str:
    """A file's path as compared across sessions: absolute, normalised, and case-folded on
    Windows (``os.path.normcase``), where ``C:\\Cases\\x.json`` and ``c:\\cases\\X.JSON`` are
    one file."""
    return os.path.normcase(os.path.abspath(os.fspath(path)))


__all__ = [
    "APP",
    "SETTINGS_FILE",
    "autosave_dir",
    "bundled_dir",
    "config_dir",
    "data_dir",
    "file_stem",
    "same_file_key",
    "settings_path",
]
