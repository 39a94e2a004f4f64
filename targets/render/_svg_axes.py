"""Axes for the SVG charts: scales, round tick steps, and numbers short enough for labels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from targets.engine import format_number
from targets.rules import is_rank, quantity

if TYPE_CHECKING:
    from targets.render._chart import Chart

__all__ = ["Scale", "nice_step", "short", "tick_label", "time_axis", "value_axis", "with_unit"]


_FARTHEST = 1e300
"""The largest value an axis reaches: its padding and steps stay within a double."""


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps a value in [lo, hi] to a pixel in [start, stop] (stop < start flips the axis)."""

    lo: float
    hi: float
    start: float
    stop: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo
        if not self.lo - span <= value <= self.hi + span:  # far off the axis, or not a number
            value = self.hi + span if value > self.hi else self.lo - span  # just past an edge
        return self.start + (value - self.lo) / span * (self.stop - self.start)


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `count` intervals."""
    raw = span / max(count, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for mantissa in (1.0, 2.0, 2.5, 5.0):
        if raw <= mantissa * magnitude * (1 + 1e-9):
            return mantissa * magnitude
    return 10.0 * magnitude


def tick_label(value: float, step: float) -> str:
    """A readable axis number: 70k, 1.5M, 2.1bn; decimals only as fine as the step."""
    if value == 0:
        return "0"
    for scale, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale and step >= scale / 100:
            text = f"{value / scale:.{_decimals(step / scale)}f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + suffix
    return f"{value:,.{_decimals(step)}f}"


def _decimals(step: float) -> int:
    """Decimals that show a multiple of `step` exactly (0 for 10, 1 for 0.5, 2 for 0.25)."""
    return next((d for d in range(4) if abs(step * 10**d - round(step * 10**d)) < 1e-6), 4)


def short(value: float) -> str:
    """A target level in a label: 80k, 1.5M, 148.5 (thousands only from 10,000)."""
    for scale, suffix, least in ((1e9, "bn", 1e9), (1e6, "M", 1e6), (1e3, "k", 1e4)):
        if abs(value) >= least:
            return f"{format_number(value / scale, 3)}{suffix}"
    return format_number(value, 4)


def with_unit(value: float, unit: str, sig: int | None = None) -> str:
    """A value as a sentence says it: '73,788 firms', '1 firm', 'rank 44', '16.5 %', 'yes'
    (`sig` significant digits, for values the trend computed)."""
    if unit == "yes/no":
        return "yes" if value else "no"
    if is_rank(unit):
        return f"rank {format_number(value, sig)}"
    if sig is not None:
        value = float(format_number(value, sig).replace(",", ""))
    return quantity(value, unit)


def value_axis(chart: Chart, top: float, bottom: float) -> tuple[Scale, list[tuple[float, str]]]:
    """The value scale and its ticks: round numbers, ranks with 1 at the top, yes/no as words."""
    if chart.unit == "yes/no":
        return Scale(-0.3, 1.3, bottom, top), [(0.0, "no"), (1.0, "yes")]
    far = _FARTHEST  # beyond it the axis stops (a value there is drawn past the edge)
    values = [max(-far, min(v, far)) for v in chart.values if math.isfinite(v)] or [0.0, 1.0]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    step = nice_step(high - low + 2 * pad, max(2, int((bottom - top) / 38)))
    lo, hi = math.floor((low - pad) / step) * step, math.ceil((high + pad) / step) * step
    if low >= 0 > lo:  # never below zero for data that never is
        lo = 0.0
    ticks = [lo + i * step for i in range(round((hi - lo) / step) + 1)]
    if chart.invert:  # ranks: 1 at the top, no rank 0
        ticks = [max(t, 1.0) for t in ticks]
        return Scale(lo, hi, top, bottom), [(t, tick_label(t, step)) for t in ticks]
    return Scale(lo, hi, bottom, top), [(t, tick_label(t, step)) for t in ticks]


def time_axis(chart: Chart, left: float, right: float) -> tuple[Scale, list[int]]:
    """The time scale, padded half a year each side, with whole-year ticks at a round step."""
    times = [t for t in chart.times if math.isfinite(t)]
    times += [chart.deadline] if chart.deadline is not None else []
    times += [chart.reach[0]] if chart.reach is not None else []
    lo, hi = min(times) - 0.5, max(times) + 0.5
    if hi - lo < 3:  # a few years at least, so the axis has years to read
        lo, hi = (lo + hi) / 2 - 1.5, (lo + hi) / 2 + 1.5
    room = max(2, int((right - left) / 46))
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if (hi - lo) / s <= room), 200)
    first = math.ceil(lo / step) * step
    return Scale(lo, hi, left, right), list(range(int(first), int(hi) + 1, step))
