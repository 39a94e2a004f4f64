"""Level targets judged in bulk: the evidence rules and the engine on arrays, no objects.

For a programme of sixty thousand series, building a `Figure` per figure and an
`Assessment` per series costs minutes. Here the figures stay rows of the `FigureTable`:
`select_batch` applies the evidence rules to every series at once, `assess_batch` judges
every series of a method at once, and what comes out are columns. Property tests hold both
equal to the per-series path (`select_figures`, `assess`); a pair this path cannot take
(another kind, a range figure, nothing published yet) goes the per-series way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine import (
    METHOD_LABELS,
    BatchSelection,
    RefusedInputError,
    assess_batch,
    resolve_thresholds,
    select_batch,
)
from targets.judge._bulk_chance import ChanceInputs
from targets.judge._kinds import natural_bounds
from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.rules._table import Floats, Ints
from targets.rules._targets import LevelTarget, TargetBase

__all__ = ["CHUNK_ROWS", "Bulk", "judge_in_bulk", "select_series"]

Pair = tuple[TargetBase, "str | None"]
Group = tuple[str, tuple[tuple[str, float], ...]]
"""A batch call: the method and its thresholds."""

_HEADLINE = (
    "target", "target_year", "base_year", "base_value", "latest_year", "latest_value",
    "growth_actual", "growth_required", "growth_required_now", "change_actual",
    "change_required", "change_required_now", "slope", "projected", "reach_year",
    "trajectory_gap", "ratio", "score", "progress",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Bulk:
    """The pairs judged in bulk (positions in the pair list) and their columns."""

    pairs: Ints
    status: npt.NDArray[np.int8]
    method_status: list[str]
    methods: list[str]
    projection: list[str]
    numbers: dict[str, Floats]
    latest_row: Ints
    chance: tuple[ChanceInputs, ...] = ()
    """What the chance gate's reading needs, per bulk call (read only when asked)."""

    def __len__(self) -> int:
        return int(self.pairs.size)


def judge_in_bulk(run: Run, index: RowIndex, pairs: Sequence[Pair]) -> Bulk:
    """The level targets among `pairs` whose figures the bulk path can take, judged."""
    series_of: dict[tuple[int, bool], int] = {}  # (key, estimates): the series' position
    candidates: list[tuple[int, LevelTarget, int]] = []
    level: dict[int, int] = {}  # by id(target), its metric's first key (-1: not a level target)
    for i, (target, entity) in enumerate(pairs):
        base = level.get(id(target))
        if base is None:  # the entities of a target share their target's copy: once each
            base = level[id(target)] = (
                index.key(target.metric, None) if isinstance(target, LevelTarget) else -1
            )
        offset = index.entity_offset(entity)
        if base >= 0 and offset >= 0:
            assert isinstance(target, LevelTarget)  # a base says so
            s = series_of.setdefault((base + offset, target.estimates), len(series_of))
            candidates.append((i, target, s))
    if not candidates:
        return _joined([])
    keys = np.asarray([key for key, _ in series_of], dtype=np.int64)
    estimates = np.asarray([flag for _, flag in series_of], dtype=bool)
    chunks = _chunks(index.sizes_of(keys), CHUNK_ROWS)
    members: list[list[tuple[int, LevelTarget, int]]] = [[] for _ in chunks]
    chunk_of = np.repeat(np.arange(len(chunks)), [hi - lo for lo, hi in chunks]).tolist()
    for i, target, s in candidates:
        members[chunk_of[s]].append((i, target, s))
    found: list[Bulk] = []
    group_of: dict[int, Group] = {}  # by id(target): entities share their target's copy
    for (lo, hi), chunk in zip(chunks, members, strict=True):
        found += _judge_chunk(
            run,
            index,
            keys=keys[lo:hi],
            estimates=estimates[lo:hi],
            first=lo,
            members=chunk,
            group_of=group_of,
        )
    return _joined(found)


CHUNK_ROWS = 1 << 18
"""About how many figures the bulk path takes at once. Series are independent, so a large
programme is judged a chunk of series at a time: its temporary arrays stay a few MB, and
the allocator reuses them (arrays of a hundred MB are mapped and unmapped each time: at 14
million figures, page faults took half the check). A quarter of a million figures a chunk
kept the peak of 1.4 million figures 40 to 80 MB lower than a million did, in the same
time."""


