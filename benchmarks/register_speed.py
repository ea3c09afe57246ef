"""How fast the register answers when it is big (run by hand; figures go in the README).

Targets from issue 10: a register of 5,000 incidents with 50 notices each opens its
register view in under 1 s, and `hhs-log` answers in under 0.5 s.

The register is built once (``benchmarks/out/register-5000.sqlite3``, reused on later runs)
through the storage module's own calls, with fsync off while building only: building is
not what is measured. Each incident is planned for real, so the kept plan rows are what
a user's would be. Then, each timed from a cold ``Register.open``:

- register view: open + ``CaseService.summaries(today)`` (the list with its counts)
- hhs-log: open + ``CaseService.hhs_log(year)``
- the same two through the command line, as a new process (start-up included)

Usage: python benchmarks/register_speed.py [--cases 5000] [--notices 50]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import os
import statistics
import subprocess
import time
from datetime import date, timedelta

from benchmarks.timing import timed
from notifyplanner.engine import plan
from notifyplanner.incident_file import dumps
from notifyplanner.model import DataElement, EntityRole, Incident
from notifyplanner.register.cases import CaseService, case_index
from notifyplanner.register.records import Method, NewNotice, NoticeAction
from notifyplanner.register.storage import Register
from notifyplanner.rulebook import load_rulebook

OUT = Path(__file__).resolve().parent / "out"
STATES = [
    "CA",
    "TX",
    "FL",
    "NY",
    "MA",
    "WA",
    "IL",
    "PA",
    "OH",
    "GA",
    "NC",
    "MI",
    "NJ",
    "VA",
    "AZ",
    "CO",
    "MD",
]


def incident(i: int) -> Incident:
    """Varied but deterministic: discovery across 2024-2026; one in five under 500 people."""
    small = i % 5 == 0
    states = STATES[: 8 + i % 10]
    count = 30 if small else 700 + (i * 37) % 5000
    return Incident(
        name=f"Benchmark incident {i}",
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2024, 1, 1) + timedelta(days=(i * 7) % 1000),
        data_elements=frozenset({DataElement.NAME, DataElement.SSN, DataElement.MEDICAL}),
        residents={code: count // (3 if small else 1) for code in states},
    )


def build(path: Path, cases: int, notices: int) -> None:
    rulebook = load_rulebook()
    service = CaseService(Register.open(path), rulebook, who="benchmark")
    register = service.register
    register._db.execute("PRAGMA synchronous = OFF")  # building only; measured runs use FULL
    start = time.perf_counter()
    for i in range(cases):
        inc = incident(i)
        result = plan(inc, rulebook)
        case = register.create_case(dumps(inc), case_index(inc, result, service.digest), "benchmark")
        keys = [o.key for o in result.obligations][:notices]
        keys += [f"BENCH/extra_{n}" for n in range(notices - len(keys))]  # pad to exactly `notices`
        revision = case.revision
        for n, key in enumerate(keys):
            sent_on = (inc.discovered or date(2024, 1, 1)) + timedelta(days=10 + n % 50)
            case = register.record_notice(
                case.id,
                NewNotice(key, NoticeAction.SENT, sent_on=sent_on, method=Method.MAIL, reference=f"R{i}-{n}"),
                "benchmark",
                expected_revision=revision,
            )
            revision = case.revision
        if i % 500 == 499:
            print(f"  built {i + 1} cases ({time.perf_counter() - start:.0f} s)", flush=True)
    register.close()


def register_file(cases: int, notices: int) -> Path:
    """The benchmark register of ``cases`` x ``notices``, built on first use and reused after."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"register-{cases}x{notices}.sqlite3"
    if not path.exists():
        print(f"Building {path} ({cases} cases x {notices} notices)...", flush=True)
        build(path, cases, notices)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--notices", type=int, default=50)
    args = parser.parse_args()
    path = register_file(args.cases, args.notices)
    size = path.stat().st_size / 1e6
    rulebook = load_rulebook()  # the app has it loaded before it opens the register view
    today = date(2026, 12, 3)

    def view() -> None:
        with Register.open(path) as register:
            rows = CaseService(register, rulebook).summaries(today)
            assert len(rows) == args.cases

    def hhs() -> None:
        with Register.open(path) as register:
            CaseService(register, rulebook).hhs_log(2025)

    with Register.open(path) as register:
        n_rows = len(CaseService(register, rulebook).hhs_log(2025))
    view_ms, hhs_ms = timed(view), timed(hhs)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))

    def cli(*command: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "notifyplanner", "--db", str(path), *command],
            check=True,
            capture_output=True,
            env=env,
        )

    cli_list_ms = timed(lambda: cli("case", "list", "--format", "json", "--today", today.isoformat()), 3)
    cli_hhs_ms = timed(lambda: cli("hhs-log", "2025", "--format", "json"), 3)
    print(
        f"register: {args.cases} cases x {args.notices} notices, {size:.0f} MB; hhs-log 2025 lists {n_rows}"
    )
    for label, values, target in (
        ("open + register view (summaries)", view_ms, 1000),
        ("open + hhs-log", hhs_ms, 500),
        ("CLI `case list --format json` (new process)", cli_list_ms, None),
        ("CLI `hhs-log 2025 --format json` (new process)", cli_hhs_ms, None),
    ):
        goal = f" (target < {target} ms)" if target else ""
        print(f"{label}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms{goal}")


if __name__ == "__main__":
    main()
