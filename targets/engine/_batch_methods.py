"""The vectorised arithmetic and method rules behind ``assess_batch``.

Each block mirrors the scalar module of the same method, check for check and in the same
order, so that the two agree to the last bit (numpy computes powers and logs for both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._edge import above_all, at_least_all, at_most_all, below_all

__all__ = ["Bools", "Columns", "Floats", "Ints", "Judged", "Verdicts", "judge"]


Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

ACH, ON, RISK, OFF, REG, MISS, NA = range(7)


@dataclass(frozen=True, slots=True)
class Columns:
    """Per-series inputs (length = series) and the kept points (``y``, ``v``)."""

    method: str
    thresholds: Mapping[str, float]
    projection: str
    trajectory: str
    d: Floats
    target: Floats
    target_year: Floats
    limit: Floats
    count: Ints
    reached: Bools
    b: Floats
    v_b: Floats
    t: Floats
    v_t: Floats
    v_deadline: Floats
    """The value a decided deadline is judged on (interpolated where the scalar path does)."""
    y: Floats
    v: Floats
    g: Ints
    """The series of each kept point."""
    first: Ints
    last: Ints
    base: Ints
    """Each series' base row (the first, unless a base year moved it)."""
    missing: Bools
    """Series whose base year has no figure where its rule looks: not assessable."""
    bounds_low: Floats
    bounds_high: Floats


def _pow(x: Floats, e: Floats | float) -> Floats:
    """Like the scalar ``power``: undefined in, undefined out (numpy says nan ** 0 == 1)."""
    r = np.power(x, e)
    return np.where(np.isfinite(r) & ~np.isnan(x) & ~np.isnan(e), r, np.nan)


def _crate(v0: Floats, v1: Floats, dt: Floats) -> Floats:
    ok = (dt > 0) & (v0 != 0) & ~(v1 / v0 < 0)
    return np.where(ok, _pow(np.where(ok, v1 / v0, 1.0), np.where(ok, 1.0 / dt, 1.0)) - 1.0, np.nan)


def _lrate(v0: Floats, v1: Floats, dt: Floats) -> Floats:
    return np.where(dt > 0, (v1 - v0) / np.where(dt > 0, dt, 1.0), np.nan)


def _finite(x: Floats) -> Floats:
    return np.where(np.isfinite(x), x, np.nan)


Judged = tuple[dict[str, Floats], npt.NDArray[np.int8], npt.NDArray[np.int8], Ints]


def judge(c: Columns) -> Judged:
    """(numbers by result field, status codes, method-label codes, points used)."""
    with np.errstate(all="ignore"):
        return _judge(c)


