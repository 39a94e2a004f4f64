"""Projections stop where a metric cannot go: rank 1, a share's 100 %."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.engine import assess, assess_rank


def test_a_rank_trend_stops_at_rank_1() -> None:
    # slope (17 - 50) / (2024 - 2018) = -5.5; 17 - 5.5 * 6 = -16, capped at 1
    a = assess_rank([2018, 2024], [50, 17], target_rank=30, target_year=2030)
    assert a.projected == 1.0
    capped = [s for s in a.steps if s.name == "p_T capped"]
    assert [str(s) for s in capped] == ["p_T capped = max(-16, 1): the lowest possible = 1"]


def test_a_share_trend_stops_at_its_natural_limit() -> None:
    a = assess([2020, 2023], [10, 16.5], target=20, target_year=2035, bounds=(None, 100.0))
    assert a.projected == 100.0
    assert a.reach_year is not None  # the reach year is the trend's, not capped


def test_without_bounds_nothing_is_capped() -> None:
    a = assess([2020, 2023], [10, 16.5], target=20, target_year=2035)
    assert a.projected == pytest.approx(16.5 * (16.5 / 10) ** (12 / 3))
    assert all(s.name != "p_T capped" for s in a.steps)


@given(
    first=st.floats(min_value=1, max_value=200),
    last=st.floats(min_value=1, max_value=200),
    target=st.integers(min_value=1, max_value=100),
    method=st.sampled_from(["sdsn", "destatis"]),
)
def test_capping_never_changes_a_rank_verdict(
    first: float, last: float, target: int, method: str
) -> None:
    capped = assess_rank(
        [2016, 2018, 2020, 2022, 2024],
        [first, first, last, last, last],
        target_rank=target,
        target_year=2030,
        method=method,
    )
    free = assess(
        [2016, 2018, 2020, 2022, 2024],
        [first, first, last, last, last],
        target=target,
        target_year=2030,
        direction="decrease",
        method=method,
        projection="linear",
    )
    assert (capped.status, capped.method_status) == (free.status, free.method_status)
