"""Results and reports can be pickled and deep-copied, as a planner caching a check or
sending it to a worker process expects: a result's thresholds are read-only but no mapping
proxy (which pickle refuses), and a report's results, built on first use, are pickled
built."""

from __future__ import annotations

import copy
import operator
import pickle
from pathlib import Path

import pytest

import targets

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module", params=["vietnam-digital", "vietnam-provinces"])
def report(request: pytest.FixtureRequest) -> targets.Report:
    return targets.check(targets.load(EXAMPLES / request.param))


def test_a_report_pickles_with_every_result_equal(report: targets.Report) -> None:
    again = pickle.loads(pickle.dumps(report))
    assert len(again) == len(report)
    assert list(again) == list(report)
    assert again.summary == report.summary


def test_a_report_deep_copies_with_every_result_equal(report: targets.Report) -> None:
    again = copy.deepcopy(report)
    assert list(again) == list(report)


def test_a_result_keeps_its_thresholds_read_only_through_a_pickle(report: targets.Report) -> None:
    result = next(r for r in report if r.thresholds)
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert dict(again.thresholds) == dict(result.thresholds)
    with pytest.raises(TypeError):
        operator.setitem(again.thresholds, "substantial_progress", 0.5)  # read-only
