"""Public entry points given hostile or extreme arguments: each refusal is the project's own
error type with a clear message, never a crash (OverflowError) or a silent NaN answer."""

from __future__ import annotations

import math

import pytest

import targets
from targets import Report

# --- what-if and required growth: non-finite and huge numbers ---------------------------


@pytest.mark.parametrize("growth", [math.nan, math.inf, -math.inf])
def test_what_if_refuses_a_rate_that_is_not_finite(example_report: Report, growth: float) -> None:
    # before: NaN gave "nan by 2025 ... missed" and inf a silent "achieved"
    with pytest.raises(targets.CheckError, match="growth must be a finite number"):
        example_report["dt-firms-100k-2025"].what_if(growth)
    with pytest.raises(targets.CheckError, match="growth must be a finite number"):
        example_report["dt-firms-100k-2025"].what_if([0.1, growth])


@pytest.mark.parametrize("growth", [1e308, 1e50, 10**400])
def test_what_if_refuses_a_rate_whose_projection_no_float_holds(
    example_report: Report, growth: float
) -> None:
    # 1,000,000 workers in 2021, deadline 2030: 1e6 * (1 + 1e50) ** 9 = 1e456, beyond
    # the largest double (1.8e308); before, float ** raised OverflowError
    with pytest.raises(targets.CheckError, match="beyond any"):
        example_report["dt-workforce-1.5m-2030"].what_if(growth)


def test_what_if_keeps_a_huge_rate_whose_projection_a_float_holds(example_report: Report) -> None:
    # 1e6 * (1 + 1e30) ** 9 = 1e6 * 1e270 = 1e276 workers by 2030
    scenario = example_report["dt-workforce-1.5m-2030"].what_if(1e30)
    assert scenario.projected == pytest.approx(1e276)
    assert scenario.status == "achieved"
    # a rank at 44 in 2024 falling 1e300 places in the one year to 2025
    rank = example_report["gii-top35-2025"].what_if(1e300)
    assert rank.projected == pytest.approx(1e300)
    assert rank.status == "missed"


def test_what_if_error_is_still_a_value_error_for_existing_callers(example_report: Report) -> None:
    with pytest.raises(ValueError, match="compound growth must be above -100 %"):
        example_report["dt-workforce-1.5m-2030"].what_if(-1.5)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((math.nan, 10, 2), "value must be a finite number, not nan"),
        ((1, math.inf, 2), "target must be a finite number, not inf"),
        ((1, 10, math.nan), "years must be a finite number, not nan"),
        ((10**400, 10, 2), "value must be a finite number, not an integer beyond any float"),
    ],
)
def test_required_growth_refuses_numbers_that_are_not_finite(
    args: tuple[float, float, float], message: str
) -> None:
    with pytest.raises(targets.CheckError, match=message):
        targets.required_growth(*args)


def test_required_growth_refuses_an_answer_no_float_holds() -> None:
    # (1e300 / 1) ** (1 / 0.001) = 1e300000: OverflowError before
    with pytest.raises(targets.CheckError, match="beyond any number"):
        targets.required_growth(1, 1e300, 0.001)
    # (-1e308 - 1e308) / 1 = -2e308: -inf before, returned silently
    with pytest.raises(targets.CheckError, match="beyond any number"):
        targets.required_growth(1e308, -1e308, 1, linear=True)
