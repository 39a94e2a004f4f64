"""Reported figures: as written in YAML or CSV (`FigureSpec`) and as loaded (`Figure`).

A figure keeps everything said about it, because report editions revise the past and two
agencies disagree: every vintage is kept, the source and quote travel with the number, and
a growth statement ("1,500 firms, up 7 % on 2022") is kept as stated while the previous
value it implies becomes a figure of its own, of kind ``derived``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, WithJsonSchema

from targets.rules import _quantities, _units
from targets.rules._errors import Location
from targets.rules._model import Source
from targets.rules._parsed import Parsed
from targets.rules._periods import Period
from targets.rules._types import (
    AmountField,
    DateField,
    Id,
    Model,
    PeriodField,
    Text,
    describe,
    finite,
    not_empty,
)

__all__ = [
    "NUMBER_IS",
    "Figure",
    "FigureKind",
    "FigureSpec",
    "StatedValue",
    "ValueField",
    "parse_value",
]


FigureKind = Literal["actual", "estimate", "forecast", "derived"]

NUMBER_IS = "a value is a number, a range such as 4-8, or yes/no"
"""What a figure's value may be, as a message that refuses one says."""

_NUM = r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?"
_RANGE = re.compile(rf"^\s*({_NUM})\s*(?:-|–|—|to|\.\.)\s*({_NUM})\s*$")
_YES = {"yes", "true"}
_NO = {"no", "false"}


@dataclass(frozen=True, slots=True)
class StatedValue:
    """A value as reported: a number, a low-high range, or yes/no (`flag`)."""

    low: float
    high: float
    text: str
    flag: bool | None = None

    @property
    def is_range(self) -> bool:
        """Whether the value is a range (4-8 %) rather than one number."""
        return self.low != self.high


def parse_value(value: Any) -> StatedValue:
    """``73788``, ``"148,500"``, ``"4-8"``, ``[4, 8]``, ``yes``: what a figure may state."""
    if isinstance(value, StatedValue):
        return value
    if isinstance(value, bool):
        return StatedValue(float(value), float(value), "yes" if value else "no", value)
    if isinstance(value, int | float):
        number = finite(value)
        return StatedValue(number, number, f"{value}")
    if isinstance(value, list | tuple):
        if len(value) != 2 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        ):
            raise ValueError("a range is two numbers: [low, high]")
        low, high = finite(value[0]), finite(value[1])
        return _range(low, high, f"{value[0]}-{value[1]}")
    if isinstance(value, str):
        try:
            _quantities.check_written(value)
        except _units.UnitError as exc:
            raise ValueError(str(exc)) from None
        text = value.strip()
        if text.lower() in _YES | _NO:
            flag = text.lower() in _YES
            return StatedValue(float(flag), float(flag), "yes" if flag else "no", flag)
        if m := _RANGE.match(text):
            return _range(_to_float(m[1]), _to_float(m[2]), text)
        try:
            number = _quantities.parse_number(text)
        except _quantities.UnusableNumberError as exc:
            raise ValueError(str(exc)) from None
        except _units.UnitError as exc:
            if "decimal mark" in str(exc):
                raise ValueError(str(exc)) from None
            raise ValueError(f"{exc}; {NUMBER_IS}") from None
        return StatedValue(finite(number), finite(number), text)
    raise ValueError(f"expected a number, a range or yes/no, got {describe(value)}")


def _to_float(text: str) -> float:
    return finite(float(text.replace(",", "")), text)


def _range(low: float, high: float, text: str) -> StatedValue:
    if low > high:
        raise ValueError(f"a range goes from low to high; got {text}")
    return StatedValue(low, high, text)


ValueField = Annotated[
    StatedValue,
    Parsed(parse_value, lambda v: v.text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string"},
                {"type": "boolean"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            ],
            "description": "73788, '4-8' (a range), [4, 8], or yes / no for a yes/no metric",
        }
    ),
]


class FigureSpec(Model):
    """One reported figure, as written in a figures file or a CSV row."""

    metric: Id
    period: PeriodField
    value: ValueField
    unit: Text | None = Field(None, description="Unit of the value; converted to the metric's")
    kind: Literal["actual", "estimate", "forecast"] = "actual"
    entity: Text | None = Field(None, description="Who the figure is about, for count targets")
    source: Id | None = None
    quote: Text | None = Field(None, description="The sentence in the source that states it")
    published: DateField | None = Field(
        None, description="When this edition was published (default: the source's date)"
    )
    change: AmountField | None = Field(
        None, description="Stated change on the previous period: '+7 %' or '+5600'"
    )
    since: PeriodField | None = Field(
        None, description="The period `change` is measured from (default: the one before)"
    )
    note: Text | None = None

    # left empty, each would be read as not given and the figure judged otherwise, in
    # silence: about the whole metric, from no source, of the source's edition, or stating
    # no change (a CSV file's empty cell is a cell not given; an empty unit is refused as
    # missing: a figure needs one)
    _entity_given = not_empty("entity", give="the entity it is about, or leave the key out")
    _source_given = not_empty("source", give="a source's id, or leave the key out")
    _published_given = not_empty(
        "published", give="a date such as 2025-01-24, or leave the key out (the source's date)"
    )
    _change_given = not_empty("change", give="a change such as '+7 %', or leave the key out")
    _since_given = not_empty("since", give="a period such as 2022, or leave the key out")


@dataclass(frozen=True, slots=True)
class Figure:
    """A loaded figure: the value in its metric's unit, with everything said about it."""

    metric: str
    period: Period
    low: float
    """Value in the metric's unit (the low end of a range)."""
    high: float
    """Value in the metric's unit (the high end of a range; equal to `low` for a point)."""
    unit: str
    """The metric's unit, which `low` and `high` are in."""
    stated: str
    """The value as reported, with its unit: '148,500 USD million', '4-8 %', 'yes'."""
    kind: FigureKind = "actual"
    entity: str | None = None
    source: Source | None = None
    quote: str | None = None
    published: Period | None = None
    change: str | None = None
    """A growth statement as written, such as '+7 %'."""
    derived_from: Figure | None = None
    """For a ``derived`` figure: the figure whose growth statement implies it."""
    note: str | None = None
    location: Location | None = None

    @property
    def value(self) -> float | None:
        """The value, or None for a range (use `low` and `high`)."""
        return self.low if self.low == self.high else None

    @property
    def is_range(self) -> bool:
        """Whether the value is a range (4-8 %) rather than one number."""
        return self.low != self.high

    @property
    def time(self) -> float:
        """Position on the time axis, in years."""
        return self.period.time

    @property
    def flag(self) -> bool | None:
        """Yes/no for a yes/no metric."""
        return bool(self.low) if self.unit == _units.BINARY else None

    @property
    def conflict_label(self) -> str:
        """How a conflict names it: its value as stated, who said it and when."""
        source = self.source.id if self.source else "no source"
        when = f", {self.published.label}" if self.published else ""
        return f"{self.stated} ({source}{when})"

    def __str__(self) -> str:
        who = f" {self.entity}" if self.entity else ""
        return f"{self.metric}{who} {self.period}: {self.stated} ({self.kind})"


Figure.__module__ = "targets"  # public as targets.Figure (httpx's manners)
