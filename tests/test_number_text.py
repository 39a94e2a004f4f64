"""The compact report's numbers, formatted by pyarrow, read back as the very doubles."""

from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from targets.judge._number_text import number_members


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=50))
def test_each_number_reads_back_as_the_same_double_and_non_finite_as_null(
    values: list[float],
) -> None:
    column = np.asarray(values, dtype=np.float64)
    lines = number_members(["x", "y"], [column, -column]).to_pylist()
    assert len(lines) == len(values)
    for line, value in zip(lines, values, strict=True):
        read = json.loads("{" + line + "}")
        for name, expected in (("x", value), ("y", -value)):
            if math.isfinite(expected):
                assert float(read[name]) == expected, (line, expected)
            else:
                assert read[name] is None, line


def test_each_row_holds_its_own_numbers_in_order() -> None:
    column = np.arange(10, dtype=np.float64) + 0.5
    members = number_members(["v", "w"], [column, column * 2]).to_pylist()
    assert members == [f'"v": {i + 0.5}, "w": {2 * i + 1}' for i in range(10)]
