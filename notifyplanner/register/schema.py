"""The register's schema, as data: the SQL that builds each version of the file.

Only ``storage.py`` executes it (storage is the one module that talks to SQLite); it lives
apart so the schema's history reads as one list. Each step of ``MIGRATIONS`` takes the
file from version i to i + 1 (``PRAGMA user_version``); a released step is never edited,
a change is a new step, and the tests migrate a file from every earlier version.

Version 1: cases, facts versions, notices, the hash-chained audit log (append-only by
trigger). Version 2: evidence blobs, the plan rows kept beside the facts for fast lists
(``plan_rows``), and the columns retention runs from.
"""

from __future__ import annotations

from notifyplanner.register.audit import GENESIS
from notifyplanner.register.retention import HIPAA_RETENTION_YEARS

APPLICATION_ID = 0x4E505247  # "NPRG": marks the file as a notifyplanner register
FORMAT = "notifyplanner-register"

# Each entry takes the schema from version i to i + 1. Never edit a released step: add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: cases, facts versions, notices, the audit log
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"INSERT INTO meta (key, value) VALUES ('format', '{FORMAT}')",
        "INSERT INTO meta (key, value) VALUES ('log_count', '0')",
        f"INSERT INTO meta (key, value) VALUES ('log_head', '{GENESIS}')",
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            facts_version INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            discovered TEXT,
            affected INTEGER,
            log_count INTEGER NOT NULL,
            log_head TEXT NOT NULL)""",
        """CREATE TABLE facts (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            incident_json TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            saved_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, version))""",
        """CREATE TABLE notices (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            action TEXT NOT NULL,
            sent_on TEXT,
            method TEXT,
            reference TEXT NOT NULL DEFAULT '',
            sent_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            late_reason TEXT,
            late_reason_text TEXT NOT NULL DEFAULT '',
            skip_reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (case_id, key))""",
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev TEXT NOT NULL,
            hash TEXT NOT NULL)""",
        "CREATE INDEX audit_log_case ON audit_log (case_id, id)",
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN OLD.case_id = 0 OR EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    ),
    # 1 -> 2: evidence files, the plan cache behind fast lists, retention
    (
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            original_name TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL,
            data BLOB NOT NULL)""",
        "CREATE INDEX evidence_case ON evidence (case_id, key)",
        """CREATE TABLE plan_rows (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            status TEXT NOT NULL,
            deadline TEXT,
            recipient TEXT NOT NULL,
            PRIMARY KEY (case_id, key)) WITHOUT ROWID""",
        "CREATE INDEX plan_rows_key ON plan_rows (key, case_id)",
        "ALTER TABLE cases ADD COLUMN controlling_deadline TEXT",
        "ALTER TABLE cases ADD COLUMN rules_digest TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE cases ADD COLUMN last_record TEXT",
        f"ALTER TABLE cases ADD COLUMN retain_years INTEGER NOT NULL DEFAULT {HIPAA_RETENTION_YEARS}",
        "UPDATE cases SET last_record = substr(created_at, 1, 10)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


__all__ = ["APPLICATION_ID", "FORMAT", "MIGRATIONS", "SCHEMA_VERSION"]
