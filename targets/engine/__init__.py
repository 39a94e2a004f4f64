"""The pure numerical core of targets: is a dated target achieved, on track, at risk or off track.

Conventions (docs/engine.md has the long form):

- Time is in years, as floats; a figure for year Y stands at Y, a target "by 2025" is judged at
  2025. Finer periods arrive as fractional years.
- Growth rates are fractions (0.101 is 10.1 %), compound annual unless named linear.
- ``direction`` is "increase" (higher is better, d = +1) or "decrease" (d = -1).
- ``as_of`` is the evaluation year: only figures for years <= as_of are used (default: the
  latest year). Once as_of reaches the target year and the data reach it, the target is judged
  on the value at the target year (its figure, or the value interpolated linearly between the
  figures either side): achieved if met, else missed. If the data stop before the target year,
  a note says so and the trend is judged as usual.
- Compound growth needs the used series (base to latest) to be of one sign throughout; where a
  compound method needs it and the series changes sign or touches zero, not assessable.
- The base year is the first point unless ``base_year`` names one; a base year without a figure
  moves as the method says (Open SDG: the first later year; UNSD: after, else before).
- Undefined numbers are None, never NaN or inf.
- A graded value within a relative 1e-9 of a threshold counts as on it (``_edge``): 101.5
  after 100 is 1.5 % growth, though 101.5 / 100 - 1 falls an ulp short of 0.015. A value
  interpolated at a decided deadline is read as the target where it lies on it so closely.
- ``Assessment.chance`` is the project's own reading (``chance``, ``chance_batch``): the
  probability that the deadline figure meets the target, from a trend and a random walk fitted
  to the figures since the base year. It never changes a method's status.
- Common statuses are ordered for CI gates (achieved < on_track < at_risk < off_track <
  regressing < missed); not_assessable is outside the order and never trips a gate.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from targets.engine._refused import RefusedInputError
from targets.engine._status import (
    METHOD_LABELS,
    SEVERITY,
    STATUS_CODES,
    WORST_FIRST,
    Status,
    worst,
)
from targets.engine._thresholds import (
    DEFAULT_THRESHOLDS,
    METHODS,
    RANK_METHODS,
    resolve_thresholds,
)

if TYPE_CHECKING:
    from targets.engine._assess import DEFAULT_PROJECTION, assess
    from targets.engine._band import BandAssessment, assess_band
    from targets.engine._batch import BatchResult, assess_batch
    from targets.engine._binary import BINARY_LABELS, BinaryAssessment, assess_binary
    from targets.engine._chance import CHANCE_MODELS, MODEL_OF_PROJECTION, Chance, chance
    from targets.engine._chance_batch import ChanceBatch, chance_batch
    from targets.engine._combine import (
        IndicatorScore,
        aggregate_assessments,
        aggregate_scores,
        combine_worst,
    )
    from targets.engine._count import CountSeries, count_meeting
    from targets.engine._destatis import worst_symbol
    from targets.engine._evidence import (
        KINDS,
        Candidate,
        Conflict,
        EndsAssessment,
        Given,
        Selection,
        assess_ends,
        is_known,
        select_figures,
    )
    from targets.engine._evidence_batch import RULES, BatchSelection, select_batch
    from targets.engine._explain import format_number
    from targets.engine._growth_batch import GROWTH_LABELS, GrowthBatch, assess_growth_batch
    from targets.engine._growth_target import GrowthTargetAssessment, assess_growth_rate
    from targets.engine._headline import Detail, Headline
    from targets.engine._hold import HoldAssessment, assess_hold
    from targets.engine._kinds import assess_direction, assess_rank
    from targets.engine._milestones import MilestonesAssessment, assess_milestones
    from targets.engine._milestones_batch import driving_milestones, is_met_batch
    from targets.engine._result import Assessment, Result
    from targets.engine._step import Step

DEFAULT_METHOD: Mapping[str, str] = MappingProxyType(
    {
        "level": "statcan",
        "band": "statcan",
        "relative": "statcan",
        "milestones": "statcan",
        "hold": "destatis",
        "growth_rate": "statcan",
        "rank": "sdsn",
        "count": "statcan",
        "direction": "statcan",
    }
)
"""The method each target kind uses unless a rule names one (ranks: linear methods only)."""

# Everything that needs numpy loads on first use, so that the rule loader can import the
# thresholds, the methods and the statuses from here without paying for numpy.
_LAZY: Mapping[str, str] = MappingProxyType(
    {
        "Assessment": "targets.engine._result",
        "BINARY_LABELS": "targets.engine._binary",
        "BandAssessment": "targets.engine._band",
        "BatchResult": "targets.engine._batch",
        "BatchSelection": "targets.engine._evidence_batch",
        "RULES": "targets.engine._evidence_batch",
        "select_batch": "targets.engine._evidence_batch",
        "BinaryAssessment": "targets.engine._binary",
        "CHANCE_MODELS": "targets.engine._chance",
        "MODEL_OF_PROJECTION": "targets.engine._chance",
        "Candidate": "targets.engine._evidence",
        "Chance": "targets.engine._chance",
        "ChanceBatch": "targets.engine._chance_batch",
        "Conflict": "targets.engine._evidence",
        "Given": "targets.engine._evidence",
        "KINDS": "targets.engine._evidence",
        "is_known": "targets.engine._evidence",
        "CountSeries": "targets.engine._count",
        "Detail": "targets.engine._headline",
        "Headline": "targets.engine._headline",
        "DEFAULT_PROJECTION": "targets.engine._assess",
        "EndsAssessment": "targets.engine._evidence",
        "GROWTH_LABELS": "targets.engine._growth_batch",
        "GrowthBatch": "targets.engine._growth_batch",
        "GrowthTargetAssessment": "targets.engine._growth_target",
        "HoldAssessment": "targets.engine._hold",
        "IndicatorScore": "targets.engine._combine",
        "MilestonesAssessment": "targets.engine._milestones",
        "Result": "targets.engine._result",
        "Selection": "targets.engine._evidence",
        "Step": "targets.engine._step",
        "aggregate_assessments": "targets.engine._combine",
        "aggregate_scores": "targets.engine._combine",
        "assess": "targets.engine._assess",
        "assess_band": "targets.engine._band",
        "format_number": "targets.engine._explain",
        "assess_batch": "targets.engine._batch",
        "assess_binary": "targets.engine._binary",
        "assess_direction": "targets.engine._kinds",
        "assess_ends": "targets.engine._evidence",
        "assess_growth_batch": "targets.engine._growth_batch",
        "assess_growth_rate": "targets.engine._growth_target",
        "assess_hold": "targets.engine._hold",
        "assess_milestones": "targets.engine._milestones",
        "assess_rank": "targets.engine._kinds",
        "chance": "targets.engine._chance",
        "chance_batch": "targets.engine._chance_batch",
        "combine_worst": "targets.engine._combine",
        "count_meeting": "targets.engine._count",
        "driving_milestones": "targets.engine._milestones_batch",
        "is_met_batch": "targets.engine._milestones_batch",
        "select_figures": "targets.engine._evidence",
        "worst_symbol": "targets.engine._destatis",
    }
)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, imported or not (Jupyter completes from this)."""
    return sorted({*__all__, *globals()})


