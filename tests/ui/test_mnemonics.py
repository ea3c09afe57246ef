"""Alt mnemonics: one letter, one place, in every window and dialog (issue 12 fix 7).

Alt+N reached Name, Breach ended and Show not required, and a second Alt+N landed in Name
so a typed date overwrote the incident's name. Qt fires a mnemonic only for a visible
widget, so two widgets may share a letter only when they can never be visible together:
on different pages of one tab widget (or stacked widget). Everything else in a window (the
menu bar's titles, tab bars, buttons, check boxes, labels with buddies) has a letter of its
own; the items of one menu have letters unique within that menu.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from notifyplanner.register.records import NoticeAction
from tests.ui.test_issue12_view import SAMPLE
from ui.dialogs import ColumnPickerDialog, PreferencesDialog, RosterPreviewDialog, TextDialog
from ui.main_window import MainWindow
from ui.notice_dialog import NoticeDialog

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def pages(widget: QWidget) -> dict[int, int]:
    """The page of every stacked widget (a tab widget's pages) that ``widget`` sits on."""
    out: dict[int, int] = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            out[shiboken6.getCppPointer(parent)[0]] = parent.indexOf(child)
        child, parent = parent, parent.parentWidget()
    return out


def can_show_together(a: QWidget, b: QWidget) -> bool:
    left, right = pages(a), pages(b)
    return all(left[s] == right[s] for s in left.keys() & right.keys())


def mnemonic_owners(top: QWidget) -> Iterator[tuple[str, str, QWidget]]:
    """(letter, what, widget) for every mnemonic of the window ``top``."""
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.window() is not top:
            continue  # a dialog parented to the window is a window of its own
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        elif widget is top and hasattr(top, "menuBar"):
            texts = [a.text() for a in top.menuBar().actions()]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                yield letter, text, widget


def clashes(top: QWidget) -> list[str]:
    owners = list(mnemonic_owners(top))
    found = []
    for i, (letter, text, widget) in enumerate(owners):
        for other_letter, other_text, other in owners[i + 1 :]:
            if letter == other_letter and can_show_together(widget, other):
                found.append(f"Alt+{letter.upper()}: {text!r} and {other_text!r}")
    return found


def menu_clashes(top: QWidget) -> list[str]:
    found = []
    for menu in top.findChildren(QMenu):
        letters: dict[str, str] = {}
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter and letter in letters:
                found.append(f"{menu.title()}: {letters[letter]!r} and {action.text()!r}")
            elif letter:
                letters[letter] = action.text()
    return found


def buddy_problems(top: QWidget) -> list[str]:
    """A label's mnemonic must land in a field that takes focus, on the label's own page."""
    found = []
    for label in top.findChildren(QLabel):
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and "<" in label.text()
        )
        if label.window() is not top or rich:
            continue  # rich text has no mnemonics
        if not mnemonic(label.text()):
            continue
        buddy = label.buddy()
        if buddy is None:
            found.append(f"{label.text()!r} has a mnemonic and no buddy")
            continue
        target = buddy.focusProxy() or buddy
        if not target.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(f"{label.text()!r} -> {target!r} does not take focus")
        if pages(label) != {k: v for k, v in pages(buddy).items() if k in pages(label)}:
            found.append(f"{label.text()!r} -> its buddy is on another page")
    return found


def window_dialogs(window: MainWindow, tmp: Path) -> list[QWidget]:
    from notifyplanner.roster import count_roster

    current = window.current_plan()
    assert current is not None
    ob = current.obligations[0]

    dialogs: list[QWidget] = [
        PreferencesDialog(window.settings, window, default_register="r.sqlite3", default_user="me"),
        NoticeDialog(ob, today=date(2026, 10, 12), parent=window),
        NoticeDialog(ob, today=date(2026, 10, 12), action=NoticeAction.SKIPPED, parent=window),
        ColumnPickerDialog(["a", "b"], "Which?", window),
        TextDialog("How", "<p>text</p>", window),
    ]
    roster = tmp / "list.csv"
    roster.write_text("name,state\nA,TX\nB,CA\n", encoding="utf-8")
    dialogs.append(RosterPreviewDialog(count_roster(roster), {"TX": 3}, window))
    return dialogs


@pytest.fixture
def full_window(window: MainWindow) -> MainWindow:
    window.set_incident(SAMPLE, None)
    return window


def test_no_two_visible_widgets_of_the_main_window_share_a_mnemonic(full_window: MainWindow) -> None:
    assert clashes(full_window) == []


def test_the_items_of_each_menu_have_letters_of_their_own(full_window: MainWindow) -> None:
    assert menu_clashes(full_window) == []


def test_every_dialog_has_mnemonics_of_its_own(full_window: MainWindow, tmp_path: Path) -> None:
    for dialog in window_dialogs(full_window, tmp_path):
        assert clashes(dialog) == [], dialog.windowTitle()
        assert buddy_problems(dialog) == [], dialog.windowTitle()


def test_labels_lead_to_their_fields(full_window: MainWindow) -> None:
    assert buddy_problems(full_window) == []
    # The form's labels, by what the field says it is (its accessible name).
    expected = {
        "Name": "Incident name",
        "Entity role": "Entity role",
        "Breach began": "Breach began",
        "Breach ended": "Breach ended",
        "Discovered": "Discovered",
        "Determined": "Determined (scope confirmed)",
        "Vendor notice": "Notice from a vendor",
        "Individuals notified": "Individuals notified",
        "HHS notified": "HHS Secretary notified",
        "Total affected": "Total affected",
        "Source of breach": "Source of the breach",
        "Plan as of:": "As of",
    }
    seen = {}
    for label in full_window.findChildren(QLabel):
        if label.buddy() is not None and mnemonic(label.text()):
            target = label.buddy().focusProxy() or label.buddy()
            seen[label.text().replace("&", "")] = target.accessibleName()
    for text, name in expected.items():
        assert seen.get(text) == name, text


def test_the_finder_sees_a_clash(qtbot) -> None:
    # The test above must be able to fail: two check boxes on one page share Alt+N.
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    layout.addWidget(QCheckBox("&Name", top))
    layout.addWidget(QCheckBox("Breach e&nded", top))
    assert clashes(top) == ["Alt+N: '&Name' and 'Breach e&nded'"]
