"""`targets.check`: a loaded programme and its figures in, a `Report` out.

This is the only place where rules meet the engine: each target kind becomes one engine call
on plain floats (years and values in the metric's unit), after the evidence rules of
`targets.judge._evidence` have chosen the figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from targets._safe import quoted
from targets.engine import METHODS, RefusedInputError, Result
from targets.judge._changes import compare, load_baseline
from targets.judge._errors import AsOfError, MethodError
from targets.judge._evidence import Evidence, select, select_per_entity
from targets.judge._kinds import RUNNERS, Call
from targets.judge._report import Report
from targets.judge._result import Refusal, TargetResult
from targets.judge._select import choose
from targets.rules import StrPath, _units
from targets.rules._entities import entities_of
from targets.rules._figures import Figure
from targets.rules._load import load
from targets.rules._methods import method_of, reason_against, suited, thresholds_of
from targets.rules._model import Metric
from targets.rules._periods import PeriodError, day, parse_date
from targets.rules._programme import Programme
from targets.rules._targets import CountTarget, RelativeTarget, TargetBase
from targets.rules._words import describe_goal

__all__ = ["AsOf", "as_of_date", "check"]


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
        raise AsOfError(f"as_of: {exc}") from None


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
    `exclude` keep some targets (see `targets.judge._select`); a `select` pattern that matches
    nothing raises `SelectionError`. `baseline` (an earlier JSON report, or its path) adds
    the status transitions and moved projections since that run.
    """
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    if not isinstance(programme, Programme):
        paths = [programme] if isinstance(programme, str | os.PathLike) else list(programme)
        programme = load(*paths)
    if method is not None and method not in METHODS:
        raise MethodError(f"unknown method {quoted(method)}; choose one of {', '.join(METHODS)}")
    date = as_of_date(as_of)
    if figures is not None:
        programme = programme.without_figures().with_figures(figures)
    by_metric: dict[str, list[Figure]] = {}
    for figure in programme.figures:
        by_metric.setdefault(figure.metric, []).append(figure)
    run = _Run(programme, date, method)
    results = tuple(
        run.judge(target, entity, by_metric.get(target.metric, []))
        for target, entity in pairs(programme.targets, by_metric)
    )
    results = choose(results, select, exclude)
    elapsed = time.perf_counter() - clock
    report = Report(programme, results, date, method, checked_at=started, elapsed=elapsed)
    if baseline is None:
        return report
    earlier = baseline if isinstance(baseline, Mapping) else load_baseline(baseline)
    return dataclasses.replace(report, changes=compare(earlier, report))


def pairs(
    targets: Sequence[TargetBase], by_metric: Mapping[str, Sequence[Figure]]
) -> list[tuple[TargetBase, str | None]]:
    """Each target with the entity it is judged for: itself alone (None), or once per entity
    its ``for_each`` names, its override applied."""
    found: list[tuple[TargetBase, str | None]] = []
    for target in targets:
        if target.for_each is None:
            found.append((target, None))
            continue
        available = {f.entity for f in by_metric.get(target.metric, ()) if f.entity is not None}
        for entity in entities_of(target.for_each, available):
            found.append((target.for_entity(entity), entity))
    return found


class _Run:
    def __init__(self, programme: Programme, as_of: dt.date | None, method: str | None) -> None:
        self.programme = programme
        self.as_of = as_of
        self.as_of_time = day(as_of).time if as_of is not None else None
        self.method = method

    def judge(self, target: TargetBase, entity: str | None, figures: list[Figure]) -> TargetResult:
        """One target (for one entity, or for none) on its metric's figures."""
        metric = self.programme.metrics[target.metric]
        if isinstance(target, CountTarget):
            evidence = select_per_entity(
                figures, as_of=self.as_of, prefer=self._prefer, estimates=target.estimates
            )
        else:
            evidence = select(
                (f for f in figures if f.entity == entity),
                as_of=self.as_of,
                prefer=self._prefer,
                estimates=target.estimates,
            )
        call = self._call(target, metric, evidence)
        if not evidence.figures and evidence.unpublished:
            outcome: Result = Refusal.by(
                call.method, f"no figure published by {self.as_of} (as of that date)"
            )
        else:
            try:
                outcome = RUNNERS[type(target)](target, metric, evidence, call)
            except RefusedInputError as exc:  # the engine's documented refusal, and only that
                outcome = Refusal.by(call.method, f"the engine refused the figures: {exc}")
        return TargetResult(
            target=target,
            metric=metric,
            method=call.method,
            goal=describe_goal(target, metric),
            outcome=outcome,
            evidence=evidence,
            location=self.programme.location("target", target.id),
            extra_notes=call.notes,
            entity=entity,
        )

    @property
    def _prefer(self) -> Sequence[str]:
        return self.programme.info.prefer

    def _call(self, target: TargetBase, metric: Metric, evidence: Evidence) -> Call:
        info = self.programme.info
        method = method_of(target, info)
        notes: list[str] = []
        if self.method is not None and method not in {"binary", self.method}:
            if suited(target.kind, self.method):
                method = self.method
            else:
                reason = reason_against(target.kind, self.method)
                notes.append(f"judged by {method}, not {self.method}: {reason}")
        thresholds = thresholds_of(target, info) if method == method_of(target, info) else {}
        if method == "unsd" and not _is_percent(metric.unit):
            thresholds.setdefault("percent_target_tolerance", 0.0)
        base, base_note = self._base(target, evidence)
        if base_note:
            notes.append(base_note)
        direction = "increase" if metric.better == "higher" else "decrease"
        return Call(method, thresholds, direction, self.as_of_time, base, tuple(notes))

    def _base(self, target: TargetBase, evidence: Evidence) -> tuple[float | None, str | None]:
        """The declared base year; without a figure for it, the first year after it that has
        one, as Statistics Canada's Open SDG does (said in a note). None: the first figure."""
        declared = target.relative_to if isinstance(target, RelativeTarget) else None
        declared = declared or target.base or self.programme.info.base
        if declared is None or not evidence.figures or declared.time in evidence.times:
            return (declared.time if declared else None), None
        after = [f for f in evidence.figures if f.time > declared.time]
        if not after:  # the base lies beyond the data: the engine says it has no figure
            return declared.time, None
        return after[0].time, (
            f"no figure for the base year {declared}; base taken at {after[0].period} "
            "(the first year after it with a figure)"
        )


def _is_percent(unit: str) -> bool:
    try:
        return _units.conversion_factor(unit, "%") == 1.0
    except _units.UnitError:
        return False
