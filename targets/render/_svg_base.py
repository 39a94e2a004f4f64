"""The SVG charts' primitives: colours, sizes, escaped elements, markers and line styles.

Shared by the chart (`targets.render._svg`) and its key (`targets.render._svg_key`), so a
key's symbol is drawn exactly as the chart draws the mark it explains.
"""

from __future__ import annotations

import html
import math

from targets._safe import NOT_XML

__all__ = [
    "BAND",
    "CHANCE",
    "CHAR",
    "EMPTY",
    "FONT",
    "GOAL",
    "GRID",
    "GUIDE",
    "HALO",
    "HOLD",
    "INK",
    "KEY_ROW",
    "MARGIN",
    "MUTED",
    "PAPER",
    "PATH",
    "ROUND",
    "SCENARIO",
    "SVG",
    "TICK",
    "UNUSED",
    "escape",
    "goal_marker",
    "line_style",
    "marker",
    "num",
    "tag",
    "text",
]


FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif"
INK, MUTED, GRID, GOAL = "#263238", "#546e7a", "#eceff1", "#37474f"
"""Text and marks; MUTED (tick labels, notes) is 5.4:1 on the white background (WCAG AA)."""
UNUSED = "#b0bec5"  # figures set aside: drawn, but faint
PATH = "#90a4ae"  # the promised trajectory
SCENARIO = "#3f51b5"
PAPER = "#ffffff"
"""The chart's own background: opaque, so the chart reads the same on a dark notebook."""
CHAR = 7.0
"""Rough width of a (bold) character at the chart's font size, for placing labels."""
MARGIN = (24.0, 16.0, 24.0, 54.0)
"""Top, right, bottom, left."""
KEY_ROW = 20.0
"""Height of a row of the chart's own key, under the axis."""
SVG = {"xmlns": "http://www.w3.org/2000/svg", "role": "img", "font_family": FONT, "font_size": 12}


def escape(value: str) -> str:
    """Text for markup that is both HTML and XML: escaped, quotes too, and any character
    XML forbids (control characters) replaced by U+FFFD so a parser never fails on it.
    Line breaks are written as references, so no input text starts a line of the file (CI
    runners execute lines that start with ``::``)."""
    text = html.escape(NOT_XML.sub("\ufffd", value), quote=True)
    return text.replace("\n", "&#10;").replace("\r", "&#13;")


def num(x: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    return f"{x:.1f}"


def _value(value: object) -> str:
    return num(value) if isinstance(value, float) else escape(str(value))


def tag(name: str, body: str = "", /, **attrs: object) -> str:
    """One element: ``stroke_width=1.5`` is written ``stroke-width="1.5"``, ``class_`` is
    ``class``, floats get one decimal, None leaves the attribute out, text is escaped."""
    written = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{_value(v)}"'
        for k, v in attrs.items()
        if v is not None
    )
    return f"<{name}{written}>{body}</{name}>" if body else f"<{name}{written}/>"


HALO = {"font_weight": 600, "paint_order": "stroke", "stroke": PAPER, "stroke_width": 3}
"""A label's white outline, so it stays legible over lines and grid."""
HOLD = {"fill": PATH, "fill_opacity": 0.18, "stroke": PATH, "stroke_dasharray": "3 3"}
CHANCE = {"fill_opacity": "0.14", "stroke": "none"}
"""The project's chance band: the status's ink, faint, under the trend (`fill` is the ink)."""
BAND = {"fill": GOAL, "fill_opacity": 0.15, "stroke": GOAL, "stroke_width": 1.5}
GUIDE = {"stroke": GOAL, "stroke_opacity": 0.25, "stroke_dasharray": "1 3"}
TICK = {"stroke": GOAL, "stroke_width": 3, "stroke_linecap": "round"}
EMPTY = {"fill": "#fafbfc", "stroke": UNUSED, "stroke_dasharray": "4 4"}
ROUND = {"fill": "none", "stroke_linejoin": "round", "stroke_linecap": "round"}


def text(words: str, x: float, y: float, anchor: str = "start", **attrs: object) -> str:
    """A <text> centred vertically on `y`."""
    return tag("text", escape(words), x=x, y=y, dy="0.32em", text_anchor=anchor, **attrs)


def line_style(kind: str, colour: str) -> dict[str, object]:
    """Stroke of a line kind, shared with the report's key."""
    return {
        "trajectory": {"stroke": PATH, "stroke_width": 1.5, "stroke_dasharray": "6 4"},
        "trend": {"stroke": colour, "stroke_width": 2.2},
        "scenario": {"stroke": SCENARIO, "stroke_width": 1.3, "stroke_dasharray": "1.5 3"},
    }[kind]


def marker(kind: str, px: float, py: float, colour: str) -> str:
    """Filled circle for an actual, hollow for an estimate or derived, diamond for a forecast."""
    if kind == "forecast":
        x, y, r = num(px), num(py), 4.6
        d = f"M{x} {num(py - r)}L{num(px + r)} {y}L{x} {num(py + r)}L{num(px - r)} {y}Z"
        return tag("path", d=d, fill=PAPER, stroke=colour, stroke_width=1.5)
    fill = PAPER if kind in {"estimate", "derived"} else colour
    return tag("circle", cx=px, cy=py, r=3.6, fill=fill, stroke=colour, stroke_width=1.5)


def goal_marker(px: float, py: float, *, final: bool, colour: str = GOAL) -> str:
    """The target itself as a filled star; a milestone on the way as a hollow triangle."""
    if final:
        points = []
        for i in range(10):
            radius = 7.0 if i % 2 == 0 else 3.0
            angle = math.pi / 2 + i * math.pi / 5
            points.append(
                f"{num(px + radius * math.cos(angle))},{num(py - radius * math.sin(angle))}"
            )
        return tag("polygon", points=" ".join(points), fill=colour, stroke=PAPER, stroke_width=1)
    d = f"M{num(px)} {num(py - 6)}L{num(px + 6)} {num(py + 4.5)}L{num(px - 6)} {num(py + 4.5)}Z"
    return tag("path", d=d, fill=PAPER, stroke=colour, stroke_width=1.8)
