"""What each target gives the bulk path: its kind's code and its row of facts.

`_vector` asks each distinct target once which kind it is (`kind_of`: 0 for one the bulk
path leaves to the per-series way) and what its batch call needs (`facts_of`), as the
kind's runner in `_kinds` gives the engine; its entities share that row.
"""

from __future__ import annotations

import numpy as np

from targets.judge._bulk import KIND
from targets.judge._growth_bulk import rate_and_start
from targets.judge._kinds import natural_bounds
from targets.judge._milestones_bulk import schedule
from targets.judge._relative import times_or_plus
from targets.judge._run import Run
from targets.rules._model import Metric
from targets.rules._targets import (
    BandTarget,
    DirectionTarget,
    GrowthTarget,
    LevelTarget,
    MilestonesTarget,
    RankTarget,
    RelativeTarget,
    TargetBase,
)

__all__ = ["MOST_MILESTONES", "NO_FACTS", "TAKEN", "Taken", "facts_of", "kind_of"]


TAKEN: dict[type[TargetBase], int] = {
    LevelTarget: 1,
    RelativeTarget: 2,
    DirectionTarget: 3,
    BandTarget: 4,
    MilestonesTarget: 5,
    GrowthTarget: 6,
    RankTarget: 7,
}
"""The kinds the bulk path takes, by code: each is one `assess` call, on a level (a
relative target's worked out from its base year's figure, `_relative`; a band's, the
bound on the way the metric is better, as `assess_band` judges a band with a direction)
or on none (a direction target: the method's rules for no target, up to the metric's
limit); a milestone target is one call a milestone, then one for its driver; a rank
("top 30") is a level target on places, lower better, never past 1 (`assess_rank`); a
growth target has a batch function of its own (`_growth_bulk`)."""


def kind_of(target: TargetBase, metric: Metric) -> int:
    """The code of `target`'s kind if the bulk path takes it, else 0. What the engine
    refuses is left out (a direction target on a metric whose limit is not positive, a
    band from high to low): a batch call it refuses leaves all its pairs, its others too,
    to the per-series path (so a pair's path would depend on which pairs share its call)."""
    kind = TAKEN.get(type(target), 0)
    if isinstance(target, DirectionTarget) and metric.limit is not None:
        return kind if metric.limit.value > 0 else 0
    if isinstance(target, BandTarget):  # the loader refuses the other order; a model may not
        return kind if target.between[0].value <= target.between[1].value else 0
    if isinstance(target, MilestonesTarget):  # each adds two facts to every pair's row
        return kind if len(target.milestones) <= MOST_MILESTONES else 0
    return kind


MOST_MILESTONES = 32
"""Milestones of a target judged in bulk at most: each adds two columns to every pair's
facts and a batch call's worth of rows per pair, so a target of thousands (a hostile file)
would cost gigabytes there; it goes the per-series way."""

NO_FACTS = (np.nan,) * (KIND + 1)
"""The facts of a target the bulk path does not take (never read)."""

Taken = (
    LevelTarget
    | RelativeTarget
    | DirectionTarget
    | BandTarget
    | MilestonesTarget
    | GrowthTarget
    | RankTarget
)


def facts_of(run: Run, target: Taken, metric: Metric) -> tuple[float, ...]:
    """What one target gives its batch call, as its kind's runner gives `assess` (see
    `Members.facts`): its value and year, base year, the metric's natural bounds, 1.0
    for increase, a relative target's base time and factor or change, and a direction
    target's limit, NaN for none; then what its kind adds (`Members.facts`)."""
    declared = target.base or run.programme.info.base
    base = np.nan if declared is None else declared.time
    if isinstance(target, GrowthTarget):  # a rate, the way it asks for, its periods
        rate, start, up = rate_and_start(target)
        return (np.nan, target.by.time, *NO_FACTS[2:5], up, *NO_FACTS[6:KIND], rate, start)
    if isinstance(target, RankTarget):  # places: lower is better, and none is above 1
        return (
            float(target.top),
            target.by.time,
            base,
            1.0,
            *NO_FACTS[4:5],
            False,
            *NO_FACTS[6:KIND],
        )
    if isinstance(target, DirectionTarget):  # no level, no deadline, no bounds: a limit
        limit = np.nan if metric.limit is None else metric.limit.value
        higher = target.trend == "increase"
        return (np.nan, np.nan, base, np.nan, np.nan, higher, np.nan, np.nan, np.nan, limit)
    low, high = natural_bounds(metric)
    relative = (np.nan, np.nan, np.nan)
    if isinstance(target, RelativeTarget):
        value, base = np.nan, target.relative_to.time
        relative = (base, *times_or_plus(target))
    elif isinstance(target, BandTarget):  # `assess_band` gives `assess` no natural bounds
        value = target.between[0 if metric.better == "higher" else 1].value
        low = high = None
    elif isinstance(target, MilestonesTarget):  # nor does `assess_milestones`
        way = "increase" if metric.better == "higher" else "decrease"
        steps = schedule(target, way)
        return (
            steps[-1],
            steps[-2],
            base,
            np.nan,
            np.nan,
            way == "increase",
            *NO_FACTS[6:KIND],
            *steps,
        )
    else:
        value = target.level.value
    return (
        value,
        target.by.time,
        base,
        np.nan if low is None else low,
        np.nan if high is None else high,
        metric.better == "higher",
        *relative,
        np.nan,
    )
