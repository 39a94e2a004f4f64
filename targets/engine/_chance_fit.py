"""The two readings behind the project's chance, for one series, in plain floats.

The figures y (log values for a compound method, values for a linear one) at times t are read
two ways, and the chance averages what each reading forecasts:

- **trend**: a straight line with independent noise around it (y_i = a + b t_i + e_i), fitted
  by least squares; its forecast of a new figure is Student-t with n - 2 df, centred on the
  line, scale s_A sqrt(1 + 1/n + (T - t_mean)^2 / Sxx);
- **walk**: a random walk with drift (y_i - y_{i-1} = delta (t_i - t_{i-1}) + noise with variance
  s_B^2 per year), drift (y_n - y_1) / (t_n - t_1); its forecast is Student-t with n - 2 df,
  centred on y_n + delta h, scale s_B sqrt(h + h^2 / (t_n - t_1)), h = T - t_n: the spread grows
  with the horizon, and the h^2 term carries the drift's own uncertainty.

Both are Bayesian predictive distributions under flat priors on the line (or the level and the
drift) and 1/sigma on the noise; their weights come from their marginal (restricted) likelihoods,
with even prior odds. Sums run in index order, and logs and exps go through numpy, so the batch
path in ``_chance_batch`` reproduces these numbers.

One outlier: with at least five figures, each figure is forecast from the others (both
readings, the others' weights); the least likely one is left out when its two-sided tail
probability is below 0.01 / n, it alone is that unlikely, and the others still show a spread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._student import t_cdf

__all__ = [
    "MIN_POINTS",
    "NO_SPREAD",
    "OUTLIER_ALPHA",
    "OUTLIER_MIN_POINTS",
    "REACH_HORIZON",
    "TRUST_POINTS",
    "Readings",
    "find_outlier",
    "fit",
    "readable",
    "spread_of",
]

MIN_POINTS = 3
"""Fewer figures since the base leave no spread to measure: no reading."""
TRUST_POINTS = 5
"""Below this the reading rests mostly on the model's assumptions; a note says so."""
REACH_HORIZON = 50
"""Whole years after the latest figure searched for the reach interval."""
OUTLIER_ALPHA = 0.01
"""The family-wise chance of leaving a figure out of a clean series (Bonferroni over n). At
0.05 the clean series that lose a figure (about 5 %) made the chance measurably overconfident
at both ends in the calibration simulation; at 0.01 (about 1 % lose one) they do not."""
OUTLIER_MIN_POINTS = 5
"""Fewer figures cannot tell one outlier from the rest: none is left out."""
Floats = npt.NDArray[np.float64]

NO_SPREAD = 1e-6
"""Relative to the largest |y|: a reading whose spread is below this sees no noise at all
(figures that agree with a line to a millionth carry no measurable spread). Well above
rounding, so that the batch's leave-one-out sums, which subtract, decide alike."""


def _log(x: float) -> float:
    return float(np.log(np.float64(x)))


