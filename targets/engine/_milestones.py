"""Several milestones on one metric: each judged; the nearest future one drives the status."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from targets.engine._assess import assess
from targets.engine._explain import number, year
from targets.engine._num import finite
from targets.engine._result import Assessment
from targets.engine._series import Numbers
from targets.engine._status import Status
from targets.engine._step import Step


@dataclass(frozen=True, slots=True)
class MilestonesAssessment:
    """Every milestone's assessment, in year order, and the one that drives the verdict."""

    milestones: tuple[Assessment, ...]
    driving: int
    """Index of the nearest milestone after as_of (the last one when all have passed)."""
    trajectory_value: float | None
    """The promised path at the latest year: straight lines from the base through milestones."""
    trajectory_gap: float | None
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        lead = self.milestones[self.driving].explain(unit=unit, name=None)
        past = [
            f"{year(m.target_year)} milestone {m.status.value.replace('_', ' ')}"
            for i, m in enumerate(self.milestones)
            if i != self.driving and m.target_year is not None
        ]
        body = "; ".join([lead, *past])
        return f"{name}: {body}" if name else body


def assess_milestones(
    years: Numbers,
    values: Numbers,
    *,
    milestones: Sequence[tuple[float, float]],
    direction: str = "increase",
    method: str = "statcan",
    as_of: float | None = None,
    base_year: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    projection: str | None = None,
    structural_break: bool = False,
) -> MilestonesAssessment:
    """Judge each (year, value) milestone; past ones come out achieved or missed."""
    if not milestones:
        raise ValueError("at least one milestone is needed")
    ordered = sorted((float(y), float(v)) for y, v in milestones)
    results = tuple(
        assess(
            years,
            values,
            target=value,
            target_year=when,
            direction=direction,
            method=method,
            as_of=as_of,
            base_year=base_year,
            thresholds=thresholds,
            projection=projection,
            structural_break=structural_break,
        )
        for when, value in ordered
    )
    now = _evaluation_year(results)
    future = [i for i, (when, _) in enumerate(ordered) if now is None or when > now]
    driving = future[0] if future else len(ordered) - 1
    lead = results[driving]
    notes = [
        f"{year(when)} milestone ({number(value)}): {results[i].status.value.replace('_', ' ')}"
        for i, (when, value) in enumerate(ordered)
        if i != driving
    ]
    traj = _trajectory(lead, ordered)
    gap = None if traj is None or lead.latest_value is None else finite(lead.latest_value - traj)
    return MilestonesAssessment(
        milestones=results,
        driving=driving,
        trajectory_value=traj,
        trajectory_gap=gap,
        status=lead.status,
        method_status=lead.method_status,
        reason=lead.reason,
        notes=(*lead.notes, *notes),
        steps=lead.steps,
    )


def _evaluation_year(results: tuple[Assessment, ...]) -> float | None:
    """as_of as the assessments resolved it (the latest figure's year by default)."""
    return max((r.as_of for r in results if r.as_of is not None), default=None)


def _trajectory(lead: Assessment, ordered: list[tuple[float, float]]) -> float | None:
    b, v_b, t = lead.base_year, lead.base_value, lead.latest_year
    if b is None or v_b is None or t is None:
        return None
    path = [(b, v_b), *((y, v) for y, v in ordered if y > b)]
    for (y0, v0), (y1, v1) in itertools.pairwise(path):
        if y0 <= t <= y1:
            return finite(v0 + (t - y0) * (v1 - v0) / (y1 - y0))
    return path[-1][1] if t >= path[-1][0] else None
