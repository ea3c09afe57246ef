"""The storage module against real SQLite files: versions, notices, evidence, the chain,
two writers, migrations, and files that are not ours."""

import os
import sqlite3
import stat
import threading
from datetime import date

import pytest

from notifyplanner.register import audit
from notifyplanner.register.records import Method, NewNotice, NoticeAction, PlanRow
from notifyplanner.register.storage import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    CaseIndex,
    ConflictError,
    FactsChange,
    NotARegisterError,
    Register,
    RetentionError,
    UnknownCaseError,
)

INDEX = CaseIndex(
    name="case A",
    discovered=date(2026, 2, 5),
    affected=1000,
    controlling_deadline=date(2026, 3, 7),
    rows=(
        PlanRow("CA/individuals", "required", date(2026, 3, 7), "individuals"),
        PlanRow("HIPAA/individuals", "required", date(2026, 4, 6), "individuals"),
        PlanRow("HIPAA/hhs_annual", "not_required", None, "hhs"),
    ),
)


def new_case(reg: Register, text: str = '{"v": 1}'):
    return reg.create_case(text, INDEX, "alice")


def sent(key="HIPAA/individuals", on=date(2026, 4, 2), evidence=()):
    return NewNotice(
        key, NoticeAction.SENT, sent_on=on, method=Method.MAIL, reference="RR123", evidence=evidence
    )


# ---- the file


def test_a_new_register_is_readable_by_its_owner_only(db_path):
    old = os.umask(0o002)  # a permissive umask must not widen it
    try:
        with Register.open(db_path) as reg:
            new_case(reg)
            files = [db_path, *db_path.parent.glob("register.sqlite3-*")]  # WAL and shared memory, while open
            assert len(files) == 3
            for path in files:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)


def test_a_new_register_is_marked_ours_and_uses_wal(db_path):
    with Register.open(db_path) as reg:
        assert reg.schema_version == SCHEMA_VERSION
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = _snapshot(tmp_path)
    with pytest.raises(NotARegisterError, match="another program"):
        Register.open(path)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty file"), (b"hello, I am a spreadsheet" * 100, "not a SQLite database")],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path, content, words):
    path = tmp_path / "register.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotARegisterError, match=words):
        Register.open(path)
    assert _snapshot(tmp_path) == {"register.sqlite3": content}


def test_a_damaged_register_is_a_clear_error_that_touches_nothing(db_path):
    with Register.open(db_path) as reg:
        for _ in range(20):
            new_case(reg, "x" * 5000)
    data = bytearray(db_path.read_bytes())
    data[100 : 4096 * 3] = b"\xff" * (4096 * 3 - 100)  # the schema page and more, garbled
    db_path.write_bytes(bytes(data))
    before = _snapshot(db_path.parent)
    with pytest.raises(NotARegisterError, match="register"):
        Register.open(db_path)
    assert _snapshot(db_path.parent) == before


def test_a_register_from_a_newer_program_is_refused(db_path):
    Register.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(NotARegisterError, match="newer"):
        Register.open(db_path)


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_migrations_from_every_earlier_version_keep_the_data(tmp_path, start):
    path = tmp_path / "old.sqlite3"
    # Version 0 is never on disk: a new file is created and migrated in one transaction.
    con = sqlite3.connect(path, isolation_level=None)
    for step in range(start):
        for statement in MIGRATIONS[step]:
            con.execute(statement)
        con.execute(f"PRAGMA user_version = {step + 1}")
    if True:  # a case written by the old program, with its log entry
        at = "2020-01-02T03:04:05.000000Z"
        digest = audit.entry_hash(1, 1, at, "old", "import", {"facts_version": 1}, audit.GENESIS)
        con.execute(
            "INSERT INTO cases (id, name, created_at, created_by, facts_version, revision, log_count, log_head) "
            "VALUES (1, 'old case', ?, 'old', 1, 1, 1, ?)",
            (at, digest),
        )
        con.execute("INSERT INTO facts VALUES (1, 1, '{}', ?, 'old', '')", (at,))
        con.execute(
            "INSERT INTO audit_log (case_id, seq, at, who, action, detail, prev, hash) "
            "VALUES (1, 1, ?, 'old', 'import', '{\"facts_version\":1}', ?, ?)",
            (at, audit.GENESIS, digest),
        )
    con.close()
    with Register.open(path) as reg:
        assert reg.schema_version == SCHEMA_VERSION
        if start >= 1:
            case = reg.case(1)
            assert case.name == "old case" and case.retain_until == date(2026, 1, 2)
            assert reg.verify(1).ok
        added = new_case(reg)  # and it still takes new cases
        assert reg.cases()[-1].id == added.id


