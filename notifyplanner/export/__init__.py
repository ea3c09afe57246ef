"""Exporters: a Plan -> bytes; the caller decides where the bytes go (atomically).

Imported lazily so that importing one exporter does not load every other one's library.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "plan_to_xlsx":
        from notifyplanner.export.xlsx import plan_to_xlsx

        return plan_to_xlsx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
