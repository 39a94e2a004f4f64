"""The batch API agrees with ``assess`` on every series."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.engine import METHOD_LABELS, METHODS, STATUS_CODES, Assessment, assess, assess_batch

NUMBER_FIELDS = (
    "ratio",
    "score",
    "growth_actual",
    "growth_actual_linear",
    "growth_required",
    "growth_required_linear",
    "growth_required_now",
    "growth_required_now_linear",
    "slope",
    "projected",
    "reach_year",
    "trajectory_value",
    "trajectory_gap",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
)

values_st = st.one_of(
    st.floats(0.5, 1000, allow_nan=False),
    st.sampled_from([0.0, 1.0, 100.0, -3.0, 99.5]),
    st.floats(-50, 50, allow_nan=False),
)


@st.composite
def one_series(draw: st.DrawFn) -> dict[str, object]:
    years = sorted(draw(st.sets(st.integers(2000, 2030), min_size=1, max_size=8)))
    values = [draw(values_st) for _ in years]
    has_target = draw(st.booleans())
    return {
        "years": years,
        "values": values,
        "target": draw(values_st) if has_target else None,
        "target_year": draw(st.integers(2001, 2040)),
        "direction": draw(st.sampled_from(["increase", "decrease"])),
        "as_of": draw(st.one_of(st.none(), st.integers(2000, 2040))),
        "limit": draw(st.one_of(st.none(), st.sampled_from([100.0, 50.0]))),
    }


def _same(a: float | None, b: float) -> bool:
    if a is None:
        return math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    method=st.sampled_from(METHODS),
    projection=st.sampled_from(["compound", "linear", None]),
    trajectory=st.sampled_from(["linear", "compound"]),
    many=st.lists(one_series(), min_size=1, max_size=5),
)
def test_batch_equals_scalar_assess_on_every_series(
    method: str,
    projection: str | None,
    trajectory: str,
    many: list[dict[str, object]],
) -> None:
    if method in ("unsd", "destatis"):
        projection = None
    ids = np.concatenate([np.full(len(s["years"]), i) for i, s in enumerate(many)])  # type: ignore[arg-type]
    years = np.concatenate([s["years"] for s in many])  # type: ignore[misc]
    values = np.concatenate([s["values"] for s in many])  # type: ignore[misc]
    shuffle = np.random.default_rng(0).permutation(ids.size)
    batch = assess_batch(
        ids[shuffle],
        years[shuffle],
        values[shuffle],
        target=[np.nan if s["target"] is None else s["target"] for s in many],
        target_year=[s["target_year"] for s in many],
        direction=[s["direction"] for s in many],
        method=method,
        limit=[np.nan if s["limit"] is None else s["limit"] for s in many],
        as_of=[np.nan if s["as_of"] is None else s["as_of"] for s in many],
        projection=projection,
        trajectory=trajectory,
    )
    for i, s in enumerate(many):
        one: Assessment = assess(
            s["years"],  # type: ignore[arg-type]
            s["values"],  # type: ignore[arg-type]
            target=s["target"],  # type: ignore[arg-type]
            target_year=s["target_year"],  # type: ignore[arg-type]
            direction=s["direction"],  # type: ignore[arg-type]
            method=method,
            limit=s["limit"],  # type: ignore[arg-type]
            as_of=s["as_of"],  # type: ignore[arg-type]
            projection=projection,
            trajectory=trajectory,
        )
        assert STATUS_CODES[batch.status[i]] == one.status, (i, one.reason)
        assert METHOD_LABELS[method][batch.method_status[i]] == one.method_status
        for name in NUMBER_FIELDS:
            assert _same(getattr(one, name), float(getattr(batch, name)[i])), name
        assert batch.points[i] == len(one.years)
