"""The vectorised check path agrees with the per-series one on every number, and results for
one series never depend on another's figures (so the work can be split)."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.judge import Report
from tests.readers import read_by

Write = Callable[[dict[str, str]], Path]

HEAD = """\
programme: {{name: Random, prefer: [{prefer}]}}
sources:
  - {{id: a, publisher: A, date: 2023-03}}
  - {{id: b, publisher: B, date: 2024-06}}
  - {{id: c, publisher: C}}
metrics:
  - {{id: up, name: Up, unit: firm, direction: higher}}
  - {{id: down, name: Down, unit: "%", direction: lower, limit: 0}}
  - {{id: share, name: Share, unit: "%", direction: higher, limit: 100}}
  - {{id: place, name: Place, unit: rank}}
"""
METRICS = {"up": "firm", "down": "%", "share": "%", "place": "rank"}


@st.composite
def programmes(draw: st.DrawFn) -> str:
    """A programme of level, relative, direction, band, milestone, growth-rate and rank targets
    (some for each entity, some with a base year or a method, some on a metric or for an
    entity without figures, some relative to a year without a figure) and figures of every
    kind, source and edition, with conflicts and gaps."""
    prefer = draw(st.sampled_from(["", "b", "c, a"]))
    lines = [HEAD.format(prefer=prefer), "targets:"]
    for i in range(draw(st.integers(1, 6))):
        metric = draw(st.sampled_from(sorted(METRICS)))
        goal, by = _goal(draw, metric)
        extra = []
        growth = goal.startswith("growth")
        if draw(st.booleans()) and not growth:  # a growth rate has periods, not a base
            extra.append(f"base: {draw(st.integers(2012, 2020))}")
        if draw(st.booleans()) and goal.startswith("top"):
            extra.append(f"method: {draw(st.sampled_from(['sdsn', 'destatis']))}")
        elif draw(st.booleans()) and not growth and not goal.startswith("top"):
            methods = ["statcan", "unsd"] + ([] if goal.startswith("trend") else ["sdsn"])
            extra.append(f"method: {draw(st.sampled_from(methods))}")  # sdsn needs a value
        if draw(st.booleans()):  # Z: an entity no figure has
            extra.append(draw(st.sampled_from(["for_each: all", "for_each: [X, Z]"])))
        if draw(st.booleans()):
            extra.append("estimates: false")
        if by is not None:
            extra.insert(0, f"by: {by}")
        more = ", " + ", ".join(extra) if extra else ""
        lines.append(f"  - {{id: t{i}, metric: {metric}, {goal}{more}}}")
    lines.append("figures:")
    for _ in range(draw(st.integers(0, 40))):
        metric = draw(st.sampled_from(sorted(METRICS)))
        year = draw(st.integers(2010, 2026))
        period = year if draw(st.integers(0, 9)) else f"{year}-Q{draw(st.integers(1, 4))}"
        value = draw(st.integers(1, 120))
        if metric == "down":
            value = max(value, 1)
        kind = draw(st.sampled_from(["actual", "actual", "estimate", "forecast"]))
        source = draw(st.sampled_from(["a", "b", "c"]))
        entity = draw(st.sampled_from(["", "", "X", "Y"]))
        published = draw(st.sampled_from(["", "", "2024-01", "2025-03", str(year + 1)]))
        fields = [
            f"metric: {metric}",
            f"period: {period}",
            f"value: {value}",
            f'unit: "{METRICS[metric]}"',
            f"kind: {kind}",
            f"source: {source}",
        ]
        if entity:
            fields.append(f"entity: {entity}")
        if published:
            fields.append(f"published: {published}")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def _level(draw: st.DrawFn, metric: str) -> str:
    side = "at_most" if metric == "down" else "at_least"
    value = draw(st.integers(1, 150))
    return f"{side}: {min(value, 100) if metric == 'share' else value}"


def _goal(draw: st.DrawFn, metric: str) -> tuple[str, int | None]:
    """A target's goal on `metric`, the way the metric is better, and its deadline (None
    where the goal holds its own: milestones)."""
    goals = ["level", "level", "factor", "percent", "plus", "trend", "band", "milestones"]
    goal = draw(st.sampled_from([*goals, "growth"]))
    by = draw(st.integers(2021, 2035))  # after every base year drawn
    if metric == "place":  # a rank: the top N places, or a place to reach or keep
        return draw(st.sampled_from([f"top: {draw(st.integers(1, 60))}", "trend: decrease"])), by
    if goal == "milestones":  # the last one is the deadline: no 'by'
        return _milestones(draw, metric), None
    if goal == "growth":  # a rate each year, Statistics Canada's alone
        return _growth(draw), by
    if goal == "trend":  # the way the metric is better (the loader refuses the other)
        return f"trend: {'decrease' if metric == 'down' else 'increase'}", by
    if goal == "band":
        low, high = sorted(draw(st.lists(st.integers(1, 100), min_size=2, max_size=2)))
        return f"between: [{low}, {high}]", by
    return (_level(draw, metric) if goal == "level" else _relative(draw, metric, goal)), by


def _growth(draw: st.DrawFn) -> str:
    """A growth rate to reach (or a fall to keep within), from a year or over one."""
    side = draw(st.sampled_from(["at_least", "at_most"]))
    rate = draw(st.sampled_from(["-5 %", "0 %", "2 %", "10 %", "0.3 %"]))
    start = draw(st.sampled_from(["", ", from: 2016", ", from: 2020"]))
    return f"growth: {{{side}: {rate}}}{start}"


def _milestones(draw: st.DrawFn, metric: str) -> str:
    """Two or three milestones in year order, after every base year drawn, some passed by
    the figures, each a level or (now and then) a band."""
    years = sorted(draw(st.sets(st.integers(2021, 2035), min_size=2, max_size=3)))
    steps = []
    for year in years:
        if draw(st.integers(0, 4)):
            steps.append(f"{{by: {year}, {_level(draw, metric)}}}")
        else:
            low, high = sorted(draw(st.lists(st.integers(1, 100), min_size=2, max_size=2)))
            steps.append(f"{{by: {year}, between: [{low}, {high}]}}")
    return f"milestones: [{', '.join(steps)}]"


def _relative(draw: st.DrawFn, metric: str, how: str) -> str:
    """A relative goal in the metric's better direction (the loader refuses the other):
    a factor, a percent change or a change in the metric's unit."""
    sign = -1 if metric == "down" else 1
    year = draw(st.integers(2012, 2020))
    if how == "factor":
        factors = [0.5, 0.8, 0.95] if sign < 0 else [1.1, 1.5, 2]
        factor = draw(st.sampled_from(factors))
        return f"relative_to: {year}, factor: {factor}"
    amount = sign * draw(st.integers(1, 60))
    change = f'"{amount:+d} %"' if how == "percent" else f"{amount:+d}"
    return f"relative_to: {year}, change: {change}"


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def assert_same_columns(bulk: Report, series: Report) -> None:
    a, b = bulk.columns, series.columns
    assert a.keys == b.keys
    assert a.status.tolist() == b.status.tolist()
    assert a.methods == b.methods
    assert a.method_status == b.method_status
    assert a.projection == b.projection
    for name, column in b.numbers.items():
        for key, x, y in zip(a.keys, a.numbers[name], column, strict=True):
            assert _same(float(x), float(y)), (key, name, x, y)


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=programmes(),
    as_of=st.sampled_from([None, "2022-06-30", "2024-12-31", "2030"]),
)
def test_the_bulk_path_agrees_with_the_per_series_path_on_every_number(
    write: Write, text: str, as_of: str | None
) -> None:
    programme = targets.load(write({"p.yaml": text}))
    bulk = targets.check(programme, as_of=as_of)
    series = targets.check(programme, as_of=as_of, path="series")
    assert_same_columns(bulk, series)
    # and a result built on demand is the per-series one, in full
    for result, alone in zip(bulk, series, strict=True):
        assert result.to_dict() == alone.to_dict()


