"""Hostile-input campaign over every CLI command (run by hand; not a test).

    PYTHONPATH=$PWD /work/main/.venv/bin/python benchmarks/fuzz_cli.py [--limit N] [--seed S]

Mutates the sample incidents (resources/samples/*.json) field by field with hostile values
and runs each CLI command on them in a forked child (the program is imported once, so a run
costs milliseconds), with a timeout. A run fails the promise when it exits with a code
other than 0 or 2 (a traceback exits 1), writes a traceback or more than one line to stderr
on exit 2, hangs, or leaves a partial output file (a temp file, or output files after an
exit 2 where the command writes all or nothing).

Prints the counts and one line per failure kind with an example.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import random
import signal
import sqlite3
import stat
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notifyplanner.cli import main  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.json"))
TIMEOUT = 10.0

EXTRA = {
    "hhs_notified": None,
    "entity_attributes": {"information_broker": False},
    "circumstances": {"insurance_event_reportable": True},
    "decisions": [
        {
            "scope": "FL",
            "kind": "no_risk_of_harm",
            "conclusion": "notify",
            "date": "2026-10-20",
            "by": "counsel",
            "factors": {},
            "consulted_law_enforcement": None,
        }
    ],
    "unplaced": {"military": {"AE": 2}, "other_us": {}, "foreign": {"CA": 1}, "unreadable": 0, "blank": 1},
    "counts_source": {
        "file": "list.csv",
        "sha256": "ab" * 32,
        "rows": 3,
        "counted_at": "2026-12-03T10:35:08Z",
    },
    "discovered_at": None,
    "determined_at": None,
    "ransom_paid_at": None,
    "materiality_determined": None,
    "time_zone": "America/Chicago",
    "sectors": [],
    "insurance_domicile": None,
}

HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    float("nan"),
    10**18,
    10**30,
    "",
    " ",
    "x",
    "\ud800",
    "a\x00b\x1b[2J\x07",
    "\n\n",
    "a" * (1 << 20),
    "9999-12-31",
    "0001-01-01",
    "1989-12-31",
    "2101-01-01",
    "2026-02-30",
    "2026-10-02T10:00:00",
    "2026-10-02T10:00:00+99:00",
    "2026-10-02T10:00:00Z",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00-12:00",
    "2026-10-02T25:00:00+00:00",
    "Mars/Olympus",
    "../../etc/passwd",
    "UTC",
    "America/New_York\x00",
    [],
    [None],
    ["\ud800"],
    {},
    {"\ud800": 1},
    {"unknown": 1},
    {"x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]},
    "DEEP",
    "HUGEINT",
]


def encode(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=True, allow_nan=True)
    text = text.replace('"DEEP"', "[" * 5000 + "]" * 5000)
    return text.replace('"HUGEINT"', "9" * 5000)


def nested_targets(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Paths to every value, one level into objects and lists."""
    out: list[tuple[Any, ...]] = []
    for key, value in data.items():
        out.append((key,))
        if isinstance(value, dict):
            out += [(key, k) for k in value]
            for k, v in value.items():
                if isinstance(v, dict):
                    out += [(key, k, kk) for kk in v]
        elif isinstance(value, list):
            out += [(key, i) for i in range(len(value))]
            for i, v in enumerate(value):
                if isinstance(v, dict):
                    out += [(key, i, kk) for kk in v]
    return out


def mutate(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    new = copy.deepcopy(data)
    node = new
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return new


def bases() -> list[dict[str, Any]]:
    out = []
    for sample in SAMPLES:
        data = json.loads(sample.read_text(encoding="utf-8"))
        out.append(data)
        out.append({**EXTRA, **data})
    return out


class Run:
    def __init__(self, argv: list[str], work: Path, outputs: list[Path], all_or_nothing: bool = True):
        self.argv, self.work, self.outputs, self.all_or_nothing = argv, work, outputs, all_or_nothing


def run_child(argv: list[str], work: Path) -> tuple[int | str, str, float]:
    out_path, err_path = work / ".stdout", work / ".stderr"
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.setsid()
            fd_out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            fd_err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd_out, 1)
            os.dup2(fd_err, 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir(work)
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            if not isinstance(exc.code, int | None):
                print(exc.code, file=sys.stderr)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)
    deadline = start + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "hang", err_path.read_text(errors="replace") if err_path.exists() else "", TIMEOUT
        time.sleep(0.005)
    code: int | str = (
        os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else f"signal {os.WTERMSIG(status)}"
    )
    err = err_path.read_text(encoding="utf-8", errors="replace") if err_path.exists() else ""
    return code, err, time.monotonic() - start


