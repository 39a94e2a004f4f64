"""pyarrow's columns read as numpy: the number cells of a CSV file's value column.

`decimals` casts a column whole when every cell is a number and matches the cells one by
one otherwise; either way a cell counts as a plain decimal exactly when the row-by-row
reader's grammar takes it without thousands separators in ASCII digits (the others go to
that reader's parser), with the value Python's `float` gives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from targets.rules._arrow import decimals
from targets.rules._quantities import PLAIN_NUMBER

NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(["+5", "1.", ".5", "-.5", "1E+3", "0001", "-0", "1e400", "1e-400"]),
)
OTHERS = st.sampled_from(["", " ", " 7 ", "nan", "NaN", "inf", "-Infinity", "1,200", "abc",
                          "0x10", "1_0", "١٢", "4-8", "1e", "."])  # fmt: skip


def _plain(cell: str | None) -> bool:
    return (
        cell is not None
        and cell.isascii()
        and "," not in cell
        and PLAIN_NUMBER.match(cell) is not None
    )


def _expected(cells: Sequence[str | None]) -> tuple[list[bool], list[float]]:
    """Which cells the row-by-row grammar takes, and their values by `float` (NaN elsewhere)."""
    plain = [_plain(c) for c in cells]
    pairs = zip(cells, plain, strict=True)
    values = [float(c) if p and c is not None else math.nan for c, p in pairs]
    return plain, values


def _check(cells: Sequence[str | None]) -> None:
    plain, low = decimals(pa.array(cells, pa.string()))
    want_plain, want_values = _expected(cells)
    assert plain.tolist() == want_plain
    np.testing.assert_array_equal(low, np.array(want_values, dtype=np.float64))


@given(st.lists(st.one_of(NUMBERS, st.none()), max_size=30))
def test_a_column_of_numbers_is_read_whole_as_python_reads_each(cells: list[str | None]) -> None:
    _check(cells)


@given(st.lists(st.one_of(NUMBERS, OTHERS, st.none()), max_size=30))
def test_any_cell_that_is_no_plain_decimal_is_told_apart(cells: list[str | None]) -> None:
    _check(cells)


def test_infinities_and_nan_are_no_plain_decimals_even_where_pyarrow_reads_them() -> None:
    for word in ("nan", "inf", "-Infinity", "1e400"):
        cells = ["12", word, "3.5"]
        _check(cells)
        assert decimals(pa.array(cells))[0].tolist() == [True, word == "1e400", True]
