"""Field types of the rule language: ids, numbers, amounts, rates, periods, units.

Each type validates the way a planner writes it by hand in YAML and refuses what would
need a guess: ``"12"`` is not a number, ``.nan`` is not a value, ``9.2`` is not a growth
rate until it says ``%``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from targets._safe import escape_controls, quoted
from targets.rules import _quantities, _units
from targets.rules._numbers import digits_of, usable
from targets.rules._parsed import Parsed
from targets.rules._periods import Period, PeriodError, parse_date, parse_period

__all__ = [
    "ID_PATTERN",
    "ID_RULE",
    "LEVEL_IS",
    "TEXT_MOST",
    "Amount",
    "AmountField",
    "Count",
    "CountBound",
    "DateField",
    "Id",
    "LevelBound",
    "Model",
    "Number",
    "PeriodField",
    "Rate",
    "RateBound",
    "RateField",
    "Text",
    "UnitText",
    "describe",
    "describe_int",
    "empty_refused",
    "finite",
    "not_empty",
]


ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$"
ID_RULE = "an id is 1 to 80 letters, digits, '-', '_', '.' or ':', the first a letter or digit"
"""What an id may hold, as a message refusing one says."""


class Model(BaseModel):
    """Base of every rule-language model: unknown keys are errors, instances are frozen."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        allow_inf_nan=False,
        validate_default=False,
        defer_build=True,  # built on first use: a run builds only the kinds it reads
    )


Id = Annotated[str, Field(pattern=ID_PATTERN, description="Letters, digits, '-', '_', '.', ':'")]
TEXT_MOST = 4000
"""The longest text a rule or figure field holds, in characters."""
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MOST)]


def not_empty(*fields: str, give: str) -> Any:
    """A validator refusing `fields` written but left empty (``at_least:``), saying what to
    `give`: a goal key given no value is a mistake, never the key's absence. (A model's own
    check of its goal keys would otherwise see no goal and blame something else.)"""

    def refuse(cls: type[BaseModel], value: Any) -> Any:
        if value is None:
            raise ValueError(f"empty; give {give}")
        return value

    refuse.refuses_empty = True  # type: ignore[attr-defined] # for `empty_refused`
    return field_validator(*fields, mode="before", check_fields=False)(refuse)


def empty_refused(model: type[BaseModel]) -> set[str]:
    """The fields of `model` that `not_empty` refuses when written empty: the JSON Schema
    says so too (no null), so an editor flags `at_least:` as the loader does."""
    return {
        field
        for validator in model.__pydantic_decorators__.field_validators.values()
        if getattr(getattr(validator.func, "__func__", validator.func), "refuses_empty", False)
        for field in validator.info.fields
    }


LEVEL_IS = "a number in the metric's unit, or text with a unit such as 'USD 1 billion'"
"""What a level may be, as a message refusing an empty one says."""
_SIDES = ("at_least", "at_most")