@dataclass(frozen=True, slots=True)
class Readings:
    """Both readings of one series: the least-squares trend and the random walk with drift."""

    n: int
    t_mean: float
    y_mean: float
    sxx: float
    slope: float
    trend_ss: float
    """S_A: the sum of squared residuals around the trend."""
    first_t: float
    first_y: float
    last_t: float
    last_y: float
    drift: float
    walk_ss: float
    """S_B: the sum over steps of (dy - drift dt)^2 / dt."""
    log_gaps: float
    """The sum of ln(dt) over the steps."""

    @property
    def df(self) -> int:
        return self.n - 2

    @property
    def span(self) -> float:
        return self.last_t - self.first_t

    @property
    def evidence_trend(self) -> float:
        """ln of the trend reading's marginal likelihood (up to a constant both share)."""
        return -0.5 * _log(self.n * self.sxx) - 0.5 * self.df * _log(self.trend_ss)

    @property
    def evidence_walk(self) -> float:
        return -0.5 * self.log_gaps - 0.5 * _log(self.span) - 0.5 * self.df * _log(self.walk_ss)

    @property
    def walk_weight(self) -> float:
        """How much the random-walk reading counts: 1 / (1 + exp(ev_trend - ev_walk))."""
        with np.errstate(over="ignore"):
            odds = float(np.exp(np.float64(self.evidence_trend - self.evidence_walk)))
        return 1.0 / (1.0 + odds)

    def trend_forecast(self, at: float) -> tuple[float, float]:
        """(centre, scale) of the trend reading's Student-t forecast of the figure at ``at``."""
        centre = self.y_mean + self.slope * (at - self.t_mean)
        gap = at - self.t_mean
        var = self.trend_ss / self.df * (1.0 + 1.0 / self.n + gap * gap / self.sxx)
        return centre, math.sqrt(var)

    def walk_forecast(self, at: float) -> tuple[float, float]:
        """(centre, scale) of the walk reading's forecast at ``at`` after the last figure."""
        h = at - self.last_t
        var = self.walk_ss / self.df * (h + h * h / self.span)
        return self.last_y + self.drift * h, math.sqrt(var)

    def walk_backcast(self, at: float) -> tuple[float, float]:
        """The same before the first figure (a walk read backwards is a walk with -drift)."""
        h = self.first_t - at
        var = self.walk_ss / self.df * (h + h * h / self.span)
        return self.first_y - self.drift * h, math.sqrt(var)

    def forecasts(self, at: Floats) -> tuple[Floats, Floats, Floats, Floats]:
        """(trend centre, trend scale, walk centre, walk scale) at many times after the last
        figure: ``trend_forecast`` and ``walk_forecast`` over an array."""
        with np.errstate(all="ignore"):
            gap = at - self.t_mean
            var_a = self.trend_ss / self.df * (1.0 + 1.0 / self.n + gap * gap / self.sxx)
            h = at - self.last_t
            var_b = self.walk_ss / self.df * (h + h * h / self.span)
            centre_a = self.y_mean + self.slope * gap
            return centre_a, np.sqrt(var_a), self.last_y + self.drift * h, np.sqrt(var_b)

    def chance_at(
        self,
        at: npt.ArrayLike,
        y: npt.ArrayLike,
        *,
        above: bool,
        forecasts: tuple[Floats, Floats, Floats, Floats] | None = None,
    ) -> Floats:
        """P(figure at ``at`` >= y) (``above``, else <= y), averaged over the two readings;
        `forecasts`: ``forecasts(at)``, when the caller asks at the same times again."""
        found = self.forecasts(np.asarray(at, dtype=float)) if forecasts is None else forecasts
        m_a, s_a, m_b, s_b = found
        sign = 1.0 if above else -1.0
        ys = np.asarray(y, dtype=float)
        w = self.walk_weight
        with np.errstate(all="ignore"):
            p_a = t_cdf(sign * (m_a - ys) / s_a, self.df)
            p_b = t_cdf(sign * (m_b - ys) / s_b, self.df)
            mixed: Floats = (1.0 - w) * p_a + w * p_b
        return mixed

    def spreads(self) -> tuple[float, float]:
        """(s_A, s_B): the residual spread around the trend, and of one year's step."""
        return math.sqrt(self.trend_ss / self.df), math.sqrt(self.walk_ss / self.df)


