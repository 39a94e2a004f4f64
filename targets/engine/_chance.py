"""The project's own reading: how likely a target is to be met by its deadline, and when.

No agency publishes this; it never changes an agency's status. It reads the figures since the
base year two ways (``_chance_fit``: a trend with noise, a random walk with drift), on the log
scale for compound methods and the plain scale for linear ones, leaves out one outlier, and
gives the probability that the figure for the target year meets the target, the years by which
that probability passes (1 - level) / 2 and (1 + level) / 2 (the reach interval), and a band
of the ``level`` forecast interval for every year up to the deadline. docs/engine.md says
when not to trust it: fewer than five figures, structural breaks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from targets.engine._chance_fit import (
    MIN_POINTS,
    REACH_HORIZON,
    TRUST_POINTS,
    Readings,
    find_outlier,
    fit,
    readable,
    spread_of,
)
from targets.engine._chance_words import chance_phrase, chance_steps
from targets.engine._refused import RefusedInputError
from targets.engine._series import Numbers, as_points
from targets.engine._step import Step

__all__ = [
    "CHANCE_MODELS",
    "MIN_POINTS",
    "MODEL_OF_PROJECTION",
    "NOT_FINITE",
    "REACH_HORIZON",
    "TRUST_POINTS",
    "Chance",
    "chance",
    "check_chance_arguments",
    "no_chance",
    "reach_grid",
]

NOT_FINITE = "the chance needs a finite target and target year"
"""The refusal (`RefusedInputError`) of a target the chance cannot read, batch or not."""

CHANCE_MODELS: tuple[str, ...] = ("linear", "log-linear")
"""log-linear for compound methods (statcan, unsd, istat), linear for linear ones."""


_NUMBERS = (
    "probability",
    "reach_low",
    "reach_high",
    "trend_slope",
    "trend_spread",
    "walk_drift",
    "walk_spread",
    "walk_weight",
)
"""Fields stored as None rather than NaN or inf."""


@dataclass(frozen=True, slots=True)
class Chance:
    """The project's own reading of a target (never an agency's): the chance that the figure for
    the target year meets it, and the years within which it is reached (``level``, e.g. 80 %).

    Numbers are None where undefined (``reason`` says why). The trend and walk numbers are on
    the model's scale: natural logs for ``log-linear`` (a slope of 0.05 is exp(0.05) - 1 =
    5.1 % a year), the metric's unit for ``linear``.
    """

    target: float
    target_year: float
    direction: str
    model: str
    level: float
    years: tuple[float, ...]
    """The figures read (from the base on, up to as_of), without the outlier left out."""
    values: tuple[float, ...]
    outlier: tuple[float, float] | None
    """(year, value) of the one figure left out as an outlier, if any."""
    probability: float | None
    """The chance that the figure for ``target_year`` meets the target (0 to 1)."""
    reach_low: float | None
    """The first whole year by which the chance of the figure meeting the target reaches
    (1 - level) / 2; None when already met, or not within ``REACH_HORIZON`` years."""
    reach_high: float | None
    """The same for (1 + level) / 2: [reach_low, reach_high] is the reach interval."""
    trend_slope: float | None
    trend_spread: float | None
    """Residual standard deviation of the figures around the trend."""
    walk_drift: float | None
    walk_spread: float | None
    """Standard deviation of one year's step of the random walk."""
    walk_weight: float | None
    """How much the random-walk reading counts (0 to 1); the trend reading has the rest."""
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]
    readings: Readings | None = field(default=None, repr=False)
    """Both fitted readings (model scale), from which ``band`` and the steps are computed."""

    def __post_init__(self) -> None:
        for name in _NUMBERS:
            x = getattr(self, name)
            if x is not None and not math.isfinite(x):
                object.__setattr__(self, name, None)

    def phrase(self, *, unit: str | None = None) -> str:
        """A short phrase for explanations: "the project's reading: 64 % chance ..."."""
        return chance_phrase(self, unit)

    def band(self) -> tuple[tuple[float, float, float, float], ...]:
        """(year, low, median, high) of the ``level`` forecast interval of the figure, on the
        metric's scale, for each whole year after the latest figure read and before the target
        year, then the target year: the shaded band of a chart. Empty without a reading."""
        if self.readings is None or self.probability is None:
            return ()
        sign = 1.0 if self.values[0] > 0 else -1.0
        latest = max(self.years[-1], self.outlier[0] if self.outlier else self.years[-1])
        return _band(
            self.readings, latest, self.target_year, level=self.level, model=self.model, sign=sign
        )


