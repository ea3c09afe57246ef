"""The command line: readable output, the JSON contract, and one-line errors (exit 2)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notifyplanner.cli import SAMPLE_INCIDENT, main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "notifyplanner", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def test_plan_json_has_the_documented_keys(capsys):
    assert main(["plan", str(SAMPLE_INCIDENT), "--format", "json", "--today", "2026-10-05"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["controlling_deadline"]
    first = data["obligations"][0]
    for key in (
        "jurisdiction",
        "recipient",
        "status",
        "deadline",
        "deadline_kind",
        "basis",
        "citation",
        "effective_from",
    ):
        assert key in first
    assert {o["jurisdiction"] for o in data["obligations"]} >= {"HIPAA", "TX"}
    for duty in data["credit_monitoring"]:
        assert {"jurisdiction", "months"} <= set(duty)


def test_plan_table_names_the_controlling_deadline(capsys):
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-05"]) == 0
    out = capsys.readouterr().out
    assert "Controlling deadline: " in out
    assert "not legal advice" in out


def test_rules_check_passes_on_the_bundled_rules(capsys):
    assert main(["rules", "check"]) == 0
    assert "all valid" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON"),
        ('{"format": "notifyplanner-incident", "version": 1, "surprise": 1}', "surprise: unknown field"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, content, words):
    path = tmp_path / "incident.json"
    if content is not None:
        path.write_text(content)
    result = run("plan", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.stderr


def test_discovery_before_the_breach_began_is_refused(tmp_path):
    data = json.loads(SAMPLE_INCIDENT.read_text())
    data["breach_start"] = "2026-12-01"
    data["breach_end"] = None
    path = tmp_path / "impossible.json"
    path.write_text(json.dumps(data))
    result = run("plan", str(path))
    assert result.returncode == 2
    assert "discovered: discovery cannot come before the breach began" in result.stderr


def test_a_broken_rules_folder_is_named(tmp_path):
    (tmp_path / "tx.json").write_text("{")
    result = run("plan", str(SAMPLE_INCIDENT), "--rules", str(tmp_path))
    assert result.returncode == 2
    assert "tx.json" in result.stderr and "Traceback" not in result.stderr
    check = run("rules", "check", str(tmp_path))
    assert check.returncode == 2


def test_rules_check_names_an_aggregator_link(tmp_path, capsys):
    """A copy that links Justia loads, but 'rules check' holds it to the source standard."""
    broken = Path(__file__).parent / "fixtures" / "broken_rules" / "unofficial_host.json"
    (tmp_path / "tx.json").write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["rules", "check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "tx.json: $.versions[2].obligations[1].citation.url: host 'law.justia.com'" in err


def test_rules_show_prints_citations(capsys):
    assert main(["rules", "show", "tx"]) == 0
    out = capsys.readouterr().out
    assert "521.053" in out and "attorney_general" in out


def test_an_hours_clock_controls_with_its_instant_and_its_own_title(capsys):
    """Trial, 2026-12-03: "Controlling deadline: 2026-11-01 (-1 days from 2026-11-02) - ...,
    State regulator" gave neither the hour nor which of three NYDFS notices it was."""
    sector = SAMPLE_INCIDENT.parent / "public-insurer-sec-nydfs-gdpr.json"
    assert main(["plan", str(sector), "--today", "2026-11-02"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Controlling deadline"))
    assert line.startswith("Controlling deadline: 2026-11-01 11:00 (UTC-05:00) (1 day past on 2026-11-02) - ")
    assert line.endswith("notice of an extortion payment")


def test_a_reader_that_stops_early_gets_no_traceback():
    """`notifyplanner rules list | head -1`: head closes the pipe after one line. That is the
    reader's choice; the command ends quietly, never with a BrokenPipeError traceback."""
    import subprocess
    import sys

    run = subprocess.run(
        f"{sys.executable} -m notifyplanner rules list | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr, run.stderr
