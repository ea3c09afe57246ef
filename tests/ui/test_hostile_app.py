"""The app's Open, launch and crash-recovery paths against hostile files (issue 15).

Whatever a file holds, the window survives, the problem is reported with its field, the
open incident is kept, and a recovered autosave that cannot be opened never comes back.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from notifyplanner.cli import SAMPLE_INCIDENT
from notifyplanner.incident_file import MAX_PEOPLE, read_incident, write_incident
from notifyplanner.model import DataElement, EntityRole, Incident, LawEnforcementDelay
from notifyplanner.places import JURISDICTIONS
from notifyplanner.safe_read import EARLIEST_DATE, LATEST_DATE
from tests.ui.conftest import Dialogs
from ui.files import Autosave, process_started
from ui.main_window import MainWindow

SAMPLE = json.loads(SAMPLE_INCIDENT.read_text(encoding="utf-8"))
OPEN = Incident(
    name="open case", discovered=date(2026, 9, 1), data_elements={DataElement.SSN}, residents={"TX": 9}
)


def orphan(directory: Path, text: str, pid: int = 999_999_999, meta: dict | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"autosave-{pid}.json"
    path.write_text(text, encoding="utf-8")
    record = {"source": None, "saved": "2026-10-01T10:00:00", "pid": pid, **(meta or {})}
    path.with_suffix(".meta").write_text(json.dumps(record), encoding="utf-8")
    return path


def test_a_year_9999_autosave_is_reported_once_and_kept_aside(make_window, dialogs: Dialogs) -> None:
    first = make_window()
    first.set_incident(OPEN, None, saved=False)
    path = orphan(first.autosave.directory, json.dumps({**SAMPLE, "discovered": "9999-12-31"}))
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert not first.offer_recovery()
    assert dialogs.titles() == ["Recover unsaved changes?", "Autosave not recovered"]
    assert "discovered" in dialogs.calls[-1][2]
    assert first.current_incident() == OPEN  # the window's incident is kept
    assert not path.exists()
    kept = list(first.autosave.directory.glob("damaged-*.json"))
    assert len(kept) == 1 and "9999-12-31" in kept[0].read_text(encoding="utf-8")  # kept, not deleted
    dialogs.calls.clear()
    assert not make_window().offer_recovery()  # never offered again
    assert dialogs.calls == []


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"format": "notifyplanner-incident", "version": 1', "\ud800", "", "{}"],
    ids=["deep", "truncated", "surrogate", "empty", "empty-object"],
)
def test_any_damaged_autosave_is_set_aside(make_window, dialogs: Dialogs, text: str) -> None:
    window = make_window()
    orphan(window.autosave.directory, text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert not window.offer_recovery()
    assert dialogs.titles()[-1] == "Autosave not recovered"
    assert window.autosave.orphans() == []


def test_a_recovery_the_app_died_in_is_set_aside_without_asking(make_window, dialogs: Dialogs) -> None:
    """Were the app killed while reading the autosave, the next start must not retry it."""
    window = make_window()
    directory = window.autosave.directory
    path = orphan(directory, json.dumps(SAMPLE))
    Autosave.claim(Autosave(directory).orphans()[0])  # what a recovery does before reading
    assert not path.exists() and list(directory.glob("recovering-*.json"))
    assert not window.offer_recovery()
    assert dialogs.titles() == ["Autosave not recovered"]
    assert list(directory.glob("damaged-*.json")) and not list(directory.glob("recovering-*"))


@pytest.mark.skipif(process_started(os.getpid()) is None, reason="needs /proc to tell processes apart")
def test_an_autosave_whose_pid_now_belongs_to_another_process_is_offered(tmp_path: Path) -> None:
    """The writer crashed and its pid was reused: the live process is not the writer."""
    other = os.getppid()  # alive, and not the process that wrote the autosave
    orphan(tmp_path, json.dumps(SAMPLE), pid=other, meta={"started": "1"})
    assert [r.path.name for r in Autosave(tmp_path).orphans()] == [f"autosave-{other}.json"]


@pytest.mark.skipif(process_started(os.getpid()) is None, reason="needs /proc to tell processes apart")
def test_an_autosave_of_a_running_window_is_not_offered(tmp_path: Path) -> None:
    other = os.getppid()
    orphan(tmp_path, json.dumps(SAMPLE), pid=other, meta={"started": process_started(other)})
    assert Autosave(tmp_path).orphans() == []


def test_the_app_starts_on_a_hostile_file_and_a_damaged_autosave(
    qtbot, settings, tmp_path: Path, dialogs: Dialogs
) -> None:
    from ui.app import build_window

    fifo = tmp_path / "incident.json"
    os.mkfifo(fifo)
    orphan(tmp_path / "auto", json.dumps({**SAMPLE, "discovered": "9999-12-31"}))
    dialogs.answer = QMessageBox.StandardButton.Yes
    window = build_window(
        fifo, True, settings=settings, autosave_dir=tmp_path / "auto", today=lambda: date(2026, 10, 12)
    )
    qtbot.addWidget(window)
    assert dialogs.titles() == [
        "Cannot open the incident",
        "Recover unsaved changes?",
        "Autosave not recovered",
    ]
    assert "named pipe" in dialogs.calls[0][2]
    assert window.current_plan() is not None
    window._saved = window._incident


def test_typing_year_9999_is_a_form_problem_not_a_crash(qtbot, window: MainWindow) -> None:
    line = window.form.dates["discovered"].line
    line.clear()
    qtbot.keyClicks(line, "9999-12-31")
    assert "outside the dates" in window.form.problem_text("discovered")
    assert window.current_incident().discovered is None
    window.on_minute()  # the autosave holds nothing a later start cannot open
    assert read_incident(window.autosave.path, check=False).discovered is None


HOSTILE = [
    "[" * 50_000,
    json.dumps({**SAMPLE, "discovered": "9999-12-31"}),
    json.dumps({**SAMPLE, "name": "\ud800"}),
    json.dumps({**SAMPLE, "total_affected": 10**30}),
    json.dumps({**SAMPLE, "version": True}),
    json.dumps({**SAMPLE, "notes": "\x00\x01\x1b" * 10}),
]


def test_open_keeps_the_incident_through_a_batch_of_hostile_files(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    window.set_incident(OPEN, None)
    for i, text in enumerate(HOSTILE * 3):
        path = tmp_path / f"h{i}.json"
        path.write_text(text, encoding="utf-8")
        opened = window.open_file(path, ask=False)
        if not opened:
            assert window.current_incident() == OPEN
            assert dialogs.titles()[-1] == "Cannot open the incident"
        else:
            window.set_incident(OPEN, None)
    assert sum(t == "Cannot open the incident" for t in dialogs.titles()) == 15


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(["9999-12-31", "TX"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(SAMPLE)), value=json_values)
def test_open_any_value_in_any_field_never_raises(window, dialogs, tmp_path_factory, field, value) -> None:
    window.set_incident(OPEN, None)
    path = tmp_path_factory.mktemp("open") / "case.json"
    path.write_text(json.dumps({**SAMPLE, field: value}), encoding="utf-8")
    if not window.open_file(path, ask=False):
        assert window.current_incident() == OPEN
        assert field in dialogs.calls[-1][2]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(SAMPLE)), value=json_values)
def test_recovery_of_any_autosave_never_raises(make_window, dialogs, tmp_path_factory, field, value) -> None:
    window = make_window()
    window.autosave = Autosave(tmp_path_factory.mktemp("auto"))
    orphan(window.autosave.directory, json.dumps({**SAMPLE, field: value}))
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.offer_recovery()
    assert window.autosave.orphans() == []  # recovered or set aside: never offered again
    window._saved = window._incident


# --------------------------------------------------------------------------- other slots


def test_a_roster_bomb_import_is_reported_and_the_window_lives(
    qtbot, window: MainWindow, dialogs, tmp_path
) -> None:
    """The count runs in a worker process: even a reader abort is one message."""
    from tests.xlsx_bombs import write_xlsx

    window.residents_model.set_residents({"FL": 10})
    path = write_xlsx(tmp_path / "bomb.xlsx", [("A1", "State"), ("A2", "TX"), ("XFD1048576", "x")])
    task = window.roster_import(path).start()
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=60000):
        pass
    assert dialogs.titles() == ["Cannot count the list"]
    assert "bomb.xlsx" in dialogs.calls[0][2]
    assert window.residents_model.residents() == {"FL": 10}


def test_a_rules_folder_with_a_fifo_keeps_the_rules_in_use(window: MainWindow, dialogs, tmp_path) -> None:
    import shutil

    from notifyplanner.rulebook import BUNDLED_RULES

    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(BUNDLED_RULES / "hipaa.json", folder / "hipaa.json")
    os.mkfifo(folder / "tx.json")
    before = window.rulebook
    window.settings.rules_folder = str(folder)
    assert not window.reload_rules()
    assert window.rulebook is before
    assert "named pipe" in dialogs.calls[-1][2]


def test_pasting_a_number_of_thousands_of_digits_is_reported_not_raised(window: MainWindow, dialogs) -> None:
    window.residents_model.set_residents({"FL": 10})
    window.paste_text("State\tCount\nTexas\t" + "9" * 5000 + "\nCalifornia\t12\n")
    assert window.residents_model.residents().get("FL") in (10, None)
    for _kind, _title, text in dialogs.calls:
        assert len(text) < 2000


def test_a_one_line_megabyte_note_wraps_anywhere(window: MainWindow) -> None:
    """Laid out at word boundaries, a 1 MB line without spaces took 174 s to open."""
    from PySide6.QtGui import QTextOption

    window.set_incident(Incident(name="x", notes="a" * 1_000_000), None)
    assert window.form.notes.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    window.set_incident(Incident(name="x", notes="ordinary words " * 1000), None)
    assert window.form.notes.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


# --------------------------------------------------------------------------- no silent rewrites

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
dates = st.none() | st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)


@st.composite
def incidents(draw) -> Incident:
    encrypted = draw(st.booleans())
    requested = draw(st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE))
    delay = draw(
        st.none()
        | st.builds(
            LawEnforcementDelay,
            st.sampled_from(["written", "oral"]),
            st.just(requested),
            st.none() | st.dates(min_value=requested, max_value=LATEST_DATE),
        )
    )
    return Incident(
        name=draw(text),
        entity_role=draw(st.sampled_from(list(EntityRole))),
        discovered=draw(dates),
        determined=draw(dates),
        breach_start=draw(dates),
        breach_end=draw(dates),
        vendor_notice=draw(dates),
        individuals_notified=draw(dates),
        law_enforcement_delay=delay,
        data_elements=frozenset(draw(st.sets(st.sampled_from(list(DataElement))))),
        encrypted=encrypted,
        key_compromised=encrypted and draw(st.booleans()),
        source_of_breach=draw(st.none() | st.booleans()),
        residents=draw(
            st.dictionaries(
                st.sampled_from(sorted(JURISDICTIONS)),
                st.none() | st.integers(min_value=0, max_value=MAX_PEOPLE),
                max_size=5,
            )
        ),
        total_affected=draw(st.none() | st.integers(min_value=0, max_value=MAX_PEOPLE)),
        notes=draw(text),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(incident=incidents())
def test_opening_a_file_never_rewrites_a_value(
    window: MainWindow, tmp_path_factory, incident: Incident
) -> None:
    """What the form shows, unedited, is what was in the file: saving it changes nothing."""
    path = tmp_path_factory.mktemp("rt") / "case.json"
    write_incident(incident, path)
    assert window.open_file(path, ask=False)
    assert window.current_incident() == read_incident(path, check=False)
    assert not window.is_dirty()
