"""Each target kind as one engine call, on the figures the evidence rules chose.

Amounts are already in the metric's unit (the loader converted them), so every call gets
plain floats; a range figure is judged at both ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from targets.engine import (
    Result,
    assess,
    assess_band,
    assess_binary,
    assess_direction,
    assess_ends,
    assess_growth_rate,
    assess_hold,
    assess_milestones,
    assess_rank,
    count_meeting,
)
from targets.judge._evidence import Evidence
from targets.judge._result import Refusal
from targets.rules import _units
from targets.rules._model import Metric
from targets.rules._targets import (
    BandTarget,
    BinaryTarget,
    CountTarget,
    DirectionTarget,
    GrowthTarget,
    HoldTarget,
    LevelTarget,
    MilestonesTarget,
    RankTarget,
    RelativeTarget,
    TargetBase,
)

__all__ = ["RUNNERS", "Call", "milestone_steps", "natural_bounds", "relative_level"]


@dataclass(frozen=True, slots=True)
class Call:
    """What every engine call shares for one target."""

    method: str
    thresholds: dict[str, float]
    direction: str
    as_of: float | None
    base_year: float | None
    notes: tuple[str, ...]

    @property
    def common(self) -> dict[str, Any]:
        """The keyword arguments every engine call takes alike."""
        return {"as_of": self.as_of, "base_year": self.base_year, "thresholds": self.thresholds}


def _level(
    target: LevelTarget | RelativeTarget, metric: Metric, ev: Evidence, call: Call, *, value: float
) -> Result:

    forecasts = tuple((f.time, f.low) for f in ev.forecasts)
    return _both_ends(
        ev,
        lambda values: assess(
            ev.times,
            values,
            target=value,
            target_year=target.by.time,
            direction=call.direction,
            method=call.method,
            **call.common,
            forecasts=forecasts,
            bounds=natural_bounds(metric),
        ),
    )


def natural_bounds(metric: Metric) -> tuple[float | None, float | None]:
    """Where the metric cannot go: its natural limit, in its better direction."""
    if metric.limit is None:
        return (None, None)
    if metric.better == "higher":
        return (None, metric.limit.value)
    return (metric.limit.value, None)


def _both_ends(ev: Evidence, run: Callable[[Sequence[float]], Result]) -> Result:
    """Run once, or at both ends of the ranges when any figure is a range."""

    return assess_ends(run, ev.lows, ev.highs) if ev.has_ranges else run(ev.lows)


def _run_level(t: LevelTarget, m: Metric, ev: Evidence, call: Call) -> Result:
    return _level(t, m, ev, call, value=t.level.value)


def _run_relative(t: RelativeTarget, m: Metric, ev: Evidence, call: Call) -> Result:
    level = relative_level(t, ev)
    if level is None:
        return Refusal.by(
            call.method, f"no figure for {t.relative_to}, the year the target is relative to"
        )
    return _level(t, m, ev, call, value=level)


def relative_level(target: RelativeTarget, evidence: Evidence) -> float | None:
    """The level a relative target resolves to, from the figure of its base year."""
    base = next((f for f in evidence.figures if f.period.time == target.relative_to.time), None)
    if base is None:
        return None
    if target.factor is not None:
        return base.low * target.factor
    change = target.change
    assert change is not None  # the model requires factor or change
    if change.unit is not None and _units.is_percent(change.unit):
        return base.low * (1 + change.value / 100)
    return base.low + change.value


def _run_band(t: BandTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    low, high = t.between
    return _both_ends(
        ev,
        lambda values: assess_band(
            ev.times,
            values,
            low=low.value,
            high=high.value,
            target_year=t.by.time,
            direction=call.direction,
            method=call.method,
            **call.common,
        ),
    )


def milestone_steps(target: MilestonesTarget, direction: str) -> list[tuple[float, float]]:
    """Each milestone's (year, level): a band's bound on the way the metric is better."""
    steps = []
    for milestone in target.milestones:
        if milestone.between is not None:
            low, high = milestone.between
            value = low.value if direction == "increase" else high.value
        else:
            bound = milestone.at_least if milestone.at_least is not None else milestone.at_most
            assert bound is not None  # the model requires one goal per milestone
            value = bound.value
        steps.append((milestone.by.time, value))
    return steps


def _run_milestones(t: MilestonesTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    steps = milestone_steps(t, call.direction)
    return _both_ends(
        ev,
        lambda values: assess_milestones(
            ev.times,
            values,
            milestones=steps,
            direction=call.direction,
            method=call.method,
            **call.common,
        ),
    )


def _run_hold(t: HoldTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    low, high = t.hold.low, t.hold.high
    return _both_ends(
        ev,
        lambda values: assess_hold(
            ev.times,
            values,
            low=low.value if low is not None else None,
            high=high.value if high is not None else None,
            start=t.from_.time,
            end=t.by.time,
            as_of=call.as_of,
            thresholds=call.thresholds,
        ),
    )


def _run_growth(t: GrowthTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    if t.growth.at_most is not None:
        rate, direction = t.growth.at_most.fraction, "decrease"
    else:
        low = t.growth.low
        assert low is not None  # at_least or between
        rate, direction = low.fraction, "increase"
    start = t.from_.time - 1 if t.from_ is not None else None
    return _both_ends(
        ev,
        lambda values: assess_growth_rate(
            ev.times,
            values,
            rate=rate,
            target_year=t.by.time,
            start_year=start,
            direction=direction,
            as_of=call.as_of,
            thresholds=call.thresholds,
        ),
    )


def _run_rank(t: RankTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    return _both_ends(
        ev,
        lambda values: assess_rank(
            ev.times,
            values,
            target_rank=float(t.top),
            target_year=t.by.time,
            method=call.method,
            **call.common,
        ),
    )


def _run_count(t: CountTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    if not ev.figures:
        return Refusal.by(call.method, f"no figures per entity for '{m.id}' to count")
    condition = t.where
    series = count_meeting(
        [f.entity or "" for f in ev.figures],
        ev.times,
        ev.lows if condition.at_least is not None else ev.highs,
        threshold=condition.threshold.value,
        at_least=condition.at_least is not None,
    )
    bound = t.count
    if bound.between is not None:
        return assess_band(
            series.years,
            series.counts,
            low=float(bound.between[0]),
            high=float(bound.between[1]),
            target_year=t.by.time,
            direction="increase",
            method=call.method,
            as_of=call.as_of,
            thresholds=call.thresholds,
        )
    at_least = bound.at_least is not None
    goal = bound.at_least if at_least else bound.at_most
    return assess(
        series.years,
        series.counts,
        target=float(goal or 0),
        target_year=t.by.time,
        direction="increase" if at_least else "decrease",
        method=call.method,
        as_of=call.as_of,
        thresholds=call.thresholds,
    )


def _run_direction(t: DirectionTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    return _both_ends(
        ev,
        lambda values: assess_direction(
            ev.times,
            values,
            direction=t.trend,
            method=call.method,
            limit=m.limit.value if m.limit else None,
            **call.common,
        ),
    )


def _run_binary(t: BinaryTarget, m: Metric, ev: Evidence, call: Call) -> Result:

    return assess_binary(
        ev.times,
        [bool(f.low) for f in ev.figures],
        target_year=t.by.time if t.by is not None else None,
        as_of=call.as_of,
    )


RUNNERS: dict[type[TargetBase], Callable[..., Result]] = {
    LevelTarget: _run_level,
    BandTarget: _run_band,
    RelativeTarget: _run_relative,
    MilestonesTarget: _run_milestones,
    HoldTarget: _run_hold,
    GrowthTarget: _run_growth,
    RankTarget: _run_rank,
    CountTarget: _run_count,
    DirectionTarget: _run_direction,
    BinaryTarget: _run_binary,
}
