"""The headline cells every table shows (text, Markdown, HTML, notebook): latest, growth
needed and achieved, the trend at the deadline, the year it reaches the target.

One home, so the text table and a chart can never disagree on a number or a year.
"""

from __future__ import annotations

import math
from typing import Literal

from targets.engine import Status, format_number
from targets.judge import TargetResult
from targets.render._chance import chance_cell

__all__ = [
    "HEADER",
    "WIDTHS",
    "compact",
    "growth_cell",
    "latest_cell",
    "percent_cell",
    "places_cell",
    "projected_cell",
    "reach_cell",
    "reach_label",
    "row_cells",
    "signed_cell",
    "year_label",
]

HEADER = ("target", "latest", "need/yr", "grew/yr", "at deadline", "reaches")
WIDTHS = (22, 15, 8, 8, 13, 7)
"""The most characters each column's cells take (the text table sizes its columns to the
cells it shows, within the terminal's width)."""

Growth = Literal["growth_required_now", "growth_actual"]


def growth_cell(result: TargetResult, name: Growth) -> str:
    """Growth needed from now (`growth_required_now`) or achieved (`growth_actual`) a year:
    '35.5 %'; for ranks places gained or lost a year ('up 5.5', 'down 0.4'); for linear
    methods units a year, signed as the metric moves ('+3,260')."""
    headline = result.headline
    needed = name == "growth_required_now"
    if result.kind == "growth":  # a growth-rate target: the rate promised and the latest rate
        rate = headline.growth_required_now if needed else headline.growth_actual
        return "-" if rate is None else percent_cell(rate)
    if result.assessment is None or (needed and result.status is Status.ACHIEVED):
        return "-"
    if headline.projection == "linear" or result.kind == "rank":
        change = headline.change_required_now if needed else headline.change_actual
        if change is None:
            return "-"
        return places_cell(change) if result.metric.is_rank else signed_cell(change)
    value = headline.growth_required_now if needed else headline.growth_actual
    return "-" if value is None else percent_cell(value)


def percent_cell(rate: float) -> str:
    """A rate (0.355) as '35.5 %', one decimal; a rate that rounds to zero is '0.0 %',
    never '-0.0 %'."""
    text = f"{rate * 100:.1f}"
    return f"{'0.0' if text == '-0.0' else text} %"


def places_cell(change: float) -> str:
    """A rank's change a year in places: 'up 5.5' (gained: the rank's number fell), 'down
    0.4' (lost), '0' when it holds. A rank improves as its number falls, so a signed number
    would read the wrong way round."""
    size = f"{abs(change):.1f}".removesuffix(".0")
    if size == "0":
        return "0"
    return f"{'up' if change < 0 else 'down'} {size}"


def signed_cell(change: float) -> str:
    """Units a year with the sign of the movement: '+3,260', '-0.525', '0' (never '-0')."""
    size = format_number(abs(change), 3)
    if size == "0":
        return "0"
    return f"{'+' if change > 0 else '-'}{size}"


def compact(value: float, room: int, sig: int | None = None) -> str:
    """A number in at most `room` characters: 73,788; else 131k, 1.5M, 2.1bn, 1.2e+15."""
    if abs(value) >= 1e15:
        return f"{value:.2g}"
    text = format_number(value, sig)
    if len(text) <= room:
        return text
    for scale, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{format_number(value / scale, 3)}{suffix}"
    return f"{value:.3g}"


def year_label(year: float) -> str:
    """A year as a cell shows it: 2024, or 2024.50 for a date within it."""
    return str(int(year)) if float(year).is_integer() else f"{year:.2f}"


def latest_cell(result: TargetResult) -> str:
    """The latest value the verdict used, and its period (a count for count targets)."""
    latest = result.latest
    if latest is None:
        value, year = result.latest_value, result.latest_year
        if value is None or year is None:
            return "-"
        label = year_label(year)
        return f"{compact(value, WIDTHS[1] - len(label) - 3)} ({label})"
    if result.metric.binary:
        value_text = "yes" if latest.low else "no"
    elif latest.is_range:
        value_text = f"{compact(latest.low, 5, 3)}-{compact(latest.high, 5, 3)}"
    else:
        value_text = compact(latest.low, WIDTHS[1] - len(latest.period.label) - 3)
    return f"{value_text} ({latest.period.label})"


def projected_cell(result: TargetResult) -> str:
    """The trend's value at the deadline it is judged against (a milestone's, for those)."""
    projected, year = result.projected, result.headline.target_year
    if projected is None or year is None:
        return "-"
    label = year_label(year)
    return f"{compact(projected, WIDTHS[4] - len(label) - 3, 3)} ({label})"


def reach_label(reach: float) -> str:
    """The first whole year at or after the trend meets the target ('never' past 9999).

    A hair of tolerance keeps 2031.0000000001, an artefact of floating point, at 2031."""
    year = math.ceil(reach - 1e-9)
    return str(year) if year < 10_000 else "never"


def reach_cell(result: TargetResult) -> str:
    """When the trend reaches the target: a year, 'met', 'never', or '-' without a trend."""
    if result.status is Status.ACHIEVED:
        return "met"
    reach = result.reach_year
    if reach is None:
        return "never" if result.projected is not None else "-"
    return reach_label(reach)


def row_cells(result: TargetResult) -> tuple[str, ...]:
    """A target's numbers as a row shows them, in the text report and the notebook's
    table alike: latest figure, growth needed and grown a year, where the trend lands at
    the deadline, the year it reaches the target, and the chance."""
    return (
        latest_cell(result),
        growth_cell(result, "growth_required_now"),
        growth_cell(result, "growth_actual"),
        projected_cell(result),
        reach_cell(result),
        chance_cell(result),
    )
