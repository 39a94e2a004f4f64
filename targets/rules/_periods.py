"""Periods and the time axis.

The one convention, stated once: time is in years. A figure for year Y stands at Y, and a
target "by 2025" is judged at 2025. A span such as 2015-16 stands at its first year. Finer
periods stand at their start, as a fraction of the year: 2024-Q3 at 2024.5, 2024-04 (April)
at 2024.25, 2024-07-02 at 2024 + 183/366. Publication dates known only to the month or the
year count from the *last* day of that period, so "as of" never uses a figure that might not
have been out yet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from targets._safe import quoted
from targets.rules._numbers import Exponent, NumberError, ascii_digits

__all__ = [
    "Granularity",
    "Period",
    "PeriodError",
    "day",
    "month",
    "parse_date",
    "parse_period",
    "quarter",
    "span",
    "year",
]


Granularity = Literal["year", "span", "quarter", "month", "date"]

MIN_YEAR, MAX_YEAR = 1800, 2300

# Digits are 0-9 only: `\d` would match any script's (`ascii_digits` says so first)
_YEAR = re.compile(r"^([0-9]{4})$")
_QUARTER = re.compile(r"^([0-9]{4})-?Q([1-4])$", re.IGNORECASE)
_SDMX_MONTH = re.compile(r"^([0-9]{4})-M([0-9]{2})$", re.IGNORECASE)
_DASH_TWO = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_SPAN = re.compile(r"^([0-9]{4})\s*(?:/|-|–|to)\s*([0-9]{2}|[0-9]{4})$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


_WRITE = (
    "write a year (2024), a span (2015-16), a quarter (2024-Q3), a month (2024-07) "
    "or a date (2024-07-02)"
)
"""The forms of a period, as a message refusing one says."""
_DATES = "write 2024-07-02, 2024-07 or 2024"


class PeriodError(ValueError):
    """Text that is not a period we can place on the time axis without guessing."""


class _OffTheAxisError(PeriodError):
    """A year written well but outside `MIN_YEAR`-`MAX_YEAR`: said as such, not as no date."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A reporting period: where it stands on the time axis and the days it covers."""

    time: float
    """Position on the time axis, in years (see the module docstring)."""
    label: str
    granularity: Granularity
    first_day: dt.date
    last_day: dt.date

    def __str__(self) -> str:
        return self.label

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> dict[str, str]:
        """Any value: the models validate a period with their own function (`_types`), and
        pydantic need not read the fields, which its deferred build cannot resolve."""
        return {"type": "any"}

    @property
    def year(self) -> int:
        """The calendar year the period starts in."""
        return self.first_day.year

    def previous(self) -> Period | None:
        """The period before, of the same length; None for a single date."""
        y = self.first_day.year
        if self.granularity == "year":
            return year(y - 1)
        if self.granularity == "span":
            # 2015-16 is a fiscal or school year: the one before is 2014-15. Longer spans
            # step back by their whole length: 2015-2017 follows 2012-2014.
            length = self.last_day.year - y
            step = 1 if length == 1 else length + 1
            return span(y - step, self.last_day.year - step)
        if self.granularity == "quarter":
            q = (self.first_day.month - 1) // 3 + 1
            return quarter(y - 1, 4) if q == 1 else quarter(y, q - 1)
        if self.granularity == "month":
            m = self.first_day.month
            return month(y - 1, 12) if m == 1 else month(y, m - 1)
        return None


def _check_year(value: int) -> int:
    if not MIN_YEAR <= value <= MAX_YEAR:
        shown = str(value) if abs(value) < 10**9 else "of more than 9 digits"
        raise _OffTheAxisError(f"year {shown} is outside {MIN_YEAR}-{MAX_YEAR}")
    return value


