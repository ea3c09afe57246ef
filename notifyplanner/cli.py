"""The headless face: plan, rules and roster commands.

The `notifyplanner` program itself is ui.launch, which opens the desktop app when given no
command (or just an incident file) and hands every command to ``main`` here; the core never
imports Qt or ui.

Every failure a user can cause (missing file, bad JSON, unknown field, impossible dates,
broken rule file) ends with exit status 2 and one line naming the file and field, never a
traceback: the person reading it is a privacy officer, not a Python developer.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from notifyplanner import __version__
from notifyplanner.cli_letters import add_letters_parser, run_letters
from notifyplanner.cli_register import REGISTER_COMMANDS, add_register_parsers, run_register
from notifyplanner.cli_roster import add_roster_parser, run_roster
from notifyplanner.engine import plan
from notifyplanner.export.formats import plan_bytes
from notifyplanner.incident_file import IncidentError, atomic_write_bytes, read_incident
from notifyplanner.model import Plan, Rulebook
from notifyplanner.report import plan_to_dict, plan_to_text
from notifyplanner.rulebook import BUNDLED_RULES, RulebookError, check_rules, load_rulebook, rule_files
from notifyplanner.rules_view import rules_table, show_jurisdiction
from notifyplanner.safe_read import InputError, date_window_message, in_window, one_line, shown
from notifyplanner.urgency import DEFAULT_WINDOW_DAYS
from notifyplanner.userdirs import bundled_dir

if TYPE_CHECKING:
    from notifyplanner.export.records import Records

SAMPLE_INCIDENT = bundled_dir("resources") / "samples" / "telehealth-pharmacy.json"
EXIT_BAD_INPUT = 2
COMMANDS = ("plan", "rules", "roster", "letters", *REGISTER_COMMANDS)


def _fail(message: str) -> int:
    # One line, of a readable length, whatever the message quotes from the input.
    print(f"notifyplanner: {one_line(message, 600)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _date_arg(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {shown(text)}") from None
    if not in_window(day):
        raise argparse.ArgumentTypeError(date_window_message(day))
    return day


def _window_arg(text: str) -> int:
    """The workbook's "due soon" window in days, refused with the reason when it is not one."""
    from notifyplanner.urgency import check_window

    try:
        return check_window(int(text))
    except ValueError as exc:
        if not text.strip().lstrip("-").isdigit():
            raise argparse.ArgumentTypeError(f"expected a whole number of days, got {shown(text)}") from None
        raise argparse.ArgumentTypeError(str(exc)) from None


def _emit(text: str) -> None:
    """Write ``text`` to stdout whole, or as much as the terminal's encoding can show.

    Input text is refused at the reader when it cannot be encoded at all (lone
    surrogates); this covers a terminal whose encoding is narrower than UTF-8, where an
    exception half-way through would leave half a table or half a JSON document.
    """
    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    sys.stdout.write(text)
    sys.stdout.flush()