# ---- facts versions


def test_each_saved_change_is_a_new_version_and_the_old_ones_stay(register):
    case = new_case(register, '{"v": 1}')
    case = register.save_facts(
        case.id, FactsChange('{"v": 2}', INDEX, {}), "bob", expected_revision=case.revision
    )
    assert case.facts_version == 2
    versions = register.versions(case.id)
    assert [(v.version, v.incident_json, v.saved_by) for v in versions] == [
        (1, '{"v": 1}', "alice"),
        (2, '{"v": 2}', "bob"),
    ]
    assert register.facts(case.id, 1).incident_json == '{"v": 1}'
    assert versions[1].saved_at.tzinfo is not None  # UTC


def test_unknown_case_and_version_are_errors(register):
    with pytest.raises(UnknownCaseError):
        register.case(42)
    case = new_case(register)
    with pytest.raises(UnknownCaseError, match="version 7"):
        register.facts(case.id, 7)


# ---- notices and evidence


def test_a_notice_is_recorded_and_a_correction_replaces_it_with_the_old_one_logged(register):
    case = new_case(register)
    case = register.record_notice(
        case.id, sent(on=date(2026, 4, 3)), "alice", expected_revision=case.revision
    )
    case = register.record_notice(
        case.id, sent(on=date(2026, 4, 2)), "alice", expected_revision=case.revision
    )
    notice = register.notices(case.id)["HIPAA/individuals"]
    assert (notice.sent_on, notice.method, notice.reference) == (date(2026, 4, 2), Method.MAIL, "RR123")
    last = register.log(case.id)[-1]
    assert last.action == "notice_sent" and last.detail["replaces"]["sent_on"] == "2026-04-03"


def test_evidence_comes_back_byte_for_byte_with_its_hash(register):
    payload = bytes(range(256)) * 1000 + b"\x00MZ\x90"  # binary, even an executable header
    case = new_case(register)
    register.record_notice(
        case.id, sent(evidence=(("letter.pdf", payload),)), "alice", expected_revision=case.revision
    )
    (info,) = register.evidence(case.id)
    assert (info.original_name, info.size, info.key) == ("letter.pdf", len(payload), "HIPAA/individuals")
    import hashlib

    assert info.sha256 == hashlib.sha256(payload).hexdigest()
    assert register.evidence_bytes(info.id) == payload
    assert register.notices(case.id)["HIPAA/individuals"].evidence == (info,)


# ---- concurrency


def test_a_change_from_two_places_at_once_is_detected_not_lost(db_path):
    with Register.open(db_path) as app, Register.open(db_path) as cli:
        case = new_case(app)
        seen_by_app = app.case(case.id).revision
        seen_by_cli = cli.case(case.id).revision
        cli.save_facts(
            case.id, FactsChange('{"from": "cli"}', INDEX, {}), "cli", expected_revision=seen_by_cli
        )
        with pytest.raises(ConflictError, match="changed elsewhere"):
            app.save_facts(
                case.id, FactsChange('{"from": "app"}', INDEX, {}), "app", expected_revision=seen_by_app
            )
        assert app.facts(case.id).incident_json == '{"from": "cli"}'
        assert app.facts(case.id).version == 2


