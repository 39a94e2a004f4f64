"""Destatis' window of points, in its own module: the method judges by it, and an
explanation names the years its mean change spans (which the method's module, importing
the series, cannot give the explanations without a cycle)."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["first_of_window", "min_points"]


def first_of_window(n: int, thresholds: Mapping[str, float]) -> int | None:
    """Index of the first of the last (up to six) of `n` points, or None below the minimum
    (four)."""
    if n < min_points(thresholds):
        return None
    return max(0, n - max(2, int(thresholds["points"])))


def min_points(thresholds: Mapping[str, float]) -> int:
    """The fewest points accepted; never below two, which the last change needs."""
    return max(2, int(thresholds["min_points"]))
