"""The incident register: what was done about each incident, kept as proof.

The planner says who is owed what by when; the register records what was sent, when, how
and by whom, keeps the proof, and shows later that every notice was on time or why not. A
covered entity carries the burden of proving every required notice was made (45 CFR
164.414(b)) and keeps that documentation six years (45 CFR 164.530(j)); small breaches go
on a yearly log due to HHS 60 days after the year ends (45 CFR 164.408(c)).

One module, one job:

- ``records``   frozen values: Case, FactsVersion, Notice, NewNotice, EvidenceInfo, AuditEntry,
                CaseSummary, HhsLogRow, Method, LateReason
- ``grading``   pure: grade_plan(plan, notices, today) -> on_time / late / pending / overdue /
                not_applicable, days late
- ``storage``   the only module that talks to SQLite: Register (file checks, migrations, WAL,
                transactions, optimistic concurrency); ``schema`` holds its DDL as data and
                ``errors`` its exceptions
- ``audit``     the hash chain: canonical JSON, entry hashes, verify_chain
- ``changes``   what changed between two facts versions and their plans
- ``hhs_log``   the annual HHS log's due date
- ``retention`` how long a case must be kept
- ``cases``     CaseService: storage + engine + grading, the API the CLI and the app call
- ``location``  where the register file lives (--db, NOTIFYPLANNER_DB, platformdirs)
"""
