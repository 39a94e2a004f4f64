"""Sparklines: one tiny chart per entity, the small multiples of a target judged for each.

A few hundred bytes each, so a page can hold thousands: the figures the verdict used as a
line, the target as a ring at its deadline on a faint line at its level, in the status's
colour (the `data-status` around it sets ``--ink``). No axis and no text inside: the
caption beside it names the entity, and the entity's card or `targets explain` gives the
numbers. Every coordinate is computed here from floats; nothing of the input reaches the
markup but the label, escaped.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from targets.render._svg_base import escape

__all__ = ["SPARK_HEIGHT", "SPARK_WIDTH", "spark_svg"]

SPARK_WIDTH = 240
SPARK_HEIGHT = 72
"""The drawing's own units (CSS scales it to its cell): whole units are fine enough."""
_PAD = 8.0


def spark_svg(
    times: npt.NDArray[np.float64],
    values: npt.NDArray[np.float64],
    target: float,
    target_year: float,
    *,
    label: str,
) -> str:
    """The figures (`times`, `values`) against the target; `label` names the drawing for
    readers of the page that cannot see it (it is escaped)."""
    goal = math.isfinite(target) and math.isfinite(target_year)
    head = (
        f'<svg viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" aria-label="{escape(label)}">'
    )
    if not times.size and not goal:
        return head + "</svg>"
    xs = np.append(times, target_year) if goal else times
    ys = np.append(values, target) if goal else values
    x = _scale(xs, float(xs.min()), float(xs.max()), SPARK_WIDTH, flip=False)
    y = _scale(ys, float(ys.min()), float(ys.max()), SPARK_HEIGHT, flip=True)
    parts = [head]
    n = times.size
    if goal:
        parts.append(f'<path class="level" d="M0 {y[n]}H{SPARK_WIDTH}"/>')
    if n > 1:
        points = " ".join(f"{a},{b}" for a, b in zip(x[:n], y[:n], strict=True))
        parts.append(f'<polyline points="{points}"/>')
    elif n == 1:
        parts.append(f'<circle class="dot" cx="{x[0]}" cy="{y[0]}" r="4"/>')
    if goal:
        parts.append(f'<circle class="goal" cx="{x[n]}" cy="{y[n]}" r="6"/>')
    return "".join(parts) + "</svg>"


def _scale(
    v: npt.NDArray[np.float64], low: float, high: float, size: int, *, flip: bool
) -> list[int]:
    """`v` from [low, high] to whole units across `size` within the padding (the middle
    when every value is the same); `flip` puts high values at the top."""
    if high == low:
        return [size // 2] * v.size
    share = (v - low) / (high - low)
    if flip:
        share = 1.0 - share
    placed = np.rint(_PAD + share * (size - 2 * _PAD)).astype(np.int64)
    return [int(p) for p in placed.tolist()]
