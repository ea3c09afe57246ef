"""Benchmark: counting a 2.3-million-row roster CSV and a 200,000-row XLSX.

Run by hand: ``python benchmarks/roster_speed.py [--rows N] [--xlsx-rows N] [--repeat K]``.

Why a script and not a test: speed depends on the machine and on what else runs, so the
figures are measured and reported (README, "Speed"), never asserted in CI.

It writes a synthetic roster (fake people: made-up names, streets with commas, a few
quoted newlines, states written every way real exports write them, ZIP and ZIP+4, blank
and foreign rows) into a temporary folder, deletes it afterwards, and times
notifyplanner.roster.count_roster against bare baselines in the same run. Each
measurement runs in a fresh child process that reports its own wall time (after imports)
and peak resident memory (ru_maxrss), because Polars and Arrow allocate natively where
tracemalloc cannot see.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGET_CSV_S = 1.0
TARGET_CSV_MB = 200
# Issue 12: the count (full normalisation and the file's SHA-256) no slower than DuckDB's
# bare group-by on the same file in the same run.
BASELINE_CSV = "duckdb, bare count by state"
TARGET_XLSX_S = 2.0

# --- synthetic data ------------------------------------------------------------------------

FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "José", "María", "Zoë", "Chloé"]  # fmt: skip
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernández", "O'Brien", "Nguyen", "Kim", "Müller"]  # fmt: skip
STREETS = ["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park"]
CITIES = ["Springfield", "Franklin", "Greenville", "Bristol", "Clinton", "Fairview", "Salem",
          "Madison", "Georgetown", "Arlington"]  # fmt: skip


def _state_forms() -> list[tuple[str, list[str], list[str]]]:
    """(code, spellings, zip prefixes) for every USPS area, spellings as exports write them."""
    sys.path.insert(0, str(ROOT))
    from notifyplanner.places import ALL_USPS_CODES, ZIP3_RANGES, ZIP5_EXCEPTIONS

    abbrev = {"CA": "Calif.", "MA": "Mass.", "PA": "Penn.", "DC": "Wash. D.C.", "ND": "N. Dak."}
    prefixes: dict[str, list[str]] = {}
    for first, last, code in ZIP3_RANGES:
        prefixes.setdefault(code, []).extend(f"{p:03d}" for p in range(first, last + 1))
    # Areas that share a prefix get real 5-digit ZIPs, so the data is internally consistent.
    for z5, code in ZIP5_EXCEPTIONS.items():
        if code in ("AS", "MP", "FM", "MH", "PW"):
            prefixes.setdefault(code, []).append(z5)
    prefixes["GU"] = ["96910", "96913", "96921", "96929", "96932"]
    out = []
    for code, name in ALL_USPS_CODES.items():
        forms = [code, code, code, code.lower(), name, name.upper() + " ", f" {code} "]
        if code in abbrev:
            forms.append(abbrev[code])
        out.append((code, forms, prefixes[code]))
    return out


def make_rows(n: int, seed: int = 2300) -> list[list[str]]:
    """Not used for the big file (streamed); handy for a quick look at the data."""
    return list(_row_iter(n, seed))


def _row_iter(n: int, seed: int):
    rnd = random.Random(seed)
    forms = _state_forms()
    # A skewed distribution like a real roster: a few big states, a long tail.
    weights = [rnd.paretovariate(1.2) for _ in forms]
    choose = rnd.choices
    picks = choose(range(len(forms)), weights=weights, k=n)
    foreign = ["Ontario", "BC", "Germany", "Québec", "Mexico"]
    for i in range(n):
        _code, spellings, pre = forms[picks[i]]
        roll = rnd.random()
        state = rnd.choice(spellings)
        zip5 = rnd.choice(pre)
        if len(zip5) == 3:
            zip5 += f"{rnd.randrange(100):02d}"
        zipc = zip5 + (f"-{rnd.randrange(10000):04d}" if rnd.random() < 0.3 else "")
        if zipc.startswith("0") and rnd.random() < 0.1:
            zipc = zipc[1:]  # a list that went through Excel once: 02134 became 2134
        if roll < 0.02:
            state = ""  # ZIP fallback
        elif roll < 0.025:
            state, zipc = "", ""  # blank
        elif roll < 0.032:
            state, zipc = rnd.choice(foreign), "K1A 0B1"  # foreign
        elif roll < 0.034:
            state = "??"  # unreadable state, ZIP rescues it
        street = f"{rnd.randrange(1, 9999)} {rnd.choice(STREETS)} St, Apt {rnd.randrange(1, 400)}"
        if rnd.random() < 0.001:
            street += "\nBuilding B"
        yield [
            str(100000 + i),
            rnd.choice(FIRST),
            rnd.choice(LAST),
            street,
            rnd.choice(CITIES),
            state,
            zipc,
        ]


HEADER = ["Patient ID", "First Name", "Last Name", "Street Address", "City", "State", "ZIP"]


def write_csv(path: Path, n: int) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(_row_iter(n, 2300))


def write_xlsx(path: Path, n: int) -> None:
    """Write an .xlsx the way Excel saves one: shared strings, numbers as numbers.

    openpyxl's write-only mode writes inline strings, which makes a sheet about ten times
    larger than Excel's own files and would measure the wrong thing; this small writer
    produces what Excel produces (a title row above the header, numeric IDs and ZIPs
    with their leading zeros dropped, a second sheet of notes).
    """
    import zipfile
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}

    def s_cell(ref: str, text: str) -> str:
        i = strings.setdefault(text, len(strings))
        return f'<c r="{ref}" t="s"><v>{i}</v></c>'

    def row_xml(r: int, cells: list[str | int]) -> str:
        out = []
        for c, v in enumerate(cells):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(v, int):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v != "":
                out.append(s_cell(ref, v))
        return f'<row r="{r}">{"".join(out)}</row>'

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rows = [row_xml(1, ["Incident 2024-017: affected individuals (export)"]), row_xml(3, HEADER)]
    for i, rec in enumerate(_row_iter(n, 17)):
        cells: list[str | int] = list(rec)
        cells[0] = int(rec[0])
        if rec[6].isdigit():
            cells[6] = int(rec[6])  # Excel turns 02134 into the number 2134
        rows.append(row_xml(i + 4, cells))
    sheet1 = f"<worksheet {ns}><sheetData>{''.join(rows)}</sheetData></worksheet>"
    sheet2 = f"<worksheet {ns}><sheetData>{row_xml(1, ['Prepared by', 'IR team'])}</sheetData></worksheet>"
    sst = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in strings)
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f"<workbook {ns} {rel_ns}><sheets>"
            '<sheet name="Affected individuals" sheetId="1" r:id="rId1"/>'
            '<sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet1,
        "xl/worksheets/sheet2.xml": sheet2,
        "xl/sharedStrings.xml": f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)


# --- measurements (each runs in a child process) ------------------------------------------

CHILD_HEAD = "import json, resource, sys, time\nsys.path.insert(0, {root!r})\npath = {path!r}\n"
CHILD_TIME = "t0 = time.perf_counter()\n"
# Peak memory: VmHWM from /proc (Linux) is this process's own high-water mark. ru_maxrss
# would be wrong here: Linux carries the parent's peak across fork+exec, and the parent
# holds the generated data. ru_maxrss is the fallback on systems without /proc.
CHILD_TAIL = (
    "dt = time.perf_counter() - t0\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "try:\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            peak = int(line.split()[1]) / 1024\n"
    "except OSError:\n"
    "    pass\n"
    "out = {'seconds': dt, 'peak_mb': peak, 'check': check}\n"
    "if 'child_peak' in globals(): out['child_peak_mb'] = child_peak\n"
    "print(json.dumps(out))\n"
)

CASES_CSV: dict[str, tuple[str, str, str | None]] = {
    # name: (imports, body, module that must be importable)
    "notifyplanner (Polars, full normalisation)": (
        "from notifyplanner.roster import count_roster",
        "r = count_roster(path); check = r.rows",
        "polars",
    ),
    # The path `roster count` and the app's import take: a worker process with a memory
    # limit (notifyplanner.roster_process), its start and imports included. Peak memory is
    # the worker's (RUSAGE_CHILDREN; it may include the parent's size at the fork).
    "notifyplanner worker process (roster count, the app's import)": (
        "from notifyplanner.roster_process import count_roster_isolated",
        "r = count_roster_isolated(path); check = r.rows\n"
        "child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024",
        "polars",
    ),
    "python csv module, bare count by state": (
        "import csv, collections",
        "c = collections.Counter()\n"
        "with open(path, newline='', encoding='utf-8') as f:\n"
        "    rd = csv.reader(f); next(rd)\n"
        "    for row in rd: c[row[5]] += 1\n"
        "check = sum(c.values())",
        None,
    ),
    "notifyplanner in-process, without the SHA-256": (
        "from notifyplanner import roster\n"
        "class NoHash:\n"
        "    def __init__(self, path): pass\n"
        "    def result(self): return '0' * 64\n"
        "    def stop(self): pass\n"
        "roster._Hasher = NoHash",
        "r = roster.count_roster(path); check = r.rows",
        "polars",
    ),
    "polars lazy, bare count by state": (
        "import polars as pl",
        "df = pl.scan_csv(path, infer_schema=False).group_by('State').len()"
        ".collect(engine='streaming')\n"
        "check = int(df['len'].sum())",
        "polars",
    ),
    "duckdb, bare count by state": (
        "import duckdb",
        "rows = duckdb.sql(f\"select State, count(*) from read_csv('{path}', all_varchar=true) "
        'group by 1").fetchall()\n'
        "check = sum(n for _, n in rows)",
        "duckdb",
    ),
    "pyarrow csv, bare count by state": (
        "import pyarrow as pa, pyarrow.csv as pc, pyarrow.compute as pcc",
        "t = pc.read_csv(path, convert_options=pc.ConvertOptions(include_columns=['State'],"
        " column_types={'State': pa.string()}), parse_options=pc.ParseOptions("
        "newlines_in_values=True))\n"
        "vc = pcc.value_counts(t['State'])\n"
        "check = sum(x['counts'].as_py() for x in vc)",
        "pyarrow",
    ),
}

CASES_XLSX: dict[str, tuple[str, str, str | None]] = {
    "notifyplanner (fastexcel + Polars, full normalisation)": (
        "from notifyplanner.roster import count_roster",
        "r = count_roster(path); check = r.rows",
        "fastexcel",
    ),
    "fastexcel, bare count by state": (
        "import fastexcel",
        "df = fastexcel.read_excel(path).load_sheet(0, header_row=2, use_columns=[5], "
        "dtypes='string').to_polars()\n"
        "check = int(df.group_by(df.columns[0]).len()['len'].sum())",
        "fastexcel",
    ),
    "python-calamine, bare count by state": (
        "import collections; from python_calamine import CalamineWorkbook",
        "rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()\n"
        "c = collections.Counter(r[5] if len(r) > 5 else None for r in rows[3:])\n"
        "check = sum(c.values())",
        "python_calamine",
    ),
    "openpyxl read-only, bare count by state": (
        "import collections; from openpyxl import load_workbook",
        "ws = load_workbook(path, read_only=True).worksheets[0]\n"
        "c = collections.Counter(r[5] if len(r) > 5 else None "
        "for r in ws.iter_rows(min_row=4, values_only=True))\n"
        "check = sum(c.values())",
        "openpyxl",
    ),
}


def _available(module: str | None) -> bool:
    if module is None:
        return True
    import importlib.util

    return importlib.util.find_spec(module) is not None


def run_case(path: Path, imports: str, body: str) -> dict[str, float]:
    head = CHILD_HEAD.format(root=str(ROOT), path=str(path))
    code = head + imports + "\n" + CHILD_TIME + body + "\n" + CHILD_TAIL
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(path: Path, cases: dict[str, tuple[str, str, str | None]], repeat: int) -> list[tuple]:
    out = []
    for name, (imports, body, module) in cases.items():
        if not _available(module):
            out.append((name, None, None, None, "not installed"))
            continue
        runs = []
        try:
            for _ in range(repeat):
                runs.append(run_case(path, imports, body))
        except RuntimeError as exc:
            out.append((name, None, None, None, f"failed: {exc}"))
            continue
        best = min(runs, key=lambda r: r["seconds"])
        peak = max(r.get("child_peak_mb", r["peak_mb"]) for r in runs)
        out.append((name, best["seconds"], peak, best["check"], ""))
    return out


def print_table(title: str, rows: list[tuple], target: str) -> None:
    print(f"\n{title}  ({target})", flush=True)
    print(f"  {'engine':58} {'best s':>8} {'peak MB':>8} {'rows':>10}")
    for name, secs, peak, check, note in rows:
        if secs is None:
            print(f"  {name:58} {note}")
        else:
            print(f"  {name:58} {secs:8.2f} {peak:8.0f} {check:>10}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=2_300_000, help="CSV data rows")
    ap.add_argument("--xlsx-rows", type=int, default=200_000, help="XLSX data rows")
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine; best is shown")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="roster-bench-"))
    try:
        csv_path = tmp / "roster.csv"
        xlsx_path = tmp / "roster.xlsx"
        t = time.perf_counter()
        write_csv(csv_path, args.rows)
        print(
            f"generated {args.rows:,} CSV rows ({csv_path.stat().st_size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - t:.1f} s",
            flush=True,
        )
        t = time.perf_counter()
        write_xlsx(xlsx_path, args.xlsx_rows)
        print(
            f"generated {args.xlsx_rows:,} XLSX rows ({xlsx_path.stat().st_size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - t:.1f} s",
            flush=True,
        )
        print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}")

        csv_rows = measure(csv_path, CASES_CSV, args.repeat)
        print_table(
            f"CSV, {args.rows:,} rows",
            csv_rows,
            f"target: notifyplanner <= {BASELINE_CSV!r} and <= {TARGET_CSV_MB} MB peak",
        )
        xlsx_rows = measure(xlsx_path, CASES_XLSX, args.repeat)
        print_table(
            f"XLSX, {args.xlsx_rows:,} rows",
            xlsx_rows,
            f"target: notifyplanner <= {TARGET_XLSX_S} s",
        )
        ours_csv, ours_xlsx = csv_rows[0], xlsx_rows[0]
        baseline = next((r[1] for r in csv_rows if r[0] == BASELINE_CSV), None) or TARGET_CSV_S
        ok = (
            ours_csv[1] is not None
            and ours_csv[1] <= baseline
            and ours_csv[2] <= TARGET_CSV_MB
            and ours_xlsx[1] is not None
            and ours_xlsx[1] <= TARGET_XLSX_S
        )
        print("\ntargets met" if ok else "\ntargets NOT met on this run")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
