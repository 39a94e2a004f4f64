"""Statistics Canada worked by hand from METHOD.md."""

from __future__ import annotations

import pytest

from targets.engine import Status, aggregate_assessments, aggregate_scores, assess

approx = pytest.approx


def test_acceptance_example_is_substantial_progress_with_its_ratio_and_score() -> None:
    # g_a = (10.2 / 14.5) ** (1/8) - 1 = 0.703448 ** 0.125 - 1 = -0.043017
    # g_r = (7.25 / 14.5) ** (1/15) - 1 = 0.5 ** (1/15) - 1 = -0.045158
    # R = 1 * -1 * -0.043017 / 0.045158 = 0.95259 >= 0.95: substantial progress
    # score = 7.1429 * 0.95259 - 4.2857 = 2.5186
    a = assess(
        years=[2015, 2023],
        values=[14.5, 10.2],
        target=7.25,
        target_year=2030,
        direction="decrease",
        method="statcan",
        limit=None,
        as_of=None,
    )
    assert a.status == "on_track"
    assert a.method_status == "substantial_progress"
    assert a.growth_actual == approx(-0.043017, abs=1e-6)
    assert a.growth_required == approx(-0.045158, abs=1e-6)
    assert a.ratio == approx(0.95259, abs=1e-5)
    assert a.score == approx(2.5186, abs=1e-4)


@pytest.mark.parametrize(
    ("latest", "label", "status", "ratio", "score"),
    [
        # g_r = 1.44 ** (1/4) - 1 = 0.095445 (100 -> 144, 2020 -> 2024)
        # 121: g_a = 1.21 ** 0.5 - 1 = 0.1; R = 1.04772; score = 7.1429 R - 4.2857 = 3.1981
        (121.0, "substantial_progress", Status.ON_TRACK, 1.04772, 3.1981),
        # 114.49: g_a = 0.07; R = 0.73341; score = 7.1429 R - 4.2857 = 0.9530
        (114.49, "moderate_progress", Status.AT_RISK, 0.73341, 0.9530),
        # 110.25: g_a = 0.05; R = 0.52386; score = 4.1667 R - 2.5 = -0.3172
        (110.25, "limited_progress", Status.OFF_TRACK, 0.52386, -0.3172),
        # 90.25: g_a = -0.05; R = -0.52386; score = 4.1667 R - 2.5 = -4.6828
        (90.25, "deterioration", Status.REGRESSING, -0.52386, -4.6828),
    ],
)
def test_ratio_thresholds_and_score_bands_with_a_target(
    latest: float, label: str, status: Status, ratio: float, score: float
) -> None:
    a = assess([2020, 2022], [100.0, latest], target=144.0, target_year=2024)
    assert (a.method_status, a.status) == (label, status)
    assert a.ratio == approx(ratio, abs=1e-5)
    assert a.score == approx(score, abs=1e-4)


def test_target_already_met_is_achieved_whatever_the_trend() -> None:
    # 90 >= 80 although the series fell from 100: achieved first, score 5
    a = assess([2020, 2022], [100.0, 90.0], target=80.0, target_year=2030)
    assert (a.status, a.method_status, a.score) == (Status.ACHIEVED, "target_achieved", 5.0)
    assert a.ratio is None


def test_target_equal_to_base_is_not_available_unless_met() -> None:
    a = assess([2020, 2022], [100.0, 90.0], target=100.0, target_year=2030)
    assert (a.status, a.method_status) == (Status.NOT_ASSESSABLE, "not_available")
    assert a.reason is not None
    assert "target equals the base" in a.reason
    met = assess([2020, 2022], [100.0, 101.0], target=100.0, target_year=2030)
    assert met.status is Status.ACHIEVED


