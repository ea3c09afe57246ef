"""The Qt face of notifyplanner (PySide6): main window, forms, table models, timeline.

Start-up time matters (a usable window in under a second), and import order is part of it:
once PySide6 is imported it installs an import hook that inspects every module imported
after it. The core and the holiday tables it plans with (hundreds of small modules, loaded
by the engine on the first plan) are therefore imported here, before any ui module pulls in
PySide6. Nothing is computed; this only moves the same imports earlier.
"""

from __future__ import annotations

import contextlib
import importlib

for _module in ("notifyplanner.engine", "notifyplanner.incident_file", "holidays.countries"):
    with contextlib.suppress(ImportError):
        importlib.import_module(_module)
