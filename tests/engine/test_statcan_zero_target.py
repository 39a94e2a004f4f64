"""Statistics Canada replaces a zero target by 0.001 before it asks whether the target is met
(sdg-build's ``SeriesProgress`` sets ``target = 0.001`` when it reads the series, then
``is_target_achieved`` compares the latest value with it): a series that must fall to zero
and stands at 0.0005 is achieved, as the agency publishes it. Both paths."""

from __future__ import annotations

import pytest

from targets.engine import Status
from tests.engine.both_paths import labelled


def _both(values: list[float], target: float, direction: str) -> tuple[str, Status]:
    return labelled([2015.0, 2020.0], values, target=target, target_year=2030, direction=direction)


@pytest.mark.parametrize("latest", [0.0005, 0.001, 0.0])
def test_a_falling_series_at_or_below_the_replaced_zero_target_is_achieved(latest: float) -> None:
    assert _both([0.5, latest], 0.0, "decrease") == ("target_achieved", Status.ACHIEVED)


def test_a_falling_series_above_the_replaced_zero_target_is_judged_by_its_ratio() -> None:
    # g_r = (0.001 / 0.5) ** (1/15) - 1 = -0.33901; g_a = (0.002 / 0.5) ** (1/5) - 1 = -0.66887
    # R = d * g_a / |g_r| = -1 * -0.66887 / 0.33901 = 1.973 >= 0.95: substantial progress
    assert _both([0.5, 0.002], 0.0, "decrease") == ("substantial_progress", Status.ON_TRACK)


def test_where_higher_is_better_a_zero_target_is_met_only_from_0_001() -> None:
    # 0.0005 is below the replaced target: not met, and the series fell (R < 0)
    assert _both([0.0008, 0.0005], 0.0, "increase")[0] == "deterioration"
    assert _both([0.0008, 0.0012], 0.0, "increase") == ("target_achieved", Status.ACHIEVED)
