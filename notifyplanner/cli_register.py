"""The register's commands: `case ...`, `notice ...`, `hhs-log`, `register backup`.

notifyplanner.cli adds them with add_register_parsers(subparsers) and hands the parsed
arguments to run_register. The names and JSON shapes are a contract other tools rely on
(README, Register).

Exit codes: 0 done; 1 only from `case verify` when the log is broken; 2 bad input (unknown
case id or notice key, a date that is not a date, a missing evidence file, a database that
is not ours): one line on stderr naming it, and nothing written.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from notifyplanner.incident_file import IncidentError, read_incident
from notifyplanner.register.records import Method
from notifyplanner.safe_read import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_INT_DIGITS,
    InputError,
    date_window_message,
    in_window,
    one_line,
    shown,
)

EXIT_BAD_INPUT = 2
EXIT_LOG_BROKEN = 1
REGISTER_COMMANDS = ("case", "notice", "hhs-log", "register")

__all__ = ["REGISTER_COMMANDS", "add_register_parsers", "run_register"]


def _date(text: str) -> date:
    """A date argument, inside the window every date must fall in (safe_read): a sent date
    in year 1 or 9999 would otherwise reach the engine's arithmetic."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {shown(text)}") from None
    if not in_window(day):
        raise argparse.ArgumentTypeError(date_window_message(day))
    return day


def _case_id(text: str) -> int:
    # Digits counted before int(): SQLite holds 64-bit integers, Python's int() refuses
    # 4,301 digits, and neither failure may reach the user as a traceback.
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_INT_DIGITS and int(text) > 0):
        raise argparse.ArgumentTypeError(f"expected a case number such as 1, got {shown(text, 30)}")
    return int(text)


def _version(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_INT_DIGITS and int(text) > 0):
        raise argparse.ArgumentTypeError(f"expected a facts version such as 1, got {shown(text, 30)}")
    return int(text)


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year such as 2026, got {shown(text, 30)}")
    year = int(text)
    if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
        raise argparse.ArgumentTypeError(
            f"{year} is outside the years this program plans for ({EARLIEST_DATE.year} to {LATEST_DATE.year})"
        )
    return year


def _text(text: str) -> str:
    """Text saved in the register: a byte that is not UTF-8 on the command line reaches
    Python as a lone surrogate, which SQLite cannot store; refused before anything is written."""
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise argparse.ArgumentTypeError("holds bytes that are not UTF-8 text; retype it")
    return text


