"""The core must work where Qt cannot: importing it loads no Qt module."""

import subprocess
import sys


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, notifyplanner, notifyplanner.engine, notifyplanner.rulebook, notifyplanner.cli, "
        "notifyplanner.incident_file, notifyplanner.report\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_core_source_imports_qt_or_the_ui_even_lazily():
    import re
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "notifyplanner"
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|ui)\b", re.MULTILINE)
    offenders = [str(p) for p in core.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
