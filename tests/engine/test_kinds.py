"""Target kinds other than a plain level: band, milestones, hold, growth rate, rank, count,
direction only, yes/no."""

from __future__ import annotations

import pytest

from targets.engine import (
    Status,
    assess,
    assess_band,
    assess_binary,
    assess_direction,
    assess_growth_rate,
    assess_hold,
    assess_milestones,
    assess_rank,
    count_meeting,
)

approx = pytest.approx


def test_band_below_judges_the_near_low_bound_as_at_least() -> None:
    # 5 -> 8 zones toward 10-12 by 2025: judged as "at least 10"
    b = assess_band([2020, 2022], [5.0, 8.0], low=10.0, high=12.0, target_year=2025)
    plain = assess([2020, 2022], [5.0, 8.0], target=10.0, target_year=2025)
    assert (b.bound, b.bound_direction, b.inside) == (10.0, "increase", False)
    assert (b.status, b.assessment.ratio) == (plain.status, plain.ratio)


def test_band_inside_is_achieved_and_warns_when_the_trend_leaves_it() -> None:
    # 9 -> 11 (inside): heading up, judged as "at most 12"; linear trend to 2025 would reach
    # 11 + 1 * 3 = 14 > 12 (sdsn projects linearly)
    b = assess_band([2020, 2022], [9.0, 11.0], low=10.0, high=12.0, target_year=2025,
                    method="sdsn")  # fmt: skip
    assert (b.status, b.inside, b.bound) == (Status.ACHIEVED, True, 12.0)
    assert any("leaves the band" in n for n in b.notes)


def test_band_beyond_the_far_bound_is_not_achieved_when_two_sided() -> None:
    b = assess_band([2020, 2022], [9.0, 13.0], low=10.0, high=12.0, target_year=2025)
    assert (b.bound, b.bound_direction) == (12.0, "decrease")
    assert b.status is Status.REGRESSING  # moving up, away from at most 12


def test_band_with_a_declared_direction_counts_overshoot_as_met() -> None:
    b = assess_band([2020, 2022], [9.0, 13.0], low=10.0, high=12.0, target_year=2025,
                    direction="increase")  # fmt: skip
    assert b.status is Status.ACHIEVED
    assert any("beyond the far bound" in n for n in b.notes)


