"""A result that cannot be judged carries its method's own "unavailable" label, on every path."""

from __future__ import annotations

import pytest

from targets.engine import (
    Result,
    Status,
    assess,
    assess_band,
    assess_growth_rate,
    assess_hold,
    assess_milestones,
    assess_rank,
    count_meeting,
)

OWN = {
    "statcan": "not_available",
    "unsd": "not_evaluated",
    "destatis": "not_assessed",
    "sdsn": "unavailable",
    "istat": "not_assessed",
}

# ways to be unassessable: no figures, one figure, a base year after the only figure (a base
# year merely without a figure moves, as each method says), a sign change
CASES = [
    ([], [], None),
    ([2020], [5.0], None),
    ([2022], [5.0], 2025),
    ([2015, 2018, 2020], [10.0, -5.0, 12.0], None),
]


def _check(result: Result, method: str) -> None:
    if result.status is Status.NOT_ASSESSABLE:
        assert result.method_status == OWN[method], (method, result.reason)
        assert result.reason


@pytest.mark.parametrize("method", list(OWN))
@pytest.mark.parametrize(("years", "values", "base"), CASES)
def test_level_band_milestones_and_ranks_use_the_methods_own_label(
    method: str, years: list[int], values: list[float], base: int | None
) -> None:
    results: list[Result] = [
        assess(years, values, target=20.0, target_year=2030, method=method, base_year=base),
        assess(years, values, method=method, base_year=base),
        assess_band(
            years, values, low=15.0, high=25.0, target_year=2030, method=method, base_year=base
        ),
        assess_milestones(
            years, values, milestones=[(2025, 15.0), (2030, 20.0)], method=method, base_year=base
        ),
    ]
    if method in ("sdsn", "destatis"):
        results.append(
            assess_rank(
                years, values, target_rank=3, target_year=2030, method=method, base_year=base
            )
        )
    for r in results:
        _check(r, method)
    assert any(r.status is Status.NOT_ASSESSABLE for r in results)


def test_a_count_series_uses_the_methods_own_label() -> None:
    c = count_meeting(["a", "b"], [2021, 2021], [1.0, 2.0], threshold=1.5)
    for method, own in OWN.items():
        a = assess(c.years, c.counts, target=10.0, target_year=2030, method=method)
        assert (a.status, a.method_status) == (Status.NOT_ASSESSABLE, own)


def test_hold_and_growth_rate_use_their_methods_labels() -> None:
    h = assess_hold([2020, 2021], [5.0, 5.0], low=4.0, start=2020, end=2030)
    assert (h.status, h.method_status) == (Status.NOT_ASSESSABLE, "not_assessed")
    g = assess_growth_rate([2021], [5.0], rate=0.05, target_year=2022)
    assert (g.status, g.method_status) == (Status.NOT_ASSESSABLE, "not_available")
