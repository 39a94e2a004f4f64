"""Targets and numbers in words, as reports and explanations print them."""

from __future__ import annotations

import functools

from targets.engine import format_number
from targets.rules import _units
from targets.rules._model import Metric
from targets.rules._targets import (
    BandTarget,
    BinaryTarget,
    CountTarget,
    DirectionTarget,
    GrowthTarget,
    HoldTarget,
    LevelTarget,
    MilestonesTarget,
    RankTarget,
    RelativeTarget,
    TargetBase,
)
from targets.rules._types import Amount

__all__ = [
    "PLURALS",
    "bound_words",
    "count",
    "describe_goal",
    "quantity",
    "said",
    "unit_words",
]


def count(n: int, noun: str) -> str:
    """'1 target', '33 targets', '60,000 results'."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def said(number: str, one: bool, unit: str) -> str:
    """A value with its unit as prose says it: '45,600 firms', '1 firm', '136.2 USD billion'."""
    return f"{number} {unit if one else PLURALS.get(unit, unit)}"


PLURALS = {
    "firm": "firms",
    "enterprise": "enterprises",
    "business": "businesses",
    "company": "companies",
    "person": "people",
    "household": "households",
    "locality": "localities",
    "zone": "zones",
    "project": "projects",
    "product": "products",
}
"""Count units as prose says them: a unit is singular, '100,000 firms' is plural."""


@functools.lru_cache(maxsize=1 << 10)
def unit_words(unit: str | None) -> str | None:
    """A unit as it reads after a number: 'firms', 'people', '%', 'USD billion' (each
    unit worked out once: reports of sixty thousand targets say a few units)."""
    if unit is None or unit == "yes/no" or _units.is_rank(unit):
        return None
    if unit in {"percent", "%"}:
        return "%"
    return PLURALS.get(unit, unit)


def quantity(value: float, unit: str | None) -> str:
    """``100,000 firms``, ``6.5 %``, ``148.5 USD billion``, ``1 firm``."""
    text = format_number(value)
    words = unit_words(unit)
    if words is None:
        return text
    if value == 1 and unit in PLURALS:
        return f"{text} {unit}"
    return f"{text} {words}"


def _amount(amount: Amount, unit: str) -> str:
    return quantity(amount.value, unit)


def describe_goal(target: TargetBase, metric: Metric) -> str:
    """The promise in words: 'at least 100,000 firm by 2025', 'top 30 by 2030'."""
    unit = metric.unit
    deadline = target.deadline
    by = f" by {deadline.label}" if deadline is not None else ""
    if isinstance(target, LevelTarget):
        side = "at least" if target.at_least is not None else "at most"
        return f"{side} {_amount(target.level, unit)}{by}"
    if isinstance(target, BandTarget):
        return f"{bound_words(None, None, target.between, unit)}{by}"
    if isinstance(target, RelativeTarget):
        how = f"{format_number(target.factor)} times" if target.factor else f"{target.change} on"
        return f"{how} the {target.relative_to} value{by}"
    if isinstance(target, MilestonesTarget):
        return ", then ".join(
            f"{bound_words(m.at_least, m.at_most, m.between, unit)} by {m.by}"
            for m in target.milestones
        )
    if isinstance(target, HoldTarget):
        hold = target.hold
        words = bound_words(hold.at_least, hold.at_most, hold.between, unit)
        return f"{words} every year from {target.from_} to {target.by}"
    if isinstance(target, GrowthTarget):
        growth = target.growth
        words = bound_words(growth.at_least, growth.at_most, growth.between, None)
        span = f"from {target.from_} to {target.by}" if target.from_ else f"in {target.by}"
        return f"growth of {words} a year {span}"
    if isinstance(target, RankTarget):
        return f"top {target.top}{by}"
    if isinstance(target, CountTarget):
        count, cond = target.count, target.where
        how_many = bound_words(count.at_least, count.at_most, count.between, None)
        side = "at least" if cond.at_least is not None else "at most"
        what = target.entities or "entities"
        return f"{how_many} {what} with {side} {_amount(cond.threshold, unit)}{by}"
    if isinstance(target, DirectionTarget):
        return f"{target.trend}{by}"
    if isinstance(target, BinaryTarget):
        return f"done{by}"
    return target.kind


def bound_words(at_least: object, at_most: object, between: object, unit: str | None) -> str:
    """'at least 6 %', 'at most 30', 'between 6 % and 6.5 %' for amounts, rates or counts."""

    def word(value: object) -> str:
        if isinstance(value, Amount):
            return quantity(value.value, unit)
        if isinstance(value, int | float):
            return format_number(float(value))
        return str(value)

    if isinstance(between, tuple):
        return f"between {word(between[0])} and {word(between[1])}"
    if at_least is not None:
        return f"at least {word(at_least)}"
    return f"at most {word(at_most)}"
