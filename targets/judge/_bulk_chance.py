"""The chance of the pairs judged in bulk, read by `chance_batch` when a gate asks for it.

The chance gate needs the chance of every result. Built one result at a time that took
about 1.6 ms a pair: minutes for sixty thousand. The bulk path keeps what the reading needs
(each pair's chosen figures, its base year, target, deadline, direction and model) and
`chance_batch` reads every pair at once. It follows the per-series path (`assess`): figures
after as_of are not known, a passed deadline cuts the figures after it, the reading starts
at the base year, and a deadline the figures have reached decides (no reading) except for
ISTAT's method. A property test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from targets.engine import MODEL_OF_PROJECTION, RefusedInputError
from targets.rules._table import Floats, Ints

__all__ = ["BulkChance", "ChanceInputs", "no_reading"]

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class ChanceInputs:
    """One bulk call's pairs as `assess_batch` saw them: a row per chosen figure, a value
    per pair. Kept as they are (the check's own arrays); the reading's work is done only
    when a gate asks for it."""

    pairs: Ints
    """The pairs' positions in the report's pair list."""
    local: Ints
    """Per figure: its pair, as a position in `pairs` (in time order within a pair)."""
    years: Floats
    values: Floats
    base_year: Floats
    """Per pair: the verdict's base year (NaN: none, so no reading)."""
    target: Floats
    target_year: Floats
    direction: Floats
    as_of: float
    """NaN for none."""
    method: str
    projection: str


def no_reading(pairs: Ints, direction: Floats, method: str) -> ChanceInputs:
    """The inputs of pairs whose results have no chance (a refusal, a growth rate, which
    has no level `Assessment`): no figure to read, so each reads NaN, known."""
    n = pairs.size
    return ChanceInputs(
        pairs=pairs,
        local=np.zeros(0, dtype=np.int64),
        years=np.zeros(0),
        values=np.zeros(0),
        base_year=np.full(n, np.nan),
        target=np.full(n, np.nan),
        target_year=np.full(n, np.nan),
        direction=direction,
        as_of=np.nan,
        method=method,
        projection="linear",  # never read: no figure to read
    )


def _readable(part: ChanceInputs) -> tuple[Ints, Floats, Floats, Bools]:
    """The figures the per-series path reads (pair, year, value) and which pairs the
    deadline rule decides."""
    n, local, years = part.pairs.size, part.local, part.years
    known = np.ones(years.size, dtype=bool) if np.isnan(part.as_of) else years <= part.as_of
    last = np.full(n, -np.inf)
    np.maximum.at(last, local[known], years[known])
    when = last if np.isnan(part.as_of) else np.full(n, part.as_of)
    passed = when >= part.target_year
    keep = known & ~(passed[local] & (years > part.target_year[local]))
    with np.errstate(invalid="ignore"):
        keep &= years >= part.base_year[local]  # a NaN base (no verdict) keeps nothing
    decided = (last >= part.target_year) & (part.method != "istat")
    return local[keep], years[keep], part.values[keep], decided


@dataclass(frozen=True, eq=False)
class BulkChance:
    """The probabilities of the bulk path's pairs, read on first use (and kept)."""

    parts: Sequence[ChanceInputs]
    size: int
    """How many pairs the report's pair list holds."""
    index: Ints | None = None
    """The rows kept (a selection), in order; None for all."""
    _found: dict[str, tuple[Floats, Bools]] = field(default_factory=dict, repr=False)

    def take(self, rows: Ints) -> BulkChance:
        """These rows only, in this order (the reading is shared, not redone)."""
        index = rows if self.index is None else self.index[rows]
        return BulkChance(self.parts, self.size, index, self._found)

    def probabilities(self) -> tuple[Floats, Bools]:
        """Each row's probability of meeting its target (NaN: no reading) and whether the
        bulk path knows it (where not, the row's result says)."""
        found = self._found.get("all")
        if found is None:
            found = self._found["all"] = _read(self.parts, self.size)
        probability, known = found
        if self.index is None:
            return probability, known
        return probability[self.index], known[self.index]


def _read(parts: Sequence[ChanceInputs], size: int) -> tuple[Floats, Bools]:
    from targets.engine import chance_batch  # noqa: PLC0415 - when a gate asks for a chance

    probability = np.full(size, np.nan)
    known = np.zeros(size, dtype=bool)
    for part in parts:
        local, years, values, decided = _readable(part)
        read = np.unique(local)  # pairs with a figure to read; the others have none
        if read.size:
            try:
                batch = chance_batch(
                    local,
                    years,
                    values,
                    target=part.target[read],
                    target_year=part.target_year[read],
                    direction=part.direction[read],
                    model=MODEL_OF_PROJECTION[part.projection],
                )
            except RefusedInputError:  # the per-series path says why, pair by pair
                continue
            probability[part.pairs[read]] = batch.probability
        probability[part.pairs[decided]] = np.nan
        known[part.pairs] = True
    return probability, known
