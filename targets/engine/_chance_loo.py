"""Which figure of each series the batch leaves out as an outlier, by leaving each out in turn.

``_chance_fit.find_outlier`` refits the series without each figure; here closed forms give the
same forecasts without refitting, so the search costs one pass over the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._chance_fit import OUTLIER_ALPHA, OUTLIER_MIN_POINTS
from targets.engine._chance_rows import RowFit, Rows, bounds, has_spread, pick, weight
from targets.engine._student import t_cdf

__all__ = ["outliers"]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def outliers(rows: Rows, f: RowFit, scale: Floats, ok: Bools) -> Bools:
    """Per row: the one figure of its series to leave out (see ``_chance_fit.find_outlier``).

    Each figure's forecast from the others comes from closed forms: for the trend, the hat
    value h_i (residual e_i / (1 - h_i), S_A less e_i^2 / (1 - h_i)); for the walk, an inner
    figure's two steps merge into one and it is forecast by the bridge between its neighbours,
    an end figure shortens the walk by a step.
    """
    g, t, y = rows.g, rows.t, rows.y
    first, last, _ = bounds(rows)
    n = f.n[g]
    tried = ok[g] & (n >= OUTLIER_MIN_POINTS)
    is_first, is_last = np.arange(t.size) == first[g], np.arange(t.size) == last[g]
    df = n - 3.0
    with np.errstate(all="ignore"):
        # the trend without row i
        ct = t - f.t_mean[g]
        hat = 1.0 / n + ct * ct / f.sxx[g]
        ss_a = np.maximum(f.trend_ss[g] - f.resid**2 / (1.0 - hat), 0.0)
        sxx = f.sxx[g] - ct * ct * n / (n - 1.0)
        ev_a = -0.5 * np.log((n - 1.0) * sxx) - 0.5 * df * np.log(ss_a)
        z_a = np.abs(f.resid) / np.sqrt((1.0 - hat) * ss_a / df)
        # the walk without row i
        nxt = np.minimum(np.arange(t.size) + 1, t.size - 1)
        dt_i, dt_n = f.dt, f.dt[nxt]  # the steps into and out of row i
        u_i = f.dy - f.drift[g] * dt_i
        u_n = f.dy[nxt] - f.drift[g] * dt_n
        merged_dt = dt_i + dt_n
        merged = (y[nxt] - np.r_[y[:1], y[:-1]]) - f.drift[g] * merged_dt
        ss_inner = f.walk_ss[g] - u_i * u_i / dt_i - u_n * u_n / dt_n + merged * merged / merged_dt
        gaps_inner = f.log_gaps[g] - np.log(dt_i) - np.log(dt_n) + np.log(merged_dt)
        prev_y = np.r_[y[:1], y[:-1]]
        centre_inner = prev_y + (y[nxt] - prev_y) * dt_i / merged_dt
        spread_inner = dt_i * dt_n / merged_dt
        span = f.last_t[g] - f.first_t[g]
        ends = _walk_without_ends(rows, f)
        ss_b = np.select([is_first, is_last], [ends.ss_first[g], ends.ss_last[g]], ss_inner)
        ss_b = np.maximum(ss_b, 0.0)
        gaps = np.select(
            [is_first, is_last],
            [f.log_gaps[g] - np.log(dt_n), f.log_gaps[g] - np.log(dt_i)],
            gaps_inner,
        )
        short = np.select([is_first, is_last], [span - dt_n, span - dt_i], span)
        ev_b = -0.5 * gaps - 0.5 * np.log(short) - 0.5 * df * np.log(ss_b)
        centre_b = np.select(
            [is_first, is_last],
            [y[nxt] - ends.drift_first[g] * dt_n, prev_y + ends.drift_last[g] * dt_i],
            centre_inner,
        )
        reach = np.select(
            [is_first, is_last],
            [dt_n + dt_n * dt_n / short, dt_i + dt_i * dt_i / short],
            spread_inner,
        )
        z_b = np.abs(y - centre_b) / np.sqrt(ss_b / df * reach)
        w = weight(ev_a, ev_b)
        dof = np.where(tried, df, 1.0).astype(np.int64)
        tails = 1.0 - t_cdf(np.column_stack([z_a, z_b]), dof[:, None])
        tail = (1.0 - w) * 2.0 * tails[:, 0] + w * 2.0 * tails[:, 1]
        seen = has_spread(ss_a, df, scale[g]) & has_spread(ss_b, df, scale[g])
    tail = np.where(tried & seen & np.isfinite(tail), tail, np.inf)
    low = np.full(rows.size, np.inf)
    np.minimum.at(low, g, tail)
    alike = tail <= low[g] * (1.0 + 1e-9)
    unique = rows.sums(alike.astype(float)) == 1.0
    chosen: Bools = alike & unique[g] & (low[g] < OUTLIER_ALPHA / n) & tried
    return chosen


@dataclass(frozen=True, slots=True)
class _Ends:
    """The walk without its first or last figure: drift and sum of squares per series."""

    drift_first: Floats
    ss_first: Floats
    drift_last: Floats
    ss_last: Floats


def _walk_without_ends(rows: Rows, f: RowFit) -> _Ends:
    g, t, y = rows.g, rows.t, rows.y
    first, last, has = bounds(rows)
    second = np.minimum(first + 1, max(t.size - 1, 0))
    before_last = np.maximum(last - 1, 0)
    with np.errstate(all="ignore"):
        drift_first = (f.last_y - pick(y, second, has)) / (f.last_t - pick(t, second, has))
        drift_last = (pick(y, before_last, has) - f.first_y) / (
            pick(t, before_last, has) - f.first_t
        )
        place = np.arange(t.size) - first[g]
        step = rows.steps
        u_f = f.dy - drift_first[g] * f.dt
        u_l = f.dy - drift_last[g] * f.dt
        safe = np.where(step, f.dt, 1.0)
        ss_first = rows.sums(np.where(step & (place >= 2), u_f * u_f / safe, 0.0))
        ss_last = rows.sums(np.where(step & (np.arange(t.size) < last[g]), u_l * u_l / safe, 0.0))
    return _Ends(drift_first, ss_first, drift_last, ss_last)
