"""The project's chance as report data: the JSON report's ``chance`` object, and the test the
gate applies to it.

Its own module so that the export and the gate read one definition of "below the chance"
and the chance never enters an agency's status or label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from targets.engine import Status

if TYPE_CHECKING:
    from targets.engine import Chance
    from targets.judge._result import TargetResult

__all__ = ["chance_dict", "chance_text", "is_below"]


def chance_dict(chance: Chance | None) -> dict[str, Any] | None:
    """The ``chance`` object of the JSON report (None where the result has no reading at
    all); a reading without numbers keeps its ``reason``."""
    if chance is None:
        return None
    outlier = None
    if chance.outlier is not None:
        outlier = {"year": chance.outlier[0], "value": chance.outlier[1]}
    return {
        "probability": chance.probability,
        "reach": {"low": chance.reach_low, "high": chance.reach_high, "level": chance.level},
        "model": chance.model,
        "target": chance.target,
        "target_year": chance.target_year,
        "points": len(chance.years),
        "outlier": outlier,
        "trend_slope": chance.trend_slope,
        "trend_spread": chance.trend_spread,
        "walk_drift": chance.walk_drift,
        "walk_spread": chance.walk_spread,
        "walk_weight": chance.walk_weight,
        "reason": chance.reason,
        "notes": list(chance.notes),
    }


def is_below(result: TargetResult, threshold: float) -> bool:
    """Whether `result`'s chance is below `threshold`. A result without a probability (no
    reading, too few figures, a decided deadline) is never below, and neither is one the
    method cannot assess: gates never fail on what cannot be judged."""
    if result.status is Status.NOT_ASSESSABLE:
        return False
    chance = result.chance
    return chance is not None and chance.probability is not None and chance.probability < threshold


def chance_text(threshold: float) -> str:
    """A gate's threshold as a reader says it: 0.5 as '50 %', 0.125 as '12.5 %'."""
    return f"{threshold * 100:g} %"
