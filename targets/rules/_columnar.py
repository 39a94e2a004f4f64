"""CSV and Parquet figures read into columns with pyarrow, never row by row.

A statistics office's file holds millions of figures; pyarrow reads it in C++ on every
core. What comes back is a `Columnar`: the table of text columns, the header's positions,
and where each row was written (its line), so the checks that follow (`_columnar_figures`)
still name the file, line and column of a bad value. A CSV file pyarrow cannot parse (a
stray quote, a row with too many cells) is handed back to the row-by-row reader, whose
messages name every problem. pyarrow is imported here, only when such a file is read.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from targets._safe import quoted
from targets._threads import worker_pool
from targets.rules._arrow import decimals, dictionary, lengths
from targets.rules._csv_positions import cell_starts
from targets.rules._discover import PARQUET_SUFFIXES, display
from targets.rules._errors import Diagnostic, Location
from targets.rules._files import MAX_BYTES, UnreadableError, read_bounded
from targets.rules._row_lines import row_lines

if TYPE_CHECKING:
    import pyarrow as pa

Ints = np.ndarray[Any, np.dtype[np.int64]]
Bools = np.ndarray[Any, np.dtype[np.bool_]]
Floats = np.ndarray[Any, np.dtype[np.float64]]

__all__ = [
    "COLUMNAR_MAX_BYTES",
    "TEXT_FIELDS",
    "Columnar",
    "Prepared",
    "csv_columns",
    "read_columnar",
]

TEXT_FIELDS = frozenset(
    ("metric", "period", "unit", "kind", "entity", "source", "published", "change", "since",
     "quote", "note")
)  # fmt: skip
"""The figure columns checked as dictionary-encoded text: all but the value."""

MOST_COLUMNS = 1000
"""Columns a CSV file read into columns has at most: pyarrow takes some 10 KB a column, so
a header of a million names (7 MB) would take 10 GB. A figures file has a dozen; one
with more is left to the row-by-row reader, which names its unknown columns and stops."""
COLUMNAR_MAX_BYTES = 4 * 1024**3
"""The largest CSV or Parquet file read (4 GiB); YAML files stop much earlier."""


@dataclass(eq=False)
class Prepared:
    """Columns of a file worked out before the rules are known. Each is handed over once,
    so that it is freed as soon as the checks are done with it."""

    texts: dict[str, tuple[Ints, list[str]]] = dataclasses.field(default_factory=dict)
    """Text columns dictionary-encoded (`dictionary`), by header name."""
    values: tuple[Bools, Bools, Floats] | None = None
    """The value column: which cells are blank once trimmed, which are plain decimals
    and their values (`decimals`)."""

    def take_text(self, column: str) -> tuple[Ints, list[str]] | None:
        return self.texts.pop(column, None)

    def take_values(self) -> tuple[Bools, Bools, Floats] | None:
        found, self.values = self.values, None
        return found

    def drop(self) -> None:
        """Let go of what was not taken (columns a mapping renamed)."""
        self.texts.clear()
        self.values = None


@dataclass(frozen=True, eq=False)
class Columnar:
    """One CSV or Parquet figures file, as pyarrow read it."""

    name: str
    """The file as messages name it."""
    table: pa.Table
    columns: tuple[str, ...]
    """The header's column names, stripped, in file order."""
    starts: tuple[int, ...]
    """The 1-based column where each header cell starts (1, 1, ... for Parquet)."""
    lines: Ints
    """The line each row starts on (for Parquet: its row number, counting from 1)."""
    parquet: bool = False
    text: bytes | None = None
    """The file's bytes, kept while its values are checked (to point at a cell); None
    afterwards."""
    prepared: Prepared = dataclasses.field(default_factory=Prepared)
    """What the reading thread worked out of the columns while the YAML files were parsed
    (`encoded`), for the checks to take."""

    def at(self, row: int, column: str | None = None) -> Location:
        """Where a row (and one of its cells, when the file's text is at hand) was written."""
        line = int(self.lines[row])
        if column not in self.columns or self.text is None:
            return Location(self.name, line, 1)
        index = self.columns.index(column)
        starts = cell_starts(_line(self.text, self._offsets, line))
        return Location(self.name, line, starts[index] if index < len(starts) else 1)

    def without_text(self) -> Columnar:
        """This file without its bytes or its cells: what a loaded programme keeps to say
        where a row was written (the cells a figure needs are kept by its chunk)."""
        return dataclasses.replace(
            self, text=None, table=self.table.select([]), prepared=Prepared()
        )

    def encoded(self) -> Columnar:
        """This file with its text columns of figure fields (`TEXT_FIELDS`) dictionary-
        encoded and its values read (a CSV file's): work that needs no rules, done by the
        thread that read the file (pyarrow leaves Python's lock while it works), not after
        the rules are parsed."""
        names = [c for c in self.columns if c in TEXT_FIELDS]
        if "value" not in self.columns or self.parquet:  # no value column, or numbers already
            return dataclasses.replace(self, prepared=Prepared(self._texts(names)))
        if self.table.num_rows < _ALONE:  # a thread of its own costs more than it saves
            values = _read_values(self.table.column("value"))
            return dataclasses.replace(self, prepared=Prepared(self._texts(names), values))
        with worker_pool(1, "targets-values") as pool:  # a CSV file's values are text
            # the values and every other text column there, the rest here
            theirs = pool.submit(
                lambda: (_read_values(self.table.column("value")), self._texts(names[1::2]))
            )
            ours = self._texts(names[::2])
            values, others = theirs.result()
        both = ours | others
        texts = {name: both[name] for name in names}  # in the file's order
        return dataclasses.replace(self, prepared=Prepared(texts, values))

    def _texts(self, names: list[str]) -> dict[str, tuple[Ints, list[str]]]:
        return {name: dictionary(self.table.column(name)) for name in names}

    @functools.cached_property
    def _offsets(self) -> Ints:
        """Where each line of the text starts (a byte offset): found once, when a problem
        first points at a cell."""
        raw = np.frombuffer(self.text or b"", dtype=np.uint8)
        return np.concatenate(([0], np.flatnonzero(raw == 10) + 1)).astype(np.int64)

    def header(self, column: str) -> Location:
        """Where a column's header cell is."""
        index = self.columns.index(column)
        return Location(self.name, 1, self.starts[index] if not self.parquet else index + 1)


