"""A target's chart as inline SVG, with the standard library only.

The HTML report must open anywhere without fetching anything, and a notebook should show a
chart without matplotlib, so this draws a `targets.render._chart.Chart` as plain SVG markup. It uses
presentation attributes rather than a style sheet (Jupyter strips <style> from untrusted
output), escapes every piece of text, and gives each element a class (``point actual``,
``trend``, ``goal``, ``reach`` ...) that tests and the report's styles can rely on.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from targets._safe import NOT_XML
from targets.engine import Status, format_number
from targets.render._cells import reach_label
from targets.render._palette import BADGE_COLOURS
from targets.render._status_words import status_words
from targets.render._svg_axes import Scale, short, time_axis, value_axis, with_unit

if TYPE_CHECKING:
    from targets.judge import Scenario
    from targets.render._chart import Chart, Goal, Point

__all__ = [
    "BAND",
    "CHAR",
    "EMPTY",
    "FONT",
    "GUIDE",
    "HALO",
    "HOLD",
    "KEY",
    "MARGIN",
    "PATH",
    "ROUND",
    "SCENARIO",
    "SVG",
    "TICK",
    "UNUSED",
    "Box",
    "Path",
    "chart_svg",
    "escape",
    "key_svg",
    "marker",
    "tag",
]


FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif"
INK, MUTED, GRID, GOAL = "#263238", "#607d8b", "#eceff1", "#37474f"
UNUSED = "#b0bec5"  # figures set aside: drawn, but faint
PATH = "#90a4ae"  # the promised trajectory
SCENARIO = "#3f51b5"
CHAR = 6.4
"""Rough width of a (bold) character at the chart's font size, for placing labels."""
MARGIN = (24.0, 16.0, 24.0, 50.0)
"""Top, right, bottom, left."""
SVG = {"xmlns": "http://www.w3.org/2000/svg", "role": "img", "font_family": FONT, "font_size": 11}

"""Characters XML 1.0 forbids even escaped."""

Box = tuple[float, float, float, float]
Path = tuple[tuple[float, float], ...]


def escape(value: str) -> str:
    """Text for markup that is both HTML and XML: escaped, quotes too, and any character
    XML forbids (control characters) replaced by U+FFFD so a parser never fails on it."""
    return html.escape(NOT_XML.sub("\ufffd", value), quote=True)


def _num(x: float) -> str:
    return f"{x:.1f}"


def _value(value: object) -> str:
    return _num(value) if isinstance(value, float) else escape(str(value))


def tag(name: str, body: str = "", /, **attrs: object) -> str:
    """One element: ``stroke_width=1.5`` is written ``stroke-width="1.5"``, ``class_`` is
    ``class``, floats get one decimal, None leaves the attribute out, text is escaped."""
    written = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{_value(v)}"'
        for k, v in attrs.items()
        if v is not None
    )
    return f"<{name}{written}>{body}</{name}>" if body else f"<{name}{written}/>"


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
        for px, py, gap, dys, text, colour in self.wanted:
            width = len(text) * CHAR
            spots = [(px - gap, "end", px - gap - width, dy) for dy in dys]
            spots += [(px + gap, "start", px + gap, dy) for dy in dys]
            _, at, anchor, x1, dy = min(
                (self._cost((x1, py + dy - 7, x1 + width, py + dy + 7)) + i * 2, at, a, x1, dy)
                for i, (at, a, x1, dy) in enumerate(spots)
            )
            self.block(x1, py + dy - 7, x1 + width, py + dy + 7)
            out.append(_text(text, at, py + dy, anchor, fill=colour, **HALO))
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
    """The chart as one <svg> element: figures, promised path, trend, goals, reach, scenarios."""
    ink, _ = BADGE_COLOURS.get(Status(chart.status), (INK, ""))
    label = f"{chart.title}: {chart.goal}; {status_words(chart.status)}"
    svg: dict[str, object] = {
        "class_": "targets-chart",
        "aria_label": label,
        "viewBox": f"0 0 {width} {height}",
    }
    svg |= {"width": width, "height": height, "data_target": chart.target}
    svg |= {"data_status": chart.status, **SVG}
    if not chart.points:
        return tag("svg", _placeholder(chart, width, height), **svg)
    chart = _clamped(chart)
    top, right, bottom, left = MARGIN
    x, years = time_axis(chart, left, width - right)
    y, ticks = value_axis(chart, top, height - bottom)
    plot = _Plot(chart, x, y, _Labels((left, top, width - right, height - bottom)))
    goals = sorted(chart.goals, key=lambda g: g.start >= g.end)  # held bands underneath
    parts = [_axes(plot, years, ticks, width, height)]
    parts += [_reason(plot)] if chart.reason else []
    parts += [_goal(plot, goal) for goal in goals if goal.start < goal.end]
    if chart.deadline is not None:
        parts.append(_deadline(plot, chart.deadline))
    parts.append(_line(plot, chart.trajectory, "trajectory", _style("trajectory", ink), "path"))
    parts.append(_line(plot, chart.trend, "trend", _style("trend", ink), "trend"))
    parts += [_scenario(plot, scenario) for scenario in chart.scenarios]
    parts += [_goal(plot, goal) for goal in goals if goal.start >= goal.end]
    parts += [_point(plot, point) for point in chart.points]
    if chart.reach is not None:
        parts.append(_reach(plot, chart.reach, ink))
    return tag("svg", "".join(parts) + plot.labels.render(), **svg)


