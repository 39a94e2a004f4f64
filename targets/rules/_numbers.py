"""Numbers the tool can hold: a finite double, never NaN, infinity, or zero by underflow.

Every number of the rule language ends up as a float (the engine computes in doubles), so a
value a double cannot hold is an input error with its position, never a crash: ``1e400`` or
a 400-digit integer (beyond about 1.8e308), ``1e-400`` (which a double would silently turn
into 0), ``.nan`` and ``.inf``. The same check runs in the YAML reader (so the message points
at the number), in the field types (for figures given from code) and after every unit
conversion.
"""

from __future__ import annotations

import math
import re
import sys

from targets._safe import quoted

__all__ = [
    "LARGEST",
    "MAX_DIGITS",
    "Exponent",
    "NumberError",
    "ascii_digits",
    "digits_of",
    "usable",
    "usable_integer",
    "usable_text",
]


LARGEST = sys.float_info.max
"""The largest number a double holds, about 1.8e308."""

MAX_DIGITS = 309
"""Significant digits of the largest whole number a double holds; a longer integer is
refused before Python converts it (which it would not do past 4,300 digits anyway)."""

_MANTISSA_DIGIT = re.compile(r"[1-9]")
_MOST_DIGITS = {10: MAX_DIGITS, 16: 256, 8: 342}
"""Digits (leading zeros aside) of the largest integer a double holds, by base."""


class NumberError(ValueError):
    """A number the tool cannot use; the message says why."""


class Exponent(float):
    """A float the YAML reader read from exponent notation (``2e3``), with its text: a number
    like any other, but no year (`_periods` refuses it as a period, where ``2e3`` would
    otherwise be taken for the year 2000)."""

    __slots__ = ("text",)

    text: str

    def __new__(cls, value: float, text: str) -> Exponent:
        made = super().__new__(cls, value)
        made.text = text
        return made

    def __reduce__(self) -> tuple[type[Exponent], tuple[float, str]]:
        """Pickled and copied with its text (a programme crosses to a worker whole)."""
        return (Exponent, (float(self), self.text))


def ascii_digits(text: str, what: str = "a number") -> None:
    """`NumberError` when `text` holds a decimal digit other than 0-9 (full-width ``７``,
    Arabic-Indic ``٧``, ...): Python's int() and float() read any of them, and so would the
    tool, silently; a number, a year or a period is written with 0-9. `what`: what the
    text was to be, as the message says it."""
    if text.isascii():
        return
    for char in text:
        if char.isdecimal() and not char.isascii():
            raise NumberError(
                f"{quoted(text)} is not {what}: it has the digit {quoted(char)} "
                f"(U+{ord(char):04X}); write it with the digits 0-9"
            )


def _too_large(shown: str) -> NumberError:
    return NumberError(f"{shown} is too large: the largest number is about 1.8e308")


def digits_of(value: int) -> int:
    """How many decimal digits `value` has, without converting it to text (which Python
    refuses past 4,300 digits)."""
    magnitude = abs(value)
    if magnitude < 10**18:
        return len(str(magnitude))
    return int(magnitude.bit_length() * math.log10(2)) + 1


def usable(value: int | float, text: str | None = None) -> float:
    """`value` as a float, or `NumberError`: NaN, infinity and integers beyond a double.

    `text` is the value as written, when there was text: ``1e400`` reads as infinity, but the
    writer meant a (too) large number, and the message says so.
    """
    if isinstance(value, int):
        if abs(value) > LARGEST:
            shown = quoted(text) if text is not None else f"a number of {digits_of(value)} digits"
            raise _too_large(shown)
        return float(value)
    if math.isnan(value):
        raise NumberError(f"{value} is not a usable number (NaN and infinity are refused)")
    if math.isinf(value):
        if text is not None and "inf" not in text.lower():
            raise _too_large(quoted(text))
        raise NumberError(f"{value} is not a usable number (NaN and infinity are refused)")
    if value == 0 and text is not None and _MANTISSA_DIGIT.search(_mantissa(text)):
        raise NumberError(f"{quoted(text)} is too small: a double would make it 0")
    return value


def _mantissa(text: str) -> str:
    return text.lower().partition("e")[0]


def usable_integer(text: str, base: int = 10) -> int:
    """An integer literal (``-12``, ``0x1F``, ``0o17``: YAML's), or `NumberError` when a
    double cannot hold it; the digits are counted before anything is converted."""
    body = text[2:] if base != 10 else text
    digits = body.lstrip("+-").lstrip("0")
    if len(digits) > _MOST_DIGITS[base]:
        raise _too_large(f"{quoted(text)} ({len(digits):,} digits)")
    value = int(body, base)
    if abs(value) > LARGEST:
        raise _too_large(quoted(text))
    return value


def usable_text(text: str) -> float:
    """A number written as plain digits (``-12.5e3``, no thousands commas) as a float, or
    `NumberError`; the text is not converted to an integer, however long."""
    return usable(float(text), text)
