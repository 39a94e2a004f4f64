"""Band targets ("10-12 zones by 2025"): within the band is achieved; the weakest bound drives.

Without a declared direction the band is two-sided: below it the low bound is the target (at
least), above it the high bound (at most), so a figure beyond the far bound is not achieved.
With a declared direction the band is one-sided: "increase" judges against the low bound and
counts a figure above the band as achieved (with a note), "decrease" the mirror.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._assess import BASE_RULE, assess
from targets.engine._edge import at_least, at_most
from targets.engine._explain import number, year
from targets.engine._headline import Detail, Headline
from targets.engine._refused import RefusedInputError
from targets.engine._result import Assessment
from targets.engine._series import Numbers, prepare
from targets.engine._status import Status
from targets.engine._step import Step

__all__ = ["BandAssessment", "assess_band", "t_before"]


@dataclass(frozen=True, slots=True)
class BandAssessment:
    """A band judged as a level target at the bound that matters now."""

    low: float
    high: float
    bound: float
    """The bound judged against (the weakest one in the direction of travel)."""
    bound_direction: str
    inside: bool | None
    """Whether the latest figure lies in the band (at a decided deadline without a figure, the
    value interpolated at it); None without figures."""
    assessment: Assessment
    status: Status
    method_status: str
    reason: str | None
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def headline(self) -> Headline:
        return self.assessment.headline

    @property
    def details(self) -> Mapping[str, Detail]:
        return {
            **self.assessment.details,
            "band_low": self.low,
            "band_high": self.high,
            "bound": self.bound,
            "bound_direction": self.bound_direction,
            "inside": self.inside,
        }

    def explain(self, *, unit: str | None = None, name: str | None = None) -> str:
        band = f"band {number(self.low)}-{number(self.high)}" + (f" {unit}" if unit else "")
        text = self.assessment.explain(unit=unit, name=None)
        body = f"{band}, judged against {number(self.bound)}: {text}"
        return f"{name}: {body}" if name else body


def assess_band(
    years: Numbers,
    values: Numbers,
    *,
    low: float,
    high: float,
    target_year: float,
    direction: str | None = None,
    method: str = "statcan",
    as_of: float | None = None,
    base_year: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    projection: str | None = None,
    trajectory: str = "linear",
    structural_break: bool = False,
) -> BandAssessment:
    """Judge a band [low, high] by the deadline (see the module docstring for the sides)."""
    if not low <= high:
        raise RefusedInputError(f"a band needs low <= high, got {low} and {high}")
    prep = prepare(
        years,
        values,
        target_year=target_year,
        as_of=as_of,
        base_year=base_year,
        interpolate_deadline=True,
        base_rule=BASE_RULE.get(method, "later"),  # assess refuses an unknown method
    )
    notes: list[str] = []
    inside: bool | None = None
    bound, towards = low, "increase"
    if direction == "decrease":
        bound, towards = high, "decrease"
    elif direction not in (None, "increase"):
        raise ValueError(f"direction must be 'increase', 'decrease' or None, got {direction!r}")
    if prep.reason is None:
        # a decided deadline without a figure of its own is judged on the interpolated value
        judged = prep.interpolation
        v_t = prep.values[-1] if judged is None else judged.near(low, high)
        v_b = prep.values[prep.base_index]
        inside = low <= v_t <= high
        if direction is None:
            if v_t > high or (inside and v_t > v_b):
                bound, towards = high, "decrease"
            if v_t > high:
                notes.append(f"above the band: judged as at most {number(high)}")
        elif direction == "increase" and v_t > high:
            notes.append(f"above the band, beyond the far bound {number(high)}: counted as met")
        elif direction == "decrease" and v_t < low:
            notes.append(f"below the band, beyond the far bound {number(low)}: counted as met")
    a = assess(
        years,
        values,
        target=bound,
        target_year=target_year,
        direction=towards,
        method=method,
        as_of=as_of,
        base_year=base_year,
        thresholds=thresholds,
        projection=projection,
        trajectory=trajectory,
        structural_break=structural_break,
    )
    p_t = a.projected  # on a bound within rounding stays in the band
    leaves = p_t is not None and not (at_least(p_t, low) and at_most(p_t, high))
    if direction is None and inside and leaves and t_before(a) and a.projected is not None:
        notes.append(
            f"the trend leaves the band: it projects {number(a.projected, 3)} "
            f"by {year(target_year)}"
        )
    return BandAssessment(
        low=low,
        high=high,
        bound=bound,
        bound_direction=towards,
        inside=inside,
        assessment=a,
        status=a.status,
        method_status=a.method_status,
        reason=a.reason,
        notes=(*a.notes, *notes),
        steps=a.steps,
    )


def t_before(a: Assessment) -> bool:
    """Whether the deadline still lies ahead of the latest figure."""
    return a.latest_year is not None and a.target_year is not None and a.latest_year < a.target_year
