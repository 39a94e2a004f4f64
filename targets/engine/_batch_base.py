"""Where each series' base lies when a base year is declared, for many series at once.

The rules are `assess`'s (`_series.move_base`): a base year with a figure is the base; one
without moves to the first later year with a figure (Statistics Canada, Open SDG), or, for
UNSD's 2023 note, to the first year after it that leaves two figures, else the nearest
year before it that does, else the only figure.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["base_rows"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def base_rows(
    g: Ints,
    y: Floats,
    *,
    first: Ints,
    last: Ints,
    count: Ints,
    base_year: Floats,
    rule: str,
) -> tuple[Ints, Bools]:
    """Each series' base row, and whether its base year left it none (``later`` with every
    figure before it). Rows are sorted by series, then year; `first` and `last` are each
    series' first and last row (any value where it has none)."""
    n = count.size
    declared = ~np.isnan(base_year) & (count > 0)
    if not declared.any():
        return first, np.zeros(n, dtype=bool)
    rows = np.arange(y.size)
    big = y.size
    by = base_year[g]

    def first_where(mask: Bools) -> Ints:
        found = np.full(n, big, dtype=np.int64)
        np.minimum.at(found, g[mask], rows[mask])
        return found

    def last_where(mask: Bools) -> Ints:
        found = np.full(n, -1, dtype=np.int64)
        np.maximum.at(found, g[mask], rows[mask])
        return found

    with np.errstate(invalid="ignore"):
        exact, after = first_where(y == by), first_where(y > by)
        if rule == "later":
            moved = np.minimum(exact, after)
            missing = declared & (moved == big)
            base = np.where(declared & ~missing, moved, first)
            return base.astype(np.int64), missing
        before = last_where((y < by) & (rows < last[g]))
    two_after = (after != big) & (after < last)
    moved = np.where(
        exact != big,
        exact,
        np.where(
            two_after, after, np.where(before >= 0, before, np.where(after != big, after, last))
        ),
    )
    return np.where(declared, moved, first).astype(np.int64), np.zeros(n, dtype=bool)
