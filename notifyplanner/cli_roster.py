"""`notifyplanner roster count FILE`: residents per jurisdiction from an affected-people list.

notifyplanner.cli adds it with add_roster_parser(subparsers). The counting module (and
Polars under it) is imported only when a list is counted, so `plan` and the app start
without paying for it.

Exit codes: 0 counted (and written with --into), 2 bad input: one line on stderr naming
the file and the problem, never a traceback, because the person running it is a privacy
officer, not a developer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from notifyplanner.places import ALL_USPS_CODES, JURISDICTIONS
from notifyplanner.safe_read import one_line

if TYPE_CHECKING:
    from notifyplanner.roster import RosterCount
    from notifyplanner.roster_incident import WrittenCounts

__all__ = ["add_roster_parser", "format_table", "run_roster"]


def add_roster_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    """Add `roster count` to a main parser's subparsers; returns the `roster` parser."""
    roster = subparsers.add_parser(
        "roster",
        help="count an affected-people list by state",
        description="Work with the list of affected people (CSV, TSV or Excel).",
    )
    sub = roster.add_subparsers(dest="roster_command", metavar="COMMAND", required=True)
    count = sub.add_parser(
        "count",
        help="count residents per jurisdiction",
        description=(
            "Count the rows of an affected-people list per state, territory and military "
            "area. Only the state, ZIP and country cells are read; nothing is written "
            "except, with --into, the counts."
        ),
    )
    count.add_argument("file", metavar="FILE", help="the list: .csv, .tsv, .txt or .xlsx/.xls")
    count.add_argument("--format", choices=("table", "json"), default="table", help="output (default: table)")
    count.add_argument(
        "--into",
        metavar="INCIDENT",
        help=(
            "write the counts into this incident file: residents of the 54 jurisdictions, the "
            "people not placed in one (military, abroad, unreadable), and the list's name and SHA-256"
        ),
    )
    count.add_argument("--state-column", metavar="NAME", help="header of the state column")
    count.add_argument("--zip-column", metavar="NAME", help="header of the ZIP column")
    return roster


def _progress_printer(stream: TextIO) -> Callable[[float], None] | None:
    """Progress on a terminal only, so pipes and CI logs stay clean."""
    if not stream.isatty():
        return None
    last = [-1]

    def show(fraction: float) -> None:
        pct = int(fraction * 100)
        if pct != last[0]:
            last[0] = pct
            stream.write(f"\rcounting... {pct:3d}%")
            stream.flush()
            if pct >= 100:
                stream.write("\r" + " " * 20 + "\r")

    return show


