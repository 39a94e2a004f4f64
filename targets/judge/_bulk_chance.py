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

from targets.engine import MODEL_OF_PROJECTION, RefusedInputError, chance_batch
from targets.rules._table import Floats, Ints

__all__ = ["BulkChance", "ChanceInputs", "chance_inputs"]

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class ChanceInputs:
    """What one bulk call's pairs give the reading: a row per figure read, a value per pair."""

    pairs: Ints
    """The pairs' positions in the report's pair list."""
    local: Ints
    """Per figure: its pair, as a position in `pairs`."""
    years: Floats
    values: Floats
    target: Floats
    target_year: Floats
    direction: Floats
    decided: Bools
    """Per pair: the deadline rule decides, so there is no reading."""
    model: str


def chance_inputs(
    pairs: Ints,
    local: Ints,
    years: Floats,
    values: Floats,
    *,
    base_year: Floats,
    target: Floats,
    target_year: Floats,
    direction: Floats,
    as_of: float,
    method: str,
    projection: str,
) -> ChanceInputs:
    """The reading's inputs from a bulk call's chosen figures (in time order per pair) and
    its verdicts' base years; `as_of` NaN for none."""
    n = pairs.size
    known = np.ones(years.size, dtype=bool) if np.isnan(as_of) else years <= as_of
    last = np.full(n, -np.inf)
    np.maximum.at(last, local[known], years[known])
    when = last if np.isnan(as_of) else np.full(n, as_of)
    passed = when >= target_year
    reached = last >= target_year
    keep = known & ~(passed[local] & (years > target_year[local]))
    with np.errstate(invalid="ignore"):
        keep &= years >= base_year[local]  # a NaN base (no verdict) keeps nothing
    decided = reached & (method != "istat")
    return ChanceInputs(
        pairs=pairs,
        local=local[keep],
        years=years[keep],
        values=values[keep],
        target=target,
        target_year=target_year,
        direction=direction,
        decided=decided,
        model=MODEL_OF_PROJECTION[projection],
    )


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
    probability = np.full(size, np.nan)
    known = np.zeros(size, dtype=bool)
    for part in parts:
        read = np.unique(part.local)  # pairs with a figure to read; the others have none
        if read.size:
            try:
                batch = chance_batch(
                    part.local,
                    part.years,
                    part.values,
                    target=part.target[read],
                    target_year=part.target_year[read],
                    direction=part.direction[read],
                    model=part.model,
                )
            except RefusedInputError:  # the per-series path says why, pair by pair
                continue
            probability[part.pairs[read]] = batch.probability
        probability[part.pairs[part.decided]] = np.nan
        known[part.pairs] = True
    return probability, known
