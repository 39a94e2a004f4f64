"""UNSD progress chart: projection share P of the compound projection."""

from __future__ import annotations

from targets.engine._edge import at_least
from targets.engine._num import fmt
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import (
    Context,
    Verdict,
    ahead,
    compound_reason,
    too_few,
    unavailable,
)

__all__ = ["is_met", "judge"]


def is_met(latest: float, target: float, d: int, tolerance: float) -> bool:
    """Met, counting a 0 % or 100 % target as met within ``tolerance`` percentage points."""
    if d * (latest - target) >= 0:
        return True
    return target in (0.0, 100.0) and abs(latest - target) <= tolerance


def judge(c: Context) -> Verdict:
    th = c.thresholds
    if c.target is not None and c.met:
        p, steps = _share(c)
        return Verdict("target_achieved", Status.ACHIEVED, steps=steps, progress=p)
    if c.t <= c.b:
        return unavailable("unsd", too_few(c))
    g_a = c.growth.growth_actual
    if g_a is None:
        return unavailable("unsd", compound_reason(c, with_target=False))
    if c.target is None:
        s = -1 if c.v_b < 0 else 1
        x = s * c.d * g_a
        step = Step("progress x", f"{s} * {c.d} * {fmt(g_a)}", x)
        return _classify(x, th["no_target_on_track"], th["no_target_moderate"], None, step)
    if c.target == c.v_b:
        return unavailable("unsd", "the target equals the base value: P is undefined")
    if c.d * (c.target - c.v_b) < 0:
        return Verdict(
            "stagnation_or_regression",
            Status.REGRESSING,
            notes=("the base value met the target; the latest figure has fallen short of it",),
        )
    p, steps = _share(c)
    if p is None:
        return unavailable("unsd", "the compound projection overflows")
    return _classify(p, th["on_track"], th["acceleration_needed"], p, steps[0])


def _share(c: Context) -> tuple[float | None, tuple[Step, ...]]:
    """P = (p_T - v_b) / (v* - v_b) and its step, where defined and where the target lies
    ahead of the base (otherwise P reads backwards, so there is none)."""
    p_t = c.growth.projected
    if c.t <= c.b or c.target is None or not ahead(c) or p_t is None:
        return None, ()
    p = (p_t - c.v_b) / (c.target - c.v_b)
    return p, (Step("P", f"({fmt(p_t)} - {fmt(c.v_b)}) / ({fmt(c.target)} - {fmt(c.v_b)})", p),)


def _classify(x: float, on: float, moderate: float, ratio: float | None, step: Step) -> Verdict:
    """The label from P (``ratio``) or, without a target, from x; either is the progress."""
    steps = (step,)
    if at_least(x, on):
        return Verdict("on_track", Status.ON_TRACK, ratio=ratio, steps=steps, progress=x)
    if at_least(x, moderate):
        return Verdict("acceleration_needed", Status.AT_RISK, ratio=ratio, steps=steps, progress=x)
    status = Status.OFF_TRACK if x >= 0 else Status.REGRESSING
    return Verdict("stagnation_or_regression", status, ratio=ratio, steps=steps, progress=x)