def add_register_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fmt: dict[str, Any] = {"choices": ["table", "json"], "default": "table"}

    case = sub.add_parser(
        "case", help="the incident register: import, list, update, plan, log, verify, export"
    )
    cases = case.add_subparsers(dest="case_command", metavar="COMMAND", required=True)
    p = cases.add_parser("import", help="add an incident file to the register as a new case")
    p.add_argument("file", type=Path)
    p.add_argument("--format", **fmt)
    p = cases.add_parser("list", help="every case with its deadlines and counts")
    p.add_argument("--today", type=_date, help="count overdue and pending as of this date (default: today)")
    p.add_argument("--format", **fmt)
    p = cases.add_parser("update", help="save new facts as a new version; prints what changed")
    p.add_argument("id", type=_case_id)
    p.add_argument("file", type=Path)
    p.add_argument("--format", **fmt)
    p = cases.add_parser("plan", help="the plan with every notice graded")
    p.add_argument("id", type=_case_id)
    p.add_argument("--today", type=_date, help="grade as of this date (default: today)")
    p.add_argument("--version", type=_version, help="plan as of this facts version (default: the latest)")
    p.add_argument("--format", **fmt)
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the plan as an Excel workbook")
    p.add_argument("--ics", type=Path, metavar="OUT", help="also write the dated notices as a calendar")
    p.add_argument("--pdf", type=Path, metavar="OUT", help="also write a printable checklist (PDF)")
    p = cases.add_parser("log", help="the case's audit log")
    p.add_argument("id", type=_case_id)
    p.add_argument("--format", **fmt)
    p = cases.add_parser("verify", help="check the log's hash chain; exit 1 naming the first bad entry")
    p.add_argument("id", type=_case_id)
    p = cases.add_parser("export", help="incident file, notices, log and evidence files into a new folder")
    p.add_argument("id", type=_case_id)
    p.add_argument("outdir", type=Path)
    p.add_argument("--today", type=_date, help="grade as of this date (default: today)")

    notice = sub.add_parser("notice", help="record a notice as sent, or the decision not to send it")
    notices = notice.add_subparsers(dest="notice_command", metavar="COMMAND", required=True)
    p = notices.add_parser("sent", help="record a notice as sent")
    p.add_argument("id", type=_case_id)
    p.add_argument(
        "key", type=_text, help="the notice's key, e.g. CA/individuals or HIPAA/media/TX (see 'case plan')"
    )
    p.add_argument("--on", type=_date, required=True, help="the day it was sent")
    p.add_argument("--method", choices=[m.value for m in Method], required=True)
    p.add_argument(
        "--reference", type=_text, default="", help="certified-mail number, portal confirmation..."
    )
    p.add_argument(
        "--evidence", type=Path, action="append", default=[], metavar="FILE", help="a file kept as proof"
    )
    p.add_argument(
        "--late-reason",
        metavar="TEXT",
        type=_text,
        help="why it went out after its deadline: law_enforcement_delay, scope_being_determined, or your words",
    )
    p.add_argument("--by", type=_text, default="", help="who sent it (default: you)")
    p.add_argument("--note", type=_text, default="")
    p.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    p = notices.add_parser("skip", help="record the decision not to send a notice, with the reason")
    p.add_argument("id", type=_case_id)
    p.add_argument("key", type=_text)
    p.add_argument("--reason", type=_text, required=True)
    p.add_argument(
        "--evidence", type=Path, action="append", default=[], metavar="FILE", help="a file kept as proof"
    )

    p = sub.add_parser("hhs-log", help="the HHS annual log of breaches of fewer than 500 (45 CFR 164.408(c))")
    p.add_argument("year", type=_year)
    p.add_argument("--format", **fmt)

    reg = sub.add_parser("register", help="the register file itself")
    regs = reg.add_subparsers(dest="register_command", metavar="COMMAND", required=True)
    p = regs.add_parser("backup", help="a consistent copy through SQLite's backup API")
    p.add_argument("out", type=Path)


