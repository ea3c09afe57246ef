"""notifyplanner: who must be notified of a data breach, by when, and what they owe.

The core (this package) never imports Qt: the rules engine, calendar, import and export
are plain Python so they can be tested, scripted and reused without a display.
"""

__version__ = "0.1.0"
