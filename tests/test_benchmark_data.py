"""The benchmark's SDG-shaped data at a tiny scale: its shape, its rules, and its baseline.

The benchmarks themselves are not run here (they time things; tests do not). These checks
keep the generator honest: 2 areas x 3 series, figures where they should be, rules that
``targets`` reads, and a pandas baseline that reaches the tool's verdicts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

import targets
from targets.rules import (
    BandTarget,
    DirectionTarget,
    GrowthTarget,
    LevelTarget,
    MilestonesTarget,
    RelativeTarget,
)
from targets.rules._periods import year

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def sdg(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import sdg_data  # noqa: PLC0415 - lives in benchmarks/, not a package

    return sdg_data


def test_shape(sdg: ModuleType) -> None:
    ds = sdg.generate(2, 3, seed=0)
    assert (len(ds.areas), len(ds.series), ds.pairs) == (2, 3, 6)
    assert sdg.AREAS_AT_SCALE_1 * sdg.SERIES * 25 == 1_500_000
    pairs = ds.row_pair
    assert set(pairs) == set(range(6))  # every pair has figures
    assert np.all(np.diff(pairs) >= 0)
    for p in range(6):
        years = ds.row_year[pairs == p]
        assert np.all(np.diff(years) > 0)  # one figure a year, in order
        assert years.min() >= 2000
        assert years.max() <= 2024
    assert ds.row_value.size <= 6 * 25
    assert np.all(ds.row_value > 0)
    assert np.all(ds.pair_target > 0)
    assert ds.series_target.shape == (3,)
    again = sdg.generate(2, 3, seed=0)
    assert np.array_equal(again.row_value, ds.row_value)  # seeded: the same data every time
    assert not np.array_equal(sdg.generate(2, 3, seed=1).row_value, ds.row_value)


def test_rules(sdg: ModuleType) -> None:
    ds = sdg.generate(2, 3, seed=0)
    independent = yaml.safe_load(sdg.independent_rules(ds))
    assert len(independent["metrics"]) == len(independent["targets"]) == 6
    for target in independent["targets"]:
        assert ("at_least" in target) != ("at_most" in target)
        assert (target["by"], target["base"]) == (2030, 2015)
    assert independent["programme"]["method"] == "statcan"
    per_entity = yaml.safe_load(sdg.per_entity_rules(ds))
    assert len(per_entity["metrics"]) == len(per_entity["targets"]) == 3
    assert all(t["for_each"] == "all" for t in per_entity["targets"])


def test_independent_variant_checks_like_the_baseline(sdg: ModuleType, tmp_path: Path) -> None:
    import pandas as pd  # noqa: PLC0415 - the test extra brings it (and pyarrow)
    import pandas_baseline  # noqa: PLC0415 - lives in benchmarks/

    sdg.write(tmp_path, 2, 3, seed=0)
    folder = tmp_path / "independent"
    results = targets.check(targets.load(folder)).to_dict()["results"]
    assert len(results) == 6
    baseline = pandas_baseline.judge(
        pandas_baseline.read(folder / "figures.csv"),
        pd.read_csv(tmp_path / "independent.targets.csv"),
    )
    for result in results:
        row = baseline.loc[result["metric"]]
        assert result["status"] == row["status"]
        assert result["method_status"] == row["method_status"]
        if result["ratio"] is not None and not math.isnan(row["ratio"]):
            assert result["ratio"] == pytest.approx(row["ratio"])
    per_entity = (tmp_path / "per-entity" / "figures.csv").read_text().splitlines()
    assert per_entity[0] == "metric,entity,period,value,unit"


def test_the_shapes_benchmark_splits_and_thins_the_same_figures(
    sdg: ModuleType, tmp_path: Path
) -> None:
    """`bench_shapes.py` times the same figures written one file per area, and half of
    the independent series: what it writes must be that, or its timings compare nothing."""
    import bench_shapes  # noqa: PLC0415 - lives in benchmarks/

    sdg.write(tmp_path, 3, 4, seed=0, parquet=False)
    whole = targets.load(tmp_path / "per-entity")
    areas = bench_shapes.by_area(tmp_path / "per-entity" / "figures.csv", tmp_path / "areas")
    assert sorted(p.stem for p in areas.iterdir()) == ["a001", "a002", "a003"]
    split = targets.load(tmp_path / "per-entity" / "rules.yaml", areas)
    key = [(f.metric, f.entity, f.period.label, f.value) for f in whole.figures]
    assert sorted(key) == sorted(
        (f.metric, f.entity, f.period.label, f.value) for f in split.figures
    )
    thin = bench_shapes.sparse(tmp_path / "independent" / "figures.csv", tmp_path / "s" / "f.csv")
    kept = targets.load(tmp_path / "independent" / "rules.yaml", thin)
    assert {f.metric[:4] for f in kept.figures} == {"s001", "s003"}
    report = targets.check(kept)
    assert report.summary["not_assessable"] >= 6  # the targets of s002 and s004, 3 areas each


def test_the_shapes_benchmark_states_the_same_targets_otherwise(
    sdg: ModuleType, tmp_path: Path
) -> None:
    """The ``relative``, ``trend``, ``band``, ``milestones`` and ``growth`` shapes judge the
    targets of the one file, each stated relative to 2015, as a direction, as a band, as
    two milestones or as a growth rate, all in bulk."""
    import bench_shapes  # noqa: PLC0415 - lives in benchmarks/

    sdg.write(tmp_path, 3, 4, seed=0, parquet=False)
    level = targets.load(tmp_path / "per-entity")
    against = _restated(bench_shapes.relative, tmp_path)
    assert [(t.id, t.metric, t.deadline) for t in against.targets] == [
        (t.id, t.metric, t.deadline) for t in level.targets
    ]
    for target in against.targets:
        assert isinstance(target, RelativeTarget)
        assert target.relative_to.label == "2015"
        higher = level.metrics[target.metric].better == "higher"
        assert (target.factor is None) == higher  # +20 % where higher is better, else x 0.8
    directions = _restated(bench_shapes.trend, tmp_path)
    for target, was in zip(directions.targets, level.targets, strict=True):
        assert isinstance(target, DirectionTarget)
        assert (target.id, target.metric, target.base) == (was.id, was.metric, was.base)
        higher = level.metrics[target.metric].better == "higher"
        assert target.trend == ("increase" if higher else "decrease")
    bands = _restated(bench_shapes.band, tmp_path)
    for target, was in zip(bands.targets, level.targets, strict=True):
        assert isinstance(target, BandTarget)
        assert isinstance(was, LevelTarget)
        low, high = target.between
        assert low.value == pytest.approx(0.9 * was.level.value, rel=1e-5)
        assert high.value == pytest.approx(1.1 * was.level.value, rel=1e-5)
    steps = _restated(bench_shapes.milestones, tmp_path)
    for target, was in zip(steps.targets, level.targets, strict=True):
        assert isinstance(target, MilestonesTarget)
        assert isinstance(was, LevelTarget)
        higher = level.metrics[target.metric].better == "higher"
        first, last = ((m.at_least if higher else m.at_most) for m in target.milestones)
        assert [m.by for m in target.milestones] == [year(2025), was.deadline]
        assert first is not None
        assert last is not None
        assert first.value == pytest.approx((0.9 if higher else 1.1) * was.level.value, rel=1e-5)
        assert last.value == pytest.approx(was.level.value, rel=1e-5)
    rates = _restated(bench_shapes.growth, tmp_path)
    for target, was in zip(rates.targets, level.targets, strict=True):
        assert isinstance(target, GrowthTarget)
        assert (target.id, target.metric, target.by) == (was.id, was.metric, was.deadline)
        assert target.from_ == year(2021)
        higher = level.metrics[target.metric].better == "higher"
        bound = target.growth.at_least if higher else target.growth.at_most
        assert bound is not None
        assert bound.fraction == (0.02 if higher else -0.02)


def _restated(shape: Callable[[Path, Path], Path], folder: Path) -> targets.Programme:
    """The per-entity rules in `folder` restated by `shape`, with their figures, after
    checking that every pair of them is judged in bulk."""
    rules = shape(folder / "per-entity" / "rules.yaml", folder / f"{shape.__name__}.yaml")
    programme = targets.load(rules, folder / "per-entity" / "figures.csv")
    assert targets.check(programme).columns.vector.all()
    return programme