def test_two_connections_writing_at_once_both_land(db_path):
    Register.open(db_path).close()
    errors = []

    def writer(name):
        try:
            with Register.open(db_path) as reg:
                for _ in range(25):
                    case = reg.create_case('{"v": 1}', INDEX, name)
                    reg.record_notice(case.id, sent(), name, expected_revision=case.revision)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Register.open(db_path) as reg:
        cases = reg.cases()
        assert len(cases) == 50
        assert all(reg.verify(c.id).ok and len(reg.notices(c.id)) == 1 for c in cases)


# ---- the audit chain


def _tamper(db_path, *statements):
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement, params in statements:
        con.execute(statement, params)
    con.close()


@pytest.fixture
def logged_case(db_path):
    with Register.open(db_path) as reg:
        case = new_case(reg)
        for day in (2, 3, 4):
            case = reg.record_notice(
                case.id, sent(on=date(2026, 4, day)), "alice", expected_revision=case.revision
            )
        assert reg.verify(case.id).ok and reg.verify(case.id).entries == 4
        return case.id


def test_the_log_refuses_updates_and_deletes_through_sqlite(db_path, logged_case):
    con = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit_log SET who = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit_log WHERE seq = 2")
    con.close()


def test_verify_names_an_edited_entry(db_path, logged_case):
    _tamper(
        db_path,
        ("UPDATE audit_log SET detail = replace(detail, '2026-04-03', '2026-03-30') WHERE seq = 3", ()),
    )
    with Register.open(db_path) as reg:
        result = reg.verify(logged_case)
    assert not result.ok and result.first_bad == 3 and "changed" in result.problem


def test_verify_names_a_deleted_entry(db_path, logged_case):
    _tamper(db_path, ("DELETE FROM audit_log WHERE case_id = ? AND seq = 2", (logged_case,)))
    with Register.open(db_path) as reg:
        result = reg.verify(logged_case)
    assert not result.ok and result.first_bad == 2 and "missing" in result.problem


def test_verify_names_the_last_entry_cut_off(db_path, logged_case):
    _tamper(db_path, ("DELETE FROM audit_log WHERE case_id = ? AND seq = 4", (logged_case,)))
    with Register.open(db_path) as reg:
        result = reg.verify(logged_case)
    assert not result.ok and "should hold 4" in result.problem


def test_verify_names_swapped_entries(db_path, logged_case):
    # swap the content of entries 2 and 3 (their rows keep their places)
    cols = "seq, at, who, action, detail, prev, hash"
    con = sqlite3.connect(db_path)
    rows = {
        r[0]: r for r in con.execute(f"SELECT {cols}, id FROM audit_log WHERE case_id = ?", (logged_case,))
    }
    con.close()
    set_cols = ", ".join(f"{c} = ?" for c in cols.split(", "))
    _tamper(
        db_path,
        (f"UPDATE audit_log SET {set_cols} WHERE id = ?", (*rows[3][:7], rows[2][7])),
        (f"UPDATE audit_log SET {set_cols} WHERE id = ?", (*rows[2][:7], rows[3][7])),
    )
    with Register.open(db_path) as reg:
        result = reg.verify(logged_case)
    assert not result.ok and result.first_bad == 2 and "out of order" in result.problem


def test_verify_names_swapped_contents_with_positions_kept(db_path, logged_case):
    cols = "at, who, action, detail, prev, hash"
    con = sqlite3.connect(db_path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(f"SELECT seq, {cols} FROM audit_log WHERE case_id = ?", (logged_case,))
    }
    con.close()
    set_cols = ", ".join(f"{c} = ?" for c in cols.split(", "))
    _tamper(
        db_path,
        (f"UPDATE audit_log SET {set_cols} WHERE case_id = ? AND seq = 2", (*rows[3], logged_case)),
        (f"UPDATE audit_log SET {set_cols} WHERE case_id = ? AND seq = 3", (*rows[2], logged_case)),
    )
    with Register.open(db_path) as reg:
        result = reg.verify(logged_case)
    assert not result.ok and result.first_bad == 2


