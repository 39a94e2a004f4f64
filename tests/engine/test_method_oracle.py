"""An independent reading of METHOD.md, written from its formulas alone, against the engine.

For random positive series whose deadline lies ahead, the oracle below recomputes each
method's graded quantity (R, x, P, the miss share, achieved / required) with ``math`` from
the base, latest and target as METHOD.md defines them, grades it with METHOD.md's default
thresholds, and must agree with ``assess`` on the number and the label. Values within a
millionth of a threshold are left to ``test_threshold_edges``, which works them by hand.
"""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from targets.engine import assess

NEAR = 1e-6


def _clear_of(x: float, *cuts: float) -> bool:
    return all(abs(x - cut) > NEAR * max(1.0, abs(cut)) for cut in cuts)


def _grade(x: float, cuts: tuple[float, ...], labels: tuple[str, ...]) -> str:
    """The first label whose cut x reaches (x >= cut), else the last label."""
    for cut, name in zip(cuts, labels, strict=False):
        if x >= cut:
            return name
    return labels[-1]


def _oracle(
    method: str, ys: list[float], vs: list[float], *, target: float | None, ty: float, d: int
) -> tuple[str, float] | None:
    """(label, graded value) by METHOD.md, or None where the case is not a plain grading."""
    b, v_b, t, v_t = ys[0], vs[0], ys[-1], vs[-1]
    labels: tuple[str, ...]
    g_a = (v_t / v_b) ** (1 / (t - b)) - 1
    if target is None:
        x = d * g_a
        if method == "statcan":
            labels = ("substantial_progress", "moderate_progress", "limited_progress",
                      "deterioration")  # fmt: skip
            return _grade(x, (0.015, 0.005, 0.0), labels), x
        if method == "unsd":
            labels = ("on_track", "acceleration_needed", "stagnation_or_regression")
            return _grade(x, (0.02, 0.005), labels), x
        if method == "istat":  # above 5 %; 1 % to 5 %; -1 % to 1 %; -5 % to -1 %; below
            if x > 0.05:
                return "clear_improvement", x
            if x >= 0.01:
                return "slight_improvement", x
            if x > -0.01:
                return "stable", x
            return ("slight_worsening" if x >= -0.05 else "clear_worsening"), x
        return None
    if d * (v_t - target) >= 0 or d * (target - v_b) <= 0:
        return None  # met, or the base already past the target: not a plain grading
    if method == "statcan":
        g_r = (target / v_b) ** (1 / (ty - b)) - 1
        r = d * g_a / abs(g_r)
        labels = ("substantial_progress", "moderate_progress", "limited_progress",
                  "deterioration")  # fmt: skip
        return _grade(r, (0.95, 0.6, 0.0), labels), r
    if method == "unsd":
        p = (v_t * (1 + g_a) ** (ty - t) - v_b) / (target - v_b)
        labels = ("on_track", "acceleration_needed", "stagnation_or_regression")
        return _grade(p, (0.95, 0.10), labels), p
    if method == "sdsn":
        achieved, required = (v_t - v_b) / (t - b), (target - v_b) / (ty - b)
        share = achieved / required
        if d * achieved < 0:
            return "decreasing", share
        labels = ("on_track", "moderately_improving", "stagnating")
        return _grade(share, (1.0, 0.5), labels), share
    if method == "destatis":
        if len(ys) < 4:
            return None
        k = max(0, len(ys) - 6)
        slope = (v_t - vs[k]) / (t - ys[k])
        miss = (target - (v_t + slope * (ty - t))) / (target - v_t)
        if miss < 0.05:
            return "sun", miss
        if miss <= 0.20:
            return "slightly_cloudy", miss
        return ("cloud" if d * slope > 0 else "thunderstorm"), miss
    return None


@settings(max_examples=400, deadline=None)
@given(
    method=st.sampled_from(["statcan", "unsd", "destatis", "sdsn", "istat"]),
    years=st.lists(st.integers(2000, 2024), min_size=2, max_size=8, unique=True).map(sorted),
    data=st.data(),
    with_target=st.booleans(),
    direction=st.sampled_from(["increase", "decrease"]),
    ahead=st.integers(1, 15),
)
def test_the_engine_grades_as_an_independent_reading_of_method_md(
    *,
    method: str,
    years: list[int],
    data: st.DataObject,
    with_target: bool,
    direction: str,
    ahead: int,
) -> None:
    values = [data.draw(st.floats(1.0, 1000.0)) for _ in years]
    target = data.draw(st.floats(1.0, 1000.0)) if with_target else None
    ty = float(years[-1] + ahead)
    d = 1 if direction == "increase" else -1
    ys = [float(y) for y in years]
    expected = _oracle(method, ys, values, target=target, ty=ty, d=d)
    assume(expected is not None)
    assert expected is not None
    label, value = expected
    assume(_clear_of(value, 0.95, 0.6, 0.0, 0.015, 0.005, 0.02, 0.10, 1.0, 0.5, 0.05, 0.20,
                     0.01, -0.01, -0.05))  # fmt: skip
    thresholds = {"percent_target_tolerance": 0.0} if method == "unsd" else None
    a = assess(ys, values, target=target, target_year=ty if target is not None else None,
               direction=direction, method=method, thresholds=thresholds)  # fmt: skip
    assert a.method_status == label, (value, a.reason)
    assert a.progress is not None
    assert math.isclose(a.progress, value, rel_tol=1e-9, abs_tol=1e-12)
