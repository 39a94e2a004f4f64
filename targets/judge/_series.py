"""The figures each verdict used, for many results at once, without building them.

The HTML report draws a sparkline for each of thousands of (target, entity) pairs; building
every pair's `TargetResult` to read its evidence would cost seconds. For the pairs the bulk
path judged, the same evidence rules (`select_batch`, through `_vector.select_series`) run once
over all their series, so each sparkline shows exactly the figures its verdict used. Any
other result is built (it is a handful: other kinds, range figures) and its evidence read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from targets.judge._rows import RowIndex
from targets.judge._run import Run
from targets.judge._vector import select_series

if TYPE_CHECKING:
    from targets.judge._report import Report
    from targets.rules._table import Floats

__all__ = ["used_series"]


def used_series(report: Report, rows: Sequence[int]) -> list[tuple[Floats, Floats]]:
    """For each result row of `report`, the (years, values) of the figures its verdict
    used, in time order (a range figure by its middle)."""
    columns = report.columns
    out: list[tuple[Floats, Floats]] = [(np.zeros(0), np.zeros(0))] * len(rows)
    bulk = [n for n, i in enumerate(rows) if columns.vector.size and columns.vector[i]]
    for n, i in enumerate(rows):
        if not (columns.vector.size and columns.vector[i]):
            used = report.results[i].evidence.figures
            times = np.asarray([f.period.time for f in used], dtype=np.float64)
            values = np.asarray([(f.low + f.high) / 2 for f in used], dtype=np.float64)
            out[n] = (times, values)
    if not bulk:
        return out
    programme = report.programme
    index = RowIndex(programme.table)
    chosen_rows = [rows[n] for n in bulk]
    keys = np.asarray(
        [index.key(columns.targets[i].metric, columns.entities[i]) for i in chosen_rows],
        dtype=np.int64,
    )
    estimates = np.asarray([columns.targets[i].estimates for i in chosen_rows], dtype=bool)
    figure_rows, series = index.rows_of(keys)
    run = Run(programme, report.as_of, report.method)
    selection = select_series(run, index, series, figure_rows, estimates)
    picked = figure_rows[selection.chosen]  # sorted by series, then time
    of = series[selection.chosen]
    times, values = index.time[picked], programme.table.low[picked]
    bounds = np.searchsorted(of, np.arange(len(bulk) + 1))
    for k, n in enumerate(bulk):
        start, stop = int(bounds[k]), int(bounds[k + 1])
        out[n] = (times[start:stop], values[start:stop])
    return out
