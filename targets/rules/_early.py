"""The columnar files of a run, read by a thread of their own from the moment they are found.

Reading a CSV or Parquet file is pyarrow's work, done outside Python's lock; importing the
models the rules are validated with, and parsing the YAML files, is Python's. So
`targets.load` finds the files, starts this thread, and only then imports the rest of the
loader (`targets.rules` imports its modules on first use): the figures of a large run are
read while the loader is imported and the rules parsed, not after. This module imports no
more than the standard library until a columnar file is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from targets._memory import holding
from targets._threads import worker_pool
from targets.rules._discover import COLUMNAR_SUFFIXES, PARQUET_SUFFIXES
from targets.rules._errors import Diagnostic
from targets.rules._files import CSV_REQUIRED, first_bytes

if TYPE_CHECKING:
    from concurrent.futures import Future  # a thread pool, for columnar files only

    from targets.rules._columnar import Columnar  # imported when a columnar file is read

__all__ = ["COLUMNAR_FILE_FROM", "COLUMNAR_FROM", "Early", "reading"]

COLUMNAR_FROM = 256 * 2**10
"""The CSV files of a run that hold at least this many bytes together are read into
columns with pyarrow; both readers give the same figures and the same problems (tests read
files both ways)."""
COLUMNAR_FILE_FROM = 4 * 2**10
"""A CSV file smaller than this (a hundred figures or so) is read row by row however large
the run: the columnar reader's cost a file (about 1.5 ms) is more than its rows' there."""


class Early:
    """The files of a run: each one's size, whether it is read into columns, and the
    reading of each such file, under way (by its position in `paths`)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.sizes = [_size(p) for p in self.paths]
        csv = sum(
            s
            for p, s in zip(self.paths, self.sizes, strict=True)
            if p.suffix.lower() in COLUMNAR_SUFFIXES and p.suffix.lower() not in PARQUET_SUFFIXES
        )
        self.columnar = [
            p.suffix.lower() in COLUMNAR_SUFFIXES and _columnar(p, size, csv)
            for p, size in zip(self.paths, self.sizes, strict=True)
        ]
        self.pending: dict[int, Future[tuple[Columnar | None, list[Diagnostic]]]] = {}


@contextmanager
def reading(paths: Sequence[Path]) -> Iterator[Early]:
    """The files `paths`, their columnar ones read by a second thread, one at a time,
    from now on; a run of YAML files starts no thread (start-up time)."""
    early = Early(paths)
    if not any(early.columnar):
        yield early
        return
    with worker_pool(1, "targets-read") as pool:
        rows = _Rows()
        for i, columnar in enumerate(early.columnar):
            if columnar:
                early.pending[i] = pool.submit(_read_columnar, early.paths[i], rows)
        yield early


class _Rows:
    """The rows of the columnar files read so far (by the one reading thread)."""

    count = 0


def _read_columnar(path: Path, rows: _Rows) -> tuple[Columnar | None, list[Diagnostic]]:
    """`read_columnar`, its text columns then encoded by the same thread (pyarrow and
    the column checks imported then: for columnar files only). Before the arrays of a run
    of millions of figures are made, numpy may be asked for huge pages (`holding`)."""
    from targets.rules._columnar import read_columnar  # noqa: PLC0415

    columns, problems = read_columnar(path)
    if columns is None:
        return None, problems
    rows.count += columns.table.num_rows
    holding(rows.count)
    return columns.encoded(), problems


def _columnar(path: Path, size: int, csv: int) -> bool:
    """Whether to read this CSV or Parquet file into columns: Parquet always; a CSV file of
    `COLUMNAR_FROM` bytes or more, or of `COLUMNAR_FILE_FROM` or more in a run whose CSV
    files reach `COLUMNAR_FROM` together (a few small files are read row by row: importing
    pyarrow would cost more than it saves; two hundred files of one province each, 190 KB
    apiece, read so took 71 s and 4 GB where one file of them all took 2 s; five thousand
    files of two figures each take 1.6 s row by row and 8 s as columns); and a small one
    whose header lacks a column of ours: perhaps a layout such as SDMX-CSV that the
    programme's column mapping renames, which only the columnar reader applies (it says the
    same as the row reader where none is declared)."""
    return (
        path.suffix.lower() in PARQUET_SUFFIXES
        or size >= COLUMNAR_FROM
        or (csv >= COLUMNAR_FROM and size >= COLUMNAR_FILE_FROM)
        or not set(CSV_REQUIRED) <= _header_of(path)
    )


def _header_of(path: Path) -> set[str]:
    """The names in a CSV file's first line, roughly (quotes and spaces dropped); every
    required name when it cannot be read (the reader then says why)."""
    try:  # a link inside the folder: followed, as the readers follow it
        first = first_bytes(path.resolve(strict=True), 1 << 16).split(b"\n", 1)[0]
    except (OSError, RuntimeError):  # not a regular file, or a symlink loop
        return set(CSV_REQUIRED)
    text = first.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return {cell.strip().strip('"').strip() for cell in text.split(",")}


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # reading it says why
        return 0
