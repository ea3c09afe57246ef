"""The decisions that change what is owed: who the entity is, facts one notice turns on,
the HIPAA four-factor risk assessment, and state no-risk-of-harm determinations.

Each input sits beside the words that make it count: the four factors of 45 CFR
164.402(2) beside the assessment, and, for the state a determination is made under, that
statute's own conditions and the duties it attaches (from the rule file in force on the
discovery date). Every answer starts as "not answered", which the plan treats as a
question, never as yes or no. The form keeps every decision it was given, including ones
it does not show (an earlier HIPAA assessment), so saving never drops a recorded fact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.model import (
    HIPAA_FACTORS,
    Circumstance,
    Decision,
    DecisionKind,
    EntityAttribute,
    Incident,
    Rulebook,
)
from notifyplanner.places import ALL_USPS_CODES
from ui.date_field import DateField
from ui.dates import ISO

ANSWERS: tuple[tuple[bool | None, str], ...] = ((None, "Not answered"), (True, "Yes"), (False, "No"))
HIPAA_CONCLUSIONS: tuple[tuple[str | None, str], ...] = (
    (None, "No assessment recorded"),
    ("notify", "Notify: a low probability of compromise is not shown"),
    ("no_notice", "No notice: low probability that the PHI was compromised"),
)
STATE_CONCLUSIONS: tuple[tuple[str, str], ...] = (
    ("no_notice", "No notice: harm not reasonably likely"),
    ("notify", "Notify"),
)
HIPAA_TEXT = (
    "45 CFR 164.402(2): an impermissible use or disclosure of PHI is presumed a breach unless the "
    "covered entity or business associate demonstrates a low probability that the PHI has been "
    "compromised, based on a risk assessment of at least these four factors. The entity bears the "
    "burden of proof (164.414(b)) and keeps the documentation six years (164.530(j))."
)
COLUMNS = ("Under the law of", "Conclusion", "Date", "By", "Law enforcement consulted")


def _answer_box(parent: QWidget, accessible: str, value: bool | None = None) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(accessible)
    for answer, text in ANSWERS:
        box.addItem(text, answer)
    box.setCurrentIndex(box.findData(value))
    return box


def _labelled(column: QVBoxLayout, text: str, widget: QWidget) -> None:
    """A word-wrapped question above its field: long statutory wording stays readable."""
    label = _wrapped(text, widget.parentWidget())
    label.setBuddy(widget)
    column.addWidget(label)
    column.addWidget(widget)


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DecisionsForm(QWidget):
    """Edits entity attributes, circumstances and decisions; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        date_format: str = ISO,
        discovered: Callable[[], date | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._loading = False
        self._date_format = date_format
        self._discovered = discovered
        self._rulebook: Rulebook | None = None
        self._earlier_hipaa: tuple[Decision, ...] = ()
        self._row_factors: dict[int, tuple[tuple[str, str], ...]] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # ------------------------------------------------------------ who and what
        facts = QGroupBox("Entity and circumstances", self)
        column = QVBoxLayout(facts)
        self.attributes: dict[EntityAttribute, QComboBox] = {}
        for attribute in EntityAttribute:
            box = _answer_box(facts, attribute.label)
            self.attributes[attribute] = box
            _labelled(column, attribute.label, box)
        self.circumstances: dict[Circumstance, QComboBox] = {}
        for circumstance in Circumstance:
            box = _answer_box(facts, circumstance.question)
            self.circumstances[circumstance] = box
            _labelled(column, circumstance.question, box)
        outer.addWidget(facts)

        # ------------------------------------------------------------ HIPAA
        hipaa = QGroupBox("HIPAA four-factor risk assessment", self)
        column = QVBoxLayout(hipaa)
        column.addWidget(_wrapped(HIPAA_TEXT, hipaa))
        form = QFormLayout()
        column.addLayout(form)
        self.hipaa_conclusion = QComboBox(hipaa)
        self.hipaa_conclusion.setAccessibleName("HIPAA risk assessment conclusion")
        for value, text in HIPAA_CONCLUSIONS:
            self.hipaa_conclusion.addItem(text, value)
        form.addRow("Conclusion", self.hipaa_conclusion)
        self.hipaa_date = DateField("HIPAA risk assessment date", hipaa, date_format)
        form.addRow("Date", self.hipaa_date)
        self.hipaa_by = QLineEdit(hipaa)
        self.hipaa_by.setAccessibleName("HIPAA risk assessment made by")
        form.addRow("By", self.hipaa_by)
        self.factors: dict[str, QLineEdit] = {}
        for key, words in HIPAA_FACTORS.items():
            line = QLineEdit(hipaa)
            line.setAccessibleName(f"Finding: {words}")
            line.setPlaceholderText("Finding and the evidence for it")
            self.factors[key] = line
            _labelled(column, words, line)
        outer.addWidget(hipaa)

        # ------------------------------------------------------------ states
        states = QGroupBox("State risk-of-harm determinations", self)
        layout = QVBoxLayout(states)
        self.table = QTableWidget(0, len(COLUMNS), states)
        self.table.setAccessibleName("State risk-of-harm determinations")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        for index, width in enumerate((170, 200, 150, 110)):
            self.table.setColumnWidth(index, width)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add determination", states)
        self.remove_button = QPushButton("Remove", states)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.conditions = _wrapped("Select a determination to see the statute's conditions.", states)
        self.conditions.setAccessibleName("The statute's conditions for the selected determination")
        layout.addWidget(self.conditions)
        outer.addWidget(states)

        for box in (*self.attributes.values(), *self.circumstances.values(), self.hipaa_conclusion):
            box.currentIndexChanged.connect(self._edited)
        self.hipaa_date.edited.connect(self._edited)
        self.hipaa_by.textEdited.connect(self._edited)
        for line in self.factors.values():
            line.textEdited.connect(self._edited)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.table.currentCellChanged.connect(lambda *_a: self.show_conditions())

    # ----------------------------------------------------------------- wiring

    def set_rulebook(self, rulebook: Rulebook) -> None:
        """The rules whose conditions are shown beside a determination."""
        self._rulebook = rulebook
        self.show_conditions()

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.show_conditions()
            self.changed.emit()

    def _add_clicked(self) -> None:
        self.add_determination(Decision("all_states", DecisionKind.NO_RISK_OF_HARM, "no_notice"))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self._edited()

    def _remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._edited()

    # ----------------------------------------------------------------- rows

    def add_determination(self, decision: Decision) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        scope = QComboBox(self.table)
        scope.setAccessibleName("Determination under the law of")
        scope.addItem("Every state with such an exception", "all_states")
        for code, name in sorted(ALL_USPS_CODES.items()):
            scope.addItem(f"{code} ({name})", code)
        if scope.findData(decision.scope) < 0:
            scope.addItem(decision.scope, decision.scope)  # kept as recorded, never dropped
        scope.setCurrentIndex(scope.findData(decision.scope))
        self._row_factors[id(scope)] = decision.factors  # not edited here, never dropped
        conclusion = QComboBox(self.table)
        conclusion.setAccessibleName("Determination conclusion")
        for value, text in STATE_CONCLUSIONS:
            conclusion.addItem(text, value)
        conclusion.setCurrentIndex(conclusion.findData(decision.conclusion))
        when = DateField("Determination date", self.table, self._date_format)
        when.set_date(decision.date)
        by = QLineEdit(decision.by, self.table)
        by.setAccessibleName("Determination made by")
        consulted = _answer_box(self.table, "Law enforcement consulted", decision.consulted_law_enforcement)
        for column, widget in enumerate((scope, conclusion, when, by, consulted)):
            self.table.setCellWidget(row, column, widget)
        scope.currentIndexChanged.connect(self._edited)
        conclusion.currentIndexChanged.connect(self._edited)
        consulted.currentIndexChanged.connect(self._edited)
        when.edited.connect(self._edited)
        by.textEdited.connect(self._edited)

    def _row_decision(self, row: int) -> Decision:
        cell: Callable[[int], Any] = lambda column: self.table.cellWidget(row, column)  # noqa: E731
        return Decision(
            scope=cell(0).currentData(),
            kind=DecisionKind.NO_RISK_OF_HARM,
            conclusion=cell(1).currentData(),
            date=cell(2).date(),
            by=cell(3).text(),
            factors=self._row_factors.get(id(cell(0)), ()),
            consulted_law_enforcement=cell(4).currentData(),
        )

    def show_conditions(self) -> None:
        """The statute's conditions for the selected determination, from the rules in force
        on the discovery date (the latest rules while it is not entered)."""
        row = self.table.currentRow()
        if row < 0 or self._rulebook is None:
            return
        scope = self._row_decision(row).scope
        if scope == "all_states":
            self.conditions.setText(
                "Counts only in states whose statute has a risk-of-harm exception, and there only "
                "on that statute's conditions; the plan says where it does not count. Each state's "
                "conditions show when it is chosen here."
            )
            return
        jurisdiction = self._rulebook.get(scope)
        if jurisdiction is None:
            self.conditions.setText(f"No rules for {scope}.")
            return
        day = self._discovered()
        version = (jurisdiction.version_on(day) if day else None) or jurisdiction.latest
        roh = version.risk_of_harm
        lines = [
            f"{jurisdiction.name}, {roh.citation.cite} (rules in force from "
            f"{version.effective_from.isoformat()}): "
            + (
                "has a risk-of-harm exception."
                if roh.exception
                else "has NO risk-of-harm exception; a determination does not count."
            ),
            roh.conditions,
        ]
        if roh.requires_law_enforcement_consultation:
            lines.append("Counts only after consulting law enforcement: answer that column.")
        for duty in roh.duties:
            lines.append(f"Duty: {duty.office}. {duty.text} ({duty.citation.cite})")
        self.conditions.setText("\n".join(line for line in lines if line))

    # ----------------------------------------------------------------- values

    def set_facts(self, incident: Incident) -> None:
        """Show the incident's attributes, circumstances and decisions without emitting."""
        self._loading = True
        try:
            for attribute, box in self.attributes.items():
                box.setCurrentIndex(box.findData(incident.entity_attributes.get(attribute)))
            for circumstance, box in self.circumstances.items():
                box.setCurrentIndex(box.findData(incident.circumstances.get(circumstance)))
            hipaa = [d for d in incident.decisions if d.kind is DecisionKind.HIPAA_FOUR_FACTOR]
            shown = hipaa[-1] if hipaa else None
            self._earlier_hipaa = tuple(hipaa[:-1])
            self.hipaa_conclusion.setCurrentIndex(
                self.hipaa_conclusion.findData(shown.conclusion if shown else None)
            )
            self.hipaa_date.set_date(shown.date if shown else None)
            self.hipaa_by.setText(shown.by if shown else "")
            found = dict(shown.factors) if shown else {}
            for key, line in self.factors.items():
                line.setText(found.get(key, ""))
            self.table.setRowCount(0)
            self._row_factors.clear()
            for decision in incident.decisions:
                if decision.kind is DecisionKind.NO_RISK_OF_HARM:
                    self.add_determination(decision)
        finally:
            self._loading = False
        self.show_conditions()

    def facts(self) -> dict[str, Any]:
        """The fields as incident keyword arguments. A HIPAA assessment is recorded once a
        conclusion is chosen; its date and findings are kept with it."""
        decisions: list[Decision] = list(self._earlier_hipaa)
        conclusion = self.hipaa_conclusion.currentData()
        if conclusion is not None:
            decisions.append(
                Decision(
                    scope="HIPAA",
                    kind=DecisionKind.HIPAA_FOUR_FACTOR,
                    conclusion=conclusion,
                    date=self.hipaa_date.date(),
                    by=self.hipaa_by.text(),
                    factors=tuple(sorted((k, w.text()) for k, w in self.factors.items() if w.text())),
                )
            )
        decisions.extend(self._row_decision(row) for row in range(self.table.rowCount()))
        return {
            "entity_attributes": {
                a: box.currentData() for a, box in self.attributes.items() if box.currentData() is not None
            },
            "circumstances": {
                c: box.currentData() for c, box in self.circumstances.items() if box.currentData() is not None
            },
            "decisions": tuple(decisions),
        }

    def date_fields(self) -> list[DateField]:
        fields = [self.hipaa_date]
        fields.extend(self.table.cellWidget(row, 2) for row in range(self.table.rowCount()))  # type: ignore[misc]
        return fields
