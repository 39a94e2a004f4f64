"""Turning raw years and values into the points a judgement may use.

Here live the time conventions: ``as_of`` hides later figures, a passed deadline is judged on the
data up to the target year, and the base point is the first one unless a base year is named.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._num import fmt

Numbers = Sequence[float] | npt.NDArray[np.floating] | npt.NDArray[np.integer]


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
        raise ValueError(f"years and values differ in length ({len(ys)} and {len(vs)})")
    if not all(math.isfinite(y) for y in ys):
        raise ValueError("years must be finite numbers")
    if not all(math.isfinite(v) for v in vs):
        raise ValueError("values must be finite numbers (leave missing figures out)")
    order = sorted(range(len(ys)), key=ys.__getitem__)
    ys = [ys[i] for i in order]
    vs = [vs[i] for i in order]
    for a, b in itertools.pairwise(ys):
        if a == b:
            raise ValueError(f"two figures for the year {fmt(a)}: resolve the conflict first")
    return tuple(ys), tuple(vs)


def prepare(
    years: Numbers,
    values: Numbers,
    *,
    target_year: float | None,
    as_of: float | None,
    base_year: float | None,
) -> Prepared:
    """Apply ``as_of``, the deadline cut-off and the base-year choice."""
    ys, vs = as_points(years, values)
    if as_of is not None and not math.isfinite(as_of):
        raise ValueError("as_of must be a finite year")
    when = as_of if as_of is not None else (ys[-1] if ys else None)
    notes: list[str] = []
    visible = [i for i, y in enumerate(ys) if when is None or y <= when]
    passed = target_year is not None and when is not None and when >= target_year
    reached = False
    if passed and target_year is not None:
        after = [i for i in visible if ys[i] > target_year]
        reached = bool(visible) and ys[visible[-1]] >= target_year
        visible = [i for i in visible if ys[i] <= target_year]
        if after:
            notes.append(
                f"figures after the target year {fmt(target_year)} are not used: a passed "
                "deadline is judged on the data up to it"
            )
        if visible and not reached:
            notes.append(
                f"the data stop in {fmt(ys[visible[-1]])}, before the target year "
                f"{fmt(target_year)}: judged on the trend"
            )
        elif visible and ys[visible[-1]] < target_year:
            notes.append(
                f"no figure for {fmt(target_year)}: judged on the figure for {fmt(ys[visible[-1]])}"
            )
    used_y = tuple(ys[i] for i in visible)
    used_v = tuple(vs[i] for i in visible)

    def result(reason: str | None, base_index: int = 0) -> Prepared:
        return Prepared(
            years=used_y,
            values=used_v,
            base_index=base_index,
            as_of=when,
            deadline_passed=passed,
            deadline_reached=reached and reason is None,
            notes=tuple(notes),
            reason=reason,
        )

    if not ys:
        return result("no figures")
    if not used_y:
        cutoff = min(when, target_year) if (when is not None and target_year is not None) else when
        return result(f"no figures up to {fmt(cutoff if cutoff is not None else ys[0])}")
    if base_year is None:
        return result(None)
    if base_year not in used_y:
        return result(f"no figure for the base year {fmt(base_year)}")
    return result(None, used_y.index(base_year))
