"""The register's command line: the names and JSON other tools rely on, and exit 2 with one
line, nothing written, for every input a user can get wrong."""

import json
import sqlite3
from pathlib import Path

import pytest

from notifyplanner.cli import main

ROOT = Path(__file__).resolve().parents[1]
HIMS = ROOT / "resources" / "samples" / "hims-hers-2026.json"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "register.sqlite3")


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, db) -> int:
    code, out, _ = run(capsys, "--db", db, "case", "import", str(HIMS), "--format", "json")
    assert code == 0
    return json.loads(out)["case"]


def test_the_hims_hers_walkthrough(capsys, db, tmp_path):
    case = imported(capsys, db)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF letter")
    code, _, err = run(
        capsys,
        "--db",
        db,
        "notice",
        "sent",
        str(case),
        "CA/individuals",
        "--on",
        "2026-04-02",
        "--method",
        "mail",
    )
    assert code == 2 and "26 days after its deadline 2026-03-07" in err and err.count("\n") == 1
    code, out, _ = run(
        capsys, "--db", db, "notice", "sent", str(case), "CA/individuals", "--on", "2026-04-02", "--method", "mail",
        "--evidence", str(letter), "--late-reason", "scope_being_determined", "--reference", "USPS 9400",
    )  # fmt: skip
    assert code == 0 and "late, 26 days" in out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "notice",
        "sent",
        str(case),
        "HIPAA/individuals",
        "--on",
        "2026-04-02",
        "--method",
        "mail",
    )
    assert code == 0 and "on time" in out
    code, out, _ = run(
        capsys, "--db", db, "case", "plan", str(case), "--today", "2026-04-20", "--format", "json"
    )
    assert code == 0
    plan = json.loads(out)
    by_key = {o["key"]: o for o in plan["obligations"]}
    expected = {"sent_on": "2026-04-02", "method": "mail", "timeliness": "late", "days_late": 26}
    assert by_key["CA/individuals"].items() >= expected.items()
    assert (
        by_key["HIPAA/individuals"]["timeliness"] == "on_time"
        and by_key["HIPAA/individuals"]["days_late"] is None
    )
    assert by_key["HIPAA/media/CA"]["timeliness"] == "overdue"
    assert plan["retain_until"] and plan["case"] == case and "164.530(j)(2)" in plan["retain_basis"]
    for ob in plan["obligations"]:
        assert {"key", "sent_on", "method", "timeliness", "days_late"} <= set(ob)
    code, out, _ = run(capsys, "--db", db, "case", "verify", str(case))
    assert code == 0 and "intact" in out
    code, out, _ = run(capsys, "--db", db, "case", "log", str(case), "--format", "json")
    actions = [e["action"] for e in json.loads(out)["entries"]]
    assert actions == ["import", "notice_sent", "evidence_added", "facts", "notice_sent"]
    code, out, _ = run(capsys, "--db", db, "case", "export", str(case), str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "evidence" / "1-letter.pdf").read_bytes() == b"%PDF letter"


