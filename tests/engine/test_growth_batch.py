"""Many growth-rate targets judged at once (`assess_growth_batch`) come out as
`assess_growth_rate` judges each one: status, label and every headline number."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from targets.engine import GROWTH_LABELS, STATUS_CODES, assess_growth_batch, assess_growth_rate

Case = tuple[list[float], list[float], float, float, float | None, str]


@st.composite
def growth_targets(draw: st.DrawFn) -> Case:
    """A series with gaps, zeros and a sign change now and then, and a growth target on it:
    a rate (a fall, none or growth), a deadline, perhaps a start, a direction."""
    years = sorted(draw(st.sets(st.integers(2010, 2026), min_size=0, max_size=9)))
    values = [float(draw(st.sampled_from([0, 1, 5, 50, 51, 55, 60, 80, 100, -5, 1e300])))
              for _ in years]  # fmt: skip
    rate = draw(st.sampled_from([-0.5, -0.02, 0.0, 0.02, 0.1, 0.5, 1e-300]))
    end = float(draw(st.integers(2012, 2030)))
    start = draw(st.sampled_from([None, end - 1, end - 3, end - 8]))
    way = draw(st.sampled_from(["increase", "decrease"]))
    return [float(y) for y in years], values, rate, end, start, way


def _number(x: float | None) -> float:
    return math.nan if x is None else x


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@settings(max_examples=400, deadline=None)
@given(
    cases=st.lists(growth_targets(), min_size=1, max_size=6),
    as_of=st.sampled_from([None, 2015.0, 2021.0, 2040.0]),
)
def test_every_series_is_judged_as_assess_growth_rate_judges_it_alone(
    cases: list[Case], as_of: float | None
) -> None:
    singles = [
        assess_growth_rate(
            years,
            values,
            rate=rate,
            target_year=end,
            start_year=start,
            direction=way,
            as_of=as_of,
        )
        for years, values, rate, end, start, way in cases
    ]
    kept = [i for i, (years, *_) in enumerate(cases) if years]  # the batch takes figures
    assume(kept)
    series = np.concatenate([np.full(len(cases[i][0]), i) for i in kept]).astype(np.int64)
    batch = assess_growth_batch(
        series,
        np.concatenate([cases[i][0] for i in kept]),
        np.concatenate([cases[i][1] for i in kept]),
        rate=np.array([cases[i][2] for i in kept]),
        target_year=np.array([cases[i][3] for i in kept]),
        start_year=np.array([_number(cases[i][4]) for i in kept]),
        direction=np.array([1.0 if cases[i][5] == "increase" else -1.0 for i in kept]),
        as_of=math.nan if as_of is None else as_of,
    )
    for row, i in enumerate(kept):
        one, head = singles[i], singles[i].headline
        found = {
            "status": STATUS_CODES[batch.status[row]],
            "label": GROWTH_LABELS[batch.method_status[row]],
            "ratio": float(batch.ratio[row]),
            "recent": float(batch.recent[row]),
            "latest_year": float(batch.latest_year[row]),
            "latest_value": float(batch.latest_value[row]),
        }
        wanted = {
            "status": one.status,
            "label": one.method_status,
            "ratio": _number(one.ratio),
            "recent": _number(one.recent),
            "latest_year": _number(head.latest_year),
            "latest_value": _number(head.latest_value),
        }
        assert found.keys() == wanted.keys()
        for name, value in wanted.items():
            got = found[name]
            same = _same(got, value) if isinstance(value, float) else got == value
            assert same, (cases[i], as_of, name, got, value)


def test_a_period_short_of_the_rate_is_missed_and_graded_by_its_own_growth() -> None:
    """100 -> 110 -> 112.2 over 2020-2022 against 5 % a year from 2021: 10 % into 2021
    meets it, 2 % into 2022 is short, so missed; StatCan's ratio 0.02 / 0.05 = 0.4 is
    limited progress (0 <= 0.4 < 0.6)."""
    batch = assess_growth_batch(
        [0, 0, 0], [2020, 2021, 2022], [100, 110, 112.2], rate=0.05, target_year=2022,
        start_year=2020,
    )  # fmt: skip
    assert STATUS_CODES[batch.status[0]].value == "missed"
    assert GROWTH_LABELS[batch.method_status[0]] == "limited_progress"
    assert math.isclose(batch.ratio[0], 0.4)
    assert math.isclose(batch.recent[0], 0.02)
