"""Destatis weather symbols: the five-year mean change, projected linearly to the target year."""

from __future__ import annotations

from collections.abc import Mapping

from targets.engine._destatis_window import first_of_window, min_points
from targets.engine._edge import at_least, at_most, below
from targets.engine._num import finite, fmt, when
from targets.engine._series import Prepared
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import Context, Verdict, unavailable

__all__ = [
    "SYMBOL_ORDER",
    "judge",
    "mean_change",
    "too_few",
    "window",
    "worst_symbol",
]


def window(prep: Prepared, thresholds: Mapping[str, float]) -> int | None:
    """Index of the first of the last (up to six) points, or None below the minimum (four)."""
    return first_of_window(len(prep.years), thresholds)


def mean_change(prep: Prepared, thresholds: Mapping[str, float]) -> tuple[float | None, Step]:
    """Mean of the last five annual changes: per year, from the first to the last of the window."""
    k = window(prep, thresholds)
    if k is None:
        return None, Step("mean change", f"needs {min_points(thresholds)} points", None)
    y0, v0, t, v_t = prep.years[k], prep.values[k], prep.years[-1], prep.values[-1]
    slope = finite((v_t - v0) / (t - y0))
    return slope, Step("mean change", f"({fmt(v_t)} - {fmt(v0)}) / ({fmt(t)} - {fmt(y0)})", slope)


def too_few(thresholds: Mapping[str, float]) -> str:
    return f"fewer than {min_points(thresholds)} figures: no assessment"


def judge(c: Context) -> Verdict:
    th = c.thresholds
    slope = c.growth.slope
    if slope is None:
        return unavailable("destatis", too_few(th))
    if c.target is None or c.target_year is None:
        return _direction_only(c, slope)
    p_t = c.growth.projected
    if p_t is None:
        return unavailable("destatis", "the linear projection overflows")
    if c.met:
        if at_least(c.d * p_t, c.d * c.target):  # the trend holds it (on it, within rounding)
            return Verdict("sun", Status.ACHIEVED)
        note = f"the trend threatens the target: it projects {fmt(p_t)} by {when(c.target_year)}"
        return Verdict("sun_behind_cloud", Status.ACHIEVED, notes=(note,))
    miss = (c.target - p_t) / (c.target - c.v_t)
    steps = (
        Step("miss", f"({fmt(c.target)} - {fmt(p_t)}) / ({fmt(c.target)} - {fmt(c.v_t)})", miss),
    )
    if below(miss, th["sun"]):
        name, status = "sun", Status.ON_TRACK
    elif at_most(miss, th["slightly_cloudy"]):
        name, status = "slightly_cloudy", Status.AT_RISK
    elif c.d * slope > 0:
        name, status = "cloud", Status.OFF_TRACK
    else:
        name, status = "thunderstorm", Status.REGRESSING
    return Verdict(name, status, ratio=miss, steps=steps, progress=miss)


def _direction_only(c: Context, slope: float) -> Verdict:
    """Five-year mean change and last change both in the desired direction: sun; and so on.

    The progress value is d times the five-year mean change: a change per year in the metric's
    unit, positive when it goes the desired way (so that it mirrors as the other methods' x).
    """
    ys, vs = c.prep.years, c.prep.values
    last = (vs[-1] - vs[-2]) / (ys[-1] - ys[-2])
    step = Step(
        "last change", f"({fmt(vs[-1])} - {fmt(vs[-2])}) / ({fmt(ys[-1])} - {fmt(ys[-2])})", last
    )
    mean_ok, last_ok = c.d * slope > 0, c.d * last > 0
    if mean_ok and last_ok:
        name, status = "sun", Status.ON_TRACK
    elif mean_ok:
        name, status = "slightly_cloudy", Status.AT_RISK
    elif last_ok:
        name, status = "cloud", Status.OFF_TRACK
    else:
        name, status = "thunderstorm", Status.REGRESSING
    return Verdict(name, status, steps=(step,), progress=c.d * slope)


SYMBOL_ORDER: tuple[str, ...] = (
    "sun",
    "sun_behind_cloud",
    "slightly_cloudy",
    "cloud",
    "thunderstorm",
)


def worst_symbol(symbols: tuple[str, ...] | list[str]) -> str:
    """Several targets on one indicator: the worst weather symbol wins.

    Special states (suspended, ended, not_assessed) count only when no symbol is there.
    """
    ranked = [s for s in symbols if s in SYMBOL_ORDER]
    if ranked:
        return max(ranked, key=SYMBOL_ORDER.index)
    for special in ("suspended", "ended", "not_assessed"):
        if special in symbols:
            return special
    return "not_assessed"
