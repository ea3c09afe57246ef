"""The day the bundled sample is first shown, with or without a display.

Why a module of its own: the app (``ui.app``, Qt) and the launcher's no-display fallback
(``ui.launch``, which must not load Qt) both show the sample; they must show it as of the
same day, and neither may import the other.
"""

from __future__ import annotations

from datetime import date, timedelta

from notifyplanner.model import Incident

SAMPLE_AS_OF_DAYS = 7  # the sample is shown a week after discovery: some due soon, some later


def sample_as_of(sample: Incident) -> date | None:
    """A week after the sample's discovery. Its dates are fixed (October 2026), so read as
    of a later today every notice is weeks overdue, a wall of red that says nothing about
    the program. None when the sample has no discovery date."""
    return sample.discovered + timedelta(days=SAMPLE_AS_OF_DAYS) if sample.discovered else None
