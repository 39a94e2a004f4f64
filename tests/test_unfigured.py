"""Level targets whose series has no figure are judged in bulk, as the per-series path
judges them: not assessable, with their own target value and year, and no chance."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import targets
from targets.judge import Report

from .test_vector_path import HEAD, assert_same_columns

Write = Callable[[dict[str, str]], Path]

RULES = HEAD.format(prefer="") + (
    "targets:\n"
    "  - {id: up-100, metric: up, at_least: 100, by: 2030, base: 2015}\n"
    "  - {id: up-each, metric: up, at_least: 90, by: 2029, for_each: [X, Z]}\n"
    "  - {id: down-1, metric: down, at_most: 1, by: 2030, method: unsd}\n"
    "  - {id: share-60, metric: share, at_least: 60, by: 2028}\n"
    "  - {id: share-70, metric: share, at_least: 70, by: 2027, base: 2012}\n"
    "figures:\n"  # 'up' for X only: no figure of 'up' about no entity, none for Z
    + "".join(
        f'  - {{metric: up, entity: X, period: {y}, value: {10 + y - 2015}, unit: "firm"}}\n'
        for y in range(2015, 2024)
    )
)
"""'down' and 'share' have no figure; 'up' has figures for entity X only."""


def _compact_results(report: Report) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(report.to_json(detail="compact"))["results"]
    return found


@pytest.fixture
def programme(write: Write) -> targets.Programme:
    return targets.load(write({"p.yaml": RULES}))


def test_pairs_without_figures_are_judged_by_the_bulk_path(
    programme: targets.Programme,
) -> None:
    report = targets.check(programme)
    judged = dict(zip(report.keys, report.columns.vector.tolist(), strict=True))
    assert judged == {
        "up-100": True,  # a metric with figures, but none about no entity
        "up-each[X]": True,
        "up-each[Z]": True,  # an entity without figures
        "down-1": True,  # a metric without figures, another method
        "share-60": True,
        "share-70": True,
    }
    counts = report.summary
    assert counts["not_assessable"] == 5


def test_pairs_without_figures_agree_with_the_per_series_path(
    programme: targets.Programme,
) -> None:
    bulk = targets.check(programme)
    series = targets.check(programme, path="series")
    assert_same_columns(bulk, series)
    assert _compact_results(bulk) == _compact_results(series)
    for result, alone in zip(bulk, series, strict=True):
        assert result.to_dict() == alone.to_dict()


def test_each_pair_without_figures_keeps_its_own_target_value_and_year(
    programme: targets.Programme,
) -> None:
    report = targets.check(programme)
    numbers = report.columns.numbers
    rows = {key: row for row, key in enumerate(report.keys)}
    assert numbers["target"][rows["share-60"]] == 60
    assert numbers["target_year"][rows["share-60"]] == 2028
    assert numbers["target"][rows["share-70"]] == 70
    assert numbers["target_year"][rows["share-70"]] == 2027
    assert np.isnan(numbers["base_year"][rows["share-70"]])  # declared, but no figure


def test_pairs_without_figures_have_no_chance_and_the_gate_reads_no_result(
    programme: targets.Programme,
) -> None:
    report = targets.check(programme)
    probability, known = report.columns.chance.probabilities()  # type: ignore[union-attr]
    empty = [row for row, key in enumerate(report.keys) if key != "up-each[X]"]
    assert known[empty].all()
    assert np.isnan(probability[empty]).all()
    series = targets.check(programme, path="series")
    assert all(series.results[row].chance is None for row in empty)


def test_a_representative_with_other_numbers_is_not_copied(
    programme: targets.Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut repeats the per-series result of one pair of each kind; should that
    result ever hold more than the goal, each pair goes the per-series way."""
    from targets.judge import _unfigured  # noqa: PLC0415 - the check made to fail here

    monkeypatch.setattr(_unfigured, "_only_the_goal", lambda shown, facts: False)
    report = targets.check(programme)
    judged = dict(zip(report.keys, report.columns.vector.tolist(), strict=True))
    assert judged["up-each[X]"]
    assert not any(v for k, v in judged.items() if k != "up-each[X]")
    assert_same_columns(report, targets.check(programme, path="series"))
