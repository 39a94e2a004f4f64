"""Growth quantities every method shares: actual, required, projected, reach year, trajectory."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, fields

from targets.engine._explain import number
from targets.engine._num import finite, fmt, log, power, when
from targets.engine._step import Step

__all__ = [
    "PROJECTIONS",
    "TRAJECTORIES",
    "Growth",
    "SignBreak",
    "compound_projection",
    "compound_rate",
    "compound_reach",
    "compute_growth",
    "linear_projection",
    "linear_rate",
    "linear_reach",
    "sign_break",
    "sign_break_text",
]


PROJECTIONS: tuple[str, ...] = ("compound", "linear")
TRAJECTORIES: tuple[str, ...] = ("compound", "linear")


def compound_rate(v0: float, v1: float, years: float) -> float | None:
    """Annual compound rate from v0 to v1; None from zero or across a sign change (to zero it
    is -1, a fall of 100 % a year)."""
    if years <= 0 or v0 == 0 or v1 / v0 < 0:
        return None
    grown = power(v1 / v0, 1.0 / years)
    return None if grown is None else grown - 1.0


SignBreak = tuple[float, float, float, float]
"""(year, value, year, value): two neighbouring points whose values are not of one sign."""


def sign_break(years: Sequence[float], values: Sequence[float]) -> SignBreak | None:
    """The first neighbouring points not of one sign (a zero counts), or None.

    Compound growth needs every value it spans to be positive, or every one negative: a
    series that crosses or touches zero between its base and its latest point has no
    compound rate, even when those two end points share a sign. The one exception is a
    latest value of zero: growth to zero is defined, (0 / v_b) ** (1 / n) - 1 = -100 % a
    year, and the agencies publish it; growth from or through zero is not.
    """
    points = list(zip(years, values, strict=True))
    for i, ((y0, v0), (y1, v1)) in enumerate(itertools.pairwise(points)):
        if (v0 > 0 and v1 > 0) or (v0 < 0 and v1 < 0):
            continue
        if i == len(points) - 2 and v1 == 0 and v0 != 0:
            continue
        return y0, v0, y1, v1
    return None


def sign_break_text(brk: SignBreak) -> str:
    """ "the series changes sign (from 10 in 2015 to -5 in 2018)"."""
    y0, v0, y1, v1 = brk
    return (
        f"the series changes sign (from {number(v0)} in {when(y0)} to {number(v1)} in {when(y1)})"
    )


def linear_rate(v0: float, v1: float, years: float) -> float | None:
    """Change per year from v0 to v1."""
    return (v1 - v0) / years if years > 0 else None


def compound_projection(v: float, rate: float | None, years: float) -> float | None:
    if rate is None:
        return None
    grown = power(1.0 + rate, years)
    return None if grown is None else finite(v * grown)


def linear_projection(v: float, slope: float | None, years: float) -> float | None:
    return None if slope is None else finite(v + slope * years)


def compound_reach(t: float, v_t: float, target: float, rate: float | None) -> float | None:
    """Year the compound trend meets the target; None where it moves away, is flat or can't."""
    if rate is None or v_t == 0 or target / v_t <= 0:
        return None
    distance, speed = log(target / v_t), log(1.0 + rate)
    if distance is None or speed is None or speed == 0:
        return None
    years = distance / speed
    return t + years if years > 0 else None


def linear_reach(t: float, v_t: float, target: float, slope: float | None) -> float | None:
    if slope is None or slope == 0:
        return None
    years = (target - v_t) / slope
    return t + years if years > 0 else None


def _actual_step(text: str, broken: SignBreak | None, g_a: float | None) -> Step:
    """The step for g_a, saying why it is undefined where the series leaves one sign."""
    if broken is not None:
        text += f", undefined: {sign_break_text(broken)}"
    return Step("g_a", text, g_a)