HALO = {"font_weight": 600, "paint_order": "stroke", "stroke": "#fff", "stroke_width": 3}
"""A label's white outline, so it stays legible over lines and grid."""
HOLD = {"fill": PATH, "fill_opacity": 0.18, "stroke": PATH, "stroke_dasharray": "3 3"}
BAND = {"fill": GOAL, "fill_opacity": 0.15, "stroke": GOAL, "stroke_width": 1.5}
GUIDE = {"stroke": GOAL, "stroke_opacity": 0.25, "stroke_dasharray": "1 3"}
TICK = {"stroke": GOAL, "stroke_width": 3, "stroke_linecap": "round"}
EMPTY = {"fill": "#fafbfc", "stroke": UNUSED, "stroke_dasharray": "4 4"}
ROUND = {"fill": "none", "stroke_linejoin": "round", "stroke_linecap": "round"}


def _text(text: str, x: float, y: float, anchor: str = "start", **attrs: object) -> str:
    return tag("text", escape(text), x=x, y=y, dy="0.32em", text_anchor=anchor, **attrs)


def _style(kind: str, colour: str) -> dict[str, object]:
    """Stroke of a line kind, shared with the report's key."""
    return {
        "trajectory": {"stroke": PATH, "stroke_width": 1.5, "stroke_dasharray": "6 4"},
        "trend": {"stroke": colour, "stroke_width": 2.2},
        "scenario": {"stroke": SCENARIO, "stroke_width": 1.3, "stroke_dasharray": "1.5 3"},
    }[kind]


def _clamped(chart: Chart) -> Chart:
    """Ranks stop at 1: a trend or scenario carried past the top is drawn ending there."""
    if not chart.invert:
        return chart

    def clamp(path: Path) -> Path:
        return tuple((t, max(v, 1.0)) for t, v in path)

    scenarios = tuple(replace(s, path=clamp(s.path)) for s in chart.scenarios)
    return replace(chart, trend=clamp(chart.trend), scenarios=scenarios)


def _fit(text: str, width: float) -> str:
    room = int(width / 6)
    return text if len(text) <= room else text[: room - 1] + "…"


def _placeholder(chart: Chart, width: int, height: int) -> str:
    """A quiet box for a target with no figures: nothing to draw, and it says so (and why)."""
    box = tag("rect", x=8, y=8, width=width - 16, height=height - 16, rx=8, **EMPTY)
    why = (chart.reason or "").removeprefix("no figures; ")  # 'due 2030' says the rest
    lines = [why] if why and why != "no figures" else []
    middle, y = width / 2, height / 2 - 8 * len(lines)
    out = box + _text("no figures", middle, y - 8, "middle", font_size=15, fill=MUTED)
    for i, line in enumerate([*lines, chart.goal]):
        out += _text(_fit(line, width - 40), middle, y + 14 + 16 * i, "middle", fill=MUTED)
    return tag("g", out, class_="empty")


