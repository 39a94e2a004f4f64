"""Notebook charts (matplotlib, the ``notebook`` extra): one target (every target at once:
`targets.notebook._multiples`).

Both draw the plain `targets.render._chart.Chart` data, the same data the HTML report renders as
SVG, so a chart never disagrees with the report. Status colours are the badge colours of
`targets.notebook._repr`, so the notebook's tables and charts agree too. Figures are made with
``plt.subplots`` and closed again before they are returned: Jupyter then shows the returned
figure exactly once, and nothing piles up in pyplot's state.

Every text is drawn as written: names, goals, entities and reasons come from input files, and
matplotlib would read ``$...$`` in them as mathematics (``From $5bn to $10bn`` lost its dollars
and spaces, ``$\\frac{$`` made the figure fail to draw).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from targets._extras import require
from targets.engine import Status, format_number
from targets.render import (
    BADGE_COLOURS,
    MAX_EXTENSION,
    Chart,
    Point,
    compact,
    status_words,
    value_label,
)
from targets.rules import quantity

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from targets.judge import TargetResult
    from targets.judge._whatif import Rates

__all__ = [
    "FORECAST",
    "GOAL",
    "INK",
    "KINDS",
    "LEGEND_ORDER",
    "PROMISE",
    "SCENARIO_COLOURS",
    "as_written",
    "draw",
    "inches",
    "ink",
    "note",
    "paper",
    "plot_result",
    "texts",
]


INK = "#37474f"
"""History: the figures and the line through them."""
FORECAST = "#7986cb"
PROMISE = "#90a4ae"
"""The promised path and the deadline: context, so quieter than the figures."""
GOAL = "#212121"
SCENARIO_COLOURS = ("#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#c2185b")

KINDS: dict[str, dict[str, Any]] = {
    "actual": {"marker": "o", "markerfacecolor": INK},
    "count": {"marker": "o", "markerfacecolor": INK},
    "estimate": {"marker": "o", "markerfacecolor": "white"},
    "derived": {"marker": "D", "markerfacecolor": "white", "scale": 0.8},
    "forecast": {"marker": "o", "markerfacecolor": "white", "markeredgecolor": FORECAST},
}
"""Marker per figure kind: actuals solid; estimates, derived values and forecasts hollow."""

LEGEND_ORDER = (*KINDS, "not used", "promised path", "milestone", "target", "deadline", "trend")
LEGEND_ORDER += ("project's chance band",)


def ink(status: Status | str) -> str:
    """The status's strong colour (text, frames, trend)."""
    return BADGE_COLOURS[Status(status)][0]


def paper(status: Status | str) -> str:
    """The status's light colour (badges, panel backgrounds)."""
    return BADGE_COLOURS[Status(status)][1]


def plot_result(
    result: TargetResult,
    *,
    scenarios: Rates = (),
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9.0, 5.0),
    legend: bool = True,
) -> Figure:
    """One target's chart: history, promised path, trend, target, deadline, reach, scenarios.

    `scenarios` are growth rates a year (0.12 for 12 %; places a year for ranks), drawn beside
    the trend. Draws into `ax` when given (and returns its figure), else into a new figure.
    """
    plt = require("matplotlib.pyplot")
    before = texts(ax.figure.figure) if ax is not None else {}
    fig = _plot_result(result, plt, scenarios, ax, figsize, legend=legend)
    as_written(fig, before)
    return fig


def texts(fig: Figure) -> dict[Text, str]:
    """Every text `fig` holds and what it says (to tell them from the texts drawn next)."""
    from matplotlib.text import Text  # noqa: PLC0415

    return {text: text.get_text() for text in fig.findobj(Text)}


def as_written(fig: Figure, before: Mapping[Text, str]) -> None:
    """Every text of `fig` but those `before`, as they were, drawn as written, never read as
    mathematics (see the module): a text drawn next, or one `before` written anew (the
    titles of the caller's axes exist, empty, before the chart sets them). Texts only: an
    rc_context around the drawing hid a figure of the caller's own (``plot(ax=...)``) from
    Jupyter's inline display."""
    from matplotlib.text import Text  # noqa: PLC0415

    for text in fig.findobj(Text):
        if before.get(text) != text.get_text():
            text.set_parse_math(False)


