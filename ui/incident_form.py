"""The incident form: every fact of the incident except the resident counts.

The form only reads and shows an ``Incident``; it never decides what a fact means. Problems
(impossible dates from the core's ``incident_problems``, text that is not a date, a hold
without its request date) are shown in red under the field they concern, and the typed
text stays in the field: nothing is cleared to make the incident valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.incident_file import FieldProblem
from notifyplanner.model import DataElement, EntityRole, Incident, LawEnforcementDelay
from ui.date_field import DateField
from ui.dates import ISO, dated
from ui.decisions_form import DecisionsForm
from ui.entity_facts_form import EntityFactsForm
from ui.entity_profile import EntityProfileForm, wrapped_check

#: (incident field, label with mnemonic, accessible name, hint)
DATE_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("breach_start", "Breach &began", "Breach began", "First day of unauthorised access, if known"),
    ("breach_end", "Brea&ch ended", "Breach ended", "Last day of unauthorised access, if known"),
    ("discovered", "&Discovered", "Discovered", "The day the breach was discovered (most clocks start here)"),
    (
        "determined",
        "De&termined",
        "Determined (scope confirmed)",
        "The day you determined a breach occurred and confirmed its scope",
    ),
    (
        "vendor_notice",
        "&Vendor notice",
        "Notice from a vendor",
        "The day a vendor or service provider told you",
    ),
    (
        "individuals_notified",
        "Individuals notif&ied",
        "Individuals notified",
        "The day individuals were (or will be) notified; notices timed against it run from it",
    ),
    (
        "hhs_notified",
        "HHS n&otified",
        "HHS Secretary notified",
        "HIPAA: the day the HHS Secretary was notified; Illinois and New York time their AG notice from it",
    ),
)

# A run of this many characters with no space or line break: no word is that long.
_LONG_RUN = re.compile(r"(?<!\S)\S{500}")
SOURCE_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (None, "Not known yet"),
    (True, "Yes: our systems (or our vendor's) were breached"),
    (False, "No: the breach happened elsewhere"),
)
DELAY_CHOICES: tuple[tuple[str | None, str], ...] = (
    (None, "No law-enforcement delay"),
    ("written", "Written request"),
    ("oral", "Oral request"),
)


@dataclass
class _ProblemRow:
    label: QLabel
    messages: list[str]


class IncidentForm(QWidget):
    """Edits the incident's facts; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, date_format: str = ISO) -> None:
        super().__init__(parent)
        self._loading = False
        self._date_format = date_format  # warnings write their dates in it
        # Text as loaded, and as the widgets show it: Qt turns CR LF, CR, U+2028 and U+2029
        # into LF and drops a BOM, so an opened file would be rewritten on save without a
        # keystroke (issue 15). Until the user edits a field, its loaded text is kept.
        self._loaded_text: dict[str, tuple[str, str]] = {}
        self._problem_rows: dict[str, _ProblemRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        # ------------------------------------------------------------ the incident
        general = QGroupBox("Incident", self)
        form = QFormLayout(general)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(general)
        self.name.setAccessibleName("Incident name")
        self.name.setPlaceholderText("A name you will recognise")
        self._row(form, "&Name", self.name, "name")
        self.role = QComboBox(general)
        self.role.setAccessibleName("Entity role")
        for role in EntityRole:
            self.role.addItem(role.label, role.value)
        self.role.setToolTip("Who the incident happened to; decides which rules reach you at all")
        self._row(form, "Entity &role", self.role, "entity_role")
        outer.addWidget(general)

        # ------------------------------------------------------------ dates
        dates = QGroupBox("Dates", self)
        form = QFormLayout(dates)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.dates: dict[str, DateField] = {}
        for field, label, accessible, hint in DATE_ROWS:
            widget = DateField(accessible, dates, date_format)
            widget.line.setToolTip(hint)
            self.dates[field] = widget
            self._row(form, label, widget, field)
        outer.addWidget(dates)

        # ------------------------------------------------------------ law enforcement
        hold = QGroupBox("Law-enforcement delay", self)
        form = QFormLayout(hold)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.delay_form = QComboBox(hold)
        self.delay_form.setAccessibleName("Law-enforcement delay request")
        for value, text in DELAY_CHOICES:
            self.delay_form.addItem(text, value)
        self._row(form, "Re&quest", self.delay_form, "law_enforcement_delay")
        self.delay_requested = DateField("Delay requested on", hold, date_format)
        self._row(form, "Req&uested on", self.delay_requested, "law_enforcement_delay.requested")
        self.delay_until = DateField("Delay until", hold, date_format)
        self.delay_until.line.setToolTip("Empty when the request gave no end date")
        self._row(form, "Unti&l", self.delay_until, "law_enforcement_delay.until")
        outer.addWidget(hold)

        # ------------------------------------------------------------ data
        data = QGroupBox("Data involved", self)
        data_layout = QVBoxLayout(data)
        data_layout.setSpacing(2)
        self.elements: dict[DataElement, QCheckBox] = {}
        for element in DataElement:
            box = QCheckBox(data)
            box.setAccessibleName(f"Data element: {element.label}")
            box.setToolTip(f"{element.label} ({element.value})")
            self.elements[element] = box
            data_layout.addLayout(wrapped_check(box, element.label, data))
        self._add_problem(data_layout, "data_elements")
        self.encrypted = QCheckBox("Data was encr&ypted", data)
        self.encrypted.setAccessibleName("Data was encrypted")
        self.key_compromised = QCheckBox("The encryption &key was taken too", data)
        self.key_compromised.setAccessibleName("Encryption key was taken")
        data_layout.addSpacing(6)
        data_layout.addWidget(self.encrypted)
        data_layout.addWidget(self.key_compromised)
        outer.addWidget(data)

        # ------------------------------------------------------------ people
        people = QGroupBox("People and source", self)
        form = QFormLayout(people)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.total = QLineEdit(people)
        self.total.setAccessibleName("Total affected")
        self.total.setPlaceholderText("empty: the sum of the counts by state")
        self.total.setValidator(QIntValidator(0, 2_000_000_000, self.total))
        self._row(form, "Total &affected", self.total, "total_affected")
        self.source = QComboBox(people)
        self.source.setAccessibleName("Source of the breach")
        for value, text in SOURCE_CHOICES:
            self.source.addItem(text, value)
        self.source.setToolTip(
            "Were your (or your vendor's) systems breached? Some credit-monitoring duties fall only on the source."
        )
        self._row(form, "&Source of breach", self.source, "source_of_breach")
        outer.addWidget(people)

        notes_box = QGroupBox("Notes", self)
        notes_layout = QVBoxLayout(notes_box)
        self.notes = QPlainTextEdit(notes_box)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        notes_layout.addWidget(self.notes)
        outer.addWidget(notes_box)

        # ------------------------------------------------------------ entity facts (issue 14)
        self.entity_facts = EntityFactsForm(self)
        outer.addWidget(self.entity_facts)
        for field, label in self.entity_facts.problem_labels.items():
            self._problem_rows[field] = _ProblemRow(label, [])

        # ------------------------------------------------------------ entity profile (issue 13)
        self.profile = EntityProfileForm(self, date_format)
        outer.addWidget(self.profile)
        for field in (
            "sectors",
            "time_zone",
            "materiality_determined",
            "sec_ag_delay_until",
            *self.profile.instants,
        ):
            self._add_problem(outer, field)

        # ------------------------------------------------------------ decisions
        self.decisions = DecisionsForm(self, date_format, discovered=lambda: self.dates["discovered"].date())
        outer.addWidget(self.decisions)
        self._add_problem(outer, "decisions")
        outer.addStretch(1)

        # ------------------------------------------------------------ signals
        self.name.textEdited.connect(self._edited)
        self.role.currentIndexChanged.connect(self._edited)
        for widget in (*self.dates.values(), self.delay_requested, self.delay_until):
            widget.edited.connect(self._edited)
        self.delay_form.currentIndexChanged.connect(self._edited)
        for box in self.elements.values():
            box.toggled.connect(self._edited)
        self.encrypted.toggled.connect(self._edited)
        self.key_compromised.toggled.connect(self._edited)
        self.total.textEdited.connect(self._edited)
        self.source.currentIndexChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.decisions.changed.connect(self._edited)
        self.profile.changed.connect(self._edited)
        self.entity_facts.changed.connect(self._edited)
        self.notes.textChanged.connect(self._fit_notes_wrap)
        self._sync_enabled()

    # ----------------------------------------------------------------- layout helpers

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        title = QLabel(label, widget.parentWidget())
        title.setBuddy(widget.focusProxy() or widget)
        form.addRow(title, widget)
        problem = self._problem_label(widget.parentWidget(), field)
        form.addRow("", problem)
        form.setRowVisible(problem, False)
        self._problem_rows[field] = _ProblemRow(problem, [])
        problem.form_layout_ref = form  # type: ignore[attr-defined]

    def _problem_label(self, parent: QWidget | None, field: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName("fieldProblem")
        label.setWordWrap(True)
        label.setAccessibleName(f"Problem with {field.replace('_', ' ')}")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _add_problem(self, layout: QVBoxLayout, field: str) -> None:
        label = self._problem_label(self, field)
        label.setVisible(False)
        layout.addWidget(label)
        self._problem_rows[field] = _ProblemRow(label, [])

    # ----------------------------------------------------------------- values

    def _edited(self, *_args: object) -> None:
        self._sync_enabled()
        if not self._loading:
            self.changed.emit()

    def _sync_enabled(self) -> None:
        held = self._delay_form() is not None
        self.delay_requested.setEnabled(held)
        self.delay_until.setEnabled(held)
        self.key_compromised.setEnabled(self.encrypted.isChecked())

    def _fit_notes_wrap_for(self, text: str) -> None:
        """The wrap mode for ``text``, set before it is shown (the layout is the slow part)."""
        long_run = _LONG_RUN.search(text) is not None
        mode = (
            QTextOption.WrapMode.WrapAnywhere
            if long_run
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        if self.notes.wordWrapMode() != mode:
            self.notes.setWordWrapMode(mode)

    def _as_loaded(self, field: str, shown: str) -> str:
        """``shown``, or the text as loaded while the widget still shows what was loaded."""
        loaded = self._loaded_text.get(field)
        return loaded[1] if loaded is not None and loaded[0] == shown else shown

    def _fit_notes_wrap(self) -> None:
        """Wrap anywhere while the notes hold a long run with no space, else at words.

        Qt lays out a line with no break opportunity in time that grows with the square of
        its length: a note of one 1 MB line took 174 s to open (issue 15), 0.3 s wrapped
        anywhere. Ordinary notes keep whole words.
        """
        self._fit_notes_wrap_for(self.notes.toPlainText())

    def _delay_form(self) -> str | None:
        """The chosen law-enforcement request, read from the index, not ``currentData()``.

        PySide6 6.12.0 drops a reference to ``None`` whenever ``currentData()`` returns None
        (issue 15: the app aborted after ~450 keystrokes); this runs on every keystroke, so it
        maps the index through our own table instead, whatever PySide6 release is installed.
        """
        return DELAY_CHOICES[max(self.delay_form.currentIndex(), 0)][0]

    def set_incident(self, incident: Incident) -> None:
        """Show ``incident`` in the fields without emitting ``changed``."""
        self._loading = True
        try:
            self.name.setText(incident.name)
            # A long name opens at its start: setText leaves the cursor, and the view, at the
            # end ("...tomer-support ticket system" in the walkthrough's screenshot).
            self.name.setCursorPosition(0)
            self._loaded_text["name"] = (self.name.text(), incident.name)
            self.role.setCurrentIndex(self.role.findData(incident.entity_role.value))
            for field, widget in self.dates.items():
                widget.set_date(getattr(incident, field))
            delay = incident.law_enforcement_delay
            self.delay_form.setCurrentIndex(self.delay_form.findData(delay.form if delay else None))
            self.delay_requested.set_date(delay.requested if delay else None)
            self.delay_until.set_date(delay.until if delay else None)
            for element, box in self.elements.items():
                box.setChecked(element in incident.data_elements)
            self.encrypted.setChecked(incident.encrypted)
            self.key_compromised.setChecked(incident.key_compromised)
            self.total.setText("" if incident.total_affected is None else str(incident.total_affected))
            index = next(
                i for i, (value, _t) in enumerate(SOURCE_CHOICES) if value is incident.source_of_breach
            )
            self.source.setCurrentIndex(index)
            self._fit_notes_wrap_for(incident.notes)
            self.notes.setPlainText(incident.notes)
            self.decisions.set_facts(incident)
            self.profile.set_facts(incident)
            self.entity_facts.set_facts(incident.entity)
            self._loaded_text["notes"] = (self.notes.toPlainText(), incident.notes)
        finally:
            self._loading = False
        self._sync_enabled()

    def incident(self, residents: dict[str, int | None] | None = None) -> Incident:
        """The incident the fields describe; dates that are not dates count as empty."""
        delay = None
        form = self._delay_form()
        requested = self.delay_requested.date()
        if form is not None and requested is not None:
            delay = LawEnforcementDelay(form=form, requested=requested, until=self.delay_until.date())
        total_text = self.total.text().strip()
        encrypted = self.encrypted.isChecked()
        return Incident(
            name=self._as_loaded("name", self.name.text()),
            entity_role=list(EntityRole)[max(self.role.currentIndex(), 0)],
            **{field: widget.date() for field, widget in self.dates.items()},
            law_enforcement_delay=delay,
            data_elements=frozenset(e for e, box in self.elements.items() if box.isChecked()),
            encrypted=encrypted,
            key_compromised=encrypted and self.key_compromised.isChecked(),
            source_of_breach=SOURCE_CHOICES[max(self.source.currentIndex(), 0)][0],
            residents=residents or {},
            total_affected=int(total_text) if total_text.isdigit() else None,
            notes=self._as_loaded("notes", self.notes.toPlainText()),
            **self.decisions.facts(),
            **self.profile.facts(),
            entity=self.entity_facts.facts(),
        )

    def set_date_format(self, fmt: str) -> None:
        self._date_format = fmt
        for widget in self.date_fields():
            widget.set_date_format(fmt)

    def date_fields(self) -> Iterable[DateField]:
        return (
            *self.dates.values(),
            self.delay_requested,
            self.delay_until,
            *self.decisions.date_fields(),
            *self.profile.date_fields(),
        )

    # ----------------------------------------------------------------- problems

    def form_problems(self) -> list[FieldProblem]:
        """Problems only the form can see: unreadable dates, a hold without its date."""
        out: list[FieldProblem] = []
        for field, widget in self.dates.items():
            if not widget.is_valid():
                out.append(FieldProblem(field, f"{widget.problem()}; nothing is planned from it"))
        if self._delay_form() is not None:
            if not self.delay_requested.is_valid():
                out.append(FieldProblem("law_enforcement_delay.requested", self.delay_requested.problem()))
            elif self.delay_requested.date() is None:
                out.append(
                    FieldProblem(
                        "law_enforcement_delay.requested",
                        "enter the day the hold was requested; until then the hold is not applied",
                    )
                )
            if not self.delay_until.is_valid():
                out.append(FieldProblem("law_enforcement_delay.until", self.delay_until.problem()))
        out.extend(self.profile.problems())
        out.extend(self.entity_facts.problems())
        for widget in self.decisions.date_fields():
            if not widget.is_valid():
                name = widget.line.accessibleName()
                out.append(FieldProblem("decisions", f"{name}: {widget.problem()}; it is saved as empty"))
        return out

    def form_problems_text_only(self) -> list[str]:
        """Fields whose text is saved as empty (not a date, or an entity fact the core
        refuses): 'Discovered: "2026-1"'. Saving asks first, and they make the window dirty."""
        return [
            *(
                f"{widget.line.accessibleName()}: {widget.text()!r}"
                for widget in self.date_fields()
                if not widget.is_valid()
            ),
            *self.entity_facts.refused_text(),
        ]

    def show_problems(self, problems: Iterable[FieldProblem]) -> None:
        """Show each problem under its field; clear the others."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            field = problem.field if problem.field in self._problem_rows else "name"
            by_field.setdefault(field, []).append(dated(problem.message, self._date_format))
        for field, row in self._problem_rows.items():
            messages = by_field.get(field, [])
            row.messages = messages
            row.label.setText("\n".join(f"\u26a0 {m}" for m in messages))
            layout = getattr(row.label, "form_layout_ref", None)
            if isinstance(layout, QFormLayout):
                layout.setRowVisible(row.label, bool(messages))
            else:
                row.label.setVisible(bool(messages))

    def problem_text(self, field: str) -> str:
        row = self._problem_rows.get(field)
        return "\n".join(row.messages) if row else ""
