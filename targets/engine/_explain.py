"""Plain-language paragraphs: readable numbers, growth in per cent, years as dates.

A whole year reads as itself (2024), a fractional one as the ISO date it stands for
(2024-11-30); the numeric formulas in the steps keep numbers. A rank is explained in places.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from targets.engine._destatis_window import first_of_window
from targets.engine._num import when
from targets.engine._status import Status

if TYPE_CHECKING:
    from targets.engine._result import Assessment

__all__ = [
    "deadline_text",
    "duration",
    "explain_assessment",
    "format_number",
    "number",
    "percent",
    "period",
    "places",
    "status_text",
    "year",
]


def number(x: float, sig: int | None = None) -> str:
    """Thousands separators; ``sig`` significant digits for derived numbers (projections)."""
    if sig is not None and x != 0 and math.isfinite(x):
        try:
            x = round(x, sig - 1 - math.floor(math.log10(abs(x))))
        except OverflowError:  # rounded up past the largest double: say it as it is
            return f"{x:.{sig}g}"
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{sig or 4}g}"


format_number = number
"""Public name (``targets.engine.format_number``): reports format numbers as explanations do."""


def percent(rate: float) -> str:
    return f"{abs(rate) * 100:.1f} %"


def year(y: float) -> str:
    """A year in words: 2024, or the ISO date a fractional year stands for (2024-11-30)."""
    return when(y)


def period(start: float, end: float) -> str:
    """ "2016-2025", or "2024-01-01 to 2025-06-01" where dates would make a dash ambiguous."""
    whole = float(start).is_integer() and float(end).is_integer()
    return f"{year(start)}-{year(end)}" if whole else f"{year(start)} to {year(end)}"


def duration(span: float) -> str:
    """A number of years (not a date): 7, or 5.09."""
    return str(int(span)) if float(span).is_integer() else f"{span:.2f}"


def status_text(status: Status, method: str, label: str) -> str:
    own = label.replace("_", " ")
    common = status.value.replace("_", " ")
    return common if own == common else f"{common} ({method}: {own})"


def deadline_text(status: Status, method: str, label: str, deadline: float) -> str:
    """The verdict at a decided deadline, which the method's trend label must not contradict."""
    if label == "ended":
        own = f"{method}: assessment ended"
    else:
        own = f"the {method} trend label was: {label.replace('_', ' ')}"
    if status is Status.MISSED:
        return f"missed: the deadline {when(deadline)} passed short of the target ({own})"
    return f"achieved: the deadline {when(deadline)} passed with the target met ({own})"


def _change(rate: float, linear: bool, unit: str | None) -> tuple[str, str]:
    """("growth of 5.0 %" / "rise of 4 firms", "grew 5.0 %" / "rose 4 firms") for a rate."""
    if linear:
        size = number(abs(rate), 3) + (f" {unit}" if unit else "")
        return ("a rise of " if rate >= 0 else "a fall of ") + size, (
            "rose " if rate >= 0 else "fell "
        ) + size
    if rate >= 0:
        return f"{percent(rate)} growth", f"grew {percent(rate)}"
    return f"a {percent(rate)} fall", f"fell {percent(rate)}"


def places(n: float) -> str:
    """ "9 places", "1 place", "0.4 places" (a size: the sign is said in words)."""
    size = abs(n)
    return f"{number(size, 3)} place" + ("" if size == 1 else "s")


def _rank_change(slope: float) -> str:
    """A rank's change a year in places: a falling rank number is a climb."""
    if slope > 0:
        return f"lost {places(slope)} a year"
    if slope < 0:
        return f"gained {places(slope)} a year"
    return "kept its place"


def explain_assessment(a: Assessment, *, unit: str | None, name: str | None) -> str:
    if a.rank:
        unit = None  # a rank is a position: its changes are counted in places
    words = _Words(unit)
    decided = a.deadline_reached and a.status in (Status.ACHIEVED, Status.MISSED)
    parts = [*_where(a, words, decided=decided), *_movement(a, words, decided=decided)]
    for when_, value in a.forecasts:
        parts.append(f"a forecast (not counted) puts it at {words.v(value)} in {year(when_)}")
    if decided and a.target_year is not None:
        verdict = deadline_text(a.status, a.method, a.method_status, a.target_year)
    else:
        verdict = status_text(a.status, a.method, a.method_status)
    if a.reason:
        verdict += f": {a.reason}"
    parts.append(verdict)
    text = "; ".join(parts)
    return f"{name}: {text}" if name else text


