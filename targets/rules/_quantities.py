"""Numbers and quantities written as text: ``148,500``, ``9.2 %``, ``USD 1 billion``.

Length and digits are checked before any pattern runs (a long run of digits or spaces
made a pattern quadratic; ``７０`` is 70 to float()); the unit a quantity is written in is
read by the unit grammar (`_units`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from targets._safe import quoted
from targets.rules._numbers import NumberError, ascii_digits, usable
from targets.rules._units import UnitError, parse_unit

__all__ = [
    "MAX_QUANTITY_LENGTH",
    "PLAIN_NUMBER",
    "Quantity",
    "UnusableNumberError",
    "check_written",
    "parse_number",
    "parse_quantity",
]


MAX_QUANTITY_LENGTH = 100
"""The longest text read as a number or a quantity (``USD 148,500 million`` is 19): longer
text is refused before any pattern runs over it."""

_NUMBER = r"[-+]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
"""A number as text: YAML's decimals (``.5``, ``1.``, ``2e10``), commas grouping thousands."""
_QUANTITY = re.compile(rf"^\s*(?P<num>{_NUMBER})(?![0-9,.])\s*(?P<unit>.*?)\s*$")
_CURRENCY_FIRST = re.compile(
    rf"^\s*(?P<cur>US\$|[A-Z]{{3}})\s*(?P<num>{_NUMBER})\s*(?P<rest>.*?)\s*$"
)
PLAIN_NUMBER = re.compile(rf"^\s*{_NUMBER}\s*$")
"""A number alone, as the row-by-row reader takes it."""


class UnusableNumberError(UnitError):
    """A well-written number that no double holds (``1e400``, ``1e-400``)."""


def parse_number(text: str) -> float:
    """A number written as text: ``73788``, ``148,500``, ``1.5e3``. Commas group thousands."""
    check_written(text)
    if not PLAIN_NUMBER.match(text):
        raise UnitError(_number_hint(text))
    return _usable(text.strip())


def _usable(number: str) -> float:
    """Matched number text as a float a double holds (commas group thousands)."""
    try:
        return usable(float(number.replace(",", "")), number)
    except NumberError as exc:
        raise UnusableNumberError(str(exc)) from None


def check_written(text: str) -> None:
    """Refuse text too long to be a number or a quantity, or with digits other than 0-9
    (``７０``, which float() reads as 70), before a pattern reads it."""
    if len(text) > MAX_QUANTITY_LENGTH:
        raise UnitError(
            f"{quoted(text)} is not a number or a quantity: longer than "
            f"{MAX_QUANTITY_LENGTH} characters"
        )
    try:
        ascii_digits(text)
    except NumberError as exc:
        raise UnitError(str(exc)) from None


def _number_hint(text: str) -> str:
    if re.fullmatch(r"\s*[-+]?[0-9]+,[0-9]{1,2}\s*", text):
        return f"{quoted(text)} is not a number: the decimal mark is a point, as in 1.5"
    return f"{quoted(text)} is not a number"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with the unit text it was written with (``None`` when bare)."""

    value: float
    unit: str | None


def parse_quantity(text: str) -> Quantity:
    """``"9.2 %"``, ``"1 USD billion"``, ``"USD 1 billion"`` or a bare ``"70,000"``."""
    check_written(text)
    match = _CURRENCY_FIRST.match(text)
    if match:
        unit = " ".join(part for part in (match["cur"], match["rest"]) if part)
        number = match["num"]
    else:
        match = _QUANTITY.match(text)
        if not match:
            if re.match(r"^\s*[-+]?[0-9]+,[0-9]{1,2}(?![0-9])", text):
                raise UnitError(_number_hint(text.split(maxsplit=1)[0]))
            raise UnitError(
                f"{quoted(text)} is not a quantity: write a number and a unit, "
                "such as '9.2 %' or 'USD 1 billion'"
            )
        number, unit = match["num"], match["unit"]
    value = _usable(number)
    if unit:
        parse_unit(unit)
    return Quantity(value, unit or None)
