"""Level targets whose series has no figure at all, judged in bulk.

Statistics databases are sparse: an SDG series has no figure for many areas, and a
programme declares targets before their first figure comes. Such a pair is not
assessable, and the per-series path says so after building its whole result (some 70 us,
and three times that to write it to JSON): half of sixty thousand targets without a figure
made a four-second check take fourteen. Here one pair of each kind of call (the method,
its thresholds and the facts a verdict could depend on) is judged the per-series way,
and its columns are given to every pair like it, but for the target value and year each
gives. A representative whose result holds any other number is not copied: its like go
the per-series way, so the shortcut can only ever repeat what that path says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from targets.judge._bulk import HEADLINE, Bulk, Group
from targets.judge._bulk_chance import ChanceInputs
from targets.judge._results import ResultTable
from targets.judge._run import Run
from targets.rules._table import Floats, Ints
from targets.rules._targets import TargetBase

__all__ = ["Unfigured", "without_figures"]


@dataclass(frozen=True, eq=False)
class Unfigured:
    """Pairs of level targets whose series has no figure: each one's position in the pair
    list, its batch call (a code into the groups) and its facts (see `_facts.facts_of`)."""

    at: Ints
    group: Ints
    facts: Floats


def without_figures(
    run: Run,
    pairs: Sequence[tuple[TargetBase, str | None]],
    empty: Unfigured,
    groups: Sequence[Group],
) -> list[Bulk]:
    """The columns of `empty`'s pairs, one bulk call per kind of call."""
    if not empty.at.size:
        return []
    # alike: the same call and the same facts but for the target value and year
    alike = np.column_stack([empty.group, np.nan_to_num(empty.facts[:, 2:], nan=np.inf)])
    _, first, kind = np.unique(alike, axis=0, return_index=True, return_inverse=True)
    kind = kind.reshape(-1)
    found = []
    for code in np.argsort(first, kind="stable").tolist():  # as their first pair comes
        members = np.flatnonzero(kind == code)
        one = int(first[code])
        target, entity = pairs[int(empty.at[one])]
        result = run.judge(target, entity, ())
        shown = ResultTable.of([result])
        projection = shown.projection[0]
        if projection is None or result.chance is not None:
            continue  # not what a pair without figures is known to give: each on its own
        if not _only_the_goal(shown, empty.facts[one]):
            continue
        found.append(
            _copied(
                shown, projection, empty.at[members], empty.facts[members], groups[empty.group[one]]
            )
        )
    return found


def _only_the_goal(shown: ResultTable, facts: Floats) -> bool:
    """Whether a result's numbers are its target value and year alone."""
    numbers = {name: float(column[0]) for name, column in shown.numbers.items()}
    goal = (numbers.pop("target"), numbers.pop("target_year"))
    return goal == (float(facts[0]), float(facts[1])) and all(
        np.isnan(value) for value in numbers.values()
    )


def _copied(shown: ResultTable, projection: str, at: Ints, facts: Floats, group: Group) -> Bulk:
    """`shown`'s columns for the pairs `at`, each with its own target value and year."""
    n = at.size
    numbers = {name: np.full(n, np.nan) for name in HEADLINE}
    numbers["target"], numbers["target_year"] = facts[:, 0].copy(), facts[:, 1].copy()
    chance = ChanceInputs(  # no figure, so no reading: what the result says
        pairs=at,
        local=np.zeros(0, dtype=np.int64),
        years=np.zeros(0),
        values=np.zeros(0),
        base_year=np.full(n, np.nan),
        target=numbers["target"],
        target_year=numbers["target_year"],
        direction=np.where(facts[:, 5] == 1.0, 1.0, -1.0),
        as_of=np.nan,  # nothing to cut
        method=group[0],
        projection=projection,
    )
    return Bulk(
        pairs=at,
        status=np.full(n, shown.status[0], dtype=np.int8),
        method_status=[shown.method_status[0]] * n,
        methods=[shown.methods[0]] * n,
        projection=[projection] * n,
        numbers=numbers,
        latest_row=np.full(n, -1, dtype=np.int64),
        chance=(chance,),
    )
