"""The timeline: every dated notice on a date axis from discovery, grouped by recipient.

A painted widget rather than a chart library: the whole thing is a few dozen rows, and
painting keeps start-up fast and the look under our control (fonts, colours shared with
the table). Today and the controlling deadline are vertical lines; a click (or the arrow
keys) selects a notice and the main window selects the same row in the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from notifyplanner.engine import days_left
from notifyplanner.model import Obligation, Plan, Status
from notifyplanner.register.grading import Grade
from ui.dates import ISO, format_date
from ui.models import URGENCY_COLORS, Urgency, days_left_text, jurisdiction_text, urgency

ROW_HEIGHT = 22
AXIS_HEIGHT = 62
LEFT_MIN = 180
RIGHT_PAD = 90
TODAY_COLOR = "#1f5fbf"
CONTROLLING_COLOR = "#b00020"


@dataclass(frozen=True)
class _Row:
    kind: str  # "group" | "item"
    text: str
    ob: Obligation | None = None


class TimelineWidget(QWidget):
    """Draws the plan's dated notices; emits ``selected(key)`` when one is clicked."""

    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Timeline of deadlines")
        self.setAccessibleDescription("Up and Down select the previous or next notice")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._rows: list[_Row] = []
        self._label_width = 0  # the widest row label, measured once per plan, not per paint
        self._undated = 0
        self._plan: Plan | None = None
        self._today = date.today()
        self._today_label = "Today"
        self._window = 7
        self._format = ISO
        self._selected: str | None = None
        self._grades: Mapping[str, Grade] = {}
        self._start = self._end = self._today

    # ----------------------------------------------------------------- data

    def set_plan(
        self, plan: Plan | None, *, today: date, window: int, date_format: str, today_label: str = "Today"
    ) -> None:
        """``today`` is the day the plan is read as of; ``today_label`` names its line."""
        self._plan, self._today, self._window, self._format = plan, today, window, date_format
        self._today_label = today_label
        self._rows = []
        self._undated = 0
        if plan is not None:
            live = [o for o in plan.obligations if o.status is not Status.NOT_REQUIRED]
            dated = [o for o in live if o.deadline is not None]
            self._undated = len(live) - len(dated)
            groups: dict[str, list[Obligation]] = {}
            for ob in sorted(dated, key=lambda o: (o.deadline, o.jurisdiction, o.subject)):
                groups.setdefault(ob.recipient.label, []).append(ob)
            for label, obs in groups.items():
                self._rows.append(_Row("group", label))
                for ob in obs:
                    text = jurisdiction_text(ob.jurisdiction, ob.jurisdiction_name)
                    if ob.subject:
                        text = f"{ob.jurisdiction}: {ob.subject}"
                    if ob.title:  # two notices of one state to one office (VT's AG) read apart
                        text = f"{text}: {ob.title}"
                    self._rows.append(_Row("item", text, ob))
            days = [o.deadline for o in dated if o.deadline] + [today]
            if plan.incident.discovered:
                days.append(plan.incident.discovered)
            self._start = min(days) - timedelta(days=2)
            self._end = max(days) + timedelta(days=3)
        metrics = QFontMetrics(self.font())
        self._label_width = max((metrics.horizontalAdvance(r.text) for r in self._rows), default=0)
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def set_grades(self, grades: Mapping[str, Grade]) -> None:
        """Recorded notices colour their rows as the table does (sent, sent late, decided)."""
        self._grades = grades
        self.update()

    def item_keys(self) -> list[str]:
        return [r.ob.key for r in self._rows if r.ob is not None]

    def set_selected(self, key: str | None) -> None:
        self._selected = key
        self.update()

    def selected_key(self) -> str | None:
        return self._selected

    def sizeHint(self) -> QSize:
        footer = ROW_HEIGHT * 2
        return QSize(800, AXIS_HEIGHT + ROW_HEIGHT * max(len(self._rows), 1) + footer)

    # ----------------------------------------------------------------- geometry

    def _left(self) -> int:
        return max(LEFT_MIN, min(self._label_width + 24, self.width() // 3))

    def _x(self, day: date) -> float:
        left = self._left()
        span = max((self._end - self._start).days, 1)
        usable = max(self.width() - left - RIGHT_PAD, 50)
        return left + usable * (day - self._start).days / span

    def _row_at(self, y: float) -> int | None:
        row = int((y - AXIS_HEIGHT) // ROW_HEIGHT)
        return row if 0 <= row < len(self._rows) else None

    # ----------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        if not self._rows:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                "No dated notices yet. Enter the discovery date, the data involved and the residents "
                "affected; notices with a date appear here.",
            )
            return
        left = self._left()
        bottom = AXIS_HEIGHT + ROW_HEIGHT * len(self._rows)
        self._paint_axis(painter, metrics, left, bottom)
        discovered = self._plan.incident.discovered if self._plan else None
        for i, row in enumerate(self._rows):
            top = AXIS_HEIGHT + i * ROW_HEIGHT
            rect = QRectF(0, top, self.width(), ROW_HEIGHT)
            if row.kind == "group":
                bold = QFont(self.font())
                bold.setBold(True)
                painter.setFont(bold)
                painter.setPen(self.palette().text().color())
                painter.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, row.text)
                painter.setFont(self.font())
                continue
            ob = row.ob
            assert ob is not None and ob.deadline is not None
            if ob.key == self._selected:
                painter.fillRect(rect, self.palette().highlight().color().lighter(170))
            painter.setPen(self.palette().text().color())
            label = metrics.elidedText(row.text, Qt.TextElideMode.ElideRight, left - 24)
            painter.drawText(rect.adjusted(18, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
            level = urgency(ob, self._today, self._window, self._grades.get(ob.key))
            back, fore = (QColor(c) for c in URGENCY_COLORS[level])
            x = self._x(ob.deadline)
            cy = top + ROW_HEIGHT / 2
            if discovered and discovered <= ob.deadline:
                bar = QRectF(self._x(discovered), cy - 4, max(x - self._x(discovered), 1), 8)
                painter.fillRect(bar, back)
            painter.setPen(QPen(fore, 1))
            painter.setBrush(fore if level is not Urgency.NO_DATE else back)
            size = 6.0
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x, cy - size),
                        QPointF(x + size, cy),
                        QPointF(x, cy + size),
                        QPointF(x - size, cy),
                    ]
                )
            )
            text = format_date(ob.deadline, self._format) + (" *" if ob.conservative else "")
            painter.drawText(QPointF(x + size + 4, cy + metrics.ascent() / 2 - 1), text)
        self._paint_markers(painter, metrics, bottom)
        if self._undated:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(6, bottom + 4, self.width() - 12, ROW_HEIGHT * 2),
                Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                f"{self._undated} notice{'s' if self._undated != 1 else ''} with no fixed date "
                "(without unreasonable delay, or timed with another notice) are listed in the table.",
            )

    def _paint_axis(self, painter: QPainter, metrics: QFontMetrics, left: int, bottom: int) -> None:
        span = max((self._end - self._start).days, 1)
        usable = max(self.width() - left - RIGHT_PAD, 50)
        label_width = metrics.horizontalAdvance(format_date(self._end, self._format)) + 16
        step = 1
        for candidate in (1, 2, 7, 14, 28, 56, 91, 182, 365):
            step = candidate
            if usable * candidate / span >= label_width:
                break
        grid = QColor("#d0d4da")
        day = self._start
        if step >= 7:  # weekly ticks on Mondays read better than arbitrary days
            day += timedelta(days=(7 - day.weekday()) % 7)
        while day <= self._end:
            x = self._x(day)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, bottom))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QPointF(x - label_width / 2 + 8, AXIS_HEIGHT - 10), format_date(day, self._format)
            )
            day += timedelta(days=step)

    def _paint_markers(self, painter: QPainter, metrics: QFontMetrics, bottom: int) -> None:
        marks = [(self._today, self._today_label, TODAY_COLOR, Qt.PenStyle.SolidLine)]
        controlling = self._plan.controlling_deadline if self._plan else None
        if controlling is not None:
            marks.append((controlling, "Controlling deadline", CONTROLLING_COLOR, Qt.PenStyle.DashLine))
        used: list[QRectF] = []
        for day, text, color, style in marks:
            x = self._x(day)
            painter.setPen(QPen(QColor(color), 2, style))
            painter.drawLine(QPointF(x, 14), QPointF(x, bottom))
            width = metrics.horizontalAdvance(text) + 8
            box = QRectF(x + 3, 0, width, 16)
            if box.right() > self.width():
                box.moveRight(x - 3)
            if any(box.intersects(other) for other in used):
                box.moveTop(18)
            used.append(box)
            painter.fillRect(box, QColor("#ffffff"))
            painter.setPen(QColor(color))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # ----------------------------------------------------------------- interaction

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().y())
        if row is not None and self._rows[row].ob is not None:
            self._select(self._rows[row].ob.key)  # type: ignore[union-attr]
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().y())
        ob = self._rows[row].ob if row is not None else None
        if ob is not None:
            left = days_left_text(days_left(ob.deadline, self._today))
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{ob.jurisdiction_name}: {ob.recipient_text}\n{format_date(ob.deadline, self._format)} {left}\n{ob.basis}",
                self,
            )
        else:
            QToolTip.hideText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = self.item_keys()
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and keys:
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            current = (
                keys.index(self._selected) if self._selected in keys else (-1 if step > 0 else len(keys))
            )
            self._select(keys[max(0, min(len(keys) - 1, current + step))])
            return
        super().keyPressEvent(event)

    def _select(self, key: str) -> None:
        self._selected = key
        self.update()
        self.selected.emit(key)

    def row_center(self, key: str) -> QPointF | None:
        """Where an item's row is drawn (tests click there)."""
        for i, row in enumerate(self._rows):
            if row.ob is not None and row.ob.key == key:
                return QPointF(self.width() / 2, AXIS_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2)
        return None
