"""Screenshots of the main window with a sample incident, for the README.

Run: python scripts/screenshots.py  (re-runs itself under xvfb-run when there is no display)

Renders on a real X server (Xvfb) rather than the offscreen platform so fonts, hinting and
widget styles are what a Linux workstation shows. "Today" is fixed so the colours (overdue,
due soon, later) are the same on every run, and a throw-away settings file is used so the
developer's own preferences never leak into the pictures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
SAMPLE = ROOT / "resources" / "samples" / "telehealth-pharmacy.json"
TODAY = date(2026, 10, 9)  # a week after discovery: some notices due soon, some later
SIZES = ((1366, 768), (1920, 1080))


def _reexec_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("screenshots: no display and no xvfb-run (apt-get install xvfb)", file=sys.stderr)
        return 2
    env = dict(os.environ, NOTIFYPLANNER_SCREENSHOTS_XVFB="1")
    env.pop("QT_QPA_PLATFORM", None)
    command = [xvfb, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__, *sys.argv[1:]]
    return subprocess.call(command, env=env)


def main() -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("NOTIFYPLANNER_SCREENSHOTS_XVFB"):
        return _reexec_under_xvfb()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from ui.app import build_window, make_application
    from ui.settings import Settings

    app = make_application([sys.argv[0]])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "settings.ini")
        window = build_window(
            SAMPLE,
            False,
            settings=settings,
            autosave_dir=Path(tmp) / "autosave",
            today=lambda: TODAY,
            recover=False,
        )
        window.move(0, 0)
        window.show()
        controlling = window.current_plan().controlling
        shots: list[Path] = []

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        for width, height in SIZES:
            window.resize(width, height)
            window.plan_tabs.setCurrentIndex(0)
            window.left_tabs.setCurrentIndex(0)
            settle()
            if controlling is not None:
                window.select_obligation(controlling.key)
            settle()
            shots.append(OUT / f"main-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
            window.plan_tabs.setCurrentIndex(1)
            window.left_tabs.setCurrentIndex(1)
            settle()
            shots.append(OUT / f"timeline-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
            window.plan_tabs.setCurrentIndex(2)
            window.credit_view.selectRow(0)
            settle()
            shots.append(OUT / f"credit-monitoring-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
        window._saved = window._incident  # nothing to save: close without asking
        window.close()
        QApplication.processEvents()
    for shot in shots:
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
