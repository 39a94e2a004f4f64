"""What a target's chart shows, as plain data: one source for every renderer.

The notebook charts (matplotlib) and the HTML report (SVG, no extra dependency) draw the
same `Chart`: the figures (actual, estimate, derived, forecast; ranges as bars), the path the
programme promised, the trend carried to the deadline (and on to where it reaches the
target), the target itself (a level, a band, milestones, a band held over a period), and
any what-if scenarios.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from targets.judge._kinds import natural_bounds
from targets.judge._result import TargetResult
from targets.judge._whatif import Scenario
from targets.render._chance import chance_band, chance_phrase
from targets.rules._figures import Figure
from targets.rules._targets import (
    BandTarget,
    CountTarget,
    GrowthTarget,
    HoldTarget,
    MilestonesTarget,
)

if TYPE_CHECKING:
    from targets.engine import Assessment

__all__ = ["MAX_EXTENSION", "RATE_UNIT", "Chart", "Goal", "Point", "chart_of", "rate_chart_of"]

RATE_UNIT = "% a year"
"""The unit of a rate chart's values: growth a year, in per cent."""


MAX_EXTENSION = 15.0
"""Years past the deadline that a trend is drawn to show where it reaches the target."""


@dataclass(frozen=True, slots=True)
class Point:
    """A figure on the chart; `low` and `high` differ for a range."""

    time: float
    low: float
    high: float
    kind: str
    """actual, estimate, derived, forecast or count."""
    label: str
    """The period as reported, and its source."""
    used: bool = True
    """False for figures set aside (a losing vintage, not yet published, sub-annual)."""


@dataclass(frozen=True, slots=True)
class Goal:
    """The target on the chart: a level at a date, a band at a date, or a band over time."""

    start: float
    end: float
    low: float | None
    high: float | None
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    target: str
    title: str
    goal: str
    unit: str
    status: str
    method: str
    method_status: str
    invert: bool
    """True for ranks: 1 at the top."""
    points: tuple[Point, ...]
    trajectory: tuple[tuple[float, float], ...]
    """The promised path, from the base through the milestones to the target."""
    trend: tuple[tuple[float, float], ...]
    """The trend from the latest figure to the deadline, or on to where it meets the target."""
    goals: tuple[Goal, ...]
    reach: tuple[float, float] | None
    """Where the trend meets the target (time, value), when it does after the latest figure."""
    deadline: float | None
    scenarios: tuple[Scenario, ...] = field(default=())
    reason: str | None = None
    """Why the target could not be assessed, when it could not."""
    band: tuple[tuple[float, float, float], ...] = field(default=())
    """(time, low, high) of the project's chance band (its 80 % forecast interval), from the
    latest figure to the deadline; it does not size the value axis (a wide band runs off
    the chart rather than squashing the figures)."""
    band_label: str = ""
    """What the band stands for: the chance's phrase ('the project's reading: 4 % chance
    ...')."""

    @property
    def times(self) -> tuple[float, ...]:
        """Every time the chart draws something at (to size its time axis)."""
        found = [p.time for p in self.points]
        found += [t for t, _ in self.trajectory] + [t for t, _ in self.trend]
        found += [g.start for g in self.goals] + [g.end for g in self.goals]
        found += [t for t, _, _ in self.band]
        for scenario in self.scenarios:
            found += [t for t, _ in scenario.path]
        return tuple(found)

    @property
    def values(self) -> tuple[float, ...]:
        """Every value the chart draws (to size its value axis)."""
        found = [p.low for p in self.points] + [p.high for p in self.points]
        found += [v for _, v in self.trajectory] + [v for _, v in self.trend]
        found += [v for g in self.goals for v in (g.low, g.high) if v is not None]
        for scenario in self.scenarios:
            found += [v for _, v in scenario.path]
        return tuple(found)


