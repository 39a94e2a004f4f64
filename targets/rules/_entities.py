"""One target for many entities: every province, a listed few, or all but some.

A target with ``for_each`` is judged once per entity (a province, a country) on that
entity's figures. ``overrides`` records what an entity adopted instead: another value of
the target's own goal, another deadline or base year, each with its source.

An override for an entity the target is not judged for is refused (one 'for_each' does not
list, or 'all_but' leaves out); under ``all`` and ``all_but`` the entities are those with
figures for the metric, known once the figures are read: an override for an entity with
none is a warning (`overrides_without_figures`), most likely a misspelt name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, model_validator

from targets._safe import quoted
from targets.rules._errors import Diagnostic, Location, one_of
from targets.rules._types import (
    LEVEL_IS,
    AmountField,
    Count,
    Id,
    Model,
    PeriodField,
    Text,
    not_empty,
)

if TYPE_CHECKING:
    from targets.rules._collect import Item
    from targets.rules._table import FigureTable
    from targets.rules._targets import TargetBase

__all__ = [
    "GOAL_OVERRIDES",
    "AllBut",
    "ForEach",
    "Override",
    "check_entities",
    "entities_of",
    "judged_for_none",
    "overrides_without_figures",
]


class AllBut(Model):
    """Every entity of the metric but these: ``{all_but: [Hanoi]}``."""

    all_but: tuple[Text, ...] = Field(min_length=1)


ForEach = Literal["all"] | Annotated[tuple[Text, ...], Field(min_length=1)] | AllBut
"""``all`` (every entity with figures for the metric), a list, or ``{all_but: [...]}``.
An empty list is refused: the target would be judged for no entity and leave every
report in silence."""


class Override(Model):
    """What one entity adopted instead: ``{at_least: 25 %, by: 2027}``, with its source."""

    at_least: AmountField | None = None
    at_most: AmountField | None = None
    between: tuple[AmountField, AmountField] | None = None
    top: Count | None = None
    by: PeriodField | None = None
    base: PeriodField | None = None
    source: Id | None = Field(None, description="Id of the source that states the override")
    quote: Text | None = None

    # left empty, each would be read as not changed: the entity judged, in silence, by the
    # target's own goal, deadline or base (as `TargetBase` and the bounds refuse them)
    _level_given = not_empty("at_least", "at_most", give=LEVEL_IS)
    _pair_given = not_empty("between", give="two levels: [low, high]")
    _top_given = not_empty("top", give="a whole number such as 10")
    _year_given = not_empty("by", "base", give="a year such as 2015, or leave the key out")

    @model_validator(mode="after")
    def _says_something(self) -> Override:
        if not self.changed:
            raise ValueError(
                "an override changes the goal ('at_least', 'at_most', 'between', 'top'), "
                "'by' or 'base'"
            )
        return self

    @property
    def changed(self) -> dict[str, object]:
        """The fields it changes, by name: what a target copy for the entity takes."""
        fields = ("at_least", "at_most", "between", "top", "by", "base")
        return {name: getattr(self, name) for name in fields if getattr(self, name) is not None}


GOAL_OVERRIDES: dict[str, frozenset[str]] = {
    "level": frozenset({"at_least", "at_most"}),
    "band": frozenset({"between"}),
    "rank": frozenset({"top"}),
}
"""The goal keys an override may change, per target kind (the kind's own keys only)."""


def entities_of(for_each: ForEach, available: Iterable[str]) -> tuple[str, ...]:
    """The entities a ``for_each`` names, given those with figures for the metric: sorted
    for ``all`` and ``all_but``, in the written order for a list (which may name entities
    without figures: they are judged, and found without figures)."""
    if isinstance(for_each, tuple):
        return tuple(dict.fromkeys(for_each))
    every = sorted(set(available))
    if isinstance(for_each, AllBut):
        left_out = set(for_each.all_but)
        return tuple(e for e in every if e not in left_out)
    return tuple(every)


def check_entities(target: TargetBase, item: Item[Any]) -> list[Diagnostic]:
    """`for_each` and `overrides` that cannot mean what they say."""
    if target.for_each is None and not target.overrides:
        return []  # most targets: nothing below can be said
    problems: list[Diagnostic] = []
    if target.for_each is not None and target.kind == "count":
        message = "a count target already counts entities: it takes no 'for_each'"
        problems.append(Diagnostic(item.at("for_each"), message))
    if target.overrides and target.for_each is None:
        message = "'overrides' are per entity: give the target 'for_each' too"
        problems.append(Diagnostic(item.at("overrides"), message))
    allowed = GOAL_OVERRIDES.get(target.kind, frozenset())
    own = {key for key in allowed if getattr(target, key, None) is not None}
    listed = target.for_each if isinstance(target.for_each, tuple) else None
    left_out = target.for_each.all_but if isinstance(target.for_each, AllBut) else ()
    for entity, override in target.overrides.items():
        where = item.at("overrides", entity)
        if listed is not None and entity not in listed:
            message = f"an override for {quoted(entity)}, which 'for_each' does not list"
            problems.append(Diagnostic(where, message))
        if entity in left_out:
            message = f"an override for {quoted(entity)}, which 'all_but' leaves out"
            problems.append(Diagnostic(where, message))
        for key in override.changed:
            if key in {"by", "base"}:
                if key == "by" and not hasattr(target, "by"):
                    message = f"a {target.kind} target has no deadline to override"
                    problems.append(Diagnostic(item.at("overrides", entity, key), message))
                continue
            if key not in own:
                says = f"override {one_of(sorted(own))}" if own else "override 'by' or 'base'"
                message = f"'{key}' is not this {target.kind} target's goal: {says}"
                problems.append(Diagnostic(item.at("overrides", entity, key), message))
    return problems


_DENSE = 1 << 24
"""The most (metric, entity) pairs marked in an array of flags (16 MB) rather than sorted."""


def overrides_without_figures(
    targets: Sequence[TargetBase],
    table: FigureTable,
    at: Callable[[TargetBase, str], Location],
) -> list[Diagnostic]:
    """A warning at each override, under ``for_each: all`` or ``all_but``, for an entity
    no figure of the target's metric has: it is judged for no such entity, so the override
    would pass in silence. One pass of array operations over the figures, and only when a
    target has such overrides; a set lookup per override."""
    asked = [t for t in targets if t.overrides and not isinstance(t.for_each, tuple | None)]
    if not asked:
        return []  # most programmes: no figure is looked at
    named = {entity for target in asked for entity in target.overrides}
    entities = table.entities
    chosen = np.fromiter((e in named for e in entities), dtype=bool, count=len(entities))
    chosen = np.append(chosen, False)  # a figure about no entity (code -1) reads this
    rows = np.flatnonzero(chosen[table.entity])
    width = max(len(entities), 1)
    pairs = table.metric[rows] * width + table.entity[rows]
    if len(table.metrics) * width <= _DENSE:  # marked in one pass rather than sorted
        seen = np.zeros(len(table.metrics) * width, dtype=bool)
        seen[pairs] = True
        keys = np.flatnonzero(seen).tolist()
    else:
        keys = np.unique(pairs).tolist()
    have = {(table.metrics[key // width], entities[key % width]) for key in keys}
    problems: list[Diagnostic] = []
    for target in asked:
        left_out = target.for_each.all_but if isinstance(target.for_each, AllBut) else ()
        for entity in target.overrides:
            if entity in left_out or (target.metric, entity) in have:
                continue  # refused already by `check_entities`, or judged
            message = (
                f"override for entity {quoted(entity)} of target {quoted(target.id)}: "
                f"no figure of its metric {quoted(target.metric)} has that entity"
            )
            problems.append(Diagnostic(at(target, entity), message, "warning"))
    return problems


def judged_for_none(
    targets: Sequence[TargetBase],
    table: FigureTable,
    at: Callable[[TargetBase], Location],
) -> list[Diagnostic]:
    """A warning at the ``for_each`` of each target under ``all`` or ``all_but`` that no
    entity is left to judge it for (no figure of its metric names an entity, or
    ``all_but`` names them all): it would be left out of every report without a word.
    One count of the figures per metric; entity names (one pass) only for ``all_but``."""
    asked = [t for t in targets if t.for_each == "all" or isinstance(t.for_each, AllBut)]
    if not asked:
        return []
    code = {name: i for i, name in enumerate(table.metrics)}
    named = table.entity >= 0
    counts = np.bincount(table.metric[named], minlength=len(table.metrics))
    but = {code[t.metric] for t in asked if isinstance(t.for_each, AllBut) and t.metric in code}
    have = _entities_by_metric(table, named, but)
    problems: list[Diagnostic] = []
    for target in asked:
        m = code.get(target.metric)
        if m is None or not counts[m]:
            said = f"no figure of its metric {quoted(target.metric)} names an entity"
        elif isinstance(target.for_each, AllBut):
            if entities_of(target.for_each, have.get(m, ())):
                continue
            said = f"'all_but' leaves out every entity of its metric {quoted(target.metric)}"
        else:
            continue
        message = f"target {quoted(target.id)} is judged for no entity: {said}"
        problems.append(Diagnostic(at(target), message, "warning"))
    return problems


def _entities_by_metric(
    table: FigureTable, named: npt.NDArray[np.bool_], metrics: set[int]
) -> dict[int, set[str]]:
    """The entities with figures of each of `metrics` (codes), in one pass over the rows."""
    if not metrics:
        return {}
    rows = np.flatnonzero(named & np.isin(table.metric, sorted(metrics)))
    width = len(table.entities)
    keys = np.unique(table.metric[rows].astype(np.int64) * width + table.entity[rows])
    found: dict[int, set[str]] = {}
    for key in keys.tolist():
        found.setdefault(key // width, set()).add(table.entities[key % width])
    return found
