"""`check(path="auto")` judges in bulk from `BULK_FROM` pairs; below, every pair goes the
per-series way (as fast there, and the bulk path's imports and calls are saved);
`path="bulk"` judges in bulk whatever the size. The results are the same either way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import targets
from targets.judge import _check

Write = Callable[[dict[str, str]], Path]

RULES = """\
programme: {name: Sizes}
metrics:
  - {id: up, name: Up, unit: firm, direction: higher}
targets:
  - {id: up-40, metric: up, at_least: 40, by: 2030, for_each: all}
figures:
"""


def _programme(write: Write, entities: int) -> targets.Programme:
    figures = "".join(
        f"  - {{metric: up, entity: E{e}, period: {y}, value: {10 + e + y - 2015}, unit: firm}}\n"
        for e in range(entities)
        for y in (2015, 2020)
    )
    return targets.load(write({"p.yaml": RULES + figures}))


def test_a_run_below_the_bulk_size_goes_the_per_series_way_and_from_it_in_bulk(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_check, "BULK_FROM", 5)  # the suite judges all in bulk otherwise
    small, large = _programme(write, 4), _programme(write, 5)
    assert not targets.check(small).columns.vector.any()
    assert targets.check(small, path="bulk").columns.vector.all()
    assert targets.check(large).columns.vector.all()
    alone = [r.to_dict() for r in targets.check(small)]
    assert alone == [r.to_dict() for r in targets.check(small, path="bulk")]
