"""Figures given twice: every repeat is warned about, whichever way the file is read.

`duplicates` tells "no repeats" without a sort when the keys are few enough, and sorts
otherwise; both must name exactly the rows that repeat an earlier one.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import targets
from targets.rules import _inputs

RULES = """\
programme: {name: Twice}
sources:
  - {id: s1, publisher: One office, date: 2025-01-24}
  - {id: s2, publisher: Another office, date: 2025-01-24}
metrics:
  - {id: a, name: A, unit: firm, direction: higher}
  - {id: b, name: B, unit: firm, direction: higher}
  - {id: c, name: C, unit: firm, direction: higher}
"""

Row = tuple[str, int, str, str, int]

ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.integers(2015, 2024),
        st.sampled_from(["", "X", "Y"]),
        st.sampled_from(["", "", "s1", "s2"]),
        st.integers(1, 3),
    ),
    min_size=1,
    max_size=40,
)


def _repeats(rows: list[Row]) -> int:
    """Rows whose metric, year, entity and source (each source has one edition) an
    earlier row already gave (by hand)."""
    seen: set[tuple[str, int, str, str]] = set()
    count = 0
    for metric, year, entity, source, _ in rows:
        count += (metric, year, entity, source) in seen
        seen.add((metric, year, entity, source))
    return count


def _warned(root: Path, columnar: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    """Figures warned about as given twice; a message said many times is shown a few times,
    the last saying how many more are like it."""
    monkeypatch.setattr(_inputs, "COLUMNAR_FROM", 0 if columnar else 2**62)
    count = 0
    for warning in map(str, targets.load(root).warnings):
        if "the same figure again" in warning or "a second value for" in warning:
            more = re.search(r"\(and (\d+) more like it\)", warning)
            count += 1 + (int(more.group(1)) if more else 0)
    return count


@settings(max_examples=60, deadline=None)
@given(rows=ROWS)
@example(rows=[("a", 2015, "", "", 1)] * 5)  # more repeats than the warnings spell one by one
@example(rows=[("a", 2015, "X", "s1", 1), ("a", 2015, "X", "s2", 1), ("a", 2015, "X", "", 1)])
def test_every_figure_given_twice_is_warned_about_once(rows: list[Row]) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as monkeypatch:
        root = Path(folder)
        (root / "rules.yaml").write_text(RULES, encoding="utf-8")
        lines = ["metric,period,entity,source,value,unit"]
        lines += [f"{m},{y},{e},{s},{v},firm" for m, y, e, s, v in rows]
        (root / "figures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = _repeats(rows)
        assert _warned(root, columnar=True, monkeypatch=monkeypatch) == expected
        assert _warned(root, columnar=False, monkeypatch=monkeypatch) == expected
