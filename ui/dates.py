"""Dates between Python and Qt, always in an explicit format, never the locale's.

Why: a privacy officer reading ``10/02/2026`` on one machine and ``02/10/2026`` on another
is how a deadline gets missed. Every date the app shows or reads goes through here, in
the format chosen in Preferences (ISO by default). ``QDate.toString(format)`` uses the C
locale for month names in Qt 6, so "d MMM yyyy" reads "2 Oct 2026" everywhere.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

ISO = "yyyy-MM-dd"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date | None:
    return date(day.year(), day.month(), day.day()) if day.isValid() else None


def format_date(day: date | None, fmt: str = ISO) -> str:
    """``day`` in ``fmt``; empty for None."""
    if day is None:
        return ""
    if fmt == ISO:
        return day.isoformat()
    return to_qdate(day).toString(fmt)


def parse_date(text: str, fmt: str = ISO) -> date | None:
    """A date typed in ``fmt`` or in ISO (always accepted); None when it is not a date."""
    text = text.strip()
    if not text:
        return None
    for candidate in (fmt, ISO) if fmt != ISO else (ISO,):
        parsed = QDate.fromString(text, candidate)
        if parsed.isValid():
            return from_qdate(parsed)
    return None


def with_weekday(day: date, date_format: str) -> str:
    """'2026-10-12 (Mon)': how a deadline is written in sentences (banner, details)."""
    return f"{format_date(day, date_format)} ({weekday(day)})"


def weekday(day: date) -> str:
    """Short English weekday name; deadlines on weekends matter, so the table says which."""
    return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day.weekday()]


def dated(text: str, date_format: str) -> str:
    """The core's sentence (a deadline's basis, a form warning) with its ISO dates in the
    reader's format; see ``notifyplanner.report.with_dates``."""
    if date_format == ISO:
        return text
    from notifyplanner.report import with_dates

    return with_dates(text, lambda day: format_date(day, date_format))
