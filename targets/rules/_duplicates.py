"""The same figure given twice, or two values for one period from one source and edition.

Neither is an error (a figures file often repeats a line; a corrected value may be added
below the first), but both are worth a warning, found over the whole table at once.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from targets.rules._codes import taker
from targets.rules._errors import Diagnostic, Location
from targets.rules._table import KIND_CODES, FigureTable, Ints

__all__ = ["SHOWN_DUPLICATES", "duplicates"]

SHOWN_DUPLICATES = 100
"""How many duplicate figures are named one by one before the rest are counted."""


def duplicates(table: FigureTable) -> list[Diagnostic]:
    """A warning for each figure that repeats an earlier one's metric, period, entity,
    source and edition (derived figures and figures given in code aside)."""
    n = len(table)
    if n < 2:
        return []
    located = np.ones(n, dtype=bool)
    for code, chunk in enumerate(table.chunks):
        rows = np.flatnonzero(table.chunk == code)
        if rows.size and chunk.location(int(table.offset[rows[0]])) is None:
            located[rows] = [chunk.location(int(table.offset[r])) is not None for r in rows]
    kept = located & (table.kind != KIND_CODES.index("derived"))
    # None: every row, the usual case, not listed (110 MB of fresh pages at 14 M rows)
    considered = None if kept.all() else np.flatnonzero(kept)
    if considered is not None and considered.size < 2:
        return []
    # One integer per (metric, time, entity, forecast?, source, edition): equal keys are the
    # same edition of the same figure. Times become their rank among the distinct times:
    # the sort is over the few distinct periods, then one gather per row.
    period_times = np.asarray([p.time for p in table.periods] + [np.nan])
    _, period_rank = np.unique(period_times, return_inverse=True)
    take = _every if considered is None else taker(considered, n)
    forecast = KIND_CODES.index("forecast")
    parts = (
        take(table.metric),
        period_rank.reshape(-1)[take(table.period)],
        take(table.entity),  # -1: none, as source and edition
        take(table.kind) == forecast,
        take(table.source),
        take(table.edition),
    )
    shift = (0, 0, 1, 0, 1, 1)  # what makes each part a code of 0 or more
    dims = tuple(int(p.max()) + 1 + s for p, s in zip(parts, shift, strict=True))
    if math.prod(dims) < 2**62:
        key = _key(parts, shift, dims)
        if _distinct(key, math.prod(dims)):
            return []  # the usual case, told without a sort
        by_key = np.argsort(key, kind="stable")  # equal keys keep the files' order
        ordered = key[by_key]
        new = ordered[1:] != ordered[:-1]
    else:  # too many distinct texts for one integer: sort on each part
        by_key = np.lexsort(parts[::-1])
        new = np.zeros(by_key.size - 1, dtype=bool)
        for part in parts:
            new |= part[by_key][1:] != part[by_key][:-1]
    if new.all():  # the usual case: no figure given twice
        return []
    order = by_key if considered is None else considered[by_key]
    starts = np.flatnonzero(np.concatenate(([True], new)))
    first_of = np.repeat(order[starts], np.diff(np.append(starts, order.size)))
    repeats = np.flatnonzero(order != first_of)
    found: list[Diagnostic] = []
    for index in repeats[:SHOWN_DUPLICATES].tolist():
        row, first = int(order[index]), int(first_of[index])
        location = _location(table, row)
        at = _location(table, first)
        if location is None or at is None:
            continue
        if (table.low[row], table.high[row]) == (table.low[first], table.high[first]):
            message = f"the same figure again (first at {at})"
        else:
            earlier = table.figure(first)
            message = (
                f"a second value for {earlier.period} from the same source and edition "
                f"({earlier.stated} at {at}); the later in the files is used"
            )
        found.append(Diagnostic(location, message, "warning"))
    if repeats.size > SHOWN_DUPLICATES:
        last = _location(table, int(order[repeats[SHOWN_DUPLICATES]]))
        if last is not None:
            more = repeats.size - SHOWN_DUPLICATES
            found.append(Diagnostic(last, f"and {more} more figures given twice", "warning"))
    return found


def _every(column: npt.NDArray[Any]) -> npt.NDArray[Any]:
    return column  # every row is considered: the column itself


def _key(
    parts: tuple[npt.NDArray[Any], ...], shift: tuple[int, ...], dims: tuple[int, ...]
) -> Ints:
    """`np.ravel_multi_index` of the shifted parts, built in one array in place: each
    temporary of fourteen million rows is 110 MB of fresh pages (a tenth of a second of
    page faults for the 1.4 million rows of a benchmark load, 0.15 -> 0.05 s)."""
    key = parts[0].astype(np.int64)  # a copy: the column stays as it is
    for part, size in zip(parts[1:], dims[1:], strict=True):
        key *= size
        key += part
    strides = [math.prod(dims[i + 1 :]) for i in range(len(dims))]
    key += sum(s * stride for s, stride in zip(shift, strides, strict=True))  # added once
    return key


def _distinct(key: npt.NDArray[np.intp], size: int) -> bool:
    """Whether no two of `key` (each below `size`) are equal, where a flag per possible key
    takes at most four bytes per key: one pass, where a sort of fourteen million keys took
    1.5 s. False when it cannot tell so cheaply (the sort then tells)."""
    if size > 4 * key.size:
        return False
    seen = np.zeros(size, dtype=bool)
    seen[key] = True
    return int(np.count_nonzero(seen)) == key.size


def _location(table: FigureTable, row: int) -> Location | None:
    return table.chunks[int(table.chunk[row])].location(int(table.offset[row]))
