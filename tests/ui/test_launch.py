"""The `notifyplanner` program: the app without a command, the core's CLI with one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import launch

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_display_it_prints_the_sample_plan_instead():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "ui.launch"], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("No display found")
    assert "Controlling deadline" in result.stdout


def test_without_a_display_the_sample_is_printed_as_of_the_day_the_app_shows_it():
    """Newcomer's trial: the README's first command printed the fictional October 2026
    sample as of today, every notice weeks overdue ("52 days past"), while the app shows it
    a week after its discovery. Same sample, same day, both ways."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "ui.launch"], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "as of 2026-10-09, a week after its discovery, as the app first shows it" in first
    assert "Controlling deadline: 2026-10-12 (3 days" in result.stdout


def test_headless_launch_loads_no_qt():
    code = (
        "import sys; from ui import launch\n"
        "launch.main(['rules', 'check'])\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("argv", "opened"),
    [
        ([], None),
        (["incident.json"], Path("incident.json")),
        (["app", "x.json"], Path("x.json")),
        (["app"], None),
    ],
)
def test_no_command_or_just_a_file_opens_the_app(monkeypatch, argv, opened):
    seen = []
    monkeypatch.setattr(launch, "open_app", lambda file: seen.append(file) or 0)
    assert launch.main(argv) == 0
    assert seen == [opened]


def test_commands_go_to_the_core_cli(monkeypatch, capsys):
    monkeypatch.setattr(launch, "open_app", lambda file: pytest.fail("the app must not open"))
    assert launch.main(["rules", "list"]) == 0
    assert "TX (Texas)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:  # a usage error from the core, not a window
        launch.main(["plan"])
    assert usage.value.code == 2