def check_chance_arguments(
    target: float, target_year: float, direction: str, model: str, level: float
) -> int:
    """Refuse arguments the reading cannot take; return d (+1 or -1).

    An unknown model or direction, or a level outside (0, 1), is the caller's mistake
    (ValueError); a target or target year that is not finite is an input the engine refuses
    (`RefusedInputError`), as ``assess`` refuses it.
    """
    if model not in CHANCE_MODELS:
        raise ValueError(f"model must be one of {', '.join(CHANCE_MODELS)}, got {model!r}")
    if direction not in ("increase", "decrease"):
        raise ValueError(f"direction must be 'increase' or 'decrease', got {direction!r}")
    if not (math.isfinite(target) and math.isfinite(target_year)):
        raise RefusedInputError(NOT_FINITE)
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must lie strictly between 0 and 1, got {level!r}")
    return 1 if direction == "increase" else -1


def chance(
    years: Numbers,
    values: Numbers,
    *,
    target: float,
    target_year: float,
    direction: str = "increase",
    model: str = "log-linear",
    as_of: float | None = None,
    level: float = 0.8,
) -> Chance:
    """The project's reading of one target from the figures given (pass them from the base on).

    Refuses (ValueError) a model, direction or level it does not know and a target that is not
    finite; gives a reading with ``reason`` set and no numbers where the figures cannot carry one.
    """
    d = check_chance_arguments(target, target_year, direction, model, level)
    ts, vs = as_points(years, values)
    if as_of is not None:
        ts, vs = _up_to(ts, vs, as_of)
    empty = _Empty(target, target_year, direction, model, level, ts, vs)
    why = _why_not(ts, vs, target, target_year, model)
    if why is not None:
        return empty.because(why)
    log = model == "log-linear"
    sign = 1.0 if vs[0] > 0 else -1.0
    ys = [float(np.log(np.float64(abs(v)))) if log else v for v in vs]
    z = float(np.log(np.float64(abs(target)))) if log else target
    d_y = d if sign > 0 or not log else -d  # on ln|v| a negative series runs the other way
    scale = max(abs(y) for y in ys)
    whole = fit(ts, ys)
    if not readable(whole):
        return empty.because("the figures are too large to read: the arithmetic overflows")
    if not spread_of(whole, scale):
        return empty.because("the figures lie exactly on a line: there is no spread to measure")
    notes: list[str] = []
    outlier = find_outlier(ts, ys, scale)
    used_t, used_y, used_v = list(ts), ys, list(vs)
    if outlier is not None:
        i, _ = outlier
        notes.append(f"{_year(ts[i])} ({vs[i]:g}) is left out as an outlier")
        used_t, used_y, used_v = _drop(used_t, i), _drop(used_y, i), _drop(used_v, i)
    r = fit(used_t, used_y)
    p = float(r.chance_at(target_year, z, above=d_y > 0))
    met = d * (vs[-1] - target) >= 0
    reach = (None, None) if met else _reach(r, ts[-1], z, d_y > 0, level)
    if met:
        notes.append("the latest figure already meets the target")
    if len(used_t) < TRUST_POINTS:
        notes.append(
            f"only {len(used_t)} figures: the chance rests mostly on the model's assumptions"
        )
    s_a, s_b = r.spreads()
    return Chance(
        target=target,
        target_year=target_year,
        direction=direction,
        model=model,
        level=level,
        years=tuple(used_t),
        values=tuple(used_v),
        outlier=None if outlier is None else (ts[outlier[0]], vs[outlier[0]]),
        probability=p,
        reach_low=reach[0],
        reach_high=reach[1],
        trend_slope=r.slope,
        trend_spread=s_a,
        walk_drift=r.drift,
        walk_spread=s_b,
        walk_weight=r.walk_weight,
        reason=None,
        notes=tuple(notes),
        steps=chance_steps(
            r,
            ts=ts,
            ys=ys,
            outlier=outlier,
            deadline=target_year,
            target=target,
            z=z,
            d=d_y,
            log=log,
            p=p,
            reach=reach,
            level=level,
        ),
        readings=r,
    )


def no_chance(
    *,
    target: float,
    target_year: float,
    direction: str,
    model: str,
    years: Sequence[float],
    values: Sequence[float],
    reason: str,
    level: float = 0.8,
) -> Chance:
    """A reading without numbers, saying why (for callers that know why before reading)."""
    empty = _Empty(target, target_year, direction, model, level, tuple(years), tuple(values))
    return empty.because(reason)


MODEL_OF_PROJECTION = {"compound": "log-linear", "linear": "linear"}
"""The chance model that goes with a method's projection."""


@dataclass(frozen=True, slots=True)
class _Empty:
    """What a reading without numbers echoes back."""

    target: float
    target_year: float
    direction: str
    model: str
    level: float
    years: tuple[float, ...]
    values: tuple[float, ...]

    def because(self, reason: str) -> Chance:
        return Chance(
            target=self.target,
            target_year=self.target_year,
            direction=self.direction,
            model=self.model,
            level=self.level,
            years=self.years,
            values=self.values,
            outlier=None,
            probability=None,
            reach_low=None,
            reach_high=None,
            trend_slope=None,
            trend_spread=None,
            walk_drift=None,
            walk_spread=None,
            walk_weight=None,
            reason=reason,
            notes=(),
            steps=(),
        )


