"""The chance gate reads the bulk path's pairs in one `chance_batch` call, and that reading
equals each result's own chance (so the gate fails the same targets either way)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.judge import Gate
from tests.test_vector_path import Write, programmes


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=programmes(), as_of=st.sampled_from([None, "2022-06-30", "2024-12-31", "2030"]))
def test_the_bulk_chance_equals_each_results_chance(
    write: Write, text: str, as_of: str | None
) -> None:
    report = targets.check(targets.load(write({"p.yaml": text})), as_of=as_of)
    table = report.columns
    if table.chance is None:
        return
    probability, known = table.chance.probabilities()
    assert (known == table.vector).all()  # every bulk row is read in bulk
    for row in np.flatnonzero(known).tolist():
        chance = report.results[row].chance
        own = None if chance is None else chance.probability
        read = float(probability[row])
        if own is None:
            assert math.isnan(read), (report.keys[row], read)
        else:
            assert math.isclose(own, read, rel_tol=1e-9, abs_tol=1e-12), report.keys[row]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=programmes(), below=st.sampled_from([0.2, 0.5, 0.9]), strict=st.booleans())
def test_the_chance_gate_fails_the_same_targets_on_either_path(
    write: Write, text: str, below: float, strict: bool
) -> None:
    programme = targets.load(write({"p.yaml": text}))
    gate = Gate(fail_on=None, chance_below=below, strict=strict)
    bulk = targets.check(programme)
    series = targets.check(programme, path="series")
    assert gate.failing_keys(bulk) == gate.failing_keys(series)


def test_a_selection_keeps_each_rows_own_bulk_chance(write: Write) -> None:
    figures = "\n".join(
        f"  - {{metric: up, period: {year}, value: {value}, unit: firm, entity: {entity}}}"
        for entity, start, step in (("X", 10, 1), ("Y", 10, 6))
        for year, value in ((y, start + step * (y - 2015)) for y in range(2015, 2021))
    )
    text = (
        "programme: {name: P}\n"
        "metrics:\n  - {id: up, name: Up, unit: firm, direction: higher}\n"
        "targets:\n  - {id: t, metric: up, at_least: 60, by: 2030, for_each: all}\n"
        f"figures:\n{figures}\n"
    )
    programme = targets.load(write({"p.yaml": text}))
    whole = targets.check(programme)
    only_y = targets.check(programme, select=["entity:Y"])
    assert only_y.columns.chance is not None
    probability, known = only_y.columns.chance.probabilities()
    assert known.tolist() == [True]
    expected = whole.results[whole.keys.index("t[Y]")].chance
    assert expected is not None
    assert expected.probability is not None
    assert math.isclose(float(probability[0]), expected.probability, rel_tol=1e-9)
    slow = Gate(fail_on=None, chance_below=0.5)
    assert slow.failing_keys(whole) == ["t[X]"]  # one firm a year never reaches 60 by 2030
