"""A passed deadline without a figure of its own, but with figures on both sides, is decided on
the value interpolated linearly at the target year (the engine's choice, consistent with
"judged with the data up to that year"), not on the stale figure before it."""

from __future__ import annotations

import pytest

from targets.engine import (
    STATUS_CODES,
    Status,
    assess,
    assess_band,
    assess_batch,
    assess_milestones,
)

approx = pytest.approx


def test_the_value_at_the_deadline_is_interpolated_between_the_figures_either_side() -> None:
    # 2015: 50, 2020: 120, target 100 by 2019: 50 + (120 - 50) * (2019 - 2015) / (2020 - 2015)
    # = 50 + 70 * 0.8 = 106 >= 100: achieved (the 2015 figure alone said missed)
    a = assess([2015, 2020], [50, 120], target=100, target_year=2019, method="statcan")
    assert a.status is Status.ACHIEVED
    assert a.interpolated == approx(106.0)
    assert (a.deadline_passed, a.deadline_reached) == (True, True)
    assert (a.latest_year, a.latest_value) == (2015.0, 50.0)  # the figures used stay actual
    assert "no figure for 2019: 106 interpolated between 2015 (50) and 2020 (120)" in a.notes
    (step,) = [s for s in a.steps if s.name == "v_T (interpolated)"]
    assert step.formula == "50 + (120 - 50) * (2019 - 2015) / (2020 - 2015)"
    assert step.value == approx(106.0)
    assert a.method_status == "not_available"  # one figure up to 2019: no trend to label
    assert a.explain() == (
        "at 106 (2019, interpolated), meets the target of 100 by 2019; achieved: the deadline "
        "2019 passed with the target met (the statcan trend label was: not available)"
    )


@pytest.mark.parametrize(
    ("method", "label"),
    [
        # g_a = 1.6 ** (1/3) - 1 = 0.169607, g_r = 2 ** (1/4) - 1 = 0.189207: R = 0.896414
        ("statcan", "moderate_progress"),
        # p_2019 = 80 * 1.169607 = 93.5686: P = (93.5686 - 50) / (100 - 50) = 0.871371
        ("unsd", "acceleration_needed"),
        ("destatis", "ended"),
        # s_a = (80 - 50) / 3 = 10, s_r = (100 - 50) / 4 = 12.5: 0.8 of the required rate
        ("sdsn", "moderately_improving"),
    ],
)
def test_every_level_method_but_istat_decides_on_the_interpolated_value(
    method: str, label: str
) -> None:
    # 80 (2018) and 120 (2020) straddle 2019: 80 + 40 * 0.5 = 100 meets 100; the old rule
    # judged the 2018 figure (80) and said missed. The trend label stays the method's own,
    # from the figures up to 2018 (50 -> 80 over 2015-2018 against 50 -> 100 by 2019).
    years, values = [2015, 2016, 2017, 2018, 2020], [50.0, 60.0, 70.0, 80.0, 120.0]
    a = assess(years, values, target=100.0, target_year=2019, method=method)
    assert a.status is Status.ACHIEVED
    assert a.interpolated == 100.0
    assert a.method_status == label
    missed = assess(years, values, target=101.0, target_year=2019, method=method)
    assert missed.status is Status.MISSED


def test_istat_judges_no_target_so_nothing_is_interpolated() -> None:
    a = assess([2015, 2020], [50.0, 120.0], target=100.0, target_year=2019, method="istat")
    assert a.interpolated is None
    assert a.latest_year == 2020.0


def test_a_figure_at_the_deadline_decides_as_before() -> None:
    a = assess([2015, 2019, 2020], [50.0, 90.0, 120.0], target=100.0, target_year=2019)
    assert (a.status, a.interpolated, a.latest_year) == (Status.MISSED, None, 2019.0)


def test_without_a_figure_after_the_deadline_the_trend_is_judged_as_before() -> None:
    # as_of 2019 hides the 2020 figure: the data stop in 2018, before the deadline
    a = assess([2015, 2018, 2020], [50.0, 80.0, 120.0], target=100.0, target_year=2019,
               as_of=2019)  # fmt: skip
    assert a.interpolated is None
    assert not a.deadline_reached
    assert a.status not in (Status.ACHIEVED, Status.MISSED)
    assert any("the data stop in 2018" in n for n in a.notes)


def test_a_band_chooses_its_bound_on_the_interpolated_value() -> None:
    # 9 (2020) and 12.6 (2026): at 2025, 9 + 3.6 * 5 / 6 = 12, inside 10-12: achieved
    # (judged on the 2020 figure, 9, the band read missed)
    b = assess_band([2020, 2026], [9.0, 12.6], low=10.0, high=12.0, target_year=2025)
    assert (b.status, b.inside) == (Status.ACHIEVED, True)
    # 9 (2020) and 15 (2026): 14 at 2025 is above the two-sided band: missed on "at most 12"
    above = assess_band([2020, 2026], [9.0, 15.0], low=10.0, high=12.0, target_year=2025)
    assert (above.status, above.bound, above.inside) == (Status.MISSED, 12.0, False)


def test_a_past_milestone_is_decided_on_the_interpolated_value() -> None:
    # 2022 milestone 60: 50 (2021) and 70 (2023) give 60 at 2022: achieved
    m = assess_milestones([2019, 2021, 2023], [40.0, 50.0, 70.0],
                          milestones=[(2022, 60.0), (2030, 100.0)])  # fmt: skip
    assert m.milestones[0].status is Status.ACHIEVED
    assert m.milestones[0].interpolated == 60.0


def test_the_batch_interpolates_as_assess_does() -> None:
    series = ["a", "a", "b", "b", "b", "b", "b"]
    years = [2015, 2020, 2015, 2016, 2017, 2018, 2020]
    values = [50.0, 120.0, 50.0, 60.0, 70.0, 80.0, 120.0]
    for method in ("statcan", "unsd", "destatis", "sdsn"):
        batch = assess_batch(
            series, years, values, target=[100.0, 101.0], target_year=2019, method=method
        )
        assert [STATUS_CODES[s] for s in batch.status] == [Status.ACHIEVED, Status.MISSED]
