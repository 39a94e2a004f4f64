"""The chance band's quantiles stop bisecting once no double is left between the bounds:
the band is the one a hundred full steps give, to the last bit."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from targets.engine._chance import _quantiles, chance
from targets.engine._chance_fit import Readings


def _hundred_steps(r: Readings, at: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The bisection as first written: widen, then a hundred halvings whatever happens."""
    m_a, s_a, m_b, s_b = r.forecasts(at)
    width = np.maximum(s_a, s_b)
    lo, hi = np.minimum(m_a, m_b) - width, np.maximum(m_a, m_b) + width
    for _ in range(64):
        low_out = r.chance_at(at, lo, above=False) > q
        high_out = r.chance_at(at, hi, above=False) < q
        if not (low_out.any() or high_out.any()):
            break
        lo = np.where(low_out, lo - 2.0 * (hi - lo), lo)
        hi = np.where(high_out, hi + 2.0 * (hi - lo), hi)
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        below = r.chance_at(at, mid, above=False) < q
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    found: np.ndarray = 0.5 * (lo + hi)
    return found


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(
        st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False), min_size=3, max_size=12
    ),
    ahead=st.integers(1, 15),
)
def test_the_band_is_what_a_hundred_halvings_give(values: list[float], ahead: int) -> None:
    years = [2000.0 + i for i in range(len(values))]
    reading = chance(years, values, target=1e6, target_year=2030.0, direction="increase",
                     model="linear")  # fmt: skip
    assume(reading.readings is not None and reading.probability is not None)  # else no band
    readings = reading.readings
    assert readings is not None
    at = np.repeat(np.arange(years[-1] + 1, years[-1] + 1 + ahead, dtype=float), 3)
    q = np.tile([0.05, 0.5, 0.95], ahead)
    assert np.array_equal(
        _quantiles(readings, at, q), _hundred_steps(readings, at, q), equal_nan=True
    )
