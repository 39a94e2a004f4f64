"""A run works out the method and thresholds of a target without its own once per kind
and unit; what it says equals the target's own call, whatever the run's method."""

from __future__ import annotations

import pytest

import targets
from targets.engine import METHODS
from targets.judge._run import Run


@pytest.mark.parametrize("method", [None, *METHODS])
def test_the_shared_method_and_thresholds_equal_each_targets_own_call(
    example_programme: targets.Programme, method: str | None
) -> None:
    run = Run(example_programme, None, method)
    for target in example_programme.targets:
        metric = example_programme.metrics[target.metric]
        call = Run(example_programme, None, method).call(target, metric)  # a fresh run
        expected = (call.method, tuple(sorted(call.thresholds.items())))
        assert run.method_and_thresholds(target, metric) == expected, target.id
