"""Hostile arguments and files around the newer commands (register, letters): exit 2 with one
line naming the file or argument, never a traceback, never a hang, nothing half-written.

Each test is one failure kind a fuzz campaign over the CLI found (benchmarks/fuzz_cli.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyplanner.cli import main

ROOT = Path(__file__).resolve().parents[1]
HIMS = ROOT / "resources" / "samples" / "hims-hers-2026.json"
SENT = ("notice", "sent", "1", "CA/individuals", "--method", "mail")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.startswith("notifyplanner: ") and err.count("\n") == 1, err
    assert len(err) < 700, err
    for word in words:
        assert word in err, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "register.sqlite3")
    code, _out, err = run(capsys, "--db", path, "case", "import", str(HIMS))
    assert code == 0, err
    return path


def log_length(db: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]


# ---- dates and numbers given as arguments


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31"])
def test_a_sent_date_outside_the_window_is_refused_by_argument(capsys, db, day) -> None:
    code, _out, err = run(capsys, "--db", db, *SENT, "--on", day)
    refused(code, err, "--on", "1990-01-01 to 2100-12-31")


@pytest.mark.parametrize("args", [("case", "list"), ("case", "plan", "1"), ("case", "export", "1", "OUT")])
def test_a_today_outside_the_window_is_refused(capsys, db, tmp_path, args) -> None:
    args = tuple(str(tmp_path / "out") if a == "OUT" else a for a in args)
    code, _out, err = run(capsys, "--db", db, *args, "--today", "9999-12-31")
    refused(code, err, "--today")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", ["0000", "9999", "1989"])
def test_an_hhs_log_year_outside_the_window_is_refused(capsys, db, year) -> None:
    code, _out, err = run(capsys, "--db", db, "hhs-log", year)
    refused(code, err, "year")


@pytest.mark.parametrize("number", ["9" * 30, "1" * 5000])
def test_a_case_number_too_large_for_the_register_is_refused(capsys, db, number) -> None:
    code, _out, err = run(capsys, "--db", db, "case", "plan", number)
    refused(code, err, "case number")


@pytest.mark.parametrize("version", ["9" * 30, "0", "-1"])
def test_a_facts_version_out_of_range_is_refused(capsys, db, version) -> None:
    code, _out, err = run(capsys, "--db", db, "case", "plan", "1", "--version", version)
    refused(code, err, "version")


# ---- text given as arguments


@pytest.mark.parametrize("option", ["--reference", "--by", "--note", "--late-reason"])
def test_text_that_cannot_be_saved_is_refused_by_option(capsys, db, option) -> None:
    # A byte that is not UTF-8 on the command line reaches Python as a lone surrogate.
    before = log_length(db)
    code, _out, err = run(capsys, "--db", db, *SENT, "--on", "2026-03-01", option, "bad \udcff")
    refused(code, err, option)
    assert log_length(db) == before


def test_a_skip_reason_that_cannot_be_saved_is_refused(capsys, db) -> None:
    before = log_length(db)
    code, _out, err = run(capsys, "--db", db, "notice", "skip", "1", "CA/individuals", "--reason", "\udcff")
    refused(code, err, "--reason")
    assert log_length(db) == before


def test_a_long_unknown_notice_key_is_cut_in_the_message(capsys, db) -> None:
    code, _out, err = run(capsys, "--db", db, "notice", "sent", "1", "x" * 100_000, "--on", "2026-03-01", "--method", "mail")  # fmt: skip
    refused(code, err)


def test_a_long_bad_date_argument_is_cut_in_the_message(capsys, db) -> None:
    code, _out, err = run(capsys, "--db", db, *SENT, "--on", "x" * 100_000)
    refused(code, err, "--on")


# ---- special files


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
@pytest.mark.parametrize("command", ["sent", "skip"])
def test_evidence_that_is_not_a_regular_file_is_refused_without_reading(
    capsys, db, tmp_path, kind, command
) -> None:
    if kind == "fifo":
        evidence = tmp_path / "pipe"
        os.mkfifo(evidence)  # reading it would block forever
    elif kind == "device":
        evidence = Path("/dev/zero")  # reading it would never end
    else:
        evidence = tmp_path / "folder"
        evidence.mkdir()
    args = (*SENT, "--on", "2026-03-01") if command == "sent" else ("notice", "skip", "1", "CA/individuals", "--reason", "x")  # fmt: skip
    before = log_length(db)
    code, _out, err = run(capsys, "--db", db, *args, "--evidence", str(evidence))
    refused(code, err, str(evidence))
    assert log_length(db) == before


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_register_that_is_a_special_file_is_refused_without_reading(capsys, tmp_path, kind) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    code, _out, err = run(capsys, "--db", str(path), "case", "list")
    refused(code, err, str(path))


@pytest.mark.parametrize("content", ["[" * 5000 + "]" * 5000, '{"x": "\\ud800"}', "{not json", "", "\udcff"])
def test_a_templates_file_that_is_not_usable_json_is_one_line(capsys, tmp_path, content) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "paragraphs.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    out = tmp_path / "out"
    code, _out, err = run(capsys, "letters", str(HIMS), str(out), "--templates", str(templates))
    refused(code, err, "paragraphs.json")
    assert not out.exists()


def test_a_templates_file_that_is_a_fifo_is_refused_without_reading(capsys, tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "paragraphs.json")
    out = tmp_path / "out"
    code, _out, err = run(capsys, "letters", str(HIMS), str(out), "--templates", str(templates))
    refused(code, err, "paragraphs.json", "FIFO")
    assert not out.exists()


def test_hhs_log_json_is_json(capsys, db) -> None:
    code, out, _err = run(capsys, "--db", db, "hhs-log", "2026", "--format", "json")
    assert code == 0 and isinstance(json.loads(out), list)


# ---- all or nothing


def test_letters_that_fail_part_way_leave_no_drafts_behind(capsys, tmp_path) -> None:
    """letters.json is written last; when it cannot be, the drafts written before it must not
    stay as if the run had worked (a folder of drafts without their checklist)."""
    out = tmp_path / "out"
    (out / "letters.json").mkdir(parents=True)  # the last file cannot be written
    code, _out, err = run(capsys, "letters", str(HIMS), str(out))
    refused(code, err, str(out))
    assert sorted(p.name for p in out.iterdir()) == ["letters.json"]
    assert not any((out / "letters.json").iterdir())


def test_letters_that_fail_part_way_keep_the_earlier_drafts(capsys, tmp_path) -> None:
    out = tmp_path / "out"
    assert run(capsys, "letters", str(HIMS), str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "letters.json").unlink()
    (out / "letters.json").mkdir()
    code, _out, err = run(capsys, "letters", str(HIMS), str(out))
    refused(code, err)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == {k: v for k, v in before.items() if k != "letters.json"}


def test_letters_into_a_new_folder_that_fails_leave_no_folder(capsys, tmp_path, monkeypatch) -> None:
    import notifyplanner.cli_letters as cli_letters

    def full_disk(path, payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_letters, "atomic_write_bytes", full_disk)
    out = tmp_path / "out"
    code, _out, err = run(capsys, "letters", str(HIMS), str(out))
    refused(code, err, "space")
    assert not out.exists()


# ---- property: any argument text


@pytest.fixture(scope="module")
def register_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("register") / "register.sqlite3"
    assert main(["--db", str(path), "case", "import", str(HIMS)]) == 0
    return path.read_bytes()


argument_text = st.text(max_size=40) | st.sampled_from(
    [
        "",
        "0",
        "-1",
        "9" * 30,
        "1" * 5000,
        "\udcff",
        "9999-12-31",
        "0001-01-01",
        "2026-03-01",
        "CA/individuals",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(["sent", "skip", "plan", "list", "hhs-log", "log", "export"]),
    first=argument_text,
    second=argument_text,
)
def test_any_argument_text_to_a_register_command_is_done_or_one_line(
    tmp_path_factory, capsys, register_bytes, command, first, second
) -> None:
    folder = tmp_path_factory.mktemp("run")
    db = folder / "register.sqlite3"
    db.write_bytes(register_bytes)
    args = {
        "sent": ["notice", "sent", "1", first, "--on", second, "--method", "mail", "--reference", first],
        "skip": ["notice", "skip", first, "CA/individuals", "--reason", second],
        "plan": ["case", "plan", first, "--version", second],
        "list": ["case", "list", "--today", first],
        "hhs-log": ["hhs-log", first],
        "log": ["case", "log", first],
        "export": ["case", "export", first, str(folder / "out"), "--today", second],
    }[command]
    code, _out, err = run(capsys, "--db", str(db), *args)
    if code != 0:
        refused(code, err)


@pytest.mark.parametrize("where", ["element", "placeholder", "contact"])
def test_control_characters_in_templates_are_refused_with_the_field(capsys, tmp_path, where) -> None:
    """Word's XML cannot hold them; the letters must not die half-way through a draft."""
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "resources" / "letters", templates)
    paragraphs = json.loads((templates / "paragraphs.json").read_text("utf-8"))
    contacts = json.loads((templates / "contacts.json").read_text("utf-8"))
    if where == "element":
        key = next(iter(paragraphs["elements"]))
        paragraphs["elements"][key] = "bad \x01 text"
        field = f"elements.{key}"
    elif where == "placeholder":
        key = next(iter(paragraphs["placeholders"]))
        paragraphs["placeholders"][key] = "bad \x0b hint"
        field = f"placeholders.{key}"
    else:
        code = next(iter(contacts["contacts"]))
        contacts["contacts"][code]["text"] = "bad \x1f contact"
        field = f"contacts.{code}.text"
    (templates / "paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
    (templates / "contacts.json").write_text(json.dumps(contacts), encoding="utf-8")
    out = tmp_path / "out"
    code, _out, err = run(capsys, "letters", str(HIMS), str(out), "--templates", str(templates))
    refused(code, err, field, "control character")
    assert not out.exists()


# ---- paths the operating system refuses


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "LONG", "case", "list"),
        ("--db", "LONG", "case", "import", str(HIMS)),
        ("plan", str(HIMS), "--rules", "LONG"),
        ("rules", "check", "LONG"),
        ("rules", "list", "--rules", "LONG"),
        ("letters", str(HIMS), "OUT", "--rules", "LONG"),
        ("plan", "LONG"),
        ("plan", str(HIMS), "--xlsx", "LONG"),
        ("letters", str(HIMS), "LONG"),
    ],
)
def test_a_path_too_long_for_the_system_is_one_line(capsys, tmp_path, args) -> None:
    """Path.exists() and is_dir() raise for a name the system refuses (ENAMETOOLONG)."""
    long = str(tmp_path / ("x" * 5000))
    args = tuple(long if a == "LONG" else str(tmp_path / "out") if a == "OUT" else a for a in args)
    code, _out, err = run(capsys, *args)
    refused(code, err, "too long")


def test_an_evidence_file_past_its_cap_is_refused_with_the_cap(capsys, db, tmp_path) -> None:
    evidence = tmp_path / "scan.pdf"
    with evidence.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    before = log_length(db)
    code, _out, err = run(capsys, "--db", db, "notice", "skip", "1", "CA/individuals", "--reason", "x", "--evidence", str(evidence))  # fmt: skip
    refused(code, err, "the limit is 256 MB", "nothing was recorded")
    assert log_length(db) == before
