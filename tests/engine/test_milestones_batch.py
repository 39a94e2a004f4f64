"""Many milestone targets' driving milestones, chosen at once, are the ones `assess_milestones`
chooses one target at a time; and `is_met_batch` is `is_met` on arrays."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.engine import (
    STATUS_CODES,
    Status,
    assess,
    assess_milestones,
    driving_milestones,
    is_met_batch,
    resolve_thresholds,
)
from targets.engine._assess import is_met

METHODS = ("statcan", "unsd", "sdsn", "destatis", "istat")


@st.composite
def milestone_targets(
    draw: st.DrawFn,
) -> tuple[list[float], list[float], list[tuple[float, float]]]:
    """A yearly series with gaps and two to four milestones in year order, some passed."""
    years = sorted(draw(st.sets(st.integers(2010, 2026), min_size=1, max_size=10)))
    values = [float(draw(st.integers(0, 120))) for _ in years]
    when = sorted(draw(st.sets(st.integers(2014, 2034), min_size=2, max_size=4)))
    steps = [(float(w), float(draw(st.sampled_from([0, 50, 80, 100, 130])))) for w in when]
    return [float(y) for y in years], values, steps


@settings(max_examples=300, deadline=None)
@given(
    batch=st.lists(milestone_targets(), min_size=1, max_size=5),
    method=st.sampled_from(METHODS),
    increase=st.booleans(),
    as_of=st.sampled_from([None, 2019.0, 2023.0, 2040.0]),
)
def test_the_driving_milestone_of_each_target_is_the_one_assess_milestones_chooses(
    batch: list[tuple[list[float], list[float], list[tuple[float, float]]]],
    method: str,
    increase: bool,
    as_of: float | None,
) -> None:
    direction = "increase" if increase else "decrease"
    thresholds = resolve_thresholds(method, None)
    owner: list[int] = []
    status: list[int] = []
    expected: list[int] = []
    when: list[float] = []
    latest: list[float] = []
    target: list[float] = []
    now: list[float] = []
    for i, (years, values, steps) in enumerate(batch):
        whole = assess_milestones(
            years, values, milestones=steps, direction=direction, method=method, as_of=as_of
        )
        expected.append(len(owner) + whole.driving)
        for year, value in steps:
            one = assess(
                years, values, target=value, target_year=year, direction=direction,
                method=method, as_of=as_of,
            )  # fmt: skip
            owner.append(i)
            when.append(year)
            status.append(STATUS_CODES.index(one.status))
            latest.append(math.nan if one.latest_value is None else one.latest_value)
            target.append(value)
        now.append(as_of if as_of is not None else max(years))  # the evaluation year
    d = np.full(len(owner), 1.0 if increase else -1.0)
    met = is_met_batch(method, np.array(latest), np.array(target), d, thresholds)
    found = driving_milestones(
        np.array(owner), np.array(when), np.array(status), met, np.array(now)
    )
    assert found.tolist() == expected


@given(
    method=st.sampled_from(METHODS),
    pairs=st.lists(
        st.tuples(
            st.sampled_from([math.nan, 0.0, 0.0005, 0.3, 99.8, 100.0, 100.4, -2.0, 57.0]),
            st.sampled_from([0.0, 100.0, 57.0, -2.0, 0.3]),
            st.sampled_from([1, -1]),
        ),
        min_size=1,
        max_size=20,
    ),
)
def test_is_met_batch_says_what_is_met_says_of_each_value(
    method: str, pairs: list[tuple[float, float, int]]
) -> None:
    thresholds = resolve_thresholds(method, None)
    latest, target, d = (np.array(column, dtype=np.float64) for column in zip(*pairs, strict=True))
    expected = [not math.isnan(x) and is_met(method, x, t, int(s), thresholds) for x, t, s in pairs]
    assert is_met_batch(method, latest, target, d, thresholds).tolist() == expected


def test_a_past_miss_drives_when_no_future_milestone_is_left_unmet() -> None:
    # target 0: 2020 missed, 2025 achieved, nothing ahead (now 2026): the miss drives (row 0);
    # target 1: 2030 ahead and unmet drives (row 3) whatever is behind it;
    # target 2: every milestone achieved: the last drives (row 5)
    achieved, missed, at_risk = map(
        STATUS_CODES.index, (Status.ACHIEVED, Status.MISSED, Status.AT_RISK)
    )
    found = driving_milestones(
        owner=np.array([0, 0, 1, 1, 2, 2]),
        when=np.array([2020.0, 2025.0, 2020.0, 2030.0, 2020.0, 2025.0]),
        status=np.array([missed, achieved, missed, at_risk, achieved, achieved]),
        met=np.array([False, True, False, False, True, True]),
        now=np.array([2026.0, 2026.0, 2026.0]),
    )
    assert found.tolist() == [0, 3, 5]
