"""Figures that parse but cannot be right, found in whole columns: a rank below 1 (an
error) and a value beyond its metric's natural limit (a warning), as the row-by-row loader
says them."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from targets.rules._codes import by_code
from targets.rules._columnar_problems import Bools, Problems
from targets.rules._model import Metric
from targets.rules._shapes import Shapes
from targets.rules._table import Floats, Ints

__all__ = ["plausible"]


def plausible(
    chosen: Bools,
    *,
    metric: Ints,
    low: Floats,
    high: Floats,
    metrics: Mapping[str, Metric],
    grouped: Shapes,
    p: Problems,
) -> None:
    """Ranks below 1 (an error) and values beyond a metric's natural limit (a warning),
    of the `chosen` rows; `grouped`: the shapes of `metrics`, whose properties are read
    once per shape."""
    listed = list(metrics.values())
    examples = grouped.examples
    ranks = [m.better == "lower" and m.is_rank for m in examples]
    limited = [m.direction is not None or m.better == "lower" for m in examples]
    highers = [m.better == "higher" for m in examples]
    bounds = [m.limit for m in listed]
    limits = [np.nan if bound is None else bound.value for bound in bounds]
    limit = np.asarray([*limits, np.nan])
    limit[:-1][~np.asarray(limited, dtype=bool)[grouped.code]] = np.nan
    rank = np.asarray([*ranks, False])[np.append(grouped.code, len(ranks))]
    higher = np.asarray([*highers, True])[np.append(grouped.code, len(highers))]
    m = metric if chosen.all() else np.where(chosen, metric, -1)  # all: no copy (110 MB)
    if rank.any():  # else no row can be a rank below 1
        below_one = chosen & rank[m] & (low < 1)
        for _, rows_of in by_code(np.flatnonzero(below_one), m):
            p.at_rows(rows_of, "value", "a rank is 1 or more")
    if np.isnan(limit).all():
        return  # no metric has a natural limit
    limit_of = limit[m]
    with np.errstate(invalid="ignore"):
        beyond = np.where(higher[m], high > limit_of, low < limit_of)
    beyond &= chosen
    for index, rows_of in by_code(np.flatnonzero(beyond), m):
        message = f"beyond the natural limit of '{listed[index].id}' ({limit[index]:g})"
        p.at_rows(rows_of, "value", message, "warning")
