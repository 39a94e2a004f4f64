"""Arithmetic that never yields NaN or inf: undefined results are None.

Powers and logarithms go through numpy even for scalars so that the scalar and the batch paths
round identically (numpy may use SIMD kernels that differ from ``math`` in the last bit).
"""

from __future__ import annotations

import calendar
import datetime
import math

import numpy as np

__all__ = ["finite", "fmt", "log", "power", "when"]


def finite(x: float) -> float | None:
    """``x`` as a float, or None where it is NaN or infinite."""
    return x if math.isfinite(x) else None


def power(base: float, exponent: float) -> float | None:
    """``base ** exponent``, or None where undefined or overflowing.

    Computed by numpy's array loop, as the batch engine computes it: on scalars numpy
    special-cases some exponents (0.5 is a square root), and the two paths then differed
    in the last bit for every two-year span."""
    with np.errstate(all="ignore"):
        result = float(
            np.power(np.array([base], dtype=float), np.array([exponent], dtype=float))[0]
        )
    return finite(result)


def log(x: float) -> float | None:
    """Natural logarithm, or None for x <= 0."""
    if x <= 0:
        return None
    with np.errstate(all="ignore"):
        return finite(float(np.log(np.float64(x))))


def fmt(x: float | None) -> str:
    """A number as it appears in an arithmetic step: six significant digits."""
    if x is None:
        return "undefined"
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"


def when(y: float | None) -> str:
    """A year in words: a whole year as itself, a fractional one as the ISO date it stands for.

    The convention is year Y + (day_of_year - 1) / days_in_year, so 2024.9126 (day 335 of a
    leap year) is "2024-11-30"; months and quarters map to their first day. Years a date
    cannot hold are shown as numbers.
    """
    if y is None:
        return "undefined"
    if float(y).is_integer():
        return str(int(y))
    whole = math.floor(y)
    if not 1 <= whole <= 9998:
        return f"{y:.2f}"
    days = 366 if calendar.isleap(whole) else 365
    day = datetime.date(whole, 1, 1) + datetime.timedelta(days=round((y - whole) * days))
    return day.isoformat()
