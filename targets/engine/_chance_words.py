"""The chance in words and arithmetic: its steps (to redo by hand) and its short phrase."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from targets.engine._chance_fit import OUTLIER_ALPHA, REACH_HORIZON, TRUST_POINTS, Readings
from targets.engine._explain import number, year
from targets.engine._num import fmt
from targets.engine._step import Step
from targets.engine._student import t_cdf

if TYPE_CHECKING:
    from targets.engine._chance import Chance

__all__ = ["chance_phrase", "chance_steps", "percent_chance"]


def chance_steps(
    r: Readings,
    *,
    ts: Sequence[float],
    ys: Sequence[float],
    outlier: tuple[int, float] | None,
    deadline: float,
    target: float,
    z: float,
    d: int,
    log: bool,
    p: float,
    reach: tuple[float | None, float | None],
    level: float,
) -> tuple[Step, ...]:
    """Every quantity behind the chance, in the order an analyst would redo it.

    ``ys`` and ``z`` are on the model's scale (ln|value| for log-linear); ``d`` is the
    direction on that scale.
    """
    y = "ln|value|" if log else "value"
    steps: list[Step] = []
    if outlier is not None:
        i, tail = outlier
        steps.append(
            Step(
                f"outlier {year(ts[i])} left out",
                f"tail probability of {y} {fmt(ys[i])} forecast from the others "
                f"{fmt(tail)} < {OUTLIER_ALPHA:g} / {len(ts)}",
                tail,
            )
        )
    fb, ft, fy, n, df = fmt(r.slope), fmt(r.t_mean), fmt(r.y_mean), r.n, r.df
    steps.append(
        Step(f"trend slope b ({y})", f"sum((t - {ft}) * (y - {fy})) / {fmt(r.sxx)}", r.slope)
    )
    if log:
        steps.append(Step("trend growth", f"exp({fb}) - 1", math.expm1(r.slope)))
    s_a, s_b = r.spreads()
    steps += [
        Step("trend spread s_A", f"sqrt({fmt(r.trend_ss)} / {df})", s_a),
        Step(
            "walk drift",
            f"({fmt(r.last_y)} - {fmt(r.first_y)}) / ({fmt(r.last_t)} - {fmt(r.first_t)})",
            r.drift,
        ),
        Step("walk spread s_B", f"sqrt({fmt(r.walk_ss)} / {df})", s_b),
        Step(
            "walk weight w",
            f"1 / (1 + exp({fmt(r.evidence_trend)} - {fmt(r.evidence_walk)}))",
            r.walk_weight,
        ),
    ]
    m_a, sc_a = r.trend_forecast(deadline)
    m_b, sc_b = r.walk_forecast(deadline)
    fd, h = fmt(deadline), deadline - r.last_t
    steps += [
        Step("trend forecast", f"{fy} + {fb} * ({fd} - {ft})", m_a),
        Step("trend scale", f"{fmt(s_a)} * sqrt(1 + 1/{n} + ({fd} - {ft})^2 / {fmt(r.sxx)})", sc_a),
        Step("walk forecast", f"{fmt(r.last_y)} + {fmt(r.drift)} * {fmt(h)}", m_b),
        Step("walk scale", f"{fmt(s_b)} * sqrt({fmt(h)} + {fmt(h)}^2 / {fmt(r.span)})", sc_b),
    ]
    if log:
        steps.append(Step("target on the log scale", f"ln({fmt(abs(target))})", z))
    p_a, p_b = (float(x) for x in t_cdf([d * (m_a - z) / sc_a, d * (m_b - z) / sc_b], df))
    w = r.walk_weight
    steps += [
        Step("chance, trend", f"F_t{df}({d} * ({fmt(m_a)} - {fmt(z)}) / {fmt(sc_a)})", p_a),
        Step("chance, walk", f"F_t{df}({d} * ({fmt(m_b)} - {fmt(z)}) / {fmt(sc_b)})", p_b),
        Step("chance", f"(1 - {fmt(w)}) * {fmt(p_a)} + {fmt(w)} * {fmt(p_b)}", p),
    ]
    for q, at in zip(((1.0 - level) / 2.0, (1.0 + level) / 2.0), reach, strict=True):
        text = f"first whole year whose chance reaches {q:.3g}"
        steps.append(Step(f"reach ({q:.3g})", text if at is not None else text + ": none", at))
    return tuple(steps)


def percent_chance(p: float) -> str:
    """64 %, "under 1 %" and "over 99 %" (a rounded 0 or 100 % would claim certainty)."""
    if p < 0.005:
        return "under 1 %"
    if p > 0.995:
        return "over 99 %"
    return f"{int(np.round(p * 100))} %"


def chance_phrase(c: Chance, unit: str | None) -> str:
    """ "the project's reading: 64 % chance that the 2025 figure meets 100,000 firms; reached
    2025-2028 (80 %) (6 figures)"."""
    if c.probability is None:
        return f"the project's reading: no chance measured ({c.reason})"
    target = number(c.target) + (f" {unit}" if unit else "")
    text = (
        f"the project's reading: {percent_chance(c.probability)} chance that the "
        f"{year(c.target_year)} figure meets {target}"
    )
    lvl = f"{c.level * 100:g} %"
    met = "the latest figure already meets the target" in c.notes
    if c.reach_low is not None and c.reach_high is not None:
        text += f"; reached {year(c.reach_low)}-{year(c.reach_high)} ({lvl})"
    elif c.reach_low is not None:
        text += f"; reached {year(c.reach_low)} or later ({lvl})"
    elif not met:
        text += f"; unlikely to be reached within {REACH_HORIZON} years"
    about = [f"{len(c.years)} figures"]
    if c.outlier is not None:
        about.append(f"{year(c.outlier[0])} left out as an outlier")
    if len(c.years) < TRUST_POINTS:
        about.append("too few to trust")
    return text + f" ({', '.join(about)})"
