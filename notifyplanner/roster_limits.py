"""Limits checked before an affected-people list is handed to a reader.

Why: the readers (Polars for text, calamine through fastexcel for workbooks) size their
memory from what the file says, not from what it holds. An .xlsx of a few kilobytes whose
cells sit at A1 and XFD1048576 made calamine allocate 512 GB and abort the whole process
(issue 15); a CSV made of one 100 MB line took 1.5 GB. Each check here is cheap compared
with the read it protects, and proportionate to the file: a real list is dense, so what
its cells span is close to how many cells it has, and its zip packs text about 5-15x.

The app runs the count in a worker process as well (notifyplanner.roster_process), so a
reader that fails in a way no check foresaw cannot take the window down.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from notifyplanner.safe_read import MIB

# A sheet may span at most this many cells (rows x columns between its first and last
# cell): Excel's 1,048,576 rows by 19 columns, a few hundred MB in the reader.
MAX_SHEET_CELLS = 20_000_000
# ... and, past a floor for small sheets, at most this many times the cells it holds.
MAX_SPARSENESS = 10
SPARSE_FLOOR_CELLS = 1_000_000
# Uncompressed size of a workbook: at most this many times the file, past a floor.
MAX_ZIP_RATIO = 100
ZIP_FLOOR_BYTES = 64 * MIB
MAX_UNCOMPRESSED_BYTES = 4096 * MIB
# A line of a text list (outside quotes, between line breaks). A roster line is an
# address; 8 MB of one line is not a list of people.
MAX_LINE_BYTES = 8 * MIB

SCAN_SHEETS_UP_TO = 16 * MIB
_CHUNK = 4 * MIB
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d{1,7})?(?::([A-Z]{1,3})(\d{1,7}))?\"")
_CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,4})\d")
_CELL_ROW = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"[A-Z]{1,4}(\d{1,8})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,8})\"")


class RosterTooLarge(ValueError):
    """A list past a limit; the message names the limit and what the file claims."""


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n


def _span_limit(cells: int) -> int:
    return min(MAX_SHEET_CELLS, max(SPARSE_FLOOR_CELLS, MAX_SPARSENESS * cells))


def check_workbook(path: Path, file: str) -> None:
    """Raise ``RosterTooLarge`` when an .xlsx/.xlsm (a zip) claims more than it holds.

    Checks the zip's uncompressed sizes against the file's size, then streams each
    worksheet's XML once: its declared dimension, and the span of the cells it really
    has (calamine sizes its grid from both). Other formats (.xls, .xlsb, .ods) pass
    unchecked; the app's worker process bounds them.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader reports what it is
    with archive:
        size = path.stat().st_size
        budget = min(MAX_UNCOMPRESSED_BYTES, max(ZIP_FLOOR_BYTES, MAX_ZIP_RATIO * size))
        declared = sum(max(info.file_size, 0) for info in archive.infolist())
        if declared > budget:
            raise RosterTooLarge(
                f"{file}: unpacks to {declared / MIB:,.0f} MB from {size / MIB:,.1f} MB on disk; "
                f"a workbook may unpack to at most {budget / MIB:,.0f} MB"
            )
        sheets = [
            info
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        ]
        used = 0
        for info in sheets:
            used += _check_sheet(archive, info, file, budget - used)


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, budget: int) -> int:
    """Stream one worksheet's XML; returns its uncompressed size."""
    sheet = info.filename.rsplit("/", 1)[-1].removesuffix(".xml")
    # The span of the cells a sheet really holds needs the whole XML read (about a third of
    # a second per 50 MB), so it is measured on sheets up to this size: the bombs are small
    # files. A larger sheet holds many cells, its allowed span is large anyway, and the
    # worker process's memory limit (notifyplanner.roster_process) bounds the rest.
    scan_cells = info.file_size <= SCAN_SHEETS_UP_TO
    max_row = max_col = cells = total = 0
    tail = b""
    with archive.open(info) as stream:
        first = True
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk or (not first and not scan_cells):
                break
            total += len(chunk)
            if total > budget:
                raise RosterTooLarge(
                    f"{file}: sheet {sheet} unpacks past {budget / MIB:,.0f} MB, more than the file can hold"
                )
            data = tail + chunk
            # Keep an incomplete tag for the next chunk so no reference is cut in two.
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 and len(data) - cut < 512 else (data, b"")
            if first:
                first = False
                dim = _DIMENSION.search(data)
                if dim is not None and dim.group(3) is not None:
                    rows = int(dim.group(4)) - int(dim.group(2) or 1) + 1
                    cols = column_number(dim.group(3)) - column_number(dim.group(1) or b"A") + 1
                    # A cell takes at least ~10 bytes of XML, so one cell per byte of the
                    # sheet is ample for a real sheet; a bomb claims millions in kilobytes.
                    allowed = min(MAX_SHEET_CELLS, max(SPARSE_FLOOR_CELLS, info.file_size))
                    if rows * cols > allowed:
                        raise RosterTooLarge(
                            f"{file}: sheet {sheet} declares {rows:,} rows by {cols:,} columns "
                            f"({dim.group(0).decode('ascii', 'replace')[1:]}) in "
                            f"{info.file_size / MIB:,.1f} MB of XML; this sheet may span at most "
                            f"{allowed:,} cells"
                        )
            cells += data.count(b"<c ") + data.count(b"<c>")
            letters = set(_CELL_COLUMN.findall(data))  # a handful of distinct columns
            if letters:
                max_col = max(max_col, max(column_number(c) for c in letters))
            cell_rows = set(_CELL_ROW.findall(data))
            if cell_rows:
                max_row = max(max_row, max(map(int, cell_rows)))
            rows_here = _ROW_REF.findall(data)
            if rows_here:
                max_row = max(max_row, max(int(r) for r in rows_here))
            if max_row * max(max_col, 1) > MAX_SHEET_CELLS:
                break  # already past the absolute limit: no need to read on
    span = max_row * max(max_col, 1)
    if scan_cells and span > _span_limit(cells):
        raise RosterTooLarge(
            f"{file}: sheet {sheet} has cells as far apart as row {max_row:,} and column "
            f"{max_col:,} ({span:,} cells to hold) but only about {cells:,} cells; a sheet may span at "
            f"most {_span_limit(cells):,} cells (10 times the cells it has, at most {MAX_SHEET_CELLS:,})"
        )
    return total


def check_line_lengths(path: Path, file: str) -> None:
    """Raise ``RosterTooLarge`` when a text list has a stretch of ``MAX_LINE_BYTES`` with no
    line break (CR or LF).

    Any such stretch covers one of the file's aligned windows of half that size entirely,
    so each window is read only up to its first line break: a few kilobytes per window
    for a real list, however large the file.
    """
    size = path.stat().st_size
    half = MAX_LINE_BYTES // 2
    if size < half:
        return
    with path.open("rb") as handle:
        for start in range(0, size - half + 1, half):
            handle.seek(start)
            seen = 0
            while seen < half:
                piece = handle.read(min(64 * 1024, half - seen))
                if not piece or b"\n" in piece or b"\r" in piece:
                    break
                seen += len(piece)
            else:
                raise RosterTooLarge(
                    f"{file}: {half // MIB} MB go by without a line break; "
                    "expected a list with one person per line"
                )
