"""The `notifyplanner` program: the desktop app, or a headless command.

`notifyplanner` opens the app on the sample incident, `notifyplanner FILE` opens it on
FILE, and every command (`plan`, `rules`, `roster`, `--help`) is handed to the core's CLI,
so the core itself never imports Qt. Without a display (a server, a CI box) the app is not
started: the launcher says so in one line and prints the plan instead, so the README's
first command is useful everywhere. PySide6 is imported only when a window is opened.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from notifyplanner.cli import COMMANDS, SAMPLE_INCIDENT
from notifyplanner.cli import main as cli_main
from notifyplanner.incident_file import read_incident
from ui.sample import sample_as_of


def has_display() -> bool:
    if sys.platform.startswith(("win", "darwin")):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_app(file: Path | None) -> int:
    target = file or SAMPLE_INCIDENT
    if not has_display():
        as_of = sample_as_of(read_incident(SAMPLE_INCIDENT)) if file is None else None
        which = "the sample incident's plan" if file is None else f"the plan of {file}"
        when = (
            f" as of {as_of.isoformat()}, a week after its discovery, as the app first shows it,"
            if as_of
            else ""
        )
        print(f"No display found: printing {which}{when} instead of opening the window.")
        return cli_main(["plan", str(target), *(["--today", as_of.isoformat()] if as_of else [])])
    try:
        from ui.app import run_app
    except ImportError as exc:
        print(f"The desktop app cannot start ({exc}); printing the plan instead.")
        return cli_main(["plan", str(target)])
    return run_app(target, opened_by_user=file is not None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        return open_app(None)
    if argv[0] == "app" and len(argv) <= 2:
        return open_app(Path(argv[1]) if len(argv) == 2 else None)
    if len(argv) == 1 and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        return open_app(Path(argv[0]))
    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
