"""What-if answers for the numbers a planner has at hand: numpy scalars of any width, an
array of rates, and an array of no dimensions (one rate, not a sequence); a rank's
scenario says 'place' for one; a scenario's repr leaves its drawn path out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import targets

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


@pytest.fixture(scope="module")
def report() -> targets.Report:
    return targets.check(targets.load(EXAMPLE), as_of="2024-12-31")


def test_a_numpy_rate_of_any_width_answers_as_the_same_python_number(
    report: targets.Report,
) -> None:
    result = report["dt-firms-100k-2030"]
    plain = result.what_if(0.125)  # 0.125 is exact in every float width
    assert result.what_if(np.float32(0.125)) == plain
    assert result.what_if(np.float64(0.125)) == plain
    one: object = result.what_if(np.array(0.125))  # no dimensions: one rate (typed as many)
    assert one == plain
    assert result.what_if(np.array([0.125, 0.125])) == (plain, plain)


def test_a_rank_moving_one_place_a_year_says_place(report: targets.Report) -> None:
    rank = report["gii-top35-2025"]
    assert rank.what_if(-1).label == "up 1 place a year"
    assert rank.what_if(-2).label == "up 2 places a year"
    assert rank.what_if(1).label == "down 1 place a year"


def test_a_scenario_repr_leaves_its_path_out(report: targets.Report) -> None:
    scenario = report["dt-firms-100k-2030"].what_if(0.1)
    assert len(scenario.path) > 2
    assert "path" not in repr(scenario)
    assert "growth=0.1" in repr(scenario)
