"""Rows grouped by a small integer code (a metric, a unit), with numpy, not per code; rows
taken from columns without a copy when they are all of them; values numbered into codes.

A figures file of a million rows names sixty thousand metrics: a pass over every row for
each metric that has something to say is quadratic. These group the rows once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from targets.rules._table import Ints

__all__ = ["by_code", "numbered", "present", "taker"]

H = TypeVar("H", bound=Hashable)


def present(codes: Ints, size: int) -> Ints:
    """The distinct values of `codes` (each in ``range(size)``), ascending: counted, not
    sorted, as a million rows hold a few hundred codes."""
    return np.flatnonzero(np.bincount(codes, minlength=size))


def by_code(rows: Ints, codes: Ints) -> Iterator[tuple[int, Ints]]:
    """`rows` (ascending) grouped by their code in `codes`, each group ascending, in the
    order of the codes: one sort for all of them."""
    if rows.size == 0:
        return
    order = np.argsort(codes[rows], kind="stable")
    grouped, sorted_codes = rows[order], codes[rows][order]
    starts = np.flatnonzero(np.diff(sorted_codes, prepend=sorted_codes[0] - 1))
    stops = [*starts[1:].tolist(), sorted_codes.size]
    for start, stop in zip(starts.tolist(), stops, strict=True):
        yield int(sorted_codes[start]), grouped[start:stop]


def taker(rows: Ints, size: int) -> Callable[[npt.NDArray[Any]], npt.NDArray[Any]]:
    """A function taking `rows` (ascending, distinct) from a column of `size`: the column
    itself when they are all of its rows (the usual case), not a copy. At fourteen million
    rows each copy is 110 MB of fresh pages for the kernel to clear, a quarter to half a
    second each on a virtual machine."""
    if rows.size == size:
        return lambda column: column
    return lambda column: column[rows]


def numbered(values: Sequence[H]) -> tuple[list[H], Ints]:
    """The distinct `values` in order of first appearance, and each value's number among
    them: a dictionary numbers them and numpy reads the numbers in C, sixty thousand
    values without a Python step each."""
    number = dict.fromkeys(values, 0)
    for index, value in enumerate(number):
        number[value] = index
    code = np.fromiter(map(number.__getitem__, values), dtype=np.int64, count=len(values))
    return list(number), code