def test_band_destatis_uses_the_weakest_bound() -> None:
    # 6 points 2017..2022 rising 1 a year to 8; band 10-12 by 2025: p = 8 + 3 = 11 reaches 10
    years, values = list(range(2017, 2023)), [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    b = assess_band(years, values, low=10.0, high=12.0, target_year=2025, method="destatis")
    assert (b.bound, b.method_status) == (10.0, "sun")


MILESTONES = [(2022, 70000.0), (2025, 100000.0)]
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
FIRMS = [45600.0, 50000.0, 64000.0, 70000.0, 67000.0, 73788.0]


def test_milestones_past_ones_are_decided_and_the_next_drives_the_status() -> None:
    m = assess_milestones(YEARS, FIRMS, milestones=MILESTONES)
    first, second = m.milestones
    assert first.status is Status.ACHIEVED  # 70,000 in 2022 met
    assert m.driving == 1
    assert m.status == second.status
    assert second.target == 100000.0
    assert any("2022 milestone" in n for n in m.notes)
    # path through (2019, 45600), (2022, 70000), (2025, 100000): at 2024, 70000 + 2 * 10000
    assert m.trajectory_value == approx(90000.0)
    assert m.trajectory_gap == approx(73788.0 - 90000.0)


def test_milestones_all_past_the_last_one_drives() -> None:
    m = assess_milestones(YEARS, FIRMS, milestones=[(2020, 40000.0), (2023, 80000.0)])
    assert m.driving == 1
    assert m.status is Status.MISSED  # 67,000 in 2023 < 80,000


HOLD_YEARS = [2018, 2019, 2020, 2021, 2022, 2023]


def test_hold_inside_with_a_holding_trend_is_sun() -> None:
    h = assess_hold(HOLD_YEARS, [6.2, 6.3, 6.2, 6.3, 6.2, 6.3], low=6.0, high=6.5, start=2019,
                    end=2025)  # fmt: skip
    # mean change (6.3 - 6.2) / 5 = 0.02; end: 6.3 + 0.02 * 2 = 6.34, inside
    assert h.projected == approx(6.34)
    assert (h.status, h.method_status, h.breaches) == (Status.ACHIEVED, "sun", ())
    assert h.checked == (2019.0, 2020.0, 2021.0, 2022.0, 2023.0)


def test_hold_inside_but_heading_out_is_sun_behind_cloud() -> None:
    # no breach; mean change (6.45 - 6.0) / 5 = 0.09; end: 6.45 + 0.09 * 2 = 6.63 > 6.5
    h = assess_hold(HOLD_YEARS, [6.0, 6.1, 6.1, 6.2, 6.3, 6.45], low=6.0, high=6.5,
                    start=2019, end=2025)  # fmt: skip
    assert (h.status, h.method_status, h.breaches) == (Status.ACHIEVED, "sun_behind_cloud", ())


def test_hold_breached_during_the_period_is_missed_and_keeps_the_current_symbol() -> None:
    # (this case read achieved before: a breach inside the period now makes the target missed)
    # 2019 breached (6.6 > 6.5); the current state is still sun behind cloud, as above
    h = assess_hold(HOLD_YEARS, [6.0, 6.6, 6.1, 6.2, 6.3, 6.45], low=6.0, high=6.5,
                    start=2019, end=2025)  # fmt: skip
    assert (h.status, h.method_status, h.breaches) == (
        Status.MISSED, "sun_behind_cloud", (2019.0,),
    )  # fmt: skip
    assert h.explain().endswith(
        "missed: above 6.5 in 2019, so not held every year; now sun behind cloud"
    )


def test_hold_outside_before_the_period_not_moving_away_is_cloud_else_thunderstorm() -> None:
    # the period starts after the data (2024): being outside is not a breach yet
    # (these ran from 2018 before; outside inside the period is now a breach, so missed)
    cloud = assess_hold(HOLD_YEARS, [5.0, 5.1, 5.2, 5.3, 5.4, 5.5], low=6.0, start=2024,
                        end=2030)  # fmt: skip
    assert (cloud.status, cloud.method_status) == (Status.OFF_TRACK, "cloud")
    storm = assess_hold(HOLD_YEARS, [7.0, 7.1, 7.2, 7.3, 7.4, 7.5], high=6.5, start=2024,
                        end=2030)  # fmt: skip
    assert (storm.status, storm.method_status) == (Status.REGRESSING, "thunderstorm")
    inside = assess_hold(HOLD_YEARS, [5.0, 5.1, 5.2, 5.3, 5.4, 5.5], low=6.0, start=2018,
                         end=2025)  # fmt: skip
    assert (inside.status, inside.method_status) == (Status.MISSED, "cloud")
    assert inside.breaches == tuple(float(y) for y in HOLD_YEARS)


def test_hold_ends_achieved_or_missed_once_the_data_reach_the_end() -> None:
    ok = assess_hold(HOLD_YEARS, [6.2] * 6, low=6.0, high=6.5, start=2018, end=2023)
    assert (ok.status, ok.method_status) == (Status.ACHIEVED, "ended")
    bad = assess_hold(HOLD_YEARS, [6.2, 6.2, 5.9, 6.2, 6.2, 6.2], low=6.0, start=2018, end=2023)
    assert (bad.status, bad.breaches) == (Status.MISSED, (2020.0,))


def test_growth_rate_target_is_judged_on_the_realised_growth() -> None:
    # 2021 -> 2022: 109.5 / 100 - 1 = 9.5 % >= 9.2 %
    ok = assess_growth_rate([2021, 2022], [100.0, 109.5], rate=0.092, target_year=2022)
    assert ok.status is Status.ACHIEVED
    assert ok.realised[0][1] == approx(0.095)
    # 109 / 100 - 1 = 9 % < 9.2 %
    short = assess_growth_rate([2021, 2022], [100.0, 109.0], rate=0.092, target_year=2022)
    assert short.status is Status.MISSED


def test_growth_rate_before_the_figures_exist_compares_the_recent_growth() -> None:
    # latest growth 2020 -> 2021: 108 / 100 - 1 = 8 %; R = 0.08 / 0.092 = 0.869565: at risk
    a = assess_growth_rate([2019, 2020, 2021], [90.0, 100.0, 108.0], rate=0.092,
                           target_year=2022)  # fmt: skip
    assert a.realised == ()
    assert a.recent == approx(0.08)
    assert a.ratio == approx(0.869565, abs=1e-6)
    assert (a.status, a.method_status) == (Status.AT_RISK, "moderate_progress")


def test_rank_is_judged_linearly_and_compound_methods_are_refused() -> None:
    # rank 90 (2017) -> 70 (2022): -4 a year; to reach 30 by 2030 from 90: -60 / 13 = -4.615
    # 4 / 4.615 = 0.8667 of the required pace: moderately improving
    r = assess_rank([2017, 2022], [90.0, 70.0], target_rank=30, target_year=2030)
    assert (r.method, r.direction, r.projection) == ("sdsn", "decrease", "linear")
    assert r.ratio == approx(0.86667, abs=1e-5)
    assert r.status is Status.AT_RISK
    # linear: 70 - 4 * 8 = 38 by 2030; reach 30 at 2022 + 40 / 4 = 2032
    assert r.projected == approx(38.0)
    assert r.reach_year == approx(2032.0)
    with pytest.raises(ValueError, match="ranks are judged linearly"):
        assess_rank([2017, 2022], [90.0, 70.0], target_rank=30, target_year=2030,
                    method="statcan")  # fmt: skip


def test_count_of_entities_meeting_a_condition_per_year() -> None:
    c = count_meeting(
        ["HN", "HCM", "DN", "HN", "HCM", "DN", "BN"],
        [2021, 2021, 2021, 2022, 2022, 2022, 2022],
        [1.5, 2.0, 0.7, 1.6, 2.2, 1.1, 0.4],
        threshold=1.0,
    )
    assert (c.years, c.counts, c.reporting) == ((2021.0, 2022.0), (2.0, 3.0), (3, 4))
    at_most = count_meeting(["a", "b"], [2021, 2021], [1.0, 2.0], threshold=1.0, at_least=False)
    assert at_most.counts == (1.0,)
    a = assess(c.years, c.counts, target=10.0, target_year=2025)
    assert a.latest_value == 3.0
    with pytest.raises(ValueError, match="two figures"):
        count_meeting(["a", "a"], [2021, 2021], [1.0, 2.0], threshold=1.0)


def test_direction_only_uses_the_no_target_rules() -> None:
    a = assess_direction([2020, 2021], [100.0, 102.0], direction="increase")
    assert (a.method_status, a.target) == ("substantial_progress", None)


def test_yes_no_milestone() -> None:
    done = assess_binary([2022, 2023], [False, True], target_year=2030)
    assert (done.status, done.first_reached) == (Status.ACHIEVED, 2023.0)
    pending = assess_binary([2022, 2023], [False, False], target_year=2030)
    assert (pending.status, pending.reason) == (Status.NOT_ASSESSABLE, "not yet reached; due 2030")
    late = assess_binary([2029, 2030, 2031], [False, False, True], target_year=2030)
    assert late.status is Status.MISSED
    reverted = assess_binary([2022, 2023], [True, False], target_year=2030)
    assert reverted.status is Status.NOT_ASSESSABLE
    assert any("reached in 2022" in n for n in reverted.notes)


def test_a_milestone_already_met_does_not_drive() -> None:
    # 73,788 (2024) already meets 70,000 by 2025; 100,000 by 2030 is still pending and drives.
    # 2030: g_a = (73788 / 45600) ** (1/5) - 1 = 0.101043, g_r = (100000 / 45600) ** (1/11) - 1
    # = 0.073997: R = 1.36549, substantial progress (on track), not "achieved"
    m = assess_milestones(YEARS, FIRMS, milestones=[(2025, 70000.0), (2030, 100000.0)])
    assert (m.driving, m.met_early) == (1, (0,))
    assert (m.status, m.method_status) == (Status.ON_TRACK, "substantial_progress")
    assert m.milestones[1].ratio == approx(1.36549, abs=1e-5)
    assert "2025 milestone (70,000): met already" in m.notes
    assert m.explain().endswith(
        "on track (statcan: substantial progress); 2025 milestone met already"
    )


def test_milestones_are_achieved_only_when_every_one_is_met() -> None:
    # both future milestones met by 73,788: achieved, the last one drives
    m = assess_milestones(YEARS, FIRMS, milestones=[(2025, 70000.0), (2030, 72000.0)])
    assert (m.status, m.driving) == (Status.ACHIEVED, 1)


def test_a_missed_past_milestone_with_every_future_one_met_makes_the_target_missed() -> None:
    # 70,000 (2022) < 75,000: missed; 70,000 by 2025 is met already: nothing pending can undo
    # the miss, so the missed milestone drives
    m = assess_milestones(YEARS, FIRMS, milestones=[(2022, 75000.0), (2025, 70000.0)])
    assert (m.status, m.driving) == (Status.MISSED, 0)
    # with every milestone past: 2020 missed (50,000 < 60,000), 2023 achieved (67,000): missed
    # (this read achieved before, when the last milestone drove whatever came earlier)
    past = assess_milestones(YEARS, FIRMS, milestones=[(2020, 60000.0), (2023, 60000.0)])
    assert (past.status, past.driving) == (Status.MISSED, 0)


def test_a_missed_past_milestone_leaves_the_pending_one_to_say_the_status() -> None:
    # 2022 missed (70,000 < 75,000); 100,000 by 2030 pending: its status (on track) stands,
    # the miss is listed
    m = assess_milestones(YEARS, FIRMS, milestones=[(2022, 75000.0), (2030, 100000.0)])
    assert (m.status, m.driving) == (Status.ON_TRACK, 1)
    assert "2022 milestone (75,000): missed" in m.notes


def test_hold_breached_early_is_missed_even_without_a_trend() -> None:
    # 42 < 45 in 2016 broke "at least 45 every year"; three figures are too few for a symbol
    h = assess_hold(years=[2016, 2017, 2018], values=[42, 46, 47], low=45, start=2016, end=2025)
    assert (h.status, h.method_status, h.breaches, h.reason) == (
        Status.MISSED, "not_assessed", (2016.0,), None,
    )  # fmt: skip
    assert h.explain() == (
        "to stay at least 45 every year 2016-2025; at 47 (2018); missed: below 45 in 2016, so "
        "not held every year; now not assessed"
    )
    # five figures: mean change (47 - 42) / 4 = 1.25; 47 + 1.25 * 7 = 55.75 >= 45: sun now
    sun = assess_hold([2016, 2017, 2018, 2019, 2020], [42, 46, 47, 47, 47], low=45, start=2016,
                      end=2025)  # fmt: skip
    assert (sun.status, sun.method_status) == (Status.MISSED, "sun")
    assert sun.explain().endswith("missed: below 45 in 2016, so not held every year; now sun")


def test_a_figure_outside_before_the_period_is_no_breach() -> None:
    h = assess_hold([2014, 2015, 2016, 2017], [42, 46, 47, 48], low=45, start=2016, end=2025)
    assert (h.status, h.breaches) == (Status.ACHIEVED, ())


def test_growth_rate_targets_use_statcan_thresholds_and_say_so() -> None:
    for other in ({"percent_target_tolerance": 0.0}, {"sun": 0.1}):
        with pytest.raises(ValueError, match="growth-rate targets use Statistics Canada's thresh"):
            assess_growth_rate([2020, 2021], [100.0, 108.0], rate=0.092, target_year=2022,
                               thresholds=other)  # fmt: skip
    # R = 0.08 / 0.092 = 0.869565 >= 0.8: substantial progress with the lowered threshold
    a = assess_growth_rate([2020, 2021], [100.0, 108.0], rate=0.092, target_year=2022,
                           thresholds={"substantial_progress": 0.8})  # fmt: skip
    assert (a.status, a.method_status) == (Status.ON_TRACK, "substantial_progress")


def test_a_missed_growth_rate_does_not_read_as_progress() -> None:
    # 109 / 100 - 1 = 9 % < 9.2 %: missed; R = 0.09 / 0.092 = 0.978 would say substantial
    a = assess_growth_rate([2021, 2022], [100.0, 109.0], rate=0.092, target_year=2022)
    assert (a.status, a.method_status) == (Status.MISSED, "substantial_progress")
    assert a.explain() == (
        "needs 9.2 % growth a year in 2021-2022; grew 9.0 % into 2022; missed: short of 9.2 % "
        "in 2022 (the statcan trend label was: substantial progress)"
    )


def test_a_growth_rate_ratio_that_overflows_still_grades_and_is_stored_as_none() -> None:
    # growth 1 -> 1.8e307 in one year is finite, but R = growth / 0.1 overflows to inf
    g = assess_growth_rate([2000, 2001], [1.0, 1.797693134862316e307], rate=0.1, target_year=2002)
    assert (g.status, g.method_status) == (Status.ON_TRACK, "substantial_progress")
    assert g.ratio is None


def test_hold_and_growth_rate_results_carry_the_thresholds_they_used() -> None:
    # METHOD.md: every result carries its method's thresholds, overrides included
    h = assess_hold([2020, 2021], [5.0, 5.0], low=4.0, start=2020, end=2030,
                    thresholds={"min_points": 2.0})  # fmt: skip
    assert h.headline.thresholds["min_points"] == 2.0
    assert h.headline.thresholds["points"] == 6.0
    g = assess_growth_rate([2020, 2021], [50.0, 51.25], rate=0.025, target_year=2023,
                           thresholds={"substantial_progress": 1.5})  # fmt: skip
    assert g.headline.thresholds["substantial_progress"] == 1.5
    assert g.method_status == "moderate_progress"  # R = 1 < 1.5, >= 0.6