def _judge(c: Columns) -> Judged:
    th, m = c.thresholds, c.method
    has = ~np.isnan(c.target)
    empty = (c.count == 0) | c.missing
    v_b, tgt = c.v_b, c.target
    if m == "statcan":
        zero = th["zero_replacement"]
        v_b = np.where(v_b == 0, zero, v_b)
        tgt = np.where(tgt == 0, zero, tgt)
    met = _met(c, c.v_t)
    met_at_deadline = _met(c, c.v_deadline)
    dt = c.t - c.b
    g_a = np.where(_one_sign(c, v_b), _crate(v_b, c.v_t, dt), np.nan)
    s_a = _lrate(v_b, c.v_t, dt)
    slope = _destatis_slope(c) if m == "destatis" else s_a
    T = np.where(has, c.target_year, np.nan)  # noqa: N806
    g_r, s_r = _crate(v_b, tgt, T - c.b), _lrate(v_b, tgt, T - c.b)
    g_now, s_now = _crate(c.v_t, tgt, T - c.t), _lrate(c.v_t, tgt, T - c.t)
    if c.projection == "compound":
        projected = _finite(c.v_t * _pow(1.0 + g_a, T - c.t))
        ok = ~np.isnan(g_a) & (c.v_t != 0) & (tgt / c.v_t > 0) & (1.0 + g_a > 0)
        dist = np.log(np.where(ok, tgt / c.v_t, 1.0))
        speed = np.log(np.where(ok, 1.0 + g_a, 2.0))
        ok &= np.isfinite(dist) & np.isfinite(speed) & (speed != 0)
        span = dist / np.where(ok, speed, 1.0)
    else:
        projected = _finite(c.v_t + slope * (T - c.t))
        ok = ~np.isnan(slope) & (slope != 0)
        span = (tgt - c.v_t) / np.where(ok, slope, 1.0)
    reach = np.where(has & ~met & ok & (span > 0), c.t + span, np.nan)
    with np.errstate(invalid="ignore"):  # the metric cannot go past its bounds (rank 1, 100 %)
        projected = np.where(projected < c.bounds_low, c.bounds_low, projected)
        projected = np.where(projected > c.bounds_high, c.bounds_high, projected)
    if c.trajectory == "compound":
        traj = v_b * _pow(1.0 + g_r, c.t - c.b)
    else:
        traj = v_b + (c.t - c.b) * s_r
    g_r, s_r, g_now, s_now, projected, traj = (
        np.where(has, x, np.nan) for x in (g_r, s_r, g_now, s_now, projected, traj)
    )
    q = _Quantities(has, empty, met, v_b, tgt, g_a, s_a, slope, g_r, s_r, projected)
    status, label, ratio, score, progress = _RULES[m](c, q)
    decided = has & c.reached & (m != "istat") & ~c.missing
    status = np.where(decided, np.where(met_at_deadline, ACH, MISS), status)
    if m == "destatis":
        label = np.where(decided, 6, label)
    floats = {
        "ratio": ratio,
        "score": score,
        "progress": progress,
        "growth_actual": g_a,
        "growth_actual_linear": s_a,
        "growth_required": g_r,
        "growth_required_linear": s_r,
        "growth_required_now": g_now,
        "growth_required_now_linear": s_now,
        "slope": slope,
        "projected": projected,
        "reach_year": reach,
        "trajectory_value": traj,
        "trajectory_gap": c.v_t - traj,
        "base_year": c.b,
        "base_value": c.v_b,
        "latest_year": c.t,
        "latest_value": c.v_t,
    }
    numbers = {k: _finite(np.where(empty, np.nan, x)).astype(np.float64) for k, x in floats.items()}
    for name in ("latest_year", "latest_value"):  # known even when a base year has no figure
        numbers[name] = _finite(np.where(c.count == 0, np.nan, floats[name])).astype(np.float64)
    codes = np.asarray(status, dtype=np.int8), np.asarray(label, dtype=np.int8)
    return numbers, codes[0], codes[1], c.count.astype(np.int64)


def _met(c: Columns, value: Floats) -> Bools:
    """The target met by ``value`` (UNSD: within the tolerance of a 0 or 100 target too)."""
    has = ~np.isnan(c.target)
    target = c.target
    if c.method == "statcan":  # a zero target replaced first, as `is_met` says
        target = np.where(target == 0, c.thresholds["zero_replacement"], target)
    met = has & (c.d * (value - target) >= 0)
    if c.method == "unsd":
        near = np.isin(c.target, (0.0, 100.0))
        tolerance = c.thresholds["percent_target_tolerance"]
        met |= has & near & (np.abs(value - c.target) <= tolerance)
    return met


def _one_sign(c: Columns, v_b: Floats) -> Bools:
    """Whether every kept value (the base as the method uses it) is positive, or every one
    negative: compound growth cannot span a zero or a sign change. A latest value of zero
    after values of one sign is the exception, as in the scalar rule (growth to zero is -1)."""
    n = c.count.size
    sign = np.sign(c.v)
    used = np.zeros(sign.size, dtype=bool)
    if sign.size:
        nonempty = c.count > 0
        sign[c.base[nonempty]] = np.sign(v_b[nonempty])
        used = np.arange(sign.size) >= c.base[c.g]  # from the base on
    positive = np.bincount(c.g, weights=((sign > 0) & used).astype(float), minlength=n)
    negative = np.bincount(c.g, weights=((sign < 0) & used).astype(float), minlength=n)
    points = np.where(c.count > 0, c.last - c.base + 1, 0)
    last_zero = (points >= 2) & (sign[c.last] == 0) if sign.size else np.zeros(n, bool)
    rest = points - 1
    one: Bools = (positive == points) | (negative == points)
    one |= last_zero & ((positive == rest) | (negative == rest))
    return one


@dataclass(frozen=True, slots=True)
class _Quantities:
    has: Bools
    empty: Bools
    met: Bools
    v_b: Floats
    tgt: Floats
    g_a: Floats
    s_a: Floats
    slope: Floats
    g_r: Floats
    s_r: Floats
    projected: Floats


def _destatis_slope(c: Columns) -> Floats:
    th = c.thresholds
    points, least = max(2, int(th["points"])), max(2, int(th["min_points"]))
    k = c.first + np.maximum(0, c.count - points)
    k = np.minimum(k, max(c.y.size - 1, 0))
    y0 = c.y[k] if c.y.size else np.full(c.count.size, np.nan)
    v0 = c.v[k] if c.v.size else np.full(c.count.size, np.nan)
    slope = (c.v_t - v0) / (c.t - y0)
    return np.where(c.count >= least, _finite(slope), np.nan)


