"""`targets.check`: a loaded programme and its figures in, a `Report` out.

This is the only place where rules meet the engine: each target kind becomes one engine call
on plain floats (years and values in the metric's unit), after the evidence rules of
`targets._evidence` have chosen the figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from targets import _units
from targets._changes import compare, load_baseline
from targets._evidence import Evidence, select
from targets._figures import Figure
from targets._files import StrPath
from targets._load import load
from targets._methods import method_of, thresholds_of
from targets._model import Metric
from targets._periods import PeriodError, day, parse_date
from targets._programme import Programme
from targets._report import Report
from targets._result import Refusal, TargetResult
from targets._select import choose
from targets._targets import (
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
from targets._words import describe_goal
from targets.engine import RANK_METHODS

AsOf = dt.date | dt.datetime | str | int | None


def as_of_date(value: AsOf) -> dt.date | None:
    """The evaluation date: a date, ``"2023-01-01"``, or a year (its last day)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value).last_day
    except PeriodError as exc:
        raise ValueError(f"as_of: {exc}") from None


def check(
    programme: Programme | StrPath | Sequence[StrPath],
    figures: Any = None,
    *,
    as_of: AsOf = None,
    method: str | None = None,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    baseline: Mapping[str, Any] | StrPath | None = None,
) -> Report:
    """Judge every target of `programme` against `figures` (default: the programme's own;
    else `Figure` objects, a pandas DataFrame or rows with the CSV columns).

    `programme` may also be a path or a list of paths, loaded with `targets.load`. `as_of`
    evaluates as if on that date, using only figures published by then, so last year's
    verdict can be reproduced. `method` overrides every target's method for this run (ranks
    keep a linear method and holds Destatis's rules; the result notes it). `select` and
    `exclude` keep some targets (see `targets._select`); a `select` pattern that matches
    nothing raises `SelectionError`. `baseline` (an earlier JSON report, or its path) adds
    the status transitions and moved projections since that run.
    """
    if not isinstance(programme, Programme):
        paths = [programme] if isinstance(programme, str | os.PathLike) else list(programme)
        programme = load(*paths)
    if method is not None:
        from targets.engine import METHODS  # noqa: PLC0415

        if method not in METHODS:
            raise ValueError(f"unknown method '{method}'; choose one of {', '.join(METHODS)}")
    date = as_of_date(as_of)
    if figures is not None:
        programme = dataclasses.replace(programme, figures=()).with_figures(figures)
    pool = programme.figures
    by_metric: dict[str, list[Figure]] = {}
    for figure in pool:
        by_metric.setdefault(figure.metric, []).append(figure)
    run = _Run(programme, date, method)
    results = tuple(
        run.judge(target, by_metric.get(target.metric, [])) for target in programme.targets
    )
    results = choose(results, select, exclude)
    report = Report(programme=programme, results=results, as_of=date, method=method)
    if baseline is None:
        return report
    earlier = baseline if isinstance(baseline, Mapping) else load_baseline(baseline)
    return dataclasses.replace(report, changes=compare(earlier, report))


@dataclass(frozen=True, slots=True)
class _Call:
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


class _Run:
    def __init__(self, programme: Programme, as_of: dt.date | None, method: str | None) -> None:
        self.programme = programme
        self.as_of = as_of
        self.as_of_time = day(as_of).time if as_of is not None else None
        self.method = method

    def judge(self, target: TargetBase, figures: list[Figure]) -> TargetResult:
        metric = self.programme.metrics[target.metric]
        if isinstance(target, CountTarget):
            evidence = _count_evidence(figures, self.as_of, self._prefer, target.estimates)
        else:
            evidence = select(
                (f for f in figures if f.entity is None),
                as_of=self.as_of,
                prefer=self._prefer,
                estimates=target.estimates,
            )
        call = self._call(target, metric, evidence)
        try:
            outcome = _RUNNERS[type(target)](target, metric, evidence, call)
        except ValueError as exc:  # the engine's documented refusal of its inputs
            outcome = Refusal(str(exc))
        return TargetResult(
            target=target,
            metric=metric,
            method=call.method,
            goal=describe_goal(target, metric),
            outcome=outcome,
            evidence=evidence,
            location=self.programme.location("target", target.id),
            extra_notes=call.notes,
        )

    @property
    def _prefer(self) -> Sequence[str]:
        return self.programme.info.prefer

    def _call(self, target: TargetBase, metric: Metric, evidence: Evidence) -> _Call:
        info = self.programme.info
        method = method_of(target, info)
        notes: list[str] = []
        if self.method is not None and method != "binary":
            if target.kind == "rank" and self.method not in RANK_METHODS:
                notes.append(f"ranks are judged linearly: {method}, not {self.method}")
            elif target.kind == "hold":
                notes.append("holding a level every year is judged by Destatis's rules")
            else:
                method = self.method
        thresholds = thresholds_of(target, info) if method == method_of(target, info) else {}
        if method == "unsd" and not _is_percent(metric.unit):
            thresholds.setdefault("percent_target_tolerance", 0.0)
        base, base_note = self._base(target, evidence)
        if base_note:
            notes.append(base_note)
        direction = "increase" if metric.better == "higher" else "decrease"
        return _Call(method, thresholds, direction, self.as_of_time, base, tuple(notes))

    def _base(self, target: TargetBase, evidence: Evidence) -> tuple[float | None, str | None]:
        """The declared base year, or the nearest figure to it when it has none (said so)."""
        declared = target.relative_to if isinstance(target, RelativeTarget) else None
        declared = declared or target.base or self.programme.info.base
        if declared is None or not evidence.figures:
            return None, None
        times = evidence.times
        if declared.time in times:
            return declared.time, None
        before = [t for t in times if t <= declared.time]
        chosen = max(before) if before else min(times)
        label = next(f.period.label for f in evidence.figures if f.time == chosen)
        side = "latest before" if before else "first after"
        return chosen, f"no figure for the base year {declared}; base taken at {label} ({side})"


