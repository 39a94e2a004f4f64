"""Columns of numbers written as JSON members, a block of rows at a time, by pyarrow.

A compact report of sixty thousand results writes over a million numbers. Python formats
each with ``repr`` (0.65 s for sixty thousand rows of nineteen numbers); pyarrow formats a
whole column in C++ and joins the members of each row there (0.15 s). Both write the
shortest text that reads back as the same double; pyarrow drops a whole number's ``.0``
(``2030``, not ``2030.0``), which a JSON reader takes for the same number. pyarrow is
imported here, only for such large reports, and its arrays are built from numpy's buffers:
``pa.array`` and ``pa.scalar`` import pandas when it is installed (0.3 s) to ask whether
their argument is a pandas object.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from targets.rules._arrow import strings
from targets.rules._table import Floats

__all__ = ["BLOCK", "number_members"]

BLOCK = 1 << 16
"""Rows formatted at once: the texts of one block are alive together, not the report's."""


def number_members(names: Sequence[str], columns: Sequence[Floats]) -> list[str]:
    """For each row, ``"name": value`` for every column, joined by ``, `` (``null`` for
    NaN and infinities)."""
    import pyarrow as pa  # noqa: PLC0415 - large reports only
    import pyarrow.compute as pc  # noqa: PLC0415

    rows = len(columns[0]) if columns else 0
    keys = _scalars([("" if i == 0 else ", ") + f'"{name}": ' for i, name in enumerate(names)])
    null, nothing = _scalars(["null", ""])
    lines: list[str] = []
    for start in range(0, rows, BLOCK):
        pieces = []
        for key, column in zip(keys, columns, strict=True):
            block = np.ascontiguousarray(column[start : start + BLOCK], dtype=np.float64)
            values = pa.Array.from_buffers(pa.float64(), block.size, [None, pa.py_buffer(block)])
            texts = pc.if_else(pc.is_finite(values), pc.cast(values, pa.string()), null)
            pieces += [key, texts]
        joined = pc.binary_join_element_wise(*pieces, nothing)
        lines += joined.to_pylist()
    return lines


def _scalars(items: list[str]) -> list[Any]:
    """Each string as a pyarrow string scalar (see `strings`)."""
    array = strings(items)
    return [array[i] for i in range(len(items))]
