"""Turning raw years and values into the points a judgement may use.

Here live the time conventions: ``as_of`` hides later figures, a passed deadline is judged on the
data up to the target year (on the value interpolated at it when the figures straddle it), and
the base point is the first one unless a base year is named. A named base year without a figure
moves as the method says (``BASE_RULES``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._edge import snap
from targets.engine._explain import number
from targets.engine._num import finite, fmt, when
from targets.engine._refused import RefusedInputError
from targets.engine._step import Step

__all__ = ["Interpolation", "Numbers", "Prepared", "as_points", "interpolate", "prepare"]


Numbers = Sequence[float] | npt.NDArray[np.floating] | npt.NDArray[np.integer]

BASE_RULES: tuple[str, ...] = ("later", "after_else_before")
"""Where a base year without a figure moves. ``later``: the first later year with a figure
(Statistics Canada's Open SDG code); ``after_else_before``: the first year after it that leaves
at least two figures, else the nearest year before it that does (UNSD's 2023 technical note)."""


@dataclass(frozen=True, slots=True)
class Interpolation:
    """The value at a passed target year without a figure, between the figures either side."""

    year: float
    value: float
    before: tuple[float, float]
    """(year, value) of the last figure before the target year."""
    after: tuple[float, float]
    """(year, value) of the first figure after it."""

    def near(self, *levels: float) -> float:
        """The value, or the level it lies on within the rounding of the interpolation (a
        target or a bound of 104.7 is met by 99.8 and 109.6 halfway, 104.69999999999999)."""
        scale = max(abs(self.before[1]), abs(self.after[1]))
        value = self.value
        for level in levels:
            value = snap(value, level, scale)
        return value

    @property
    def step(self) -> Step:
        (y0, v0), (y1, v1) = self.before, self.after
        formula = (
            f"{fmt(v0)} + ({fmt(v1)} - {fmt(v0)}) * ({fmt(self.year)} - {fmt(y0)}) "
            f"/ ({fmt(y1)} - {fmt(y0)})"
        )
        return Step("v_T (interpolated)", formula, self.value)


def interpolate(
    year: float, before: tuple[float, float], after: tuple[float, float]
) -> float | None:
    """The straight line between two figures at ``year``; None if it overflows.

    v0 + w * (v1 - v0) is exact where the two figures are equal and mirrors exactly under
    negation; where the difference overflows, the weighted mean (1 - w) * v0 + w * v1 is used.
    The batch path computes it the same way, operation for operation.
    """
    (y0, v0), (y1, v1) = before, after
    w = (year - y0) / (y1 - y0)
    diff = v1 - v0
    if math.isfinite(diff):
        return finite(v0 + w * diff)
    return finite((1.0 - w) * v0 + w * v1)


@dataclass(frozen=True, slots=True)
class Prepared:
    """The points a judgement uses and what the time rules said about them."""

    years: tuple[float, ...]
    values: tuple[float, ...]
    base_index: int
    as_of: float | None
    deadline_passed: bool
    """as_of is at or after the target year."""
    deadline_reached: bool
    """The deadline has passed and the data reach it: achieved or missed is decided."""
    notes: tuple[str, ...]
    reason: str | None
    """Why nothing can be judged (no points, no base point); None when points exist."""
    interpolation: Interpolation | None = None
    """Set when a decided deadline has no figure of its own but figures on both sides."""

    @property
    def deadline_value(self) -> float | None:
        """The value a decided deadline is judged on: interpolated, else the latest figure."""
        if self.interpolation is not None:
            return self.interpolation.value
        return self.latest_value

    @property
    def base_year(self) -> float | None:
        return self.years[self.base_index] if self.years else None

    @property
    def base_value(self) -> float | None:
        return self.values[self.base_index] if self.values else None

    @property
    def latest_year(self) -> float | None:
        return self.years[-1] if self.years else None

    @property
    def latest_value(self) -> float | None:
        return self.values[-1] if self.values else None


def as_points(years: Numbers, values: Numbers) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Validated points sorted by year; ValueError on mismatched, non-finite or repeated years."""
    ys = [float(y) for y in np.asarray(years, dtype=float).ravel()]
    vs = [float(v) for v in np.asarray(values, dtype=float).ravel()]
    if len(ys) != len(vs):
        raise RefusedInputError(f"years and values differ in length ({len(ys)} and {len(vs)})")
    if not all(math.isfinite(y) for y in ys):
        raise RefusedInputError("years must be finite numbers")
    if not all(math.isfinite(v) for v in vs):
        raise RefusedInputError("values must be finite numbers (leave missing figures out)")
    order = sorted(range(len(ys)), key=ys.__getitem__)
    ys = [ys[i] for i in order]
    vs = [vs[i] for i in order]
    for a, b in itertools.pairwise(ys):
        if a == b:
            raise RefusedInputError(
                f"two figures for the year {when(a)}: resolve the conflict first"
            )
    return tuple(ys), tuple(vs)


def prepare(
    years: Numbers,
    values: Numbers,
    *,
    target_year: float | None,
    as_of: float | None,
    base_year: float | None,
    interpolate_deadline: bool = False,
    base_rule: str = "later",
) -> Prepared:
    """Apply ``as_of``, the deadline cut-off and the base-year choice.

    A ``base_year`` without a figure moves by ``base_rule`` (see ``BASE_RULES``), with a note.

    With ``interpolate_deadline``, a passed target year without a figure of its own but with
    figures on both sides (up to as_of) gets the value interpolated between them, which is
    what decides achieved or missed.
    """
    ys, vs = as_points(years, values)
    if as_of is not None and not math.isfinite(as_of):
        raise RefusedInputError("as_of must be a finite year")
    when_ = as_of if as_of is not None else (ys[-1] if ys else None)
    notes: list[str] = []
    visible = [i for i, y in enumerate(ys) if when_ is None or y <= when_]
    passed = target_year is not None and when_ is not None and when_ >= target_year
    reached = False
    between: Interpolation | None = None
    if passed and target_year is not None:
        after = [i for i in visible if ys[i] > target_year]
        reached = bool(visible) and ys[visible[-1]] >= target_year
        visible = [i for i in visible if ys[i] <= target_year]
        gap = bool(visible) and ys[visible[-1]] < target_year
        if interpolate_deadline and gap and after:
            before_point = (ys[visible[-1]], vs[visible[-1]])
            after_point = (ys[after[0]], vs[after[0]])
            value = interpolate(target_year, before_point, after_point)
            if value is not None:
                between = Interpolation(target_year, value, before_point, after_point)
        deadline = when(target_year)
        if after and between is not None:
            notes.append(
                f"figures after the target year {deadline} are not used, except "
                f"{when(between.after[0])} to interpolate the value at {deadline}: a passed "
                "deadline is judged on the data up to it"
            )
        elif after:
            notes.append(
                f"figures after the target year {deadline} are not used: a passed "
                "deadline is judged on the data up to it"
            )
        if visible and not reached:
            notes.append(
                f"the data stop in {when(ys[visible[-1]])}, before the target year "
                f"{deadline}: judged on the trend"
            )
        elif between is not None:
            (y0, v0), (y1, v1) = between.before, between.after
            notes.append(
                f"no figure for {deadline}: {number(between.value)} interpolated between "
                f"{when(y0)} ({number(v0)}) and {when(y1)} ({number(v1)})"
            )
        elif gap:
            notes.append(
                f"no figure for {deadline}: judged on the figure for {when(ys[visible[-1]])}"
            )
    used_y = tuple(ys[i] for i in visible)
    used_v = tuple(vs[i] for i in visible)

    def result(reason: str | None, base_index: int = 0) -> Prepared:
        return Prepared(
            years=used_y,
            values=used_v,
            base_index=base_index,
            as_of=when_,
            deadline_passed=passed,
            deadline_reached=reached and reason is None,
            notes=tuple(notes),
            reason=reason,
            interpolation=between if reason is None else None,
        )

    if not ys:
        return result("no figures")
    if not used_y:
        cutoff = (
            min(when_, target_year) if (when_ is not None and target_year is not None) else when_
        )
        return result(f"no figures up to {when(cutoff if cutoff is not None else ys[0])}")
    if base_year is None:
        return result(None)
    if base_year in used_y:
        return result(None, used_y.index(base_year))
    index, note = move_base(used_y, base_year, base_rule)
    if index is None:
        return result(f"no figure in or after the base year {when(base_year)}")
    notes.append(note)
    return result(None, index)


def move_base(years: Sequence[float], base_year: float, rule: str) -> tuple[int | None, str]:
    """The index the base moves to when ``base_year`` has no figure, and a note saying so.

    ``years`` are the used years, sorted. None where the rule finds no year (``later`` with
    every figure before the base year).
    """
    if rule not in BASE_RULES:
        raise ValueError(f"base_rule must be one of {', '.join(BASE_RULES)}, got {rule!r}")
    missing = f"no figure for the base year {when(base_year)}"
    after = [i for i, y in enumerate(years) if y > base_year]
    if rule == "later":
        if not after:
            return None, missing
        return after[0], (
            f"{missing}: the base moves to {when(years[after[0]])}, the first later year with "
            "a figure"
        )
    last = len(years) - 1
    two_after = [i for i in after if i < last]
    if two_after:
        i = two_after[0]
        return i, f"{missing}: the base moves to {when(years[i])}, the first year after it " + (
            "that leaves two figures"
        )
    before = [i for i, y in enumerate(years) if y < base_year and i < last]
    if before:
        i = before[-1]
        return i, f"{missing}: the base moves back to {when(years[i])}, the nearest year " + (
            "before it that leaves two figures"
        )
    i = after[0] if after else last  # one figure: it is the base, whichever side it lies
    return i, f"{missing}: the base is the only figure, {when(years[i])}"
