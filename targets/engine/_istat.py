"""ISTAT: compound growth over the longest period, no target; reversed where lower is better.

The sign s of the base (as in Statistics Canada's ratio) keeps a negative series' direction right,
which also makes negating the values and flipping the direction an exact mirror.
"""

from __future__ import annotations

from targets.engine._edge import above, at_least
from targets.engine._num import fmt
from targets.engine._status import Status
from targets.engine._step import Step
from targets.engine._verdict import Context, Verdict, compound_reason, too_few, unavailable

__all__ = ["judge"]


def judge(c: Context) -> Verdict:
    th = c.thresholds
    notes = (
        ("istat judges no target: the target is shown, not judged",) if c.target is not None else ()
    )
    if c.t <= c.b:
        return unavailable("istat", too_few(c))
    g_a = c.growth.growth_actual
    if g_a is None:
        return unavailable("istat", compound_reason(c, with_target=False))
    s = -1 if c.v_b < 0 else 1
    x = s * c.d * g_a
    steps = (Step("progress x", f"{s} * {c.d} * {fmt(g_a)}", x),)
    clear, slight = th["clear"], th["slight"]
    if above(x, clear):
        name, status = "clear_improvement", Status.ON_TRACK
    elif at_least(x, slight):
        name, status = "slight_improvement", Status.AT_RISK
    elif above(x, -slight):
        name, status = "stable", Status.OFF_TRACK
    elif at_least(x, -clear):
        name, status = "slight_worsening", Status.REGRESSING
    else:
        name, status = "clear_worsening", Status.REGRESSING
    return Verdict(name, status, notes=notes, steps=steps, progress=x)
