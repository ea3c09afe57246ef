"""Thin table models over the register's records: cases, the audit log, the HHS annual log.

Like ``ui.models``, each holds a tuple of the core's frozen records (``notifyplanner.register``)
and only turns fields into cells; counts, grades and due dates are the core's. Tested
without a window (tests/ui/test_register_models.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from notifyplanner.register.records import AuditEntry, CaseSummary, HhsLogRow
from ui.dates import ISO, format_date
from ui.models import SORT_ROLE, URGENCY_COLORS, AnyIndex, Urgency, _filter_change, _FlatTableModel

CASE_ROLE = Qt.ItemDataRole.UserRole + 3

#: What each audit action is called on screen; an action not listed shows as stored.
ACTION_WORDS = {
    "import": "Imported",
    "facts": "Facts saved",
    "notice_sent": "Notice sent",
    "notice_skipped": "Decided not to send",
    "evidence_added": "Evidence added",
    "individuals_notified_decision": "Individuals-notified date chosen",
    "export": "Exported",
    "case_deleted": "Incident deleted",
}


def _date(day: date | None, fmt: str) -> str:
    return format_date(day, fmt) if day is not None else ""


def local_time(moment: datetime) -> str:
    """A UTC moment as the person's local time, to the minute, with the zone's abbreviation."""
    local = moment.astimezone() if moment.tzinfo else moment.replace(tzinfo=UTC).astimezone()
    return local.strftime("%Y-%m-%d %H:%M %Z").strip()


class RegisterModel(_FlatTableModel):
    """One row per case of the register, as the core summarised it for ``today``."""

    HEADERS = (
        "Incident",
        "Discovered",
        "Affected",
        "Controlling deadline",
        "Next notice due",
        "Overdue",
        "Pending",
        "Sent",
        "Keep until",
    )
    NAME, DISCOVERED, AFFECTED, CONTROLLING, NEXT_DUE, OVERDUE, PENDING, SENT, RETAIN = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CaseSummary, ...] = ()
        self._date_format = ISO
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._haystacks: dict[int, str] = {}  # by id() of a row's summary, while it is held

    def set_cases(self, cases: tuple[CaseSummary, ...] | list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(tuple(cases))
        self._haystacks = {}
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here in one Python ``sorted`` call, not by the proxy comparing cells.

        A proxy sort asks ``data()`` for two cells per comparison: some 120,000 calls for a
        5,000-incident register, a third of a second. Here each row's key is computed once.
        """
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._sorted(before)
        position = {id(case): row for row, case in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(position[id(before[i.row()])], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: tuple[CaseSummary, ...]) -> tuple[CaseSummary, ...]:
        column, order = self._sort
        if column < 0:
            return rows
        descending = order == Qt.SortOrder.DescendingOrder
        return tuple(sorted(rows, key=lambda case: self._sort_key(case, column), reverse=descending))

    def set_date_format(self, date_format: str) -> None:
        if date_format != self._date_format:
            self._haystacks = {}
        self._date_format = date_format
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def case(self, row: int) -> CaseSummary:
        return self._rows[row]

    def haystack(self, row: int) -> str:
        """Every cell of a row as one lower-case text, made once per row (the filter's input)."""
        case = self._rows[row]
        text = self._haystacks.get(id(case))
        if text is None:
            cells = [self._display(case, c) for c in range(len(self.HEADERS))]
            text = " ".join([*cells, str(case.id)]).casefold()
            self._haystacks[id(case)] = text
        return text

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.id == case_id), None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        case, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, col)
        if role == SORT_ROLE:
            return self._sort_key(case, col)
        if role == CASE_ROLE:
            return case.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.AFFECTED,
            self.OVERDUE,
            self.PENDING,
            self.SENT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colour_roles = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
        if role in colour_roles and col == self.OVERDUE and case.overdue:
            back, fore = URGENCY_COLORS[Urgency.OVERDUE]
            return QBrush(QColor(back if role == Qt.ItemDataRole.BackgroundRole else fore))
        if role == Qt.ItemDataRole.ToolTipRole and not case.plan_current:
            return "Planned with other rules than the ones loaded now: open the incident to replan it."
        return None

    def _display(self, case: CaseSummary, col: int) -> str:
        fmt = self._date_format
        if col == self.NAME:
            return case.name or f"Incident {case.id}"
        if col == self.DISCOVERED:
            return _date(case.discovered, fmt)
        if col == self.AFFECTED:
            return f"{case.affected:,}" if case.affected is not None else ""
        if col == self.CONTROLLING:
            return _date(case.controlling_deadline, fmt)
        if col == self.NEXT_DUE:
            return _date(case.next_due, fmt)
        if col == self.OVERDUE:
            return str(case.overdue)
        if col == self.PENDING:
            return str(case.pending)
        if col == self.SENT:
            return str(case.sent) + (f" (+{case.skipped} not sent)" if case.skipped else "")
        if col == self.RETAIN:
            return _date(case.retain_until, fmt)
        return ""

    def _sort_key(self, case: CaseSummary, col: int) -> Any:
        if col in (self.DISCOVERED, self.CONTROLLING, self.NEXT_DUE, self.RETAIN):
            day = {
                self.DISCOVERED: case.discovered,
                self.CONTROLLING: case.controlling_deadline,
                self.NEXT_DUE: case.next_due,
                self.RETAIN: case.retain_until,
            }[col]
            return day.isoformat() if day else "9999-99-99"  # undated last
        if col == self.AFFECTED:
            return case.affected if case.affected is not None else -1
        if col in (self.OVERDUE, self.PENDING, self.SENT):
            return {self.OVERDUE: case.overdue, self.PENDING: case.pending, self.SENT: case.sent}[col]
        return self._display(case, col).casefold()


