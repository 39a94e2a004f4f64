"""Values exactly at a method's threshold, worked by hand from METHOD.md, in both paths.

Each case is built from decimal figures whose graded quantity is exactly the threshold by
hand (1.5 % growth, R = 0.95, a miss of 20 % ...). In binary floating point most of them land
an ulp or two to one side (101.5 / 100 - 1 is 0.014999999999999902), and compared bare the
label flipped on that last bit. METHOD.md's boundaries decide: "R >= 0.95" is on track at
0.95, "above 5 %" is not clear improvement at 5 %, "5 % to 20 %" is slightly cloudy at 20 %.
"""

from __future__ import annotations

import pytest

from targets.engine import (
    Status,
    aggregate_scores,
    assess,
    assess_band,
    assess_growth_rate,
    assess_hold,
)
from tests.engine.both_paths import labelled

NAN = float("nan")


both = labelled  # every case below: its label in both paths


@pytest.mark.parametrize(
    ("latest", "target", "label"),
    [
        # g_r = (121 / 100) ** (1/2) - 1 = 0.1; g_a = 109.5 / 100 - 1 = 0.095; R = 0.95
        (109.5, 121.0, "substantial_progress"),
        # g_r = (169 / 100) ** (1/2) - 1 = 0.3; g_a = 0.18; R = 0.6
        (118.0, 169.0, "moderate_progress"),
    ],
)
def test_statcan_ratio_exactly_at_a_threshold_takes_the_upper_label(
    latest: float, target: float, label: str
) -> None:
    assert both([2020, 2021], [100.0, latest], target=target, target_year=2022)[0] == label


@pytest.mark.parametrize(
    ("latest", "label"),
    [
        (101.5, "substantial_progress"),  # x = 1.5 %: ">= 1.5 %"
        (100.5, "moderate_progress"),  # x = 0.5 %: ">= 0.5 %"
    ],
)
def test_statcan_progress_value_exactly_at_a_threshold_takes_the_upper_label(
    latest: float, label: str
) -> None:
    assert both([2020, 2021], [100.0, latest])[0] == label


def test_statcan_score_at_r_of_exactly_0_6_uses_the_upper_formula() -> None:
    # R = 0.6 (as above): min(7.1429 * 0.6 - 4.2857, 5) = 0.00004, not 4.1667 * 0.6 - 2.5
    a = assess([2020, 2021], [100.0, 118.0], target=169.0, target_year=2022)
    assert a.score == pytest.approx(0.00004, abs=1e-12)


def test_unsd_share_exactly_at_its_thresholds() -> None:
    # 100 -> 119 in a year: g_a = 0.19, p_2022 = 119 * 1.19 = 141.61;
    # P = (141.61 - 100) / (143.8 - 100) = 41.61 / 43.8 = 0.95: on track
    on = both([2020, 2021], [100.0, 119.0], method="unsd", target=143.8, target_year=2022)
    assert on == ("on_track", Status.ON_TRACK)
    # 100 -> 104: p_2022 = 104 * 1.04 = 108.16; P = 8.16 / 81.6 = 0.10: acceleration needed
    mid = both([2020, 2021], [100.0, 104.0], method="unsd", target=181.6, target_year=2022)
    assert mid == ("acceleration_needed", Status.AT_RISK)


def test_unsd_growth_without_a_target_exactly_at_half_a_percent_is_moderate() -> None:
    # 100 -> 100.5: 0.5 % a year ">= 0.5 % moderate"
    assert both([2020, 2021], [100.0, 100.5], method="unsd")[0] == "acceleration_needed"


# Destatis: 10, 10.1, ..., 10.5 (2016-2021): the mean of the last five changes is 0.1 a year
DESTATIS = (list(range(2016, 2022)), [10.0, 10.1, 10.2, 10.3, 10.4, 10.5])


@pytest.mark.parametrize(
    ("target", "target_year"),
    [
        # p_2040 = 10.5 + 0.1 * 19 = 12.4; miss = (12.5 - 12.4) / (12.5 - 10.5) = 0.05
        (12.5, 2040),
        # p_2027 = 10.5 + 0.1 * 6 = 11.1; miss = (11.25 - 11.1) / (11.25 - 10.5) = 0.20
        (11.25, 2027),
    ],
)
def test_destatis_miss_of_exactly_5_or_20_percent_is_slightly_cloudy(
    target: float, target_year: int
) -> None:
    years, values = DESTATIS
    label = both(
        [float(y) for y in years], values, method="destatis", target=target,
        target_year=target_year,
    )  # fmt: skip
    assert label == ("slightly_cloudy", Status.AT_RISK)


@pytest.mark.parametrize(
    ("base", "latest", "goal", "label"),
    [
        # required (3.2 - 0.5) / 15 = 0.18; achieved (0.95 - 0.5) / 5 = 0.09, exactly half
        (0.5, 0.95, 3.2, "moderately_improving"),
        # required (12.4 - 2.5) / 15 = 0.66; achieved (5.8 - 2.5) / 5 = 0.66, exactly it
        (2.5, 5.8, 12.4, "on_track"),
    ],
)
def test_sdsn_achieved_rate_exactly_at_half_or_all_of_the_required_rate(
    base: float, latest: float, goal: float, label: str
) -> None:
    got = both([2015, 2020], [base, latest], method="sdsn", target=goal, target_year=2030)
    assert got[0] == label


