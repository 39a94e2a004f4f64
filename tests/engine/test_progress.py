"""The progress value every method publishes beside its label, worked by hand from METHOD.md."""

from __future__ import annotations

import pytest

from targets.engine import Status, assess, assess_batch

approx = pytest.approx


def test_statcan_publishes_r_for_an_achieved_series_while_ratio_stays_empty() -> None:
    # Statistics Canada's 9-7-1 (published progress value 0.22537550608687057):
    # g_a = (59.4 / 58.2) ** (1/9) - 1 = exp(0.0204089 / 9) - 1 = 0.00227019
    # g_r = (50 / 58.2) ** (1/15) - 1 = exp(-0.151862 / 15) - 1 = -0.0100730
    # R = 1 * 1 * 0.00227019 / 0.0100730 = 0.225375
    a = assess([2015, 2024], [58.2, 59.4], target=50.0, target_year=2030)
    assert (a.status, a.method_status, a.score) == (Status.ACHIEVED, "target_achieved", 5.0)
    assert a.ratio is None
    assert a.progress == approx(0.225375, abs=1e-6)
    assert [s.name for s in a.steps if s.name == "R"] == ["R"]


def test_statcan_progress_is_r_when_the_ratio_grades_the_label() -> None:
    # 100 -> 121 over 2 years: g_a = 0.1; g_r = 1.44 ** 0.25 - 1 = 0.0954451; R = 1.047723
    a = assess([2020, 2022], [100.0, 121.0], target=144.0, target_year=2024)
    assert a.progress == a.ratio == approx(1.047723, abs=1e-6)


def test_statcan_progress_without_a_target_is_x() -> None:
    # x = s * d * g_a = 1 * -1 * (99 / 100 - 1) = 0.01 (falling is progress here)
    a = assess([2020, 2021], [100.0, 99.0], direction="decrease")
    assert a.progress == approx(0.01)
    assert a.ratio is None


def test_statcan_progress_is_none_where_the_target_equals_the_base() -> None:
    # g_r = 0: R is undefined, as the agency publishes (no progress value)
    a = assess([2020, 2022], [100.0, 101.0], target=100.0, target_year=2030)
    assert a.status is Status.ACHIEVED
    assert a.progress is None


def test_unsd_progress_is_p_also_for_a_met_target_ahead_of_the_base() -> None:
    # g_a = 0.1; p_T = 121 * 1.1 ** 2 = 146.41; P = (146.41 - 100) / (110 - 100) = 4.641
    a = assess([2020, 2022], [100.0, 121.0], target=110.0, target_year=2024, method="unsd")
    assert a.status is Status.ACHIEVED
    assert a.ratio is None
    assert a.progress == approx(4.641)


def test_unsd_progress_is_none_where_the_base_already_met_the_target() -> None:
    # the base 120 was beyond 110: P's denominator flips sign, so it would read backwards
    met = assess([2020, 2022], [120.0, 130.0], target=110.0, target_year=2024, method="unsd")
    fell = assess([2020, 2022], [120.0, 100.0], target=110.0, target_year=2024, method="unsd")
    assert (met.status, met.progress) == (Status.ACHIEVED, None)
    assert (fell.status, fell.progress) == (Status.REGRESSING, None)


def test_unsd_progress_without_a_target_is_the_oriented_growth_rate() -> None:
    # g_a = 1.21 ** 0.5 - 1 = 0.1; x = 1 * 1 * 0.1
    a = assess([2020, 2022], [100.0, 121.0], method="unsd")
    assert a.progress == approx(0.1)


def test_sdsn_progress_is_achieved_over_required_also_when_met() -> None:
    # achieved (121 - 100) / 2 = 10.5 a year; required (110 - 100) / 4 = 2.5; 10.5 / 2.5 = 4.2
    a = assess([2020, 2022], [100.0, 121.0], target=110.0, target_year=2024, method="sdsn")
    assert (a.status, a.ratio) == (Status.ACHIEVED, None)
    assert a.progress == approx(4.2)
    # not met: the graded ratio, 10.5 / ((150 - 100) / 4) = 0.84
    b = assess([2020, 2022], [100.0, 121.0], target=150.0, target_year=2024, method="sdsn")
    assert b.progress == b.ratio == approx(0.84)


def test_destatis_progress_is_the_miss_share_or_the_mean_change() -> None:
    years, values = [2018, 2019, 2020, 2021], [10.0, 12.0, 14.0, 16.0]
    # slope (16 - 10) / 3 = 2; p_T = 16 + 2 * 4 = 24; miss = (30 - 24) / (30 - 16) = 0.428571
    level = assess(years, values, target=30.0, target_year=2025, method="destatis")
    assert level.progress == level.ratio == approx(0.428571, abs=1e-6)
    # direction only: the five-year mean change, 2 a year, oriented by d
    rising = assess(years, values, method="destatis")
    assert rising.method_status == "sun"
    assert rising.progress == approx(2.0)
    wrong_way = assess(years, values, method="destatis", direction="decrease")
    assert wrong_way.method_status == "thunderstorm"
    assert wrong_way.progress == approx(-2.0)
    # a met target is decided without the share: none
    met = assess(years, values, target=15.0, target_year=2025, method="destatis")
    assert (met.status, met.progress) == (Status.ACHIEVED, None)


def test_istat_progress_is_the_oriented_compound_growth() -> None:
    # g_a = (90 / 100) ** (1/2) - 1 = -0.0513167; lower is better: x = 0.0513167
    a = assess([2020, 2022], [100.0, 90.0], direction="decrease", method="istat")
    assert a.progress == approx(0.0513167, abs=1e-7)


def test_a_decided_deadline_keeps_the_methods_progress_value() -> None:
    # judged at 2023 (67,000): g_a = (67000 / 45600) ** (1/4) - 1 = 0.1009751,
    # g_r = (70000 / 45600) ** (1/4) - 1 = 0.1130977, R = 0.1009751 / 0.1130977 = 0.892813
    a = assess(
        [2019, 2020, 2021, 2022, 2023, 2024],
        [45600.0, 50000.0, 64000.0, 70000.0, 67000.0, 73788.0],
        target=70000.0,
        target_year=2023,
    )
    assert a.status is Status.MISSED
    assert a.progress == approx(0.892813, abs=1e-6)


def test_the_batch_carries_the_progress_value_per_series() -> None:
    r = assess_batch(
        ["a", "a", "b", "b"],
        [2015, 2024, 2020, 2021],
        [58.2, 59.4, 100.0, 99.0],
        target=[50.0, float("nan")],
        target_year=[2030, float("nan")],
        direction=["increase", "decrease"],
    )
    assert r.progress[0] == approx(0.225375, abs=1e-6)
    assert r.progress[1] == approx(0.01)


def test_a_two_year_span_grows_alike_to_the_last_bit_in_both_paths() -> None:
    # an exponent of 1/2: numpy takes a square root on scalars but its pow loop on arrays,
    # one unit in the last place apart; the compact report (batch) and the full one
    # (scalar) then differed (found by hypothesis)
    one = assess([2022, 2024], [81.0, 67.0], target=1.0, target_year=2030, direction="decrease")
    many = assess_batch([0, 0], [2022, 2024], [81.0, 67.0], target=[1.0], target_year=[2030],
                        direction=["decrease"])  # fmt: skip
    assert one.growth_actual is not None
    assert one.growth_actual == float(many.growth_actual[0])
    assert one.ratio == float(many.ratio[0])
