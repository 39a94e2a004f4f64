"""`targets.check`: a loaded programme and its figures in, a `Report` out.

This is the only place where rules meet the engine: each target kind becomes one engine call
on plain floats (years and values in the metric's unit), after the evidence rules of
`targets.judge._evidence` have chosen the figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from targets._gc import holds_collector
from targets._progress import Progress, report_progress
from targets._safe import excerpt, quoted
from targets.engine import METHODS, STATUS_CODES
from targets.judge._baseline import baseline_of
from targets.judge._bulk import Bulk
from targets.judge._bulk_chance import BulkChance
from targets.judge._changes import compare
from targets.judge._errors import AsOfError, CheckError, MethodError
from targets.judge._report import Report
from targets.judge._result import TargetResult
from targets.judge._results import NUMBERS, LazyResults, ResultTable
from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.judge._select import Facts, choose_rows, patterns
from targets.rules import StrPath
from targets.rules._entities import entities_of
from targets.rules._load import load
from targets.rules._periods import MAX_YEAR, MIN_YEAR, PeriodError, parse_date
from targets.rules._programme import Programme
from targets.rules._targets import CountTarget, TargetBase

__all__ = ["BULK_FROM", "AsOf", "as_of_date", "check"]

BULK_FROM = 64
"""Pairs from which `check(path="auto")` judges the kinds the bulk path takes in bulk.
Below, the per-series path is as fast (the text report builds each shown result anyway),
and the bulk path's imports and batch calls, tens of milliseconds for the small example,
are saved. The test suite judges every programme in bulk, however small (`conftest.py`)."""


AsOf = dt.date | dt.datetime | str | int | None


def as_of_date(value: AsOf) -> dt.date | None:
    """The evaluation date: a date, ``"2023-01-01"``, or a year (its last day)."""
    if value is None:
        return None
    if isinstance(value, dt.date):  # a datetime too
        day = value.date() if isinstance(value, dt.datetime) else value
        if not MIN_YEAR <= day.year <= MAX_YEAR:  # as a date written as text is refused
            raise AsOfError(f"as_of: year {day.year} is outside {MIN_YEAR}-{MAX_YEAR}")
        return day
    try:
        return parse_date(value).last_day
    except PeriodError as exc:
        raise AsOfError(f"as_of: {exc}") from None


@holds_collector
def check(
    programme: Programme | StrPath | Sequence[StrPath],
    figures: Any = None,
    *,
    as_of: AsOf = None,
    method: str | None = None,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    baseline: Mapping[str, Any] | StrPath | None = None,
    path: Literal["auto", "bulk", "series"] = "auto",
    progress: Progress | None = None,
) -> Report:
    """Judge every target of `programme` against `figures` (default: the programme's own;
    else `Figure` objects, a pandas DataFrame or rows with the CSV columns).

    `programme` may also be a path or a list of paths, loaded with `targets.load`. `as_of`
    evaluates as if on that date, using only figures published by then, so last year's
    verdict can be reproduced. `method` overrides every target's method for this run (ranks
    keep a linear method and holds Destatis's rules; the result notes it). `select` and
    `exclude` keep some targets (see `targets.judge._select`); a `select` pattern that matches
    nothing raises `SelectionError`. `baseline` (an earlier JSON report, or its path) adds
    the status transitions and moved projections since that run. `path="series"` judges
    every target the per-series way (the vectorised path judges level, relative, direction,
    band, milestone, growth-rate and rank targets in bulk and agrees with it on every
    number; tests compare the two); `"bulk"` judges in bulk whatever the size, where `"auto"`
    does so from `BULK_FROM` pairs.
    `progress` is told how many series have been judged, as
    ``progress("judging", done, total)``.
    """
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    if not isinstance(programme, Programme):
        if not isinstance(programme, str | os.PathLike | Sequence):
            kind = type(programme).__name__
            raise CheckError(f"programme is a Programme, a path or a list of paths, not {kind}")
        paths = [programme] if isinstance(programme, str | os.PathLike) else list(programme)
        programme = load(*paths)
    select, exclude = patterns(select, "select"), patterns(exclude, "exclude")
    if path not in ("auto", "bulk", "series"):
        raise CheckError(f"path is 'auto', 'bulk' or 'series', not {excerpt(repr(path))}")
    if method is not None and method not in METHODS:
        raise MethodError(f"unknown method {quoted(method)}; choose one of {', '.join(METHODS)}")
    date = as_of_date(as_of)
    if figures is not None:
        programme = programme.without_figures().with_figures(figures)
    run = Run(programme, date, method)
    index = RowIndex(programme.table)
    pair_list = pairs(programme.targets, index)

    made: dict[int, TargetResult] = {}

    def one(i: int) -> TargetResult:
        """The whole result of pair `i`, judged the per-series way (once)."""
        found = made.get(i)
        if found is None:
            target, entity = pair_list[i]
            figures = (
                index.metric_figures(target.metric)
                if isinstance(target, CountTarget)
                else index.figures(target.metric, entity)
            )
            found = made[i] = run.judge(target, entity, figures)
        return found

    bulk = None
    if path == "bulk" or (path == "auto" and len(pair_list) >= BULK_FROM):
        from targets.judge._vector import judge_in_bulk  # noqa: PLC0415 - larger runs only

        bulk = judge_in_bulk(run, index, pair_list)
    table = _table(pair_list, bulk, one, progress)
    if select or exclude:
        values = [status.value for status in STATUS_CODES]
        facts = [
            Facts(target, entity, values[code])
            for (target, entity), code in zip(pair_list, table.status.tolist(), strict=True)
        ]
        kept = choose_rows(facts, select, exclude)
    else:
        kept = list(range(len(pair_list)))
    results = LazyResults(len(kept), lambda i: one(kept[i]))
    elapsed = time.perf_counter() - clock
    report = Report(
        programme,
        results,
        date,
        method,
        checked_at=started,
        elapsed=elapsed,
        table=table.take(kept) if select or exclude else table,  # else every row, in order
    )
    if baseline is None:
        return report
    earlier = baseline_of(baseline)  # a mapping is checked as a file is
    return dataclasses.replace(report, changes=compare(earlier, report))


def _table(
    pair_list: Sequence[tuple[TargetBase, str | None]],
    bulk: Bulk | None,
    one: Callable[[int], TargetResult],
    progress: Progress | None = None,
) -> ResultTable:
    """Every pair's columns: from the bulk path where it judged the pair, else from the
    pair's result, judged the per-series way now."""
    done = set(bulk.pairs.tolist()) if bulk is not None else set()
    alone = [i for i in range(len(pair_list)) if i not in done]
    total = len(pair_list)
    report_progress(progress, "judging", len(done), total)
    made = []
    for n, i in enumerate(alone, 1):
        made.append(one(i))
        if n % 500 == 0 or n == len(alone):
            report_progress(progress, "judging", len(done) + n, total)
    single = ResultTable.of(made)
    if bulk is None or len(bulk) == 0:
        return single
    n = len(pair_list)
    status = np.zeros(n, dtype=np.int8)
    numbers = {name: np.full(n, np.nan) for name in NUMBERS}
    texts = {  # scattered by numpy, as object arrays, then read back as lists
        name: np.full(n, "" if name != "projection" else None, dtype=object)
        for name in ("methods", "method_status", "projection")
    }
    latest = np.full(n, -1, dtype=np.int64)
    vector = np.zeros(n, dtype=bool)
    for rows, part in ((np.asarray(alone, dtype=np.int64), single), (bulk.pairs, bulk)):
        status[rows] = part.status
        for name in NUMBERS:
            if name in part.numbers:
                numbers[name][rows] = part.numbers[name]
        for name, column in texts.items():
            column[rows] = _objects(getattr(part, name))
        latest[rows] = part.latest_row
    vector[bulk.pairs] = True
    refused = np.zeros(n, dtype=bool)
    refused[bulk.pairs] = bulk.refused if bulk.refused is not None else False
    return ResultTable(
        targets=[t for t, _ in pair_list],
        entities=[e for _, e in pair_list],
        status=status,
        methods=texts["methods"].tolist(),
        method_status=texts["method_status"].tolist(),
        projection=texts["projection"].tolist(),
        numbers=numbers,
        latest_row=latest,
        vector=vector,
        chance=BulkChance(bulk.chance, n),
        refused=refused,
    )


def _objects(values: Sequence[object]) -> npt.NDArray[np.object_]:
    """A list as a one-dimensional object array (never an array of its items' items)."""
    found = np.empty(len(values), dtype=object)
    found[:] = values
    return found


def pairs(targets: Sequence[TargetBase], index: RowIndex) -> list[tuple[TargetBase, str | None]]:
    """Each target with the entity it is judged for: itself alone (None), or once per entity
    its ``for_each`` names, its override applied."""
    found: list[tuple[TargetBase, str | None]] = []
    for target in targets:
        if target.for_each is None:
            found.append((target, None))
            continue
        plain: TargetBase | None = None  # one copy for every entity without an override
        entities = entities_of(target.for_each, index.entities(target.metric))
        if not target.overrides and entities:
            found += zip(repeat(target.for_entity(entities[0])), entities)
            continue
        for entity in entities:
            if entity in target.overrides:
                found.append((target.for_entity(entity), entity))
                continue
            if plain is None:
                plain = target.for_entity(entity)
            found.append((plain, entity))
    return found