def fit(ts: Sequence[float], ys: Sequence[float]) -> Readings:
    """Both readings of at least three figures (distinct, sorted times)."""
    n = len(ts)
    t_sum = 0.0
    y_sum = 0.0
    for t, y in zip(ts, ys, strict=True):
        t_sum += t
        y_sum += y
    t_mean, y_mean = t_sum / n, y_sum / n
    sxx = 0.0
    sxy = 0.0
    for t, y in zip(ts, ys, strict=True):
        sxx += (t - t_mean) * (t - t_mean)
        sxy += (t - t_mean) * (y - y_mean)
    slope = sxy / sxx
    trend_ss = 0.0
    for t, y in zip(ts, ys, strict=True):
        e = y - y_mean - slope * (t - t_mean)
        trend_ss += e * e
    drift = (ys[-1] - ys[0]) / (ts[-1] - ts[0])
    walk_ss = 0.0
    log_gaps = 0.0
    for k in range(1, n):
        dt = ts[k] - ts[k - 1]
        u = (ys[k] - ys[k - 1]) - drift * dt
        walk_ss += u * u / dt
        log_gaps += _log(dt)
    return Readings(
        n, t_mean, y_mean, sxx, slope, trend_ss, ts[0], ys[0], ts[-1], ys[-1], drift, walk_ss,
        log_gaps,
    )  # fmt: skip


def readable(r: Readings) -> bool:
    """Whether the readings' arithmetic stayed finite (figures near the float limit overflow)."""
    numbers = (r.y_mean, r.sxx, r.slope, r.trend_ss, r.drift, r.walk_ss, r.log_gaps)
    return all(math.isfinite(x) for x in numbers)


def spread_of(r: Readings, scale: float) -> bool:
    """Whether both readings see noise, each spread above ``NO_SPREAD`` times ``scale``, and
    their arithmetic stayed finite."""
    if not readable(r):
        return False
    s_a, s_b = r.spreads()
    return s_a > NO_SPREAD * scale and s_b > NO_SPREAD * scale


def _standardised(
    r: Readings, ts: Sequence[float], ys: Sequence[float], i: int
) -> tuple[float, float, float]:
    """(|z| under the trend, |z| under the walk, walk weight) of figure i (of ``ts``, ``ys``)
    against the forecast that ``r``, fitted to the other figures, makes of it."""
    m_a, s_a = r.trend_forecast(ts[i])
    if i == 0:
        m_b, s_b = r.walk_backcast(ts[i])
    elif i == len(ts) - 1:
        m_b, s_b = r.walk_forecast(ts[i])
    else:  # a Brownian bridge between the neighbours: the drift cancels
        before, after = ts[i] - ts[i - 1], ts[i + 1] - ts[i]
        m_b = ys[i - 1] + (ys[i + 1] - ys[i - 1]) * before / (before + after)
        s_b = math.sqrt(r.walk_ss / r.df * (before * after / (before + after)))
    with np.errstate(all="ignore"):
        return abs(ys[i] - m_a) / s_a, abs(ys[i] - m_b) / s_b, r.walk_weight


def find_outlier(
    ts: Sequence[float], ys: Sequence[float], scale: float
) -> tuple[int, float] | None:
    """(index, tail probability) of the one figure to leave out, or None.

    Each figure is forecast from the others; the least likely is left out when its two-sided
    tail probability (both readings, the others' weights) is below ``OUTLIER_ALPHA / n``, no
    other figure is as unlikely (within a relative 1e-9: two alike are not one outlier), and
    the others still show a spread.
    """
    n = len(ts)
    if n < OUTLIER_MIN_POINTS:
        return None
    z = np.full((n, 2), np.nan)
    w = np.full(n, np.nan)
    for i in range(n):
        others = fit([*ts[:i], *ts[i + 1 :]], [*ys[:i], *ys[i + 1 :]])
        # where the others lie on a line there is nothing to measure figure i against
        if spread_of(others, scale):
            z[i, 0], z[i, 1], w[i] = _standardised(others, ts, ys, i)
    with np.errstate(all="ignore"):
        upper = 1.0 - t_cdf(z, n - 3)
        both = (1.0 - w) * 2.0 * upper[:, 0] + w * 2.0 * upper[:, 1]
    tails = [float(p) if math.isfinite(p) else math.inf for p in both]
    low = min(tails)
    alike = [i for i, p in enumerate(tails) if p <= low * (1.0 + 1e-9)]
    if low < OUTLIER_ALPHA / n and len(alike) == 1:
        return alike[0], low
    return None