def leftovers(work: Path) -> list[str]:
    return [
        str(p.relative_to(work))
        for p in work.rglob("*")
        if (".tmp" in p.name or p.name.endswith("~") or p.name.startswith(".~")) and p.is_file()
    ]


def judge(run: Run, code: int | str, err: str) -> list[str]:
    kinds = []
    if code == "hang":
        return ["hang"]
    if not isinstance(code, int) or code not in (0, 2):
        kinds.append(f"exit {code}")
    if "Traceback" in err:
        last = [ln for ln in err.strip().splitlines() if ln and not ln.startswith(" ")][-1:]
        kinds.append("traceback: " + (last[0][:120] if last else "?"))
    elif code == 2 and err.count("\n") != 1:
        kinds.append("not one line")
    elif code == 2 and len(err) > 700:
        kinds.append("long message")
    if code == 2 and not err.startswith("notifyplanner: "):
        kinds.append("no prefix")
    if code == 2 and run.all_or_nothing:
        for out in run.outputs:
            if out.exists() and not (out.is_dir() and not any(out.iterdir())) and out.name != "pre-existing":
                kinds.append(f"output left after exit 2: {out.name}")
    if left := leftovers(run.work):
        kinds.append(f"temp file left: {left[0]}")
    return kinds


def main_fuzz() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="stop after N runs")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-edge", action="store_true", help="only the mutated incidents")
    parser.add_argument("--commands", default="plan,planx,letters,caseimport,caseupdate")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    commands = args.commands.split(",")
    failures: dict[str, list[str]] = defaultdict(list)
    tried = Counter()
    root = Path(tempfile.mkdtemp(prefix="npfuzz-"))
    good_db = root / "good.sqlite"
    sample = SAMPLES[0]
    run_child(["--db", str(good_db), "case", "import", str(sample)], root)

    def one(
        argv: list[str], work: Path, outputs: list[Path], label: str, all_or_nothing: bool = True
    ) -> None:
        run = Run(argv, work, outputs, all_or_nothing)
        code, err, _took = run_child(argv, work)
        tried[label] += 1
        for kind in judge(run, code, err):
            key = f"{label}: {kind}"
            if key not in failures:  # each new kind as soon as it is seen
                print(f"NEW {key} :: {mutation[0]} :: {err.strip()[-300:]!r}", flush=True)
            failures[key].append(" ".join(a[:60] for a in argv) + " || " + err[:300])

    cases: list[tuple[dict[str, Any] | str, str]] = []
    for base in bases():
        for path in nested_targets(base):
            for value in HOSTILE:
                cases.append((mutate(base, path, value), "/".join(map(str, path)) + "=" + repr(value)[:30]))
        for key in ("zz_unknown", "\ud800"):
            cases.append(({**base, key: 1}, f"+{key!r}"))
        for key in list(base):
            cases.append(({k: v for k, v in base.items() if k != key}, f"-{key}"))
    rng.shuffle(cases)
    if args.limit:
        cases = cases[: args.limit]
    print(f"{len(cases)} mutated incidents x {len(commands)} commands", flush=True)
    t0 = time.monotonic()
    mutation = ["edge"]
    for n, (data, label) in enumerate(cases):
        mutation[0] = label
        work = root / f"w{n}"
        work.mkdir()
        inc = work / "incident.json"
        inc.write_text(encode(data) if not isinstance(data, str) else data, encoding="utf-8")
        cmd = commands[n % len(commands)]
        if cmd == "plan":
            one(["plan", str(inc), "--today", "2026-10-12", "--format", "json"], work, [], "plan json")
        elif cmd == "planx":
            outs = [work / "p.xlsx", work / "p.ics", work / "p.pdf"]
            one(
                [
                    "plan",
                    str(inc),
                    "--today",
                    "2026-10-12",
                    "--xlsx",
                    str(outs[0]),
                    "--ics",
                    str(outs[1]),
                    "--pdf",
                    str(outs[2]),
                ],
                work,
                outs,
                "plan exports",
            )
        elif cmd == "letters":
            outdir = work / "letters"
            one(["letters", str(inc), str(outdir)], work, [outdir], "letters")
        elif cmd == "caseimport":
            db = work / "r.sqlite"
            one(["--db", str(db), "case", "import", str(inc)], work, [db], "case import")
        elif cmd == "caseupdate":
            db = work / "r.sqlite"
            db.write_bytes(good_db.read_bytes())
            one(["--db", str(db), "case", "update", "1", str(inc)], work, [], "case update", False)
        if n % 200 == 0:
            print(f"  {n} runs, {len(failures)} failure kinds, {time.monotonic() - t0:.0f}s", flush=True)
        # keep the disk small: drop the work folder unless it failed
        for p in sorted(work.rglob("*"), reverse=True):
            try:
                p.chmod(0o700) if p.is_dir() else None
                p.unlink() if not p.is_dir() else p.rmdir()
            except OSError:
                pass
        with contextlib.suppress(OSError):
            work.rmdir()
    if not args.no_edge:
        edge_cases(root, one, good_db)
    total = sum(tried.values())
    print(
        f"\n{total} runs ({dict(tried)}); {sum(len(v) for v in failures.values())} failures in "
        f"{len(failures)} kinds"
    )
    for kind, examples in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"- [{len(examples)}] {kind}\n    e.g. {examples[0][:500]!r}")
    return 0


