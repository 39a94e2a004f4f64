"""The project's chance for many series at once: ``chance`` vectorised, no loop per series.

Columns as ``assess_batch`` takes them. The two readings are fitted with per-series sums
(``np.bincount`` adds in row order, as ``_chance_fit.fit`` does), and each figure's forecast
from the others, which picks the one outlier, uses the closed forms of leaving one point out
(the hat value for the trend; merged steps, a bridge, or a shorter walk for the walk) instead
of refitting. A property test holds the two paths together. Not here: steps, notes, reasons
and the band; use ``chance`` for one series.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from targets.engine._batch import _columns, _directions, _per_series
from targets.engine._chance import NOT_FINITE, check_chance_arguments
from targets.engine._chance_fit import MIN_POINTS, REACH_HORIZON
from targets.engine._chance_loo import outliers
from targets.engine._chance_rows import (
    RowFit,
    Rows,
    bounds,
    chance_at,
    evidence,
    fit_rows,
    has_spread,
    pick,
    readable,
    weight,
)
from targets.engine._refused import RefusedInputError

__all__ = ["ChanceBatch", "chance_batch"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class ChanceBatch:
    """One row per series (in the order of ``ids``), as ``Chance``; NaN where undefined."""

    model: str
    level: float
    ids: npt.NDArray[np.generic]
    probability: Floats
    reach_low: Floats
    reach_high: Floats
    trend_slope: Floats
    trend_spread: Floats
    walk_drift: Floats
    walk_spread: Floats
    walk_weight: Floats
    outlier_year: Floats
    """The year of the figure left out as an outlier; NaN where none was."""
    points: Ints
    """Figures read per series (up to as_of, without the outlier)."""

    def __len__(self) -> int:
        return int(self.ids.size)


@dataclass(frozen=True, slots=True)
class _Series:
    """The validated columns: rows up to as_of, and the per-series parameters."""

    ids: npt.NDArray[np.generic]
    raw: Rows
    target: Floats
    target_year: Floats
    d: Floats


def _series(
    series: npt.ArrayLike,
    years: npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    target: npt.ArrayLike,
    target_year: npt.ArrayLike,
    direction: npt.ArrayLike,
    as_of: npt.ArrayLike | None,
) -> _Series:
    """Columns checked and sorted by series then year, figures after as_of dropped."""
    ids, group, ys, vs = _columns(series, years, values)
    size = ids.size
    tgt = _per_series(target, size, "target")
    tyr = _per_series(target_year, size, "target_year")
    if np.isinf(tgt).any() or np.isnan(tyr[~np.isnan(tgt)]).any() or np.isinf(tyr).any():
        raise RefusedInputError(NOT_FINITE)
    d = _directions(direction, size)
    order = np.lexsort((ys, group))
    g, t, v = group[order], ys[order], vs[order]
    if ((g[1:] == g[:-1]) & (t[1:] == t[:-1])).any():
        raise RefusedInputError("a series has two figures for one year: resolve the conflict first")
    asof = _per_series(as_of, size, "as_of")
    if np.isinf(asof).any():
        raise RefusedInputError("as_of must be a finite year")
    seen = np.isnan(asof[g]) | (t <= asof[g])
    return _Series(ids, Rows(g[seen], t[seen], v[seen], size), tgt, tyr, d)


def _model_scale(s: _Series, log: bool) -> tuple[Rows, Floats, Floats, Bools]:
    """(rows on the model's scale, target on it, direction on it, which series are read)."""
    raw, tgt = s.raw, s.target
    first, last, nonempty = bounds(raw)
    count = raw.sums(np.ones(raw.t.size))
    ok = ~np.isnan(tgt) & (count >= MIN_POINTS) & (s.target_year > pick(raw.t, last, nonempty))
    sign = np.where(pick(raw.y, first, nonempty) > 0, 1.0, -1.0)
    y, z = raw.y, tgt
    if log:
        positive = raw.sums((raw.y > 0).astype(float)) == count
        negative = raw.sums((raw.y < 0).astype(float)) == count
        ok &= (positive | negative) & (tgt * sign > 0)
        with np.errstate(all="ignore"):
            y, z = np.log(np.abs(raw.y)), np.log(np.abs(tgt))
    up = np.where(log & (sign < 0), -s.d, s.d)  # on ln|v| a negative series runs the other way
    return Rows(raw.g, raw.t, np.where(ok[raw.g], y, 0.0), raw.size), z, up, ok


def _reach(
    f: RowFit, latest: Floats, z: Floats, up: Floats, *, open_: Bools, level: float
) -> list[Floats]:
    """First whole years whose chance reaches (1 - level) / 2 and (1 + level) / 2, searched
    after the latest figure (even one left out)."""
    size = z.size
    grid = np.floor(latest)[:, None] + np.arange(1.0, REACH_HORIZON + 1.0)[None, :]
    curve = chance_at(f, grid, z[:, None], up[:, None])
    out = []
    for q in ((1.0 - level) / 2.0, (1.0 + level) / 2.0):
        hit = curve >= q
        first_hit = grid[np.arange(size), np.argmax(hit, axis=1)]
        out.append(np.where(open_ & hit.any(axis=1), first_hit, np.nan))
    return out


def chance_batch(
    series: npt.ArrayLike,
    years: npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    target: npt.ArrayLike,
    target_year: npt.ArrayLike,
    direction: npt.ArrayLike = "increase",
    model: str = "log-linear",
    as_of: npt.ArrayLike | None = None,
    level: float = 0.8,
) -> ChanceBatch:
    """``chance`` for every series in the columns (per-series parameters: scalars or arrays
    aligned with ``np.unique(series)``; a NaN target means none, a NaN as_of the latest year).

    Refuses what ``chance`` refuses (ValueError for the caller's mistakes, RefusedInputError
    for inputs), and a target without a target year.
    """
    check_chance_arguments(0.0, 0.0, "increase", model, level)
    s = _series(
        series,
        years,
        values,
        target=target,
        target_year=target_year,
        direction=direction,
        as_of=as_of,
    )
    rows, z, up, ok = _model_scale(s, model == "log-linear")
    scale = np.zeros(rows.size)
    np.maximum.at(scale, rows.g, np.abs(rows.y))
    full = fit_rows(rows)
    df = full.n - 2.0
    ok &= readable(full) & has_spread(full.trend_ss, df, scale)
    ok &= has_spread(full.walk_ss, df, scale)
    drop = outliers(rows, full, scale, ok)
    f = fit_rows(rows.keep(~drop))
    outlier_year = np.full(rows.size, np.nan)
    outlier_year[rows.g[drop]] = rows.t[drop]
    _, last, nonempty = bounds(s.raw)
    met = s.d * (pick(s.raw.y, last, nonempty) - s.target) >= 0
    reach = _reach(f, pick(s.raw.t, last, nonempty), z, up, open_=ok & ~met, level=level)
    df = f.n - 2.0
    with np.errstate(all="ignore"):
        numbers = {
            "probability": chance_at(f, s.target_year, z, up),
            "reach_low": reach[0],
            "reach_high": reach[1],
            "trend_slope": f.slope,
            "trend_spread": np.sqrt(f.trend_ss / df),
            "walk_drift": f.drift,
            "walk_spread": np.sqrt(f.walk_ss / df),
            "walk_weight": weight(*evidence(f)),
        }
    result = ChanceBatch(
        model=model,
        level=level,
        ids=s.ids,
        outlier_year=outlier_year,
        points=np.where(ok, f.n, 0).astype(np.int64),
        **{k: np.where(ok, x, np.nan) for k, x in numbers.items()},
    )
    for fld in fields(result):
        arr = getattr(result, fld.name)
        if isinstance(arr, np.ndarray):
            arr.flags.writeable = False
    return result
