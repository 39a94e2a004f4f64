"""Many series at once: columnar arrays grouped by series, no Python loop per series.

Mirrors ``assess`` exactly for level and no-target judgements (a property test holds the two
together), including the sign rule of compound growth and the value interpolated at a decided
deadline. Not covered here: ``base_year`` (the base is the first figure), Destatis's
structural-break flag and the arithmetic steps; use ``assess`` for those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from targets.engine._assess import BASE_RULE, choose_projection, direction_sign
from targets.engine._batch_base import base_rows
from targets.engine._batch_methods import Columns, judge
from targets.engine._edge import snap_all
from targets.engine._growth import TRAJECTORIES
from targets.engine._order import by_series_and_time
from targets.engine._refused import RefusedInputError
from targets.engine._status import METHOD_LABELS, STATUS_CODES
from targets.engine._thresholds import resolve_thresholds

__all__ = ["BatchResult", "Codes", "Floats", "Ints", "assess_batch"]


Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One row per series (in the order of ``ids``); NaN where a number is undefined.

    ``status`` indexes :data:`STATUS_CODES`; ``method_status`` indexes
    ``METHOD_LABELS[method]`` (plus ``ended`` for Destatis, already in its labels).
    """

    method: str
    projection: str
    trajectory: str
    thresholds: Mapping[str, float]
    """The method's thresholds as judged with (defaults merged with the overrides)."""
    ids: npt.NDArray[np.generic]
    status: Codes
    method_status: Codes
    ratio: Floats
    score: Floats
    progress: Floats
    """The method's progress value, as ``Assessment.progress``."""
    growth_actual: Floats
    growth_actual_linear: Floats
    growth_required: Floats
    growth_required_linear: Floats
    growth_required_now: Floats
    growth_required_now_linear: Floats
    slope: Floats
    projected: Floats
    reach_year: Floats
    trajectory_value: Floats
    trajectory_gap: Floats
    base_year: Floats
    base_value: Floats
    latest_year: Floats
    latest_value: Floats
    points: Ints
    """Figures used per series (after as_of and the deadline cut-off)."""

    def __len__(self) -> int:
        return int(self.ids.size)

    def status_labels(self) -> npt.NDArray[np.str_]:
        return np.asarray([s.value for s in STATUS_CODES])[self.status]

    def method_labels(self) -> npt.NDArray[np.str_]:
        return np.asarray(METHOD_LABELS[self.method])[self.method_status]


def _per_series(x: npt.ArrayLike | None, n: int, name: str) -> Floats:
    if x is None:
        return np.full(n, np.nan)
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name} must be a scalar or one value per series ({n})")
    return arr.astype(float)


def _directions(direction: npt.ArrayLike, n: int) -> Floats:
    arr = np.asarray(direction)
    if arr.dtype.kind in "US":
        signs = np.asarray([direction_sign(str(d)) for d in np.unique(arr)])
        lookup = dict(zip(np.unique(arr).tolist(), signs.tolist(), strict=True))
        arr = np.vectorize(lookup.__getitem__, otypes=[float])(arr)
    out = _per_series(arr, n, "direction")
    if not np.isin(out, (-1.0, 1.0)).all():
        raise ValueError("direction must be 'increase'/'decrease' or +1/-1")
    return out


def _columns(
    series: npt.ArrayLike, years: npt.ArrayLike, values: npt.ArrayLike
) -> tuple[npt.NDArray[np.generic], Ints, Floats, Floats]:
    """Validated columns: the series ids, each row's series index, years, values."""
    sid = np.asarray(series)
    ys = np.asarray(years, dtype=float)
    vs = np.asarray(values, dtype=float)
    if not (sid.ndim == 1 and sid.shape == ys.shape == vs.shape):
        raise RefusedInputError("series, years and values must be one-dimensional and equally long")
    if not (np.isfinite(ys).all() and np.isfinite(vs).all()):
        raise RefusedInputError("years and values must be finite (leave missing figures out)")
    if sid.dtype.kind in "iu" and sid.size and bool(np.all(sid[1:] >= sid[:-1])):
        new = np.concatenate(([True], sid[1:] != sid[:-1]))  # sorted ids (the check's): no sort
        return sid[new], np.cumsum(new, dtype=np.int64) - 1, ys, vs
    ids, group = np.unique(sid, return_inverse=True)
    return ids, group.astype(np.int64), ys, vs


def _first_per_series(
    g: Ints, y: Floats, v: Floats, mask: npt.NDArray[np.bool_], n: int
) -> tuple[Floats, Floats]:
    """Year and value of each series' first row where ``mask`` holds (NaN where none).

    Rows are sorted by series, then year, so the first masked row is the earliest.
    """
    rows = np.flatnonzero(mask)
    series, first = np.unique(g[rows], return_index=True)
    years, values = np.full(n, np.nan), np.full(n, np.nan)
    years[series], values[series] = y[rows[first]], v[rows[first]]
    return years, values


def _deadline_values(
    *,
    t: Floats,
    v_t: Floats,
    tgt: Floats,
    tyr: Floats,
    y_after: Floats,
    v_after: Floats,
    reached: npt.NDArray[np.bool_],
) -> Floats:
    """The value a decided deadline is judged on: the latest figure, or (when the target year
    has no figure but figures lie on both sides) the value interpolated at the target year,
    computed exactly as the scalar path does, and read as the target where it lies on it
    within the rounding of the interpolation (``Interpolation.near``)."""
    between = reached & (t < tyr) & ~np.isnan(y_after)
    with np.errstate(all="ignore"):
        w = (tyr - t) / np.where(between, y_after - t, 1.0)
        diff = v_after - v_t
        value = np.where(np.isfinite(diff), v_t + w * diff, (1.0 - w) * v_t + w * v_after)
        value = snap_all(value, tgt, np.maximum(np.abs(v_t), np.abs(v_after)))
    return np.where(between & np.isfinite(value), value, v_t)


