"""One target judged the per-series way: its figures as objects, one engine call.

This is the path `explain` and the API rely on (every step of the arithmetic, every note),
and the one every kind can take. The vectorised path (`_vector`) judges level targets in
bulk and agrees with this one on every number; a result it judged is rebuilt here when
someone asks for the whole of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from targets.engine import RefusedInputError, Result
from targets.judge._evidence import select, select_per_entity
from targets.judge._kinds import RUNNERS, Call
from targets.judge._result import Refusal, TargetResult
from targets.rules import _units
from targets.rules._figures import Figure
from targets.rules._methods import method_of, reason_against, suited, thresholds_of
from targets.rules._model import Metric
from targets.rules._periods import day
from targets.rules._programme import Programme
from targets.rules._targets import CountTarget, RelativeTarget, TargetBase
from targets.rules._words import describe_goal

__all__ = ["Run"]


class Run:
    """What every target of one check shares: the programme, the date, a method override."""

    def __init__(self, programme: Programme, as_of: dt.date | None, method: str | None) -> None:
        self.programme = programme
        self.as_of = as_of
        self.as_of_time = day(as_of).time if as_of is not None else None
        self.method = method
        self._by_kind: dict[tuple[type, str], tuple[str, tuple[tuple[str, float], ...]]] = {}

    @property
    def prefer(self) -> Sequence[str]:
        return self.programme.info.prefer

    def judge(
        self, target: TargetBase, entity: str | None, figures: Sequence[Figure]
    ) -> TargetResult:
        """One target (for one entity, or for none) on its metric's figures (for a count
        target, every entity's; else the entity's own)."""
        metric = self.programme.metrics[target.metric]
        if isinstance(target, CountTarget):
            evidence = select_per_entity(
                figures, as_of=self.as_of, prefer=self.prefer, estimates=target.estimates
            )
        else:
            evidence = select(
                (f for f in figures if f.entity == entity),
                as_of=self.as_of,
                prefer=self.prefer,
                estimates=target.estimates,
            )
        call = self.call(target, metric)
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

    def method_and_thresholds(
        self, target: TargetBase, metric: Metric
    ) -> tuple[str, tuple[tuple[str, float], ...]]:
        """The method and the thresholds (sorted pairs) that judge `target`: what its
        `call` says. A target without a method or thresholds of its own has those its
        kind and its metric's unit give, worked out once for them (sixty thousand
        independent targets asked for sixty thousand calls)."""
        plain = target.method is None and not target.thresholds
        shared = (type(target), metric.unit) if plain else None
        found = self._by_kind.get(shared) if shared is not None else None
        if found is None:
            call = self.call(target, metric)
            found = (call.method, tuple(sorted(call.thresholds.items())))
            if shared is not None:
                self._by_kind[shared] = found
        return found

    def call(self, target: TargetBase, metric: Metric) -> Call:
        """The method, thresholds, direction, date and base year of one target's call. A
        base year without a figure is the engine's to move (each method has its rule)."""
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
        declared = target.relative_to if isinstance(target, RelativeTarget) else None
        declared = declared or target.base or info.base
        base = declared.time if declared is not None else None
        direction = "increase" if metric.better == "higher" else "decrease"
        return Call(method, thresholds, direction, self.as_of_time, base, tuple(notes))


def _is_percent(unit: str) -> bool:
    try:
        return _units.conversion_factor(unit, "%") == 1.0
    except _units.UnitError:
        return False
