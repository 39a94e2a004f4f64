"""A target fitted to its metric: the right kind, pointing the better way, in its units.

Everything here needs the target and its metric together: a yes/no metric takes only
``done``, ``top`` only a rank, ``at_least`` only a higher-is-better metric; relative targets
and milestones must ask for progress; deadlines come after the base year; every amount is
converted into the metric's unit, once.
"""

from __future__ import annotations

import functools
import itertools
import typing
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from targets._safe import quoted
from targets.rules import _units
from targets.rules._collect import Item
from targets.rules._entities import check_entities
from targets.rules._errors import Diagnostic
from targets.rules._methods import check_thresholds
from targets.rules._model import Metric, ProgrammeInfo
from targets.rules._periods import Period
from targets.rules._targets import (
    BandTarget,
    BinaryTarget,
    DirectionTarget,
    HoldTarget,
    LevelTarget,
    MilestonesTarget,
    RankTarget,
    RelativeTarget,
    TargetBase,
)
from targets.rules._types import Amount

__all__ = ["M", "fit_target"]


M = TypeVar("M", bound=BaseModel)


def fit_target(
    item: Item[TargetBase],
    metric: Metric,
    info: Item[ProgrammeInfo] | None,
    problems: list[Diagnostic],
) -> TargetBase | None:
    """The target with its amounts in the metric's unit, or None (and why, in `problems`)."""
    target = item.model
    kind = _kind_of(type(target))
    start = len(problems)  # what this target adds: counting every problem again was quadratic
    binary = metric.binary
    if binary != kind.binary:
        problems.append(Diagnostic(item.at("metric"), _binary_mismatch(target, metric)))
        return None
    if metric.direction is None and not binary and not metric.is_rank:
        problems.append(
            Diagnostic(
                item.at("metric"),
                f"'{metric.id}' does not say which way is better; give it "
                "'direction: higher' or 'direction: lower' to set a target on it",
            )
        )
        return None
    if kind.rank and metric.better != "lower":
        problems.append(
            Diagnostic(
                item.at("top"),
                f"'top' needs a rank metric (lower is better); '{metric.id}' is in {metric.unit}",
            )
        )
    if kind.level:
        wrong = "at_least" if metric.better == "lower" else "at_most"
        if getattr(target, wrong) is not None:
            right = "at_most" if wrong == "at_least" else "at_least"
            problems.append(
                Diagnostic(
                    item.at(wrong),
                    f"'{metric.id}' is better when {metric.better}, so a target to reach "
                    f"says '{right}', not '{wrong}'",
                )
            )
    if kind.direction:
        wanted = "increase" if metric.better == "higher" else "decrease"
        if typing.cast(DirectionTarget, target).trend != wanted:
            problems.append(
                Diagnostic(
                    item.at("trend"),
                    f"'{metric.id}' is better when {metric.better}; "
                    f"a trend target on it says '{wanted}'",
                )
            )
    _check_dates(item, kind, info, problems)
    if target.for_each is not None or target.overrides:  # else it has nothing to say
        problems += check_entities(target, item)
    if target.method is not None or target.thresholds:  # else it has nothing to say
        problems += check_thresholds(item, info.model if info else None)
    converted = _convert(target, metric.unit, item, (), problems)
    if kind.way:  # the kinds `_check_way` has something to say of
        problems += _check_way(converted, metric, item)
    if kind.bands:  # the kinds with bands
        _check_bands(converted, item, problems)
    if len(problems) == start:
        return converted  # most targets: no problem to look through
    return None if any(p.severity == "error" for p in problems[start:]) else converted


class _Kind(NamedTuple):
    """What `fit_target` asks of a target's class, found once per class: eight isinstance
    tests per target were a tenth of fitting sixty thousand of them."""

    binary: bool
    rank: bool
    level: bool
    direction: bool
    relative: bool
    milestones: bool
    way: bool
    """The kinds `_check_way` has something to say of."""
    bands: bool
    """The kinds with bands."""