def run_roster(
    args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run `roster count` for parsed arguments; returns the exit code."""
    from notifyplanner.roster import RosterError
    from notifyplanner.roster_incident import write_counts_into_incident
    from notifyplanner.roster_process import count_roster_isolated as count_roster

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        result = count_roster(
            args.file,
            state_column=args.state_column,
            zip_column=args.zip_column,
            progress=_progress_printer(err),
        )
        written: WrittenCounts | None = None
        if args.into:
            written = write_counts_into_incident(result, args.into)
    except RosterError as exc:
        err.write(f"notifyplanner roster: {one_line(str(exc), 600)}\n")
        return 2
    except KeyboardInterrupt:
        err.write("notifyplanner roster: interrupted; nothing was written\n")
        return 130
    except OSError as exc:  # e.g. the incident's folder is read-only
        err.write(f"notifyplanner roster: {one_line(f'{exc.filename or args.file}: {exc.strerror}', 600)}\n")
        return 2

    if args.format == "json":
        doc = result.to_dict()
        if written is not None:
            doc["written_into"] = {
                "incident": args.into,
                "residents": written.residents,
                "unplaced": written.unplaced.total,
                "total_affected_before": written.total_before,
                "total_affected_after": written.total_after,
            }
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(result))
        if written is not None:
            out.write(written_text(written, args.into))
    return 0


def written_text(written: WrittenCounts, incident: str) -> str:
    """What --into changed, with the total's rule (notifyplanner.roster_incident)."""
    from notifyplanner.incident_counts import unplaced_words

    lines = [f"\nWrote into {incident}: {written.residents:,} residents of the 54 jurisdictions"]
    if written.unplaced:
        lines[0] += f" and {written.unplaced.total:,} people not placed in one"
        lines.append(f"  not placed: {unplaced_words(written.unplaced)}")
    lines[0] += "; the list's name and SHA-256 are recorded."
    before, after = written.total_before, written.total_after
    if after is None:
        lines.append(
            f"Total affected: not entered, so the plan takes everyone counted ({written.counted:,})."
        )
    elif before is not None and after > before:
        lines.append(f"Total affected raised from {before:,} (as entered) to {after:,}, the people counted.")
    elif after > written.counted:
        lines.append(
            f"Total affected kept at {after:,} as entered: {after - written.counted:,} more than the "
            f"{written.counted:,} people on the list."
        )
    else:
        lines.append(f"Total affected: {after:,}, the people counted.")
    return "\n".join(lines) + "\n"


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def format_table(r: RosterCount) -> str:
    """The counts as a plain-text table, non-zero rows only, then what was not placed."""
    from notifyplanner.roster import BUCKET_TITLES

    lines: list[str] = []
    lines.append(f"{r.file}: {_rows(r.rows)} counted ({r.file_format}, {r.encoding or 'workbook'})")
    for t in r.tables:
        if t.skipped:
            lines.append(f"  sheet {t.name!r}: skipped, {t.skipped}")
            continue
        label = f"sheet {t.name!r}, " if r.file_format not in ("csv", "tsv") else ""
        cols = ", ".join(
            f"{what} column {c.describe()}"
            for what, c in (("state", t.state_column), ("ZIP", t.zip_column), ("country", t.country_column))
            if c is not None
        )
        extra = f"; {t.empty_rows:,} empty rows ignored" if t.empty_rows else ""
        lines.append(f"  {label}header on row {t.header_row}: {cols}{extra}")
    lines.append("")
    width = max(len(n) for n in ALL_USPS_CODES.values()) if r.placed else 20
    lines.append(f"{'code':4}  {'jurisdiction':{width}}  {'residents':>10}  {'via ZIP':>8}")
    for code, name in ALL_USPS_CODES.items():
        n = r.counts.get(code, 0)
        if not n:
            continue
        note = "" if code in JURISDICTIONS else "  (not a planning jurisdiction)"
        via = r.via_zip.get(code, 0)
        lines.append(f"{code:4}  {name:{width}}  {n:>10,}  {f'{via:,}' if via else '':>8}{note}")
    zero = [c for c in JURISDICTIONS if not r.counts.get(c, 0)]
    lines.append(f"{'':4}  {'placed':{width}}  {r.placed:>10,}")
    if zero and len(zero) < len(JURISDICTIONS):
        lines.append(f"No rows for {len(zero)} jurisdictions: {', '.join(zero)}")
    if any(r.via_zip.values()):
        lines.append("via ZIP: state cell blank or unreadable, placed by the ZIP code's prefix.")
    if r.zip_disagrees:
        ex = "; ".join(r.zip_disagree_examples[:3])
        lines.append(
            f"{r.zip_disagrees:,} rows have a ZIP of another state than their state cell "
            f"(counted by the state cell), e.g. {ex}"
        )
    if r.unresolved_total:
        lines.append("")
        lines.append(f"Not placed: {_rows(r.unresolved_total)} (fix the source to place them)")
        for key, bucket in r.unresolved.items():
            if not bucket.count:
                continue
            ex = f": e.g. {'; '.join(bucket.examples)}" if bucket.examples else ""
            lines.append(f"  {BUCKET_TITLES[key]}: {bucket.count:,}{ex}")
            if key == "foreign" and r.foreign_countries:
                from notifyplanner.countries import country_name

                by = ", ".join(f"{country_name(c)} {n:,}" for c, n in r.foreign_countries.items())
                lines.append(f"    by country: {by}")
    if r.unplaced:
        lines.append("")
        lines.append(
            f"Affected people on the list: {r.rows:,} = {r.rows - r.unplaced.total:,} residents of the "
            f"54 planning jurisdictions + {r.unplaced.total:,} not placed in one (they count in the "
            "total affected; --into records them)"
        )
    if r.sha256:
        lines.append(f"SHA-256 of {r.file}: {r.sha256}")
    return "\n".join(lines) + "\n"
