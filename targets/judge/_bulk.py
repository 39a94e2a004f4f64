"""What the bulk path gives for the pairs it judged: columns, joined from its calls.

Its own module: the bulk calls on figures (`_vector`) and the one for series without any
(`_unfigured`) both give it, and `targets.judge._check` scatters it into the report's table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from targets.judge._bulk_chance import ChanceInputs
from targets.rules._table import Floats, Ints

__all__ = [
    "HEADLINE", "KIND", "OWN", "Bulk", "Group", "Members", "joined", "latest_rows", "pair_rows",
]  # fmt: skip

Group = tuple[str, tuple[tuple[str, float], ...]]
"""A bulk call's method and its thresholds (sorted pairs)."""

HEADLINE = (
    "target", "target_year", "base_year", "base_value", "latest_year", "latest_value",
    "growth_actual", "growth_required", "growth_required_now", "change_actual",
    "change_required", "change_required_now", "slope", "projected", "reach_year",
    "trajectory_gap", "ratio", "score", "progress",
)  # fmt: skip
"""The number columns of a bulk call."""


KIND = 10
"""The facts' column of each pair's kind code (`_facts.TAKEN`)."""
OWN = 11
"""The facts' first column of what a pair's kind adds to the ten every kind has."""


@dataclass(frozen=True, eq=False)
class Bulk:
    """The pairs judged in bulk (positions in the pair list) and their columns."""

    pairs: Ints
    status: npt.NDArray[np.int8]
    method_status: list[str]
    methods: list[str]
    projection: list[str | None]
    """Each pair's model, None where it has none (a refusal, a growth rate)."""
    numbers: dict[str, Floats]
    latest_row: Ints
    chance: tuple[ChanceInputs, ...] = ()
    """What the chance gate's reading needs, per bulk call (read only when asked)."""
    refused: npt.NDArray[np.bool_] | None = None
    """Which pairs have no verdict at all (no numbers, no thresholds used); None: none."""

    def __len__(self) -> int:
        return int(self.pairs.size)


def joined(parts: Sequence[Bulk]) -> Bulk:
    """The calls' columns, one after the other."""
    if not parts:
        return Bulk(
            pairs=np.zeros(0, dtype=np.int64),
            status=np.zeros(0, dtype=np.int8),
            method_status=[],
            methods=[],
            projection=[],
            numbers={name: np.zeros(0) for name in HEADLINE},
            latest_row=np.zeros(0, dtype=np.int64),
        )
    return Bulk(
        pairs=np.concatenate([p.pairs for p in parts]),
        status=np.concatenate([p.status for p in parts]),
        method_status=[label for p in parts for label in p.method_status],
        methods=[m for p in parts for m in p.methods],
        projection=[x for p in parts for x in p.projection],
        numbers={name: np.concatenate([p.numbers[name] for p in parts]) for name in HEADLINE},
        latest_row=np.concatenate([p.latest_row for p in parts]),
        chance=tuple(c for p in parts for c in p.chance),
        refused=np.concatenate([_refused(p) for p in parts]),
    )


def _refused(part: Bulk) -> npt.NDArray[np.bool_]:
    return part.refused if part.refused is not None else np.zeros(len(part), dtype=bool)


@dataclass(frozen=True, eq=False)
class Members:
    """Pairs the bulk path may take, as columns: each pair's position in the pair list,
    its series (in its chunk), its batch call (a code into the groups) and its facts."""

    at: Ints
    series: Ints
    group: Ints
    facts: Floats
    """Per pair, ten columns (NaN: none): target value and year, base year, natural
    bounds low and high, 1.0 where the target asks for an increase, for a relative
    target the time it is relative to and its factor or change, and for a direction
    target the metric's limit (see `_facts.facts_of`); then its kind's code (`KIND`) and
    what its kind adds (from `OWN`: a milestone target's schedule, a growth target's rate
    and start), NaN for the others."""

    def __getitem__(self, chosen: Ints) -> Members:
        return Members(self.at[chosen], self.series[chosen], self.group[chosen], self.facts[chosen])


def latest_rows(local: Ints, time: Floats, rows: Ints, latest_year: Floats, last: Ints) -> Ints:
    """The table row of each pair's latest figure used: the last figure of the verdict's
    latest year, or where the verdict has none (a refusal), the last figure chosen, as
    `TargetResult.latest` says. `last` is each pair's last position in `rows`."""
    found = rows[last]
    hit = (time == latest_year[local]) & ~np.isnan(latest_year[local])
    found[local[hit]] = rows[hit]  # in order: the last of the year wins
    return found


def pair_rows(series: Ints, chosen: Ints, start: Ints, count: Ints) -> tuple[Ints, Ints, Ints]:
    """Each pair's chosen figures, the pairs one after the other: for pairs on `series`
    (of a chunk whose chosen rows are `chosen`, each series' from `start`, `count` of
    them), each figure's pair (0 to n - 1) and table row, and each pair's count."""
    sizes = count[series]
    local = np.repeat(np.arange(series.size), sizes)
    offsets = np.repeat(start[series] - (np.cumsum(sizes) - sizes), sizes)
    return local, chosen[np.arange(local.size) + offsets], sizes