def edge_cases(root: Path, one: Any, good_db: Path) -> None:
    """The arguments and files around the incident: databases, templates, evidence, folders."""
    sample = str(SAMPLES[-1])
    e = root / "edge"
    e.mkdir()
    fifo = e / "fifo"
    os.mkfifo(fifo)
    folder = e / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    junk = e / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    foreign = e / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("create table cases(x)")
    con.commit()
    con.close()
    empty = e / "empty.sqlite"
    empty.write_bytes(b"")
    half = e / "half.sqlite"
    half.write_bytes(good_db.read_bytes()[:8192])
    ro = e / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    tpl_dirs = {}
    for name, text in {
        "broken": "{not json",
        "deep": "[" * 5000 + "]" * 5000,
        "surrogate": '{"x": "\\ud800"}',
        "empty": "",
        "list": "[]",
        "wrongtypes": json.dumps({"paragraphs": 1, "version": "x"}),
    }.items():
        d = e / f"tpl-{name}"
        d.mkdir()
        (d / "paragraphs.json").write_text(text)
        tpl_dirs[name] = d
    d = e / "tpl-fifo"
    d.mkdir()
    os.mkfifo(d / "paragraphs.json")
    tpl_dirs["fifo"] = d
    d = e / "tpl-dir"
    (d / "paragraphs.json").mkdir(parents=True)
    tpl_dirs["dir"] = d
    tpl_dirs["missing"] = e / "nowhere"

    def db_copy(name: str) -> Path:
        p = e / f"{name}-{time.monotonic_ns()}.sqlite"
        p.write_bytes(good_db.read_bytes())
        return p

    for dbname, db in {
        "junk": junk,
        "foreign": foreign,
        "empty": empty,
        "half": half,
        "fifo": fifo,
        "folder": folder,
        "ro-missing": ro / "x.sqlite",
    }.items():
        for argv in (
            ["case", "list"],
            ["case", "import", sample],
            ["case", "plan", "1"],
            ["case", "log", "1"],
            ["case", "verify", "1"],
            ["hhs-log", "2026"],
            ["register", "backup", str(e / "bk.sqlite")],
            ["case", "export", "1", str(e / f"ex-{dbname}")],
            ["notice", "sent", "1", "CA/individuals", "--on", "2026-10-20", "--method", "mail"],
        ):
            one(["--db", str(db), *argv], e, [], f"db {dbname}", False)
    for tname, tdir in tpl_dirs.items():
        out = e / f"letters-{tname}"
        one(["letters", sample, str(out), "--templates", str(tdir)], e, [out], f"templates {tname}")
    one(["letters", sample, str(ro / "out")], e, [ro / "out"], "letters read-only parent")
    rofull = e / "ro-out"
    rofull.mkdir()
    rofull.chmod(stat.S_IRUSR | stat.S_IXUSR)
    one(["letters", sample, str(rofull)], e, [], "letters read-only OUTDIR", False)
    one(["letters", sample, str(fifo)], e, [], "letters OUTDIR fifo", False)
    one(["letters", sample, str(e / "junk.sqlite")], e, [], "letters OUTDIR file", False)
    for ev_name, ev in {
        "missing": e / "nope.pdf",
        "fifo": fifo,
        "dir": folder,
        "devzero": Path("/dev/zero"),
    }.items():
        for sub in (
            ["notice", "sent", "1", "CA/individuals", "--on", "2026-10-20", "--method", "mail"],
            ["notice", "skip", "1", "CA/individuals", "--reason", "x"],
        ):
            db = db_copy("ev")
            one(["--db", str(db), *sub, "--evidence", str(ev)], e, [], f"evidence {ev_name}", False)
    hostile_args = {
        "--on": ["9999-12-31", "0001-01-01", "2026-13-01", "x" * 100000, "\udcff"],
        "--today": ["9999-12-31", "0001-01-01"],
        "key": ["", "\x00", "x" * 100000, "CA/individuals\n"],
        "--version": ["0", "-1", "99999999999999999999999", "999"],
        "id": ["0", "99999999999999999999999999", "1" * 5000],
        "year": ["0000", "9999", "1989"],
        "--reason": ["", "\x00", "a" * (1 << 20), "\ud800"],
        "--reference": ["\ud800", "\x00"],
    }
    for kind, values in hostile_args.items():
        for value in values:
            db = db_copy("arg")
            if kind == "--on":
                argv = ["notice", "sent", "1", "CA/individuals", "--on", value, "--method", "mail"]
            elif kind == "--today":
                argv = ["case", "plan", "1", "--today", value]
                one(
                    ["--db", str(db), "case", "list", "--today", value], e, [], f"arg case list {kind}", False
                )
                one(
                    ["--db", str(db), "case", "export", "1", str(e / "exp-today"), "--today", value],
                    e,
                    [e / "exp-today"],
                    f"arg case export {kind}",
                )
                one(["plan", sample, "--today", value], e, [], f"arg plan {kind}", False)
            elif kind == "key":
                argv = ["notice", "sent", "1", value, "--on", "2026-10-20", "--method", "mail"]
            elif kind == "--version":
                argv = ["case", "plan", "1", "--version", value]
            elif kind == "id":
                argv = ["case", "plan", value]
            elif kind == "year":
                argv = ["hhs-log", value]
            elif kind == "--reason":
                argv = ["notice", "skip", "1", "CA/individuals", "--reason", value]
            else:
                argv = [
                    "notice",
                    "sent",
                    "1",
                    "CA/individuals",
                    "--on",
                    "2026-10-20",
                    "--method",
                    "mail",
                    kind,
                    value,
                ]
            one(["--db", str(db), *argv], e, [], f"arg {kind}", False)
    # exports of a case into bad places
    for name, out in {"fifo": fifo, "folder": folder, "ro": ro / "p.xlsx", "existing-file": junk}.items():
        db = db_copy("exp")
        one(
            ["--db", str(db), "case", "plan", "1", "--xlsx", str(out)],
            e,
            [],
            f"case plan --xlsx {name}",
            False,
        )
        one(["--db", str(db), "case", "export", "1", str(out)], e, [], f"case export {name}", False)
        one(["plan", sample, "--ics", str(out)], e, [], f"plan --ics {name}", False)
        one(["--db", str(db), "register", "backup", str(out)], e, [], f"backup {name}", False)
    one(["plan", sample, "--due-soon-days", "9" * 5000], e, [], "plan --due-soon-days huge", False)
    ics = e / "bad.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"\xff" * 100)
    one(["plan", sample, "--ics", str(ics)], e, [], "plan --ics corrupt previous", False)
    ics2 = e / "deep.ics"
    ics2.write_text("BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\n" * 5000)
    one(["plan", sample, "--ics", str(ics2)], e, [], "plan --ics deep previous", False)
    ro.chmod(0o700)
    rofull.chmod(0o700)


if __name__ == "__main__":
    raise SystemExit(main_fuzz())