def _plot_result(
    result: TargetResult,
    plt: Any,
    scenarios: Rates,
    ax: Axes | None,
    figsize: tuple[float, float],
    *,
    legend: bool,
) -> Figure:
    """`plot_result`, every text as matplotlib reads it."""
    chart = result.chart(scenarios=scenarios)
    rate = result.rate_chart() if ax is None else None
    if ax is None and rate is not None:  # a growth-rate target: its rate beside its levels
        fig, (ax, beside) = plt.subplots(
            1, 2, figsize=(figsize[0] * 1.6, figsize[1]), layout="constrained"
        )
        plt.close(fig)
        draw(beside, rate, reason=result.reason)
        beside.set_title("growth a year: achieved and required", loc="left", fontsize=10)
        if legend:
            _legend(beside)
    elif ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
        plt.close(fig)
    draw(ax, chart, reason=result.reason)
    title = f"{result.entity}: {chart.title}" if result.entity is not None else chart.title
    status = status_words(chart.status)
    room = min(72, max(24, round(inches(ax) * 11) - len(status) - 4))
    ax.set_title(textwrap.fill(title, room), loc="left", fontsize=11, fontweight="bold")
    ax.set_title(status, loc="right", color=ink(chart.status), fontsize=11)
    if legend:
        _legend(ax)
    return ax.figure.figure  # the root figure, also when `ax` is in a subfigure


def draw(ax: Axes, chart: Chart, *, reason: str | None = None, small: bool = False) -> None:
    """Every element of `chart` on `ax`; `small` leaves out the words (small multiples)."""
    colour = ink(chart.status)
    if chart.deadline is not None:
        ax.axvline(chart.deadline, color=PROMISE, lw=1, zorder=1, gid="deadline", label="deadline")
    _goals(ax, chart, small=small)
    if chart.trajectory:
        xs, ys = zip(*chart.trajectory, strict=True)
        ax.plot(xs, ys, ls="--", lw=1.2, color=PROMISE, gid="trajectory", label="promised path")
    if len(chart.band) > 1:  # the project's reading, under the figures; the axes clip it
        ts, lows, highs = zip(*chart.band, strict=True)
        label = "project's chance band"
        ax.fill_between(
            ts, lows, highs, color=colour, alpha=0.14, lw=0, gid="chance-band", label=label
        )
    _history(ax, chart.points, small=small)
    if chart.trend:
        xs, ys = zip(*chart.trend, strict=True)
        ax.plot(xs, ys, ls=":", lw=2.2, color=colour, gid="trend", label="trend")
    for number, scenario in enumerate(chart.scenarios):
        xs, ys = zip(*scenario.path, strict=True)
        line = SCENARIO_COLOURS[number % len(SCENARIO_COLOURS)]
        gid = f"scenario:{scenario.growth:g}"
        ax.plot(xs, ys, lw=1.2, color=line, gid=gid, label=scenario.label)
    if chart.reach is not None:
        _reach(ax, chart, colour, small=small)
    if not small and (not chart.points or chart.status == Status.NOT_ASSESSABLE):
        words = f"not assessable: {reason}" if reason else "no figures"
        note(ax, words, 50, corner=bool(chart.points))
    _axes(ax, chart, small=small)


def note(ax: Axes, text: str, width: int, size: float = 10, *, corner: bool = False) -> None:
    """Why the target is not judged: in the middle, or in a corner when figures are drawn."""
    x, y, ha, va = (0.98, 0.04, "right", "bottom") if corner else (0.5, 0.5, "center", "center")
    ax.text(x, y, textwrap.fill(text, width), transform=ax.transAxes, ha=ha, va=va,
            fontsize=size, color=ink(Status.NOT_ASSESSABLE), gid="reason")  # fmt: skip