def year(y: int) -> Period:
    _check_year(y)
    return Period(float(y), str(y), "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


def span(first: int, last: int) -> Period:
    _check_year(first)
    _check_year(last)
    if last <= first:
        raise PeriodError(f"a span ends after it starts; got {first} to {last}")
    label = f"{first}-{last % 100:02d}" if last == first + 1 else f"{first}-{last}"
    return Period(float(first), label, "span", dt.date(first, 1, 1), dt.date(last, 12, 31))


def quarter(y: int, q: int) -> Period:
    _check_year(y)
    first = dt.date(y, 3 * q - 2, 1)
    last_month = 3 * q
    last = dt.date(y, last_month, calendar.monthrange(y, last_month)[1])
    return Period(y + (q - 1) / 4, f"{y}-Q{q}", "quarter", first, last)


def month(y: int, m: int) -> Period:
    _check_year(y)
    if not 1 <= m <= 12:
        raise PeriodError(f"month {m:02d} does not exist")
    last = dt.date(y, m, calendar.monthrange(y, m)[1])
    return Period(y + (m - 1) / 12, f"{y}-{m:02d}", "month", dt.date(y, m, 1), last)


def day(d: dt.date) -> Period:
    _check_year(d.year)
    days = 366 if calendar.isleap(d.year) else 365
    time = d.year + (d.timetuple().tm_yday - 1) / days
    return Period(time, d.isoformat(), "date", d, d)


def parse_period(value: object) -> Period:
    """A period from a year number, a date, or text such as ``2024-Q3`` or ``2015-16``."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool):
        raise PeriodError("a period is a year or a date, not yes/no")
    if isinstance(value, int):
        return year(value)
    if isinstance(value, Exponent):
        raise PeriodError(
            f"{quoted(value.text)} is a number in exponent notation, not a year: {_WRITE}"
        )
    if isinstance(value, float):
        if value.is_integer():
            return year(int(value))
        raise PeriodError(f"{value} is not a year; write finer periods as 2024-Q3 or 2024-07")
    if isinstance(value, dt.datetime):
        return day(value.date())
    if isinstance(value, dt.date):
        return day(value)
    if value is None:
        raise PeriodError(f"empty; {_WRITE}")
    if not isinstance(value, str):
        what = "a mapping" if isinstance(value, dict) else type(value).__name__
        what = "a list" if isinstance(value, list | tuple) else what
        raise PeriodError(f"a period is a year or text, not {what}")
    try:
        ascii_digits(value, "a period")
    except NumberError as exc:
        raise PeriodError(str(exc)) from None
    return _parse_text(value.strip())


def _parse_text(text: str) -> Period:
    if m := _YEAR.match(text):
        return year(int(m[1]))
    if m := _QUARTER.match(text):
        return quarter(int(m[1]), int(m[2]))
    if m := _SDMX_MONTH.match(text):
        return month(int(m[1]), int(m[2]))
    if m := _DATE.match(text):
        try:
            date = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:  # the calendar's: no 30 February
            raise PeriodError(f"{quoted(text)} is not a date: {exc}") from None
        return day(date)
    if m := _DASH_TWO.match(text):
        y, two = int(m[1]), int(m[2])
        follows = two == (y + 1) % 100
        if follows and 1 <= two <= 12:
            raise PeriodError(
                f"{quoted(text)} could be a month or the span {y}-{y + 1}; "
                f"write {y}-M{two:02d} for the month or {y}/{two:02d} for the span"
            )
        if follows:
            return span(y, y + 1)
        return month(y, two)
    if m := _SPAN.match(text):
        first, end = int(m[1]), m[2]
        last = int(end) if len(end) == 4 else (first // 100) * 100 + int(end)
        if len(end) == 2 and last <= first:
            last += 100
        return span(first, last)
    raise PeriodError(f"{quoted(text)} is not a period: {_WRITE}")


def parse_date(value: object) -> Period:
    """A publication date: a full date, or a month or year when that is all that is known."""
    if value is None:
        raise PeriodError(f"empty; {_DATES}")
    if isinstance(value, str):
        try:
            ascii_digits(value, "a date")
        except NumberError as exc:
            raise PeriodError(str(exc)) from None
    try:
        period = parse_period(value)
    except _OffTheAxisError:
        raise  # '2301' is a date of a year off the axis, not no date
    except PeriodError:
        period = None
    if period is None or period.granularity in {"span", "quarter"}:
        shown = value.text if isinstance(value, Exponent) else str(value).strip()
        shown = period.label if period is not None else shown
        raise PeriodError(f"{quoted(shown)} is not a date; {_DATES}")
    return period


Period.__module__ = "targets"  # public as targets.Period (httpx's manners)
