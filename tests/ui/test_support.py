"""Settings, the rules cache, the lenient reader, autosave and the worker wrapper."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from notifyplanner.incident_file import IncidentError, write_incident
from notifyplanner.model import DataElement, Incident
from ui.files import Autosave, read_incident_keeping
from ui.settings import DEFAULT_DATE_FORMAT, Settings
from ui.worker import Cancelled, Task


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    assert settings.date_format == DEFAULT_DATE_FORMAT
    assert settings.urgency_days == 7
    assert settings.recent_files == []
    settings.date_format = "dd.MM.yyyy"
    settings.urgency_days = 14
    settings.rules_folder = "/tmp/rules"
    settings.add_recent("/a.json")
    settings.add_recent("/b.json")
    settings.add_recent("/a.json")
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.date_format == "dd.MM.yyyy"
    assert again.urgency_days == 14
    assert again.rules_folder == "/tmp/rules"
    assert again.recent_files == ["/a.json", "/b.json"]
    again.date_format = "nonsense"
    assert again.date_format == DEFAULT_DATE_FORMAT


def test_lenient_reader(tmp_path: Path) -> None:
    bad = Incident(
        name="x",
        discovered=date(2026, 9, 1),
        breach_start=date(2026, 9, 20),
        breach_end=date(2026, 9, 10),
        data_elements={DataElement.SSN},
        residents={"TX": 50},
        total_affected=10,
    )
    path = tmp_path / "bad.json"
    write_incident(bad, path)
    incident, problems = read_incident_keeping(path)
    assert incident == bad
    assert {p.field for p in problems} == {"discovered", "breach_end", "total_affected"}
    path.write_text('{"format": "notifyplanner-incident"}')
    with pytest.raises(IncidentError):
        read_incident_keeping(path)


def test_autosave_orphans(tmp_path: Path) -> None:
    saver = Autosave(tmp_path)
    saver.write(Incident(name="mine"), "/x/case.json")
    assert saver.orphans() == []  # our own autosave is not a crash
    orphan = tmp_path / "autosave-999999999.json"
    saver.path.rename(orphan)
    saver.meta.rename(orphan.with_suffix(".meta"))
    found = saver.orphans()
    assert [r.source for r in found] == ["/x/case.json"]
    Autosave.discard(found[0])
    assert saver.orphans() == []


def test_task_success_progress_error_cancel(qtbot) -> None:
    seen: list[float] = []

    def work(progress, cancelled):
        progress(0.5)
        return 42

    task = Task(work)
    task.progress.connect(seen.append)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: seen == [0.5])

    def boom(progress, cancelled):
        raise ValueError("bad file")

    task = Task(boom)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert str(blocker.args[0]) == "bad file"

    gate = threading.Event()

    def slow(progress, cancelled):
        gate.wait(5)
        if cancelled():
            raise Cancelled()
        return "done"

    task = Task(slow)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        task.cancel()
        gate.set()


def test_lenient_reader_still_refuses_damage(tmp_path: Path) -> None:
    from notifyplanner.incident_file import IncidentError

    cases = {
        "twice.json": '"discovered": "2026-09-01", "discovered": "2026-09-02"',
        "not-a-date.json": '"discovered": "2026-13-45"',
        "negative.json": '"total_affected": -5',
    }
    for name, body in cases.items():
        path = tmp_path / name
        path.write_text('{"format": "notifyplanner-incident", "version": 1, "name": "x", ' + body + "}")
        with pytest.raises(IncidentError):
            read_incident_keeping(path)