class RegisterFilterProxy(QSortFilterProxyModel):
    """Free text over every column, and 'only incidents with a notice overdue or pending'."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._open_only = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (fast, see RegisterModel.sort); this proxy only filters."""
        model = self.sourceModel()
        if isinstance(model, RegisterModel):
            model.sort(column, order)

    def set_text(self, text: str) -> None:
        with _filter_change(self):
            self._text = text.strip().casefold()

    def set_open_only(self, value: bool) -> None:
        with _filter_change(self):
            self._open_only = value

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RegisterModel)
        case = model.case(source_row)
        if self._open_only and not (case.overdue or case.pending):
            return False
        if not self._text:
            return True
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._text.split())


class HistoryModel(_FlatTableModel):
    """The audit log of one case, oldest first, one row per entry."""

    HEADERS = ("#", "When", "Who", "What", "Detail")
    SEQ, WHEN, WHO, WHAT, DETAIL = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AuditEntry, ...] = ()
        self._bad: int | None = None

    def set_entries(self, entries: tuple[AuditEntry, ...] | list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = tuple(entries)
        self._bad = None
        self.endResetModel()

    def set_first_bad(self, seq: int | None) -> None:
        """Mark the first entry verification found broken (None: the log is intact)."""
        self._bad = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.SEQ:
                return str(entry.seq)
            if col == self.WHEN:
                return local_time(entry.at)
            if col == self.WHO:
                return entry.who
            if col == self.WHAT:
                return ACTION_WORDS.get(entry.action, entry.action.replace("_", " "))
            if col == self.DETAIL:
                return summary_of(entry)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DETAIL:
            return summary_of(entry)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.WHEN:
            return entry.at.astimezone(UTC).isoformat().replace("+00:00", "Z") + " (UTC)"
        if self._bad is not None and entry.seq >= self._bad:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(URGENCY_COLORS[Urgency.OVERDUE][0]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(URGENCY_COLORS[Urgency.OVERDUE][1]))
        return None


def summary_of(entry: AuditEntry) -> str:
    """One line saying what an entry recorded, from the detail the core logged."""
    detail = entry.detail or {}
    labels = {
        "key": "",
        "facts_version": "version ",
        "sent_on": "sent ",
        "method": "by ",
        "reference": "ref. ",
        "late_reason": "late: ",
        "reason": "reason: ",
        "name": "",
        "to": "to ",
        "chosen": "chosen ",
        "note": "",
    }
    parts = [
        f"{label}{str(value).replace('_', ' ') if name in ('method', 'late_reason') else value}"
        for name, label in labels.items()
        if (value := detail.get(name)) not in (None, "", [], {})
    ]
    changes = detail.get("changes")
    if isinstance(changes, list) and changes:
        parts.append(f"{len(changes)} field{'s' if len(changes) != 1 else ''} changed")
    plan = detail.get("plan")
    if isinstance(plan, dict):
        moved = sum(len(v) for v in plan.values() if isinstance(v, list))
        if moved:
            parts.append(f"{moved} plan change{'s' if moved != 1 else ''}")
    return "; ".join(parts)


class HhsLogModel(_FlatTableModel):
    """One calendar year's breaches of fewer than 500 people, for the HHS annual submission."""

    HEADERS = ("Incident", "Discovered", "Affected", "Due at HHS", "Submitted")
    NAME, DISCOVERED, AFFECTED, DUE, SUBMITTED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HhsLogRow, ...] = ()
        self._date_format = ISO

    def set_rows(self, rows: tuple[HhsLogRow, ...] | list[HhsLogRow], date_format: str = ISO) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._date_format = date_format
        self.endResetModel()

    def row(self, row: int) -> HhsLogRow:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, col = self._rows[index.row()], index.column()
        if role == CASE_ROLE:
            return item.case_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        fmt = self._date_format
        if col == self.NAME:
            return item.name or f"Incident {item.case_id}"
        if col == self.DISCOVERED:
            return _date(item.discovered, fmt)
        if col == self.AFFECTED:
            return f"{item.affected:,}" if item.affected is not None else "unknown"
        if col == self.DUE:
            return _date(item.due, fmt)
        if col == self.SUBMITTED:
            return _date(item.submitted_on, fmt) if item.submitted_on else "not yet"
        return ""


__all__ = [
    "CASE_ROLE",
    "HhsLogModel",
    "HistoryModel",
    "RegisterFilterProxy",
    "RegisterModel",
    "local_time",
    "summary_of",
]
