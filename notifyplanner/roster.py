"""Count an affected-people list (CSV, TSV, Excel) into residents per jurisdiction.

Why this exists: "how many residents of each state" drives most notice thresholds, and the
only source for it is the list of affected people an incident team exports: millions of
rows, messy state spellings, blank cells, foreign addresses. This module turns that file
into counts, and nothing else: it reads only the state, ZIP and country columns, keeps
counts and a few example values of those cells, and never writes the people's data
anywhere (no cache, no temp copy, no log).

Engine (chosen by measurement, see README, "Speed"): Polars' streaming CSV
reader for text files; fastexcel (calamine underneath, Polars' own Excel engine) for
workbooks. Both feed the same aggregation: rows
are grouped in Polars by their raw state and country cells and a compact ZIP key, and only
the few thousand distinct combinations are classified in Python by notifyplanner.places.

Pure core: no Qt import. The app passes `progress` and `cancel` callables from its worker.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Polars' CSV reader reads the file in pieces of this many bytes (default: far larger).
# Measured on the 2.3-million-row benchmark list (README, "Speed"): 1 MiB pieces keep the
# count's peak memory near 115 MB instead of 260 MB, at the same speed. Set before Polars
# reads a CSV; a value the user set in the environment wins.
os.environ.setdefault("POLARS_CSV_CHUNK_SIZE", str(1 << 20))

import polars as pl

from notifyplanner.roster_headers import HEADER_SCAN_ROWS as _HEADER_SCAN_ROWS
from notifyplanner.roster_headers import _choose_columns, _no_columns_error
from notifyplanner.roster_limits import RosterTooLarge, check_line_lengths, check_workbook
from notifyplanner.roster_tally import (
    CancelFn,
    ProgressFn,
    _column_name,
    _first_line,
    _group_frame,
    _raw_zip_groups,
    _table_info,
    _Tally,
    _ticker,
)
from notifyplanner.roster_types import (
    BUCKET_TITLES,
    BUCKETS,
    Bucket,
    ColumnChoice,
    RosterCancelled,
    RosterColumnsError,
    RosterCount,
    RosterError,
    TableInfo,
)
from notifyplanner.safe_read import InputError, read_head

__all__ = [
    "BUCKETS",
    "BUCKET_TITLES",
    "Bucket",
    "ColumnChoice",
    "RosterCancelled",
    "RosterColumnsError",
    "RosterCount",
    "RosterError",
    "TableInfo",
    "count_roster",
    "read_headers",
    "write_counts_into_incident",
]

_SAMPLE_BYTES = 256 * 1024
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


# --- text files --------------------------------------------------------------------------


@dataclass(frozen=True)
class _TextFormat:
    encoding: str  # a Python codec name
    delimiter: str
    records: list[list[str]]  # first records as csv.reader sees them ([] for blank lines)
    bytes_per_record: float

    @property
    def polars_ok(self) -> bool:
        """UTF-8 (with or without BOM): Polars reads the file directly."""
        return self.encoding in ("utf-8", "utf-8-sig")


def _sniff_text(path: Path, sample: bytes, file: str) -> _TextFormat:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text" export
    elif sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            # Not UTF-8: Windows-1252 is what Excel and older exports write in the US.
            encoding = "cp1252"
    if encoding != "utf-16" and b"\x00" in sample:
        raise RosterError(f"{file}: not a text table (binary data); expected a CSV, TSV or Excel file")
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    lines = text.splitlines(keepends=True)
    if len(sample) >= _SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    head = "".join(lines[: _HEADER_SCAN_ROWS * 4])
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else _sniff_delimiter(head)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    try:
        for rec in reader:
            records.append(rec)
            if len(records) >= _HEADER_SCAN_ROWS:
                break
    except csv.Error:
        pass  # a cut-short quoted field at the end of the sample
    per = len("".join(lines).encode(encoding, errors="replace")) / max(1, len(lines))
    return _TextFormat(encoding, delimiter, records, per)


def _sniff_delimiter(head: str) -> str:
    """Pick the delimiter that gives the most records of one consistent width (>1 field)."""
    best, best_score = ",", 0
    for d in (",", "\t", ";", "|"):
        try:
            widths = Counter(len(r) for r in csv.reader(io.StringIO(head), delimiter=d) if r)
        except csv.Error:
            continue
        if not widths:
            continue
        width, hits = widths.most_common(1)[0]
        score = hits if width > 1 else 0
        if score > best_score:
            best, best_score = d, score
    return best


def _count_text(path: Path, sample: bytes, file: str, state_column: str | None,
                zip_column: str | None, progress: ProgressFn | None,
                cancel: CancelFn | None, tally: _Tally) -> tuple[TableInfo, str, str]:  # fmt: skip
    fmt = _sniff_text(path, sample, file)
    if not any(fmt.records):
        raise RosterError(f"{file}: the file has no rows; expected a table with a header row")
    cols = _choose_columns(fmt.records, file, state_column, zip_column)
    if cols is None:
        first = next(r for r in fmt.records if r)
        raise _no_columns_error(file, first, state_column, zip_column)
    width = len(fmt.records[cols.header_row])

    utf8: bytes | None = None
    if not fmt.polars_ok:
        # Polars reads UTF-8 only. The file is re-encoded in memory, never on disk: the
        # people's data must not be copied anywhere.
        utf8 = path.read_bytes().decode(fmt.encoding, errors="replace").encode("utf-8")

    def scan() -> pl.LazyFrame:
        # Polars' skip_rows counts records like csv.reader does (quotes respected, blank
        # lines included), so the header's index among the sniffed records is the number
        # to skip.
        return pl.scan_csv(
            path if utf8 is None else io.BytesIO(utf8),
            has_header=False,
            skip_rows=cols.header_row + 1,
            separator=fmt.delimiter,
            quote_char='"',
            schema={f"c{i}": pl.String for i in range(width)},
            truncate_ragged_lines=True,
            missing_columns="insert",  # a short first row is a row with blank cells
            raise_if_empty=False,  # a header with no rows counts zero people
            encoding="utf8-lossy",
        )

    estimate = int(path.stat().st_size / max(fmt.bytes_per_record, 1.0))
    tick = _ticker(estimate, progress, cancel)

    # Read the chosen columns plus the first and last (to tell an empty line from a
    # person with no address: an empty line has nothing in any of them).
    chosen = [c.index for c in (cols.state, cols.zip, cols.country) if c is not None]
    names = [f"c{i}" for i in dict.fromkeys([*chosen, 0, width - 1])]
    select = [pl.col(n) for n in names]
    if progress is not None or cancel is not None:  # a Python call per batch: only when asked
        select[0] = select[0].map_batches(tick, is_elementwise=True, return_dtype=pl.String)
        select[0] = select[0].alias(names[0])

    state_c, zip_c, country_c = _column_name(cols.state), _column_name(cols.zip), _column_name(cols.country)

    def collect(query: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
        assert isinstance(query, pl.LazyFrame)
        try:
            return query.collect(engine="streaming")
        except RosterCancelled:
            raise
        except pl.exceptions.PolarsError as exc:
            raise RosterError(f"{file}: could not be read as a delimited table ({_first_line(exc)})") from exc

    def fetch_raw(states: set[str | None]) -> pl.DataFrame:
        assert zip_c is not None
        return collect(_raw_zip_groups(scan().select(names), state_c, zip_c, country_c, states))

    empty = pl.all_horizontal([pl.col(n).is_null() for n in names])
    grouped = collect(_group_frame(scan().select(select), state_c, zip_c, country_c, empty))
    rows, empty_rows = tally.add(grouped, fetch_raw)
    if progress is not None:
        progress(1.0)
    return (
        _table_info(path.name, cols, rows, empty_rows),
        fmt.encoding,
        "tsv" if fmt.delimiter == "\t" else "csv",
    )


# --- Excel ---------------------------------------------------------------------------------


def _excel_error(file: str, exc: Exception) -> RosterError:
    return RosterError(
        f"{file}: could not be read as an Excel workbook ({_first_line(exc)}); "
        "expected an .xlsx, .xlsm, .xls, .xlsb or .ods file"
    )


SheetLoader = Callable[[int], tuple[bool, pl.DataFrame]]


def _open_fastexcel(path: Path, file: str) -> tuple[list[str], SheetLoader]:
    """Sheet names, and a loader giving (hidden, all cells as strings) for sheet i.

    fastexcel (calamine underneath; Polars' own Excel engine) hands a sheet to Polars as
    Arrow without a Python object per cell: measured 2-3x faster than python-calamine's
    to_python() on a 200,000-row sheet. Sheets are read without a header so that a header
    below a title block can be found.
    """
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        names = list(reader.sheet_names)
    except Exception as exc:  # fastexcel raises its own hierarchy and OSErrors
        raise _excel_error(file, exc) from exc

    def load(i: int) -> tuple[bool, pl.DataFrame]:
        sheet = reader.load_sheet(i, header_row=None, dtypes="string")
        hidden = str(getattr(sheet, "visible", "visible")).lower() != "visible"
        return hidden, sheet.to_polars()

    return names, load


def _count_excel(path: Path, file: str, state_column: str | None, zip_column: str | None,
                 progress: ProgressFn | None, cancel: CancelFn | None,
                 tally: _Tally) -> list[TableInfo]:  # fmt: skip
    names, load = _open_fastexcel(path, file)
    tables: list[TableInfo] = []
    first_headers: list[str] = []
    for i, name in enumerate(names):
        if cancel is not None and cancel():
            raise RosterCancelled("cancelled")
        if progress is not None:
            progress(i / len(names))
        try:
            hidden, frame = load(i)
        except Exception as exc:
            raise RosterError(f"{file}: sheet {name!r} could not be read ({_first_line(exc)})") from exc
        if hidden:
            tables.append(TableInfo(name, 0, None, skipped="hidden sheet"))
            continue
        frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
        head = [
            ["" if v is None else str(v) for v in row] for row in frame.head(_HEADER_SCAN_ROWS).iter_rows()
        ]
        nonblank = [r for r in head if any(c.strip() for c in r)]
        if not nonblank:
            tables.append(TableInfo(name, 0, None, skipped="empty sheet"))
            continue
        if not first_headers:
            first_headers = nonblank[0]
        cols = _choose_columns(head, f"{file} sheet {name!r}", state_column, zip_column)
        if cols is None:
            seen = ", ".join(h for h in nonblank[0][:8] if h) or "(none)"
            reason = f"no state or ZIP header (first row: {seen})"
            tables.append(TableInfo(name, 0, None, skipped=reason))
            continue
        data = frame.slice(cols.header_row + 1)
        empty = pl.all_horizontal(
            [(pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "")) for c in data.columns]
        )

        state_c, zip_c, country_c = (
            _column_name(cols.state),
            _column_name(cols.zip),
            _column_name(cols.country),
        )
        grouped = _group_frame(data, state_c, zip_c, country_c, empty)
        assert isinstance(grouped, pl.DataFrame)

        def fetch_raw(
            states: set[str | None],
            data: pl.DataFrame = data,
            zs: tuple[str | None, str | None, str | None] = (state_c, zip_c, country_c),
        ) -> pl.DataFrame:
            assert zs[1] is not None
            out = _raw_zip_groups(data, zs[0], zs[1], zs[2], states)
            assert isinstance(out, pl.DataFrame)
            return out

        rows, empty_rows = tally.add(grouped, fetch_raw)
        del frame, data
        tables.append(_table_info(name, cols, rows, empty_rows))
    if not any(t.skipped is None for t in tables):
        raise _no_columns_error(file, first_headers, state_column, zip_column, " (no sheet had one)")
    if progress is not None:
        progress(1.0)
    return tables


# --- public entry point ------------------------------------------------------------------


def count_roster(
    path: str | os.PathLike[str],
    *,
    state_column: str | None = None,
    zip_column: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> RosterCount:
    """Count the rows of an affected-people list per USPS jurisdiction code.

    The state column decides; where it is blank or unreadable the ZIP prefix decides (and
    the row is also counted in `via_zip`); rows with a foreign country or region, with
    neither value, or with values that match nothing go to `unresolved` with examples of
    those cells. `state_column`/`zip_column` name header cells when the automatic choice
    is wrong or impossible.

    `progress(fraction)` and `cancel()` may be called from a Polars worker thread (once
    per streamed batch of a CSV, once per sheet of a workbook): keep them cheap and
    thread-safe, e.g. emit a queued Qt signal and read a flag. `cancel()` returning True
    stops the read and raises RosterCancelled. A workbook sheet is parsed in one native
    call, so cancel takes effect between sheets.

    Raises RosterError, whose message names the file and what was expected.
    """
    p = Path(path)
    file = p.name
    sample = _read_sample(p, file)
    if not sample.strip():
        raise RosterError(f"{file}: the file is empty; expected a table with a header row")
    if cancel is not None and cancel():
        raise RosterCancelled("cancelled")

    hasher = _Hasher(p)
    try:
        result = _count(p, file, sample, state_column, zip_column, progress, cancel)
    except BaseException:
        hasher.stop()  # the count failed: the hash is not needed
        raise
    digest = hasher.result()
    if digest is None:
        raise RosterError(f"{file}: could not be read to the end to take its SHA-256")
    return replace(
        result,
        sha256=digest,
        empty_rows=sum(t.empty_rows for t in result.tables),
        counted_at=datetime.now(UTC).replace(microsecond=0),
    )


class _Hasher:
    """The file's SHA-256, taken in a thread while the counter reads the file.

    Why: the incident records the hash so that a reviewer can tie the counts to the list
    (issue 12); hashlib releases the GIL on large buffers, so the hash costs little wall
    time beside the count. Reads in 1 MiB pieces: bounded memory whatever the size.
    """

    def __init__(self, path: Path) -> None:
        self._digest: str | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        h = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while not self._stop:
                    piece = handle.read(1 << 20)
                    if not piece:
                        self._digest = h.hexdigest()
                        return
                    h.update(piece)
        except OSError:
            return

    def stop(self) -> None:
        self._stop = True
        self._thread.join()

    def result(self) -> str | None:
        self._thread.join()
        return self._digest


def _count(p: Path, file: str, sample: bytes, state_column: str | None, zip_column: str | None,
           progress: ProgressFn | None, cancel: CancelFn | None) -> RosterCount:  # fmt: skip
    tally = _Tally()
    is_workbook = _is_workbook(p, sample)
    try:  # what the file claims, checked before a reader sizes its memory by it
        if is_workbook:
            check_workbook(p, file)
        else:
            check_line_lengths(p, file)
    except RosterTooLarge as exc:
        raise RosterError(str(exc)) from None
    except OSError as exc:
        raise RosterError(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if is_workbook:
        tables = _count_excel(p, file, state_column, zip_column, progress, cancel, tally)
        suffix = p.suffix.lower().lstrip(".")
        kind = suffix if "." + suffix in _EXCEL_SUFFIXES else "xlsx"
        return tally.result(file, kind, None, tables)
    table, encoding, kind = _count_text(p, sample, file, state_column, zip_column, progress, cancel, tally)
    return tally.result(file, kind, encoding, [table])


def _read_sample(p: Path, file: str) -> bytes:
    """The first bytes of a list, read only when it is a regular file (a FIFO would block
    forever, /dev/zero never end) within the size cap (notifyplanner.safe_read)."""
    try:
        return read_head(p, "roster", _SAMPLE_BYTES)
    except InputError as exc:
        message = exc.message
        if message.startswith("is a folder"):
            message = "is a folder; expected a CSV, TSV or Excel file"
        raise RosterError(f"{file}: {message}") from None


def _is_workbook(path: Path, sample: bytes) -> bool:
    """By content first (an .xlsx is a zip, an .xls an OLE file), then by name."""
    is_zip = sample.startswith(b"PK\x03\x04")
    is_ole = sample.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    return is_zip or is_ole or path.suffix.lower() in _EXCEL_SUFFIXES


def read_headers(path: str | os.PathLike[str], limit: int = 200) -> list[str]:
    """The first non-empty row of a list (of its first sheet), for a column picker.

    Read the way count_roster reads it (encodings, delimiters, workbooks), so the picker
    offers the names the counter will match. Only that row is kept; [] when the file
    cannot be read, because the picker then simply offers no names.
    """
    p = Path(path)
    try:
        sample = _read_sample(p, p.name)
        if _is_workbook(p, sample):
            check_workbook(p, p.name)
            _names, load = _open_fastexcel(p, p.name)
            frame = load(0)[1].head(_HEADER_SCAN_ROWS)
            rows = [["" if v is None else str(v) for v in row] for row in frame.iter_rows()]
        else:
            rows = _sniff_text(p, sample, p.name).records
    except Exception:  # unreadable in any way: no names to offer
        return []
    for row in rows:
        cells = [c.strip() for c in row if c.strip()]
        if cells:
            return cells[:limit]
    return []


# --- writing counts into an incident file -----------------------------------------------


def write_counts_into_incident(
    counts: RosterCount | Mapping[str, int], incident_path: str | os.PathLike[str]
) -> Any:
    """See notifyplanner.roster_incident.write_counts_into_incident (kept here for callers)."""
    from notifyplanner.roster_incident import write_counts_into_incident as write

    return write(counts, incident_path)