def test_zero_base_is_replaced_by_a_thousandth() -> None:
    # v_b = 0.001; g_a = (10 / 0.001) ** (1/2) - 1 = 99; g_r = (20 / 0.001) ** (1/4) - 1
    # = 20000 ** 0.25 - 1 = 10.8921; R = 99 / 10.8921 = 9.0892
    a = assess([2020, 2022], [0.0, 10.0], target=20.0, target_year=2024)
    assert a.growth_actual == approx(99.0)
    assert a.ratio == approx(9.0892, abs=1e-4)
    assert a.method_status == "substantial_progress"
    assert a.base_value == 0.0
    assert a.steps[0].name == "v_b"


def test_zero_target_is_replaced_by_a_thousandth() -> None:
    # v* = 0.001; g_a = 0.5 ** 0.5 - 1 = -0.292893; g_r = (0.001 / 10) ** 0.25 - 1 = -0.9
    # R = 1 * -1 * -0.292893 / 0.9 = 0.325437: limited progress
    a = assess([2020, 2022], [10.0, 5.0], target=0.0, target_year=2024, direction="decrease")
    assert a.growth_required == approx(-0.9)
    assert a.ratio == approx(0.325437, abs=1e-6)
    assert a.status is Status.OFF_TRACK


def test_zero_replacement_can_be_overridden() -> None:
    # v_b = 0.01: g_a = (10 / 0.01) ** 0.5 - 1 = 30.6228
    a = assess(
        [2020, 2022], [0.0, 10.0], target=20.0, target_year=2024,
        thresholds={"zero_replacement": 0.01},
    )  # fmt: skip
    assert a.growth_actual == approx(30.6228, abs=1e-4)
    assert a.thresholds["zero_replacement"] == 0.01


@pytest.mark.parametrize(
    ("years", "values", "base_year", "why"),
    [
        ([2020], [100.0], None, "fewer than two years"),
        ([2020, 2022], [100.0, 120.0], 2022, "is the latest year"),
    ],
)
def test_fewer_than_two_years_is_not_available_when_not_met(
    years: list[int], values: list[float], base_year: int | None, why: str
) -> None:
    a = assess(years, values, target=150.0, target_year=2030, base_year=base_year)
    assert (a.status, a.method_status) == (Status.NOT_ASSESSABLE, "not_available")
    assert a.reason is not None
    assert why in a.reason
    assert (a.score, a.progress) == (None, None)


@pytest.mark.parametrize(
    ("years", "values", "base_year"),
    [([2020], [100.0], None), ([2020, 2022], [100.0, 120.0], 2022)],
)
def test_one_figure_that_meets_the_target_is_achieved(
    years: list[int], values: list[float], base_year: int | None
) -> None:
    # The agency's code decides the met test before it counts the years: a single figure (or a
    # base at the latest year) that meets the target is "target achieved" with score 5; the
    # progress value needs two years, so there is none.
    a = assess(years, values, target=50.0, target_year=2030, base_year=base_year)
    assert (a.status, a.method_status, a.score) == (Status.ACHIEVED, "target_achieved", 5.0)
    assert (a.progress, a.ratio, a.reason) == (None, None, None)


def test_a_sign_change_is_not_available_with_the_reason() -> None:
    a = assess([2020, 2022], [-10.0, 10.0], target=20.0, target_year=2030)
    assert a.status is Status.NOT_ASSESSABLE
    assert a.reason is not None
    assert "changes sign" in a.reason
    assert a.growth_actual is None


def test_a_negative_series_uses_the_sign_of_the_base() -> None:
    # -10 -> -5 (higher is better): g_a = 0.5 ** 0.5 - 1 = -0.292893; g_r to -2 by 2024:
    # (0.2) ** 0.25 - 1 = -0.331260; R = -1 * 1 * -0.292893 / 0.331260 = 0.88418: moderate
    a = assess([2020, 2022], [-10.0, -5.0], target=-2.0, target_year=2024)
    assert a.ratio == approx(0.88418, abs=1e-5)
    assert a.status is Status.AT_RISK