@functools.cache
def _kind_of(cls: type[TargetBase]) -> _Kind:
    return _Kind(
        binary=issubclass(cls, BinaryTarget),
        rank=issubclass(cls, RankTarget),
        level=issubclass(cls, LevelTarget),
        direction=issubclass(cls, DirectionTarget),
        relative=issubclass(cls, RelativeTarget),
        milestones=issubclass(cls, MilestonesTarget),
        way=issubclass(cls, _WAYS),
        bands=issubclass(cls, _BANDS),
    )


_WAYS = (RelativeTarget, MilestonesTarget)
_BANDS = (BandTarget, HoldTarget, MilestonesTarget)


def _check_way(target: TargetBase, metric: Metric, item: Item[TargetBase]) -> list[Diagnostic]:
    """Promises that point the wrong way for the metric: a relative target asking for less
    of a higher-is-better metric, milestones with the wrong side or going backwards."""
    higher = metric.better == "higher"
    if isinstance(target, RelativeTarget):
        if target.factor is not None:
            more = target.factor > 1
            key = "factor"
        else:
            assert target.change is not None  # the model requires factor or change
            more = target.change.value > 0
            key = "change"
        if more != higher:
            wanted = "more" if higher else "less"
            return [
                Diagnostic(
                    item.at(key),
                    f"'{metric.id}' is better when {metric.better}: a target relative to "
                    f"{target.relative_to} asks for {wanted} than then",
                )
            ]
        return []
    if not isinstance(target, MilestonesTarget):
        return []
    problems = []
    wrong = "at_most" if higher else "at_least"
    levels = []
    for index, milestone in enumerate(target.milestones):
        if getattr(milestone, wrong) is not None:
            right = "at_least" if higher else "at_most"
            problems.append(
                Diagnostic(
                    item.at("milestones", index, wrong),
                    f"'{metric.id}' is better when {metric.better}: a milestone says "
                    f"'{right}', not '{wrong}'",
                )
            )
        bound = (
            milestone.between[0 if higher else 1]
            if milestone.between
            else (milestone.at_least or milestone.at_most)
        )
        if bound is not None:
            levels.append((index, bound.value))
    for (_, before), (index, after) in itertools.pairwise(levels):
        if (after < before) if higher else (after > before):
            problems.append(
                Diagnostic(
                    item.at("milestones", index),
                    f"this milestone asks for {'less' if higher else 'more'} than the one "
                    f"before on '{metric.id}', which is better when {metric.better}",
                    "warning",
                )
            )
    return problems


def _binary_mismatch(target: TargetBase, metric: Metric) -> str:
    if metric.binary:
        return f"'{metric.id}' is a yes/no metric; a target on it says 'done: yes'"
    return f"'done: yes' needs a yes/no metric; '{metric.id}' is in {metric.unit}"


def _check_dates(
    item: Item[TargetBase],
    kind: _Kind,
    info: Item[ProgrammeInfo] | None,
    problems: list[Diagnostic],
) -> None:
    target = item.model
    own = target.base
    if kind.relative:
        base: Period | None = typing.cast(RelativeTarget, target).relative_to
    else:
        base = own or (info.model.base if info else None)
    if kind.milestones:
        first: Period | None = typing.cast(MilestonesTarget, target).milestones[0].by
    else:
        first = target.deadline
    if not (base is None or first is None or base.time < first.time):
        key = "base" if own is not None else "by"
        if kind.milestones:
            key = "milestones"
        problems.append(
            Diagnostic(item.at(key), f"the deadline {first} is not after the base year {base}")
        )
    if target.overrides and not (kind.relative or kind.milestones):
        _check_override_dates(item, base, first, problems)


def _check_override_dates(
    item: Item[TargetBase], base: Period | None, by: Period | None, problems: list[Diagnostic]
) -> None:
    """An entity's own 'by' or 'base' must leave its deadline after its base year, as the
    target's own must."""
    for entity, override in item.model.overrides.items():
        if override.by is None and override.base is None:
            continue
        own_base, own_by = override.base or base, override.by or by
        if own_base is None or own_by is None or own_base.time < own_by.time:
            continue
        key = "base" if override.base is not None else "by"
        message = (
            f"for {quoted(entity)}, the deadline {own_by} is not after the base year {own_base}"
        )
        problems.append(Diagnostic(item.at("overrides", entity, key), message))


