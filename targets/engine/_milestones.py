"""Several milestones on one metric: each judged; the nearest future one not yet met drives.

Past milestones come out achieved or missed (each is a level target whose deadline has
passed). The driving milestone is the nearest future one the latest figure does not yet meet,
and the target's status is its status: a past miss is listed but does not change it (the
driving milestone is unmet, so the target cannot read achieved anyway). When no future
milestone is left unmet, the worst past milestone that was not achieved drives (a past miss
makes the whole target missed); only when every milestone is achieved or already met does the
target read achieved, and then the last milestone drives.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from targets.engine._assess import assess, direction_sign, is_met
from targets.engine._explain import number, year
from targets.engine._headline import Detail, Headline
from targets.engine._num import finite
from targets.engine._refused import RefusedInputError
from targets.engine._result import Assessment
from targets.engine._series import Numbers
from targets.engine._status import Status
from targets.engine._step import Step

__all__ = ["MilestonesAssessment", "assess_milestones"]


@dataclass(frozen=True, slots=True)
class MilestonesAssessment:
    """Every milestone's assessment, in year order, and the one that drives the verdict."""

    milestones: tuple[Assessment, ...]
    driving: int
    """Index of the milestone that drives the status: the nearest one after as_of not yet met;
    when none is left, the worst past one not achieved; else the last one."""
    trajectory_value: float | None
    """The promised path at the latest year: straight lines from the base through milestones."""
    trajectory_gap: float | None
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    met_early: tuple[int, ...] = ()
    """Indices of future milestones the latest figure already meets."""

    @property
    def assessment(self) -> Assessment:
        """The driving milestone's assessment."""
        return self.milestones[self.driving]

    @property
    def headline(self) -> Headline:
        return self.milestones[self.driving].headline

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            **self.milestones[self.driving].details,
            "driving_milestone": self.milestones[self.driving].target_year,
            "milestones_trajectory_value": self.trajectory_value,
            "milestones_trajectory_gap": self.trajectory_gap,
            "met_early": tuple(self.milestones[i].target_year for i in self.met_early),
            "milestones": tuple(
                {
                    "year": m.target_year,
                    "target": m.target,
                    "status": m.status.value,
                    "method_status": m.method_status,
                    "projected": m.projected,
                    "reach_year": m.reach_year,
                    "ratio": m.ratio,
                }
                for m in self.milestones
            ),
        }

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        lead = self.milestones[self.driving].explain(unit=unit, name=None)
        others = [
            f"{year(m.target_year)} milestone {_state(i, m, self.met_early)}"
            for i, m in enumerate(self.milestones)
            if i != self.driving and m.target_year is not None
        ]
        body = "; ".join([lead, *others])
        return f"{name}: {body}" if name else body


def _state(i: int, m: Assessment, met_early: tuple[int, ...]) -> str:
    return "met already" if i in met_early else m.status.value.replace("_", " ")


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
        raise RefusedInputError("at least one milestone is needed")
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
    d = direction_sign(direction)
    now = _evaluation_year(results)
    future = [i for i, (when, _) in enumerate(ordered) if now is None or when > now]
    met_early = tuple(i for i in future if _met(results[i], d))
    driving = _driving(results, future, met_early)
    lead = results[driving]
    notes = [
        f"{year(when)} milestone ({number(value)}): {_state(i, results[i], met_early)}"
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
        met_early=met_early,
    )


def _met(a: Assessment, d: int) -> bool:
    """Whether the latest figure already meets a milestone (by the method's rule of "met")."""
    if a.latest_value is None or a.target is None:
        return False
    return is_met(a.method, a.latest_value, a.target, d, a.thresholds)


def _driving(results: tuple[Assessment, ...], future: list[int], met_early: tuple[int, ...]) -> int:
    """The nearest future milestone not yet met; else the worst past one not achieved (the
    latest among equals, a miss first); else the last milestone."""
    pending = [i for i in future if i not in met_early]
    if pending:
        return pending[0]
    past = [i for i in range(len(results)) if i not in future]
    short = [i for i in past if results[i].status is not Status.ACHIEVED]
    if short:
        return max(short, key=lambda i: (_badness(results[i].status), i))
    return len(results) - 1


def _badness(status: Status) -> int:
    """Severity for choosing the driver; not assessable ranks below every judged status."""
    return -1 if status.severity is None else status.severity


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
