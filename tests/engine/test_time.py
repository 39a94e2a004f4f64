"""as_of, passed deadlines, the base year, and the arguments assess refuses."""

from __future__ import annotations

import pytest

from targets.engine import Status, assess

approx = pytest.approx
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
FIRMS = [45600.0, 50000.0, 64000.0, 70000.0, 67000.0, 73788.0]


def test_as_of_hides_later_figures_and_reproduces_an_old_verdict() -> None:
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025, as_of=2022)
    assert a.latest_year == 2022
    assert a.years == (2019.0, 2020.0, 2021.0, 2022.0)
    same = assess(YEARS[:4], FIRMS[:4], target=100000.0, target_year=2025)
    assert (a.status, a.ratio) == (same.status, same.ratio)


def test_default_as_of_is_the_latest_year() -> None:
    assert assess(YEARS, FIRMS, target=100000.0, target_year=2025).as_of == 2024


def test_a_passed_deadline_with_data_is_achieved_or_missed() -> None:
    missed = assess(YEARS, FIRMS, target=70000.0, target_year=2023)
    # 67,000 in 2023 < 70,000, judged on the data up to 2023 (2024 is ignored)
    assert (missed.status, missed.latest_year, missed.deadline_passed) == (
        Status.MISSED, 2023.0, True,
    )  # fmt: skip
    # the method's own trend label stays: g_a = (67000 / 45600) ** (1/4) - 1 = 0.100975,
    # g_r = (70000 / 45600) ** (1/4) - 1 = 0.113098, R = 0.89281: moderate progress
    assert missed.method_status == "moderate_progress"
    assert missed.ratio == approx(0.89281, abs=1e-5)
    met = assess(YEARS, FIRMS, target=60000.0, target_year=2022)
    assert met.status is Status.ACHIEVED


def test_no_figure_for_the_target_year_is_interpolated_between_the_figures_around_it() -> None:
    # (this test was named for the old rule, which judged the last figure before 2022)
    # 2 + (9 - 2) * (2022 - 2021) / (2024 - 2021) = 4.3333 < 5: missed
    a = assess([2019, 2021, 2024], [1.0, 2.0, 9.0], target=5.0, target_year=2022)
    assert (a.status, a.latest_year) == (Status.MISSED, 2021.0)
    assert a.interpolated == approx(4.33333, abs=1e-5)
    assert "no figure for 2022: 4.333 interpolated between 2021 (2) and 2024 (9)" in a.notes


def test_data_stopping_before_a_passed_deadline_is_noted_and_judged_on_the_trend() -> None:
    a = assess([2019, 2020, 2021], [100.0, 110.0, 121.0], target=150.0, target_year=2023,
               as_of=2025)  # fmt: skip
    assert a.status not in (Status.MISSED, Status.ACHIEVED)
    assert any("the data stop in 2021" in n for n in a.notes)


def test_a_single_point_after_the_deadline_still_decides_achieved_or_missed() -> None:
    # one figure meeting the target is Statistics Canada's "target achieved" (met test first)
    a = assess([2025], [120.0], target=100.0, target_year=2025)
    assert (a.status, a.method_status) == (Status.ACHIEVED, "target_achieved")
    short = assess([2025], [80.0], target=100.0, target_year=2025)
    assert (short.status, short.method_status) == (Status.MISSED, "not_available")


def test_base_year_selects_the_base_point() -> None:
    # base 2021 (64,000): g_a = (73788 / 64000) ** (1/3) - 1 = exp(0.142314 / 3) - 1 = 0.048581
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025, base_year=2021)
    assert (a.base_year, a.base_value) == (2021.0, 64000.0)
    assert a.growth_actual == approx(0.048581, abs=1e-6)


def test_a_base_year_without_a_figure_moves_to_the_first_later_year_for_statcan() -> None:
    # Statistics Canada (Open SDG): the first later year with a figure; said in a note
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025, base_year=2018)
    assert (a.base_year, a.base_value) == (2019.0, 45600.0)
    assert (
        "no figure for the base year 2018: the base moves to 2019, the first later year with a "
        "figure"
    ) in a.notes
    inside = assess([2014, 2016, 2020], [1.0, 2.0, 3.0], target=9.0, target_year=2030,
                    base_year=2015)  # fmt: skip
    assert inside.base_year == 2016.0