def _point(figure: Figure, *, used: bool) -> Point:
    source = figure.source.id if figure.source else "no source"
    kind = figure.kind
    return Point(figure.time, figure.low, figure.high, kind, f"{figure.period} ({source})", used)


def chart_of(result: TargetResult, scenarios: tuple[Scenario, ...] = ()) -> Chart:
    """Everything a chart of `result` draws."""
    lead = result.assessment
    target = result.target
    evidence = result.evidence
    if isinstance(target, CountTarget) and lead is not None:
        points = tuple(
            Point(t, v, v, "count", f"{t:g}: {v:g} {target.entities or 'entities'}")
            for t, v in zip(lead.years, lead.values, strict=True)
        )
    else:
        points = tuple(
            _point(f, used=evidence.used(f) or f.kind == "forecast") for f in evidence.every
        )
    goals = _goals(result)
    deadline = target.deadline.time if target.deadline is not None else None
    trend, reach = _trend(lead, until=deadline, bounds=_bounds(result))
    return Chart(
        target=result.key,
        title=target.name or result.id,
        goal=result.goal,
        unit=result.metric.unit,
        status=result.status.value,
        method=result.method,
        method_status=result.method_status,
        invert=result.metric.is_rank,
        points=tuple(sorted(points, key=lambda p: (p.time, p.kind))),
        trajectory=_trajectory(result),
        trend=trend,
        goals=goals,
        reach=reach,
        deadline=deadline,
        scenarios=scenarios,
        reason=result.reason if result.status == "not_assessable" else None,
        band=chance_band(result, _bounds(result)),
        band_label=chance_phrase(result) or "",
    )


def _bounds(result: TargetResult) -> tuple[float | None, float | None]:
    """Where the metric cannot go: rank 1, or its natural limit in the better direction."""
    if result.metric.is_rank:
        return (1.0, None)
    return natural_bounds(result.metric)


def _goals(result: TargetResult) -> tuple[Goal, ...]:
    target = result.target
    lead = result.assessment
    if isinstance(target, MilestonesTarget):
        goals = []
        for m in target.milestones:
            low = m.between[0].value if m.between else (m.at_least.value if m.at_least else None)
            high = m.between[1].value if m.between else (m.at_most.value if m.at_most else None)
            goals.append(Goal(m.by.time, m.by.time, low, high, f"{m.by}"))
        return tuple(goals)
    if isinstance(target, HoldTarget):
        hold = target.hold
        low = hold.low.value if hold.low is not None else None
        high = hold.high.value if hold.high is not None else None
        return (Goal(target.from_.time, target.by.time, low, high, result.goal),)
    if isinstance(target, BandTarget):
        floor, ceiling = target.between
        return (Goal(target.by.time, target.by.time, floor.value, ceiling.value, result.goal),)
    level = lead.target if lead is not None else None
    deadline = target.deadline
    if lead is None or level is None or deadline is None:
        return ()
    increase = lead.direction == "increase"
    low, high = (level, None) if increase else (None, level)
    return (Goal(deadline.time, deadline.time, low, high, result.goal),)


def _trajectory(result: TargetResult) -> tuple[tuple[float, float], ...]:
    lead = result.assessment
    if lead is None or lead.base_year is None or lead.base_value is None:
        return ()
    start = (lead.base_year, lead.base_value)
    target = result.target
    if isinstance(target, MilestonesTarget):
        steps = [(g.start, g.low if g.low is not None else g.high) for g in _goals(result)]
        return (start, *((t, v) for t, v in steps if v is not None and t > start[0]))
    if lead.target is None or lead.target_year is None or lead.target_year <= lead.base_year:
        return ()
    end = (lead.target_year, lead.target)
    if lead.trajectory != "compound" or lead.base_value <= 0 or lead.target <= 0:
        return (start, end)
    b, v_b, span, ratio = (
        lead.base_year,
        lead.base_value,
        lead.target_year - lead.base_year,
        (lead.target / lead.base_value),
    )
    return _curve(start, end, lambda t: float(v_b * ratio ** ((t - b) / span)))


