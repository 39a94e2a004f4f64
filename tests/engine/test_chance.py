"""The project's chance for one series: its arithmetic by hand, its refusals, its properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from targets.engine import Chance, RefusedInputError, Status, assess, chance

approx = pytest.approx
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
FIRMS = [45600.0, 50000.0, 64000.0, 70000.0, 67000.0, 73788.0]


def test_three_figures_worked_by_hand() -> None:
    # y = 0, 1, 3 at t = 0, 1, 2 (linear model), target 6 at t = 4, higher is better.
    # trend: t_mean 1, y_mean 4/3, Sxx 2, b = 3 / 2 = 1.5, residuals 1/6, -1/3, 1/6, S_A = 1/6
    # walk: drift 3 / 2 = 1.5, steps (1 - 1.5)^2 + (2 - 1.5)^2 = 0.5 = S_B; df = 1
    # evidence: trend -ln(3 * 2) / 2 - ln(1/6) / 2 = 0; walk -0 - ln(2) / 2 - ln(0.5) / 2 = 0
    # so w = 1 / (1 + e^0) = 0.5.
    # trend forecast 4/3 + 1.5 * 3 = 5.83333, scale sqrt(1/6 * (1 + 1/3 + 9/2)) = 0.986013
    # walk forecast 3 + 1.5 * 2 = 6, scale sqrt(0.5 * (2 + 4/2)) = 1.414214
    # Cauchy (1 df): F(x) = 1/2 + atan(x) / pi; trend F(-0.169031) = 0.446699, walk F(0) = 0.5
    # chance = 0.5 * 0.446699 + 0.5 * 0.5 = 0.473350
    c = chance([0, 1, 2], [0.0, 1.0, 3.0], target=6.0, target_year=4, model="linear")
    assert c.trend_slope == approx(1.5)
    assert c.walk_drift == approx(1.5)
    assert c.trend_spread == approx(math.sqrt(1 / 6))
    assert c.walk_spread == approx(math.sqrt(0.5))
    assert c.walk_weight == approx(0.5)
    assert c.probability == approx(0.473350, abs=1e-6)
    steps = {s.name: s.value for s in c.steps}
    assert steps["trend forecast"] == approx(35 / 6)
    assert steps["walk scale"] == approx(math.sqrt(2))
    assert steps["chance"] == c.probability
    assert "only 3 figures" in c.notes[0]


def test_the_log_linear_model_reads_the_same_figures_on_the_log_scale() -> None:
    # the same y as above, as values e^y: the same chance against e^6
    values = [math.exp(0.0), math.exp(1.0), math.exp(3.0)]
    c = chance([0, 1, 2], values, target=math.exp(6.0), target_year=4)
    assert c.probability == approx(0.473350, abs=1e-6)
    assert [s.value for s in c.steps if s.name == "trend growth"] == [approx(math.exp(1.5) - 1)]


def test_the_chance_falls_as_the_target_rises() -> None:
    low = chance(YEARS, FIRMS, target=80000.0, target_year=2026)
    high = chance(YEARS, FIRMS, target=120000.0, target_year=2026)
    assert low.probability is not None
    assert high.probability is not None
    assert low.probability > 0.5 > high.probability


def test_lower_is_better_reads_the_other_tail() -> None:
    up = chance(YEARS, FIRMS, target=90000.0, target_year=2027)
    down = chance(YEARS, FIRMS, target=90000.0, target_year=2027, direction="decrease")
    assert up.probability is not None
    assert down.probability is not None
    assert up.probability + down.probability == approx(1.0, abs=1e-12)


def test_one_wild_figure_is_left_out_and_the_chance_is_read_without_it() -> None:
    clean = [100.0, 104.1, 109.2, 112.8, 118.9, 122.6, 128.0, 133.1]
    years = list(range(2015, 2023))
    wild = [*clean[:3], clean[3] * 3, *clean[4:]]
    with_it = chance(years, wild, target=150.0, target_year=2026)
    without = chance([*years[:3], *years[4:]], [*clean[:3], *clean[4:]], target=150.0,
                     target_year=2026)  # fmt: skip
    assert with_it.outlier == (2018.0, clean[3] * 3)
    assert with_it.probability == without.probability
    assert with_it.years == without.years
    assert "2018 (338.4) is left out as an outlier" in with_it.notes
    assert with_it.steps[0].name == "outlier 2018 left out"
    assert without.outlier is None


def test_a_clean_series_keeps_every_figure() -> None:
    c = chance(YEARS, FIRMS, target=100000.0, target_year=2027)
    assert c.outlier is None
    assert len(c.years) == 6


def test_one_spike_is_left_out_but_two_mask_each_other() -> None:
    # robust to one outlier, not two: with two spikes, each one's forecast from the others
    # still carries the other spike's spread, so neither stands out
    base = [10.0, 10.5, 10.0, 10.0, 10.2, 9.9, 10.1, 10.3, 9.8]
    one = [*base[:2], 30.0, *base[3:]]
    two = [*one[:6], 30.0, *one[7:]]
    years = range(2010, 2019)
    assert chance(years, one, target=20.0, target_year=2025, model="linear").outlier == (
        2012.0,
        30.0,
    )
    assert chance(years, two, target=20.0, target_year=2025, model="linear").outlier is None


@pytest.mark.parametrize(
    ("values", "target", "year", "model", "why"),
    [
        ([1.0, 2.0], 5.0, 2030, "log-linear", "fewer than 3 figures"),
        ([1.0, 2.0, 3.0], 5.0, 2022, "log-linear", "not after the latest"),
        ([1.0, 0.0, 3.0], 5.0, 2030, "log-linear", "figures of one sign"),
        ([1.0, 2.0, 3.0], 0.0, 2030, "log-linear", "never reaches 0"),
        ([1.0, 2.0, 3.0], 5.0, 2030, "linear", "exactly on a line"),
    ],
)
def test_figures_that_cannot_carry_a_reading_give_a_reason_and_no_numbers(
    values: list[float], target: float, year: int, model: str, why: str
) -> None:
    years = list(range(2020, 2020 + len(values)))
    c = chance(years, values, target=target, target_year=year, model=model)
    assert c.reason is not None
    assert why in c.reason
    assert (c.probability, c.reach_low, c.walk_weight, c.steps) == (None, None, None, ())
    assert "no chance measured" in c.phrase()
    assert c.band() == ()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"model": "quadratic"}, ValueError, "model must be one of"),
        ({"direction": "up"}, ValueError, "direction must be"),
        ({"level": 1.0}, ValueError, "level must lie strictly between"),
        ({"target": math.nan}, RefusedInputError, "finite target"),
        ({"as_of": math.inf}, RefusedInputError, "as_of must be a finite year"),
    ],
)
def test_arguments_the_reading_cannot_take_are_refused(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    # a caller's mistake is a plain ValueError; an input the engine refuses by design is a
    # RefusedInputError, which reports turn into "not assessable"
    args: dict[str, object] = {"target": 100000.0, "target_year": 2027, **kwargs}
    with pytest.raises(error, match=message) as caught:
        chance(YEARS, FIRMS, **args)  # type: ignore[arg-type]
    assert isinstance(caught.value, RefusedInputError) == (error is RefusedInputError)


def test_as_of_hides_later_figures() -> None:
    early = chance(YEARS, FIRMS, target=100000.0, target_year=2027, as_of=2023)
    same = chance(YEARS[:5], FIRMS[:5], target=100000.0, target_year=2027)
    assert early.years == same.years
    assert early.probability == same.probability


def test_the_reach_interval_brackets_the_deadline_chance() -> None:
    c = chance(YEARS, FIRMS, target=100000.0, target_year=2025)
    assert c.probability is not None
    assert (c.reach_low, c.reach_high) == (2026.0, 2036.0)
    assert c.probability < 0.1  # the deadline 2025 lies before reach_low
    later = chance(YEARS, FIRMS, target=100000.0, target_year=2036)
    assert later.probability is not None
    assert later.probability >= 0.9  # reach_high is the first year at 90 %
    earlier = chance(YEARS, FIRMS, target=100000.0, target_year=2035)
    assert earlier.probability is not None
    assert earlier.probability < 0.9


def test_a_target_already_met_has_no_reach_interval() -> None:
    c = chance(YEARS, FIRMS, target=60000.0, target_year=2027)
    assert (c.reach_low, c.reach_high) == (None, None)
    assert "the latest figure already meets the target" in c.notes
    assert c.probability is not None
    assert c.probability > 0.9


def test_the_band_holds_the_forecast_quantiles_up_to_the_deadline() -> None:
    c = chance(YEARS, FIRMS, target=100000.0, target_year=2027)
    band = c.band()
    assert [row[0] for row in band] == [2025.0, 2026.0, 2027.0]
    for _, low, mid, high in band:
        assert low < mid < high
    _, low, mid, high = band[-1]
    # the band's own quantiles, fed back as targets, give back their probabilities
    at_mid = chance(YEARS, FIRMS, target=mid, target_year=2027).probability
    at_low = chance(YEARS, FIRMS, target=low, target_year=2027).probability
    at_high = chance(YEARS, FIRMS, target=high, target_year=2027).probability
    assert at_mid == approx(0.5)
    assert at_low == approx(0.9)
    assert at_high == approx(0.1)


def test_the_phrase_says_whose_reading_it_is() -> None:
    c = chance(YEARS, FIRMS, target=100000.0, target_year=2025)
    assert c.phrase(unit="firms") == (
        "the project's reading: 9 % chance that the 2025 figure meets 100,000 firms; "
        "reached 2026-2036 (80 %) (6 figures)"
    )
    short = chance(YEARS[:4], FIRMS[:4], target=100000.0, target_year=2025)
    assert short.phrase().endswith("(4 figures, too few to trust)")


def test_assess_carries_the_reading_beside_the_methods_verdict() -> None:
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025)
    alone = chance(YEARS, FIRMS, target=100000.0, target_year=2025)
    assert a.chance is not None
    assert a.chance.probability == alone.probability
    assert a.status is Status.AT_RISK  # the agency's verdict is untouched
    linear = assess(YEARS, FIRMS, target=100000.0, target_year=2025, method="sdsn")
    assert linear.chance is not None
    assert linear.chance.model == "linear"


def test_assess_reads_from_the_base_year_and_not_after_a_decided_deadline() -> None:
    a = assess(YEARS, FIRMS, target=100000.0, target_year=2025, base_year=2021)
    assert a.chance is not None
    assert a.chance.years == (2021.0, 2022.0, 2023.0, 2024.0)
    passed = assess(YEARS, FIRMS, target=70000.0, target_year=2023)
    assert passed.chance is not None
    assert passed.chance.reason == "the deadline 2023 has passed: the figures decide"
    assert assess(YEARS, FIRMS).chance is None  # no target, nothing to read


positive = st.floats(0.5, 1e4, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(positive, min_size=3, max_size=9),
    target=positive,
    ahead=st.integers(1, 15),
    direction=st.sampled_from(["increase", "decrease"]),
    model=st.sampled_from(["linear", "log-linear"]),
)
def test_negating_values_and_target_and_flipping_direction_changes_nothing(
    values: list[float], target: float, ahead: int, direction: str, model: str
) -> None:
    years = list(range(2000, 2000 + len(values)))
    one = chance(years, values, target=target, target_year=years[-1] + ahead,
                 direction=direction, model=model)  # fmt: skip
    flip = "decrease" if direction == "increase" else "increase"
    other = chance(years, [-v for v in values], target=-target, target_year=years[-1] + ahead,
                   direction=flip, model=model)  # fmt: skip
    # exact: negation is exact in floating point, and d * (m - z) is unchanged by it
    same = ("probability", "reach_low", "reach_high", "trend_spread", "walk_spread", "walk_weight")
    assert [getattr(other, k) for k in same] == [getattr(one, k) for k in same]
    assert (other.outlier is None) == (one.outlier is None)
    if one.trend_slope is not None and model == "linear":
        assert (other.trend_slope, other.walk_drift) == (-one.trend_slope, -(one.walk_drift or 0))


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(positive, min_size=3, max_size=9),
    target=positive,
    ahead=st.integers(1, 15),
    level=st.sampled_from([0.5, 0.8, 0.9]),
)
def test_the_reach_interval_agrees_with_the_chance_at_the_deadline(
    values: list[float], target: float, ahead: int, level: float
) -> None:
    years = list(range(2000, 2000 + len(values)))
    deadline = years[-1] + ahead
    c = chance(years, values, target=target, target_year=deadline, level=level)
    assume(c.probability is not None)
    assert c.probability is not None
    if c.reach_low is not None and deadline < c.reach_low:
        assert c.probability < (1 - level) / 2
    if c.reach_high is not None and deadline >= c.reach_high:
        later = chance(years, values, target=target, target_year=c.reach_high, level=level)
        assert later.probability is not None
        assert later.probability >= (1 + level) / 2
    if c.reach_low is not None and c.reach_high is not None:
        assert c.reach_low <= c.reach_high


def test_results_are_finite_or_none_even_near_the_float_limit() -> None:
    c = chance([2000, 2001, 2002, 2025], [0.0, 0.0, 9.3e306, 0.0], target=1.0, target_year=2030,
               model="linear")  # fmt: skip
    assert isinstance(c, Chance)
    for name in ("probability", "trend_spread", "walk_spread", "walk_weight"):
        x = getattr(c, name)
        assert x is None or np.isfinite(x)
