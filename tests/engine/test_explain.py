"""Plain-language explanations and the arithmetic steps behind them."""

from __future__ import annotations

import pytest

from targets.engine import assess, assess_rank
from targets.engine._explain import number
from targets.engine._num import when

YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
FIRMS = [45600.0, 50000.0, 64000.0, 70000.0, 67000.0, 73788.0]


def test_explanation_reads_like_an_analyst_sentence() -> None:
    # needs 100000 / 73788 - 1 = 35.5 %; grew (73788 / 45600) ** (1/5) - 1 = 10.1 % a year;
    # 73788 * 1.101 = 81,243 -> 81,200; reach: 2024 + ln(1.35523) / ln(1.10106) = 2027.16
    text = assess(YEARS, FIRMS, target=100000.0, target_year=2025).explain(
        unit="firms", name="Digital firms"
    )
    assert text == (
        "Digital firms: needs 35.5 % growth in one year, from 73,788 firms (2024) to "
        "100,000 firms by 2025; grew 10.1 % a year since 2019; the compound trend reaches "
        "81,200 firms by 2025 and 100,000 firms in 2028; at risk (statcan: moderate progress)"
    )


def test_destatis_explains_the_mean_change_its_projection_and_headline_use() -> None:
    # the last six points, 2019 to 2024: (73788 - 45600) / 5 = 5637.6 a year; the base
    # year's change (2022 to 2024: 1894 a year) is not what Destatis projects with
    result = assess(
        YEARS, FIRMS, target=100000.0, target_year=2026, base_year=2022, method="destatis"
    )
    assert result.headline.change_actual == pytest.approx(5637.6)
    assert "rose 5,640 firms a year on average since 2019 (the mean of its last changes); " in (
        result.explain(unit="firms")
    )
    assert "since 2022" not in result.explain(unit="firms")


def test_explanation_of_a_fall_and_a_met_target() -> None:
    fall = assess([2015, 2023], [14.5, 10.2], target=7.25, target_year=2030, direction="decrease")
    assert fall.explain().startswith("needs a 4.8 % fall a year for 7 years, from 10.2 (2023)")
    met = assess([2020, 2022], [100.0, 90.0], target=80.0, target_year=2030)
    assert met.explain().startswith("at 90 (2022), meets the target of 80 by 2030")


def test_unassessable_explanation_gives_the_reason() -> None:
    a = assess([2020], [1.0], target=2.0, target_year=2030)
    assert a.explain().endswith(
        "not assessable (statcan: not available): fewer than two years of data"
    )


@pytest.mark.parametrize(
    ("x", "sig", "text"),
    [
        (73788.0, None, "73,788"),
        (81243.2, 3, "81,200"),
        (0.123456, 3, "0.123"),
        (14.5, None, "14.5"),
    ],
)
def test_numbers_are_readable(x: float, sig: int | None, text: str) -> None:
    assert number(x, sig) == text


def test_steps_spell_out_the_arithmetic_with_numbers() -> None:
    a = assess([2015, 2023], [14.5, 10.2], target=7.25, target_year=2030, direction="decrease")
    by_name = {s.name: s for s in a.steps}
    assert by_name["g_a"].formula == "(10.2 / 14.5) ** (1 / (2023 - 2015)) - 1"
    assert by_name["R"].formula == "1 * -1 * -0.0430174 / |-0.0451584|"
    assert str(by_name["s_a"]) == "s_a = (10.2 - 14.5) / (2023 - 2015) = -0.5375"


def test_linear_methods_explain_in_units_per_year() -> None:
    # 90 (2017) -> 70 (2022) with sdsn: fell (70 - 90) / 5 = -4 a year; needs (30 - 70) / 8 = -5
    # (this test used a rank before ranks were explained in places; see test_ranks_*)
    text = assess(
        [2017, 2022], [90.0, 70.0], target=30, target_year=2030, direction="decrease",
        method="sdsn",
    ).explain(unit="zones")  # fmt: skip
    assert text.startswith("needs a fall of 5 zones a year for 8 years, from 70 zones (2022)")
    assert "fell 4 zones a year since 2017" in text


