"""Thin target kinds over ``assess``: ranks (linear only) and direction-only targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from targets.engine._assess import assess
from targets.engine._result import Assessment
from targets.engine._series import Numbers
from targets.engine._thresholds import RANK_METHODS

__all__ = ["assess_direction", "assess_rank"]


def assess_rank(
    years: Numbers,
    ranks: Numbers,
    *,
    target_rank: float,
    target_year: float,
    method: str | None = None,
    as_of: float | None = None,
    base_year: float | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> Assessment:
    """Judge "top N by year": lower is better, places per year (default method: sdsn).

    The trend stops at rank 1: a projection past it is capped there, with a step saying so.
    The result has ``rank=True``, so its explanation counts places climbed or lost.

    A compound method (statcan, unsd, istat) raises ValueError: a rank has no meaningful
    growth rate, so the engine refuses rather than quietly judging something else.
    """
    chosen = method or "sdsn"
    if chosen not in RANK_METHODS:
        raise ValueError(
            f"ranks are judged linearly (places per year): use one of {', '.join(RANK_METHODS)}, "
            f"not {chosen!r}"
        )
    result = assess(
        years,
        ranks,
        target=target_rank,
        target_year=target_year,
        direction="decrease",
        method=chosen,
        as_of=as_of,
        base_year=base_year,
        thresholds=thresholds,
        projection="linear",
        bounds=(1.0, None),
    )
    return replace(result, rank=True)


def assess_direction(
    years: Numbers,
    values: Numbers,
    *,
    direction: str,
    method: str = "statcan",
    limit: float | None = None,
    as_of: float | None = None,
    base_year: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    structural_break: bool = False,
) -> Assessment:
    """Judge "increase" or "decrease" with no value: the method's no-target rules."""
    return assess(
        years,
        values,
        target=None,
        direction=direction,
        method=method,
        limit=limit,
        as_of=as_of,
        base_year=base_year,
        thresholds=thresholds,
        structural_break=structural_break,
    )