def _convert(
    node: M, unit: str, item: Item[Any], path: tuple[str | int, ...], problems: list[Diagnostic]
) -> M:
    """`node` with every `Amount` in `unit`; relative changes in % stay relative.

    `node` is changed in place and returned: it must be freshly validated, held by no one.
    """
    # In place: the model was validated from this file for this call and nothing else
    # holds it yet; a pydantic copy per target was a tenth of loading 60,000 targets.
    # Its fields are read and written in its `__dict__`, where pydantic keeps them.
    fields = node.__dict__
    for name, key in _amount_fields(type(node)):
        value = fields[name]
        if value is None or (type(value) is dict and not value):
            continue  # most amount fields are unset (or no overrides): no path to build
        if type(value) is Amount and name != "change":  # most set fields: one level
            new = _convert_amount(value, unit, item, (*path, key), problems)
        else:
            new = _convert_value(
                value, unit, item, (*path, key), problems, keep_percent=name == "change"
            )
        if new is not value:
            fields[name] = new
    return node


@functools.cache
def _amount_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, key) of the fields of `model` that can hold an `Amount`: the others need no
    look (sixty thousand targets, eighteen fields each, were 1 s of a load)."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if _may_hold_amount(info.annotation)
    )


def _may_hold_amount(annotation: Any) -> bool:
    if annotation is Amount:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_may_hold_amount(f.annotation) for f in annotation.model_fields.values())
    return any(_may_hold_amount(arg) for arg in typing.get_args(annotation))


def _convert_value(
    value: Any,
    unit: str,
    item: Item[Any],
    path: tuple[str | int, ...],
    problems: list[Diagnostic],
    *,
    keep_percent: bool = False,
) -> Any:
    if value is None:  # most amount fields of a target are unset
        return value
    if isinstance(value, Amount):
        if keep_percent and value.unit is not None and _units.is_percent(value.unit):
            return value
        return _convert_amount(value, unit, item, path, problems)
    if isinstance(value, dict):  # overrides, by entity
        if not value:
            return value
        converted_items = {
            k: _convert_value(v, unit, item, (*path, k), problems) for k, v in value.items()
        }
        same = all(converted_items[k] is v for k, v in value.items())
        return value if same else converted_items
    if isinstance(value, tuple):
        converted = tuple(
            _convert_value(v, unit, item, (*path, i), problems) for i, v in enumerate(value)
        )
        return value if all(a is b for a, b in zip(converted, value, strict=True)) else converted
    if isinstance(value, BaseModel):
        return _convert(value, unit, item, path, problems)
    return value


def _convert_amount(
    value: Amount,
    unit: str,
    item: Item[Any],
    path: tuple[str | int, ...],
    problems: list[Diagnostic],
) -> Amount:
    """`value` in `unit`, or as it is when it cannot be (and why, in `problems`)."""
    try:
        return value.to(unit)
    except _units.UnitError as exc:
        problems.append(Diagnostic(item.at(*path), str(exc)))
        return value


def _check_bands(target: TargetBase, item: Item[TargetBase], problems: list[Diagnostic]) -> None:
    def check(pair: Any, *path: str | int) -> None:
        if not (isinstance(pair, tuple) and all(isinstance(p, Amount) for p in pair)):
            return
        low, high = pair
        if low.value > high.value:
            message = f"a band goes from low to high; got {low} to {high}"
            problems.append(Diagnostic(item.at(*path), message))

    if isinstance(target, BandTarget):
        check(target.between, "between")
    if isinstance(target, HoldTarget):
        check(target.hold.between, "hold", "between")
    if isinstance(target, MilestonesTarget):
        for index, milestone in enumerate(target.milestones):
            check(milestone.between, "milestones", index, "between")
    for entity, override in target.overrides.items():  # else judged 'not assessable'
        check(override.between, "overrides", entity, "between")
