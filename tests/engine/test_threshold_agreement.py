"""Both paths put a value lying exactly on a threshold on the same side: the upper one.

For any series, the threshold is moved onto the very value the method grades (R, P, the miss
share, achieved / required, x); ``assess`` and ``assess_batch`` must then give the label
METHOD.md gives a value at its threshold, and agree on every number to the bit, so no
rounding difference between the paths can flip a verdict there.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from targets.engine import METHOD_LABELS, STATUS_CODES, Assessment, assess, assess_batch
from tests.engine.test_properties import NUMBER_FIELDS, Case, cases, edgy

AT_THRESHOLD = {
    # method: (threshold names set to the graded value, the label a value on them takes)
    ("statcan", True): (("substantial_progress",), "substantial_progress"),
    ("statcan", False): (("no_target_substantial",), "substantial_progress"),
    ("unsd", True): (("on_track",), "on_track"),
    ("unsd", False): (("no_target_on_track",), "on_track"),
    ("destatis", True): (("sun", "slightly_cloudy"), "slightly_cloudy"),
    ("sdsn", True): (("moderately_improving", "on_track"), "on_track"),
    ("istat", False): (("clear", "slight"), "slight_improvement"),
}


def _run(case: Case, thresholds: dict[str, float] | None) -> Assessment:
    return assess(
        case.years, case.values, target=case.target, target_year=case.target_year,
        direction=case.direction, method=case.method, limit=case.limit, as_of=case.as_of,
        thresholds=thresholds,
    )  # fmt: skip


def _graded(a: Assessment) -> float | None:
    """The value the label was graded on (None where the label did not come from one)."""
    if a.method in ("istat",) or (a.target is None and a.method in ("statcan", "unsd")):
        return a.progress
    return a.ratio


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(case=cases(edgy), method=st.sampled_from(["statcan", "unsd", "destatis", "sdsn", "istat"]))
def test_a_value_on_its_threshold_takes_the_upper_label_in_both_paths(
    case: Case, method: str
) -> None:
    case = replace(case, method=method, limit=None)
    if method == "istat":
        case = replace(case, target=None)
    key = (method, case.target is not None)
    assume(key in AT_THRESHOLD)
    names, label = AT_THRESHOLD[key]
    tolerance = {"percent_target_tolerance": 0.0} if method == "unsd" else {}
    before = _run(case, tolerance or None)
    value = _graded(before)
    assume(value is not None and before.reason is None and not before.deadline_reached)
    assert value is not None
    if method == "sdsn":
        # the threshold scales the required rate: a share on it grades so only where both
        # rates point the desired way (a falling series is "decreasing" before any share)
        assume(value >= 0 and before.method_status != "decreasing")
    thresholds = {**tolerance, **dict.fromkeys(names, value)}
    one = _run(case, thresholds)
    assert one.method_status == label, (value, one)
    nan = float("nan")
    many = assess_batch(
        np.zeros(len(case.years)),
        case.years,
        case.values,
        target=[nan if case.target is None else case.target],
        target_year=[case.target_year],
        direction=case.direction,
        method=method,
        as_of=[nan if case.as_of is None else case.as_of],
        thresholds=thresholds,
    )
    assert METHOD_LABELS[method][many.method_status[0]] == label
    assert STATUS_CODES[many.status[0]] == one.status
    for name in NUMBER_FIELDS:
        mine, theirs = getattr(one, name), float(getattr(many, name)[0])
        assert (mine is None and math.isnan(theirs)) or mine == theirs, name