@pytest.mark.parametrize(
    ("values", "direction", "label", "score"),
    [
        # x = g_a over one year; thresholds 1.5 % / 0.5 % / 0 (C = 1)
        ([100.0, 102.0], "increase", "substantial_progress", 5.0),  # min(500*0.02 - 5, 5)
        ([100.0, 101.0], "increase", "moderate_progress", 1.25),  # 250*0.01 - 1.25
        ([100.0, 100.25], "increase", "limited_progress", -1.25),  # 500*0.0025 - 2.5
        ([100.0, 99.0], "increase", "deterioration", -3.75),  # 125*-0.01 - 2.5
        ([100.0, 99.0], "decrease", "moderate_progress", 1.25),  # x = -1 * -0.01
    ],
)
def test_progress_value_without_a_target(
    values: list[float], direction: str, label: str, score: float
) -> None:
    a = assess([2020, 2021], values, direction=direction)
    assert a.method_status == label
    assert a.score == approx(score)


# C for |v_b| = 50 or 150 with L = 100: 1 - 0.5 ** 4.44 = 1 - 0.046063 = 0.953937, so the
# substantial threshold is 0.015 * C = 0.014309; a growth of 1.46 % clears it only with L.
@pytest.mark.parametrize(
    ("base", "limit", "label"),
    [
        (50.0, None, "moderate_progress"),  # 0.0146 < 0.015
        (50.0, 100.0, "substantial_progress"),  # x <= L: 0.0146 >= 0.014309
        (150.0, 100.0, "substantial_progress"),  # L < x < 2L: C = 1 - (50/100) ** 4.44
        (250.0, 100.0, "moderate_progress"),  # x >= 2L: C = 1
    ],
)
def test_natural_limit_scales_the_positive_thresholds(
    base: float, limit: float | None, label: str
) -> None:
    a = assess([2020, 2021], [base, base * 1.0146], limit=limit)
    assert a.method_status == label


def test_natural_limit_score_divides_by_c() -> None:
    # score = min(500 * 0.0146 / 0.953937 - 5, 5) = 7.65250 - 5 = 2.65250
    a = assess([2020, 2021], [50.0, 50.73], limit=100.0)
    assert a.score == approx(2.6525, abs=1e-3)


def test_at_the_natural_limit_c_is_zero_and_not_falling_is_on_track() -> None:
    # |v_b| = L: C = 1 - 1 ** 4.44 = 0: every positive threshold is 0
    flat = assess([2020, 2021], [100.0, 100.0], limit=100.0)
    assert (flat.status, flat.method_status, flat.score) == (
        Status.ON_TRACK,
        "substantial_progress",
        5.0,
    )
    falling = assess([2020, 2021], [100.0, 99.0], limit=100.0)
    assert falling.method_status == "deterioration"
    assert falling.score == approx(-3.75)


def test_indicator_score_is_the_mean_and_achieved_only_when_every_series_is() -> None:
    # (5 + 2.5186 - 0.3172) / 3 = 2.40047: [0, 2.5) is moderate progress (at risk)
    mixed = aggregate_scores([5.0, 2.5186, -0.3172], [True, False, False])
    assert mixed.score == approx(2.40047, abs=1e-5)
    assert (mixed.status, mixed.method_status) == (Status.AT_RISK, "moderate_progress")
    done = aggregate_scores([5.0, 5.0], [True, True])
    assert (done.status, done.method_status) == (Status.ACHIEVED, "target_achieved")
    not_all = aggregate_scores([5.0, 5.0], [True, False])
    assert not_all.status is Status.ON_TRACK


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (2.5, "substantial_progress"),
        (2.49, "moderate_progress"),
        (0.0, "moderate_progress"),
        (-0.01, "limited_progress"),
        (-2.5, "limited_progress"),
        (-2.51, "deterioration"),
    ],
)
def test_score_band_edges(score: float, label: str) -> None:
    assert aggregate_scores([score]).method_status == label


def test_indicator_leaves_out_series_without_a_score() -> None:
    series = [
        assess([2020, 2022], [100.0, 121.0], target=144.0, target_year=2024),
        assess([2020], [100.0], target=144.0, target_year=2024),
    ]
    indicator = aggregate_assessments(series)
    assert (indicator.series, indicator.skipped) == (1, 1)
    assert indicator.score == approx(3.1981, abs=1e-4)
