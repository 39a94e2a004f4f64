"""The evidence rules for many series at once choose what `select_figures` chooses."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.engine import KINDS, RULES, select_batch, select_figures

SOURCES = ("a", "b", "c")
Row = tuple[int, float, float, float, str, str, float | None, bool, int]


@st.composite
def figures(draw: st.DrawFn) -> list[Row]:
    """Rows of (series, time, low, high, kind, source, published, annual, period code)."""
    rows: list[Row] = []
    for _ in range(draw(st.integers(0, 30))):
        series = draw(st.integers(0, 3))
        year = draw(st.integers(2018, 2024))
        finer = draw(st.booleans()) and draw(st.booleans())
        time = year + (draw(st.integers(0, 3)) / 4 if finer else 0.0)
        low = float(draw(st.integers(1, 5)))
        high = low + float(draw(st.sampled_from([0, 0, 0, 1])))
        kind = draw(st.sampled_from(KINDS))
        source = draw(st.sampled_from((*SOURCES, "")))
        published = draw(st.sampled_from([None, None, 2023.0, 2024.5, 2025.0, float(year + 1)]))
        period = int(time * 4)
        rows.append((series, time, low, high, kind, source, published, not finer, period))
    return rows


@given(
    rows=figures(),
    as_of=st.sampled_from([None, 2022.0, 2024.5, 2026.0]),
    prefer=st.sampled_from([(), ("b",), ("c", "a")]),
    estimates=st.lists(st.booleans(), min_size=4, max_size=4),
)
@settings(max_examples=300)
def test_the_batch_chooses_what_select_figures_chooses_series_by_series(
    rows: list[Row],
    as_of: float | None,
    prefer: tuple[str, ...],
    estimates: list[bool],
) -> None:
    series = np.asarray([r[0] for r in rows], dtype=np.int64)
    time = np.asarray([r[1] for r in rows], dtype=float)
    low = np.asarray([r[2] for r in rows], dtype=float)
    high = np.asarray([r[3] for r in rows], dtype=float)
    kind = np.asarray([KINDS.index(r[4]) for r in rows], dtype=np.int64)
    source = [r[5] for r in rows]
    published = [r[6] for r in rows]
    annual = np.asarray([r[7] for r in rows], dtype=bool)
    period = np.asarray([r[8] for r in rows], dtype=np.int64)
    labels = [f"p{i}" for i in range(10000)]
    rank = np.asarray([prefer.index(s) if s in prefer else np.inf for s in source])
    pub = np.asarray([np.nan if p is None else p for p in published], dtype=float)
    end = time + 0.9
    batch = select_batch(
        series, time, low, high, kind, source_rank=rank, published=pub, end=end, annual=annual,
        estimates=np.asarray(estimates), as_of=as_of, as_of_label="then", period=period,
        period_labels=labels,
    )  # fmt: skip
    for s in range(4):
        mine = np.flatnonzero(series == s)
        scalar = select_figures(
            time[mine].tolist(),
            low[mine].tolist(),
            highs=high[mine].tolist(),
            kinds=[KINDS[k] for k in kind[mine]],
            sources=[source[i] for i in mine],
            published=[published[i] for i in mine],
            ends=end[mine].tolist(),
            annual=annual[mine].tolist(),
            periods=[labels[p] for p in period[mine]],
            as_of=as_of,
            as_of_label="then",
            prefer=prefer,
            estimates=estimates[s],
        )
        chosen = [int(r) for r in batch.chosen if series[r] == s]
        assert chosen == [int(mine[i]) for i in scalar.chosen]
        forecasts = [int(r) for r in batch.forecasts if series[r] == s]
        assert forecasts == [int(mine[i]) for i in scalar.forecast_indices]
        assert sorted(np.flatnonzero(batch.unpublished & (series == s)).tolist()) == sorted(
            int(mine[i]) for i in scalar.unpublished
        )
        assert sorted(np.flatnonzero(batch.set_aside & (series == s)).tolist()) == sorted(
            int(mine[i]) for i in scalar.set_aside
        )
        assert batch.notes.get(s, ()) == scalar.notes
        in_batch = [i for i, r in enumerate(batch.chosen) if series[r] == s]
        conflicts = {c.year: c.rule for c in scalar.conflicts}
        candidates = np.diff(np.append(batch.groups, batch.grouped.size))
        for i in in_batch:
            year = float(time[batch.chosen[i]])
            assert bool(batch.conflict[i]) == (year in conflicts)
            if year in conflicts:
                assert RULES[int(batch.rule[i])] == conflicts[year]
            if candidates[i] == 1:  # a period of one figure: it chose itself
                assert RULES[int(batch.rule[i])] == "the only figure"
