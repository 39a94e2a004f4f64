"""Every growth quantity METHOD.md lists, worked by hand on one series, in both paths.

100 in 2018, 121 in 2020, a target of 200 by 2025 (b = 2018, t = 2020, T = 2025):

- g_a = (121 / 100) ** (1 / 2) - 1 = 0.1
- g_r = (200 / 100) ** (1 / 7) - 1 = 2 ** (1/7) - 1 = 0.1040895
- g_now = (200 / 121) ** (1 / 5) - 1 = 0.1057296
- s_a = (121 - 100) / 2 = 10.5; s_now = (200 - 121) / 5 = 15.8; s_r = 100 / 7 = 14.2857
- compound p_T = 121 * 1.1 ** 5 = 194.87171; linear p_T = 121 + 10.5 * 5 = 173.5
- compound reach = 2020 + ln(200 / 121) / ln(1.1) = 2025.27254; linear 2020 + 79 / 10.5 = 2027.52381
- linear trajectory at 2020 = 100 + 2 * 100 / 7 = 128.57143, gap 121 - 128.57143 = -7.57143;
  compound 100 * 1.1040895 ** 2 = 100 * 2 ** (2/7) = 121.90137, gap -0.90137
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from targets.engine import METHOD_LABELS, Assessment, assess, assess_batch

YEARS, VALUES = [2018.0, 2020.0], [100.0, 121.0]
HAND = {
    "growth_actual": 0.1,
    "growth_required": 0.1040895,
    "growth_required_now": 0.1057296,
    "growth_actual_linear": 10.5,
    "growth_required_linear": 14.2857143,
    "growth_required_now_linear": 15.8,
    "base_year": 2018.0,
    "base_value": 100.0,
    "latest_year": 2020.0,
    "latest_value": 121.0,
}


def _both(
    projection: str, trajectory: str, method: str = "statcan"
) -> tuple[Assessment, dict[str, float]]:
    one = assess(
        YEARS, VALUES, target=200.0, target_year=2025, method=method, projection=projection,
        trajectory=trajectory,
    )  # fmt: skip
    many = assess_batch(
        [0, 0], YEARS, VALUES, target=200.0, target_year=2025, method=method,
        projection=projection, trajectory=trajectory,
    )  # fmt: skip
    names = (*HAND, "projected", "reach_year", "trajectory_value", "trajectory_gap", "ratio")
    numbers = {name: float(getattr(many, name)[0]) for name in names}
    assert METHOD_LABELS[method][many.method_status[0]] == one.method_status
    return one, numbers


@pytest.mark.parametrize(
    ("projection", "trajectory", "by_hand"),
    [
        ("compound", "linear", (194.87171, 2025.27254, 128.57143, -7.57143)),
        ("linear", "compound", (173.5, 2027.52381, 121.90137, -0.90137)),
    ],
)
def test_every_shared_quantity_matches_the_hand_computation_in_both_paths(
    projection: str, trajectory: str, by_hand: tuple[float, float, float, float]
) -> None:
    one, batch = _both(projection, trajectory)
    names = ("projected", "reach_year", "trajectory_value", "trajectory_gap")
    expected = {**HAND, **dict(zip(names, by_hand, strict=True))}
    for name, value in expected.items():
        assert getattr(one, name) == pytest.approx(value, abs=1e-5), name
        assert batch[name] == getattr(one, name), name  # the two paths agree to the bit


def test_statcan_ratio_and_score_of_the_worked_series() -> None:
    # R = 1 * 1 * 0.1 / 0.1040895 = 0.960712 >= 0.95; score = 7.1429 * 0.960712 - 4.2857
    one, batch = _both("compound", "linear")
    assert one.method_status == "substantial_progress"
    assert one.ratio == pytest.approx(0.960712, abs=1e-6)
    assert one.score == pytest.approx(2.576567, abs=1e-6)
    assert batch["ratio"] == one.ratio


def test_unsd_share_of_the_worked_series_is_just_short_of_on_track() -> None:
    # P = (194.87171 - 100) / (200 - 100) = 0.948717 < 0.95: acceleration needed
    one, batch = _both("compound", "linear", method="unsd")
    assert one.method_status == "acceleration_needed"
    assert one.ratio == pytest.approx(0.948717, abs=1e-6)
    assert batch["ratio"] == one.ratio


@pytest.mark.parametrize("projection", ["compound", "linear"])
@pytest.mark.parametrize("latest", [100.0, 90.0])
def test_a_flat_trend_or_one_moving_away_never_reaches_the_target(
    projection: str, latest: float
) -> None:
    one = assess(YEARS, [100.0, latest], target=200.0, target_year=2025, projection=projection)
    many = assess_batch([0, 0], YEARS, [100.0, latest], target=200.0, target_year=2025,
                        projection=projection)  # fmt: skip
    assert one.reach_year is None
    assert math.isnan(many.reach_year[0])


def test_a_met_target_has_no_reach_year_in_either_path() -> None:
    one = assess(YEARS, [100.0, 210.0], target=200.0, target_year=2025)
    many = assess_batch([0, 0], YEARS, [100.0, 210.0], target=200.0, target_year=2025)
    assert one.reach_year is None
    assert np.isnan(many.reach_year[0])


def test_the_batch_result_carries_the_thresholds_it_judged_with() -> None:
    # METHOD.md: every result carries the method and thresholds, the batch's as assess's
    one = assess(YEARS, VALUES, target=200.0, target_year=2025, thresholds={"on_track": 0.9},
                 method="sdsn")  # fmt: skip
    many = assess_batch([0, 0], YEARS, VALUES, target=200.0, target_year=2025, method="sdsn",
                        thresholds={"on_track": 0.9})  # fmt: skip
    assert (
        dict(many.thresholds)
        == dict(one.thresholds)
        == {
            "on_track": 0.9,
            "moderately_improving": 0.5,
        }
    )
    assert many.method == "sdsn"
