"""Thin table models over the core's objects (Vorta style).

Each model holds a tuple of core objects and only turns fields into cells: the core decides
every status, date and reason, and the urgency rule is the core's too
(``notifyplanner.urgency``, which the workbook also follows); only the colours, "today" and
the user's urgency window are the face's. The models
are tested without a window (tests/ui/test_models.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from notifyplanner.engine import days_left
from notifyplanner.model import CreditMonitoringDuty, DeadlineKind, Obligation, Status
from notifyplanner.places import JURISDICTIONS, normalize_state
from notifyplanner.register.grading import DECIDED, Grade, Timeliness
from notifyplanner.report import STATUS_ORDER, STATUS_WORDS, deadline_text
from notifyplanner.urgency import Urgency, urgency, urgency_text  # the one rule, shared with the workbook
from ui.dates import ISO, format_date, weekday
from ui.entity_profile import deadline_at_text, hours_left_text, utc_now

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


# Background and text colours; text stays dark on every background (WCAG AA contrast) and
# the "Days left" column repeats the urgency in words, so colour is never the only cue.
URGENCY_COLORS: Mapping[Urgency, tuple[str, str]] = {
    Urgency.OVERDUE: ("#f6c9cc", "#7a0010"),
    Urgency.SOON: ("#ffe3a3", "#5c3b00"),
    Urgency.LATER: ("#d6efd8", "#124a1c"),
    Urgency.NO_DATE: ("#dbe6f4", "#1d3557"),
    # Sent late is its own hue (violet), never the red of overdue: one is a notice still
    # owed today, the other a notice made whose lateness needs its reason on record.
    Urgency.SENT_LATE: ("#e4d5f5", "#43186b"),
    Urgency.SENT: ("#e6ece8", "#1f4d2b"),
    Urgency.DECIDED: ("#eeeeee", "#3c4043"),
    Urgency.NOT_REQUIRED: ("#ffffff", "#5f6368"),
}


def days_left_text(left: int | None) -> str:
    if left is None:
        return ""
    if left < 0:
        return f"{-left} day{'s' if left != -1 else ''} overdue"
    if left == 0:
        return "due today"
    return f"{left} day{'s' if left != 1 else ''}"


def grade_text(grade: Grade) -> str:
    """The words for a recorded notice in the Days left column: 'sent 26 days late'."""
    if grade.skipped:
        return "not sending"
    if grade.timeliness is Timeliness.LATE and grade.days_late is not None:
        return f"sent {grade.days_late} day{'s' if grade.days_late != 1 else ''} late"
    if grade.check_time:
        return grade.words
    if grade.timeliness is Timeliness.ON_TIME:
        return "sent on time"
    return "sent"


def sent_text(grade: Grade | None, date_format: str = ISO) -> str:
    """The Sent column: the date and method, 'not sent', or the decision not to send."""
    if grade is None or grade.notice is None:
        return ""
    if grade.skipped:
        return DECIDED
    if grade.sent_on is None:
        return ""
    method = grade.method.value.replace("_", " ") if grade.method else ""
    return f"{format_date(grade.sent_on, date_format)} {method}".strip()


def jurisdiction_text(code: str, name: str) -> str:
    """'Texas (TX)' for a state; the short code for a federal rule ('HIPAA', 'FTC-HBNR')."""
    return f"{name} ({code})" if code in JURISDICTIONS else code


_KIND_ORDER = {
    DeadlineKind.FIXED: 0,
    DeadlineKind.RELATIVE_TO_NOTICE: 1,
    DeadlineKind.NO_FIXED_DEADLINE: 2,
    DeadlineKind.NONE: 3,
}


class _FlatTableModel(QAbstractTableModel):
    """A flat table with fixed column HEADERS over a list of rows (``_rows``)."""

    HEADERS: tuple[str, ...] = ()

    def _row_total(self) -> int:
        return len(self._rows)  # type: ignore[attr-defined]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_total()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class ObligationTableModel(_FlatTableModel):
    """One row per obligation of the plan, in the engine's order."""

    HEADERS = ("Jurisdiction", "Recipient", "Status", "Deadline", "Days left", "Send by", "Sent", "Citation")
    JURISDICTION, RECIPIENT, STATUS, DEADLINE, DAYS_LEFT, SEND_BY, SENT, CITATION = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Obligation, ...] = ()
        self._grades: dict[str, Grade] = {}
        self._today = date.today()
        self._window = 7
        self._date_format = ISO
        self.now = utc_now  # the instant hours countdowns run to; tests set their own

    # ----------------------------------------------------------------- feeding

    def set_obligations(self, obligations: tuple[Obligation, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(obligations)
        self.endResetModel()

    def set_view(self, *, today: date, window: int, date_format: str) -> None:
        """Today, urgency window and date format: the face's inputs to the cells."""
        self._today, self._window, self._date_format = today, window, date_format
        self._redraw()

    def set_grades(self, grades: Mapping[str, Grade]) -> bool:
        """The core's grades of the recorded notices, by obligation key (empty: no case open).

        False, and nothing redrawn, when they are the ones shown already (most keystrokes).
        """
        if dict(grades) == self._grades:
            return False
        self._grades = dict(grades)
        self._redraw()
        return True

    def _redraw(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def obligation(self, row: int) -> Obligation:
        return self._rows[row]

    def grade(self, key: str) -> Grade | None:
        return self._grades.get(key)

    def row_of(self, key: str) -> int | None:
        return next((i for i, ob in enumerate(self._rows) if ob.key == key), None)

    def urgency_of(self, ob: Obligation) -> Urgency:
        return urgency(ob, self._today, self._window, self._grades.get(ob.key))

    # ----------------------------------------------------------------- Qt API

    def deadline_cell(self, ob: Obligation) -> str:
        if ob.deadline is None:
            return deadline_text(ob)
        star = " *" if ob.conservative else ""
        at = deadline_at_text(ob)  # an hours clock: the time and its offset too
        return f"{format_date(ob.deadline, self._date_format)} {weekday(ob.deadline)}{at}{star}"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ob = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ob, col)
        if role == SORT_ROLE:
            return self._sort_key(ob, col)
        if role == KEY_ROLE:
            return ob.key
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(URGENCY_COLORS[self.urgency_of(ob)][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(URGENCY_COLORS[self.urgency_of(ob)][1]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{ob.jurisdiction_name}: {ob.recipient_text}\n{ob.reason}" + (
                f"\n{ob.basis}" if ob.basis else ""
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._display(ob, col)}, {urgency_text(ob, self.urgency_of(ob))}"
        return None

    def _display(self, ob: Obligation, col: int) -> str:
        if col == self.JURISDICTION:
            return jurisdiction_text(ob.jurisdiction, ob.jurisdiction_name)
        if col == self.RECIPIENT:
            return ob.recipient_text
        if col == self.STATUS:
            return STATUS_WORDS[ob.status]
        if col == self.DEADLINE:
            return self.deadline_cell(ob)
        if col == self.SEND_BY:
            # As the CLI and the workbook: only where the deadline is not a business day.
            day = ob.practical_send_by
            return f"{format_date(day, self._date_format)} {weekday(day)}" if day else ""
        if col == self.DAYS_LEFT:
            grade = self._grades.get(ob.key)
            if grade is not None and (grade.skipped or grade.sent_on is not None):
                return grade_text(grade)
            if ob.status is Status.NOT_REQUIRED:
                return ""
            # An hours clock within a week counts hours to the real clock, so only when the
            # plan is read as of today; as of another day it would contradict the colour.
            now = self.now()
            hours = hours_left_text(ob, now) if now.astimezone().date() == self._today else None
            return hours or days_left_text(days_left(ob.deadline, self._today))
        if col == self.SENT:
            return sent_text(self._grades.get(ob.key), self._date_format)
        if col == self.CITATION:
            return ob.citation.cite
        return ""

    def _sort_key(self, ob: Obligation, col: int) -> Any:
        status = STATUS_ORDER[ob.status]
        if col == self.STATUS:
            return f"{status}"
        if col == self.DEADLINE:
            if ob.deadline is not None:
                return f"0 {ob.deadline.isoformat()} {status}"
            return f"1 {status} {_KIND_ORDER[ob.deadline_kind]}"
        if col == self.SEND_BY:
            day = ob.practical_send_by or ob.deadline
            return f"0 {day.isoformat()} {status}" if day else f"1 {status} {_KIND_ORDER[ob.deadline_kind]}"
        if col == self.DAYS_LEFT:
            left = days_left(ob.deadline, self._today)
            grade = self._grades.get(ob.key)
            done = grade is not None and (grade.skipped or grade.sent_on is not None)
            return (left if left is not None else 100_000) + status * 1_000_000 + done * 10_000_000
        if col == self.SENT:
            grade = self._grades.get(ob.key)
            return (grade.sent_on.isoformat() if grade and grade.sent_on else "9999") + self._display(ob, col)
        return self._display(ob, col).casefold()


@contextmanager
def _filter_change(proxy: QSortFilterProxyModel) -> Iterator[None]:
    """Qt 6.9+ wants begin/endFilterChange around a filter change; older Qt, invalidateFilter."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        yield
        proxy.endFilterChange()
    else:  # pragma: no cover - Qt < 6.9
        yield
        proxy.invalidateFilter()


class ObligationFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's SORT_ROLE; filters by free text and by 'show not required'."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._show_not_required = True

    def set_text(self, text: str) -> None:
        with _filter_change(self):
            self._text = text.strip().casefold()

    def set_show_not_required(self, show: bool) -> None:
        with _filter_change(self):
            self._show_not_required = show

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ObligationTableModel)
        ob = model.obligation(source_row)
        if not self._show_not_required and ob.status is Status.NOT_REQUIRED:
            return False
        if not self._text:
            return True
        haystack = " ".join(
            [
                *(model.data(model.index(source_row, c)) or "" for c in range(model.columnCount())),
                ob.office,
                ob.jurisdiction,
            ]
        ).casefold()
        return all(word in haystack for word in self._text.split())


# --------------------------------------------------------------------------- residents

UNKNOWN_WORDS = frozenset({"?", "unknown", "some", "u", "unk", "n/a unknown"})
UNKNOWN_TEXT = "unknown"


class CountError(ValueError):
    """A resident count the user typed that is not a number of people."""


def parse_count(text: str) -> int | str | None:
    """'' -> '' (no residents); 'unknown'/'?' -> None; '1,234' -> 1234. Raises CountError."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return ""
    if cleaned.casefold() in UNKNOWN_WORDS:
        return None
    if not cleaned.isdigit():
        raise CountError(f"{text.strip()!r} is not a number of people (use a whole number, or ? for unknown)")
    return int(cleaned)


def count_text(count: int | None) -> str:
    return UNKNOWN_TEXT if count is None else f"{count:,}"


class ResidentsModel(_FlatTableModel):
    """All 54 jurisdictions with their resident counts; only the count column is editable.

    Blank means no residents; "unknown" (typed as ?, unknown or some) means some residents,
    number unknown, which the engine treats as possibly over any threshold.
    """

    HEADERS = ("Code", "Jurisdiction", "Residents")
    CODE, NAME, COUNT = range(3)

    residents_changed = Signal()
    rejected = Signal(str)  # a message for the status bar when an entry is not a count

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._codes = tuple(JURISDICTIONS)
        self._counts: dict[str, int | None] = {}
        self._extra: dict[str, int | None] = {}  # codes outside the 54, kept so nothing is lost

    def residents(self) -> dict[str, int | None]:
        return {**self._extra, **self._counts}

    def set_residents(self, residents: Mapping[str, int | None], *, notify: bool = False) -> None:
        self.beginResetModel()
        self._counts = {c: n for c, n in residents.items() if c in JURISDICTIONS}
        self._extra = {c: n for c, n in residents.items() if c not in JURISDICTIONS}
        self.endResetModel()
        if notify:
            self.residents_changed.emit()

    def apply_counts(self, counts: Mapping[str, int | None]) -> None:
        """Set the given jurisdictions' counts (a paste), leaving the others as they are."""
        merged = dict(self._counts)
        merged.update(counts)
        self.set_residents({**self._extra, **merged}, notify=True)

    def row_of(self, code: str) -> int | None:
        return self._codes.index(code) if code in self._codes else None

    def summary(self) -> str:
        """The running total under the table."""
        known = [n for n in self._counts.values() if n is not None and n > 0]
        unknown = [c for c, n in self._counts.items() if n is None]
        places = len(known) + len(unknown)
        text = f"Total: {sum(known):,} residents in {places} jurisdiction{'s' if places != 1 else ''}"
        if unknown:
            text += f" ({len(unknown)} with number unknown: {', '.join(sorted(unknown))})"
        return text

    # ----------------------------------------------------------------- Qt API

    def _row_total(self) -> int:
        return len(self._codes)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COUNT:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = self._codes[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.CODE:
                return code
            if col == self.NAME:
                return JURISDICTIONS[code]
            if code not in self._counts:
                return ""
            return (
                count_text(self._counts[code])
                if role == Qt.ItemDataRole.DisplayRole
                else (UNKNOWN_TEXT if self._counts[code] is None else str(self._counts[code]))
            )
        if role == SORT_ROLE:
            if col == self.COUNT:
                if code not in self._counts:
                    return -1
                count = self._counts[code]
                return 10**12 if count is None else count
            return self.data(index).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COUNT:
            return "Residents affected. Blank: none. Type ? for some, number unknown."
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COUNT:
            return False
        code = self._codes[index.row()]
        try:
            parsed = parse_count(str(value) if value is not None else "")
        except CountError as exc:
            self.rejected.emit(f"{JURISDICTIONS[code]}: {exc}")
            return False
        old = self._counts.get(code, "")
        if parsed == "":
            self._counts.pop(code, None)
        else:
            assert not isinstance(parsed, str)
            self._counts[code] = parsed
        if old != parsed:
            self.dataChanged.emit(index, index)
            self.residents_changed.emit()
        return True


class ResidentsFilterProxy(QSortFilterProxyModel):
    """Filter by code or name; sort counts numerically."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""

    def set_text(self, text: str) -> None:
        with _filter_change(self):
            self._text = text.strip().casefold()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        code = model.data(model.index(source_row, ResidentsModel.CODE)).casefold()
        name = model.data(model.index(source_row, ResidentsModel.NAME)).casefold()
        return self._text == code or self._text in name


_SPLIT = re.compile(r"^\s*(.*?)\s*[,;]\s*(.*?)\s*$")
_SPLIT_LAST = re.compile(r"^\s*(.*)\s*[,;]\s*([\d ]+|\?|unknown)\s*$", re.IGNORECASE)


def parse_pasted_counts(text: str) -> tuple[dict[str, int | None], list[str]]:
    """Two spreadsheet columns (state name or code, count) -> counts, and lines not understood.

    A header line is skipped quietly; a state that appears twice has its counts added
    (spreadsheets often hold one row per source system). Nothing is applied here.
    """
    counts: dict[str, int | None] = {}
    problems: list[str] = []
    lines = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            state_text = cells[0]
            count_cell = next((c for c in cells[1:] if c), "")
        else:
            match = _SPLIT.match(line)
            state_text, count_cell = (match.group(1), match.group(2)) if match else (line.strip(), "")
        code = normalize_state(state_text)
        try:
            count = parse_count(count_cell)
        except CountError:
            fallback = _SPLIT_LAST.match(line)
            if fallback and normalize_state(fallback.group(1)) and "\t" not in line:
                code = normalize_state(fallback.group(1))
                count = parse_count(fallback.group(2))
            elif number == 1:
                continue  # a header row such as "State, Residents"
            else:
                problems.append(f"line {number}: {line.strip()!r}: the count is not a number")
                continue
        if code is None or code not in JURISDICTIONS:
            problems.append(f"line {number}: {line.strip()!r}: not one of the 54 jurisdictions")
            continue
        if count == "":
            problems.append(f"line {number}: {line.strip()!r}: no count")
            continue
        assert not isinstance(count, str)
        if code in counts:
            previous = counts[code]
            counts[code] = None if previous is None or count is None else previous + count
        else:
            counts[code] = count
    return counts, problems


# --------------------------------------------------------------------------- credit monitoring


class CreditMonitoringModel(_FlatTableModel):
    """Who must be offered credit monitoring, for how long, from when to when."""

    HEADERS = ("Jurisdiction", "Status", "Months", "Starts", "Ends", "Citation", "Who and why")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CreditMonitoringDuty, ...] = ()
        self._date_format = ISO

    def set_duties(self, duties: tuple[CreditMonitoringDuty, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(duties)
        self.endResetModel()

    def set_date_format(self, fmt: str) -> None:
        self.beginResetModel()
        self._date_format = fmt
        self.endResetModel()

    def duty(self, row: int) -> CreditMonitoringDuty:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        duty = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                jurisdiction_text(duty.jurisdiction, duty.jurisdiction_name),
                STATUS_WORDS[duty.status],
                str(duty.months),
                format_date(duty.starts, self._date_format) or "-",
                format_date(duty.ends, self._date_format) or "-",
                duty.citation.cite,
                duty.reason,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{duty.reason}\n{duty.basis}"
        if role == Qt.ItemDataRole.ForegroundRole and duty.status is Status.NOT_REQUIRED:
            return QBrush(QColor(URGENCY_COLORS[Urgency.NOT_REQUIRED][1]))
        return None