class _Words:
    """Values with their unit."""

    def __init__(self, unit: str | None) -> None:
        self.unit = unit

    def v(self, x: float, sig: int | None = None) -> str:
        return number(x, sig) + (f" {self.unit}" if self.unit else "")


def _where(a: Assessment, words: _Words, *, decided: bool) -> list[str]:
    """Where the series stands against the target: met, short, or what it still needs."""
    v = words.v
    t, v_t, deadline, target = a.latest_year, a.latest_value, a.target_year, a.target
    if t is None or v_t is None:
        return []
    if target is None or deadline is None:
        return [f"at {v(v_t)} ({year(t)})"]
    linear = a.projection == "linear"
    if a.status in (Status.ACHIEVED, Status.MISSED):
        verb = "meets" if a.status is Status.ACHIEVED else "falls short of"
        if decided and a.interpolated is not None:
            at = f"at {v(a.interpolated)} ({year(deadline)}, interpolated)"
        else:
            at = f"at {v(v_t)} ({year(t)})"
        return [f"{at}, {verb} the target of {v(target)} by {year(deadline)}"]
    need = a.growth_required_now_linear if linear else a.growth_required_now
    if need is None:
        return []
    span = deadline - t
    if span < 1:  # an annual rate over a fraction of a year misleads: say the total
        need = (target - v_t) if linear or v_t == 0 else target / v_t - 1
        how = f"in {span:.2g} of a year"
    else:
        how = "in one year" if span == 1 else f"a year for {duration(span)} years"
    if a.rank:
        what = f"needs {'to climb' if need <= 0 else 'at most to lose'} {places(need)} {how}"
    else:
        what = f"needs {_change(need, linear or v_t == 0, words.unit)[0]} {how}"
    return [f"{what}, from {v(v_t)} ({year(t)}) to {v(target)} by {year(deadline)}"]


def _movement(a: Assessment, words: _Words, *, decided: bool) -> list[str]:
    """What the series did since the base, and where its trend leads by the deadline."""
    v = words.v
    t, deadline, target = a.latest_year, a.target_year, a.target
    ahead = t is not None and deadline is not None and t < deadline and not decided
    projected, reach = None, ""
    if a.projected is not None and deadline is not None and target is not None and ahead:
        projected = f"{v(a.projected, 3)} by {year(deadline)}"
        if a.reach_year is not None:
            reach = f"{v(target)} in {year(math.ceil(a.reach_year))}"
        elif a.status is not Status.ACHIEVED:
            reach = f"never reaches {v(target)}"
    parts: list[str] = []
    b, linear = a.base_year, a.projection == "linear"
    done = a.growth_actual_linear if linear or a.growth_actual is None else a.growth_actual
    moved = b is not None and t is not None and t > b and done is not None
    if moved and a.rank and done is not None and b is not None:
        text = f"{_rank_change(done)} since {year(b)}"
        if projected is not None:  # "(44.4 by 2025 on the trend, which never reaches 35)"
            reaches = "reaches " if a.reach_year is not None else ""
            text += f" ({projected} on the trend" + (f", which {reaches}{reach})" if reach else ")")
            projected = None
        parts.append(text)
    elif moved and a.method == "destatis" and a.slope is not None:
        # the method's own growth, the one its projection and the headline's grew/yr use
        first = first_of_window(len(a.years), a.thresholds)
        since = f" since {year(a.years[first])}" if first is not None else ""
        change = _change(a.slope, True, words.unit)[1]
        parts.append(f"{change} a year on average{since} (the mean of its last changes)")
    elif moved and done is not None and b is not None:
        as_linear = linear or a.growth_actual is None
        parts.append(f"{_change(done, as_linear, words.unit)[1]} a year since {year(b)}")
    if projected is not None:
        kind = "" if a.rank else f"{a.projection} "
        parts.append(f"the {kind}trend reaches {projected}" + (f" and {reach}" if reach else ""))
    return parts