def _chunks(sizes: Ints, most: int) -> list[tuple[int, int]]:
    """Consecutive ranges of series whose figures add up to about `most` (a series larger
    than that is a range of its own)."""
    if sizes.size == 0:
        return []
    ends = np.cumsum(sizes)
    found: list[tuple[int, int]] = []
    lo = 0
    while lo < sizes.size:
        before = ends[lo - 1] if lo else 0
        hi = int(np.searchsorted(ends, before + most, side="right"))
        hi = max(hi, lo + 1)
        found.append((lo, hi))
        lo = hi
    return found


def _judge_chunk(
    run: Run,
    index: RowIndex,
    *,
    keys: Ints,
    estimates: npt.NDArray[np.bool_],
    first: int,
    members: list[tuple[int, LevelTarget, int]],
    group_of: dict[int, Group],
) -> list[Bulk]:
    """The member pairs of one chunk of series (`keys`, the first of which is series
    `first`): evidence, then one `assess_batch` call per method and thresholds."""
    table = index.table
    rows, series = index.rows_of(keys)
    selection = select_series(run, index, series, rows, estimates)
    chosen = rows[selection.chosen]
    chosen_series = series[selection.chosen]
    count = np.bincount(chosen_series, minlength=keys.size)
    ranged = np.bincount(
        chosen_series, weights=table.low[chosen] != table.high[chosen], minlength=keys.size
    )
    start = np.cumsum(count) - count
    fine = (count > 0) & (ranged == 0)  # else: nothing known yet, or ranges judged at both ends
    groups: dict[Group, list[tuple[int, LevelTarget, int]]] = {}
    judged = fine.tolist()
    for i, target, s in members:
        if judged[s - first]:
            group = group_of.get(id(target))
            if group is None:
                metric = run.programme.metrics[target.metric]
                group = group_of[id(target)] = run.method_and_thresholds(target, metric)
            groups.setdefault(group, []).append((i, target, s - first))
    found = []
    for group, chosen_members in groups.items():
        try:
            found.append(
                _judge(run, index, group, chosen_members, chosen=chosen, start=start, count=count)
            )
        except RefusedInputError:  # the per-series path says which series, and why
            continue
    return found


def select_series(
    run: Run, index: RowIndex, series: Ints, rows: Ints, estimates: npt.NDArray[np.bool_]
) -> BatchSelection:
    """The evidence rules on every series' rows at once."""
    table = index.table
    prefer = list(run.prefer)
    rank = np.asarray([prefer.index(s) if s in prefer else np.inf for s in table.sources])
    rank = np.append(rank, np.inf)  # a figure without a source is never preferred
    return select_batch(
        series,
        index.time[rows],
        table.low[rows],
        table.high[rows],
        table.kind[rows],
        source_rank=rank[table.source[rows]],
        published=index.published[rows],
        end=index.end[rows],
        annual=index.annual[rows],
        estimates=estimates,
        as_of=run.as_of_time,
        as_of_label=str(run.as_of) if run.as_of is not None else None,
        period=table.period[rows],
        period_labels=[p.label for p in table.periods],
    )


