"""The same figure given twice, or two values for one period from one source and edition.

Neither is an error (a figures file often repeats a line; a corrected value may be added
below the first), but both are worth a warning, found over the whole table at once.
"""

from __future__ import annotations

import numpy as np

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
    keys = (
        table.edition[considered],
        table.source[considered],
        table.kind[considered] == KIND_CODES.index("forecast"),
        table.entity[considered],
        table.time[considered],
        table.metric[considered],
    )
    order = considered[np.lexsort(keys)]  # stable: equal keys keep the files' order
    same = np.ones(order.size - 1, dtype=bool)
    for column in (
        table.metric,
        table.time,
        table.entity,
        table.kind == KIND_CODES.index("forecast"),
        table.source,
        table.edition,
    ):
        same &= column[order[1:]] == column[order[:-1]]
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    first_of = order[starts][np.searchsorted(starts, np.arange(order.size), side="right") - 1]
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


def _location(table: FigureTable, row: int) -> Location | None:
    return table.chunks[int(table.chunk[row])].location(int(table.offset[row]))