def _json_out(data: object) -> str:
    """JSON that stays JSON in any terminal: escaped to ASCII when stdout is not UTF-8."""
    utf8 = (sys.stdout.encoding or "").lower().replace("-", "") in ("utf8", "utf8sig")
    return json.dumps(data, indent=2, ensure_ascii=not utf8) + "\n"


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line (argparse's own code is 2 too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse quotes the argument whole ("invalid choice: '<100,000 characters>'").
        self.exit(EXIT_BAD_INPUT, f"notifyplanner: {one_line(message, 500)} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="notifyplanner",
        description="Plan data-breach notices: who must be notified, by when, and what they owe.",
        epilog="Without a command, or with just an incident FILE, notifyplanner opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"notifyplanner {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the incident register (default: $NOTIFYPLANNER_DB, else your data folder)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p_plan = sub.add_parser("plan", help="print the plan for an incident file")
    p_plan.add_argument("file", type=Path)
    p_plan.add_argument("--format", choices=["table", "json"], default="table")
    p_plan.add_argument("--rules", type=Path, default=BUNDLED_RULES, help="folder of rule files to plan with")
    p_plan.add_argument("--today", type=_date_arg, help="count days left from this date (default: today)")
    p_plan.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the plan as an Excel workbook")
    p_plan.add_argument(
        "--due-soon-days",
        type=_window_arg,
        default=7,
        metavar="N",
        help="in the workbook, a deadline within N days is 'due soon' (default: 7, as in the app)",
    )
    p_plan.add_argument(
        "--ics",
        type=Path,
        metavar="OUT",
        help="also write the dated notices as a calendar (updates an earlier OUT)",
    )
    p_plan.add_argument("--pdf", type=Path, metavar="OUT", help="also write a printable checklist (PDF)")

    p_rules = sub.add_parser("rules", help="check, list or show the rule files")
    rules_sub = p_rules.add_subparsers(dest="rules_command", parser_class=_Parser, required=True)
    p_check = rules_sub.add_parser(
        "check", help="validate rule files, their official links and their notes; exit 0 when all pass"
    )
    p_check.add_argument("dir", nargs="?", type=Path, default=BUNDLED_RULES)
    p_list = rules_sub.add_parser("list", help="one line per jurisdiction")
    p_list.add_argument("--rules", type=Path, default=BUNDLED_RULES)
    p_show = rules_sub.add_parser("show", help="one jurisdiction's rules with citations")
    p_show.add_argument("code")
    p_show.add_argument("--rules", type=Path, default=BUNDLED_RULES)
    p_show.add_argument("--on", type=_date_arg, help="the version in force on this date (default: latest)")

    add_roster_parser(sub)
    add_letters_parser(sub)
    add_register_parsers(sub)

    return parser


def _load_rules(directory: Path):  # type: ignore[no-untyped-def]
    try:
        return load_rulebook(directory), None
    except RulebookError as exc:
        first = exc.problems[0]
        more = (
            f" (and {len(exc.problems) - 1} more problems; run 'notifyplanner rules check')"
            if len(exc.problems) > 1
            else ""
        )
        return None, f"rules {first}{more}"


def planned(file: Path, rules: Path) -> tuple[Rulebook, Plan] | str:
    """The incident file read and planned on the rules, or the one-line problem: what
    `plan` and `letters` both start from."""
    try:
        incident = read_incident(file)
    except IncidentError as exc:
        return str(exc)
    rulebook, error = _load_rules(rules)
    if rulebook is None:
        return error or "cannot load rules"
    try:
        return rulebook, plan(incident, rulebook)
    except InputError as exc:
        return f"{file}: {exc.field}: {exc.message}"


def cmd_plan(args: argparse.Namespace) -> int:
    outcome = planned(args.file, args.rules)
    if isinstance(outcome, str):
        return _fail(outcome)
    rulebook, result = outcome
    today = args.today or date.today()
    earlier = _earlier_contents(args.xlsx, args.ics, args.pdf)
    problem = None
    if args.xlsx is not None:
        problem = _xlsx_export(result, rulebook, args.xlsx, today, due_soon_days=args.due_soon_days)
    for out, export in ((args.ics, _ics_export), (args.pdf, _pdf_export)):
        if out is not None and problem is None:
            problem = export(result, out, today)
    if problem:
        _put_back(earlier)
        return _fail(problem)
    if args.format == "json":
        _emit(_json_out(plan_to_dict(result, today)))
    else:
        _emit(plan_to_text(result, today))
    return 0


def _earlier_contents(*outs: Path | None) -> dict[Path, bytes | None]:
    """What each export path holds before this run (None: no file there yet)."""
    earlier: dict[Path, bytes | None] = {}
    for out in outs:
        if out is not None:
            try:
                earlier[out] = out.read_bytes() if out.is_file() else None
            except OSError:
                earlier[out] = None
    return earlier


def _put_back(earlier: dict[Path, bytes | None]) -> None:
    """Undo the exports of a run that failed part-way: exit 2 means nothing was written.
    Best effort: the failure being reported may be the disk itself."""
    for out, old in earlier.items():
        with contextlib.suppress(OSError):
            if old is not None:
                atomic_write_bytes(out, old)
            elif out.is_file():
                out.unlink()


def _xlsx_export(
    result: Plan,
    rulebook: Rulebook,
    out: Path,
    today: date,
    log_head: str | None = None,
    due_soon_days: int = DEFAULT_WINDOW_DAYS,
    records: Records | None = None,
) -> str | None:
    """The workbook; a one-line problem, or None. ``records``: a register case's notices."""
    try:
        payload = plan_bytes(
            "xlsx", result, as_of=today, out=out, rulebook=rulebook,
            log_head=log_head, due_soon_days=due_soon_days, records=records,
        )  # fmt: skip
    except (ValueError, TypeError, OverflowError) as exc:  # the writer's own; nothing was written
        return f"{out}: cannot write the workbook ({shown(str(exc), 200)})"
    return _write(out, payload, "workbook", held_by="Excel", example="plan.xlsx")


def _write(
    out: Path, payload: bytes, what: str, held_by: str = "another program", example: str = ""
) -> str | None:
    """Write an export all at once (temp file + rename); a one-line problem, or None.

    The problem says what to do about it: the reader is a privacy officer, not a sysadmin."""
    try:
        atomic_write_bytes(out, payload)
    except OSError as exc:
        denied = f"permission denied: is the file open in {held_by}, or the folder read-only?"
        why = {
            errno.ENOENT: f"the folder {out.parent} does not exist",
            errno.ENOTDIR: f"{out.parent} is not a folder",
            errno.EISDIR: f"that is a folder; give a file name{' such as ' + example if example else ''}",
            errno.EACCES: denied,
            errno.EPERM: denied,
            errno.EROFS: "the folder is on a read-only disk",
            errno.ENOSPC: "the disk is full",
        }.get(exc.errno or 0, exc.strerror or str(exc))
        return f"{out}: cannot write the {what} ({why})"
    return None


def _ics_export(
    result: Plan, out: Path, today: date, log_head: str | None = None, records: Records | None = None
) -> str | None:
    """The calendar; an earlier export at OUT is read so its events update, not duplicate."""
    from notifyplanner.export.ics import IcsError

    try:
        payload = plan_bytes("ics", result, as_of=today, out=out, log_head=log_head, records=records)
    except InputError as exc:
        return f"{out}: cannot read the earlier calendar ({exc.message})"
    except OSError as exc:
        return f"{out}: cannot read the earlier calendar ({exc.strerror or exc})"
    except IcsError as exc:
        return f"{out}: {exc}"
    return _write(out, payload, "calendar")


def _pdf_export(
    result: Plan, out: Path, today: date, log_head: str | None = None, records: Records | None = None
) -> str | None:
    from notifyplanner.export.pdf import ChecklistLayoutError

    try:
        payload = plan_bytes("pdf", result, as_of=today, out=out, log_head=log_head, records=records)
    except ChecklistLayoutError as exc:
        return f"{out}: {exc}"
    return _write(out, payload, "checklist")


def cmd_rules(args: argparse.Namespace) -> int:
    if args.rules_command == "check":
        problems = check_rules(args.dir)
        for problem in problems:
            print(one_line(str(problem), 600), file=sys.stderr)
        if problems:
            return EXIT_BAD_INPUT
        count = len(rule_files(Path(args.dir)))
        print(f"{count} rule files in {args.dir}: all valid")
        return 0
    rulebook, error = _load_rules(args.rules)
    if rulebook is None:
        return _fail(error or "cannot load rules")
    if args.rules_command == "list":
        print(rules_table(rulebook))
        return 0
    code = args.code.upper()
    jurisdiction = rulebook.get(code)
    if jurisdiction is None:
        return _fail(
            f"no rules for {shown(args.code, 20)}; known: {', '.join(sorted(rulebook.jurisdictions))}"
        )
    print(show_jurisdiction(jurisdiction, args.on))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. A reader that stops early (``notifyplanner rules list | head``)
    closes the pipe; that is the reader's choice, not an error, so no traceback follows."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # Python's own advice: point stdout at devnull so the flush at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        return _fail(f"unknown command {argv[0]!r} (see --help)")
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except OSError as exc:
        # The edge's last word on paths the system refuses before any reader sees them
        # (a name too long, a loop of links, a parent folder that cannot be searched):
        # Path.exists() and is_dir() raise for these instead of answering False.
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "plan":
        return cmd_plan(args)
    if args.command == "rules":
        return cmd_rules(args)
    if args.command == "roster":
        return run_roster(args)
    if args.command == "letters":
        return run_letters(args)
    if args.command in REGISTER_COMMANDS:
        return run_register(args, BUNDLED_RULES)
    build_parser().print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
