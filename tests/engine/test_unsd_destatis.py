"""UNSD progress chart and Destatis weather symbols, worked by hand from METHOD.md."""

from __future__ import annotations

import pytest

from targets.engine import Status, assess, combine_worst, worst_symbol

approx = pytest.approx


# UNSD: 100 (2020) -> 110.25 (2022): g_a = 0.05; p_2026 = 110.25 * 1.05 ** 4 = 134.0096
@pytest.mark.parametrize(
    ("target", "label", "status", "share"),
    [
        (130.0, "on_track", Status.ON_TRACK, 1.13365),  # 34.0096 / 30
        (150.0, "acceleration_needed", Status.AT_RISK, 0.68019),  # 34.0096 / 50
        (500.0, "stagnation_or_regression", Status.OFF_TRACK, 0.08502),  # 34.0096 / 400
    ],
)
def test_unsd_projection_share(target: float, label: str, status: Status, share: float) -> None:
    a = assess([2020, 2022], [100.0, 110.25], target=target, target_year=2026, method="unsd")
    assert (a.method_status, a.status) == (label, status)
    assert a.ratio == approx(share, abs=1e-5)
    assert a.projected == approx(134.0096, abs=1e-4)


def test_unsd_negative_share_is_regression() -> None:
    # 100 -> 90: p_T < 100, P < 0
    a = assess([2020, 2022], [100.0, 90.0], target=150.0, target_year=2026, method="unsd")
    assert (a.method_status, a.status) == ("stagnation_or_regression", Status.REGRESSING)
    assert a.ratio is not None
    assert a.ratio < 0


def test_unsd_met_already_is_achieved() -> None:
    a = assess([2020, 2022], [100.0, 160.0], target=150.0, target_year=2026, method="unsd")
    assert (a.status, a.method_status) == (Status.ACHIEVED, "target_achieved")


@pytest.mark.parametrize(
    ("latest", "target", "direction", "met"),
    [
        (99.2, 100.0, "increase", True),  # within one point of 100
        (99.0, 100.0, "increase", True),  # exactly one point
        (98.9, 100.0, "increase", False),
        (0.8, 0.0, "decrease", True),  # within one point of 0
        (1.5, 0.0, "decrease", False),
        (49.5, 50.0, "increase", False),  # the rule is for 0 % and 100 % only
    ],
)
def test_unsd_one_percentage_point_rule(
    latest: float, target: float, direction: str, met: bool
) -> None:
    a = assess(
        [2020, 2022], [90.0 if target else 10.0, latest], target=target, target_year=2030,
        direction=direction, method="unsd",
    )  # fmt: skip
    assert (a.status is Status.ACHIEVED) is met


def test_unsd_percentage_rule_can_be_switched_off() -> None:
    a = assess(
        [2020, 2022], [90.0, 99.2], target=100.0, target_year=2030, method="unsd",
        thresholds={"percent_target_tolerance": 0.0},
    )  # fmt: skip
    assert a.status is not Status.ACHIEVED


@pytest.mark.parametrize(
    ("values", "direction", "label", "status"),
    [
        ([100.0, 102.0], "increase", "on_track", Status.ON_TRACK),  # 2 %
        ([100.0, 101.0], "increase", "acceleration_needed", Status.AT_RISK),  # 1 %: moderate
        ([100.0, 100.4], "increase", "stagnation_or_regression", Status.OFF_TRACK),  # 0.4 %
        ([100.0, 99.0], "increase", "stagnation_or_regression", Status.REGRESSING),
        ([100.0, 98.0], "decrease", "on_track", Status.ON_TRACK),  # mirrored
    ],
)
def test_unsd_without_a_target(
    values: list[float], direction: str, label: str, status: Status
) -> None:
    a = assess([2020, 2021], values, direction=direction, method="unsd")
    assert (a.method_status, a.status) == (label, status)


def test_unsd_past_target_year_is_judged_on_data_up_to_it() -> None:
    # 2020 value 120 < 150: missed, though 2025 reached 200
    a = assess(
        [2015, 2020, 2025], [100.0, 120.0, 200.0], target=150.0, target_year=2020,
        method="unsd", as_of=2025,
    )  # fmt: skip
    assert a.status is Status.MISSED
    assert a.latest_year == 2020
    assert any("after the target year" in n for n in a.notes)


def test_unsd_zero_base_is_not_evaluated() -> None:
    a = assess([2020, 2022], [0.0, 10.0], target=20.0, target_year=2030, method="unsd")
    assert (a.status, a.method_status) == (Status.NOT_ASSESSABLE, "not_evaluated")
    assert a.reason is not None
    assert "zero base" in a.reason


def test_unsd_base_beyond_the_target_and_latest_short_of_it_is_regression() -> None:
    a = assess([2020, 2022], [120.0, 90.0], target=100.0, target_year=2030, method="unsd")
    assert a.status is Status.REGRESSING
    assert a.ratio is None


# Destatis: 2015..2021 = 0, 10, 12, 14, 16, 18, 20. The last six points run 2016..2021, so
# the mean of the last five annual changes is (20 - 10) / 5 = 2 and p_2030 = 20 + 2 * 9 = 38.
SEVEN = ([2015, 2016, 2017, 2018, 2019, 2020, 2021], [0.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0])


