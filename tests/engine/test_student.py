"""Student's t CDF against published quantiles and the closed forms for one and two df."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.engine._student import t_cdf

# Quantiles of Student's t to eight or nine significant digits (the values statistics packages
# tabulate, e.g. R's qt), each checked by Simpson integration of the density
# Gamma((v+1)/2) / (sqrt(v pi) Gamma(v/2)) (1 + t^2/v) ** (-(v+1)/2): (df, probability, quantile).
PUBLISHED = [
    (1, 0.975, 12.7062047),
    (2, 0.975, 4.30265273),
    (3, 0.975, 3.18244631),
    (4, 0.95, 2.13184679),
    (5, 0.975, 2.57058184),
    (7, 0.995, 3.49948329),
    (10, 0.975, 2.22813885),
    (20, 0.90, 1.32534071),
    (30, 0.975, 2.04227246),
]


@pytest.mark.parametrize(("df", "p", "q"), PUBLISHED)
def test_the_cdf_at_a_published_quantile_is_its_probability(df: int, p: float, q: float) -> None:
    # the quantiles carry 9 digits; the density there is below 0.4, so 1e-8 covers rounding
    assert float(t_cdf(q, df)) == pytest.approx(p, abs=1e-8)
    assert float(t_cdf(-q, df)) == pytest.approx(1 - p, abs=1e-8)


@settings(max_examples=100, deadline=None)
@given(x=st.floats(-1e6, 1e6, allow_nan=False))
def test_one_and_two_df_match_their_closed_forms(x: float) -> None:
    # df = 1 is Cauchy: 1/2 + arctan(x) / pi; df = 2: 1/2 + x / (2 sqrt(x^2 + 2))
    assert float(t_cdf(x, 1)) == pytest.approx(0.5 + math.atan(x) / math.pi, abs=1e-14)
    assert float(t_cdf(x, 2)) == pytest.approx(0.5 + x / (2 * math.sqrt(x * x + 2)), abs=1e-14)


@settings(max_examples=100, deadline=None)
@given(x=st.floats(-50, 50, allow_nan=False), df=st.integers(1, 60))
def test_the_cdf_is_symmetric_and_increasing(x: float, df: int) -> None:
    here, mirror = float(t_cdf(x, df)), float(t_cdf(-x, df))
    assert here + mirror == pytest.approx(1.0, abs=1e-14)
    assert float(t_cdf(x + 0.5, df)) >= here - 1e-15  # rounding in the last place
    assert 0.0 <= here <= 1.0


def test_many_degrees_of_freedom_approach_the_normal() -> None:
    # Phi(1.959963985) = 0.975. With 2000 df the 0.975 quantile is about 1.96115, so at
    # 1.959964 the t CDF is 0.975 - f(1.96) * 0.00119 = 0.975 - 0.0585 * 0.00119 = 0.97493
    assert float(t_cdf(1.959963985, 2000)) == pytest.approx(0.97493, abs=1e-5)


def test_arrays_broadcast_and_infinities_and_nan_pass_through() -> None:
    out = t_cdf([-np.inf, 0.0, np.inf, np.nan], [3, 4, 5, 6])
    assert out[:3].tolist() == [0.0, 0.5, 1.0]
    assert math.isnan(out[3])
    assert t_cdf(np.zeros((2, 3)), 7).shape == (2, 3)


@pytest.mark.parametrize("df", [0, 2.5, -1])
def test_degrees_of_freedom_must_be_whole_and_positive(df: float) -> None:
    with pytest.raises(ValueError, match="whole numbers >= 1"):
        t_cdf(1.0, df)
