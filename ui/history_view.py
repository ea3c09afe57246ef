"""The History tab: one case's audit log, readable, with each facts version's changes, and Verify.

Why a view of its own: the log is the proof a regulator or a court asks for (45 CFR
164.414(b)); reading it should not need the command line. The view only shows what the
core logged and what ``Register.verify`` answered; it never writes. The head hash is shown
because a copy of it that left the machine is what proves the log was not rewritten since.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from notifyplanner.register.audit import Verification
from notifyplanner.register.records import AuditEntry
from notifyplanner.report import STATUS_WORDS
from ui.register_models import ACTION_WORDS, HistoryModel, local_time
from ui.tables import list_table

_HIDDEN = {"prev", "hash"}


#: A status the core logs by its value ("not_required"), in the words the plan table uses.
_WORDS = {status.value: words for status, words in STATUS_WORDS.items()}


def _value_html(value: Any) -> str:
    if value is None or value == "":
        return "<i>empty</i>"
    if isinstance(value, bool):  # not "True"/"False": the log is read by counsel
        return "yes" if value else "no"
    if isinstance(value, dict):
        if set(value) >= {"from", "to"}:  # a change, as the core logs it
            what = value.get("field") or value.get("key")
            label = f"<b>{escape(str(what))}</b>: " if what else ""
            return f"{label}{_value_html(value['from'])} &rarr; {_value_html(value['to'])}"
        rows = "".join(f"<li><b>{escape(str(k))}</b>: {_value_html(v)}</li>" for k, v in value.items())
        return f"<ul>{rows}</ul>"
    if isinstance(value, list):
        if not value:
            return "<i>none</i>"
        return "<ul>" + "".join(f"<li>{_value_html(v)}</li>" for v in value) + "</ul>"
    return escape(_WORDS.get(value, str(value)) if isinstance(value, str) else str(value))


def entry_html(entry: AuditEntry) -> str:
    """An entry as a page: what, who, when, then every detail the core logged (the diff too)."""
    what = ACTION_WORDS.get(entry.action, entry.action.replace("_", " "))
    parts = [
        f"<h3>{entry.seq}. {escape(what)}</h3>",
        f"<p>{escape(local_time(entry.at))} by <b>{escape(entry.who)}</b></p>",
    ]
    detail = dict(entry.detail or {})
    if "changes" in detail:
        parts.append(f"<h4>Facts changed</h4>{_value_html(detail.pop('changes'))}")
    plan = detail.pop("plan", None)
    if isinstance(plan, dict):
        sections = [
            (title, plan.get(name))
            for name, title in (
                ("added", "Notices added"),
                ("dropped", "Notices dropped"),
                ("deadlines_moved", "Deadlines moved"),
                ("status_changed", "Status changed"),
            )
            if plan.get(name)
        ]
        body = "".join(f"<p><b>{t}</b></p>{_value_html(v)}" for t, v in sections)
        parts.append(
            f"<h4>What changed in the plan</h4>{body or '<p>Nothing: the same notices and dates.</p>'}"
        )
    if detail:
        rows = "".join(
            f"<tr><td><b>{escape(str(k).replace('_', ' '))}</b></td><td>{_value_html(v)}</td></tr>"
            for k, v in sorted(detail.items())
            if k not in _HIDDEN
        )
        parts.append(f"<table cellspacing='4'>{rows}</table>")
    parts.append(
        f"<p style='color:#5f6368'>entry hash {escape(entry.hash)}<br>previous {escape(entry.prev)}</p>"
    )
    return "".join(parts)


class HistoryView(QWidget):
    """The log as a table, the selected entry below, the head hash and Verify above."""

    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.head = QLabel(self)
        self.head.setObjectName("logHead")
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.head.setAccessibleName("Log head hash")
        self.verify_button = QPushButton("Verify log", self)
        self.verify_button.setToolTip("Recompute the hash chain and name the first entry that does not fit")
        row.addWidget(self.head, 1)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.result = QLabel(self)
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Verification result")
        layout.addWidget(self.result)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = HistoryModel(self)
        self.table = list_table(split, self.model, "Audit log")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.entry = QTextBrowser(split)
        self.entry.setAccessibleName("Log entry")
        self.entry.setOpenLinks(False)
        split.addWidget(self.table)
        split.addWidget(self.entry)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.verify_button.clicked.connect(self.verify_requested)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.show_entries((), "")

    def show_entries(self, entries: tuple[AuditEntry, ...] | list[AuditEntry], head: str) -> None:
        self.model.set_entries(entries)
        self.result.setText("")
        if not entries and not head:
            self.head.setText("No log: this incident is not in the register yet. Save it to start one.")
            self.verify_button.setEnabled(False)
            self.entry.setHtml("")
            return
        self.verify_button.setEnabled(True)
        self.head.setText(f"{len(entries)} entries &middot; head hash <tt>{escape(head)}</tt>")
        if entries:
            last = self.model.index(len(entries) - 1, 0)
            self.table.setCurrentIndex(last)
            self.table.scrollTo(last)

    def show_verification(self, outcome: Verification) -> None:
        self.model.set_first_bad(outcome.first_bad)
        self.result.setProperty("ok", outcome.ok)
        if outcome.ok:
            self.result.setText(f"\u2714 Log intact: {outcome.entries} entries, head {outcome.head}.")
            self.result.setStyleSheet("color: #124a1c")
        else:
            self.result.setText(f"\u2716 Log broken at entry {outcome.first_bad}: {outcome.problem}.")
            self.result.setStyleSheet("color: #7a0010; font-weight: bold")
            if outcome.first_bad is not None and 0 < outcome.first_bad <= self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(outcome.first_bad - 1, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entry.setHtml(entry_html(self.model.entry(current.row())))