def describe(value: Any) -> str:
    """How a wrong value reads in a message: its text, and its type when that is the issue."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):  # as written, its controls escaped (``\n``, not a new line)
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{escape_controls(short)}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int):
        return describe_int(value)
    return repr(value)


def describe_int(value: int) -> str:
    """An integer in a message: itself, or its number of digits when it is long."""
    digits = digits_of(value)
    return str(value) if digits <= 20 else f"a number of {digits:,} digits"


def finite(value: float | int, text: str | None = None) -> float:
    """`value` as a float a double holds (`text`: as written), or a ValueError saying why:
    NaN, infinity, beyond about 1.8e308, or made 0 by underflow (see `_numbers`)."""
    return usable(value, text)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {describe(value)}")
    return usable(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValueError(f"expected a whole number, got {describe(value)}")
    if value < 0:
        raise ValueError(f"expected a count (0 or more), got {describe_int(value)}")
    usable(value)
    return value


Number = Annotated[float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
Count = Annotated[int, PlainValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]


@dataclass(frozen=True, slots=True)
class Amount:
    """A level as written: a bare number is in the metric's unit, text may carry a unit.

    After loading, every amount of a target is converted into its metric's unit, so
    `value` can be compared with figures directly; `text` keeps what the rule said.
    """

    value: float
    unit: str | None = None
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.value:g}"

    def to(self, unit: str) -> Amount:
        """This amount in `unit` (raises `UnitError` when the dimensions differ)."""
        if self.unit is None or self.unit == unit:
            return Amount(self.value, unit, self.text)
        value = _units.convert(self.value, self.unit, unit)
        if not math.isfinite(value) or (value == 0 and self.value != 0):
            size = "large" if value else "small"
            raise _units.UnitError(f"{self.text} is too {size} in {unit}")
        return Amount(value, unit, self.text)


def _amount(value: Any) -> Amount:
    if isinstance(value, Amount):
        return value
    if isinstance(value, str):
        try:
            quantity = _quantities.parse_quantity(value)
        except _units.UnitError as exc:
            raise ValueError(str(exc)) from None
        return Amount(quantity.value, quantity.unit, value.strip())
    if type(value) is int or type(value) is float:  # not bool; `_number`'s test, short
        return Amount(usable(value), None, f"{value}")
    number = _number(value)
    return Amount(number, None, f"{value}")


AmountField = Annotated[
    Amount,
    Parsed(_amount, lambda a: a.text or a.value),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[-+]?[0-9$A-Z]"}],
            "description": "A number in the metric's unit, or text with a unit: 'USD 1 billion'",
        }
    ),
]


@dataclass(frozen=True, slots=True)
class Rate:
    """A growth rate written with its percent sign; `fraction` is what the engine uses."""

    fraction: float
    text: str

    def __str__(self) -> str:
        return self.text


def _rate(value: Any) -> Rate:
    if isinstance(value, Rate):
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"a growth rate carries its unit: write '{value} %' (got {describe(value)})"
        )
    try:
        quantity = _quantities.parse_quantity(value)
    except _units.UnitError as exc:
        raise ValueError(str(exc)) from None
    if quantity.unit is None or not _units.is_percent(quantity.unit):
        raise ValueError(f"a growth rate is a percentage such as '9.2 %', got {quoted(value)}")
    return Rate(quantity.value / 100, value.strip())


RateField = Annotated[
    Rate,
    Parsed(_rate, lambda r: r.text),
    WithJsonSchema({"type": "string", "pattern": r"%\s*$", "description": "Such as '9.2 %'"}),
]


def _period(value: Any) -> Period:
    if type(value) in (int, str):  # not bool: True is no year
        return _known_period(value)
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


@functools.lru_cache(maxsize=4096, typed=True)  # typed: 2030 and '2030' stay apart
def _known_period(value: int | str) -> Period:
    """Periods repeat (60,000 targets by 2030): each written one is parsed once."""
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


def _date(value: Any) -> Period:
    try:
        return parse_date(value)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


PeriodField = Annotated[
    Period,
    Parsed(_period, lambda p: p.label),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "description": "2024, 2015-16, 2024-Q3, 2024-07 or 2024-07-02",
        }
    ),
]
DateField = Annotated[
    Period,
    Parsed(_date, lambda p: p.label),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "description": "2024-07-02, 2024-07 or 2024",
        }
    ),
]


def _unit_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a unit is text such as 'USD billion' or 'firm', got {describe(value)}")
    return _known_unit(value.strip())


@functools.lru_cache(maxsize=4096)
def _known_unit(text: str) -> str:
    """A unit as the rules keep it; each written one is checked once."""
    if text in {_units.BINARY, "boolean"}:
        return _units.BINARY
    try:
        _units.parse_unit(text)
    except _units.UnitError as exc:
        raise ValueError(str(exc)) from None
    return text


UnitText = Annotated[
    str,
    PlainValidator(_unit_text),
    WithJsonSchema(
        {"type": "string", "description": "'firm', 'USD billion', '%', 'rank', 'yes/no', ..."}
    ),
]


class _Bound(Model):
    """One side or both: ``at_least``, ``at_most`` or ``between: [low, high]``. Each kind
    of bound declares the three fields with its own type (a generic model would be
    parametrized, and built, at every start)."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [k for k in ("at_least", "at_most", "between") if getattr(self, k) is not None]
        if len(given) != 1:
            said = " and ".join(f"'{k}'" for k in given) or "nothing"
            raise ValueError(f"say exactly one of 'at_least', 'at_most' or 'between' (got {said})")
        return self


class LevelBound(_Bound):
    """A level to stay at or beyond, in the metric's unit."""

    _given = not_empty(*_SIDES, give=LEVEL_IS)
    _pair = not_empty("between", give="two levels: [low, high]")

    at_least: AmountField | None = None
    at_most: AmountField | None = None
    between: tuple[AmountField, AmountField] | None = None

    @property
    def low(self) -> Amount | None:
        return self.between[0] if self.between else self.at_least

    @property
    def high(self) -> Amount | None:
        return self.between[1] if self.between else self.at_most


class RateBound(_Bound):
    """A growth rate per period, written with ``%``."""

    _given = not_empty(*_SIDES, give="a rate such as '9.2 %'")
    _pair = not_empty("between", give="two rates: ['2 %', '5 %']")

    at_least: RateField | None = None
    at_most: RateField | None = None
    between: tuple[RateField, RateField] | None = None

    @property
    def low(self) -> Rate | None:
        return self.between[0] if self.between else self.at_least

    @property
    def high(self) -> Rate | None:
        return self.between[1] if self.between else self.at_most


class CountBound(_Bound):
    """How many entities."""

    _given = not_empty(*_SIDES, give="a whole number such as 10")
    _pair = not_empty("between", give="two whole numbers: [low, high]")

    at_least: Count | None = None
    at_most: Count | None = None
    between: tuple[Count, Count] | None = None

    @property
    def low(self) -> int | None:
        return self.between[0] if self.between else self.at_least

    @property
    def high(self) -> int | None:
        return self.between[1] if self.between else self.at_most
