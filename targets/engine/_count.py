"""Counts over entities ("at least 10 provinces with ICT revenue over USD 1 billion")."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.engine._refused import RefusedInputError
from targets.engine._series import Numbers

__all__ = ["CountSeries", "count_meeting"]


@dataclass(frozen=True, slots=True)
class CountSeries:
    """The count of entities meeting the condition per year, ready for ``assess``."""

    years: tuple[float, ...]
    counts: tuple[float, ...]
    reporting: tuple[int, ...]
    """Entities with a figure that year: a count over fewer reporters may understate."""


def count_meeting(
    entities: npt.ArrayLike,
    years: Numbers,
    values: Numbers,
    *,
    threshold: float,
    at_least: bool = True,
) -> CountSeries:
    """Per year, how many entities have a value >= threshold (``at_least``) or <= it."""
    ids = np.asarray(entities)
    ys = np.asarray(years, dtype=float)
    vs = np.asarray(values, dtype=float)
    if not ids.shape == ys.shape == vs.shape or ids.ndim != 1:
        raise RefusedInputError(
            "entities, years and values must be one-dimensional and equally long"
        )
    if not (np.isfinite(ys).all() and np.isfinite(vs).all()):
        raise RefusedInputError("years and values must be finite")
    _, entity_index = np.unique(ids, return_inverse=True)
    pairs = np.stack([entity_index.astype(float), ys])
    if np.unique(pairs, axis=1).shape[1] != ys.size:
        raise RefusedInputError("an entity has two figures for one year")
    unique_years, year_index = np.unique(ys, return_inverse=True)
    meets = vs >= threshold if at_least else vs <= threshold
    counts = np.bincount(year_index, weights=meets.astype(float), minlength=unique_years.size)
    reporting = np.bincount(year_index, minlength=unique_years.size)
    return CountSeries(
        years=tuple(float(y) for y in unique_years),
        counts=tuple(float(c) for c in counts),
        reporting=tuple(int(r) for r in reporting),
    )
