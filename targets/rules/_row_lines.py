"""The line each row of a CSV file read as columns starts on, so a problem in a cell names
its line as the row-by-row reader would: counted from the line breaks outside quotes with
numpy, a few MB at a time, and read by the csv module only where a quote inside an unquoted
cell (``a 5" screen``) upsets the count of quotes."""

from __future__ import annotations

import csv
import io

import numpy as np

from targets.rules._table import Ints

__all__ = ["row_lines"]


_SCAN = 1 << 22
"""Bytes `_plain_lines` looks at in one go: the temporaries stay a few MB, reused."""


def _plain_lines(data: bytes) -> int | None:
    """The number of lines in `data` when each holds one row: no quote mark and no blank
    line (not even a carriage return alone), else None. numpy scans it a few MB at a time,
    releasing the interpreter's lock, where four scans of the bytes held it (84 ms for
    39 MB, while the main thread waited to parse the rules)."""
    if b'"' in data or data.startswith((b"\n", b"\r\n")):
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    count = 0
    for start in range(0, raw.size, _SCAN):
        part = raw[start : start + _SCAN + 2]  # two bytes more: a blank line across the cut
        after = np.flatnonzero(part[:_SCAN] == 10) + 1
        count += after.size
        after = after[after < part.size]
        following = part[after]
        if (following == 10).any():  # "\n\n"
            return None
        returns = after[following == 13] + 1
        if (part[returns[returns < part.size]] == 10).any():  # "\n\r\n"
            return None
    return count + (not data.endswith(b"\n"))


def row_lines(data: bytes, rows: int) -> Ints | None:
    """The line each data row starts on (None when the count of rows differs from
    pyarrow's). A newline ends a row unless it sits inside quotes, which an odd count of
    quote marks before it tells (an escaped quote counts twice), so a cell holding a line
    break is counted in the row that holds it; blank lines hold no row."""
    lines = _plain_lines(data)
    if lines is not None:  # a row on every line after the header
        return np.arange(2, rows + 2, dtype=np.int64) if lines == rows + 1 else None
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    offsets = np.concatenate(([0], ends + 1))
    if b'"' in data:
        inside = (np.cumsum(raw == 34, dtype=np.int64)[ends] & 1).astype(bool)
        record_ends = ends[~inside]
    else:
        record_ends = ends
    starts = np.concatenate(([0], record_ends + 1))
    starts = starts[starts < raw.size]
    stops = np.concatenate((record_ends, [raw.size]))[: starts.size]
    blank = (stops - starts) <= np.where(raw[np.maximum(stops - 1, 0)] == 13, 1, 0)
    first_line = np.searchsorted(offsets, starts[~blank], side="right")  # from 1
    found = first_line[1:]  # the header is the first non-blank line
    if found.size == rows:
        return found.astype(np.int64)
    return _read_lines(data, rows)  # a quote inside an unquoted cell ('a 5" screen')


def _read_lines(data: bytes, rows: int) -> Ints | None:
    """The line each data row starts on, as the csv module reads the rows: a quote counts
    only where it opens a cell, so a quote inside an unquoted cell, which upsets the count
    of quotes, is text. Python's pace (a second for some 10 MB): only where counting the
    quotes failed."""
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    found: list[int] = []
    ended = 0
    try:
        for record in reader:
            if record:  # a blank line holds no row
                found.append(ended + 1)
            ended = reader.line_num
    except csv.Error:  # the row-by-row reader says what is wrong
        return None
    return np.asarray(found[1:], dtype=np.int64) if len(found) - 1 == rows else None