def _reason(plot: _Plot) -> str:
    """Why a target with figures could not be assessed, in the top right corner."""
    _, top, right, _ = plot.labels.area
    text = _fit(f"not assessable: {plot.chart.reason}", right - plot.labels.area[0] - 80)
    plot.labels.block(right - len(text) * CHAR, top - 2, right, top + 14)
    halo = {"paint_order": "stroke", "stroke": "#fff", "stroke_width": 3}
    return _text(text, right, top + 6, "end", class_="reason", fill=MUTED, **halo)


def _axes(
    plot: _Plot, years: list[int], ticks: list[tuple[float, str]], width: int, height: int
) -> str:
    _, right, bottom, left = MARGIN
    base = height - bottom
    rows = []
    for value, text in ticks:
        py = plot.y(value)
        rows.append(tag("line", x1=left, x2=width - right, y1=py, y2=py, stroke=GRID))
        rows.append(_text(text, left - 6, py, "end", class_="tick", fill=MUTED))
    unit = "rank (1 = best, at the top)" if plot.chart.invert else plot.chart.unit
    if unit != "yes/no":
        rows.append(_text(unit, left, 8, class_="unit", fill=MUTED))
    cols = [tag("line", x1=left, x2=width - right, y1=base, y2=base, stroke=PATH)]
    for year in years:
        px = plot.x(year)
        cols.append(tag("line", x1=px, x2=px, y1=base, y2=base + 4, stroke=PATH))
        cols.append(_text(str(year), px, base + 12, "middle", class_="tick", fill=MUTED))
    return tag("g", "".join(rows), class_="axis y") + tag("g", "".join(cols), class_="axis x")


def _polyline(pixels: list[tuple[float, float]]) -> str:
    return " ".join(f"{_num(px)},{_num(py)}" for px, py in pixels)


def _line(plot: _Plot, path: Path, cls: str, style: dict[str, object], title: str) -> str:
    pixels = plot.pixels(path)
    if len(pixels) < 2:
        return ""
    plot.labels.block_path(pixels)
    body = tag("title", escape(title))
    return tag("polyline", body, class_=cls, points=_polyline(pixels), **style, **ROUND)


def _deadline(plot: _Plot, time: float) -> str:
    px, (_, top, _, bottom) = plot.x(time), plot.labels.area
    plot.labels.block(px - 28, top - 16, px + 28, top)
    line = tag("line", x1=px, x2=px, y1=top, y2=bottom, stroke=MUTED, stroke_dasharray="2 3")
    return tag("g", line + _text("deadline", px, top - 9, "middle", fill=MUTED), class_="deadline")


def _scenario(plot: _Plot, scenario: Scenario) -> str:
    pixels = plot.pixels(scenario.path)
    if len(pixels) < 2:
        return ""
    plot.labels.block_path(pixels)
    end_x, end_y = pixels[-1]
    plot.labels.add(scenario.label, SCENARIO, end_x, end_y, gap=5, dys=(0, -12, 12, -24, 24, -36))
    line = tag("polyline", points=_polyline(pixels), fill="none", **_style("scenario", ""))
    return tag("g", tag("title", escape(str(scenario))) + line, class_="scenario")


def _goal(plot: _Plot, goal: Goal) -> str:
    """A band held over a period (shaded), a band at a date (a bar), or a level (a tick)."""
    x, y, labels = plot.x, plot.y, plot.labels
    title = tag("title", escape(goal.label))
    if goal.start < goal.end:
        y1 = y(goal.low if goal.low is not None else y.lo)
        y2 = y(goal.high if goal.high is not None else y.hi)
        x1, x2 = x(goal.start), x(goal.end)
        rect = tag("rect", x=x1, y=min(y1, y2), width=x2 - x1, height=abs(y2 - y1), **HOLD)
        return tag("g", title + rect, class_="goal hold")
    px = x(goal.start)
    if goal.low is not None and goal.high is not None and goal.low != goal.high:
        y1, y2 = sorted((y(goal.low), y(goal.high)))
        labels.block(px - 5, y1, px + 5, y2)
        text = f"{short(goal.low)}–{short(goal.high)}"
        labels.add(text, GOAL, px, (y1 + y2) / 2, gap=9, dys=(0, y1 - y2 - 10, y2 - y1 + 10))
        rect = tag("rect", x=px - 4, y=y1, width=8, height=y2 - y1, rx=2, **BAND)
        return tag("g", title + rect, class_="goal band")
    level = goal.low if goal.low is not None else goal.high
    if level is None:
        return ""
    py = y(level)
    if plot.chart.invert:
        text = f"top {format_number(level, 3)}"
    else:
        text = f"{'≥' if goal.low is not None else '≤'} {short(level)}"
    labels.block(px - 10, py - 3, px + 10, py + 3)
    labels.add(text, GOAL, px, py, gap=13, dys=(0, -13, 13, -26, 26))
    guide = tag("line", x1=x.start, x2=x.stop, y1=py, y2=py, **GUIDE)
    tick = tag("line", class_="tick", x1=px - 9, x2=px + 9, y1=py, y2=py, **TICK)
    return tag("g", title + guide + tick, class_="goal level")


