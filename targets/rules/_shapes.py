"""Metrics grouped by shape: the unit and direction that every derived property of a
metric (yes/no, a rank, which way is better) is read from.

A programme of sixty thousand metrics holds a handful of shapes: a check that needs those
properties for each metric asks one metric of each shape, not sixty thousand of them
(each property a Python call: a tenth of a second of loading, per check).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from targets.rules._codes import numbered
from targets.rules._model import Metric
from targets.rules._table import Ints

__all__ = ["Shapes", "shapes"]


@dataclass(frozen=True, slots=True)
class Shapes:
    """Each metric's shape (`code`, in the metrics' order) and the first metric of each
    shape (`examples`, by code): its properties are every metric of that shape's."""

    code: Ints
    examples: list[Metric]


def shapes(metrics: Sequence[Metric]) -> Shapes:
    """The shapes of `metrics`, numbered in the order they first appear. Each field is
    read in C (`attrgetter`) and numbered through a dictionary of its few texts, whose
    hashes strings keep: a dictionary of (unit, direction) pairs hashed each pair again."""
    _, units = numbered(list(map(_UNIT, metrics)))
    directions, direction = numbered(list(map(_DIRECTION, metrics)))
    pair = units * len(directions) + direction
    _, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
    order = np.argsort(first)  # the pairs in order of first appearance
    renumber = np.empty_like(order)
    renumber[order] = np.arange(order.size)
    code = renumber[inverse.reshape(-1)]
    return Shapes(code, [metrics[i] for i in first[order].tolist()])


_UNIT = operator.attrgetter("unit")
_DIRECTION = operator.attrgetter("direction")
