"""What-if: where the metric lands, and when it meets the target, under a growth rate.

The planner's questions: "what growth do we need?" (`required_growth`) and "what if we only
manage 12 %?" (`what_if`). A scenario grows the latest figure at the given rate a year
(compound; for ranks and other linear methods, units a year) and reads off the value at the
deadline, the year the target is met, and whether that is in time.

Both refuse what they cannot answer with `targets.CheckError` (a `ValueError`): a rate or
value that is not a finite number, or one so large that the answer is beyond any float.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, cast, overload

import numpy as np
import numpy.typing as npt

from targets._safe import excerpt
from targets.engine import Status, format_number
from targets.judge._errors import CheckError

if TYPE_CHECKING:
    from targets.judge._result import TargetResult

__all__ = ["HORIZON", "Rate", "Rates", "Scenario", "required_growth", "scenario", "what_if"]

Rate: TypeAlias = float | np.floating[Any] | np.integer[Any]
"""A growth rate a year: a Python number or a numpy one (a text is refused)."""
Rates: TypeAlias = Sequence[Rate] | npt.NDArray[Any]
"""Several rates: a list, a tuple or a numpy array of them."""


HORIZON = 50.0
"""Years after the latest figure beyond which a scenario is said never to meet the target."""


def required_growth(value: Rate, target: Rate, years: Rate, *, linear: bool = False) -> float:
    """The growth a year that takes `value` to `target` in `years` years.

    Compound by default (a fraction: 0.355 is 35.5 %); `linear` gives units a year.
    """
    value, target = _finite("value", value), _finite("target", target)
    years = _finite("years", years)
    if years <= 0:
        raise CheckError("years must be positive")
    if linear:
        growth = (target - value) / years
    elif value <= 0 or target <= 0:
        raise CheckError("compound growth needs positive values; use linear=True")
    else:
        try:
            growth = float((target / value) ** (1 / years) - 1)
        except OverflowError:
            growth = math.inf
    if not math.isfinite(growth):
        raise CheckError(
            f"the growth from {value:g} to {target:g} in {years:g} years is beyond any number"
        )
    return growth


def _finite(name: str, number: Rate) -> float:
    """`number` as a float; NaN, infinities and integers beyond any float refused (they
    would make every answer NaN, or a silent 'achieved'), and anything not a real number
    (a text such as "0.1" is no rate, though float() would read it)."""
    if isinstance(number, bool) or not isinstance(number, numbers.Real):
        raise CheckError(f"{name} must be a number, not {excerpt(repr(number))}")
    try:
        value = float(number)
    except OverflowError:  # an int of 309 digits or more
        raise CheckError(
            f"{name} must be a finite number, not an integer beyond any float"
        ) from None
    if not math.isfinite(value):
        raise CheckError(f"{name} must be a finite number, not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Scenario:
    """The metric grown at `growth` a year from its latest figure."""

    growth: float
    linear: bool
    start: float
    start_value: float
    deadline: float
    target: float
    increase: bool
    projected: float
    """The value at the deadline."""
    reach_year: float | None
    """When the target is met (None: not within `HORIZON` years)."""
    status: Status
    """achieved when the target is met by the deadline, else missed."""
    path: tuple[tuple[float, float], ...] = field(repr=False)
    """(year, value) points from the latest figure on, for a chart (left out of the repr)."""
    places: bool = False
    """True for a rank: `growth` is places a year, negative when climbing."""

    @property
    def label(self) -> str:
        """The rate as words: '12.0 % a year'; for a rank, 'up 2 places a year' (a rank
        climbs as its number falls)."""
        if self.places:
            size = format_number(abs(self.growth), 3)
            way = "up" if self.growth < 0 else "down"
            unit = "place" if size == "1" else "places"
            return f"{way} {size} {unit} a year" if self.growth else "no change in rank"
        if self.linear:
            return f"{self.growth:+.3g} a year"
        return f"{self.growth * 100:.1f} % a year"

    def __str__(self) -> str:
        reach = (
            f"meets {format_number(self.target)} in {math.ceil(self.reach_year)}"
            if self.reach_year is not None
            else f"does not meet {format_number(self.target)} within {HORIZON:g} years"
        )
        rate = self.label if self.places else f"at {self.label}"
        return (
            f"{rate}: {format_number(self.projected, 3)} by {self.deadline:g}; "
            f"{reach}; {self.status.value.replace('_', ' ')}"
        )


def _value(start_value: float, growth: float, years: float, *, linear: bool) -> float:
    """The value `years` on; infinite where it is beyond any float (the caller refuses it)."""
    if linear:
        return start_value + growth * years
    try:
        return float(start_value * (1 + growth) ** years)
    except OverflowError:  # float ** raises where float * gives inf
        return math.copysign(math.inf, start_value)


def scenario(result: TargetResult, growth: Rate) -> Scenario:
    """`result`'s metric grown at `growth` a year from its latest figure (see the module)."""
    growth = _finite("growth", growth)
    lead = result.assessment
    if lead is None or lead.target is None or lead.target_year is None:
        raise CheckError(f"'{result.id}' has no level to reach, so no what-if")
    if lead.latest_year is None or lead.latest_value is None:
        raise CheckError(f"'{result.id}' has no figures to grow from")
    t, v, deadline, level = lead.latest_year, lead.latest_value, lead.target_year, lead.target
    if lead.deadline_passed or deadline <= t:
        raise CheckError(f"the deadline of '{result.id}' ({deadline:g}) has passed")
    linear = lead.projection == "linear"
    if not linear and growth <= -1:
        raise CheckError("compound growth must be above -100 %")
    increase = lead.direction == "increase"
    projected = _value(v, growth, deadline - t, linear=linear)
    reach = _reach(t, v, level, growth, linear=linear, increase=increase)
    met = projected >= level if increase else projected <= level
    end = deadline if reach is None else min(max(deadline, reach), t + HORIZON)
    steps = 24
    path = tuple(
        (x, _value(v, growth, x - t, linear=linear))
        for x in (t + (end - t) * i / steps for i in range(steps + 1))
    )
    for year, value in ((deadline, projected), *path):  # the path may end before the deadline
        if not math.isfinite(value):
            raise CheckError(
                f"at {growth:g} a year, '{result.id}' goes beyond any number by {year:g}"
            )
    return Scenario(
        growth=growth,
        linear=linear,
        start=t,
        start_value=v,
        deadline=deadline,
        target=level,
        increase=increase,
        projected=projected,
        reach_year=reach,
        status=Status.ACHIEVED if met else Status.MISSED,
        path=path,
        places=result.metric.is_rank,
    )


def _reach(
    t: float, v: float, level: float, growth: float, *, linear: bool, increase: bool
) -> float | None:
    already = v >= level if increase else v <= level
    if already:
        return t
    if linear:
        if growth == 0:
            return None
        years = (level - v) / growth
    else:
        if growth <= -1 or growth == 0 or v <= 0 or level <= 0:
            return None
        years = math.log(level / v) / math.log(1 + growth)
    return t + years if 0 < years <= HORIZON else None


@overload
def what_if(result: TargetResult, growth: Rate) -> Scenario: ...
@overload
def what_if(result: TargetResult, growth: Rates) -> tuple[Scenario, ...]: ...
def what_if(result: TargetResult, growth: Rate | Rates) -> Scenario | tuple[Scenario, ...]:
    """One scenario for one rate (any real number: a numpy one too, or an array of none
    dimensions), a tuple for several (a text is neither)."""
    if isinstance(growth, np.ndarray) and growth.ndim == 0:
        return scenario(result, growth.item())  # np.array(0.1): one rate, not a sequence
    if isinstance(growth, Iterable) and not isinstance(growth, str | bytes):
        return tuple(scenario(result, g) for g in growth)
    return scenario(result, cast(float, growth))  # one rate; a text is refused there
