"""How every read-only list in the window looks and behaves: the plan, the credit duties,
the register, the HHS log and the audit log. One place, so a change of row height or
selection rule reaches every table alike."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget


def compact_rows(view: QTableView) -> None:
    """Rows one text line high: more notices visible at 1366x768 without scrolling."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


def list_table(parent: QWidget | None, model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time, one line per row."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    compact_rows(table)
    table.setWordWrap(False)
    return table


def filter_field(parent: QWidget | None, placeholder: str, name: str) -> QLineEdit:
    """The box above a table that narrows its rows as the person types."""
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(name)
    field.setClearButtonEnabled(True)
    return field
