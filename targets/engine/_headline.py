"""The numbers a report shows for a result of any kind, in one vocabulary.

Each kind's result (`Assessment`, `BandAssessment`, `HoldAssessment`, ...) knows its own
numbers; its ``headline`` maps them onto these fields, so reports read one typed object
instead of guessing which attributes a result happens to have. Numbers a kind computes
beyond these are in its ``details``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from targets.engine._thresholds import NO_THRESHOLDS

__all__ = ["Detail", "Headline"]

Detail = float | int | bool | str | None | tuple[object, ...] | Mapping[str, object]
"""A value in a result's ``details``: JSON-ready once tuples become lists."""


@dataclass(frozen=True, slots=True)
class Headline:
    """Every field is None where the kind has no such number (or it is undefined)."""

    target: float | None = None
    """The level judged against (a band's bound, a milestone's level, a rank)."""
    target_year: float | None = None
    """The deadline the verdict is judged at (a milestone's, for milestones)."""
    base_year: float | None = None
    base_value: float | None = None
    latest_year: float | None = None
    latest_value: float | None = None
    growth_actual: float | None = None
    """Compound growth a year achieved (a fraction); None for ranks and linear-only kinds."""
    growth_required: float | None = None
    growth_required_now: float | None = None
    change_actual: float | None = None
    """Linear change a year achieved, in the metric's unit (Destatis: the mean change)."""
    change_required: float | None = None
    change_required_now: float | None = None
    slope: float | None = None
    """Change a year behind a linear projection."""
    projection: str | None = None
    """'compound' or 'linear': how `projected` and `reach_year` were carried forward."""
    projected: float | None = None
    """Where the trend leads by `target_year`."""
    reach_year: float | None = None
    trajectory_gap: float | None = None
    ratio: float | None = None
    """The quantity the method graded its label on; None where it decided without one."""
    progress: float | None = None
    """The method's progress value, where its formula is defined (a met target included):
    what an agency publishes beside its label. Equals ``ratio`` where that is set."""
    score: float | None = None
    thresholds: Mapping[str, float] = NO_THRESHOLDS