def _judge(
    run: Run,
    index: RowIndex,
    group: Group,
    members: list[tuple[int, LevelTarget, int]],
    *,
    chosen: Ints,
    start: Ints,
    count: Ints,
) -> Bulk:
    """One `assess_batch` call: every member pair of one method and set of thresholds."""
    method, thresholds = group[0], dict(group[1])
    table = run.programme.table
    n = len(members)
    series = np.asarray([s for _, _, s in members], dtype=np.int64)
    sizes = count[series]
    local = np.repeat(np.arange(n), sizes)
    offsets = np.repeat(start[series] - (np.cumsum(sizes) - sizes), sizes)
    rows = chosen[np.arange(local.size) + offsets]
    time = index.time[rows]
    which: dict[int, int] = {}  # by id(target): entities share their target's copy
    facts: list[tuple[float, float, float, float, float, bool]] = []
    for _, target, _ in members:
        if id(target) not in which:
            which[id(target)] = len(facts)
            facts.append(_facts(run, target))
    per = np.asarray(facts, dtype=np.float64)[[which[id(t)] for _, t, _ in members]]
    target_value, target_year, base, lows, highs, higher = per.T
    direction = np.where(higher == 1.0, 1.0, -1.0)  # increase, decrease
    as_of = np.nan if run.as_of_time is None else run.as_of_time
    values = table.low[rows]
    result = assess_batch(
        local,
        time,
        values,
        target=target_value,
        target_year=target_year,
        direction=direction,
        method=method,
        as_of=np.full(n, as_of),
        thresholds=thresholds,
        base_year=base,
        bounds_low=lows,
        bounds_high=highs,
    )
    labels = METHOD_LABELS[method]
    numbers = {
        "target": target_value,
        "target_year": target_year,
        "change_actual": result.slope if method == "destatis" else result.growth_actual_linear,
        "change_required": result.growth_required_linear,
        "change_required_now": result.growth_required_now_linear,
        **{
            name: getattr(result, name)
            for name in _HEADLINE
            if name not in {"target", "target_year"} and not name.startswith("change_")
        },
    }
    latest = _latest_rows(local, time, rows, result.latest_year, np.cumsum(sizes) - 1)
    resolve_thresholds(method, thresholds)  # the same check the per-series path makes
    pairs = np.asarray([i for i, _, _ in members], dtype=np.int64)
    chance = ChanceInputs(
        pairs=pairs,
        local=local,
        years=time,
        values=values,
        base_year=result.base_year,
        target=target_value,
        target_year=target_year,
        direction=direction,
        as_of=as_of,
        method=method,
        projection=result.projection,
    )
    return Bulk(
        pairs=pairs,
        status=result.status,
        method_status=[labels[c] for c in result.method_status.tolist()],
        methods=[method] * n,
        projection=[result.projection] * n,
        numbers={k: np.asarray(v, dtype=np.float64) for k, v in numbers.items()},
        latest_row=latest,
        chance=(chance,),
    )


def _facts(run: Run, target: LevelTarget) -> tuple[float, float, float, float, float, bool]:
    """What one target gives its batch call: its value and year, base year, the metric's
    natural bounds (NaN: none) and whether higher is better."""
    metric = run.programme.metrics[target.metric]
    low, high = natural_bounds(metric)
    declared = target.base or run.programme.info.base
    return (
        target.level.value,
        target.by.time,
        np.nan if declared is None else declared.time,
        np.nan if low is None else low,
        np.nan if high is None else high,
        metric.better == "higher",
    )


def _latest_rows(local: Ints, time: Floats, rows: Ints, latest_year: Floats, last: Ints) -> Ints:
    """The table row of each pair's latest figure used: the last figure of the verdict's
    latest year, or where the verdict has none (a refusal), the last figure chosen, as
    `TargetResult.latest` says. `last` is each pair's last position in `rows`."""
    found = rows[last]
    hit = (time == latest_year[local]) & ~np.isnan(latest_year[local])
    found[local[hit]] = rows[hit]  # in order: the last of the year wins
    return found


def _joined(parts: Sequence[Bulk]) -> Bulk:
    if not parts:
        return Bulk(
            pairs=np.zeros(0, dtype=np.int64),
            status=np.zeros(0, dtype=np.int8),
            method_status=[],
            methods=[],
            projection=[],
            numbers={name: np.zeros(0) for name in _HEADLINE},
            latest_row=np.zeros(0, dtype=np.int64),
        )
    return Bulk(
        pairs=np.concatenate([p.pairs for p in parts]),
        status=np.concatenate([p.status for p in parts]),
        method_status=[label for p in parts for label in p.method_status],
        methods=[m for p in parts for m in p.methods],
        projection=[x for p in parts for x in p.projection],
        numbers={name: np.concatenate([p.numbers[name] for p in parts]) for name in _HEADLINE},
        latest_row=np.concatenate([p.latest_row for p in parts]),
        chance=tuple(c for p in parts for c in p.chance),
    )
