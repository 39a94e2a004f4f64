"""SDSN Sustainable Development Report: achieved linear rate against the required one."""

from __future__ import annotations

from targets.engine._edge import below
from targets.engine._num import fmt
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import (
    Context,
    Verdict,
    ahead,
    too_few,
    trend_threat,
    unavailable,
)

__all__ = ["judge"]


def judge(c: Context) -> Verdict:
    th = c.thresholds
    if c.target is None:
        return unavailable("sdsn", "the sdsn method needs a target value")
    a, r = c.growth.growth_actual_linear, c.growth.growth_required_linear
    if c.met:
        share, steps = _met_share(c)
        notes = trend_threat(c)
        return Verdict("maintaining", Status.ACHIEVED, notes=notes, steps=steps, progress=share)
    if c.t <= c.b:
        return unavailable("sdsn", too_few(c))
    if a is None or r is None:
        return unavailable("sdsn", "the target year is not after the base year")
    ratio = a / r if r != 0 else None
    steps = (Step("achieved / required", f"{fmt(a)} / {fmt(r)}", ratio),)
    da, dr = c.d * a, c.d * r
    if da < 0:
        name, status = "decreasing", Status.REGRESSING
    elif below(da, th["moderately_improving"] * dr):
        name, status = "stagnating", Status.OFF_TRACK
    elif below(da, th["on_track"] * dr):
        name, status = "moderately_improving", Status.AT_RISK
    else:
        name, status = "on_track", Status.ON_TRACK
    return Verdict(name, status, ratio=ratio, steps=steps, progress=ratio)


def _met_share(c: Context) -> tuple[float | None, tuple[Step, ...]]:
    """Achieved / required for a met goal, where the goal lay ahead of the base (else the
    share reads backwards) and both rates are defined."""
    a, r = c.growth.growth_actual_linear, c.growth.growth_required_linear
    if c.t <= c.b or a is None or r is None or r == 0 or not ahead(c):
        return None, ()
    return a / r, (Step("achieved / required", f"{fmt(a)} / {fmt(r)}", a / r),)
