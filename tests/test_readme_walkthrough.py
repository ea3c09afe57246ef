"""The README's register walkthrough runs as written and prints what the README shows.

A newcomer types these commands first; when a rule change adds a notice or moves a date,
the README must change with it (the trial of 2026-12-03 found an evidence file the README
never created and a deadline move it did not show). Only what depends on when the test
runs is masked: the log hashes (each entry records its time) and the retention date (six
years from the latest record).
"""

import re
import shlex
from pathlib import Path

from notifyplanner.cli import main

ROOT = Path(__file__).resolve().parents[1]
MASKS = (
    (re.compile(r"\b[0-9a-f]{64}\b"), "<sha256>"),
    (re.compile(r"keep records until \d{4}-\d{2}-\d{2}"), "keep records until <date>"),
)


def walkthrough() -> list[tuple[str, str]]:
    """(command, expected output) pairs from the console block under the walkthrough heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Walkthrough: Hims & Hers 2026", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, str]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), lines[i]
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + lines[i].strip()
        i += 1
        output: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        steps.append((command, "\n".join(output)))
    return steps


def mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text.strip("\n")


def test_the_register_walkthrough_prints_what_the_readme_shows(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resources").symlink_to(ROOT / "resources")
    steps = walkthrough()
    assert len(steps) >= 7
    for command, expected in steps:
        words = shlex.split(command.split("#", 1)[0] if command.startswith("printf") else command)
        if words[0] == "printf":  # the stand-in evidence file: printf '%s' TEXT > FILE
            assert words[1] == "%s" and words[3] == ">"
            Path(words[4]).write_text(words[2], encoding="utf-8")
            continue
        assert words[0] == "notifyplanner", command
        main(words[1:])
        out, err = capsys.readouterr()
        assert mask(err + out) == mask(expected), command
