"""chance_batch equals chance, series by series, on any columns (and refuses what it refuses)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.engine import Chance, RefusedInputError, chance, chance_batch


def _same(one: float | None, many: float) -> bool:
    if one is None:
        return math.isnan(many)
    return math.isclose(one, many, rel_tol=1e-9, abs_tol=1e-12)


@st.composite
def series(draw: st.DrawFn) -> tuple[list[float], list[float], float, float, str]:
    """Years, values (sometimes with a spike), target, target year, direction."""
    n = draw(st.sampled_from([1, 2, *range(3, 13), *range(5, 13)]))  # mostly enough to read
    years = sorted(draw(st.sets(st.integers(2000, 2030), min_size=n, max_size=n)))
    level = draw(st.floats(1.0, 1e4))
    growth = draw(st.floats(-0.2, 0.3))
    noise = draw(st.lists(st.floats(-0.3, 0.3), min_size=len(years), max_size=len(years)))
    values = [
        level * math.exp(growth * (y - years[0]) + e) for y, e in zip(years, noise, strict=True)
    ]
    if draw(st.booleans()) and len(values) > 1:
        i = draw(st.integers(0, len(values) - 1))
        values[i] *= draw(st.sampled_from([0.2, 3.0, 10.0]))
    if draw(st.booleans()):
        values = [-v for v in values]
    if draw(st.integers(0, 9)) == 0:
        values[draw(st.integers(0, len(values) - 1))] = 0.0  # a zero: no log-linear reading
    near = st.floats(0.3, 3.0).map(lambda k: values[-1] * k)
    target = draw(st.one_of(near, st.floats(-1e5, 1e5)))
    deadline = years[-1] + draw(st.integers(-2, 15))  # mostly ahead; at or behind: no reading
    direction = draw(st.sampled_from(["increase", "decrease"]))
    return [float(y) for y in years], values, target, float(deadline), direction


@settings(max_examples=120, deadline=None)
@given(
    many=st.lists(series(), min_size=1, max_size=6),
    model=st.sampled_from(["log-linear", "linear"]),
    level=st.sampled_from([0.5, 0.8, 0.9]),
    as_of=st.one_of(st.none(), st.integers(2005, 2030)),
)
def test_the_batch_equals_chance_on_every_series(
    many: list[tuple[list[float], list[float], float, float, str]],
    model: str,
    level: float,
    as_of: int | None,
) -> None:
    ids = np.concatenate([np.full(len(s[0]), i) for i, s in enumerate(many)])
    years = np.concatenate([s[0] for s in many])
    values = np.concatenate([s[1] for s in many])
    shuffle = np.random.default_rng(0).permutation(ids.size)
    batch = chance_batch(
        ids[shuffle],
        years[shuffle],
        values[shuffle],
        target=[s[2] for s in many],
        target_year=[s[3] for s in many],
        direction=[s[4] for s in many],
        model=model,
        as_of=np.nan if as_of is None else as_of,
        level=level,
    )
    for i, (ys, vs, target, deadline, direction) in enumerate(many):
        one = chance(ys, vs, target=target, target_year=deadline, direction=direction,
                     model=model, as_of=as_of, level=level)  # fmt: skip
        for name in (
            "probability",
            "trend_slope",
            "trend_spread",
            "walk_drift",
            "walk_spread",
            "walk_weight",
        ):
            assert _same(getattr(one, name), float(getattr(batch, name)[i])), (name, one.reason)
        # discrete results agree exactly
        assert _same(one.reach_low, float(batch.reach_low[i])), "reach_low"
        assert _same(one.reach_high, float(batch.reach_high[i])), "reach_high"
        outlier = None if one.outlier is None else one.outlier[0]
        assert _same(outlier, float(batch.outlier_year[i])), "outlier"
        read = len(one.years) if one.probability is not None else 0
        assert batch.points[i] == read


def test_a_nan_target_means_no_target_and_the_arrays_are_read_only() -> None:
    b = chance_batch(
        ["a"] * 4 + ["b"] * 4,
        [2020, 2021, 2022, 2023] * 2,
        [10.0, 11.0, 12.5, 13.0, 10.0, 11.0, 12.5, 13.0],
        target=[15.0, math.nan],
        target_year=2026,
    )
    one = chance([2020, 2021, 2022, 2023], [10.0, 11.0, 12.5, 13.0], target=15.0,
                 target_year=2026)  # fmt: skip
    assert isinstance(one, Chance)
    assert b.probability[0] == pytest.approx(one.probability)
    assert math.isnan(b.probability[1])
    assert b.points.tolist() == [4, 0]
    assert len(b) == 2
    with pytest.raises(ValueError, match="read-only"):
        b.probability[0] = 0.5


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"model": "cubic"}, ValueError, "model must be one of"),
        ({"level": 0.0}, ValueError, "level must lie strictly between"),
        ({"direction": "up"}, ValueError, "direction must be"),
        ({"target": math.inf}, RefusedInputError, "finite target"),
        ({"target_year": math.nan}, RefusedInputError, "finite target"),
    ],
)
def test_the_batch_refuses_what_chance_refuses(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    args: dict[str, object] = {"target": 15.0, "target_year": 2026, **kwargs}
    with pytest.raises(error, match=message) as caught:
        chance_batch(["a"] * 3, [2020, 2021, 2022], [1.0, 2.0, 3.5], **args)  # type: ignore[arg-type]
    assert isinstance(caught.value, RefusedInputError) == (error is RefusedInputError)


def test_two_figures_for_one_year_are_refused() -> None:
    with pytest.raises(RefusedInputError, match="two figures for one year"):
        chance_batch(["a"] * 3, [2020, 2020, 2022], [1.0, 2.0, 3.5], target=5.0, target_year=2026)


def test_nearly_exact_figures_around_one_spike_read_alike_in_both_paths() -> None:
    # the others lie on a line to within 1e-9: the batch's leave-one-out sums subtract and
    # carry rounding there, so both paths must call that "no spread" (found by hypothesis)
    years = [2000.0, 2001.0, 2002.0, 2003.0, 2004.0]
    values = [1.0, 1.0, 1.0, 1.2840254166877414, 1.000000001]
    one = chance(years, values, target=1.000000001, target_year=2005.0, level=0.5)
    many = chance_batch(["a"] * 5, years, values, target=1.000000001, target_year=2005.0,
                        level=0.5)  # fmt: skip
    assert one.probability is not None
    assert _same(one.probability, float(many.probability[0]))
    assert _same(None if one.outlier is None else one.outlier[0], float(many.outlier_year[0]))


@pytest.mark.parametrize("direction", ["increase", "decrease"])
def test_a_tiny_target_of_the_figures_sign_is_read_alike_in_both_paths(direction: str) -> None:
    # -5e-324 / -1000 underflows to +0.0: a sign read off the quotient called this target
    # unreachable for a log-linear trend, while the batch compares signs (found by hypothesis)
    years, values = [2010.0, 2011.0, 2012.0, 2013.0], [-1000.0, -1100.0, -1300.0, -1350.0]
    one = chance(years, values, target=-5e-324, target_year=2020.0, direction=direction)
    many = chance_batch([0] * 4, years, values, target=[-5e-324], target_year=[2020.0],
                        direction=[direction])  # fmt: skip
    assert one.probability is not None, one.reason
    assert _same(one.probability, float(many.probability[0]))
