"""Targets judged in bulk: the evidence rules and the engine on arrays, no objects.

Level targets, and the kinds that are one `assess` call like them: relative targets (on
their base year's level), directions (on none) and bands (on a bound); milestone
targets, a level target a milestone (`_milestones_bulk`); ranks, a level on places; and
growth-rate targets, with a batch function of their own (`_growth_bulk`). For a programme of
sixty thousand series, building a `Figure` per figure and an `Assessment` per series costs
minutes. Here the figures stay rows of the `FigureTable`:
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
    RANK_METHODS,
    BatchSelection,
    RefusedInputError,
    assess_batch,
    resolve_thresholds,
    select_batch,
)
from targets.judge import _spread
from targets.judge._bulk import (
    HEADLINE,
    KIND,
    Bulk,
    Group,
    Members,
    joined,
    latest_rows,
    pair_rows,
)
from targets.judge._bulk_chance import ChanceInputs
from targets.judge._facts import NO_FACTS, TAKEN, facts_of, kind_of
from targets.judge._growth_bulk import judge_growth
from targets.judge._milestones_bulk import judge_milestones
from targets.judge._relative import refused, with_levels
from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.judge._unfigured import Unfigured, without_figures
from targets.rules._table import Floats, Ints
from targets.rules._targets import (
    GrowthTarget,
    MilestonesTarget,
    RankTarget,
    TargetBase,
)

__all__ = ["Bulk", "judge_in_bulk", "select_series"]

Pair = tuple[TargetBase, "str | None"]


def judge_in_bulk(run: Run, index: RowIndex, pairs: Sequence[Pair]) -> Bulk:
    """The pairs of the kinds the bulk path takes (`TAKEN`) whose figures it can take,
    judged, and the level targets whose series has no figure at all (`_unfigured`)."""
    found = _candidates(run, index, pairs)
    if found is None:
        return joined([])
    parts = without_figures(run, pairs, found.empty, found.groups)
    if not found.at.size:
        return joined(parts)
    at, group, facts = found.at, found.group, found.facts
    # each series (key, estimates) numbered by its first pair, as the pairs come
    distinct, first, inverse = np.unique(
        found.keys * 2 + found.estimates, return_index=True, return_inverse=True
    )
    rank = np.empty(distinct.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(distinct.size)
    series = rank[inverse.reshape(-1)]
    ordered = np.empty_like(distinct)
    ordered[rank] = distinct
    keys, estimates = ordered // 2, (ordered % 2).astype(bool)
    chunks = _spread.chunks(index.sizes_of(keys), _spread.CHUNK_ROWS)
    chunk_of = np.repeat(np.arange(len(chunks)), [hi - lo for lo, hi in chunks])[series]

    def judged(number: int) -> list[Bulk]:
        lo, hi = chunks[number]
        members = np.flatnonzero(chunk_of == number)  # in the pairs' order
        return _judge_chunk(
            run,
            index,
            keys=keys[lo:hi],
            estimates=estimates[lo:hi],
            members=Members(at[members], series[members] - lo, group[members], facts[members]),
            groups=found.groups,
        )

    index.time, index.end, index.published, index.annual  # noqa: B018 - once, before any thread
    return joined([*(bulk for part in _spread.each(judged, len(chunks)) for bulk in part), *parts])


@dataclass(frozen=True, eq=False)
class _Found:
    """The pairs the bulk path takes: those with figures (`at`, by position in the pair
    list, with their series' key, estimates flag, batch call and facts), and those whose
    series has none (`empty`)."""

    at: Ints
    keys: Ints
    estimates: Ints
    group: Ints
    facts: Floats
    empty: Unfigured
    groups: list[Group]


def _candidates(run: Run, index: RowIndex, pairs: Sequence[Pair]) -> _Found | None:
    """The pairs of the kinds the bulk path takes, each with its (metric, entity) key,
    estimates flag, batch call (a code into the list of groups) and facts. What a target
    gives is worked out once, its entities sharing its copy; the pairs are then matched to
    their target's and entity's codes by lookups in C, not a loop over sixty thousand."""
    if not pairs:
        return None
    metrics = run.programme.metrics
    groups: dict[Group, int] = {}
    targets, entities = zip(*pairs, strict=True)
    ids = list(map(id, targets))
    by_id = dict(zip(ids, targets, strict=True))  # each distinct target once
    slot = {key: i for i, key in enumerate(by_id)}
    given: list[tuple[int, int, int, int]] = []  # by target: kind, base key, estimates, group
    facts: list[tuple[float, ...]] = []
    for target in by_id.values():
        metric = metrics[target.metric]
        kind = kind_of(target, metric)
        call = run.method_and_thresholds(target, metric) if kind else None
        # a rank judged by a compound method is refused by the engine: it says so alone
        if call is None or (kind == TAKEN[RankTarget] and call[0] not in RANK_METHODS):
            given.append((0, -1, 0, 0))
            facts.append(NO_FACTS)
            continue
        base = index.key(target.metric, None)  # -1: no figure of the metric
        given.append((kind, base, target.estimates, groups.setdefault(call, len(groups))))
        own = facts_of(run, target, metric)
        facts.append((*own[:KIND], kind, *own[KIND:]))
    of = np.fromiter(map(slot.__getitem__, ids), dtype=np.int64, count=len(ids))
    offsets = index.entity_offsets(entities)
    table = np.array(given, dtype=np.int64)
    taken, base = table[of, 0] > 0, table[of, 1]
    keys = np.where((base >= 0) & (offsets >= 0), base + offsets, -1)
    known = keys >= 0
    known[known] = index.sizes_of(keys[known]) > 0  # a key of no row: the entity has none
    # a relative target without any figure is refused for want of its base year's: its own way
    at, empty = np.flatnonzero(taken & known), np.flatnonzero((table[of, 0] == 1) & ~known)
    if not at.size and not empty.size:
        return None
    width = max(map(len, facts))  # what a kind adds (a milestone schedule) widens them all
    every = np.array(
        facts if width == len(NO_FACTS) else [f + (np.nan,) * (width - len(f)) for f in facts],
        dtype=np.float64,
    )
    return _Found(
        at=at,
        keys=keys[at],
        estimates=table[of[at], 2],
        group=table[of[at], 3],
        facts=every[of[at]],
        empty=Unfigured(empty, table[of[empty], 3], every[of[empty]]),
        groups=list(groups),
    )


def _judge_chunk(
    run: Run,
    index: RowIndex,
    *,
    keys: Ints,
    estimates: npt.NDArray[np.bool_],
    members: Members,
    groups: list[Group],
) -> list[Bulk]:
    """The member pairs of one chunk of series (`keys`): evidence, then one `assess_batch`
    call per method and thresholds, the calls in the order their first pair comes."""
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
    judged, unvalued = with_levels(
        members[np.flatnonzero(fine[members.series])], index, chosen, start, count
    )
    codes, first = np.unique(judged.group, return_index=True)
    found = [refused(unvalued, groups, chosen[start + count - 1])] if unvalued.at.size else []
    for code in codes[np.argsort(first, kind="stable")].tolist():
        group = groups[code]
        mine = judged[np.flatnonzero(judged.group == code)]
        kinds = mine.facts[:, KIND]

        def judge(members: Members, group: Group = group) -> Bulk:
            return _judge(run, index, group, members, chosen=chosen, start=start, count=count)

        for kind in np.unique(kinds).tolist():
            part = mine[np.flatnonzero(kinds == kind)]
            try:
                if kind == TAKEN[MilestonesTarget]:
                    found.append(
                        judge_milestones(
                            run, index, group, part, judge, chosen=chosen, start=start, count=count
                        )
                    )
                elif kind == TAKEN[GrowthTarget]:
                    found.append(
                        judge_growth(
                            run, index, group, part, chosen=chosen, start=start, count=count
                        )
                    )
                else:
                    found.append(judge(part))
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
    members: Members,
    *,
    chosen: Ints,
    start: Ints,
    count: Ints,
) -> Bulk:
    """One `assess_batch` call: every member pair of one method and set of thresholds."""
    method, thresholds = group[0], dict(group[1])
    table = run.programme.table
    n = members.at.size
    series = members.series
    local, rows, sizes = pair_rows(series, chosen, start, count)
    time = index.time[rows]
    target_value, target_year, base, lows, highs, higher = members.facts.T[:6]
    limit = members.facts[:, 9]
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
        limit=limit,
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
            for name in HEADLINE
            if name not in {"target", "target_year"} and not name.startswith("change_")
        },
    }
    rank = members.facts[:, KIND] == TAKEN[RankTarget]
    if rank.any():  # a rank has no growth rate: its change is in places a year
        for name in ("growth_actual", "growth_required", "growth_required_now"):
            numbers[name] = np.where(rank, np.nan, numbers[name])
    latest = latest_rows(local, time, rows, result.latest_year, np.cumsum(sizes) - 1)
    resolve_thresholds(method, thresholds)  # the same check the per-series path makes
    pairs = members.at
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
