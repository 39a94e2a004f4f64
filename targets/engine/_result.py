"""The frozen result of judging one series, and the protocol every target kind's result meets."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from targets.engine._chance import Chance
from targets.engine._explain import explain_assessment
from targets.engine._headline import Detail, Headline
from targets.engine._status import Status
from targets.engine._step import Step

__all__ = ["Assessment", "Result"]


_NUMBERS = (
    "ratio",
    "score",
    "progress",
    "growth_actual",
    "growth_actual_linear",
    "growth_required",
    "growth_required_linear",
    "growth_required_now",
    "growth_required_now_linear",
    "slope",
    "projected",
    "reach_year",
    "trajectory_value",
    "trajectory_gap",
    "interpolated",
)
"""Fields that an overflow could make infinite: stored as None (undefined) instead."""


class Result(Protocol):
    """What every target kind's result offers, so callers can treat them alike: the verdict,
    the headline numbers, the kind's own numbers, and the arithmetic."""

    @property
    def status(self) -> Status: ...
    @property
    def method_status(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def notes(self) -> tuple[str, ...]: ...
    @property
    def steps(self) -> tuple[Step, ...]: ...
    @property
    def assessment(self) -> Assessment | None:
        """The `Assessment` whose numbers stand for the result (None for kinds without one:
        holds, growth rates, yes/no)."""
        ...

    @property
    def headline(self) -> Headline:
        """The numbers a report shows, in the vocabulary every kind shares."""
        ...

    @property
    def details(self) -> Mapping[str, Detail]:
        """The kind's own numbers beyond the headline (a band's bound, a hold's breaches)."""
        ...

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str: ...


@dataclass(frozen=True, slots=True)
class Assessment:
    """One series judged against one target (or none) by one method.

    Every number is None where undefined, never NaN or inf. ``base_value`` and ``target`` are as
    given; where a method computes with replaced values (Statistics Canada's zeros) the steps
    say so.
    """

    status: Status
    method_status: str
    method: str
    direction: str
    target: float | None
    target_year: float | None
    as_of: float | None
    years: tuple[float, ...]
    values: tuple[float, ...]
    base_year: float | None
    base_value: float | None
    latest_year: float | None
    latest_value: float | None
    thresholds: Mapping[str, float]
    limit: float | None
    ratio: float | None
    """The quantity the method graded its label on (statcan R, unsd P, destatis miss share,
    sdsn achieved / required); None where it decided without one (a met target)."""
    score: float | None
    progress: float | None
    """The method's progress value, where its formula is defined, whatever decided the label:
    statcan R (with a target, also when achieved, as the agency publishes it) or x = s * d * g_a
    (without); unsd P (where the target lies ahead of the base) or x; destatis the miss share
    (a level target not yet met) or d times the five-year mean change (direction only); sdsn
    achieved / required (where the goal lies ahead of the base); istat x. None where
    undefined."""
    growth_actual: float | None
    growth_actual_linear: float | None
    growth_required: float | None
    growth_required_linear: float | None
    growth_required_now: float | None
    growth_required_now_linear: float | None
    slope: float | None
    """Change per year behind a linear projection (Destatis: the five-year mean change)."""
    projection: str
    projected: float | None
    reach_year: float | None
    trajectory: str
    trajectory_value: float | None
    trajectory_gap: float | None
    """Latest value minus the promised trajectory at the latest year."""
    deadline_passed: bool
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]
    forecasts: tuple[tuple[float, float], ...] = ()
    """(year, value) forecasts shown beside the trend; never used as actuals."""
    deadline_reached: bool = False
    """The deadline has passed and the data reach it, so achieved or missed was decided on the
    value at the target year: its figure, or ``interpolated``."""
    interpolated: float | None = None
    """The value interpolated at a decided target year that has no figure of its own, between
    the last figure before it (``latest_year``) and the first after it."""
    rank: bool = False
    """A rank (lower is better, in places): set by ``assess_rank``; explanations count places."""
    chance: Chance | None = None
    """The project's own reading (never the method's): the chance that the figure for the
    target year meets the target, and when it is reached, from the figures since the base year
    (log-linear for a compound projection, linear for a linear one). None without a target or
    without figures to read; otherwise a ``Chance``, whose ``reason`` says why it has no
    numbers (fewer than three figures, a decided deadline, ...)."""

    def __post_init__(self) -> None:
        for name in _NUMBERS:
            x = getattr(self, name)
            if x is not None and not math.isfinite(x):
                object.__setattr__(self, name, None)

    @property
    def assessment(self) -> Assessment:
        return self

    @property
    def headline(self) -> Headline:
        growth = not self.rank  # a rank has no growth rate: its change is in places a year
        return Headline(
            target=self.target,
            target_year=self.target_year,
            base_year=self.base_year,
            base_value=self.base_value,
            latest_year=self.latest_year,
            latest_value=self.latest_value,
            growth_actual=self.growth_actual if growth else None,
            growth_required=self.growth_required if growth else None,
            growth_required_now=self.growth_required_now if growth else None,
            change_actual=self.slope if self.method == "destatis" else self.growth_actual_linear,
            change_required=self.growth_required_linear,
            change_required_now=self.growth_required_now_linear,
            slope=self.slope,
            projection=self.projection,
            projected=self.projected,
            reach_year=self.reach_year,
            trajectory_gap=self.trajectory_gap,
            ratio=self.ratio,
            progress=self.progress,
            score=self.score,
            thresholds=self.thresholds,
        )

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            "trajectory": self.trajectory,
            "trajectory_value": self.trajectory_value,
            "limit": self.limit,
            "deadline_passed": self.deadline_passed,
            "deadline_reached": self.deadline_reached,
            "interpolated": self.interpolated,
        }

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        """One plain-language paragraph: what is needed, what was achieved, where it leads."""
        return explain_assessment(self, unit=unit, name=name)