@pytest.mark.parametrize(
    ("target", "label", "status", "miss"),
    [
        (37.9, "sun", Status.ON_TRACK, -0.0056),  # reaches: (37.9 - 38) / 17.9
        (38.9, "sun", Status.ON_TRACK, 0.04762),  # 0.9 / 18.9 < 5 %
        (39.2, "slightly_cloudy", Status.AT_RISK, 0.0625),  # 1.2 / 19.2
        (40.0, "slightly_cloudy", Status.AT_RISK, 0.1),  # 2 / 20
        (50.0, "cloud", Status.OFF_TRACK, 0.4),  # 12 / 30, still moving the right way
    ],
)
def test_destatis_miss_share_symbols(
    target: float, label: str, status: Status, miss: float
) -> None:
    a = assess(*SEVEN, target=target, target_year=2030, method="destatis")
    assert a.slope == approx(2.0)
    assert a.projected == approx(38.0)
    assert (a.method_status, a.status) == (label, status)
    assert a.ratio == approx(miss, abs=1e-4)


def test_destatis_thunderstorm_when_not_moving_the_right_way_with_four_points() -> None:
    # four points (exceptional case): slope = (14 - 20) / 3 = -2
    a = assess(
        [2015, 2016, 2017, 2018], [20.0, 18.0, 16.0, 14.0], target=40.0, target_year=2030,
        method="destatis",
    )  # fmt: skip
    assert a.slope == approx(-2.0)
    assert (a.method_status, a.status) == ("thunderstorm", Status.REGRESSING)


def test_destatis_fewer_than_four_points_is_no_assessment() -> None:
    a = assess([2015, 2016, 2017], [1.0, 2.0, 3.0], target=9.0, target_year=2030, method="destatis")
    assert (a.method_status, a.status) == ("not_assessed", Status.NOT_ASSESSABLE)


def test_destatis_reached_target_holding_is_sun_and_threatened_is_sun_behind_cloud() -> None:
    years = [2015, 2016, 2017, 2018]
    # 16 >= 15 and p_2025 = 16 + 2 * 7 = 30 still meets it
    holding = assess(years, [10.0, 12.0, 14.0, 16.0], target=15.0, target_year=2025,
                     method="destatis")  # fmt: skip
    assert (holding.method_status, holding.status) == ("sun", Status.ACHIEVED)
    # 17 >= 15 but p_2025 = 17 - 1 * 7 = 10 falls below it
    threatened = assess(years, [20.0, 19.0, 18.0, 17.0], target=15.0, target_year=2025,
                        method="destatis")  # fmt: skip
    assert (threatened.method_status, threatened.status) == ("sun_behind_cloud", Status.ACHIEVED)
    assert any("threatens" in n for n in threatened.notes)


@pytest.mark.parametrize(
    ("values", "label", "status"),
    [
        # mean change (last - first) / 5 and last change, both judged by their sign
        ([10.0, 11.0, 12.0, 13.0, 14.0, 15.0], "sun", Status.ON_TRACK),  # +1, +1
        ([10.0, 11.0, 12.0, 13.0, 14.0, 13.0], "slightly_cloudy", Status.AT_RISK),  # +0.6, -1
        ([15.0, 14.0, 13.0, 12.0, 11.0, 12.0], "cloud", Status.OFF_TRACK),  # -0.6, +1
        ([15.0, 14.0, 13.0, 12.0, 11.0, 10.0], "thunderstorm", Status.REGRESSING),  # -1, -1
    ],
)
def test_destatis_direction_only_combines_mean_and_last_change(
    values: list[float], label: str, status: Status
) -> None:
    a = assess(list(range(2015, 2021)), values, method="destatis")
    assert (a.method_status, a.status) == (label, status)


def test_destatis_assessment_ends_when_the_target_year_has_passed() -> None:
    years, values = SEVEN
    missed = assess(years, values, target=30.0, target_year=2020, method="destatis")
    assert (missed.method_status, missed.status) == ("ended", Status.MISSED)
    met = assess(years, values, target=15.0, target_year=2020, method="destatis")
    assert (met.method_status, met.status) == ("ended", Status.ACHIEVED)


def test_destatis_structural_break_suspends_the_assessment() -> None:
    a = assess(*SEVEN, target=40.0, target_year=2030, method="destatis", structural_break=True)
    assert (a.method_status, a.status) == ("suspended", Status.NOT_ASSESSABLE)


def test_destatis_several_targets_the_worst_symbol_wins() -> None:
    assert worst_symbol(["sun", "cloud", "slightly_cloudy"]) == "cloud"
    assert worst_symbol(["ended", "sun_behind_cloud"]) == "sun_behind_cloud"
    assert worst_symbol(["suspended"]) == "suspended"
    results = [
        assess(*SEVEN, target=target, target_year=2030, method="destatis")
        for target in (38.9, 50.0)
    ]
    assert combine_worst(results) == (Status.OFF_TRACK, "cloud")