_ALONE = 100_000
"""Rows of a CSV file below which its values are read by the thread that reads its text
columns (a file per province: two hundred threads started and stopped for one each)."""


def _read_values(column: Any) -> tuple[Bools, Bools, Floats]:
    """Which of a CSV file's value cells are blank, which are plain decimals, and their
    values: pyarrow's kernels on a thread of their own, alongside the text columns'."""
    column = column.combine_chunks()
    plain, low = decimals(column)
    if plain.sum() == len(column) - column.null_count:  # every cell given is a number:
        return ~plain, plain, low  # the blank ones are those not given
    return lengths(column) == 0, plain, low


def read_columnar(path: Path) -> tuple[Columnar | None, list[Diagnostic]]:
    """The file as columns; None with diagnostics when it cannot be read at all, None
    without any when it is a CSV file for the row-by-row reader (a malformed one)."""
    name = display(path)
    try:
        data = read_bounded(path.resolve(strict=True), COLUMNAR_MAX_BYTES)
    except UnreadableError as exc:
        return None, [Diagnostic(Location(name), str(exc))]
    except OSError as exc:
        return None, [Diagnostic(Location(name), f"cannot read: {exc.strerror}")]
    except RuntimeError:
        return None, [Diagnostic(Location(name), "cannot read: a symlink loop")]
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _parquet(data, name)
    return csv_columns(data, name)


def _parquet(data: bytes, name: str) -> tuple[Columnar | None, list[Diagnostic]]:
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:  # the file's reader, not `read_table`: that one imports pyarrow.dataset, which
        # imports pandas where it is installed (0.4 s)
        table = pq.ParquetFile(pa.BufferReader(data)).read()
    except (pa.ArrowException, OSError) as exc:
        try:  # pyarrow reads no table whose columns share a name: say which
            repeated = _repeated(pq.read_schema(pa.BufferReader(data)).names, name)
        except (pa.ArrowException, OSError):
            repeated = []
        message = f"not a Parquet file pyarrow can read ({type(exc).__name__})"
        return None, repeated or [Diagnostic(Location(name), message)]
    columns = tuple(str(c).strip() for c in table.column_names)
    if repeated := _repeated(columns, name):  # names alike once trimmed ('note', ' note')
        return None, repeated
    table, problems = _flat(table.rename_columns(list(columns)), name)
    if problems:
        return None, problems
    lines = np.arange(1, table.num_rows + 1, dtype=np.int64)
    return Columnar(name, table, columns, (1,) * len(columns), lines, parquet=True), []


def _repeated(names: list[str] | tuple[str, ...], name: str) -> list[Diagnostic]:
    """A column whose name (trimmed) an earlier column has, at each repeat, as the CSV
    readers say it of a header."""
    seen: set[str] = set()
    found = []
    for index, column in enumerate(str(c).strip() for c in names):
        if column in seen:
            found.append(
                Diagnostic(Location(name, 1, index + 1), f"duplicate column {quoted(column)}")
            )
        seen.add(column)
    return found


