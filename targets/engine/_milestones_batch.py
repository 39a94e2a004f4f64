"""Which milestone drives each of many milestone targets, at once.

`assess_milestones` judges each milestone of one target as a level target and lets one of
them drive: the nearest future one the latest figure does not yet meet; else the worst past
one not achieved (the latest among equals); else the last. Here the same choice is made for
every target of a batch from its milestones' verdicts (of `assess_batch`, one row a
milestone), with array operations; a property test holds it to `assess_milestones`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from targets.engine._status import STATUS_CODES, Status

__all__ = ["driving_milestones", "is_met_batch"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_BADNESS = np.array([-1 if s.severity is None else s.severity for s in STATUS_CODES])
"""Each status code's severity; not assessable ranks below every judged status."""
_ACHIEVED = STATUS_CODES.index(Status.ACHIEVED)


def is_met_batch(
    method: str, latest: Floats, target: Floats, d: Floats, thresholds: Mapping[str, float]
) -> npt.NDArray[np.bool_]:
    """`_assess.is_met` for many values at once (a NaN latest value is never met)."""
    with np.errstate(invalid="ignore"):
        if method == "unsd":
            tolerance = thresholds["percent_target_tolerance"]
            near = np.isin(target, (0.0, 100.0)) & (np.abs(latest - target) <= tolerance)
            return (d * (latest - target) >= 0) | near
        if method == "statcan":
            target = np.where(target == 0, thresholds["zero_replacement"], target)
        return np.asarray(d * (latest - target) >= 0)


def driving_milestones(
    owner: Ints,
    when: Floats,
    status: npt.NDArray[np.integer],
    met: npt.NDArray[np.bool_],
    now: Floats,
) -> Ints:
    """The row of the milestone that drives each target.

    One row per milestone, a target's rows together and in year order: `owner` (the target,
    0 to n - 1), `when` (the milestone's year), `status` (its verdict's code in
    `STATUS_CODES`) and `met` (whether the latest figure meets it, `is_met_batch`); `now`,
    per target, the evaluation year (NaN: none, so every milestone is ahead)."""
    n, rows = now.size, np.arange(owner.size)
    ahead = np.isnan(now[owner]) | (when > now[owner])
    pending = ahead & ~met
    first = np.full(n, owner.size, dtype=np.int64)
    np.minimum.at(first, owner[pending], rows[pending])
    short = ~ahead & (status != _ACHIEVED)
    # the worst by severity, then the latest: one number per row, the largest wins
    score = np.full(n, -1, dtype=np.int64)
    np.maximum.at(score, owner[short], (_BADNESS[status[short]] + 1) * owner.size + rows[short])
    last = np.zeros(n, dtype=np.int64)
    np.maximum.at(last, owner, rows)
    worst = np.where(score >= 0, score % max(owner.size, 1), last)
    return np.where(first < owner.size, first, worst)
