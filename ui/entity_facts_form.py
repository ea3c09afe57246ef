"""The incident's ``entity`` facts the letters and regulator filings use (issue 14).

One field per fact, read by the core's own reader (``entity_from_dict``) so the form
refuses exactly what opening the file would refuse, with the same words, under the field.
A value the core would refuse (an e-mail without "@", text over the length limit) is
saved as empty and the message says so: saving it as typed would write a file the
program then cannot open. Text is kept as loaded until the user edits it, because Qt
rewrites line breaks (CR LF becomes LF) and a file opened and saved untouched must not
change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from notifyplanner.incident_entity import FIELD, KEYS, entity_from_dict
from notifyplanner.incident_file import FieldProblem
from notifyplanner.model import EntityFacts

#: (fact, label, hint). Every letter of the alphabet but J already has a field on the
#: incident page (tests/ui/test_mnemonics.py), so these labels carry no Alt letter; Tab
#: reaches them in order after Notes.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("name", "Organisation name", "The name the letters are sent under"),
    ("phone", "Phone", "The number people can call with questions"),
    ("toll_free_phone", "Toll-free phone", "Some states require a toll-free number in the letter"),
    ("email", "E-mail", "An address people can write to (name@example.org)"),
    ("postal_address", "Postal address", "The mailing address the letters give"),
    ("what_happened", "What happened", "A plain description of the incident, as the letters should tell it"),
    ("steps_taken", "Steps taken", "What you have done to contain the breach and protect people"),
)
_MULTI_LINE = frozenset({"postal_address", "what_happened", "steps_taken"})


class _Refused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def problem_of(key: str, value: str) -> str | None:
    """The core's message for ``value`` as the ``entity.key`` fact, or None when it reads."""
    try:
        entity_from_dict({FIELD: {key: value}}, _Refused)
    except _Refused as exc:
        return exc.message
    return None


class EntityFactsForm(QGroupBox):
    """Edits ``Incident.entity``; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your organisation (for the letters)", parent)
        self._loading = False
        self._loaded: dict[str, tuple[str, str]] = {}  # key -> (as shown, as loaded)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        #: ``entity.key`` -> the label the incident form shows that fact's problem in
        self.problem_labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, hint in ROWS:
            widget: QLineEdit | QPlainTextEdit
            if key in _MULTI_LINE:
                widget = QPlainTextEdit(self)
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(52 if key == "postal_address" else 72)
                widget.textChanged.connect(self._edited)
            else:
                widget = QLineEdit(self)
                widget.textEdited.connect(self._edited)
            widget.setAccessibleName(f"{label} (letters)")
            widget.setToolTip(hint)
            self.fields[key] = widget
            title = QLabel(label, self)
            title.setBuddy(widget)
            form.addRow(title, widget)
            problem = QLabel(self)
            problem.setObjectName("fieldProblem")
            problem.setWordWrap(True)
            problem.setAccessibleName(f"Problem with {label.lower()}")
            problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow("", problem)
            form.setRowVisible(problem, False)
            problem.form_layout_ref = form  # type: ignore[attr-defined]  # read by IncidentForm.show_problems
            self.problem_labels[f"{FIELD}.{key}"] = problem

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _shown(self, key: str) -> str:
        widget = self.fields[key]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def _text(self, key: str) -> str:
        """The field's text, or the text as loaded while the field still shows it."""
        shown = self._shown(key)
        loaded = self._loaded.get(key)
        return loaded[1] if loaded is not None and loaded[0] == shown else shown

    def set_facts(self, entity: EntityFacts) -> None:
        """Show ``entity`` without emitting ``changed``."""
        self._loading = True
        try:
            for key, widget in self.fields.items():
                value = getattr(entity, key)
                if isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                else:
                    widget.setText(value)
                self._loaded[key] = (self._shown(key), value)
        finally:
            self._loading = False

    def facts(self) -> EntityFacts:
        """The facts as the fields give them; one the core would refuse is saved as empty."""
        values = {key: self._text(key) for key in KEYS}
        return EntityFacts(**{k: v for k, v in values.items() if problem_of(k, v) is None})

    def refused_text(self) -> list[str]:
        """'E-mail (letters): "privacy at acme"' for each fact saved as empty."""
        return [
            f"{self.fields[key].accessibleName()}: {self._text(key)[:60]!r}"
            for key in KEYS
            if problem_of(key, self._text(key)) is not None
        ]

    def problems(self) -> list[FieldProblem]:
        out = []
        for key in KEYS:
            message = problem_of(key, self._text(key))
            if message is not None:
                out.append(FieldProblem(f"{FIELD}.{key}", f"{message}; it is saved as empty"))
        return out
