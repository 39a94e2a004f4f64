"""SDSN Sustainable Development Report: achieved linear rate against the required one."""

from __future__ import annotations

from targets.engine._num import fmt
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import Context, Verdict, too_few, trend_threat, unavailable

__all__ = ["judge"]


def judge(c: Context) -> Verdict:
    th = c.thresholds
    if c.target is None:
        return unavailable("sdsn", "the sdsn method needs a target value")
    if c.met:
        return Verdict("maintaining", Status.ACHIEVED, notes=trend_threat(c))
    if c.t <= c.b:
        return unavailable("sdsn", too_few(c))
    a, r = c.growth.growth_actual_linear, c.growth.growth_required_linear
    if a is None or r is None:
        return unavailable("sdsn", "the target year is not after the base year")
    ratio = a / r if r != 0 else None
    steps = (Step("achieved / required", f"{fmt(a)} / {fmt(r)}", ratio),)
    da, dr = c.d * a, c.d * r
    if da < 0:
        return Verdict("decreasing", Status.REGRESSING, ratio=ratio, steps=steps)
    if da < th["moderately_improving"] * dr:
        return Verdict("stagnating", Status.OFF_TRACK, ratio=ratio, steps=steps)
    if da < th["on_track"] * dr:
        return Verdict("moderately_improving", Status.AT_RISK, ratio=ratio, steps=steps)
    return Verdict("on_track", Status.ON_TRACK, ratio=ratio, steps=steps)