def _flat(table: Any, name: str) -> tuple[Any, list[Diagnostic]]:
    """A Parquet table whose every column holds text or numbers: bytes read as UTF-8 text,
    dates and times as the text they show; a list, a struct, a map or a duration per cell
    refused, each naming its column, as is text that is no UTF-8."""
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files
    import pyarrow.compute as pc  # noqa: PLC0415

    problems = []
    for index, field in enumerate(table.schema):
        kind = field.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        where = Location(name, 1, index + 1)
        if pa.types.is_nested(kind) or _span(kind):
            message = f"the column {quoted(field.name)} holds {kind}, not text or numbers"
            problems.append(Diagnostic(where, message))
        elif _binary(kind):
            try:
                text = pc.cast(table.column(index), pa.string())
                table = table.set_column(index, field.name, text)
            except pa.ArrowInvalid:
                message = f"the column {quoted(field.name)} is not UTF-8 text"
                problems.append(Diagnostic(where, message))
        elif not _plain(kind):  # dates, times: read as the text they show
            try:
                text = pc.cast(table.column(index), pa.string())
                table = table.set_column(index, field.name, text)
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
                message = f"the column {quoted(field.name)} holds {kind}, not text or numbers"
                problems.append(Diagnostic(where, message))
    return table, problems


def _span(kind: Any) -> bool:
    """A duration or an interval: no figure's field, nor the text of one."""
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files

    return bool(pa.types.is_duration(kind) or pa.types.is_interval(kind))


def _binary(kind: Any) -> bool:
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files

    view = getattr(pa.types, "is_binary_view", None)  # pyarrow 16 on (we take 14 on)
    return bool(
        pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_fixed_size_binary(kind)
        or (view is not None and view(kind))
    )


def _plain(kind: Any) -> bool:
    """Types the figures' readers take as they are: text, numbers, booleans and nulls
    (any other, a timestamp in the value column, was cast to float and crashed)."""
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files

    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_integer(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_decimal(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_null(kind)
    )


def csv_columns(data: bytes, name: str) -> tuple[Columnar | None, list[Diagnostic]]:
    """A CSV file's bytes as columns (`read_columnar`'s, and `targets record`'s for the
    text of an edit not written yet)."""
    import pyarrow as pa  # noqa: PLC0415 - only for columnar files
    import pyarrow.csv as pacsv  # noqa: PLC0415

    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark, as spreadsheets write
        data = data[3:]
    if data.find(b"\x00") >= 0:  # no UTF-8 text holds one: the row-by-row reader names it
        return None, []
    end = data.find(b"\n")
    first = data[: end if end >= 0 else None].rstrip(b"\r")  # no copy of the rest
    try:
        header_text = first.decode("utf-8")
        (header,) = list(csv.reader(io.StringIO(header_text), strict=True)) or [[]]
    except (UnicodeDecodeError, csv.Error, ValueError):
        return None, []  # the row-by-row reader says what is wrong
    columns = tuple(h.strip() for h in header)
    if not columns or len(set(columns)) != len(columns) or len(columns) > MOST_COLUMNS:
        return None, []
    quotes = data.count(b'"')
    in_quotes = quotes > 0
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=list(columns), skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=in_quotes),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in columns},  # the value as written
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None, []
    if quotes % 2 and _left_open(table, data):  # pyarrow took the rest of the file into
        # one cell, the figures below it with it; the row-by-row reader names it, in a file
        # it reads
        return None, [] if len(data) <= MAX_BYTES else [Diagnostic(Location(name), _OPEN)]
    lines = row_lines(data, table.num_rows)
    if lines is None:
        return None, []
    starts = tuple(cell_starts(header_text)[: len(columns)])
    return Columnar(name, table, columns, starts, lines, text=data), []


def _left_open(table: Any, data: bytes) -> bool:
    """Whether a quote was left open in a file holding an odd number of them: a cell holds
    a line break (the rows below it), or the last line opens a quoted cell it never closes.
    A quote inside an unquoted cell (``a 5" screen``) is text to both readers, and the file
    is read as columns still (its column mapping applied)."""
    import pyarrow.compute as pc  # noqa: PLC0415 - only for columnar files

    if any(pc.any(pc.match_substring(column, "\n")).as_py() for column in table.columns):
        return True
    last = data.rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
    return _OPENS.search(last) is not None


_OPENS = re.compile(rb'(?:^|,)"(?:[^"]|"")*$')
"""A quoted cell that starts on a line and is not closed on it."""

_OPEN = (
    "invalid CSV: a quote is left open (the file holds an odd number of '\"'), so the rest "
    "of the file would be one cell; close it, or double a quote inside a quoted cell"
)


def _line(data: bytes, offsets: Ints, number: int) -> str:
    """Line `number` (from 1) of `data`, as text; `offsets` are where the lines start."""
    start = int(offsets[number - 1])
    end = data.find(b"\n", start)
    return data[start : end if end >= 0 else None].decode("utf-8", errors="replace").rstrip("\r")
