"""The key under each chart, and the key of every chart in a report.

Each chart explains only the marks it drew ("reported", "set aside", "milestone", "target",
"trend" ...), in rows that fit its width, so a reader never looks elsewhere for what a
symbol means; `key_svg` draws the whole vocabulary once (the HTML report's summary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from targets.render._svg_base import (
    CHANCE,
    INK,
    KEY_ROW,
    MUTED,
    SVG,
    TICK,
    UNUSED,
    goal_marker,
    line_style,
    marker,
    tag,
    text,
)

if TYPE_CHECKING:
    from targets.render._chart import Chart

__all__ = ["KEY", "draw_key", "key_entries", "key_rows", "key_svg"]


KEY = (
    ("actual", "reported"),
    ("estimate", "estimate or derived"),
    ("forecast", "forecast"),
    ("unused", "set aside"),
    ("trajectory", "promised path"),
    ("trend", "trend"),
    ("chance", "project's chance band"),
    ("milestone", "milestone"),
    ("goal", "target"),
    ("band", "target range"),
    ("reach", "trend meets target"),
    ("scenario", "what-if"),
)
_WORDS = dict(KEY)
_GAP = 14.0
_CHAR = 7.0


def key_entries(chart: Chart) -> tuple[str, ...]:
    """The kinds of mark `chart` draws, in the key's order."""
    found: set[str] = set()
    for point in chart.points:
        if not point.used:
            found.add("unused")
        elif point.kind in {"estimate", "derived"}:
            found.add("estimate")
        elif point.kind == "forecast":
            found.add("forecast")
        else:
            found.add("actual")
    found |= {"trajectory"} if len(chart.trajectory) > 1 else set()
    found |= {"trend"} if len(chart.trend) > 1 else set()
    found |= {"chance"} if len(chart.band) > 1 else set()
    found |= {"scenario"} if chart.scenarios else set()
    found |= {"reach"} if chart.reach is not None else set()
    last = max(chart.goals, key=lambda g: g.end) if chart.goals else None
    for goal in chart.goals:
        ranged = goal.low is not None and goal.high is not None and goal.low != goal.high
        if goal.start < goal.end or ranged:
            found.add("band")
        else:
            found.add("goal" if goal is last else "milestone")
    return tuple(kind for kind, _ in KEY if kind in found)


def _width(kind: str) -> float:
    return 24 + len(_WORDS[kind]) * _CHAR + _GAP


def key_rows(entries: tuple[str, ...], width: float) -> list[tuple[str, ...]]:
    """The entries in rows no wider than `width`."""
    rows: list[list[str]] = []
    used = width
    for kind in entries:
        if used + _width(kind) > width - 8 and (not rows or rows[-1]):
            rows.append([])
            used = 8.0
        rows[-1].append(kind)
        used += _width(kind)
    return [tuple(row) for row in rows]


def _symbol(kind: str, px: float, py: float, colour: str) -> str:
    if kind in {"actual", "estimate", "forecast", "unused"}:
        ink = UNUSED if kind == "unused" else INK
        return marker("actual" if kind == "unused" else kind, px, py, ink)
    if kind == "goal":
        return goal_marker(px, py, final=True)
    if kind == "milestone":
        return goal_marker(px, py, final=False)
    if kind == "band":
        return tag("line", x1=px - 8, x2=px + 8, y1=py, y2=py, **TICK)
    if kind == "chance":
        return tag("rect", x=px - 10, y=py - 5, width=20, height=10, fill=colour, **CHANCE)
    if kind == "reach":
        return tag("circle", cx=px, cy=py, r=5, fill=colour)
    return tag("line", x1=px - 10, x2=px + 10, y1=py, y2=py, **line_style(kind, colour))


def draw_key(rows: list[tuple[str, ...]], colour: str, top: float) -> str:
    """The rows of a chart's key, from `top` down."""
    parts = []
    for number, row in enumerate(rows):
        at, py = 8.0, top + KEY_ROW * (number + 0.5)
        for kind in row:
            symbol = _symbol(kind, at + 10, py, colour)
            words = text(_WORDS[kind], at + 24, py, fill=MUTED)
            parts.append(tag("g", symbol + words, class_=f"key key-{kind}"))
            at += _width(kind)
    return tag("g", "".join(parts), class_="chart-key") if parts else ""


def key_svg(colour: str = INK) -> str:
    """One line of symbols that explains every chart in a report, drawn as the charts are."""
    entries = tuple(kind for kind, _ in KEY)
    width = 8 + sum(_width(kind) for kind in entries)
    body = draw_key([entries], colour, 0.0)
    size = {"viewBox": f"0 0 {width:.0f} {KEY_ROW:.0f}", "width": f"{width:.0f}", "height": KEY_ROW}
    return tag("svg", body, class_="targets-key", aria_label="chart key", **size, **SVG)