def test_the_bulk_path_judges_the_level_targets_of_the_example(
    example_programme: targets.Programme,
) -> None:
    bulk = targets.check(example_programme)
    series = targets.check(example_programme, path="series")
    assert bulk.columns.vector.any()  # some targets went the bulk way
    assert_same_columns(bulk, series)


def test_results_split_in_four_partitions_equal_the_whole(write: Write) -> None:
    """Each series is judged on its own figures: checking four parts of the entities
    separately gives the results of checking them all at once."""
    rng = np.random.default_rng(7)
    areas = [f"A{i:02d}" for i in range(12)]
    lines = ["figures:"]
    for area in areas:
        for metric, unit in METRICS.items():
            level = float(rng.uniform(5, 60))
            for year in range(2010, 2025):
                if rng.random() < 0.15:
                    continue
                level *= float(rng.normal(1.03, 0.05))
                lines.append(
                    f"  - {{metric: {metric}, entity: {area}, period: {year}, "
                    f'value: {level:.3f}, unit: "{unit}", source: a}}'
                )
    rules = HEAD.format(prefer="") + (
        "targets:\n"
        "  - {id: up-100, metric: up, at_least: 100, by: 2030, base: 2015, for_each: all}\n"
        "  - {id: down-1, metric: down, at_most: 1, by: 2030, for_each: all}\n"
        "  - {id: share-60, metric: share, at_least: 60, by: 2028, for_each: all}\n"
    )
    figures = "\n".join(lines) + "\n"
    whole = targets.check(targets.load(write({"all/rules.yaml": rules, "all/f.yaml": figures})))
    parts: dict[str, dict[str, object]] = {}
    for n, chunk in enumerate(np.array_split(np.asarray(areas), 4)):
        mine = {str(a) for a in chunk}
        kept = [lines[0]] + [
            ln for ln in lines[1:] if ln.split("entity: ")[1].split(",")[0] in mine
        ]
        root = write({f"p{n}/rules.yaml": rules, f"p{n}/f.yaml": "\n".join(kept) + "\n"})
        part = targets.check(targets.load(root / f"p{n}"))
        for key, row in zip(part.keys, range(len(part)), strict=True):
            parts[key] = {
                "status": part.columns.status_of(row),
                **{k: float(v[row]) for k, v in part.columns.numbers.items()},
            }
    assert sorted(parts) == sorted(whole.keys)
    for row, key in enumerate(whole.keys):
        assert parts[key]["status"] == whole.columns.status_of(row)
        for name, column in whole.columns.numbers.items():
            assert _same(float(column[row]), float(parts[key][name])), (key, name)  # type: ignore[arg-type]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=programmes(), most=st.integers(1, 12))