def test_a_passed_deadline_is_worded_so_the_trend_label_does_not_contradict_it() -> None:
    # 67,000 (2023) < 70,000: missed; the trend label (R = 0.89281) is kept, said as a label
    missed = assess(YEARS, FIRMS, target=70000.0, target_year=2023)
    assert missed.method_status == "moderate_progress"
    assert missed.explain() == (
        "at 67,000 (2023), falls short of the target of 70,000 by 2023; grew 10.1 % a year "
        "since 2019; missed: the deadline 2023 passed short of the target (the statcan trend "
        "label was: moderate progress)"
    )
    met = assess(YEARS, FIRMS, target=60000.0, target_year=2022)
    assert met.explain().endswith(
        "achieved: the deadline 2022 passed with the target met (the statcan trend label was: "
        "target achieved)"
    )
    ended = assess(YEARS, FIRMS, target=70000.0, target_year=2023, method="destatis")
    assert ended.explain().endswith(
        "missed: the deadline 2023 passed short of the target (destatis: assessment ended)"
    )


@pytest.mark.parametrize(
    ("y", "text"),
    [
        (2024.0, "2024"),
        (2024 + 334 / 366, "2024-11-30"),  # day 335 of a leap year
        (2025 + 181 / 365, "2025-07-01"),  # a month maps to its first day
        (2023 + 90 / 365, "2023-04-01"),  # a quarter too
    ],
)
def test_fractional_years_read_as_dates(y: float, text: str) -> None:
    assert when(y) == text


def test_explanations_say_dates_while_formulas_keep_numbers() -> None:
    latest = 2024 + 334 / 366  # 2024.912568: 30 November 2024
    a = assess([2019, latest], [45600.0, 54500.0], target=100000.0, target_year=2030)
    assert "from 54,500 (2024-11-30) to 100,000 by 2030" in a.explain()
    g_a = next(s for s in a.steps if s.name == "g_a")
    assert g_a.formula == "(54500 / 45600) ** (1 / (2024.91 - 2019)) - 1"
    assert any(s.name == "trajectory at 2024-11-30 (linear)" for s in a.steps)
    # a passed fractional deadline: notes say the date
    b = assess([2019, 2024, 2026], [1.0, 2.0, 3.0], target=5.0, target_year=2025 + 181 / 365)
    assert any(n.startswith("no figure for 2025-07-01:") for n in b.notes)


def test_ranks_are_explained_in_places_climbed_or_lost() -> None:
    # 42 (2019) -> 44 (2024): lost (44 - 42) / 5 = 0.4 places a year; 44 + 0.4 = 44.4 by 2025;
    # needs 44 - 35 = 9 places in one year; sdsn: decreasing
    lost = assess_rank([2019, 2024], [42.0, 44.0], target_rank=35, target_year=2025)
    assert lost.rank
    assert lost.explain() == (
        "needs to climb 9 places in one year, from 44 (2024) to 35 by 2025; lost 0.4 places a "
        "year since 2019 (44.4 by 2025 on the trend, which never reaches 35); regressing "
        "(sdsn: decreasing)"
    )
    # 50 (2018) -> 17 (2024): gained (50 - 17) / 6 = 5.5 places a year; the trend stops at 1
    gained = assess_rank([2018, 2024], [50.0, 17.0], target_rank=30, target_year=2030)
    assert gained.explain(unit="places") == (
        "at 17 (2024), meets the target of 30 by 2030; gained 5.5 places a year since 2018 "
        "(1 by 2030 on the trend); achieved (sdsn: maintaining)"
    )
    # 90 (2017) -> 70 (2022): 4 places a year; needs (70 - 30) / 8 = 5 a year; reaches 30 at
    # 2022 + 40 / 4 = 2032
    text = assess_rank([2017, 2022], [90.0, 70.0], target_rank=30, target_year=2030).explain()
    assert text.startswith(
        "needs to climb 5 places a year for 8 years, from 70 (2022) to 30 by 2030; gained 4 "
        "places a year since 2017 (38 by 2030 on the trend, which reaches 30 in 2032)"
    )
    one = assess_rank([2023, 2024], [41.0, 40.0], target_rank=39, target_year=2025)
    assert one.explain().startswith("needs to climb 1 place in one year")
    assert "gained 1 place a year since 2023" in one.explain()
    assert not assess([2023, 2024], [41.0, 40.0], target=39, target_year=2025).rank


@pytest.mark.parametrize(
    ("x", "text"),
    [(1.7976931348623157e308, "1.8e+308"), (-1.7976931348623157e308, "-1.8e+308"),
     (1.7955e308, "1.8e+308")],
)  # fmt: skip
def test_numbers_that_round_past_the_largest_double_are_still_written(x: float, text: str) -> None:
    """A target's amount near the largest double made the HTML report's charts fail."""
    assert number(x, 3) == text
