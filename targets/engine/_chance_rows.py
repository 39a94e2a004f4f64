"""Columns of many series, sorted by series then time, and both chance readings fitted on them.

Sums run through ``np.bincount``, which adds in row order, as ``_chance_fit.fit`` adds in index
order; every other operation is written as the scalar ``Readings`` writes it, so the batch and
the scalar paths agree to rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._chance_fit import NO_SPREAD
from targets.engine._student import t_cdf

__all__ = [
    "RowFit",
    "Rows",
    "bounds",
    "chance_at",
    "evidence",
    "fit_rows",
    "has_spread",
    "pick",
    "readable",
    "weight",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Rows:
    """Points sorted by series then time, with each row's series and place in it."""

    g: Ints
    t: Floats
    y: Floats
    size: int

    def sums(self, x: Floats) -> Floats:
        return np.asarray(np.bincount(self.g, weights=x, minlength=self.size), dtype=np.float64)

    @property
    def steps(self) -> Bools:
        """Rows that follow a row of the same series (a walk's step ends there)."""
        same: Bools = np.r_[False, self.g[1:] == self.g[:-1]]
        return same

    def keep(self, mask: Bools) -> Rows:
        return Rows(self.g[mask], self.t[mask], self.y[mask], self.size)


@dataclass(frozen=True, slots=True)
class RowFit:
    """``_chance_fit.Readings`` per series, plus the per-row pieces the outlier search needs."""

    n: Floats
    t_mean: Floats
    y_mean: Floats
    sxx: Floats
    slope: Floats
    trend_ss: Floats
    first_t: Floats
    first_y: Floats
    last_t: Floats
    last_y: Floats
    drift: Floats
    walk_ss: Floats
    log_gaps: Floats
    resid: Floats
    """Per row: the residual around the trend."""
    dt: Floats
    dy: Floats
    """Per row: the step ending there (0 on a series' first row)."""


def bounds(rows: Rows) -> tuple[Ints, Ints, Bools]:
    """First and last row of each series (rows are sorted), and which series have rows."""
    count = np.bincount(rows.g, minlength=rows.size)
    end = np.cumsum(count)
    top = max(rows.t.size - 1, 0)
    first = np.minimum(end - count, top)
    last = np.clip(end - 1, 0, top)
    return first.astype(np.int64), last.astype(np.int64), count > 0


def pick(x: Floats, index: Ints, has: Bools) -> Floats:
    picked: Floats = np.where(has, x[index] if x.size else np.nan, np.nan)
    return picked


def fit_rows(rows: Rows) -> RowFit:
    """Both readings of every series, summed in row order as the scalar ``fit`` sums."""
    g, t, y = rows.g, rows.t, rows.y
    n = rows.sums(np.ones(t.size))
    first, last, has = bounds(rows)
    step = rows.steps
    with np.errstate(all="ignore"):
        t_mean, y_mean = rows.sums(t) / n, rows.sums(y) / n
        ct, cy = t - t_mean[g], y - y_mean[g]
        sxx = rows.sums(ct * ct)
        slope = rows.sums(ct * cy) / sxx
        resid = y - y_mean[g] - slope[g] * ct
        trend_ss = rows.sums(resid * resid)
        first_t, first_y = pick(t, first, has), pick(y, first, has)
        last_t, last_y = pick(t, last, has), pick(y, last, has)
        drift = (last_y - first_y) / (last_t - first_t)
        dt = np.where(step, t - np.r_[t[:1], t[:-1]], 0.0)
        dy = np.where(step, y - np.r_[y[:1], y[:-1]], 0.0)
        u = dy - drift[g] * dt
        walk_ss = rows.sums(np.where(step, u * u / np.where(step, dt, 1.0), 0.0))
        log_gaps = rows.sums(np.where(step, np.log(np.where(step, dt, 1.0)), 0.0))
    return RowFit(
        n, t_mean, y_mean, sxx, slope, trend_ss, first_t, first_y, last_t, last_y, drift,
        walk_ss, log_gaps, resid, dt, dy,
    )  # fmt: skip


def evidence(f: RowFit) -> tuple[Floats, Floats]:
    """ln marginal likelihoods of the trend and the walk, as ``Readings.evidence_*``."""
    df = f.n - 2.0
    with np.errstate(all="ignore"):
        trend = -0.5 * np.log(f.n * f.sxx) - 0.5 * df * np.log(f.trend_ss)
        walk = -0.5 * f.log_gaps - 0.5 * np.log(f.last_t - f.first_t) - 0.5 * df * np.log(f.walk_ss)
    return trend, walk


def weight(trend: Floats, walk: Floats) -> Floats:
    with np.errstate(over="ignore", invalid="ignore"):
        w: Floats = 1.0 / (1.0 + np.exp(trend - walk))
    return w


def has_spread(ss: Floats, df: Floats, scale: Floats) -> Bools:
    """As ``_chance_fit.spread_of`` for one reading: a finite spread above the floor."""
    with np.errstate(all="ignore"):
        spread = np.sqrt(ss / df)
        seen: Bools = np.isfinite(spread) & (spread > NO_SPREAD * scale)
    return seen


def readable(f: RowFit) -> Bools:
    """As ``_chance_fit.readable``: the readings' arithmetic stayed finite."""
    numbers = (f.y_mean, f.sxx, f.slope, f.trend_ss, f.drift, f.walk_ss, f.log_gaps)
    finite: Bools = np.logical_and.reduce([np.isfinite(x) for x in numbers])
    return finite


def chance_at(f: RowFit, at: Floats, z: Floats, up: Floats) -> Floats:
    """P(figure at ``at`` meets z) per series (``up`` +1: at least), averaged over readings.

    ``at``, ``z`` and ``up`` are per series, or (series, k) arrays for a grid of years.
    """
    col = (slice(None),) + (None,) * (np.ndim(at) - 1)
    df = f.n - 2.0
    with np.errstate(all="ignore"):
        gap = at - f.t_mean[col]
        var_a = f.trend_ss[col] / df[col] * (1.0 + 1.0 / f.n[col] + gap * gap / f.sxx[col])
        h = at - f.last_t[col]
        span = (f.last_t - f.first_t)[col]
        var_b = f.walk_ss[col] / df[col] * (h + h * h / span)
        m_a = f.y_mean[col] + f.slope[col] * gap
        m_b = f.last_y[col] + f.drift[col] * h
        w = weight(*evidence(f))[col]
        dof = np.broadcast_to(np.where(df >= 1, df, 1.0)[col], np.shape(gap)).astype(np.int64)
        p_a = t_cdf(up * (m_a - z) / np.sqrt(var_a), dof)
        p_b = t_cdf(up * (m_b - z) / np.sqrt(var_b), dof)
        mixed: Floats = (1.0 - w) * p_a + w * p_b
    return mixed
