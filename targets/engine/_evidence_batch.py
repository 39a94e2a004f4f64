"""The evidence rules of `select_figures` for many series at once, with numpy.

Rows are figures, each tagged with the series it belongs to; the same five rules apply
(known by then, forecasts apart, estimates, one granularity, one figure per period), with
one sort over all rows instead of a loop per series. A property test holds this equal to
`select_figures` series by series.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._evidence import KINDS
from targets.engine._num import when
from targets.engine._order import by_series_and_time

__all__ = ["RULES", "BatchSelection", "select_batch"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

ACTUAL, ESTIMATE, DERIVED, FORECAST = (KINDS.index(k) for k in KINDS)
RULES = (
    "the only figure",
    "source preference",
    "reported over derived",
    "the later in the files (same publication date)",
    "latest publication",
)
"""The rule that chose a figure for a period, by code (`select_figures` says the same)."""


@dataclass(frozen=True, slots=True)
class BatchSelection:
    """What the rules chose, for every series: rows are positions in the input."""

    chosen: Ints
    """The figure used for each (series, period), sorted by series, then time."""
    forecasts: Ints
    """Known forecasts, sorted by series, time, then publication."""
    unpublished: Bools
    set_aside: Bools
    """Known figures not used (another edition or source, a finer period, an estimate)."""
    groups: Ints
    """For each chosen row, the first position in `grouped` of its period's candidates."""
    grouped: Ints
    """Every counted row, grouped by (series, period), the chosen one last in its group."""
    rule: Ints
    """For each chosen row, the code of the rule (`RULES`) that chose it."""
    conflict: Bools
    """For each chosen row, whether its period's candidates give different values."""
    notes: dict[int, tuple[str, ...]]
    """The notes of each series that has any (the same words as `select_figures`)."""


def select_batch(
    series: Ints,
    time: Floats,
    low: Floats,
    high: Floats,
    kind: Ints,
    *,
    source_rank: Floats | None = None,
    published: Floats | None = None,
    end: Floats | None = None,
    annual: Bools | None = None,
    estimates: Bools | bool = True,
    as_of: float | None = None,
    as_of_label: str | None = None,
    period: Ints | None = None,
    period_labels: Sequence[str] = (),
) -> BatchSelection:
    """The rules of `select_figures` applied to every series of the rows at once.

    `kind` codes index `KINDS`; `source_rank` is a figure's place in the preferred sources
    (inf when not preferred); `published` and `end` are times (NaN: no publication date);
    `estimates` is one flag or one per series; `period` codes into `period_labels` word
    the note on finer periods. Later rows were given later (the tie-break).
    """
    n = series.size
    order = np.arange(n)
    rank = np.full(n, np.inf) if source_rank is None else source_rank
    pub = np.full(n, np.nan) if published is None else published
    ends = time if end is None else end
    yearly = np.ones(n, dtype=bool) if annual is None else annual
    flags = np.asarray(estimates, dtype=bool)
    count = max(int(series.max()) + 1 if n else 0, flags.size if flags.ndim else 0)
    per_series = np.broadcast_to(flags, (count,))
    undated = np.isnan(pub)
    if as_of is None:
        known = np.ones(n, dtype=bool)
    else:
        known = np.where(undated, (kind == FORECAST) | (ends <= as_of), pub <= as_of)
    forecast = known & (kind == FORECAST)
    counted = known & ((kind == ACTUAL) | (per_series[series] & (kind != FORECAST)))
    estimates_aside = known & ~forecast & ~counted
    has_annual = np.bincount(series[counted & yearly], minlength=count) > 0
    finer = counted & ~yearly & has_annual[series]
    counted &= ~finer
    rows = np.flatnonzero(counted)
    preferred = np.isfinite(rank[rows])
    k1 = np.where(preferred, -rank[rows], -np.inf)
    base = by_series_and_time(series[rows], time[rows])
    r_sorted = rows[base]
    starts = _starts(series[r_sorted], time[r_sorted])
    if starts.size == rows.size:  # one candidate per period (the usual case): no ranking
        ranked = r_sorted
    else:
        group = np.repeat(np.arange(starts.size), np.diff(np.append(starts, r_sorted.size)))
        group_of = np.empty(rows.size, dtype=np.int64)
        group_of[base] = group
        any_pref = _any(preferred[base], starts)[group_of] if rows.size else preferred
        derived = kind[rows] == DERIVED
        k2 = np.where(any_pref, 0, ~derived).astype(np.int64)
        k3 = np.where(np.isnan(pub[rows]), -np.inf, pub[rows])
        ranked = rows[np.lexsort((order[rows], k3, k2, k1, time[rows], series[rows]))]
        starts = _starts(series[ranked], time[ranked])
    chosen, rule, conflict = _winners(ranked, starts, kind=kind, pub=pub, rank=rank,
                                      low=low, high=high)  # fmt: skip
    set_aside = estimates_aside | finer
    set_aside[rows] = True
    set_aside[chosen] = False
    fc = np.flatnonzero(forecast)
    forecasts = fc[np.lexsort((order[fc], np.where(undated[fc], -np.inf, pub[fc]), time[fc],
                               series[fc]))]  # fmt: skip
    notes = _notes(
        series, known=known, undated=undated, kind=kind, estimates_aside=estimates_aside,
        finer=finer, count=count, as_of=as_of, as_of_label=as_of_label or when(as_of),
        period=period, period_labels=period_labels,
    )  # fmt: skip
    return BatchSelection(
        chosen, forecasts, ~known, set_aside, starts, ranked, rule, conflict, notes
    )


