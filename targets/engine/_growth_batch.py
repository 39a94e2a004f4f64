"""Many growth-rate targets at once: `assess_growth_rate` on columns, no loop per series.

Each series is judged on the annual growth into each of its figures in the target period
(start, end], as `assess_growth_rate` judges one: a period short of the rate is missed,
every period meeting it with the data reaching the end is achieved, and before that the
latest growth is graded by Statistics Canada's ratio against the rate. A property test
holds the two equal on every number; the arithmetic steps and the words are the scalar
path's alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._batch import _columns, _directions, _per_series
from targets.engine._edge import at_least_all, below_all
from targets.engine._growth_target import growth_thresholds
from targets.engine._order import by_series_and_time
from targets.engine._refused import RefusedInputError
from targets.engine._status import STATUS_CODES, Status

__all__ = ["GROWTH_LABELS", "GrowthBatch", "assess_growth_batch"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

GROWTH_LABELS = (
    "substantial_progress", "moderate_progress", "limited_progress", "deterioration",
    "target_achieved", "not_available",
)  # fmt: skip
"""The labels a growth-rate target takes (Statistics Canada's), by `GrowthBatch.method_status`."""
_SUBSTANTIAL, _MODERATE, _LIMITED, _DETERIORATION, _ACHIEVED_LABEL, _NOT_AVAILABLE = range(6)
_STATUS_OF_LABEL = np.array(
    [STATUS_CODES.index(s) for s in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)]
    + [STATUS_CODES.index(Status.REGRESSING)]
)
"""The status each of the four graded labels gives."""


@dataclass(frozen=True, slots=True)
class GrowthBatch:
    """Per series (in the order of ``np.unique(series)``): the status (a code into
    `STATUS_CODES`), the label (a code into `GROWTH_LABELS`), and the headline's numbers
    (NaN for None)."""

    status: npt.NDArray[np.int8]
    method_status: npt.NDArray[np.int8]
    ratio: Floats
    recent: Floats
    """The latest realised growth (`GrowthTargetAssessment.recent`)."""
    latest_year: Floats
    latest_value: Floats


def assess_growth_batch(
    series: npt.ArrayLike,
    years: npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    rate: npt.ArrayLike,
    target_year: npt.ArrayLike,
    start_year: npt.ArrayLike | None = None,
    direction: npt.ArrayLike = "increase",
    as_of: npt.ArrayLike | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> GrowthBatch:
    """`assess_growth_rate` for every series in the columns; per-series parameters are
    scalars or arrays aligned with ``np.unique(series)`` (a NaN start: the year before the
    target year; a NaN as_of: the series' latest year)."""
    th = growth_thresholds(thresholds)
    ids, group, ys, vs = _columns(series, years, values)
    n = ids.size
    want, end = _per_series(rate, n, "rate"), _per_series(target_year, n, "target_year")
    start = _per_series(start_year, n, "start_year")
    start = np.where(np.isnan(start), end - 1, start)
    if not (start < end).all():
        raise RefusedInputError("the start of a growth period must precede its end")
    d = _directions(direction, n)
    order = by_series_and_time(group, ys)
    g, y, v = group[order], ys[order], vs[order]
    if ((g[1:] == g[:-1]) & (y[1:] == y[:-1])).any():
        raise RefusedInputError("a series has two figures for one year: resolve the conflict first")
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if g.size else np.zeros(0, np.int64)
    now = _per_series(as_of, n, "as_of")
    now = np.where(np.isnan(now), np.maximum.reduceat(y, starts) if g.size else now, now)
    visible = y <= now[g]
    passed = now >= end
    seen = np.maximum.reduceat(np.where(visible, y, -np.inf), starts) if g.size else now
    keep = visible & ~(passed[g] & (y > end[g]))
    g, y, v = g[keep], y[keep], v[keep]
    count = np.bincount(g, minlength=n)
    reached = passed & (seen >= end) & (count > 0)  # prepare's deadline_reached
    growth, follows = _growth(g, y, v)
    period = follows & (start[g] < y) & (y <= end[g])
    undefined = np.bincount(g[period & np.isnan(growth)], minlength=n) > 0
    realised = np.bincount(g[period], minlength=n) > 0
    short = period & below_all(d[g] * growth, d[g] * want[g])
    last_short = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_short, g[short], np.flatnonzero(short))
    last = np.cumsum(count) - 1
    padded = np.append(growth, np.nan)  # row -1: none
    recent = padded[np.where(count >= 2, last, -1)]
    graded = np.where(last_short >= 0, padded[last_short], recent)
    label, ratio = _grade(graded, want, d, th)
    status = _STATUS_OF_LABEL[label]
    missed = (last_short >= 0) & ~undefined
    achieved = realised & reached & ~undefined & ~missed
    none = undefined | (~missed & ~achieved & np.isnan(recent))
    status = np.where(missed, STATUS_CODES.index(Status.MISSED), status)
    status = np.where(achieved, STATUS_CODES.index(Status.ACHIEVED), status)
    status = np.where(none, STATUS_CODES.index(Status.NOT_ASSESSABLE), status)
    label = np.where(achieved, _ACHIEVED_LABEL, np.where(none, _NOT_AVAILABLE, label))
    ratio = np.where(achieved | none, np.nan, ratio)
    latest_year, latest_value = _latest(
        g, y, v, measured=period & ~np.isnan(growth), last=last, count=count
    )
    return GrowthBatch(
        status=status.astype(np.int8),
        method_status=label.astype(np.int8),
        ratio=ratio,
        recent=recent,
        latest_year=latest_year,
        latest_value=latest_value,
    )


