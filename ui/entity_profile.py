"""The entity profile and the instants hours clocks run from (issue 13).

Securities, banking, insurance and foreign rules reach an entity by what it is, so the
profile is a list of checkboxes, each with its one-line explanation; "not answered" is its
own state (the plan then plans none of these rules and says so), never "none of these".
NYDFS, banking and GDPR clocks count hours from an instant, so the discovery, determination
and extortion payment each have a time field beside the time zone the plan shows them in.
A time is typed as local time in that zone ("2026-10-30 09:00") or with its own UTC offset;
text that is not a time is reported next to the field and nothing is planned from it.
The form keeps what it was given: an instant typed with an offset is saved with that offset.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.incident_file import FieldProblem
from notifyplanner.instants import instant_text, parse_instant, zone
from notifyplanner.model import Incident, Obligation, Sector
from notifyplanner.places import JURISDICTIONS
from ui.date_field import DateField
from ui.dates import ISO

#: (incident field, label, hint)
INSTANT_ROWS = (
    ("discovered_at", "Discovered at", "The time of discovery (GDPR's 72 hours run from awareness)"),
    (
        "determined_at",
        "Determined at",
        "The time you determined the incident occurred (NYDFS 72 h, banking 36 h)",
    ),
    ("ransom_paid_at", "Extortion paid at", "The time of any extortion payment (NYDFS: 24 hours)"),
)
HOURS_WINDOW = timedelta(days=7)


def parse_local(text: str, time_zone: str | None) -> datetime | None:
    """A typed time: ISO 8601 with an offset, or "YYYY-MM-DD HH:MM" in ``time_zone``.

    ``ValueError`` with a one-line reason when it is neither; None when empty.
    """
    text = text.strip()
    if not text:
        return None
    normalised = text.replace(" ", "T", 1)
    try:
        return parse_instant(normalised)
    except ValueError:
        pass
    try:
        naive = datetime.fromisoformat(normalised)
    except ValueError:
        raise ValueError(
            "not a time: type 2026-10-30 09:00, or with its offset 2026-10-30T09:00-04:00"
        ) from None
    if "T" not in normalised:
        raise ValueError("give the time as well as the date, e.g. 2026-10-30 09:00")
    if not time_zone:
        raise ValueError("choose the time zone first, or type the time with its UTC offset")
    return naive.replace(tzinfo=zone(time_zone))


def shown_instant(instant: datetime | None) -> str:
    """How a stored instant is shown for editing: ISO with its own offset, to the minute."""
    if instant is None:
        return ""
    spec = "minutes" if instant.second == 0 and instant.microsecond == 0 else "seconds"
    return instant.isoformat(timespec=spec)


def hours_left_text(ob: Obligation, now: datetime) -> str | None:
    """ "52 h left" for an hours clock (or a filing cut-off) due within 7 days; else None."""
    if ob.deadline_at is None:
        return None
    remaining = ob.deadline_at - now
    if remaining < timedelta(0):
        hours = int(-remaining.total_seconds() // 3600)
        return f"{hours} h overdue" if remaining > -HOURS_WINDOW else None
    if remaining >= HOURS_WINDOW:
        return None
    return f"{int(remaining.total_seconds() // 3600)} h left"


def deadline_at_text(ob: Obligation) -> str:
    """ " 17:30 (UTC-05:00)": the time of an hours deadline, after its date in the table."""
    if ob.deadline_at is None:
        return ""
    return " " + instant_text(ob.deadline_at).split(" ", 1)[1]


def utc_now() -> datetime:
    return datetime.now(UTC)


class EntityProfileForm(QGroupBox):
    """Profile checkboxes, insurance domicile, time zone and the time fields."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, date_format: str = ISO) -> None:
        super().__init__("Entity profile and times (securities, banking, insurance, GDPR)", parent)
        self._loading = False
        self._kept: dict[str, datetime | None] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        self.answered = QCheckBox("I have answered the entity profile below", self)
        self.answered.setAccessibleName("Entity profile answered")
        self.answered.setToolTip(
            "Unticked: not answered yet; the plan then plans none of these rules and says so"
        )
        layout.addWidget(self.answered)
        self.sectors: dict[Sector, QCheckBox] = {}
        for sector in Sector:
            box = QCheckBox(self)
            box.setAccessibleName(f"Entity profile: {sector.label}")
            box.setToolTip(sector.value)
            self.sectors[sector] = box
            layout.addLayout(wrapped_check(box, sector.label, self))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.domicile = QComboBox(self)
        self.domicile.setAccessibleName("Insurance domicile")
        self.domicile.addItem("None / not an insurance licensee", None)
        for code, name in sorted(JURISDICTIONS.items()):
            self.domicile.addItem(f"{code} ({name})", code)
        self.domicile.setToolTip("An insurer's state of domicile or a producer's home state")
        form.addRow(_buddy_label("Insurance domicile", self.domicile, self), self.domicile)
        self.time_zone = QLineEdit(self)
        self.time_zone.setAccessibleName("Time zone")
        self.time_zone.setPlaceholderText("IANA name, e.g. America/New_York")
        self.time_zone.setToolTip("Reads a bare date's day and shows every hours deadline")
        from zoneinfo import available_timezones

        completer = QCompleter(sorted(available_timezones()), self.time_zone)
        self.time_zone.setCompleter(completer)
        form.addRow(_buddy_label("Time &zone", self.time_zone, self), self.time_zone)
        self.materiality = DateField("Materiality determined", self, date_format)
        self.materiality.line.setToolTip(
            "The day the registrant determined the incident material (Form 8-K clock)"
        )
        form.addRow(_buddy_label("&Material (8-K)", self.materiality.line, self), self.materiality)
        self.ag_delay = DateField("8-K delay ends", self, date_format)
        self.ag_delay.line.setToolTip(
            "Only with the U.S. Attorney General's written delay (Item 1.05(c)): the last day of the "
            "delay period it names; the 8-K is then due 4 business days after it"
        )
        form.addRow(_buddy_label("8-K delay ends", self.ag_delay.line, self), self.ag_delay)
        self.instants: dict[str, QLineEdit] = {}
        for field, label, hint in INSTANT_ROWS:
            line = QLineEdit(self)
            line.setAccessibleName(label)
            line.setPlaceholderText("YYYY-MM-DD HH:MM in the time zone, or with its UTC offset")
            line.setToolTip(hint)
            self.instants[field] = line
            form.addRow(QLabel(label, self), line)
        self.zone_note = QLabel(self)
        self.zone_note.setWordWrap(True)
        form.addRow("", self.zone_note)
        layout.addLayout(form)

        self.answered.toggled.connect(self._edited)
        for box in self.sectors.values():
            box.toggled.connect(self._edited)
        self.domicile.currentIndexChanged.connect(self._edited)
        self.time_zone.textEdited.connect(self._edited)
        self.materiality.edited.connect(self._edited)
        self.ag_delay.edited.connect(self._edited)
        for line in self.instants.values():
            line.textEdited.connect(self._edited)
        self._sync()

    # ----------------------------------------------------------------- values

    def _edited(self, *_args: object) -> None:
        self._sync()
        if not self._loading:
            self.changed.emit()

    def _sync(self) -> None:
        for box in self.sectors.values():
            box.setEnabled(self.answered.isChecked())
        tz = self._zone()
        self.zone_note.setText(
            f"Times without an offset are read in {tz}; hours deadlines are shown there."
            if tz
            else "No time zone: an hours clock with only a date runs from the earliest midnight anywhere."
        )

    def _zone(self) -> str | None:
        text = self.time_zone.text().strip()
        if not text:
            return None
        try:
            zone(text)
        except ValueError:
            return None
        return text

    def set_facts(self, incident: Incident) -> None:
        """Show the incident's profile and instants without emitting ``changed``."""
        self._loading = True
        try:
            self.answered.setChecked(incident.sectors is not None)
            for sector, box in self.sectors.items():
                box.setChecked(incident.sectors is not None and sector in incident.sectors)
            self.domicile.setCurrentIndex(max(self.domicile.findData(incident.insurance_domicile), 0))
            self.time_zone.setText(incident.time_zone or "")
            self.materiality.set_date(incident.materiality_determined)
            self.ag_delay.set_date(incident.sec_ag_delay_until)
            for field, line in self.instants.items():
                value = getattr(incident, field)
                line.setText(shown_instant(value))
                self._kept[field] = value
        finally:
            self._loading = False
        self._sync()

    def _instant(self, field: str) -> datetime | None:
        text = self.instants[field].text()
        kept = self._kept.get(field)
        if kept is not None and text == shown_instant(kept):
            return kept  # as loaded, offset and all
        try:
            return parse_local(text, self._zone())
        except ValueError:
            return None

    def facts(self) -> dict[str, Any]:
        """The fields as incident keyword arguments; unreadable text counts as empty."""
        return {
            "sectors": (
                frozenset(s for s, box in self.sectors.items() if box.isChecked())
                if self.answered.isChecked()
                else None
            ),
            "insurance_domicile": self.domicile.currentData(),
            "time_zone": self._zone(),
            "materiality_determined": self.materiality.date(),
            "sec_ag_delay_until": self.ag_delay.date(),
            **{field: self._instant(field) for field in self.instants},
        }

    def date_fields(self) -> list[DateField]:
        return [self.materiality, self.ag_delay]

    def problems(self) -> list[FieldProblem]:
        """Text the form cannot read: a time zone or a time that is not one."""
        out: list[FieldProblem] = []
        tz_text = self.time_zone.text().strip()
        if tz_text and self._zone() is None:
            out.append(
                FieldProblem("time_zone", f"{tz_text[:40]!r} is not an IANA time zone; it is saved as empty")
            )
        for field, line in self.instants.items():
            try:
                if self._instant(field) is None:
                    parse_local(line.text(), self._zone())
            except ValueError as exc:
                out.append(FieldProblem(field, f"{exc}; nothing is planned from it"))
        for name, field in (
            ("materiality_determined", self.materiality),
            ("sec_ag_delay_until", self.ag_delay),
        ):
            if not field.is_valid():
                out.append(FieldProblem(name, f"{field.problem()}; nothing is planned from it"))
        return out


class _ToggleLabel(QLabel):
    """A checkbox's text that wraps: clicking it toggles the box, as a QCheckBox's own text does."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._box = box
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setToolTip(box.toolTip())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._box.isEnabled():
            self._box.toggle()
        event.accept()


def wrapped_check(box: QCheckBox, text: str, parent: QWidget) -> QHBoxLayout:
    """A checkbox with a wrapping label: the longest sector labels ("Broker-dealer, funding
    portal, ...") made the form 790 px wide, so at 1366x768 the whole form was cut off at
    the right."""
    row = QHBoxLayout()
    row.setSpacing(4)
    row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(_ToggleLabel(text, box, parent), 1)
    return row


def _buddy_label(text: str, field: QWidget, parent: QWidget) -> QLabel:
    """A label whose Alt letter moves the focus to its field (Qt sets no buddy for a label
    widget handed to QFormLayout.addRow)."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label
