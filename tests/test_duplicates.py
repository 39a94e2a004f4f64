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
from tests.readers import read_by

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
    read_by(monkeypatch, columnar=columnar)
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


def test_repeats_among_derived_figures_are_named_at_their_own_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Rows stating a change add derived figures, which are not repeats of anything: the
    figures checked are then some of the table's rows, and each warning still names its
    own row and the first one's."""
    (tmp_path / "rules.yaml").write_text(
        "programme: {name: Twice}\nmetrics: [{id: a, name: A, unit: firm, direction: higher}]\n",
        encoding="utf-8",
    )
    lines = [
        "metric,period,value,unit,change,since",
        "a,2019,5,firm,,",
        "a,2021,6,firm,+10 %,2020",  # a figure for 2020 derived
        "a,2019,5,firm,,",
        "a,2022,7,firm,,",
        "a,2022,8,firm,,",
        "a,2023,9,firm,+10 %,2022",  # a figure for 2022 derived: no third value for 2022
    ]
    (tmp_path / "figures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for columnar in (True, False):
        read_by(monkeypatch, columnar=columnar)
        warnings = [str(w) for w in targets.load(tmp_path).warnings]
        assert [re.sub(r"\S*figures\.csv", "F", w) for w in warnings] == [
            "F:4:1: warning: the same figure again (first at F:2:1)",
            "F:6:1: warning: a second value for 2022 from the same source and edition "
            "(7 firms at F:5:1); the later in the files is used",
        ], warnings