@dataclass(frozen=True, slots=True)
class Growth:
    """The shared quantities, each None where undefined, and the steps that produced them."""

    growth_actual: float | None
    growth_actual_linear: float | None
    growth_required: float | None
    growth_required_linear: float | None
    growth_required_now: float | None
    growth_required_now_linear: float | None
    slope: float | None
    projection: str
    projected: float | None
    reach_year: float | None
    trajectory: str
    trajectory_value: float | None
    trajectory_gap: float | None
    steps: tuple[Step, ...]

    def quantities(self) -> dict[str, object]:
        """Every quantity but the steps, named as the `Assessment` fields that carry them."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "steps"}


def compute_growth(
    *,
    b: float,
    v_b: float,
    t: float,
    v_t: float,
    target: float | None,
    target_year: float | None,
    met: bool,
    slope: float | None,
    slope_step: Step | None,
    projection: str,
    trajectory: str,
    bounds: tuple[float | None, float | None] = (None, None),
    broken: SignBreak | None = None,
) -> Growth:
    """Every shared quantity; ``slope_step`` None means the linear slope from base to latest.

    ``bounds`` (low, high) caps the projection where the metric cannot go (rank 1, 100 %).
    ``broken`` is where the used series leaves one sign: g_a (and the compound projection
    and reach built on it) is then undefined.
    """
    fb, fvb, ft, fvt = fmt(b), fmt(v_b), fmt(t), fmt(v_t)
    g_a = compound_rate(v_b, v_t, t - b) if broken is None else None
    s_a = linear_rate(v_b, v_t, t - b)
    steps = [
        _actual_step(f"({fvt} / {fvb}) ** (1 / ({ft} - {fb})) - 1", broken, g_a),
        Step("s_a", f"({fvt} - {fvb}) / ({ft} - {fb})", s_a),
    ]
    if slope_step is not None:
        steps.append(slope_step)
    else:
        slope = s_a
    if target is None or target_year is None:
        return Growth(
            g_a,
            s_a,
            None,
            None,
            None,
            None,
            slope,
            projection,
            None,
            None,
            trajectory,
            None,
            None,
            tuple(steps),
        )
    deadline = target_year
    fv, fd = fmt(target), fmt(deadline)
    g_r = compound_rate(v_b, target, deadline - b)
    s_r = linear_rate(v_b, target, deadline - b)
    g_now = compound_rate(v_t, target, deadline - t)
    s_now = linear_rate(v_t, target, deadline - t)
    steps += [
        Step("g_r", f"({fv} / {fvb}) ** (1 / ({fd} - {fb})) - 1", g_r),
        Step("s_r", f"({fv} - {fvb}) / ({fd} - {fb})", s_r),
        Step("g_now", f"({fv} / {fvt}) ** (1 / ({fd} - {ft})) - 1", g_now),
        Step("s_now", f"({fv} - {fvt}) / ({fd} - {ft})", s_now),
    ]
    if projection == "compound":
        projected = compound_projection(v_t, g_a, deadline - t)
        text = f"{fvt} * (1 + {fmt(g_a)}) ** ({fd} - {ft})"
        reach = None if met else compound_reach(t, v_t, target, g_a)
        reach_text = f"{ft} + ln({fv} / {fvt}) / ln(1 + {fmt(g_a)})"
    else:
        projected = linear_projection(v_t, slope, deadline - t)
        text = f"{fvt} + {fmt(slope)} * ({fd} - {ft})"
        reach = None if met else linear_reach(t, v_t, target, slope)
        reach_text = f"{ft} + ({fv} - {fvt}) / {fmt(slope)}"
    if met:
        reach_text = "already met"
    elif reach is None:
        reach_text += " (the trend moves away or is flat: never)"
    steps.append(Step(f"p_T ({projection})", text, projected))
    low, high = bounds
    if projected is not None and low is not None and projected < low:
        steps.append(
            Step("p_T capped", f"max({fmt(projected)}, {fmt(low)}): the lowest possible", low)
        )
        projected = low
    elif projected is not None and high is not None and projected > high:
        steps.append(
            Step("p_T capped", f"min({fmt(projected)}, {fmt(high)}): the highest possible", high)
        )
        projected = high
    steps.append(Step("reach year", reach_text, reach))
    if trajectory == "compound":
        grown = None if g_r is None else power(1.0 + g_r, t - b)
        traj = None if grown is None else v_b * grown
        traj_text = f"{fvb} * (1 + {fmt(g_r)}) ** ({ft} - {fb})"
    else:
        traj = None if s_r is None else v_b + (t - b) * s_r
        traj_text = f"{fvb} + ({ft} - {fb}) * {fmt(s_r)}"
    gap = None if traj is None else v_t - traj
    steps += [
        Step(f"trajectory at {when(t)} ({trajectory})", traj_text, traj),
        Step("gap to trajectory", f"{fvt} - {fmt(traj)}", gap),
    ]
    return Growth(
        g_a,
        s_a,
        g_r,
        s_r,
        g_now,
        s_now,
        slope,
        projection,
        projected,
        reach,
        trajectory,
        traj,
        gap,
        tuple(steps),
    )