def _is_percent(unit: str) -> bool:
    try:
        return _units.conversion_factor(unit, "%") == 1.0
    except _units.UnitError:
        return False


def _count_evidence(
    figures: list[Figure], as_of: dt.date | None, prefer: Sequence[str], estimates: bool
) -> Evidence:
    """Per-entity evidence merged: one figure per entity and period."""
    chosen: list[Figure] = []
    conflicts: list[Any] = []
    notes: set[str] = set()
    entities = sorted({f.entity for f in figures if f.entity is not None})
    for entity in entities:
        mine = [f for f in figures if f.entity == entity]
        part = select(mine, as_of=as_of, prefer=prefer, estimates=estimates)
        chosen += part.figures
        conflicts += part.conflicts
        notes.update(part.notes)
    if any(f.entity is None for f in figures):
        notes.add("figures without an entity are not counted")
    chosen.sort(key=lambda f: (f.time, f.entity or ""))
    return Evidence(tuple(chosen), (), tuple(conflicts), (), tuple(sorted(notes)))


def _level(target: Any, metric: Metric, ev: Evidence, call: _Call, *, value: float) -> Any:
    from targets.engine import assess  # noqa: PLC0415

    forecasts = tuple((f.time, f.low) for f in ev.forecasts)
    return _both_ends(
        ev,
        lambda values: assess(
            ev.times,
            values,
            target=value,
            target_year=target.deadline.time,
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


def _both_ends(ev: Evidence, run: Callable[[Sequence[float]], Any]) -> Any:
    """Run once, or at both ends of the ranges when any figure is a range."""
    from targets.engine import assess_ends  # noqa: PLC0415

    return assess_ends(run, ev.lows, ev.highs) if ev.has_ranges else run(ev.lows)


def _run_level(t: LevelTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    return _level(t, m, ev, call, value=t.level.value)


def _run_relative(t: RelativeTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    level = relative_level(t, ev)
    if level is None:
        return Refusal(f"no figure for {t.relative_to}, the year the target is relative to")
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


def _run_band(t: BandTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_band  # noqa: PLC0415

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


def _run_milestones(t: MilestonesTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_milestones  # noqa: PLC0415

    steps = []
    for milestone in t.milestones:
        if milestone.between is not None:
            low, high = milestone.between
            value = low.value if call.direction == "increase" else high.value
        else:
            bound = milestone.at_least if milestone.at_least is not None else milestone.at_most
            assert bound is not None  # the model requires one goal per milestone
            value = bound.value
        steps.append((milestone.by.time, value))
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


def _run_hold(t: HoldTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_hold  # noqa: PLC0415

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


def _run_growth(t: GrowthTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_growth_rate  # noqa: PLC0415

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


def _run_rank(t: RankTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_rank  # noqa: PLC0415

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


def _run_count(t: CountTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess, assess_band, count_meeting  # noqa: PLC0415

    if not ev.figures:
        return Refusal(f"no figures per entity for '{m.id}' to count")
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


def _run_direction(t: DirectionTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_direction  # noqa: PLC0415

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


def _run_binary(t: BinaryTarget, m: Metric, ev: Evidence, call: _Call) -> Any:
    from targets.engine import assess_binary  # noqa: PLC0415

    return assess_binary(
        ev.times,
        [bool(f.low) for f in ev.figures],
        target_year=t.by.time if t.by is not None else None,
        as_of=call.as_of,
    )


_RUNNERS: dict[type[TargetBase], Callable[..., Any]] = {
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