def assess_batch(
    series: npt.ArrayLike,
    years: npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    target: npt.ArrayLike | None = None,
    target_year: npt.ArrayLike | None = None,
    direction: npt.ArrayLike = "increase",
    method: str = "statcan",
    limit: npt.ArrayLike | None = None,
    as_of: npt.ArrayLike | None = None,
    thresholds: Mapping[str, float] | None = None,
    projection: str | None = None,
    trajectory: str = "linear",
    base_year: npt.ArrayLike | None = None,
    bounds_low: npt.ArrayLike | None = None,
    bounds_high: npt.ArrayLike | None = None,
) -> BatchResult:
    """Judge every series in the columns at once.

    Per-series parameters are scalars or arrays aligned with ``np.unique(series)``; a NaN target
    means no target, a NaN limit no limit, a NaN as_of the series' latest year, a NaN base
    year the first figure, a NaN bound none. A base year without a figure moves as
    ``assess`` moves it (``BASE_RULE``); ``bounds_low`` and ``bounds_high`` cap the
    projection as ``assess``'s ``bounds`` do.
    """
    th = resolve_thresholds(method, thresholds)
    proj = choose_projection(method, projection)
    if trajectory not in TRAJECTORIES:
        raise ValueError(f"trajectory must be one of {', '.join(TRAJECTORIES)}")
    ids, group, ys, vs = _columns(series, years, values)
    n = ids.size
    tgt = _per_series(target, n, "target")
    tyr = _per_series(target_year, n, "target_year")
    has = ~np.isnan(tgt)
    if np.isnan(tyr[has]).any() or np.isinf(tgt[has]).any():
        raise RefusedInputError("a target needs a finite value and a target year")
    lim = _per_series(limit, n, "limit")
    if (lim[~np.isnan(lim)] <= 0).any() or np.isinf(lim).any():
        raise RefusedInputError("a natural limit must be a positive number")
    order = by_series_and_time(group, ys)
    g, y, v = group[order], ys[order], vs[order]
    if ((g[1:] == g[:-1]) & (y[1:] == y[:-1])).any():
        raise RefusedInputError("a series has two figures for one year: resolve the conflict first")
    starts_all = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if g.size else np.zeros(0, int)
    latest_all = np.maximum.reduceat(y, starts_all) if g.size else np.zeros(0)
    asof = _per_series(as_of, n, "as_of")
    asof = np.where(np.isnan(asof), latest_all, asof)
    visible = y <= asof[g]
    passed = has & (asof >= np.where(has, tyr, np.inf)) & (method != "istat")
    seen = np.where(visible, y, -np.inf)
    last_seen = np.maximum.reduceat(seen, starts_all) if g.size else np.zeros(0)
    reached = passed & (last_seen >= tyr)
    later = visible & passed[g] & (y > tyr[g])
    y_after, v_after = _first_per_series(g, y, v, later, n)
    keep = visible & ~later
    g, y, v = g[keep], y[keep], v[keep]
    count = np.bincount(g, minlength=n)
    first = np.cumsum(count) - count
    last = np.maximum(first + count - 1, 0)
    empty = count == 0
    top = max(y.size - 1, 0)
    safe = np.minimum(np.where(empty, 0, first), top)
    end = np.minimum(last, top)

    base, missing = base_rows(
        g, y, first=safe, last=end, count=count, base_year=_per_series(base_year, n, "base"),
        rule=BASE_RULE[method],
    )  # fmt: skip

    def pick(a: Floats, i: Ints) -> Floats:
        return np.where(empty, np.nan, a[i]) if a.size else np.full(n, np.nan)

    t, v_t = pick(y, end), pick(v, end)
    v_deadline = _deadline_values(
        t=t, v_t=v_t, tgt=tgt, tyr=tyr, y_after=y_after, v_after=v_after, reached=reached & ~empty
    )

    cols = Columns(
        method=method,
        thresholds=th,
        projection=proj,
        trajectory=trajectory,
        d=_directions(direction, n),
        target=tgt,
        target_year=tyr,
        limit=lim,
        count=count,
        reached=reached & ~empty,
        b=pick(y, base),
        v_b=pick(v, base),
        t=t,
        v_t=v_t,
        v_deadline=v_deadline,
        y=y,
        v=v,
        g=g,
        first=safe,
        last=end,
        base=base,
        missing=missing,
        bounds_low=_per_series(bounds_low, n, "bounds_low"),
        bounds_high=_per_series(bounds_high, n, "bounds_high"),
    )
    numbers, status, label, points = judge(cols)
    result = BatchResult(
        method=method,
        projection=proj,
        trajectory=trajectory,
        thresholds=th,
        ids=ids,
        status=status,
        method_status=label,
        points=points,
        **{f.name: numbers[f.name] for f in fields(BatchResult) if f.name in numbers},
    )
    for f in fields(result):
        arr = getattr(result, f.name)
        if isinstance(arr, np.ndarray):
            arr.flags.writeable = False
    return result