def test_the_bulk_path_judged_a_few_series_at_a_time_agrees_with_the_per_series_path(
    write: Write, text: str, most: int
) -> None:
    from targets.judge import _spread  # noqa: PLC0415 - the chunk size is set here

    programme = targets.load(write({"p.yaml": text}))
    whole = _spread.CHUNK_ROWS
    _spread.CHUNK_ROWS = most  # chunks of a few figures: many chunks, big series alone
    try:
        bulk = targets.check(programme)
    finally:
        _spread.CHUNK_ROWS = whole
    assert_same_columns(bulk, targets.check(programme, path="series"))
    assert bulk.columns.vector.tolist() == targets.check(programme).columns.vector.tolist()


@pytest.mark.parametrize("columnar", [False, True], ids=["rows", "columns"])
def test_a_pickled_programme_checks_to_the_same_report(
    write: Write, monkeypatch: pytest.MonkeyPatch, columnar: bool
) -> None:
    """A programme crosses a process boundary (a worker, a distributed engine's partition)
    whole: its figures read row by row or as pyarrow columns, and its read-only maps."""
    read_by(monkeypatch, columnar=columnar)
    rows = ["metric,entity,period,value,unit"] + [
        f"up,A{a},{year},{10 + a + 1.5 * (year - 2015):.2f},firm"
        for a in range(3)
        for year in range(2015, 2025)
    ]
    rules = HEAD.format(prefer="") + (
        "targets:\n  - {id: up-100, metric: up, at_least: 100, by: 2030, for_each: all}\n"
        "  - {id: up-1e2, metric: up, at_least: 1e2, by: 2030}\n"  # a float keeping its text
    )
    root = write({"p/rules.yaml": rules, "p/f.csv": "\n".join(rows) + "\n"})
    programme = targets.load(root / "p")
    copy = pickle.loads(pickle.dumps(programme))
    assert dict(copy.metrics) == dict(programme.metrics)
    with pytest.raises(TypeError):  # still read-only
        copy.metrics["new"] = copy.metrics["up"]
    assert targets.check(copy).to_json() == targets.check(programme).to_json()
