"""Threshold comparisons that binary rounding cannot decide.

101.5 after 100 is growth of 1.5 % by hand, yet 101.5 / 100 - 1 is 0.014999999999999902 in
floating point: compared bare with a 1.5 % threshold it reads below it, and the label flips on
the last bit. A graded value within a relative ``ROUNDING`` of a threshold is read as equal to
it: finer than any published figure's precision by orders of magnitude, coarser than the
rounding of a few operations. A threshold of zero compares exactly (rounding does not flip a
sign). Scalar and batch paths call these same expressions, so they still agree to the bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "ROUNDING",
    "above",
    "above_all",
    "at_least",
    "at_least_all",
    "at_most",
    "at_most_all",
    "below",
    "below_all",
    "snap",
    "snap_all",
]

ROUNDING = 1e-9
"""Relative distance from a threshold within which a value counts as on it."""

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def at_least(x: float, threshold: float) -> bool:
    """``x >= threshold``, a value within rounding below the threshold counting as on it."""
    return x >= threshold - ROUNDING * abs(threshold)


def above(x: float, threshold: float) -> bool:
    """``x > threshold``, a value within rounding above the threshold counting as on it."""
    return x > threshold + ROUNDING * abs(threshold)


def below(x: float, threshold: float) -> bool:
    """``not at_least(x, threshold)``."""
    return x < threshold - ROUNDING * abs(threshold)


def at_most(x: float, threshold: float) -> bool:
    """``not above(x, threshold)``."""
    return x <= threshold + ROUNDING * abs(threshold)


def at_least_all(x: Floats, threshold: float | Floats) -> Bools:
    """``at_least`` for many series: the same operations, so the same verdict to the bit."""
    return np.asarray(x >= threshold - ROUNDING * np.abs(threshold), dtype=bool)


def above_all(x: Floats, threshold: float | Floats) -> Bools:
    """``above`` for many series."""
    return np.asarray(x > threshold + ROUNDING * np.abs(threshold), dtype=bool)


def below_all(x: Floats, threshold: float | Floats) -> Bools:
    """``below`` for many series (False where x is NaN, as a bare comparison is)."""
    return np.asarray(x < threshold - ROUNDING * np.abs(threshold), dtype=bool)


def at_most_all(x: Floats, threshold: float | Floats) -> Bools:
    """``at_most`` for many series (False where x is NaN)."""
    return np.asarray(x <= threshold + ROUNDING * np.abs(threshold), dtype=bool)


def snap(value: float, level: float, scale: float) -> float:
    """``level`` where a computed ``value`` lies within rounding of it, else ``value``.

    ``scale`` is the magnitude of the figures the value was computed from: interpolating
    between 99.8 and 109.6 gives 104.69999999999999 where the hand gives 104.7, a target.
    """
    return level if abs(value - level) <= ROUNDING * scale else value


def snap_all(value: Floats, level: Floats, scale: Floats) -> Floats:
    """``snap`` for many series (NaN levels leave the value as it is)."""
    return np.where(np.abs(value - level) <= ROUNDING * scale, level, value)
