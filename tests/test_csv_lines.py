"""Counting a CSV file's lines when each holds one row, a few MB at a time.

`_plain_lines` scans in pieces; a blank line ("\\n\\n" or "\\n\\r\\n") may straddle a cut
between two pieces. Tiny pieces put cuts everywhere; the answer must be the one the
whole bytes give, said plainly here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.rules import _row_lines


def _by_the_definition(data: bytes) -> int | None:
    if b'"' in data or b"\n\n" in data or b"\n\r\n" in data:
        return None
    if data.startswith((b"\n", b"\r\n")):
        return None
    return data.count(b"\n") + (not data.endswith(b"\n"))


BYTES = st.lists(st.sampled_from([b"a", b"\n", b"\r", b'"', b",", b"xy"]), max_size=40)


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 1 << 22])
@settings(max_examples=400, deadline=None)
@given(parts=BYTES)
def test_plain_lines_are_counted_as_the_whole_bytes_say_wherever_the_cuts_fall(
    piece: int, parts: list[bytes]
) -> None:
    data = b"".join(parts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_row_lines, "_SCAN", piece)
        assert _row_lines._plain_lines(data) == _by_the_definition(data)