def _winners(
    ranked: Ints,
    starts: Ints,
    *,
    kind: Ints,
    pub: Floats,
    rank: Floats,
    low: Floats,
    high: Floats,
) -> tuple[Ints, Ints, Bools]:
    """The last row of each group (`starts` into `ranked`), the rule that chose it and
    whether its group's values differ."""
    if starts.size == ranked.size:  # one candidate per period (the usual case): itself
        rule = np.full(ranked.size, RULES.index("the only figure"), dtype=np.int64)
        return ranked, rule, np.isnan(low[ranked]) | np.isnan(high[ranked])  # as `_differ`
    stops = np.append(starts[1:], ranked.size) - 1 if starts.size else starts
    rule = _rules(ranked, starts, stops, kind=kind, pub=pub, rank=rank)
    conflict = _differ(low[ranked], starts) | _differ(high[ranked], starts)
    return ranked[stops], rule, conflict


def _starts(series: Ints, time: Floats) -> Ints:
    """Where each (series, time) group starts in rows sorted by series, then time."""
    if series.size == 0:
        return np.zeros(0, dtype=np.int64)
    new = (series[1:] != series[:-1]) | (time[1:] != time[:-1])
    return np.flatnonzero(np.concatenate(([True], new)))


def _any(flags: Bools, starts: Ints) -> Bools:
    found: Bools = np.maximum.reduceat(flags.astype(np.int8), starts) > 0
    return found


def _differ(values: Floats, starts: Ints) -> Bools:
    if values.size == 0:
        return np.zeros(0, dtype=bool)
    differ: Bools = np.maximum.reduceat(values, starts) != np.minimum.reduceat(values, starts)
    return differ


def _rules(
    ranked: Ints, starts: Ints, stops: Ints, *, kind: Ints, pub: Floats, rank: Floats
) -> Ints:
    """The rule that chose the last row of each group (see `RULES`)."""
    if ranked.size == 0:
        return np.zeros(0, dtype=np.int64)
    size = stops - starts + 1
    preferred = _any(np.isfinite(rank[ranked]), starts)
    is_derived = kind[ranked] == DERIVED
    mixed = _any(is_derived, starts) & _any(~is_derived, starts)
    winner_pub = pub[ranked[stops]]
    group_of = np.repeat(np.arange(starts.size), size)
    same = (pub[ranked] == winner_pub[group_of]) | (np.isnan(pub[ranked]) & np.isnan(
        winner_pub[group_of]))  # fmt: skip
    ties = np.add.reduceat(same.astype(np.int64), starts) > 1
    rule = np.full(starts.size, RULES.index("latest publication"), dtype=np.int64)
    rule[ties] = RULES.index("the later in the files (same publication date)")
    rule[mixed] = RULES.index("reported over derived")
    rule[preferred] = RULES.index("source preference")
    rule[size == 1] = RULES.index("the only figure")
    return rule


def _notes(
    series: Ints,
    *,
    known: Bools,
    undated: Bools,
    kind: Ints,
    estimates_aside: Bools,
    finer: Bools,
    count: int,
    as_of: float | None,
    as_of_label: str,
    period: Ints | None,
    period_labels: Sequence[str],
) -> dict[int, tuple[str, ...]]:
    """The notes `select_figures` writes, for the series that have any."""
    forecast = kind == FORECAST
    quiet = known.all() and not (forecast.any() or estimates_aside.any() or finer.any())
    if quiet and (as_of is None or not undated.any()):
        return {}  # the usual case: nothing to say of any series
    unpublished = np.bincount(series[~known], minlength=count)
    dated_late = np.zeros(count, dtype=bool)
    if as_of is not None:
        dated_late = np.bincount(series[known & undated & ~forecast], minlength=count) > 0
    shown = np.bincount(series[known & undated & forecast], minlength=count) > 0
    aside = np.bincount(series[estimates_aside], minlength=count)
    finer_count = np.bincount(series[finer], minlength=count)
    noted = np.flatnonzero((unpublished > 0) | dated_late | shown | (aside > 0) | (finer_count > 0))
    notes: dict[int, tuple[str, ...]] = {}
    for s in noted.tolist():
        found: list[str] = []
        if unpublished[s]:
            found.append(f"{unpublished[s]} figure(s) published after {as_of_label} not used")
        if dated_late[s]:
            found.append("figures without a publication date count from the end of their period")
        if shown[s]:
            found.append("forecasts without a publication date are shown whatever the date")
        if aside[s]:
            found.append(f"{aside[s]} estimate(s) not counted (estimates: false)")
        if finer_count[s]:
            mine = np.flatnonzero(finer & (series == s))
            labels = sorted({period_labels[c] for c in period[mine]}) if period is not None else []
            found.append(f"sub-annual figures ({', '.join(labels)}) set aside beside annual ones")
        notes[s] = tuple(found)
    return notes
