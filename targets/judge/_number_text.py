"""Columns of numbers written as JSON members by pyarrow.

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

__all__ = ["number_members", "scalars"]


def number_members(names: Sequence[str], columns: Sequence[Floats]) -> Any:
    """For each row, ``"name": value`` for every column, joined by ``, `` (``null`` for
    NaN and infinities): a pyarrow string array, one text a row."""
    import pyarrow as pa  # noqa: PLC0415 - large reports only
    import pyarrow.compute as pc  # noqa: PLC0415

    keys = scalars([("" if i == 0 else ", ") + f'"{name}": ' for i, name in enumerate(names)])
    null, nothing = scalars(["null", ""])
    pieces = []
    for key, column in zip(keys, columns, strict=True):
        block = np.ascontiguousarray(column, dtype=np.float64)
        values = pa.Array.from_buffers(pa.float64(), block.size, [None, pa.py_buffer(block)])
        texts = pc.if_else(pc.is_finite(values), pc.cast(values, pa.string()), null)
        pieces += [key, texts]
    return pc.binary_join_element_wise(*pieces, nothing)


def scalars(items: list[str]) -> list[Any]:
    """Each string as a pyarrow string scalar (see `strings`)."""
    array = strings(items)
    return [array[i] for i in range(len(items))]