def _curve(
    start: tuple[float, float], end: tuple[float, float], f: Callable[[float], float]
) -> tuple[tuple[float, float], ...]:
    """`f` sampled from `start` to `end` (25 points: smooth enough for a compound curve)."""
    steps = 24
    return tuple(
        (t, float(f(t)))
        for t in (start[0] + (end[0] - start[0]) * i / steps for i in range(steps + 1))
    )


def _clamp(value: float, bounds: tuple[float | None, float | None]) -> float:
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _trend(
    lead: Assessment | None,
    *,
    until: float | None = None,
    bounds: tuple[float | None, float | None] = (None, None),
) -> tuple[tuple[tuple[float, float], ...], tuple[float, float] | None]:
    """The trend from the latest figure to the deadline (the last milestone's, `until`), or
    on to where it reaches the target; it stops at the metric's natural bounds."""
    if lead is None or lead.deadline_passed:
        return (), None
    t, v, deadline = lead.latest_year, lead.latest_value, lead.target_year
    if t is None or v is None or deadline is None:
        return (), None
    if until is not None:
        deadline = max(deadline, until)
    reach_year = lead.reach_year
    end = deadline
    if reach_year is not None and reach_year > t and reach_year - deadline <= MAX_EXTENSION:
        end = max(deadline, reach_year)
    if end <= t:
        return (), None
    slope, growth = lead.slope, lead.growth_actual
    if lead.projection == "linear" and slope is not None:
        rate = slope

        def f(x: float) -> float:
            return v + rate * (x - t)
    elif growth is not None and growth > -1:
        factor = 1 + growth

        def f(x: float) -> float:
            try:
                return float(v * factor ** (x - t))
            except OverflowError:  # a path beyond any double: not drawn (see below)
                return math.inf
    else:
        return (), None
    path = tuple(
        (x, _clamp(y, bounds)) for x, y in _curve((t, v), (end, f(end)), f) if math.isfinite(y)
    )
    reach = None
    if reach_year is not None and reach_year > t and end >= reach_year:
        reach = (reach_year, lead.target if lead.target is not None else f(reach_year))
    return path, reach


def rate_chart_of(result: TargetResult) -> Chart | None:
    """For a growth-rate target, the rate itself: the growth a year achieved into each year
    (between consecutive figures, compound over a gap of several years) against the rate
    required over the target's period; None for other kinds. Years after the deadline are
    drawn set aside, as the verdict does not use them."""
    target = result.target
    if not isinstance(target, GrowthTarget):
        return None
    details = result.details
    rate, start, end = details.get("rate"), details.get("growth_start"), details.get("growth_end")
    if not isinstance(rate, float) or not isinstance(start, float) or not isinstance(end, float):
        return None
    figures = [f for f in result.figures if f.kind != "forecast"]
    points = []
    for before, after in itertools.pairwise(figures):
        span = after.time - before.time
        old, new = (before.low + before.high) / 2, (after.low + after.high) / 2
        if span <= 0 or old <= 0 or new <= 0:
            continue
        growth = ((new / old) ** (1 / span) - 1) * 100
        label = f"{before.period}-{after.period}"
        points.append(Point(after.time, growth, growth, after.kind, label, after.time <= end))
    floor = target.growth.at_least is not None
    level = rate * 100
    goal = Goal(start, end, level if floor else None, None if floor else level, result.goal)
    return Chart(
        target=result.key,
        title=f"{target.name or result.id}: growth a year",
        goal=result.goal,
        unit=RATE_UNIT,
        status=result.status.value,
        method=result.method,
        method_status=result.method_status,
        invert=False,
        points=tuple(points),
        trajectory=(),
        trend=(),
        goals=(goal,),
        reach=None,
        deadline=end,
        reason=result.reason if result.status == "not_assessable" else None,
    )
