"""Benchmark: the app's register view on a register of 5,000 incidents x 50 notices.

Run by hand: ``python benchmarks/register_view.py [--cases 5000] [--notices 50]``
(target from issue 10: the register view opens in under 1 s).

``register_speed.py`` times the data (open the file, summarise every case); this times what
the person waits for in the app: from asking for the Register page (the window already
open, as it is when the page is clicked) to the table filled and painted. That is a cold
``Register.open`` and ``CaseService.summaries`` on a worker thread, the 5,000 rows handed
to the table model, sorted by next notice due through the proxy, and the event queue
drained. The register file is the one ``register_speed.py`` builds (reused when present).
Offscreen platform; figures are reported, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import os
import statistics
import tempfile
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--notices", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from benchmarks.register_speed import register_file

    path = register_file(args.cases, args.notices)

    from PySide6.QtWidgets import QApplication

    from ui.app import build_window, make_application
    from ui.main_window import INCIDENT_PAGE, REGISTER_PAGE
    from ui.settings import Settings

    _app = make_application([sys.argv[0]])  # kept alive while the window runs
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "settings.ini")
        settings.register_path = str(path)
        window = build_window(
            None,
            False,
            settings=settings,
            autosave_dir=Path(tmp) / "auto",
            today=lambda: date(2026, 12, 3),
            recover=False,
        )
        window.resize(1366, 768)
        window.show()
        times = []
        for _ in range(args.runs):
            window.show_page(INCIDENT_PAGE)
            QApplication.processEvents()
            window._register_stale = True
            start = time.perf_counter()
            window.show_page(REGISTER_PAGE)  # starts the worker
            while window._tasks:
                QApplication.processEvents()
                time.sleep(0.001)
            QApplication.processEvents()
            window.register_view.table.viewport().repaint()
            times.append((time.perf_counter() - start) * 1000)
            assert window.register_view.model.rowCount() == args.cases
        window._saved = window._incident
        window.close()
    print(
        f"register view, {args.cases} incidents x {args.notices} notices: "
        f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms ({args.runs} runs: "
        + ", ".join(f"{t:.0f}" for t in times)
        + ")"
    )


if __name__ == "__main__":
    main()