def _fail(message: str) -> int:
    # One line of a readable length, whatever the message quotes (a key, a name, a path).
    print(f"notifyplanner: {one_line(message, 600)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def run_register(args: argparse.Namespace, rules_dir: Path) -> int:
    """Run one register command; every failure a user can cause is one line and exit 2."""
    from notifyplanner.register.location import ensure_folder, register_path
    from notifyplanner.register.storage import Register, RegisterError

    path = register_path(getattr(args, "db", None))
    command = (args.command, getattr(args, "case_command", None) or getattr(args, "notice_command", None))
    creating = command == ("case", "import")
    if not path.exists() and not creating:
        if command in (("case", "list"), ("hhs-log", None)):
            return _empty(args)
        return _fail(f"{path}: no register there yet ('case import FILE' makes one)")
    incident = None
    if args.command == "case" and args.case_command in ("import", "update"):
        try:  # read before the register is opened: a bad file writes nothing
            incident = read_incident(args.file)
        except IncidentError as exc:
            return _fail(str(exc))
    if creating:
        ensure_folder(path)
    try:
        register = Register.open(path, create=creating)
    except RegisterError as exc:
        return _fail(str(exc))
    try:
        from notifyplanner.register.cases import CaseService
        from notifyplanner.rulebook import RulebookError, load_rulebook

        try:
            rulebook = load_rulebook(rules_dir)
        except RulebookError as exc:
            return _fail(f"rules {exc.problems[0]}")
        service = CaseService(register, rulebook)
        handler = _HANDLERS[command]
        return handler(service, args, incident)
    except RegisterError as exc:
        return _fail(str(exc))
    except InputError as exc:  # a date the engine refuses (e.g. the sent date as a fact)
        return _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        return _fail(f"{path}: damaged register ({exc})")
    finally:
        register.close()


def _empty(args: argparse.Namespace) -> int:
    if getattr(args, "format", "table") == "json":
        _print_json([])
    else:
        print("No cases in the register.")
    return 0


# ---- handlers: (service, args, incident) -> exit code


def _import(service: Any, args: argparse.Namespace, incident: Any) -> int:
    case = service.import_incident(incident, source=str(Path(args.file).absolute()))
    if args.format == "json":
        _print_json({"case": case.id})
    else:
        print(f"Imported {args.file} as case {case.id}: {case.name}")
    return 0


def _list(service: Any, args: argparse.Namespace, _: Any) -> int:
    today = args.today or date.today()
    rows = service.summaries(today)
    if args.format == "json":
        _print_json(
            [
                {
                    "case": s.id,
                    "name": s.name,
                    "discovered": _iso(s.discovered) or None,
                    "affected": s.affected,
                    "facts_version": s.facts_version,
                    "controlling_deadline": _iso(s.controlling_deadline) or None,
                    "next_due": _iso(s.next_due) or None,
                    "overdue": s.overdue,
                    "pending": s.pending,
                    "sent": s.sent,
                    "skipped": s.skipped,
                    "retain_until": _iso(s.retain_until) or None,
                }
                for s in rows
            ]
        )
        return 0
    if not rows:
        print("No cases in the register.")
        return 0
    table = [
        [
            str(s.id),
            s.name,
            _iso(s.discovered),
            "" if s.affected is None else f"{s.affected:,}",
            _iso(s.controlling_deadline),
            _iso(s.next_due),
            str(s.overdue),
            str(s.pending),
            str(s.sent),
            _iso(s.retain_until),
        ]
        for s in rows
    ]
    heads = [
        "Case",
        "Name",
        "Discovered",
        "Affected",
        "Controlling",
        "Next due",
        "Overdue",
        "Pending",
        "Sent",
    ]
    print(f"As of {today.isoformat()}:")
    print(_table(table, [*heads, "Keep until"]))
    return 0


def _update(service: Any, args: argparse.Namespace, incident: Any) -> int:
    result = service.update(args.id, incident)
    if args.format == "json":
        _print_json(
            {
                "case": args.id,
                "facts_version": result.case.facts_version,
                "changes": [{"field": c.field, "from": c.old, "to": c.new} for c in result.facts],
                "plan": result.plan.to_dict(),
                "individuals_notified_disagreement": None
                if result.disagreement is None
                else result.disagreement.to_dict(),
            }
        )
        return 0
    if not result.facts:
        print(
            f"Case {args.id}: the facts are unchanged; nothing saved (still version {result.case.facts_version})."
        )
        return 0
    print(f"Case {args.id}: facts version {result.case.facts_version} saved.")
    for change in result.facts:
        print(f"  {change.field}: {change.old!r} -> {change.new!r}")
    lines = result.plan.lines()
    print("The plan changed:" if lines else "The plan did not change.")
    for line in lines:
        print(f"  {line}")
    if result.disagreement:
        print(f"! {result.disagreement}")
    return 0


def _plan(service: Any, args: argparse.Namespace, _: Any) -> int:
    from notifyplanner.register.cases import grade_to_dict
    from notifyplanner.register.grading import counts
    from notifyplanner.report import deadline_text, plan_to_dict

    today = args.today or date.today()
    graded = service.graded(args.id, today, args.version)
    problem = _plan_exports(service, args, graded, today)
    if problem:
        return _fail(problem)
    if args.format == "json":
        data = plan_to_dict(graded.plan, today)
        by_key = {g.key: grade_to_dict(g) for g in graded.grades}
        for ob in data["obligations"]:
            extra = by_key[ob["key"]]
            extra.pop("deadline")
            ob.update(extra)
        data = {
            "case": args.id,
            "facts_version": graded.facts_version,
            "as_of": today.isoformat(),
            "retain_until": _iso(graded.case.retain_until) or None,
            "retain_basis": graded.retention_basis,
            "log_head": graded.case.log_head,
            "timeliness_counts": counts(graded.grades),
            **data,
            "orphaned_notices": [n.key for n in graded.orphans],
        }
        _print_json(data)
        return 0
    print(f"Case {args.id}: {graded.plan.incident.name} (facts version {graded.facts_version})")
    print(
        f"As of {today.isoformat()}; keep records until {_iso(graded.case.retain_until)}: {graded.retention_basis}"
    )
    rows = [
        [
            g.key,
            g.obligation.status.value.replace("_", " "),
            deadline_text(g.obligation),
            _iso(g.sent_on),
            g.method.value if g.method else "",
            g.verdict,
        ]
        for g in graded.grades
    ]
    print(_table(rows, ["Notice", "Status", "Deadline", "Sent on", "Method", "Timeliness"]))
    for n in graded.orphans:
        print(f"! {n.key} was recorded but the plan no longer lists it")
    print(f"Log head: {graded.case.log_head}")
    return 0


def _plan_exports(service: Any, args: argparse.Namespace, graded: Any, today: date) -> str:
    """Write ``--xlsx/--ics/--pdf`` with the plan's exporters, each carrying the case's log
    head as it was before this export; the export is then logged with that head. A problem
    is one line ('' when all went well); files written before it stay, and are logged.

    Each carries what the register records for the case's notices (sent on, method,
    reference, grade, decisions not to send): without it a printout showed notices already
    sent as still owed."""
    from notifyplanner.cli import _ics_export, _pdf_export, _xlsx_export
    from notifyplanner.export.records import recorded_from

    head = graded.case.log_head
    records = recorded_from(graded.grades)
    written: list[dict[str, str]] = []
    problem = ""
    for kind, out in (("workbook", args.xlsx), ("calendar", args.ics), ("checklist", args.pdf)):
        if out is None:
            continue
        if kind == "workbook":
            problem = _xlsx_export(graded.plan, service.rulebook, out, today, head, records=records) or ""
        elif kind == "calendar":
            problem = _ics_export(graded.plan, out, today, head, records) or ""
        else:
            problem = _pdf_export(graded.plan, out, today, head, records) or ""
        if problem:
            break
        written.append({"to": str(out), "format": kind})
    if written:
        service.register.log_event(
            args.id,
            "export",
            {
                "files": written,
                "facts_version": graded.facts_version,
                "as_of": today.isoformat(),
                "log_head": head,
            },
            service.who,
        )
    return problem


def _sent(service: Any, args: argparse.Namespace, _: Any) -> int:
    from notifyplanner.register.grading import parse_late_reason

    reason, text = (None, "") if args.late_reason is None else parse_late_reason(args.late_reason)
    result = service.mark_sent(
        args.id,
        args.key,
        args.on,
        Method(args.method),
        reference=args.reference,
        sent_by=args.by,
        note=args.note,
        late_reason=reason,
        late_reason_text=text,
        evidence=args.evidence,
        today=args.today,
    )
    grade = result.grade
    line = f"Case {args.id}: {args.key} sent {args.on.isoformat()} by {args.method}: {grade.verdict}"
    if grade.days_late and reason:
        line += f" (reason: {reason.value}{': ' + text if text else ''})"
    print(line)
    for info in grade.notice.evidence if grade.notice else ():
        print(f"  evidence {info.original_name}: {info.size:,} bytes, SHA-256 {info.sha256}")
    if result.facts_updated:
        print(
            f"individuals_notified set to {args.on.isoformat()} (facts version {result.case.facts_version})"
        )
        for line in result.facts_updated.plan.lines():
            print(f"  {line}")
    if result.disagreement:
        d = result.disagreement
        said = d.facts_date.isoformat() if d.facts_date else "no date"
        print(
            f"! The facts say individuals were notified {said}, this notice "
            f"{d.notice_date.isoformat()}: correct one of them ('case update' to change the facts)."
        )
    return 0


def _skip(service: Any, args: argparse.Namespace, _: Any) -> int:
    case = service.skip(args.id, args.key, args.reason, evidence=args.evidence)
    print(f"Case {args.id}: {args.key} decided not to send ({args.reason})")
    for info in service.register.notices(case.id)[args.key].evidence:
        print(f"  evidence {info.original_name}: {info.size:,} bytes, SHA-256 {info.sha256}")
    return 0


def _log(service: Any, args: argparse.Namespace, _: Any) -> int:
    from notifyplanner.register.audit import utc_text
    from notifyplanner.register.cases import entry_to_dict

    entries = service.register.log(args.id)
    head = service.register.case(args.id).log_head
    if args.format == "json":
        _print_json({"case": args.id, "head": head, "entries": [entry_to_dict(e) for e in entries]})
        return 0
    for e in entries:
        detail = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(e.detail.items()))
        print(f"{e.seq:>4}  {utc_text(e.at)}  {e.who}  {e.action}  {detail}")
    print(f"Head: {head}")
    return 0