def _up_to(
    ts: tuple[float, ...], vs: tuple[float, ...], as_of: float
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    if not math.isfinite(as_of):
        raise RefusedInputError("as_of must be a finite year")
    keep = [i for i, t in enumerate(ts) if t <= as_of]
    return tuple(ts[i] for i in keep), tuple(vs[i] for i in keep)


def _why_not(
    ts: Sequence[float], vs: Sequence[float], target: float, target_year: float, model: str
) -> str | None:
    """Why the figures cannot carry a reading, or None."""
    if len(ts) < MIN_POINTS:
        return f"fewer than {MIN_POINTS} figures since the base year"
    if target_year <= ts[-1]:
        return (
            f"the deadline {_year(target_year)} is not after the latest figure "
            f"({_year(ts[-1])}): the figures decide"
        )
    if model == "log-linear":
        if not (all(v > 0 for v in vs) or all(v < 0 for v in vs)):
            return "a log-linear trend needs figures of one sign, none zero"
        if target == 0 or (target > 0) != (vs[0] > 0):  # a sign test: a quotient can underflow
            return f"a log-linear trend never reaches {target:g}: it keeps the figures' sign"
    return None


def _drop(xs: list[float], i: int) -> list[float]:
    return [*xs[:i], *xs[i + 1 :]]


def _year(y: float) -> str:
    return str(int(y)) if float(y).is_integer() else f"{y:g}"


def reach_grid(latest: float) -> np.ndarray:
    """The whole years searched for the reach interval: after the latest figure (even one
    left out as an outlier), for ``REACH_HORIZON`` years."""
    return math.floor(latest) + np.arange(1.0, REACH_HORIZON + 1.0)


def _reach(
    r: Readings, latest: float, z: float, above: bool, level: float
) -> tuple[float | None, float | None]:
    """First whole years at which the chance reaches (1 - level) / 2 and (1 + level) / 2."""
    grid = reach_grid(latest)
    probs = r.chance_at(grid, z, above=above)
    out: list[float | None] = []
    for q in ((1.0 - level) / 2.0, (1.0 + level) / 2.0):
        hit = np.flatnonzero(probs >= q)
        out.append(float(grid[hit[0]]) if hit.size else None)
    return out[0], out[1]


def _band(
    r: Readings, latest: float, deadline: float, *, level: float, model: str, sign: float
) -> tuple[tuple[float, float, float, float], ...]:
    """(year, low, median, high) on the metric's scale, each year after the latest figure."""
    years = np.asarray([*(y for y in reach_grid(latest) if y < deadline), deadline])
    qs = np.asarray([(1.0 - level) / 2.0, 0.5, (1.0 + level) / 2.0])
    at, q = np.repeat(years, 3), np.tile(qs, years.size)
    y = _quantiles(r, at, q)
    with np.errstate(over="ignore"):  # a band beyond a double is infinite; charts clip it
        back = sign * np.exp(y) if model == "log-linear" else y
    rows = np.sort(back.reshape(years.size, 3), axis=1)
    return tuple((float(a), float(lo), float(mid), float(hi)) for a, (lo, mid, hi) in
                 zip(years, rows, strict=True))  # fmt: skip


def _quantiles(r: Readings, at: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The q quantiles of the averaged forecasts at ``at``, by bisection on their CDF."""
    forecasts = m_a, s_a, m_b, s_b = r.forecasts(at)  # the same at every step: made once
    width = np.maximum(s_a, s_b)
    lo, hi = np.minimum(m_a, m_b) - width, np.maximum(m_a, m_b) + width
    for _ in range(64):  # widen until the quantile lies inside (heavy tails with few figures)
        low_out = r.chance_at(at, lo, above=False, forecasts=forecasts) > q
        high_out = r.chance_at(at, hi, above=False, forecasts=forecasts) < q
        if not (low_out.any() or high_out.any()):
            break
        lo = np.where(low_out, lo - 2.0 * (hi - lo), lo)
        hi = np.where(high_out, hi + 2.0 * (hi - lo), hi)
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        below = r.chance_at(at, mid, above=False, forecasts=forecasts) < q
        closer = np.where(below, mid, lo), np.where(below, hi, mid)
        if np.array_equal(closer[0], lo) and np.array_equal(closer[1], hi):
            break  # no double left between: every further step would repeat this one
        lo, hi = closer
    out: np.ndarray = 0.5 * (lo + hi)
    return out