def _growth(g: Ints, y: Floats, v: Floats) -> tuple[Floats, Bools]:
    """The annual growth into each figure from the one before it in its series (NaN where
    the two are not of one sign, a fall to zero apart, or where it overflows), and which
    figures follow one."""
    follows = np.r_[False, g[1:] == g[:-1]] if g.size else np.zeros(0, dtype=bool)
    v0, v1 = np.r_[np.nan, v[:-1]][: v.size], v
    y0 = np.r_[np.nan, y[:-1]][: y.size]
    one_sign = ((v0 > 0) & (v1 > 0)) | ((v0 < 0) & (v1 < 0)) | ((v1 == 0) & (v0 != 0))
    with np.errstate(all="ignore"):
        grown = np.power(v1 / v0, 1.0 / (y - y0))
    grown = np.where(np.isfinite(grown), grown, np.nan)
    return np.where(follows & one_sign, grown - 1.0, np.nan), follows


def _grade(growth: Floats, rate: Floats, d: Floats, th: Mapping[str, float]) -> tuple[Ints, Floats]:
    """Statistics Canada's ratio with the rate as the required growth, and its label; a
    rate that asks for no movement the better way is met (substantial) or not (deterioration)."""
    moving = d * rate > 0
    with np.errstate(all="ignore"):
        r = np.where(moving, d * growth / np.abs(rate), np.nan)
    label = np.full(growth.size, _DETERIORATION, dtype=np.int64)
    for code, name in ((_LIMITED, "limited_progress"), (_MODERATE, "moderate_progress"),
                       (_SUBSTANTIAL, "substantial_progress")):  # fmt: skip
        label = np.where(at_least_all(r, th[name]), code, label)
    met = at_least_all(d * growth, d * rate)
    label = np.where(moving, label, np.where(met, _SUBSTANTIAL, _DETERIORATION))
    return label, np.where(np.isfinite(r), r, np.nan)


def _latest(
    g: Ints, y: Floats, v: Floats, *, measured: Bools, last: Ints, count: Ints
) -> tuple[Floats, Floats]:
    """The latest year with a growth measured in the target period, else the latest
    figure's (NaN where there is none), and the figure's value that year."""
    n = count.size
    row = np.full(n, -1, dtype=np.int64)
    np.maximum.at(row, g[measured], np.flatnonzero(measured))
    row = np.where(row >= 0, row, np.where(count > 0, last, -1))
    found = row >= 0
    years, values = np.full(n, np.nan), np.full(n, np.nan)
    years[found], values[found] = y[row[found]], v[row[found]]
    return years, values
