"""Statistics Canada (Open SDG): ratio R of actual to required growth, the -5..+5 score.

Score coefficients are the published constants; overriding the label thresholds leaves them be.
"""

from __future__ import annotations

from targets.engine._edge import at_least
from targets.engine._num import fmt, power
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import Context, Verdict, compound_reason, too_few, unavailable

__all__ = ["judge", "label", "limit_factor", "progress_score", "target_score"]


_LABEL_STATUS = {
    "substantial_progress": Status.ON_TRACK,
    "moderate_progress": Status.AT_RISK,
    "limited_progress": Status.OFF_TRACK,
    "deterioration": Status.REGRESSING,
}


def target_score(r: float) -> float:
    """Score of a series with a target from its ratio R."""
    if at_least(r, 0.6):
        return min(7.1429 * r - 4.2857, 5.0)
    return max(4.1667 * r - 2.5, -5.0)


def progress_score(x: float, c_factor: float) -> float:
    """Score of a series without a target from its progress value x and limit factor C."""
    if x < 0:
        return max(125.0 * x - 2.5, -5.0)
    if c_factor == 0:
        return 5.0
    if x < 0.005 * c_factor:
        return 500.0 * x / c_factor - 2.5
    if x < 0.015 * c_factor:
        return 250.0 * x / c_factor - 1.25
    return min(500.0 * x / c_factor - 5.0, 5.0)


def limit_factor(base: float, limit: float | None, exponent: float) -> float:
    """C, which shrinks the no-target thresholds as the base nears the natural limit L."""
    if limit is None:
        return 1.0
    x = abs(base)
    if x >= 2 * limit:
        return 1.0
    near = x if x <= limit else 2 * limit - x
    grown = power(near / limit, exponent)
    return 1.0 - (grown if grown is not None else 0.0)


def label(r: float, substantial: float, moderate: float, limited: float) -> str:
    """The label of R (or x); a value on a threshold within rounding takes the upper one."""
    if at_least(r, substantial):
        return "substantial_progress"
    if at_least(r, moderate):
        return "moderate_progress"
    if at_least(r, limited):
        return "limited_progress"
    return "deterioration"


def judge(c: Context) -> Verdict:
    """The met test first (even on one figure, as the agency's code does), then R or x.

    The progress value (R with a target, x without) is published for every series where its
    formula is defined, achieved ones included, so it is computed before the verdict.
    """
    th = c.thresholds
    s = -1 if c.v_b < 0 else 1
    if c.target is None:
        if c.t <= c.b:
            return unavailable("statcan", too_few(c))
        return _no_target(c, s)
    r, steps = _ratio(c, s)
    if c.met:
        return Verdict("target_achieved", Status.ACHIEVED, score=5.0, steps=steps, progress=r)
    if c.t <= c.b:
        return unavailable("statcan", too_few(c))
    if c.target == c.v_b:
        return unavailable("statcan", "the target equals the base value: the ratio is undefined")
    if r is None:
        return unavailable("statcan", compound_reason(c, with_target=True))
    name = label(r, th["substantial_progress"], th["moderate_progress"], th["limited_progress"])
    score = target_score(r)
    steps = (*steps, Step("score", _score_text(r), score))
    return Verdict(name, _LABEL_STATUS[name], ratio=r, score=score, steps=steps, progress=r)


def _ratio(c: Context, s: int) -> tuple[float | None, tuple[Step, ...]]:
    """R = s * d * g_a / |g_r| and its step; None where the base is the latest point, the
    target equals the base (g_r = 0) or a rate is undefined."""
    g_a, g_r = c.growth.growth_actual, c.growth.growth_required
    if c.t <= c.b or c.target == c.v_b or g_a is None or g_r is None or g_r == 0:
        return None, ()
    r = s * c.d * g_a / abs(g_r)
    return r, (Step("R", f"{s} * {c.d} * {fmt(g_a)} / |{fmt(g_r)}|", r),)


def _no_target(c: Context, s: int) -> Verdict:
    th = c.thresholds
    g_a = c.growth.growth_actual
    if g_a is None:
        return unavailable("statcan", compound_reason(c, with_target=False))
    x = s * c.d * g_a
    steps = [Step("progress x", f"{s} * {c.d} * {fmt(g_a)}", x)]
    cf = limit_factor(c.v_b, c.limit, th["limit_exponent"])
    if c.limit is not None:
        steps.append(
            Step("C", f"limit factor for |v_b| = {fmt(abs(c.v_b))}, L = {fmt(c.limit)}", cf)
        )
    name = label(
        x,
        th["no_target_substantial"] * cf,
        th["no_target_moderate"] * cf,
        th["no_target_limited"],
    )
    score = progress_score(x, cf)
    steps.append(Step("score", f"piecewise score of x = {fmt(x)} with C = {fmt(cf)}", score))
    notes = (
        ("at the natural limit (C = 0) and not falling: on track",) if cf == 0 and x >= 0 else ()
    )
    status = _LABEL_STATUS[name]
    return Verdict(name, status, score=score, notes=notes, steps=tuple(steps), progress=x)


def _score_text(r: float) -> str:
    if at_least(r, 0.6):
        return f"min(7.1429 * {fmt(r)} - 4.2857, 5)"
    return f"max(4.1667 * {fmt(r)} - 2.5, -5)"
