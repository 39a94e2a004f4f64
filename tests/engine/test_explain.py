"""Plain-language explanations and the arithmetic steps behind them."""

from __future__ import annotations

import pytest

from targets.engine import assess, assess_rank
from targets.engine._explain import number

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
    # rank 90 (2017) -> 70 (2022): fell (70 - 90) / 5 = -4 a year; needs (30 - 70) / 8 = -5
    text = assess_rank([2017, 2022], [90.0, 70.0], target_rank=30, target_year=2030).explain(
        unit="places"
    )
    assert text.startswith("needs a fall of 5 places a year for 8 years, from 70 places (2022)")
    assert "fell 4 places a year since 2017" in text
