"""A target's chart as inline SVG, with the standard library only.

The HTML report must open anywhere without fetching anything, and a notebook should show a
chart without matplotlib, so this draws a `targets.render._chart.Chart` as plain SVG markup
on its own opaque background (it reads the same on a dark notebook theme). It uses
presentation attributes rather than a style sheet (Jupyter strips <style> from untrusted
output), escapes every piece of text, and gives each element a class (``point actual``,
``trend``, ``goal``, ``reach`` ...) that tests and the report's styles can rely on. Every
value label carries its unit, and each chart ends with a key to the marks it drew
(`targets.render._svg_key`); the primitives are in `targets.render._svg_base`.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from targets.engine import Status, format_number
from targets.render._cells import reach_label
from targets.render._palette import BADGE_COLOURS
from targets.render._status_words import status_words
from targets.render._svg_axes import Scale, short, time_axis, value_axis, with_unit
from targets.render._svg_base import (
    BAND,
    CHANCE,
    CHAR,
    EMPTY,
    GOAL,
    GRID,
    GUIDE,
    HALO,
    HOLD,
    INK,
    KEY_ROW,
    MARGIN,
    MUTED,
    PAPER,
    PATH,
    ROUND,
    SCENARIO,
    SVG,
    UNUSED,
    escape,
    goal_marker,
    line_style,
    marker,
    num,
    tag,
    text,
)
from targets.render._svg_key import draw_key, key_entries, key_rows, key_svg
from targets.rules import unit_words

if TYPE_CHECKING:
    from targets.judge import Scenario
    from targets.render._chart import Chart, Goal, Point

__all__ = ["Box", "Path", "chart_svg", "escape", "key_svg", "marker", "tag", "value_label"]

Box = tuple[float, float, float, float]
Path = tuple[tuple[float, float], ...]


@dataclass
class _Labels:
    """Text placed last, on top, each where it overlaps the least of what is drawn."""

    area: Box
    boxes: list[Box] = field(default_factory=list)
    wanted: list[tuple[float, float, float, tuple[float, ...], str, str]] = field(
        default_factory=list
    )

    def block(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """Keep labels off this box (a marker, a tick, a fixed label)."""
        self.boxes.append((x1, y1, x2, y2))

    def block_path(self, pixels: list[tuple[float, float]]) -> None:
        """Keep labels off a drawn line, sampled every few pixels."""
        for (x1, y1), (x2, y2) in itertools.pairwise(pixels):
            steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1) / 5))
            for i in range(steps + 1):
                px, py = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
                self.block(px - 2, py - 2, px + 2, py + 2)

    def add(
        self, text: str, colour: str, px: float, py: float, *, gap: float, dys: Iterable[float]
    ) -> None:
        """Ask for `text` left (or else right) of `px`, `gap` away, at `py` plus one of `dys`."""
        self.wanted.append((px, py, gap, tuple(dys), text, colour))

    def _cost(self, box: Box) -> float:
        left, top, right, bottom = self.area
        outside = max(0.0, left - box[0]) + max(0.0, box[2] - right)
        outside += max(0.0, top - box[1]) + max(0.0, box[3] - bottom)
        overlap = sum(
            max(0.0, min(box[2], b[2]) - max(box[0], b[0]))
            * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
            for b in self.boxes
        )
        return overlap + 1000 * outside

    def render(self) -> str:
        out = []
        for px, py, gap, dys, words, colour in self.wanted:
            width = len(words) * CHAR
            spots = [(px - gap, "end", px - gap - width, dy) for dy in dys]
            spots += [(px + gap, "start", px + gap, dy) for dy in dys]
            _, at, anchor, x1, dy = min(
                (self._cost((x1, py + dy - 7, x1 + width, py + dy + 7)) + i * 2, at, a, x1, dy)
                for i, (at, a, x1, dy) in enumerate(spots)
            )
            self.block(x1, py + dy - 7, x1 + width, py + dy + 7)
            out.append(text(words, at, py + dy, anchor, fill=colour, **HALO))
        return tag("g", "".join(out), class_="labels")


@dataclass
class _Plot:
    """What every mark needs: the chart, both scales and the labels still to place."""

    chart: Chart
    x: Scale
    y: Scale
    labels: _Labels

    def pixels(self, path: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(self.x(t), self.y(v)) for t, v in path if math.isfinite(t) and math.isfinite(v)]


def chart_svg(chart: Chart, *, width: int = 560, height: int = 260) -> str:
    """The chart as one <svg> element on an opaque background: figures, promised path,
    trend, goals, reach, scenarios, and under the axis a key to the marks it drew.

    Figures set aside are drawn first and the figures the verdict used over them, so a
    used figure is never hidden behind a set-aside one at the same place."""
    ink, _ = BADGE_COLOURS.get(Status(chart.status), (INK, ""))
    label = f"{chart.title}: {chart.goal}; {status_words(chart.status)}"
    svg: dict[str, object] = {"class_": "targets-chart", "aria_label": label}
    svg |= {"data_target": chart.target, "data_status": chart.status, **SVG}
    background = tag("rect", class_="paper", width="100%", height="100%", rx=6, fill=PAPER)
    if not chart.points:
        size = {"viewBox": f"0 0 {width} {height}", "width": width, "height": height}
        return tag("svg", background + _placeholder(chart, width, height), **svg, **size)
    chart = _clamped(chart)
    rows = key_rows(key_entries(chart), width)
    total = height + KEY_ROW * len(rows)
    svg |= {"viewBox": f"0 0 {width} {total:.0f}", "width": width, "height": f"{total:.0f}"}
    top, right, bottom, left = MARGIN
    x, years = time_axis(chart, left, width - right)
    y, ticks = value_axis(chart, top, height - bottom)
    plot = _Plot(chart, x, y, _Labels((left, top, width - right, height - bottom)))
    goals = sorted(chart.goals, key=lambda g: g.start >= g.end)  # held bands underneath
    last = max(chart.goals, key=lambda g: g.end) if chart.goals else None
    parts = [background, _axes(plot, years, ticks, width, height)]
    parts += [_reason(plot)] if chart.reason else []
    parts += [_goal(plot, goal, final=goal is last) for goal in goals if goal.start < goal.end]
    if chart.deadline is not None:
        parts.append(_deadline(plot, chart.deadline))
    parts.append(_band(plot, ink))
    parts.append(_line(plot, chart.trajectory, "trajectory", line_style("trajectory", ink), "path"))
    parts.append(_line(plot, chart.trend, "trend", line_style("trend", ink), "trend"))
    parts += [_scenario(plot, scenario) for scenario in chart.scenarios]
    parts += [_goal(plot, goal, final=goal is last) for goal in goals if goal.start >= goal.end]
    parts += [_point(plot, point) for point in sorted(chart.points, key=_drawing_order)]
    if chart.reach is not None:
        parts.append(_reach(plot, chart.reach, ink))
    parts.append(draw_key(rows, ink, height - 2))
    return tag("svg", "".join(parts) + plot.labels.render(), **svg)


def _drawing_order(point: Point) -> tuple[bool, float]:
    """Set-aside figures first, so the figures the verdict used are drawn over them."""
    return (point.used, point.time)


def _clamped(chart: Chart) -> Chart:
    """Ranks stop at 1: a trend or scenario carried past the top is drawn ending there."""
    if not chart.invert:
        return chart

    def clamp(path: Path) -> Path:
        return tuple((t, max(v, 1.0)) for t, v in path)

    scenarios = tuple(replace(s, path=clamp(s.path)) for s in chart.scenarios)
    return replace(chart, trend=clamp(chart.trend), scenarios=scenarios)


def _fit(words: str, width: float) -> str:
    room = int(width / 6.5)
    return words if len(words) <= room else words[: room - 1] + "…"


def _placeholder(chart: Chart, width: int, height: int) -> str:
    """A quiet box for a target with no figures: nothing to draw, and it says so (and why)."""
    box = tag("rect", x=8, y=8, width=width - 16, height=height - 16, rx=8, **EMPTY)
    why = (chart.reason or "").removeprefix("no figures; ")  # 'due 2030' says the rest
    lines = textwrap.wrap(why, int((width - 40) / 6.5)) if why and why != "no figures" else []
    lines += textwrap.wrap(chart.goal, int((width - 40) / 6.5))
    middle, y = width / 2, height / 2 - 8 * len(lines)
    out = box + text("no figures", middle, y - 8, "middle", font_size=15, fill=MUTED)
    for i, line in enumerate(lines):
        out += text(line, middle, y + 14 + 16 * i, "middle", fill=MUTED)
    return tag("g", out, class_="empty")


def _reason(plot: _Plot) -> str:
    """Why a target with figures could not be assessed, in the top right corner: whole,
    over as many lines as it takes (it is the one thing such a chart has to say)."""
    left, top, right, _ = plot.labels.area
    room = int((right - left - 40) / 6.5)
    lines = textwrap.wrap(f"not assessable: {plot.chart.reason}", room)
    halo = {"paint_order": "stroke", "stroke": PAPER, "stroke_width": 3}
    out = []
    for i, line in enumerate(lines):
        py = top + 6 + 15 * i
        plot.labels.block(right - len(line) * CHAR, py - 8, right, py + 8)
        out.append(text(line, right, py, "end", fill=MUTED, **halo))
    return tag("g", "".join(out), class_="reason")


def _axes(
    plot: _Plot, years: list[int], ticks: list[tuple[float, str]], width: int, height: int
) -> str:
    _, right, bottom, left = MARGIN
    base = height - bottom
    rows = []
    for value, label in ticks:
        py = plot.y(value)
        rows.append(tag("line", x1=left, x2=width - right, y1=py, y2=py, stroke=GRID))
        rows.append(text(label, left - 6, py, "end", class_="tick", fill=MUTED))
    unit = "rank (1 = best, at the top)" if plot.chart.invert else plot.chart.unit
    unit = unit_words(unit) or unit  # 'firms' over the axis, as the labels say them
    if unit != "yes/no":
        rows.append(text(unit, left, 8, class_="unit", fill=MUTED))
    cols = [tag("line", x1=left, x2=width - right, y1=base, y2=base, stroke=PATH)]
    for year in years:
        px = plot.x(year)
        cols.append(tag("line", x1=px, x2=px, y1=base, y2=base + 4, stroke=PATH))
        cols.append(text(str(year), px, base + 13, "middle", class_="tick", fill=MUTED))
    return tag("g", "".join(rows), class_="axis y") + tag("g", "".join(cols), class_="axis x")


def _polyline(pixels: list[tuple[float, float]]) -> str:
    return " ".join(f"{num(px)},{num(py)}" for px, py in pixels)


def _line(plot: _Plot, path: Path, cls: str, style: dict[str, object], title: str) -> str:
    pixels = plot.pixels(path)
    if len(pixels) < 2:
        return ""
    plot.labels.block_path(pixels)
    body = tag("title", escape(title))
    return tag("polyline", body, class_=cls, points=_polyline(pixels), **style, **ROUND)


def _band(plot: _Plot, colour: str) -> str:
    """The project's chance band, shaded from the latest figure to the deadline; kept inside
    the plot, since it does not size the value axis."""
    band = plot.chart.band
    if len(band) < 2:
        return ""
    low, high = sorted((plot.y.lo, plot.y.hi))

    def inside(value: float) -> float:
        return min(max(value, low), high)

    edge = [(t, inside(hi)) for t, _, hi in band] + [(t, inside(lo)) for t, lo, _ in reversed(band)]
    body = tag("title", escape(plot.chart.band_label or "the project's chance band"))
    shape = tag("polygon", points=_polyline(plot.pixels(edge)), fill=colour, **CHANCE)
    return tag("g", body + shape, class_="chance-band")


def _deadline(plot: _Plot, time: float) -> str:
    px, (_, top, _, bottom) = plot.x(time), plot.labels.area
    plot.labels.block(px - 28, top - 16, px + 28, top)
    line = tag("line", x1=px, x2=px, y1=top, y2=bottom, stroke=MUTED, stroke_dasharray="2 3")
    return tag("g", line + text("deadline", px, top - 9, "middle", fill=MUTED), class_="deadline")


def _scenario(plot: _Plot, scenario: Scenario) -> str:
    pixels = plot.pixels(scenario.path)
    if len(pixels) < 2:
        return ""
    plot.labels.block_path(pixels)
    end_x, end_y = pixels[-1]
    plot.labels.add(scenario.label, SCENARIO, end_x, end_y, gap=5, dys=(0, -12, 12, -24, 24, -36))
    line = tag("polyline", points=_polyline(pixels), fill="none", **line_style("scenario", ""))
    return tag("g", tag("title", escape(str(scenario))) + line, class_="scenario")


def value_label(value: float, unit: str, *, invert: bool = False) -> str:
    """A level as a chart labels it, with its unit: '100k firms', '20 %', 'rank 30'."""
    if invert or unit.strip().lower().startswith("rank"):
        return f"rank {format_number(value, 3)}"
    if unit == "yes/no":
        return "yes" if value else "no"
    words = with_unit(value, unit, 3).removeprefix(format_number(float(f"{value:.3g}")))
    return f"{short(value)}{words}"


def _goal(plot: _Plot, goal: Goal, *, final: bool) -> str:
    """A band held over a period (shaded), a band at a date (a bar), or a level: the
    target itself a filled star, a milestone on the way a hollow triangle."""
    x, y, labels, chart = plot.x, plot.y, plot.labels, plot.chart
    title = tag("title", escape(goal.label))
    if goal.start < goal.end:
        y1 = y(goal.low if goal.low is not None else y.lo)
        y2 = y(goal.high if goal.high is not None else y.hi)
        x1, x2 = x(goal.start), x(goal.end)
        rect = tag("rect", x=x1, y=min(y1, y2), width=x2 - x1, height=abs(y2 - y1), **HOLD)
        if (goal.low is None) != (goal.high is None):  # one side: say which, with its unit
            bound = goal.low if goal.low is not None else goal.high
            assert bound is not None
            sign = "≥" if goal.low is not None else "≤"
            words = f"{sign} {value_label(bound, chart.unit, invert=chart.invert)}"
            labels.add(words, GOAL, x1, y(bound), gap=6, dys=(0, 14, -14, 28))
        return tag("g", title + rect, class_="goal hold")
    px = x(goal.start)
    role = "target" if final else "milestone"
    if goal.low is not None and goal.high is not None and goal.low != goal.high:
        y1, y2 = sorted((y(goal.low), y(goal.high)))
        labels.block(px - 5, y1, px + 5, y2)
        words = f"{short(goal.low)}–{value_label(goal.high, chart.unit, invert=chart.invert)}"
        labels.add(words, GOAL, px, (y1 + y2) / 2, gap=9, dys=(0, y1 - y2 - 10, y2 - y1 + 10))
        style = dict(BAND) if final else {**BAND, "fill": PAPER, "stroke_dasharray": "3 2"}
        rect = tag("rect", x=px - 4, y=y1, width=8, height=y2 - y1, rx=2, **style)
        return tag("g", title + rect, class_=f"goal band {role}")
    level = goal.low if goal.low is not None else goal.high
    if level is None:
        return ""
    py = y(level)
    if chart.invert:
        words = f"top {format_number(level, 3)}"
    else:
        words = f"{'≥' if goal.low is not None else '≤'} {value_label(level, chart.unit)}"
    labels.block(px - 10, py - 8, px + 10, py + 8)
    labels.add(words, GOAL, px, py, gap=13, dys=(0, -14, 14, -28, 28))
    guide = tag("line", x1=x.start, x2=x.stop, y1=py, y2=py, **GUIDE)
    mark = goal_marker(px, py, final=final)
    return tag("g", title + guide + mark, class_=f"goal level {role}")


def _point(plot: _Plot, point: Point) -> str:
    """A figure's marker (and bar, for a range), with its period, value and source as a tip."""
    colour = INK if point.used else UNUSED
    unit = plot.chart.unit
    px = plot.x(point.time)
    if point.low == point.high:
        value = with_unit(point.low, unit)
    else:
        value = f"{format_number(point.low)}–{with_unit(point.high, unit)}"
    tip = f"{point.label}: {value}, {point.kind}{'' if point.used else ', not used'}"
    classes = f"point {point.kind}" + ("" if point.used else " unused")
    y1, y2 = sorted((plot.y(point.low), plot.y(point.high)))
    plot.labels.block(px - 5, y1 - 5, px + 5, y2 + 5)
    bar = ""
    if point.low != point.high:
        classes += " range"
        left, right, top, bottom = num(px - 3), num(px + 3), num(y1), num(y2)
        d = f"M{num(px)} {top}V{bottom}M{left} {top}H{right}M{left} {bottom}H{right}"
        bar = tag("path", d=d, stroke=colour, stroke_width=1.8, fill="none")
    mark = marker(point.kind, px, (y1 + y2) / 2, colour)
    return tag("g", tag("title", escape(tip)) + bar + mark, class_=classes)


def _reach(plot: _Plot, reach: tuple[float, float], colour: str) -> str:
    """The dot where the trend meets the target: 'reaches 100,000 firms in 2031'."""
    time, value = reach
    px, py = plot.x(time), plot.y(value)
    words = f"reaches {with_unit(value, plot.chart.unit, 4)} in {reach_label(time)}"
    plot.labels.block(px - 6, py - 6, px + 6, py + 6)
    plot.labels.add(words, colour, px, py, gap=8, dys=(-13, 13, -26, 26, -39, 39))
    dot = tag("circle", cx=px, cy=py, r=5, fill=colour, stroke=PAPER, stroke_width=2)
    return tag("g", tag("title", escape(words)) + dot, class_="reach")
