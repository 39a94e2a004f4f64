"""``assess``: one series, one level target (or none), one method."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from targets.engine import _destatis, _istat, _sdsn, _statcan, _unsd
from targets.engine._chance import MODEL_OF_PROJECTION, Chance, chance, no_chance
from targets.engine._growth import PROJECTIONS, TRAJECTORIES, compute_growth, sign_break
from targets.engine._num import fmt, when
from targets.engine._refused import RefusedInputError
from targets.engine._result import Assessment
from targets.engine._series import Numbers, Prepared, prepare
from targets.engine._status import NOT_ASSESSABLE_LABEL, Status
from targets.engine._step import Step
from targets.engine._thresholds import resolve_thresholds
from targets.engine._verdict import Context, Verdict

__all__ = [
    "DEFAULT_PROJECTION",
    "assess",
    "choose_projection",
    "decided",
    "direction_sign",
    "is_met",
]


_JUDGES: Mapping[str, Callable[[Context], Verdict]] = MappingProxyType(
    {
        "statcan": _statcan.judge,
        "unsd": _unsd.judge,
        "destatis": _destatis.judge,
        "sdsn": _sdsn.judge,
        "istat": _istat.judge,
    }
)

DEFAULT_PROJECTION: Mapping[str, str] = MappingProxyType(
    {
        "statcan": "compound",
        "unsd": "compound",
        "destatis": "linear",
        "sdsn": "linear",
        "istat": "compound",
    }
)
"""The projection each method uses; UNSD's P needs compound and Destatis's is linear."""

_FIXED_PROJECTION = frozenset({"unsd", "destatis"})

BASE_RULE: Mapping[str, str] = MappingProxyType(
    {
        "statcan": "later",
        "unsd": "after_else_before",
        "destatis": "later",
        "sdsn": "later",
        "istat": "later",
    }
)
"""Where a base year without a figure moves (``_series.BASE_RULES``): Statistics Canada (Open
SDG) takes the first later year with a figure, UNSD's 2023 note the first year after, else
before, that leaves two figures; the other methods say nothing, so they move as Open SDG does."""


def direction_sign(direction: str) -> int:
    if direction == "increase":
        return 1
    if direction == "decrease":
        return -1
    raise ValueError(f"direction must be 'increase' or 'decrease', got {direction!r}")


def choose_projection(method: str, projection: str | None) -> str:
    if projection is None:
        return DEFAULT_PROJECTION[method]
    if projection not in PROJECTIONS:
        raise ValueError(f"projection must be one of {', '.join(PROJECTIONS)}, got {projection!r}")
    if method in _FIXED_PROJECTION and projection != DEFAULT_PROJECTION[method]:
        raise ValueError(f"{method} projects {DEFAULT_PROJECTION[method]} growth only")
    return projection


def is_met(method: str, latest: float, target: float, d: int, th: Mapping[str, float]) -> bool:
    """Whether `latest` meets `target` by the method's rule. Statistics Canada replaces a
    zero target by ``zero_replacement`` before it asks (sdg-build's ``SeriesProgress``), so
    0.0005 meets a target of 0 where lower is better."""
    if method == "unsd":
        return _unsd.is_met(latest, target, d, th["percent_target_tolerance"])
    if method == "statcan" and target == 0:
        target = th["zero_replacement"]
    return d * (latest - target) >= 0


def assess(
    years: Numbers,
    values: Numbers,
    *,
    target: float | None = None,
    target_year: float | None = None,
    direction: str = "increase",
    method: str = "statcan",
    limit: float | None = None,
    as_of: float | None = None,
    base_year: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    projection: str | None = None,
    trajectory: str = "linear",
    structural_break: bool = False,
    forecasts: Sequence[tuple[float, float]] = (),
    bounds: tuple[float | None, float | None] = (None, None),
) -> Assessment:
    """Judge one series against a level target (``target=None``: the no-target rules).

    ``limit`` is Statistics Canada's natural limit L; ``structural_break`` suspends a Destatis
    assessment; ``forecasts`` are carried for display and never used as figures. ``bounds``
    is the range the metric can take (a rank is at least 1, a share at most 100): a trend
    projected past it stops there, with a step saying so. A target lies inside that range,
    so capping never changes whether the projection reaches it.
    """
    d = direction_sign(direction)
    th = resolve_thresholds(method, thresholds)
    proj = choose_projection(method, projection)
    if trajectory not in TRAJECTORIES:
        raise ValueError(f"trajectory must be one of {', '.join(TRAJECTORIES)}")
    if target is not None and (target_year is None or not math.isfinite(target)):
        raise RefusedInputError("a target needs a finite value and a target year")
    if limit is not None and not (math.isfinite(limit) and limit > 0):
        raise RefusedInputError("a natural limit must be a positive number")
    judged_year = target_year if target is not None else None
    # istat judges no target, so its deadline cuts nothing off
    cut = judged_year if method != "istat" else None
    prep = prepare(
        years,
        values,
        target_year=cut,
        as_of=as_of,
        base_year=base_year,
        interpolate_deadline=True,
        base_rule=BASE_RULE[method],
    )
    shown = tuple((float(y), float(v)) for y, v in forecasts)
    extras = _Extras(method, direction, target, target_year, th, limit, proj, trajectory, shown)
    if prep.reason is not None:
        return _unassessable(prep, extras)
    b, v_b = prep.years[prep.base_index], prep.values[prep.base_index]
    t, v_t = prep.years[-1], prep.values[-1]
    steps: list[Step] = []
    notes: list[str] = list(prep.notes)
    used_target = target
    if method == "statcan":
        zero = th["zero_replacement"]
        v_b = _replace_zero(v_b, zero, names=("v_b", "base", "from"), steps=steps, notes=notes)
        if used_target is not None:
            used_target = _replace_zero(
                used_target, zero, names=("v*", "target", "to"), steps=steps, notes=notes
            )
        if limit is not None and target is not None:
            notes.append("the natural limit applies only without a target: not used")
    if prep.interpolation is not None:
        steps.append(prep.interpolation.step)
    used_years = prep.years[prep.base_index :]
    broken = sign_break(used_years, (v_b, *prep.values[prep.base_index + 1 :]))
    met = target is not None and is_met(method, v_t, target, d, th)
    judged = prep.deadline_value
    if prep.interpolation is not None and target is not None:
        judged = prep.interpolation.near(target)
    met_at_deadline = (
        target is not None and judged is not None and is_met(method, judged, target, d, th)
    )
    slope, slope_step = None, None
    if method == "destatis":
        slope, slope_step = _destatis.mean_change(prep, th)
    growth = compute_growth(
        b=b,
        v_b=v_b,
        t=t,
        v_t=v_t,
        target=used_target,
        target_year=judged_year,
        met=met,
        slope=slope,
        slope_step=slope_step,
        projection=proj,
        trajectory=trajectory,
        bounds=bounds,
        broken=broken,
    )
    ctx = Context(prep, b, v_b, t, v_t, used_target, judged_year, d, met, th, limit, growth, broken)
    verdict = _judge(ctx, method, structural_break=structural_break, met=met_at_deadline)
    notes.extend(verdict.notes)
    reading = None
    if target is not None and target_year is not None:
        decided_ = decided(prep, method, target, structural_break=structural_break)
        reading = _chance(
            prep, target, target_year, direction=direction, projection=proj, decided=decided_
        )
    return Assessment(
        status=verdict.status,
        method_status=verdict.method_status,
        method=method,
        direction=direction,
        target=target,
        target_year=target_year,
        as_of=prep.as_of,
        years=prep.years,
        values=prep.values,
        base_year=b,
        base_value=prep.values[prep.base_index],
        latest_year=t,
        latest_value=v_t,
        thresholds=th,
        limit=limit,
        ratio=verdict.ratio,
        score=verdict.score,
        progress=verdict.progress,
        **growth.quantities(),  # type: ignore[arg-type]
        deadline_passed=prep.deadline_passed,
        reason=verdict.reason,
        notes=tuple(notes),
        steps=(*steps, *growth.steps, *verdict.steps),
        forecasts=shown,
        deadline_reached=decided(prep, method, target, structural_break=structural_break),
        interpolated=None if prep.interpolation is None else prep.interpolation.value,
        chance=reading,
    )


def _chance(
    prep: Prepared,
    target: float,
    target_year: float,
    direction: str,
    projection: str,
    *,
    decided: bool,
) -> Chance:
    """The project's reading of the target from the figures since the base year."""
    years, values = prep.years[prep.base_index :], prep.values[prep.base_index :]
    model = MODEL_OF_PROJECTION[projection]
    if decided:
        return no_chance(
            target=target,
            target_year=target_year,
            direction=direction,
            model=model,
            years=years,
            values=values,
            reason=f"the deadline {when(target_year)} has passed: the figures decide",
        )
    return chance(
        years, values, target=target, target_year=target_year, direction=direction, model=model
    )


def _replace_zero(
    value: float, zero: float, *, names: tuple[str, str, str], steps: list[Step], notes: list[str]
) -> float:
    """Statistics Canada's rule: a zero base or target becomes `zero`, said in a step and a note."""
    if value != 0:
        return value
    symbol, what, way = names
    steps.append(Step(symbol, f"zero {what} replaced by {fmt(zero)}", zero))
    notes.append(
        f"{what} 0 replaced by {fmt(zero)}, Statistics Canada's rule: growth rates {way} it "
        "are not meaningful"
    )
    return zero


def decided(
    prep: Prepared, method: str, target: float | None, *, structural_break: bool = False
) -> bool:
    """Whether the deadline rule decides the result (achieved or missed)."""
    if structural_break and method == "destatis":
        return False
    return target is not None and method != "istat" and prep.deadline_reached


def _judge(c: Context, method: str, *, structural_break: bool, met: bool) -> Verdict:
    """The method's verdict, then the deadline rule: a decided deadline is achieved or missed.

    ``met`` is the target met at the deadline: by the figure for the target year, or by the
    value interpolated at it.
    """
    if structural_break and method == "destatis":
        reason = "assessment suspended: a structural break in the series"
        return Verdict("suspended", Status.NOT_ASSESSABLE, reason=reason)
    verdict = _JUDGES[method](c)
    if not decided(c.prep, method, c.target):
        return verdict
    notes = list(verdict.notes)
    if verdict.reason is not None:
        notes.append(f"{method} cannot judge the trend: {verdict.reason}")
    outcome = "the target was met" if met else "the target was not met"
    if c.prep.interpolation is not None:
        outcome += " (on the interpolated value)"
    notes.append(f"the target year {when(c.target_year)} has passed: {outcome}")
    return replace(
        verdict,
        status=Status.ACHIEVED if met else Status.MISSED,
        method_status="ended" if method == "destatis" else verdict.method_status,
        reason=None,
        notes=tuple(notes),
    )


@dataclass(frozen=True, slots=True)
class _Extras:
    """The arguments an unassessable result echoes back."""

    method: str
    direction: str
    target: float | None
    target_year: float | None
    thresholds: Mapping[str, float]
    limit: float | None
    projection: str
    trajectory: str
    forecasts: tuple[tuple[float, float], ...]


def _unassessable(prep: Prepared, x: _Extras) -> Assessment:
    return Assessment(
        status=Status.NOT_ASSESSABLE,
        method_status=NOT_ASSESSABLE_LABEL[x.method],
        method=x.method,
        direction=x.direction,
        target=x.target,
        target_year=x.target_year,
        as_of=prep.as_of,
        years=prep.years,
        values=prep.values,
        base_year=None,
        base_value=None,
        latest_year=prep.latest_year,
        latest_value=prep.latest_value,
        thresholds=x.thresholds,
        limit=x.limit,
        ratio=None,
        score=None,
        progress=None,
        growth_actual=None,
        growth_actual_linear=None,
        growth_required=None,
        growth_required_linear=None,
        growth_required_now=None,
        growth_required_now_linear=None,
        slope=None,
        projection=x.projection,
        projected=None,
        reach_year=None,
        trajectory=x.trajectory,
        trajectory_value=None,
        trajectory_gap=None,
        deadline_passed=prep.deadline_passed,
        reason=prep.reason,
        notes=prep.notes,
        steps=(),
        forecasts=x.forecasts,
    )
