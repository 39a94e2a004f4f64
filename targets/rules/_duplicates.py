"""The same figure given twice, or two values for one period from one source and edition.

Neither is an error (a figures file often repeats a line; a corrected value may be added
below the first), but both are worth a warning, found over the whole table at once.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from targets.rules._codes import taker
from targets.rules._errors import Diagnostic, Location
from targets.rules._table import KIND_CODES, FigureTable

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
    considered = np.flatnonzero(located & (table.kind != KIND_CODES.index("derived")))
    if considered.size < 2:
        return []
    # One integer per (metric, time, entity, forecast?, source, edition): equal keys are the
    # same edition of the same figure. Times become their rank among the distinct times.
    # the rank of each distinct time among the periods' times: the sort is over the few
    # distinct periods, then one gather per row
    period_times = np.asarray([p.time for p in table.periods] + [np.nan])
    _, period_rank = np.unique(period_times, return_inverse=True)
    take = taker(considered, n)
    time_rank = period_rank.reshape(-1)[take(table.period)]
    parts = (
        take(table.metric),
        time_rank,
        take(table.entity) + 1,
        (take(table.kind) == KIND_CODES.index("forecast")).astype(np.int64),
        take(table.source) + 1,
        take(table.edition) + 1,
    )
    dims = tuple(int(part.max()) + 1 for part in parts)  # every part is a code of 0 or more
    if math.prod(dims) < 2**62:
        key = np.ravel_multi_index(parts, dims)
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
    order = considered[by_key]
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
