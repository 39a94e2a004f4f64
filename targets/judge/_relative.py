"""Relative targets judged in bulk: a level worked out from each series' base figure.

"Halve by 2030 relative to 2015" is the commonest shape of an SDG target. Its verdict is a
level target's (`assess`), on the level its base year's figure gives; judged the
per-series way, sixty thousand of them took 94 s and 1.6 GB where level targets took 2 s.
Here the level of each pair is read from the figures its series' evidence rules chose,
as `relative_level` reads it, and the pair joins its level targets' batch call; a pair
without a figure of its base year is refused as the per-series path refuses it.
"""

from __future__ import annotations

import numpy as np

from targets.engine import STATUS_CODES, Status
from targets.judge._bulk import HEADLINE, Bulk, Group, Members, pair_rows
from targets.judge._bulk_chance import no_reading
from targets.judge._result import unavailable_label
from targets.judge._rows import RowIndex
from targets.rules import _units
from targets.rules._table import Ints
from targets.rules._targets import RelativeTarget

__all__ = ["refused", "times_or_plus", "with_levels"]


def times_or_plus(target: RelativeTarget) -> tuple[float, float]:
    """A relative target's level of its base figure ``b``: ``b * times`` or ``b + plus``,
    the other NaN; each as `relative_level` works it out, to the last bit."""
    if target.factor is not None:
        return (target.factor, np.nan)
    change = target.change
    assert change is not None  # the model requires factor or change
    if change.unit is not None and _units.is_percent(change.unit):
        return (1 + change.value / 100, np.nan)
    return (np.nan, change.value)


def with_levels(
    members: Members, index: RowIndex, chosen: Ints, start: Ints, count: Ints
) -> tuple[Members, Members]:
    """`members`, each relative target's value worked out from the first figure chosen
    for the year it is relative to; and apart, the relative targets without such a figure,
    which the per-series path refuses (`refused`)."""
    relative = np.flatnonzero(~np.isnan(members.facts[:, 6]))
    if not relative.size:
        return members, members[relative]
    facts = members.facts[relative]
    local, rows, _ = pair_rows(members.series[relative], chosen, start, count)
    hit = np.flatnonzero(index.time[rows] == facts[local, 6])
    found, first = np.unique(local[hit], return_index=True)  # each one's first such figure
    base = index.table.low[rows[hit[first]]]
    times, plus = facts[found, 7], facts[found, 8]
    value = np.where(np.isnan(times), base + plus, base * times)
    every = members.facts.copy()
    every[relative[found], 0] = value
    keep = np.ones(members.at.size, dtype=bool)
    keep[relative] = False
    keep[relative[found]] = True
    valued = Members(members.at, members.series, members.group, every)
    return valued[np.flatnonzero(keep)], members[relative[~np.isin(relative, relative[found])]]


def refused(members: Members, groups: list[Group], last: Ints) -> Bulk:
    """Relative targets without a figure of the year they are relative to: not
    assessable before any engine call, so no numbers, under each method's own label (as
    `Refusal.by` gives); the latest figure is the last chosen (`last`, by series)."""
    n = members.at.size
    methods = [groups[code][0] for code in members.group.tolist()]
    direction = np.where(members.facts[:, 5] == 1.0, 1.0, -1.0)
    chance = no_reading(members.at, direction, methods[0])  # no verdict, so no reading
    return Bulk(
        pairs=members.at,
        status=np.full(n, STATUS_CODES.index(Status.NOT_ASSESSABLE), dtype=np.int8),
        method_status=list(map(unavailable_label, methods)),
        methods=methods,
        projection=[None] * n,
        numbers={name: np.full(n, np.nan) for name in HEADLINE},
        latest_row=last[members.series],
        chance=(chance,),
        refused=np.ones(n, dtype=bool),
    )
