"""Benchmark: process start to a usable main window with the sample incident planned.

Run by hand: ``python benchmarks/startup.py [--runs N]``  (target: median under 1 s)

Each run is a fresh Python process (the real interpreter, not a shell shim) on the
offscreen platform that does what ``notifyplanner`` does: create the QApplication, load the
rules, open the sample incident, plan it, show the window, then print READY once the
window has been shown with the plan table filled and the event queue drained. The time is
measured by this parent from just before the child is spawned to the READY line, so
interpreter start-up and every import are included.

The first run is reported apart ("cold": the operating system has not yet cached the
interpreter, Qt's libraries and the rule files); the target applies to the median of the
runs after it, which is what a workstation sees on every launch but the first after boot.
Figures depend on the machine and on whatever else runs; they are reported, not asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from ui.app import build_window, make_application
from ui.settings import Settings
app = make_application([sys.argv[0]])
settings = Settings(Path({tmp!r}) / "settings.ini")
settings.register_path = str(Path({tmp!r}) / "register.sqlite3")  # never the user's own register
window = build_window(
    Path({sample!r}), False,
    settings=settings,
    autosave_dir=Path({tmp!r}) / "autosave",
)
window.show()
app.processEvents()
assert window.plan_model.rowCount() > 0 and window.isVisible()
print("READY", flush=True)
window._saved = window._incident
"""


def one_run(tmp: Path) -> float:
    code = CHILD.format(
        root=str(ROOT), sample=str(ROOT / "resources" / "samples" / "telehealth-pharmacy.json"), tmp=str(tmp)
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == b"READY":
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit(f"child exited without a window (status {child.wait()})")
    child.wait()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm runs after the cold one (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cold = one_run(tmp)
        warm = [one_run(tmp) for _ in range(args.runs)]
    print(f"first start: {cold:.3f} s")
    print("warm starts: " + ", ".join(f"{t:.3f}" for t in warm))
    median = statistics.median(warm)
    print(f"warm median: {median:.3f} s  (min {min(warm):.3f}, max {max(warm):.3f}; target < 1 s)")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
