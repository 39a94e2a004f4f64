"""Compound growth needs every used value (base to latest) of one sign: a series that changes
sign, or touches zero, anywhere in between is not assessable for the compound methods. Growth
to a latest value of zero is the exception: it is -100 % a year, and the agencies publish it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from targets.engine import (
    METHOD_LABELS,
    STATUS_CODES,
    Status,
    assess,
    assess_batch,
    assess_growth_rate,
)

approx = pytest.approx
NOT_ASSESSED = {"statcan": "not_available", "unsd": "not_evaluated", "istat": "not_assessed"}


@pytest.mark.parametrize("method", ["statcan", "unsd", "istat"])
def test_a_sign_change_inside_the_series_is_not_assessable_for_compound_methods(
    method: str,
) -> None:
    # the end points 10 and 12 share a sign, but 2018 is -5: (12 / 10) ** (1/5) - 1 would
    # pretend a steady 3.7 % a year through a negative figure
    a = assess([2015, 2018, 2020], [10, -5, 12], target=20, target_year=2030, method=method)
    assert (a.status, a.method_status) == (Status.NOT_ASSESSABLE, NOT_ASSESSED[method])
    assert a.reason == (
        "the series changes sign (from 10 in 2015 to -5 in 2018): compound growth is undefined"
    )
    assert a.growth_actual is None
    assert a.projected is None  # the compound projection rests on g_a
    g_a = next(s for s in a.steps if s.name == "g_a")
    assert g_a.formula.endswith(
        "undefined: the series changes sign (from 10 in 2015 to -5 in 2018)"
    )


@pytest.mark.parametrize("method", ["statcan", "unsd", "istat"])
def test_a_zero_inside_the_series_is_a_sign_problem(method: str) -> None:
    a = assess([2015, 2018, 2020], [10, 0, 12], target=20, target_year=2030, method=method)
    assert a.status is Status.NOT_ASSESSABLE
    assert a.reason == (
        "the series changes sign (from 10 in 2015 to 0 in 2018): compound growth is undefined"
    )


def test_a_zero_latest_value_has_growth_of_minus_100_percent() -> None:
    # 10 -> 0 rising toward 20: g_a = (0 / 10) ** (1/2) - 1 = -1;
    # g_r = 2 ** (1/10) - 1 = 0.0717735; R = 1 * 1 * -1 / 0.0717735 = -13.9328: deterioration,
    # score max(4.1667 * -13.9328 - 2.5, -5) = -5
    up = assess([2020, 2022], [10.0, 0.0], target=20.0, target_year=2030)
    assert (up.status, up.method_status) == (Status.REGRESSING, "deterioration")
    assert up.growth_actual == -1.0
    assert up.ratio == approx(-13.9328, abs=1e-4)
    assert up.score == -5.0
    assert up.projected == 0.0  # 0 * (1 - 1) ** 8
    assert up.reach_year is None  # a compound trend from zero goes nowhere
    assert up.growth_required_now is None  # and growth from zero is undefined
    # falling toward 0 (replaced by 0.001): met, achieved, and R is published:
    # g_r = (0.001 / 10) ** (1/10) - 1 = 0.398107 - 1 = -0.601893; R = -1 * -1 / 0.601893
    down = assess([2020, 2022], [10.0, 0.0], target=0.0, target_year=2030, direction="decrease")
    assert (down.status, down.method_status) == (Status.ACHIEVED, "target_achieved")
    assert down.progress == approx(1.661425, abs=1e-6)


@pytest.mark.parametrize("method", ["unsd", "istat"])
def test_a_zero_latest_value_is_judged_by_the_other_compound_methods(method: str) -> None:
    # g_a = -1 from 10 to 0; without a target x = s * d * g_a = 1 (lower is better)
    a = assess([2020, 2022], [10.0, 0.0], direction="decrease", method=method)
    assert a.status is Status.ON_TRACK
    assert a.progress == 1.0


def test_a_negative_series_rising_to_zero_is_progress() -> None:
    # s = -1 for a negative base: x = -1 * 1 * -1 = 1 (higher is better, -8 up to 0)
    a = assess([2020, 2022], [-8.0, 0.0])
    assert (a.growth_actual, a.progress) == (-1.0, 1.0)
    assert a.status is Status.ON_TRACK


def test_growth_from_zero_is_still_undefined() -> None:
    # UNSD defines no replacement for a zero base; a zero then a value has no compound rate
    a = assess([2020, 2022], [0.0, 5.0], method="unsd")
    assert a.status is Status.NOT_ASSESSABLE
    assert a.reason == "a zero base value: compound growth is undefined"
    b = assess([2019, 2020, 2022], [4.0, 0.0, 0.0], method="istat")
    assert b.reason == (
        "the series changes sign (from 4 in 2019 to 0 in 2020): compound growth is undefined"
    )


def test_statcan_still_replaces_a_zero_base_and_says_the_growth_means_little() -> None:
    # v_b = 0.001; every later value is positive: g_a = (10 / 0.001) ** (1/2) - 1 = 99
    a = assess([2020, 2021, 2022], [0.0, 5.0, 10.0], target=20.0, target_year=2024)
    assert a.growth_actual == approx(99.0)
    assert a.status is not Status.NOT_ASSESSABLE
    assert (
        "base 0 replaced by 0.001, Statistics Canada's rule: growth rates from it are not "
        "meaningful"
    ) in a.notes
    # a zero base followed by a negative figure changes sign once the base is 0.001
    neg = assess([2020, 2021, 2022], [0.0, -5.0, -10.0], target=-20.0, target_year=2024,
                 direction="decrease")  # fmt: skip
    assert neg.status is Status.NOT_ASSESSABLE
    assert neg.reason is not None
    assert "from 0.001 in 2020 to -5 in 2021" in neg.reason


def test_statcan_says_a_replaced_zero_target_makes_growth_mean_little() -> None:
    a = assess([2020, 2022], [10.0, 5.0], target=0.0, target_year=2024, direction="decrease")
    assert (
        "target 0 replaced by 0.001, Statistics Canada's rule: growth rates to it are not "
        "meaningful"
    ) in a.notes


def test_an_all_negative_series_keeps_its_compound_rate() -> None:
    # -10 -> -8 -> -5: one sign throughout; g_a = (-5 / -10) ** (1/2) - 1 = -0.292893
    a = assess([2020, 2021, 2022], [-10.0, -8.0, -5.0], target=-2.0, target_year=2024)
    assert a.growth_actual == approx(-0.292893, abs=1e-6)
    assert a.status is Status.AT_RISK  # R = 0.88418, as in test_statcan


def test_points_before_a_named_base_year_do_not_count() -> None:
    # base 2018: 5 -> 7 over two years, positive throughout; the -3 of 2016 is not used
    a = assess([2016, 2018, 2020], [-3.0, 5.0, 7.0], target=10.0, target_year=2030, base_year=2018)
    assert a.growth_actual == approx((7 / 5) ** 0.5 - 1)


def test_linear_methods_are_unaffected_but_show_no_compound_rate() -> None:
    # sdsn: s_a = (12 - 10) / 5 = 0.4, s_r = (20 - 10) / 15 = 0.6667; 0.4 / 0.6667 = 0.6:
    # at least half the required rate, below it: moderately improving
    s = assess([2015, 2018, 2020], [10, -5, 12], target=20, target_year=2030, method="sdsn")
    assert (s.method_status, s.status) == ("moderately_improving", Status.AT_RISK)
    assert s.ratio == approx(0.6)
    assert s.growth_actual is None
    # destatis: slope (14 - 10) / 3 = 1.3333; p_2030 = 14 + 1.3333 * 12 = 30;
    # miss = (31 - 30) / (31 - 14) = 0.0588: slightly cloudy
    d = assess([2015, 2016, 2017, 2018], [10, -5, 12, 14], target=31, target_year=2030,
               method="destatis")  # fmt: skip
    assert (d.method_status, d.status) == ("slightly_cloudy", Status.AT_RISK)
    assert d.ratio == approx(1 / 17)


@pytest.mark.parametrize("method", ["statcan", "unsd", "istat", "sdsn"])
def test_the_batch_applies_the_same_sign_rule(method: str) -> None:
    series = ["cross", "cross", "cross", "zero", "zero", "zero", "base0", "base0", "base0"]
    years = [2015, 2018, 2020] * 3
    values = [10.0, -5.0, 12.0, 10.0, 0.0, 12.0, 0.0, 5.0, 10.0]
    batch = assess_batch(series, years, values, target=20.0, target_year=2030, method=method)
    for i, sid in enumerate(batch.ids):
        rows = [j for j, s in enumerate(series) if s == sid]
        one = assess([years[j] for j in rows], [values[j] for j in rows], target=20.0,
                     target_year=2030, method=method)  # fmt: skip
        assert STATUS_CODES[batch.status[i]] == one.status, sid
        assert METHOD_LABELS[method][batch.method_status[i]] == one.method_status, sid
        g = float(batch.growth_actual[i])
        assert (math.isnan(g) and one.growth_actual is None) or g == one.growth_actual, sid
    cross = int(np.flatnonzero(batch.ids == "cross")[0])
    assert math.isnan(batch.growth_actual[cross])


def test_growth_rate_periods_from_or_across_zero_are_not_assessable() -> None:
    # a fall to zero is -100 % growth, defined, and short of 9.2 %: missed
    a = assess_growth_rate([2021, 2022], [100.0, 0.0], rate=0.092, target_year=2022)
    assert (a.status, a.realised) == (Status.MISSED, ((2022.0, -1.0),))
    # growth from zero, or across a sign change, is undefined
    z = assess_growth_rate([2021, 2022], [0.0, 5.0], rate=0.092, target_year=2022)
    assert (z.status, z.method_status) == (Status.NOT_ASSESSABLE, "not_available")
    assert z.reason == "the series changes sign (from 0 in 2021 to 5 in 2022): growth is undefined"
    b = assess_growth_rate([2020, 2021], [-5.0, 5.0], rate=0.092, target_year=2022)
    assert b.status is Status.NOT_ASSESSABLE
    assert b.reason == "the series changes sign (from -5 in 2020 to 5 in 2021): growth is undefined"


def test_export_subsidies_falling_to_zero_match_the_published_progress_value() -> None:
    # Statistics Canada, SDG 2.b.1 (quoted in issue 13): 81,124 to 0, target 0 (computed as
    # 0.001) by 2030, achieved, progress value 1.4224. The base year is 2015 (the agency's
    # default); g_a = -1 whatever the latest year, g_r = (0.001 / 81124) ** (1/15) - 1
    # = exp(-18.21148 / 15) - 1 = -0.703022, so R = -1 * -1 / 0.703022 = 1.42243
    a = assess([2015, 2022], [81124.0, 0.0], target=0.0, target_year=2030, direction="decrease")
    assert (a.status, a.method_status, a.score) == (Status.ACHIEVED, "target_achieved", 5.0)
    assert a.progress == approx(1.4224, abs=5e-5)


def test_unsd_share_of_an_all_negative_series_worked_by_hand_in_both_paths() -> None:
    # -100 (2020) -> -90.25 (2022), higher is better, -50 by 2026: g_a = 0.9025 ** 0.5 - 1
    # = -0.05; p_2026 = -90.25 * 0.95 ** 4 = -73.50919; P = (-73.50919 + 100) / (-50 + 100)
    # = 0.529816: acceleration needed
    one = assess([2020, 2022], [-100.0, -90.25], target=-50.0, target_year=2026, method="unsd")
    many = assess_batch([0, 0], [2020, 2022], [-100.0, -90.25], target=-50.0, target_year=2026,
                        method="unsd")  # fmt: skip
    assert one.projected == approx(-73.50919, abs=1e-5)
    assert one.ratio == approx(0.529816, abs=1e-6)
    assert one.method_status == "acceleration_needed"
    assert float(many.ratio[0]) == one.ratio
    assert many.method_labels()[0] == one.method_status


@pytest.mark.parametrize(
    ("method", "label"), [("istat", "clear_improvement"), ("unsd", "on_track")]
)
def test_a_negative_series_rising_toward_zero_improves_without_a_target(
    method: str, label: str
) -> None:
    # -100 -> -90 in a year: g_a = 0.9 - 1 = -0.1; s = -1: x = -1 * 1 * -0.1 = 0.1 > 5 %, >= 2 %
    one = assess([2020, 2021], [-100.0, -90.0], method=method)
    many = assess_batch([0, 0], [2020, 2021], [-100.0, -90.0], method=method)
    assert one.progress == approx(0.1)
    assert one.method_status == label
    assert many.method_labels()[0] == label