def _verify(service: Any, args: argparse.Namespace, _: Any) -> int:
    result = service.register.verify(args.id)
    print(result)
    return 0 if result.ok else EXIT_LOG_BROKEN


def _export(service: Any, args: argparse.Namespace, _: Any) -> int:
    written = service.export(args.id, args.outdir, args.today or date.today())
    for path in written:
        print(path)
    print(f"Log head: {service.register.case(args.id).log_head}")
    return 0


def _hhs_log(service: Any, args: argparse.Namespace, _: Any) -> int:
    from notifyplanner.register.hhs_log import HHS_ANNUAL_CITE, hhs_log_due

    rows = service.hhs_log(args.year)
    if args.format == "json":
        _print_json(
            [
                {
                    "case": r.case_id,
                    "name": r.name,
                    "affected": r.affected,
                    "discovered": r.discovered.isoformat(),
                    "due": r.due.isoformat(),
                    "submitted_on": _iso(r.submitted_on) or None,
                }
                for r in rows
            ]
        )
        return 0
    print(
        f"HHS log of breaches of fewer than 500 discovered in {args.year}: "
        f"due {hhs_log_due(args.year).isoformat()} ({HHS_ANNUAL_CITE})"
    )
    table = [
        [
            str(r.case_id),
            r.name,
            "" if r.affected is None else str(r.affected),
            r.discovered.isoformat(),
            _iso(r.submitted_on) or "not yet",
        ]
        for r in rows
    ]
    print(
        _table(table, ["Case", "Name", "Affected", "Discovered", "Submitted"])
        if rows
        else "No such breaches."
    )
    return 0


def _backup(service: Any, args: argparse.Namespace, _: Any) -> int:
    service.register.backup(args.out)
    print(f"Backed up {service.register.path} to {args.out}")
    return 0


_HANDLERS: dict[tuple[str, str | None], Callable[[Any, argparse.Namespace, Any], int]] = {
    ("case", "import"): _import,
    ("case", "list"): _list,
    ("case", "update"): _update,
    ("case", "plan"): _plan,
    ("case", "log"): _log,
    ("case", "verify"): _verify,
    ("case", "export"): _export,
    ("notice", "sent"): _sent,
    ("notice", "skip"): _skip,
    ("hhs-log", None): _hhs_log,
    ("register", None): _backup,
}