def _history(ax: Axes, points: Sequence[Point], *, small: bool) -> None:
    """Markers per kind (faint when set aside), a solid line through the figures used, a
    dashed one through the forecasts, and a vertical bar for every range."""
    size = 4.0 if small else 6.5
    unused_labelled = False
    order = {kind: number for number, kind in enumerate(KINDS)}
    for kind in sorted({p.kind for p in points}, key=lambda k: order.get(k, len(order))):
        style = dict(KINDS.get(kind, KINDS["actual"]))
        scale = style.pop("scale", 1.0)
        style.setdefault("markeredgecolor", INK)
        for used in (True, False):
            chosen = [p for p in points if p.kind == kind and p.used is used]
            if not chosen:
                continue
            label = kind if used else ("_nolegend_" if unused_labelled else "not used")
            unused_labelled = unused_labelled or not used
            xs, ys = [p.time for p in chosen], [_mid(p) for p in chosen]
            gid = f"points:{kind}" if used else f"points:{kind}:unused"
            ax.plot(xs, ys, ls="none", markersize=size * scale, markeredgewidth=1.3,
                    alpha=1.0 if used else 0.3, zorder=4 if used else 3, gid=gid, label=label,
                    **style)  # fmt: skip
    ranges = [p for p in points if p.low != p.high]
    if ranges:
        alpha = [1.0 if p.used else 0.3 for p in ranges]
        ax.vlines([p.time for p in ranges], [p.low for p in ranges], [p.high for p in ranges],
                  colors=INK, lw=1.5, alpha=alpha, gid="ranges", zorder=3)  # fmt: skip
    history = sorted((p for p in points if p.used and p.kind != "forecast"), key=_time)
    if history:
        xs, ys = [p.time for p in history], [_mid(p) for p in history]
        ax.plot(xs, ys, color=INK, lw=1.5, zorder=2, gid="history")
    forecasts = sorted((p for p in points if p.used and p.kind == "forecast"), key=_time)
    if forecasts:
        line = [p for p in history if p.time < forecasts[0].time][-1:] + forecasts
        xs, ys = [p.time for p in line], [_mid(p) for p in line]
        ax.plot(xs, ys, color=FORECAST, lw=1.3, ls="--", zorder=2, gid="forecast-line")


def _time(point: Point) -> float:
    return point.time


def _mid(point: Point) -> float:
    return (point.low + point.high) / 2


def _year(time: float) -> str:
    return str(int(time)) if float(time).is_integer() else f"{time:.2f}"


def _goals(ax: Axes, chart: Chart, *, small: bool) -> None:
    """Levels at their date on a faint line (the target a filled star, a milestone a hollow
    triangle), bands as a bar and a shaded span, a band held over a period as a shaded
    rectangle; the last goal is the target. Labels carry the unit."""
    if not chart.goals:
        return
    last = max(chart.goals, key=lambda g: g.end)
    stars: dict[str, list[tuple[float, float]]] = {"target": [], "milestone": []}
    for goal in chart.goals:
        gid = "target" if goal is last else "milestone"
        bounds = [v for v in (goal.low, goal.high) if v is not None]
        if not bounds:
            continue
        if goal.start < goal.end:
            low, high = [bounds[0]] * 2, [bounds[-1]] * 2
            ax.fill_between([goal.start, goal.end], low, high, color=GOAL, alpha=0.12, lw=1.5,
                            gid=gid, label="target")  # fmt: skip
        elif len(bounds) == 2:
            ax.axhspan(bounds[0], bounds[1], color=GOAL, alpha=0.06, lw=0, zorder=0)
            ax.vlines([goal.end], [bounds[0]], [bounds[1]], colors=GOAL, lw=6, alpha=0.7,
                      gid=gid, label="target", zorder=5)  # fmt: skip
        else:
            ax.axhline(bounds[0], color=GOAL, lw=0.8, ls=(0, (1, 3)), alpha=0.6, zorder=1)
            stars[gid].append((goal.end, bounds[0]))
        if small:
            continue
        words = " to ".join(value_label(b, chart.unit, invert=chart.invert) for b in bounds)
        text = goal.label if goal.start < goal.end else f"{words} by {_year(goal.end)}"
        # The label goes on the side away from the reach marker, so the two never collide.
        right = chart.reach is not None and chart.reach[0] <= goal.end
        ax.annotate(text, (goal.end, max(bounds)), xytext=(8 if right else -8, 6),
                    textcoords="offset points", ha="left" if right else "right", fontsize=8.5,
                    color=GOAL, gid=f"{gid}-label")  # fmt: skip
    for gid, spots in stars.items():
        if spots:
            xs, ys = zip(*spots, strict=True)
            final = gid == "target"
            ax.plot(xs, ys, ls="none", marker="*" if final else "^",
                    markersize=(11 if small else 15) if final else (7 if small else 10),
                    color=GOAL, markerfacecolor=GOAL if final else "white",
                    markeredgecolor="white" if final else GOAL, markeredgewidth=1.5,
                    zorder=6, gid=gid, label=gid)  # fmt: skip