def test_case_list_and_update_print_what_changed(capsys, db, tmp_path):
    case = imported(capsys, db)
    data = json.loads(HIMS.read_text())
    data["residents"]["TX"] = 600
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    code, out, _ = run(capsys, "--db", db, "case", "update", str(case), str(changed), "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["facts_version"] == 2
    assert "TX/individuals" in result["plan"]["added"] and "HIPAA/media/TX" in result["plan"]["added"]
    code, out, _ = run(capsys, "--db", db, "case", "list", "--format", "json", "--today", "2026-04-20")
    (row,) = json.loads(out)
    assert row["case"] == case and row["controlling_deadline"] == "2026-03-07" and row["overdue"] > 0
    code, out, _ = run(capsys, "--db", db, "case", "list", "--today", "2026-04-20")
    assert "Hims & Hers" in out


def test_skip_and_hhs_log(capsys, db, tmp_path):
    data = json.loads(HIMS.read_text())
    data["residents"] = {"CA": 120}
    small = tmp_path / "small.json"
    small.write_text(json.dumps(data))
    code, out, _ = run(capsys, "--db", db, "case", "import", str(small), "--format", "json")
    case = json.loads(out)["case"]
    code, out, _ = run(
        capsys, "--db", db, "notice", "skip", str(case), "CA/individuals", "--reason", "duplicate"
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "hhs-log", "2026", "--format", "json")
    (row,) = json.loads(out)
    expected = {
        "case": case,
        "affected": 120,
        "discovered": "2026-02-05",
        "due": "2027-03-01",
        "submitted_on": None,
    }
    assert row.items() >= expected.items()
    assert set(row) >= {"case", "name", "affected", "discovered", "due", "submitted_on"}
    code, out, _ = run(capsys, "--db", db, "hhs-log", "2026")
    assert "due 2027-03-01" in out


def test_backup(capsys, db, tmp_path):
    imported(capsys, db)
    code, _, _ = run(capsys, "--db", db, "register", "backup", str(tmp_path / "copy.sqlite3"))
    assert code == 0
    con = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    con.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("case", "plan", "99"), "no case 99"),
        (("case", "plan", "abc"), "expected a case number"),
        (
            ("notice", "sent", "1", "CA/nobody", "--on", "2026-04-02", "--method", "mail"),
            "no notice 'CA/nobody'",
        ),
        (
            ("notice", "sent", "1", "CA/individuals", "--on", "2026-02-30", "--method", "mail"),
            "expected a date",
        ),
        (
            (
                "notice",
                "sent",
                "1",
                "CA/individuals",
                "--on",
                "2026-03-01",
                "--method",
                "mail",
                "--evidence",
                "gone.pdf",
            ),
            "gone.pdf",
        ),
        (
            ("notice", "sent", "1", "CA/individuals", "--on", "2026-03-01", "--method", "pigeon"),
            "invalid choice",
        ),
        (("notice", "skip", "1", "CA/individuals", "--reason", " "), "needs a reason"),
        (("case", "update", "1", "missing.json"), "no such file"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(capsys, db, args, words):
    imported(capsys, db)
    folder = Path(db).parent
    before = _files(folder)
    code, _, err = run(capsys, "--db", db, *args)
    assert code == 2 and words in err and err.count("\n") == 1, err
    assert _files(folder) == before


def test_a_database_that_is_not_ours_is_refused_untouched(capsys, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    before = _files(tmp_path)
    code, _, err = run(capsys, "--db", str(other), "case", "import", str(HIMS))
    assert code == 2 and "other.db" in err and "not a notifyplanner register" in err and err.count("\n") == 1
    assert _files(tmp_path) == before


def test_reading_a_register_that_does_not_exist_creates_nothing(capsys, tmp_path):
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "case", "list")
    assert code == 0 and "No cases" in out
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "case", "plan", "1")
    assert code == 2 and "no register there yet" in err
    assert list(tmp_path.iterdir()) == []


