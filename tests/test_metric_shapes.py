"""Metrics checked once per shape (unit and direction) say what each metric says alone.

The loader reads a metric's derived properties (yes/no, rank, which way is better) once per
shape of metric, not once per metric (`rules/_shapes.py`): the metrics' own checks
(`_resolve._metrics`), the units and plausibility of columnar figures. Each test here holds
the grouped reading to the one metric at a time reading, on metrics that share shapes but
not limits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import targets
from targets.rules import _resolve
from targets.rules._collect import Item
from targets.rules._errors import Diagnostic
from targets.rules._model import Metric
from targets.rules._shapes import shapes
from tests.test_columnar import both_ways

Write = Callable[[dict[str, str]], Path]

UNITS = ("firm", "%", "rank", "ranks", "yes/no", "USD billion", "score")
DIRECTIONS = (None, "higher", "lower")
LIMITS = (None, 0, 1, 50, 100, "'50 %'", "'USD 5 billion'", "'USD 700 million'", "'3 firm'")

MetricSpec = tuple[str, str | None, object]


@st.composite
def metric_specs(draw: st.DrawFn, most: int = 12) -> list[MetricSpec]:
    """Metrics of one to three shapes, so that most share one (each with its own limit)."""
    shape = st.tuples(st.sampled_from(UNITS), st.sampled_from(DIRECTIONS))
    palette = draw(st.lists(shape, min_size=1, max_size=3))
    limits = st.one_of(st.none(), st.sampled_from(LIMITS))  # half of them none
    metric = st.tuples(st.sampled_from(palette), limits)
    return [(*s, limit) for s, limit in draw(st.lists(metric, min_size=1, max_size=most))]


def rules(specs: list[MetricSpec], targets_text: str = "") -> str:
    lines = ["programme: {name: Shapes}", "metrics:"]
    for index, (unit, direction, limit) in enumerate(specs):
        fields = [f"id: m{index}", f"name: M{index}", f"unit: '{unit}'"]
        if direction is not None:
            fields.append(f"direction: {direction}")
        if limit is not None:
            fields.append(f"limit: {limit}")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n" + targets_text


@given(specs=metric_specs(30))
def test_each_metric_has_the_shape_of_its_unit_and_direction(specs: list[MetricSpec]) -> None:
    metrics = [
        Metric(id=f"m{i}", name="M", unit=unit, direction=direction)
        for i, (unit, direction, _) in enumerate(specs)
    ]
    grouped = shapes(metrics)
    first: dict[tuple[str, str | None], int] = {}  # each shape's first metric
    for index, (metric, code) in enumerate(zip(metrics, grouped.code.tolist(), strict=True)):
        key = (metric.unit, metric.direction)
        first.setdefault(key, index)
        assert list(first).index(key) == code  # numbered in order of first appearance
        example = grouped.examples[code]
        assert (example.unit, example.direction) == key
        assert (example.binary, example.is_rank, example.better) == (
            metric.binary,
            metric.is_rank,
            metric.better,
        )
    assert len(grouped.examples) == len(first)
    assert all(e is metrics[i] for e, i in zip(grouped.examples, first.values(), strict=True))


def _one_by_one(
    metrics: Mapping[str, Item[Metric]], problems: list[Diagnostic]
) -> dict[str, Metric]:
    return {mid: _resolve._metric(item, problems) for mid, item in metrics.items()}


def _loaded(root: Path) -> tuple[Any, ...]:
    try:
        programme = targets.load(root)
    except targets.LoadError as exc:
        return ("problems", [str(d) for d in exc.diagnostics])
    return ("loaded", programme.metrics, [str(w) for w in programme.warnings])


SAYING = [  # shapes a metric without a limit is refused for, twice each, and a limit
    ("rank", "higher", None),
    ("yes/no", "lower", None),
    ("rank", "higher", None),
    ("yes/no", "lower", None),
    ("yes/no", None, 1),
    ("%", "higher", "'50 USD'"),
]


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(specs=SAYING)
@given(specs=metric_specs())
def test_metrics_checked_once_per_shape_say_what_each_says_alone(
    write: Write, monkeypatch: pytest.MonkeyPatch, specs: list[MetricSpec]
) -> None:
    root = write({"p/rules.yaml": rules(specs)}) / "p"
    grouped = _loaded(root)
    monkeypatch.setattr(_resolve, "_metrics", _one_by_one)
    assert grouped == _loaded(root)


@st.composite
def figures(draw: st.DrawFn, count: int) -> str:
    """Figures of the metrics ``m0`` ... in their units or others, inside and beyond their
    limits, ranks below 1, yes and no where they fit and where they do not."""
    lines = ["metric,period,value,unit"]
    for year in range(2000, 2000 + draw(st.integers(1, 16))):
        metric = draw(st.integers(0, count - 1))
        value = draw(st.sampled_from(["-3", "0", "0.5", "1", "7", "60", "120", "1e9", "yes", "no"]))
        unit = draw(st.sampled_from([*UNITS, "USD million", "firms", ""]))
        lines.append(f"m{metric},{year},{value},{unit}")
    return "\n".join(lines) + "\n"


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columnar_checks_per_shape_say_what_the_row_reader_says(
    write: Write, monkeypatch: pytest.MonkeyPatch, data: st.DataObject
) -> None:
    specs = data.draw(metric_specs())
    text = data.draw(figures(len(specs)))
    root = write({"p/rules.yaml": rules(specs), "p/f.csv": text}) / "p"
    both_ways(root, monkeypatch)