def marker(kind: str, px: float, py: float, colour: str) -> str:
    """Filled circle for an actual, hollow for an estimate or derived, diamond for a forecast."""
    if kind == "forecast":
        x, y, r = _num(px), _num(py), 4.6
        d = f"M{x} {_num(py - r)}L{_num(px + r)} {y}L{x} {_num(py + r)}L{_num(px - r)} {y}Z"
        return tag("path", d=d, fill="#fff", stroke=colour, stroke_width=1.5)
    fill = "#fff" if kind in {"estimate", "derived"} else colour
    return tag("circle", cx=px, cy=py, r=3.6, fill=fill, stroke=colour, stroke_width=1.5)


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
        left, right, top, bottom = _num(px - 3), _num(px + 3), _num(y1), _num(y2)
        d = f"M{_num(px)} {top}V{bottom}M{left} {top}H{right}M{left} {bottom}H{right}"
        bar = tag("path", d=d, stroke=colour, stroke_width=1.8, fill="none")
    mark = marker(point.kind, px, (y1 + y2) / 2, colour)
    return tag("g", tag("title", escape(tip)) + bar + mark, class_=classes)


def _reach(plot: _Plot, reach: tuple[float, float], colour: str) -> str:
    """The dot where the trend meets the target, labelled 'reaches 100,000 in 2031'."""
    time, value = reach
    px, py = plot.x(time), plot.y(value)
    shown = f"rank {format_number(value, 3)}" if plot.chart.invert else format_number(value, 4)
    text = f"reaches {shown} in {reach_label(time)}"
    plot.labels.block(px - 6, py - 6, px + 6, py + 6)
    plot.labels.add(text, colour, px, py, gap=8, dys=(-13, 13, -26, 26, -39, 39))
    dot = tag("circle", cx=px, cy=py, r=5, fill=colour, stroke="#fff", stroke_width=2)
    return tag("g", tag("title", escape(text)) + dot, class_="reach")


KEY = (
    ("actual", "reported"),
    ("estimate", "estimate or derived"),
    ("forecast", "forecast"),
    ("unused", "set aside"),
    ("trajectory", "promised path"),
    ("trend", "trend"),
    ("goal", "target"),
    ("reach", "trend meets target"),
    ("scenario", "what-if"),
)


def key_svg(colour: str = INK) -> str:
    """One line of symbols that explains every chart in a report, drawn as the charts are."""
    parts, at = [], 4.0
    for kind, text in KEY:
        px = at + 10
        if kind in {"actual", "estimate", "forecast", "unused"}:
            ink = UNUSED if kind == "unused" else INK
            symbol = marker("actual" if kind == "unused" else kind, px, 10, ink)
        elif kind == "goal":
            symbol = tag("line", x1=px - 8, x2=px + 8, y1=10, y2=10, **TICK)
        elif kind == "reach":
            symbol = tag("circle", cx=px, cy=10, r=5, fill=colour)
        else:
            symbol = tag("line", x1=px - 10, x2=px + 10, y1=10, y2=10, **_style(kind, colour))
        parts.append(tag("g", symbol + _text(text, at + 26, 10, fill=MUTED), class_=f"key {kind}"))
        at += 26 + len(text) * 5.9 + 14
    size = {"viewBox": f"0 0 {at:.0f} 20", "width": f"{at:.0f}", "height": 20}
    return tag("svg", "".join(parts), class_="targets-key", aria_label="chart key", **size, **SVG)
