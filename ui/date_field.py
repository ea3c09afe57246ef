"""An optional date field: typed text in the chosen format, or a pick from a calendar.

Why not QDateEdit: it cannot be empty, and most incident dates are unknown at first (no
determination yet, no vendor notice); a QDateEdit would force a made-up date that then
silently drives a deadline. This field is a QLineEdit (empty allowed) plus a calendar
button; typing is never blocked, and text that is not a date is reported by the form next
to the field rather than thrown away.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.safe_read import date_window_message, in_window, shown
from ui.dates import ISO, format_date, from_qdate, parse_date, to_qdate
from ui.settings import DATE_FORMATS


class _CalendarPopup(QWidget):
    """A calendar in a popup window; Escape closes it without changing the date."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.calendar.setAccessibleName("Calendar")
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class DateField(QWidget):
    """A date that may be empty. ``date()`` is None when empty or when the text is not a date."""

    edited = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None, date_format: str = ISO) -> None:
        super().__init__(parent)
        self._format = date_format
        self._shown_invalid = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName(accessible_name)
        self.line.setAccessibleDescription(
            f"Date as {date_format}; empty when not known. Alt+Down opens a calendar."
        )
        self.button = QToolButton(self)
        self.button.setText("\u25be")  # small down-pointing triangle (DejaVu has it)
        self.button.setToolTip("Choose from a calendar (Alt+Down)")
        self.button.setAccessibleName(f"Choose {accessible_name.lower()} from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the text does the same
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self._update_placeholder()
        self._setting = False
        # textChanged, not textEdited: the clear button changes the text without "editing" it.
        self.line.textChanged.connect(self._text_changed)
        self.button.clicked.connect(self.open_calendar)
        shortcut = QShortcut(QKeySequence("Alt+Down"), self.line)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.open_calendar)
        self._popup: _CalendarPopup | None = None

    # ----------------------------------------------------------------- value

    def date(self) -> date | None:
        """The date typed, or None; a date outside the planning window counts as no date.

        A year-9999 date once reached the deadline algebra and the autosave, and every
        later start crashed (issue 15); the window is the core's (notifyplanner.safe_read).
        """
        day = parse_date(self.line.text(), self._format)
        return day if day is not None and in_window(day) else None

    def problem(self) -> str:
        """Why the text is not used as a date ('' when it is empty or a date in the window)."""
        if self.is_valid():
            return ""
        day = parse_date(self.line.text(), self._format)
        if day is not None:
            return date_window_message(day)
        return f"{shown(self.line.text())} is not a date: {self._how_to_type(self.line.text())}"

    def _how_to_type(self, text: str) -> str:
        """What the field takes, with an example whose day cannot be a month; and, when the
        text is a date in another format Preferences offers (11/18/2026 in an ISO field),
        where to choose that format. Never a guess at which date was meant."""
        example = format_date(date(2026, 12, 31), self._format)
        how = f"type it as {self.line.placeholderText()}, e.g. {example}"
        other = next(
            (
                f
                for f, _label in DATE_FORMATS
                if f != self._format and QDate.fromString(text.strip(), f).isValid()
            ),
            None,
        )
        return how + (f", or choose {other} in Edit > Preferences > Date format" if other else "")

    def text(self) -> str:
        return self.line.text()

    def is_valid(self) -> bool:
        """Empty or a real date; False while the text cannot be read as a date."""
        return not self.line.text().strip() or self.date() is not None

    def set_date(self, day: date | None) -> None:
        """Show ``day`` without emitting ``edited`` (the form loads values this way)."""
        self._setting = True
        try:
            self.line.setText(format_date(day, self._format))
        finally:
            self._setting = False

    def _text_changed(self, _text: str) -> None:
        self._restyle()
        if not self._setting:
            self.edited.emit()

    def set_date_format(self, fmt: str) -> None:
        """Re-show the current date in ``fmt``; text that is not a date is left as typed."""
        current = self.date()
        valid = self.is_valid()
        self._format = fmt
        self._update_placeholder()
        if valid:
            self.set_date(current)

    def _update_placeholder(self) -> None:
        self.line.setPlaceholderText(self._format.lower().replace("mmm", "mon"))

    def _restyle(self) -> None:
        invalid = not self.is_valid()
        # Remembered here, not read back with property(): PySide6 6.12.0 leaks a reference
        # to None each time property() returns None, and this runs on every keystroke.
        if self._shown_invalid == invalid:
            return  # re-polishing costs a style-sheet pass; only when the state flips
        self._shown_invalid = invalid
        self.line.setProperty("invalid", invalid)
        self.line.style().unpolish(self.line)
        self.line.style().polish(self.line)

    # ----------------------------------------------------------------- calendar

    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        current = self.date()
        self._popup.calendar.setSelectedDate(to_qdate(current) if current else QDate.currentDate())
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._popup.show()
        self._popup.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.line.setText(format_date(from_qdate(day), self._format))
        self.line.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)