def _reach(ax: Axes, chart: Chart, colour: str, *, small: bool) -> None:
    """A ring where the trend meets the target, and the year it does in words."""
    assert chart.reach is not None
    year, value = chart.reach
    ax.plot([year], [value], ls="none", marker="o", markersize=6 if small else 10,
            markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2, zorder=7,
            gid="reach", label="trend meets the target")  # fmt: skip
    if small:
        return
    # Left of the marker when it is before the deadline; else right, where `_axes` makes room.
    before = chart.deadline is None or year <= chart.deadline
    level = f"rank {format_number(value)}" if chart.invert else quantity(value, chart.unit)
    words = f"trend reaches{' ' if before else chr(10)}{level} in "
    words += str(math.ceil(year - 1e-9))
    ax.annotate(words, (year, value), xytext=(-10, 8) if before else (10, 0),
                textcoords="offset points", ha="right" if before else "left",
                va="baseline" if before else "center", fontsize=8.5, color=colour,
                fontweight="bold", gid="reach-label")  # fmt: skip


def _axes(ax: Axes, chart: Chart, *, small: bool) -> None:
    """Limits that show everything but runaway scenario tails; ranks with 1 at the top."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    times = [p.time for p in chart.points] + [t for t, _ in chart.trajectory + chart.trend]
    times += [g.start for g in chart.goals] + [g.end for g in chart.goals]
    times += [chart.deadline] if chart.deadline is not None else []
    if times:
        cap = max(times) + MAX_EXTENSION
        times += [t for s in chart.scenarios for t, _ in s.path if t <= cap]
        left, right = min(times), max(times)
        pad = max(0.5, (right - left) * 0.05)
        # Room on the right for the words beside the reach marker or the target's star.
        reach = chart.reach
        room = 0.0 if small or reach is None else 0.1
        room += 0.06 if room and reach and reach[0] > (chart.deadline or reach[0]) else 0.0
        ax.set_xlim(left - pad, right + pad + (right - left) * room)
    values = [v for v in chart.values if math.isfinite(v)]
    if values:
        low, high = min(values), max(values)
        low = max(low, 1.0) if chart.invert else low
        pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
        if chart.invert:  # a rank cannot be better than 1
            ax.set_ylim(high + pad, max(low - pad, 0.5))
        else:
            ax.set_ylim(low - pad, high + pad)
    elif chart.invert:
        ax.invert_yaxis()
    steps = [1, 2, 5, 10]
    ax.xaxis.set_major_locator(
        MaxNLocator(4 if small else 8, integer=True, steps=steps, min_n_ticks=1)
    )
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4 if small else 6, steps=steps))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v, 7, 3)))
    ax.tick_params(labelsize=7 if small else 9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(small)
    if not small:
        ax.set_ylabel("rank (1 = best)" if chart.invert else chart.unit, fontsize=9)
        ax.grid(axis="y", color="#eceff1", lw=0.8)
        ax.set_axisbelow(True)


def inches(ax: Axes) -> float:
    """How wide `ax` is: a title or legend drawn into a narrow axes (the caller's own, side by
    side; a small multiple) is wrapped to it rather than to a full figure's width, where it
    ran over its neighbour's. About 11 characters of a title fit an inch."""
    return float(ax.get_window_extent().width) / float(ax.figure.dpi)


def _legend(ax: Axes) -> None:
    """One entry per label (figures set aside share one), in a fixed order, below the plot."""
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    rank = {label: number for number, label in enumerate(LEGEND_ORDER)}
    ordered = sorted(unique, key=lambda label: rank.get(label, len(rank)))
    across = min(len(ordered), 5, max(1, round(inches(ax) / 1.6)))  # about 1.6 inches each
    ax.legend([unique[label] for label in ordered], ordered, loc="upper center",
              bbox_to_anchor=(0.5, -0.1), ncols=across, fontsize=8.5,
              frameon=False)  # fmt: skip