def test_a_base_year_after_every_figure_is_not_assessable_for_statcan() -> None:
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2030, base_year=2025)
    assert a.status is Status.NOT_ASSESSABLE
    assert a.reason == "no figure in or after the base year 2025"


def test_unsd_moves_the_base_after_it_else_before_it_leaving_two_figures() -> None:
    # UNSD's 2023 note: the first year after the base year, or else before it, that leaves
    # at least two values
    after = assess(YEARS, FIRMS, target=100000.0, target_year=2025, method="unsd",
                   base_year=2018)  # fmt: skip
    assert after.base_year == 2019.0
    assert (
        "the base moves to 2019, the first year after it that leaves two figures"
        in (after.notes[0])
    )
    # after 2015 only 2016, the latest figure: it would leave one value, so back to 2013
    back = assess([2010, 2013, 2016], [1.0, 2.0, 3.0], target=9.0, target_year=2030,
                  method="unsd", base_year=2015)  # fmt: skip
    assert back.base_year == 2013.0
    assert (
        "no figure for the base year 2015: the base moves back to 2013, the nearest year before "
        "it that leaves two figures"
    ) in back.notes
    # a base year after every figure: the nearest year before that leaves two figures
    late = assess(YEARS, FIRMS, target=100000.0, target_year=2030, method="unsd",
                  base_year=2024.5)  # fmt: skip
    assert (late.base_year, late.latest_year) == (2023.0, 2024.0)


def test_unsd_with_one_figure_takes_it_as_the_base() -> None:
    a = assess([2022], [5.0], target=20.0, target_year=2030, method="unsd", base_year=2015)
    assert (a.base_year, a.status) == (2022.0, Status.NOT_ASSESSABLE)
    assert "no figure for the base year 2015: the base is the only figure, 2022" in a.notes


def test_no_figures_is_not_assessable() -> None:
    a = assess([], [], target=1.0, target_year=2030)
    assert (a.status, a.reason) == (Status.NOT_ASSESSABLE, "no figures")


def test_trajectory_and_gap_at_the_latest_year() -> None:
    # linear: 45600 + (2024 - 2019) * (100000 - 45600) / 6 = 90933.33; gap 73788 - 90933.33
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025)
    assert a.trajectory_value == approx(90933.333, abs=1e-3)
    assert a.trajectory_gap == approx(-17145.333, abs=1e-3)
    # compound: 45600 * (100000 / 45600) ** (5 / 6) = 87909.7
    c = assess(YEARS, FIRMS, target=100000.0, target_year=2025, trajectory="compound")
    assert c.trajectory_value == approx(45600 * (100000 / 45600) ** (5 / 6))


def test_reach_year_is_none_when_the_trend_moves_away() -> None:
    a = assess([2020, 2022], [100.0, 90.0], target=150.0, target_year=2030)
    assert a.reach_year is None
    # 100 -> 121: g_a = 0.1; reach 150 at 2022 + ln(150/121) / ln(1.1) = 2024.2542
    b = assess([2020, 2022], [100.0, 121.0], target=150.0, target_year=2030)
    assert b.reach_year == approx(2024.2542, abs=1e-4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"years": [2020, 2020], "values": [1.0, 2.0]}, "two figures for the year 2020"),
        ({"years": [2020], "values": [1.0, 2.0]}, "differ in length"),
        ({"years": [2020], "values": [float("nan")]}, "finite"),
        ({"method": "eurostat"}, "valid: destatis, istat, sdsn, statcan, unsd"),
        ({"method": "statcn"}, "did you mean 'statcan'"),
        ({"direction": "up"}, "direction"),
        ({"method": "unsd", "projection": "linear"}, "compound growth only"),
        ({"thresholds": {"substantial": 0.9}}, "did you mean 'substantial_progress'"),
        ({"target_year": None}, "target year"),
        ({"limit": 0.0}, "natural limit"),
    ],
)
def test_assess_refuses_invalid_arguments(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "years": [2020, 2022], "values": [1.0, 2.0], "target": 3.0, "target_year": 2030,
    }  # fmt: skip
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        assess(**args)  # type: ignore[arg-type]
