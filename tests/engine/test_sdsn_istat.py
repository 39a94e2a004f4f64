"""SDSN trend arrows and ISTAT classes, worked by hand from METHOD.md."""

from __future__ import annotations

import pytest

from targets.engine import Status, assess

approx = pytest.approx


# SDSN: 50 in 2015, goal 100 by 2030: required (100 - 50) / 15 = 3.3333 a year
@pytest.mark.parametrize(
    ("latest", "label", "status", "ratio"),
    [
        (70.0, "on_track", Status.ON_TRACK, 1.2),  # 20 / 5 = 4 >= 3.3333
        (60.0, "moderately_improving", Status.AT_RISK, 0.6),  # 2: >= half, < required
        (55.0, "stagnating", Status.OFF_TRACK, 0.3),  # 1 < 1.6667
        (45.0, "decreasing", Status.REGRESSING, -0.3),  # -1 < 0
    ],
)
def test_sdsn_achieved_rate_against_required_rate(
    latest: float, label: str, status: Status, ratio: float
) -> None:
    a = assess([2015, 2020], [50.0, latest], target=100.0, target_year=2030, method="sdsn")
    assert (a.method_status, a.status) == (label, status)
    assert a.ratio == approx(ratio)
    assert a.growth_required_linear == approx(50 / 15)


def test_sdsn_at_the_goal_is_maintaining_with_a_warning_when_it_slips() -> None:
    a = assess([2015, 2020], [120.0, 105.0], target=100.0, target_year=2030, method="sdsn")
    assert (a.method_status, a.status) == ("maintaining", Status.ACHIEVED)
    assert any("threatens" in n for n in a.notes)


def test_sdsn_needs_a_target() -> None:
    a = assess([2015, 2020], [50.0, 60.0], method="sdsn")
    assert (a.method_status, a.status) == ("unavailable", Status.NOT_ASSESSABLE)


def test_sdsn_lower_is_better() -> None:
    # rank 80 -> 60 over 5 years (-4 a year) toward 30 by 2030: required -50 / 15 = -3.33
    a = assess([2015, 2020], [80.0, 60.0], target=30.0, target_year=2030, direction="decrease",
               method="sdsn")  # fmt: skip
    assert a.method_status == "on_track"


@pytest.mark.parametrize(
    ("values", "direction", "label", "status"),
    [
        ([100.0, 110.0], "increase", "clear_improvement", Status.ON_TRACK),  # 10 % > 5 %
        ([100.0, 103.0], "increase", "slight_improvement", Status.AT_RISK),  # 3 %
        ([100.0, 100.5], "increase", "stable", Status.OFF_TRACK),  # 0.5 %
        ([100.0, 97.0], "increase", "slight_worsening", Status.REGRESSING),  # -3 %
        ([100.0, 90.0], "increase", "clear_worsening", Status.REGRESSING),  # -10 %
        ([100.0, 90.0], "decrease", "clear_improvement", Status.ON_TRACK),  # reversed
        ([100.0, 103.0], "decrease", "slight_worsening", Status.REGRESSING),
    ],
)
def test_istat_classes(values: list[float], direction: str, label: str, status: Status) -> None:
    a = assess([2020, 2021], values, direction=direction, method="istat")
    assert (a.method_status, a.status) == (label, status)


def test_istat_uses_the_longest_period_not_the_last_change() -> None:
    # (121 / 100) ** (1/2) - 1 = 0.1 despite the dip to 50
    a = assess([2020, 2021, 2022], [100.0, 50.0, 121.0], method="istat")
    assert a.growth_actual == approx(0.1)
    assert a.method_status == "clear_improvement"


def test_istat_shows_a_target_but_does_not_judge_it() -> None:
    a = assess([2020, 2021], [100.0, 110.0], target=105.0, target_year=2030, method="istat")
    assert a.status is Status.ON_TRACK
    assert any("istat judges no target" in n for n in a.notes)


def test_istat_zero_base_is_not_assessed() -> None:
    a = assess([2020, 2021], [0.0, 5.0], method="istat")
    assert (a.method_status, a.status) == ("not_assessed", Status.NOT_ASSESSABLE)


def test_istat_target_year_cuts_off_no_data() -> None:
    # all three points count: (144 / 100) ** (1/2) - 1 = 0.2
    a = assess([2020, 2021, 2022], [100.0, 120.0, 144.0], target=110.0, target_year=2021,
               method="istat")  # fmt: skip
    assert a.latest_year == 2022
    assert a.growth_actual == approx(0.2)