Verdicts = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Floats, Floats, Floats]
"""(status codes, label codes, ratio, score, progress)."""


def _select(
    cases: list[tuple[Bools, int, int]], default: tuple[int, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    conds = [cond for cond, _, _ in cases]
    status = np.select(conds, [s for _, s, _ in cases], default=default[0])
    label = np.select(conds, [lab for _, _, lab in cases], default=default[1])
    return status.astype(np.int64), label.astype(np.int64)


def _grade(
    x: Floats, cuts: tuple[Floats | float, Floats | float, Floats | float]
) -> tuple[list[tuple[Bools, int, int]], tuple[int, int]]:
    """Statistics Canada's four grades (and UNSD's, with the same shape)."""
    grades = [at_least_all(x, cut) for cut in cuts]
    return [(grades[0], ON, 1), (grades[1], RISK, 2), (grades[2], OFF, 3)], (REG, 4)


def _statcan(c: Columns, q: _Quantities) -> Verdicts:
    th = c.thresholds
    few = c.count < 2
    s = np.where(q.v_b < 0, -1.0, 1.0)
    r = s * c.d * q.g_a / np.abs(q.g_r)
    x = s * c.d * q.g_a
    xb = np.abs(q.v_b)
    near = np.where(xb <= c.limit, xb, 2 * c.limit - xb)
    grown = _pow(near / c.limit, th["limit_exponent"])
    cf = np.where(np.isnan(c.limit) | (xb >= 2 * c.limit), 1.0, 1.0 - np.nan_to_num(grown))
    with_target = q.has & ~few & (q.tgt != q.v_b) & ~np.isnan(q.g_a) & ~np.isnan(q.g_r)
    with_target &= q.g_r != 0
    without = ~q.has & ~few & ~np.isnan(q.g_a)
    achieved = q.has & q.met & ~q.empty
    grades_r, _ = _grade(
        r, (th["substantial_progress"], th["moderate_progress"], th["limited_progress"])
    )
    grades_x, _ = _grade(
        x,
        (th["no_target_substantial"] * cf, th["no_target_moderate"] * cf, th["no_target_limited"]),
    )
    cases = [(q.empty, NA, 5), (achieved, ACH, 0)]
    cases += [(with_target & cond, st, lab) for cond, st, lab in grades_r]
    cases += [(with_target, REG, 4)]
    cases += [(without & cond, st, lab) for cond, st, lab in grades_x]
    cases += [(without, REG, 4)]
    status, label = _select(cases, (NA, 5))
    t_score = np.where(
        at_least_all(r, 0.6),
        np.minimum(7.1429 * r - 4.2857, 5.0),
        np.maximum(4.1667 * r - 2.5, -5.0),
    )
    safe_cf = np.where(cf == 0, 1.0, cf)
    x_score = np.select(
        [x < 0, cf == 0, x < 0.005 * cf, x < 0.015 * cf],
        [
            np.maximum(125.0 * x - 2.5, -5.0),
            5.0,
            500.0 * x / safe_cf - 2.5,
            250.0 * x / safe_cf - 1.25,
        ],
        default=np.minimum(500.0 * x / safe_cf - 5.0, 5.0),
    )
    score = np.select(
        [q.empty, achieved, with_target, without], [np.nan, 5.0, t_score, x_score], default=np.nan
    )
    ratio = np.where(with_target & ~achieved & ~q.empty, r, np.nan)
    progress = np.select([with_target, without], [r, x], default=np.nan)
    return status, label, ratio, score, progress


def _unsd(c: Columns, q: _Quantities) -> Verdicts:
    th = c.thresholds
    few = c.count < 2
    s = np.where(q.v_b < 0, -1.0, 1.0)
    x = s * c.d * q.g_a
    p = (q.projected - q.v_b) / (q.tgt - q.v_b)
    open_ = ~q.empty & ~(q.has & q.met) & ~few & ~np.isnan(q.g_a)
    no_t = open_ & ~q.has
    t_ok = open_ & q.has & (q.tgt != q.v_b)
    behind = t_ok & (c.d * (q.tgt - q.v_b) < 0)
    graded = t_ok & ~behind & ~np.isnan(q.projected)
    cases = [(q.empty, NA, 4), (q.has & q.met, ACH, 0)]
    for valid, value, on, mod in (
        (no_t, x, th["no_target_on_track"], th["no_target_moderate"]),
        (graded, p, th["on_track"], th["acceleration_needed"]),
    ):
        cases += [
            (valid & at_least_all(value, on), ON, 1),
            (valid & at_least_all(value, mod), RISK, 2),
            (valid & (value >= 0), OFF, 3),
            (valid, REG, 3),
        ]
    cases.append((behind, REG, 3))
    status, label = _select(cases, (NA, 4))
    ahead = q.has & ~few & (c.d * (q.tgt - q.v_b) > 0) & ~np.isnan(q.projected)
    progress = np.select([no_t, ahead], [x, p], default=np.nan)
    return status, label, np.where(graded, p, np.nan), np.full(c.d.size, np.nan), progress


def _destatis(c: Columns, q: _Quantities) -> Verdicts:
    th = c.thresholds
    ready = ~q.empty & ~np.isnan(q.slope)
    prev = np.maximum(c.last - 1, 0)
    y_prev = c.y[prev] if c.y.size else np.full(c.d.size, np.nan)
    v_prev = c.v[prev] if c.v.size else np.full(c.d.size, np.nan)
    change = (c.v_t - v_prev) / (c.t - y_prev)
    mean_ok, last_ok = c.d * q.slope > 0, c.d * change > 0
    direction = ready & ~q.has
    level = ready & q.has & ~np.isnan(q.projected)
    miss = (q.tgt - q.projected) / (q.tgt - c.v_t)
    holding = at_least_all(c.d * q.projected, c.d * q.tgt)
    open_ = level & ~q.met
    cases = [
        (direction & mean_ok & last_ok, ON, 0),
        (direction & mean_ok, RISK, 2),
        (direction & last_ok, OFF, 3),
        (direction, REG, 4),
        (level & q.met & holding, ACH, 0),
        (level & q.met, ACH, 1),
        (open_ & below_all(miss, th["sun"]), ON, 0),
        (open_ & at_most_all(miss, th["slightly_cloudy"]), RISK, 2),
        (open_ & (c.d * q.slope > 0), OFF, 3),
        (open_, REG, 4),
    ]
    status, label = _select(cases, (NA, 7))
    progress = np.select([open_, direction], [miss, c.d * q.slope], default=np.nan)
    return status, label, np.where(open_, miss, np.nan), np.full(c.d.size, np.nan), progress


def _sdsn(c: Columns, q: _Quantities) -> Verdicts:
    th = c.thresholds
    a, r = q.s_a, q.s_r
    graded = q.has & ~q.empty & ~q.met & (c.count >= 2) & ~np.isnan(a) & ~np.isnan(r)
    da, dr = c.d * a, c.d * r
    cases = [
        (q.has & ~q.empty & q.met, ACH, 0),
        (graded & (da < 0), REG, 4),
        (graded & below_all(da, th["moderately_improving"] * dr), OFF, 3),
        (graded & below_all(da, th["on_track"] * dr), RISK, 2),
        (graded, ON, 1),
    ]
    status, label = _select(cases, (NA, 5))
    share = a / np.where(r != 0, r, 1.0)
    ratio = np.where(graded & (r != 0), share, np.nan)
    met_share = q.has & ~q.empty & q.met & (c.count >= 2) & (r != 0) & (c.d * r > 0)
    met_share &= ~np.isnan(a)
    progress = np.where(met_share, share, ratio)
    return status, label, ratio, np.full(c.d.size, np.nan), progress


def _istat(c: Columns, q: _Quantities) -> Verdicts:
    th = c.thresholds
    s = np.where(q.v_b < 0, -1.0, 1.0)
    x = s * c.d * q.g_a
    ok = ~q.empty & (c.count >= 2) & ~np.isnan(q.g_a)
    clear, slight = th["clear"], th["slight"]
    cases = [
        (ok & above_all(x, clear), ON, 0),
        (ok & at_least_all(x, slight), RISK, 1),
        (ok & above_all(x, -slight), OFF, 2),
        (ok & at_least_all(x, -clear), REG, 3),
        (ok, REG, 4),
    ]
    status, label = _select(cases, (NA, 5))
    nan = np.full(c.d.size, np.nan)
    return status, label, nan, nan, np.where(ok, x, np.nan)


_RULES = {
    "statcan": _statcan,
    "unsd": _unsd,
    "destatis": _destatis,
    "sdsn": _sdsn,
    "istat": _istat,
}
