"""Several series or targets into one verdict: Statistics Canada's indicator score, worst-of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from targets.engine._destatis import worst_symbol
from targets.engine._edge import at_least
from targets.engine._result import Result
from targets.engine._status import Status, worst

__all__ = [
    "IndicatorScore",
    "aggregate_assessments",
    "aggregate_scores",
    "combine_worst",
    "score_band",
]


_BANDS: tuple[tuple[float, str, Status], ...] = (
    (2.5, "substantial_progress", Status.ON_TRACK),
    (0.0, "moderate_progress", Status.AT_RISK),
    (-2.5, "limited_progress", Status.OFF_TRACK),
)


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """An indicator made of several series, scored the Statistics Canada way."""

    score: float | None
    """Mean of the series' scores; None when no series has one."""
    status: Status
    method_status: str
    series: int
    """Series that contributed a score."""
    skipped: int
    """Series without a score (not available), left out of the mean."""


def score_band(score: float) -> tuple[str, Status]:
    """[2.5, 5] on track, [0, 2.5) acceleration needed, [-2.5, 0) limited, below: deterioration."""
    for floor, name, status in _BANDS:
        if at_least(score, floor):
            return name, status
    return "deterioration", Status.REGRESSING


def aggregate_scores(
    scores: Sequence[float | None], achieved: Sequence[bool] | None = None
) -> IndicatorScore:
    """Mean score over the series; the indicator is achieved only when every series is.

    ``achieved[i]`` says whether series i achieved its target (its score is then 5).
    Without the flags no series counts as achieved: a score of 5 alone does not say so
    (a series without a target scores 5 on strong progress).
    """
    flags = list(achieved) if achieved is not None else [False] * len(scores)
    if len(flags) != len(scores):
        raise ValueError("scores and achieved flags differ in length")
    known = [s for s in scores if s is not None]
    skipped = len(scores) - len(known)
    if not known:
        return IndicatorScore(None, Status.NOT_ASSESSABLE, "not_available", 0, skipped)
    mean = sum(known) / len(known)
    if flags and all(flags) and not skipped:
        return IndicatorScore(mean, Status.ACHIEVED, "target_achieved", len(known), skipped)
    name, status = score_band(mean)
    return IndicatorScore(mean, status, name, len(known), skipped)


def aggregate_assessments(results: Sequence[Result]) -> IndicatorScore:
    """``aggregate_scores`` over Statistics Canada assessments (of any kind: each one's
    headline score)."""
    scores = [r.headline.score for r in results]
    return aggregate_scores(scores, [r.status is Status.ACHIEVED for r in results])


def combine_worst(results: Sequence[Result]) -> tuple[Status, str]:
    """Several targets on one indicator: the worst common status and, for Destatis, symbol."""
    return worst(r.status for r in results), worst_symbol([r.method_status for r in results])
