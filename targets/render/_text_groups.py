"""The text report's view of targets judged for each entity: one block per target.

A target declared ``for_each`` province or country is judged once per entity; sixty
thousand rows would bury the few that matter. The text report gives each such target two
lines instead: how many entities are at each status, and its worst entities. Everything
is read from the report's columns, so no result is built; the JSON report, JUnit and the
DataFrame still list every pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from targets._safe import oneline
from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.judge import Report
from targets.render._status_words import status_words
from targets.rules import count

__all__ = [
    "MAX_GROUPS",
    "WORST_SHOWN",
    "EntityGroup",
    "WrapFn",
    "entity_count",
    "entity_groups",
    "group_lines",
    "worst_first",
]

MAX_GROUPS = 10
"""Per-entity targets shown, worst first; the rest are counted."""
WORST_SHOWN = 3
"""Entities named after each per-entity target: its worst."""

WrapFn = Callable[[str, str, str], list[str]]
"""How `group_lines` wraps a sentence: text, first indent, later indent."""

_RANK = np.asarray([WORST_FIRST.index(s) for s in STATUS_CODES], dtype=np.int64)
"""Each status code's place in the worst-first order (0: regressing)."""


def worst_first(report: Report, rows: Iterable[int]) -> list[int]:
    """`rows` of `report` worst first: by status, then the rules' order (the order every
    capped list of results shows them in), read from the columns."""
    status = report.columns.status
    return sorted(rows, key=lambda i: (int(_RANK[status[i]]), i))


@dataclass(frozen=True)
class EntityGroup:
    """One target judged for each entity: its counts per status and its worst entities."""

    target: str
    counts: dict[Status, int]
    """Entities at each status, worst first (only those with some)."""
    worst: tuple[tuple[str, Status], ...]
    failing: int
    """Entities that fail the gate."""
    rows: tuple[int, ...] = ()
    """The report's rows of this target, worst first (by status, then the rules' order):
    the order every format that names entities shows them in."""

    @property
    def entities(self) -> int:
        return sum(self.counts.values())


def entity_groups(report: Report, failing: set[int]) -> list[EntityGroup]:
    """Every per-entity target of `report`, worst first; `failing` holds the rows that
    fail the gate."""
    columns = report.columns
    rows = [i for i, entity in enumerate(columns.entities) if entity is not None]
    if not rows:
        return []
    index = np.asarray(rows, dtype=np.int64)
    ids = [columns.targets[i].id for i in rows]
    order = {target: n for n, target in enumerate(dict.fromkeys(ids))}
    group = np.asarray([order[t] for t in ids], dtype=np.int64)
    rank = _RANK[columns.status[index]]
    fails = np.zeros(len(columns), dtype=bool)
    fails[list(failing)] = True
    fails = fails[index]
    # worst first within each target: by status, then the rules' (and entities') order
    by = np.lexsort((index, rank, group))
    groups: list[EntityGroup] = []
    starts = np.searchsorted(group[by], np.arange(len(order)))
    stops = np.append(starts[1:], by.size)
    for target, start, stop in zip(order, starts.tolist(), stops.tolist(), strict=True):
        mine = by[start:stop]
        tally = np.bincount(rank[mine], minlength=len(WORST_FIRST))
        counts = {WORST_FIRST[r]: int(n) for r, n in enumerate(tally.tolist()) if n}
        worst = tuple(
            (str(columns.entities[int(index[m])]), WORST_FIRST[int(rank[m])])
            for m in mine[:WORST_SHOWN].tolist()
            if WORST_FIRST[int(rank[m])] is not Status.ACHIEVED
        )
        rows_of = tuple(index[mine].tolist())
        groups.append(EntityGroup(target, counts, worst, int(fails[mine].sum()), rows_of))
    return sorted(groups, key=_severity)


def _results(n: int) -> str:
    return f"{n:,} result" if n == 1 else f"{n:,} results"


def entity_count(n: int, more: str = "") -> str:
    """'1 entity', '2,000 entities'; `more` goes between ('3 more entities')."""
    between = f" {more}" if more else ""
    return f"{n:,}{between} entity" if n == 1 else f"{n:,}{between} entities"


def _severity(group: EntityGroup) -> tuple[int, int, int]:
    """Worst first: by the worst status present, then by how many fail, then how many are
    at that worst status."""
    worst = min(WORST_FIRST.index(s) for s in group.counts)
    return (worst, -group.failing, -group.counts[WORST_FIRST[worst]])


def group_lines(groups: list[EntityGroup], wrap: WrapFn) -> list[str]:
    """The section of per-entity targets: two lines each, worst first, then how many
    more there are."""
    if not groups:
        return []
    pairs = sum(g.entities for g in groups)
    lines = [f"JUDGED FOR EACH ENTITY ({count(len(groups), 'target')}, {_results(pairs)})"]
    for group in groups[:MAX_GROUPS]:
        mark = "✗ " if group.failing else "  "
        tally = ", ".join(f"{n:,} {status_words(s)}" for s, n in group.counts.items())
        lines += wrap(
            f"{mark}{oneline(group.target)}: {entity_count(group.entities)}: {tally}",
            "  ",
            "      ",
        )
        if group.worst:
            named = ", ".join(
                f"{oneline(group.target)}[{oneline(e)}] ({status_words(s)})" for e, s in group.worst
            )
            lines += wrap(f"worst: {named}", "      ", "        ")
    if len(groups) > MAX_GROUPS:
        rest = len(groups) - MAX_GROUPS
        lines += wrap(
            f"... and {count(rest, 'more target')} judged for each entity (the JSON "
            "report lists every pair; `targets explain TARGET[ENTITY]` shows one)",
            "  ",
            "    ",
        )
    lines.append("")
    return lines