__all__ = [
    "BINARY_LABELS",
    "CHANCE_MODELS",
    "DEFAULT_METHOD",
    "DEFAULT_PROJECTION",
    "DEFAULT_THRESHOLDS",
    "GROWTH_LABELS",
    "KINDS",
    "METHODS",
    "METHOD_LABELS",
    "MODEL_OF_PROJECTION",
    "RANK_METHODS",
    "RULES",
    "SEVERITY",
    "STATUS_CODES",
    "WORST_FIRST",
    "Assessment",
    "BandAssessment",
    "BatchResult",
    "BatchSelection",
    "BinaryAssessment",
    "Candidate",
    "Chance",
    "ChanceBatch",
    "Conflict",
    "CountSeries",
    "Detail",
    "EndsAssessment",
    "Given",
    "GrowthBatch",
    "GrowthTargetAssessment",
    "Headline",
    "HoldAssessment",
    "IndicatorScore",
    "MilestonesAssessment",
    "RefusedInputError",
    "Result",
    "Selection",
    "Status",
    "Step",
    "aggregate_assessments",
    "aggregate_scores",
    "assess",
    "assess_band",
    "assess_batch",
    "assess_binary",
    "assess_direction",
    "assess_ends",
    "assess_growth_batch",
    "assess_growth_rate",
    "assess_hold",
    "assess_milestones",
    "assess_rank",
    "chance",
    "chance_batch",
    "combine_worst",
    "count_meeting",
    "driving_milestones",
    "format_number",
    "is_known",
    "is_met_batch",
    "resolve_thresholds",
    "select_batch",
    "select_figures",
    "worst",
    "worst_symbol",
]