# ---- lists, HHS log rows, retention, backup


def test_summaries_count_overdue_pending_and_sent_as_of_today(register):
    case = new_case(register)
    (row,) = register.summaries(date(2026, 3, 10))
    assert (row.overdue, row.pending, row.sent, row.next_due) == (1, 1, 0, date(2026, 4, 6))
    register.record_notice(case.id, sent(), "alice", expected_revision=case.revision)
    (row,) = register.summaries(date(2026, 3, 10))
    assert (row.overdue, row.pending, row.sent, row.next_due) == (1, 0, 1, None)


def test_deleting_before_the_retention_period_ends_needs_a_logged_override(register):
    case = new_case(register)
    today = case.created_at.date()
    assert case.retain_until == date(today.year + 6, today.month, today.day) or today.month == 2
    with pytest.raises(RetentionError, match=r"164\.530"):
        register.delete_case(case.id, today, "alice")
    assert register.case(case.id)
    register.delete_case(case.id, today, "alice", override_reason="duplicate import")
    with pytest.raises(UnknownCaseError):
        register.case(case.id)
    (entry,) = register.register_log()
    assert entry.action == "case_deleted" and entry.detail["override_reason"] == "duplicate import"
    assert entry.detail["before_retention_end"] is True
    assert register.verify_register().ok


def test_deleting_after_the_retention_period_needs_no_override(register):
    case = new_case(register)
    register.delete_case(case.id, case.retain_until, "alice")
    assert register.cases() == []


def test_retention_runs_from_the_latest_record(register):
    case = new_case(register)
    later = register.record_notice(
        case.id, sent(on=case.created_at.date()), "alice", expected_revision=case.revision
    )
    assert later.retain_until == case.retain_until  # same day: same date


def test_backup_is_a_whole_owner_only_copy(register, tmp_path):
    case = new_case(register)
    out = tmp_path / "copy.sqlite3"
    register.backup(out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    with Register.open(out) as copy:
        assert copy.case(case.id).name == "case A" and copy.verify(case.id).ok


def test_a_notice_and_the_facts_it_implies_land_together_or_not_at_all(register):
    case = new_case(register)
    bad = FactsChange('{"v": 2}', INDEX, {"unserialisable": float("nan")})  # fails inside the transaction
    with pytest.raises(ValueError):
        register.record_notice(case.id, sent(), "alice", expected_revision=case.revision, then_facts=bad)
    assert register.notices(case.id) == {} and len(register.log(case.id)) == 1
    good = FactsChange('{"v": 2}', INDEX, {"changes": []})
    case = register.record_notice(case.id, sent(), "alice", expected_revision=case.revision, then_facts=good)
    assert case.facts_version == 2 and [e.action for e in register.log(case.id)] == [
        "import",
        "notice_sent",
        "facts",
    ]


def test_sqlite_errors_after_opening_are_one_line_register_errors(db_path):
    from notifyplanner.register.storage import RegisterError

    with Register.open(db_path) as reg:
        case = new_case(reg)
        reg._db.execute("PRAGMA query_only = ON")  # stands in for a read-only disk
        with pytest.raises(RegisterError, match=r"register\.sqlite3"):
            reg.record_notice(case.id, sent(), "alice", expected_revision=case.revision)


def test_sqlite_errors_in_a_read_are_one_line_register_errors_too(db_path):
    """The reads live in their own mixin (reads.py); they are guarded like the writes."""
    from notifyplanner.register.storage import RegisterError

    with Register.open(db_path) as reg:
        case = new_case(reg)
        reg._db.execute("DROP TRIGGER IF EXISTS notices_no_delete")
        reg._db.execute("ALTER TABLE notices RENAME TO notices_gone")  # stands in for a damaged schema
        with pytest.raises(RegisterError, match=r"register\.sqlite3.*nothing was changed"):
            reg.notices(case.id)
        with pytest.raises(RegisterError, match=r"register\.sqlite3"):
            reg.summaries(date(2026, 1, 1))