def test_the_register_comes_from_the_environment_when_no_db_is_given(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("NOTIFYPLANNER_DB", str(path))
    assert main(["case", "import", str(HIMS)]) == 0
    assert path.exists()


def test_verify_exits_1_naming_the_first_bad_entry(capsys, db):
    case = imported(capsys, db)
    run(capsys, "--db", db, "notice", "skip", str(case), "CA/attorney_general", "--reason", "counsel")
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET who = 'mallory' WHERE seq = 2")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "--db", db, "case", "verify", str(case))
    assert code == 1 and "entry 2" in out


def test_case_plan_exports_carry_the_log_head_and_are_logged(capsys, db, tmp_path):
    """A copy that leaves the machine names the log head it was made from (issue 10)."""
    import io

    from icalendar import Calendar
    from openpyxl import load_workbook
    from pypdf import PdfReader

    case = imported(capsys, db)
    head = json.loads(run(capsys, "--db", db, "case", "plan", str(case), "--format", "json")[1])["log_head"]
    xlsx, ics, pdf = tmp_path / "plan.xlsx", tmp_path / "plan.ics", tmp_path / "plan.pdf"
    code, out, err = run(
        capsys, "--db", db, "case", "plan", str(case), "--today", "2026-04-20",
        "--xlsx", str(xlsx), "--ics", str(ics), "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 0, err
    assert f"Log head: {head}" in out
    summary = load_workbook(xlsx)["Summary"]
    assert (summary["A4"].value, summary["B4"].value) == ("Register log head", head)
    assert f"log {head[:16]}" in summary.oddFooter.right.text
    assert str(Calendar.from_ical(ics.read_bytes())["X-NOTIFYPLANNER-LOG-HEAD"]) == head
    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages]
    assert all(head in page for page in pages)  # every page's footer
    log = json.loads(run(capsys, "--db", db, "case", "log", str(case), "--format", "json")[1])
    export = log["entries"][-1]
    assert export["action"] == "export" and export["detail"]["log_head"] == head
    assert [f["format"] for f in export["detail"]["files"]] == ["workbook", "calendar", "checklist"]
    assert log["head"] != head  # the export itself is on the chain after the head it printed


def test_case_plan_export_to_a_missing_folder_is_one_line(capsys, db, tmp_path):
    case = imported(capsys, db)
    before = json.loads(run(capsys, "--db", db, "case", "log", str(case), "--format", "json")[1])
    code, _, err = run(capsys, "--db", db, "case", "plan", str(case), "--pdf", str(tmp_path / "no" / "p.pdf"))
    assert code == 2 and "does not exist" in err and err.count("\n") == 1
    after = json.loads(run(capsys, "--db", db, "case", "log", str(case), "--format", "json")[1])
    assert after == before  # nothing written, nothing logged


def test_case_plan_exports_carry_the_notices_recorded(capsys, db, tmp_path):
    """A newcomer's trial: the workbook, checklist and calendar of a register case left
    'Sent on' empty for notices recorded sent, so the printout showed them as still owed."""
    import io

    from icalendar import Calendar
    from openpyxl import load_workbook
    from pypdf import PdfReader

    case = imported(capsys, db)
    for key, method in (("HIPAA/individuals", "mail"), ("HIPAA/hhs", "portal")):
        code, _, err = run(
            capsys, "--db", db, "notice", "sent", str(case), key, "--on", "2026-04-02", "--method", method
        )
        assert code == 0, err
    code, _, err = run(
        capsys, "--db", db, "notice", "skip", str(case), "HIPAA/media/NY", "--reason", "counsel: no NY media"
    )
    assert code == 0, err
    xlsx, ics, pdf = tmp_path / "plan.xlsx", tmp_path / "plan.ics", tmp_path / "plan.pdf"
    code, _, err = run(
        capsys, "--db", db, "case", "plan", str(case), "--today", "2026-04-20",
        "--xlsx", str(xlsx), "--ics", str(ics), "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 0, err

    book = load_workbook(xlsx)
    sheet, details = book["Obligations"], book["Details"]
    names = [c.value for c in sheet[1]]
    keys = {details.cell(r, 3).value: r for r in range(2, details.max_row + 1)}
    sent_col, record_col = names.index("Sent on") + 1, names.index("Register record (at export)") + 1
    assert sheet.cell(keys["HIPAA/hhs"], sent_col).value.date().isoformat() == "2026-04-02"
    assert sheet.cell(keys["HIPAA/hhs"], record_col).value == "sent 2026-04-02 by portal: on time"
    assert sheet.cell(keys["HIPAA/media/NY"], record_col).value == "decided not to send: counsel: no NY media"

    body = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Sent 2026-04-02 portal" in body and "Decided not to send counsel: no NY media" in body

    events = {str(e["UID"]).split(".", 1)[1]: e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    hhs = events["HIPAA/hhs@notifyplanner"]
    assert str(hhs["SUMMARY"]).startswith("Sent 2026-04-02: ") and hhs.walk("VALARM") == []
    assert events["HIPAA/media/NY@notifyplanner"].walk("VALARM") == []