@pytest.mark.parametrize(
    ("latest", "direction", "label"),
    [
        (105.0, "increase", "slight_improvement"),  # 5 %: "above 5 %" is clear, 5 % is not
        (95.0, "increase", "slight_worsening"),  # -5 %: "below -5 %" is clear, -5 % is not
        (101.0, "increase", "slight_improvement"),  # 1 %: "1 % to 5 %"
        (99.0, "increase", "slight_worsening"),  # -1 %: the mirror of 1 %
        (95.0, "decrease", "slight_improvement"),  # reversed where lower is better
        (105.0, "decrease", "slight_worsening"),
    ],
)
def test_istat_growth_exactly_at_a_class_boundary(
    latest: float, direction: str, label: str
) -> None:
    assert both([2020, 2021], [100.0, latest], method="istat", direction=direction)[0] == label


@pytest.mark.parametrize(("start", "end", "rate"), [(50.0, 51.25, 0.025), (50.0, 50.75, 0.015)])
def test_growth_rate_met_exactly_is_achieved(start: float, end: float, rate: float) -> None:
    # "grow 2.5 % in 2022": 50 -> 51.25 is 1.25 / 50 = 2.5 % exactly; 50.75 is 1.5 %
    a = assess_growth_rate([2021, 2022], [start, end], rate=rate, target_year=2022)
    assert (a.status, a.method_status) == (Status.ACHIEVED, "target_achieved")


def test_growth_rate_at_exactly_the_required_rate_is_substantial_before_the_period() -> None:
    # the latest growth 50 -> 51.25 is 2.5 %; R = 0.025 / |0.025| = 1 >= 0.95
    a = assess_growth_rate([2020, 2021], [50.0, 51.25], rate=0.025, target_year=2023)
    assert a.method_status == "substantial_progress"


def test_an_indicator_score_at_a_band_edge_takes_the_upper_band() -> None:
    # (0.1 + 4.1 + 3.3) / 3 = 2.5: [2.5, 5] on track; (-4.9 - 2.4 - 0.2) / 3 = -2.5:
    # [-2.5, 0) limited (binary rounding puts both means just below)
    assert aggregate_scores([0.1, 4.1, 3.3]).method_status == "substantial_progress"
    assert aggregate_scores([-4.9, -2.4, -0.2]).method_status == "limited_progress"


@pytest.mark.parametrize("method", ["statcan", "unsd", "sdsn", "destatis"])
def test_a_deadline_value_interpolated_exactly_onto_the_target_meets_it(method: str) -> None:
    # 99.8 in 2020, 109.6 in 2026: at 2023, 99.8 + (3 / 6) * 9.8 = 104.7, the target exactly
    # (binary rounding gives 104.69999999999999); both paths decide achieved
    years, values = [2020.0, 2026.0], [99.8, 109.6]
    got = both(years, values, method=method, target=104.7, target_year=2023)
    assert got[1] is Status.ACHIEVED
    lower = both(years, [-v for v in values], method=method, target=-104.7, target_year=2023,
                 direction="decrease")  # fmt: skip
    assert lower[1] is Status.ACHIEVED


def test_a_band_bound_met_by_an_interpolated_value_holds_it_inside() -> None:
    # the same 104.7 at 2023 against the band [104.7, 110]: inside and achieved
    band = assess_band([2020, 2026], [99.8, 109.6], low=104.7, high=110.0, target_year=2023)
    assert band.inside is True
    assert band.status is Status.ACHIEVED


# Rising 10, 10.01, ..., 10.05 (2016-2021): the mean change is 0.01 a year, so the trend
# reaches 10.05 + 0.01 * 3 = 10.08 by 2024 exactly (binary rounding: 10.080000000000002)
RISING = (
    [2016.0, 2017.0, 2018.0, 2019.0, 2020.0, 2021.0],
    [10.0, 10.01, 10.02, 10.03, 10.04, 10.05],
)


def test_destatis_a_reached_target_the_trend_meets_exactly_at_the_deadline_is_holding() -> None:
    # at most 10.08 by 2024: reached (10.05), and the trend lands on 10.08: holding, sun
    got = both(*RISING, method="destatis", target=10.08, target_year=2024, direction="decrease")
    assert got == ("sun", Status.ACHIEVED)


def test_hold_a_trend_landing_exactly_on_the_ceiling_at_the_end_is_holding() -> None:
    h = assess_hold(*RISING, high=10.08, start=2016, end=2024)
    assert (h.method_status, h.status) == ("sun", Status.ACHIEVED)


def test_a_band_trend_landing_exactly_on_its_bound_does_not_leave_it() -> None:
    # the same linear trend reaches 10.08 by 2024, the band's top: it stays in [10, 10.08]
    band = assess_band(*RISING, low=10.0, high=10.08, target_year=2024, method="destatis")
    assert band.inside is True
    assert not any("leaves the band" in note for note in band.notes)
