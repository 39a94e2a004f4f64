"""Notebook charts (matplotlib, the ``notebook`` extra): one target, or every target at once.

Both draw the plain `targets._chart.Chart` data, the same data the HTML report renders as
SVG, so a chart never disagrees with the report. Status colours are the badge colours of
`targets._repr`, so the notebook's tables and charts agree too. Figures are made with
``plt.subplots`` and closed again before they are returned: Jupyter then shows the returned
figure once, and nothing accumulates in pyplot's state.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from targets._chart import MAX_EXTENSION, Chart, Point
from targets._frame import require
from targets._render_text import compact, reach_cell, status_words
from targets._repr import BADGE_COLOURS
from targets.engine import Status, format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from targets._report import Report
    from targets._result import TargetResult

INK = "#37474f"
"""History: the figures and the line through them."""
PROMISE = "#90a4ae"
"""The promised path and the deadline: context, so quieter than the figures."""
GOAL = "#212121"
SCENARIO_COLOURS = ("#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#c2185b")

KINDS: dict[str, dict[str, Any]] = {
    "actual": {"marker": "o", "markerfacecolor": INK},
    "count": {"marker": "o", "markerfacecolor": INK},
    "estimate": {"marker": "o", "markerfacecolor": "white"},
    "derived": {"marker": "D", "markerfacecolor": "white", "markersize_scale": 0.8},
    "forecast": {"marker": "o", "markerfacecolor": "white", "markeredgecolor": "#7986cb"},
}
"""Marker per figure kind: actuals solid; estimates, derived values and forecasts hollow."""


def ink(status: Status | str) -> str:
    """The status's strong colour (text, frames, trend)."""
    return BADGE_COLOURS[Status(status)][0]


def paper(status: Status | str) -> str:
    """The status's light colour (badges, panel backgrounds)."""
    return BADGE_COLOURS[Status(status)][1]


def plot_result(
    result: TargetResult,
    *,
    scenarios: Sequence[float] = (),
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9.0, 5.0),
    legend: bool = True,
) -> Figure:
    """One target's chart: history, promised path, trend, target, deadline, reach, scenarios.

    `scenarios` are growth rates a year (0.12 for 12 %; places a year for ranks), drawn beside
    the trend. Draws into `ax` when given (its figure is returned), else into a new figure.
    """
    plt = require("matplotlib.pyplot")
    chart = result.chart(scenarios=scenarios)
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
        plt.close(fig)
    draw(ax, chart, reason=result.reason)
    ax.set_title(textwrap.fill(chart.title, 60), loc="left", fontsize=11, fontweight="bold")
    ax.set_title(status_words(chart.status), loc="right", color=ink(chart.status), fontsize=11)
    if legend:
        _legend(ax)
    figure: Figure = ax.get_figure(root=True)  # type: ignore[assignment]
    return figure


def draw(ax: Axes, chart: Chart, *, reason: str | None = None, small: bool = False) -> None:
    """Every element of `chart` on `ax`; `small` leaves out the annotations (small multiples)."""
    colour = ink(chart.status)
    if chart.deadline is not None:
        ax.axvline(chart.deadline, color=PROMISE, lw=1, zorder=0, gid="deadline", label="deadline")
    _goals(ax, chart, small=small)
    if chart.trajectory:
        xs, ys = zip(*chart.trajectory, strict=True)
        ax.plot(xs, ys, ls="--", lw=1.2, color=PROMISE, gid="trajectory", label="promised path")
    _history(ax, chart.points, small=small)
    if chart.trend:
        xs, ys = zip(*chart.trend, strict=True)
        ax.plot(xs, ys, ls=":", lw=2.2, color=colour, gid="trend", label="trend")
    for number, scenario in enumerate(chart.scenarios):
        xs, ys = zip(*scenario.path, strict=True)
        ax.plot(
            xs,
            ys,
            lw=1.2,
            color=SCENARIO_COLOURS[number % len(SCENARIO_COLOURS)],
            gid=f"scenario:{scenario.growth:g}",
            label=scenario.label,
        )
    if chart.reach is not None:
        _reach(ax, chart, colour, small=small)
    if not chart.points and not small:
        note = f"not assessable: {reason}" if reason else "no figures"
        ax.text(0.5, 0.5, textwrap.fill(note, 50), transform=ax.transAxes, ha="center",
                va="center", color=ink(Status.NOT_ASSESSABLE), gid="reason")  # fmt: skip
    _axes(ax, chart, small=small)


def _history(ax: Axes, points: Sequence[Point], *, small: bool) -> None:
    """Markers per kind (faint when set aside), a solid line through the figures used, a
    dashed one through the forecasts, and a vertical bar for every range."""
    size = 4.0 if small else 6.5
    unused_labelled = False
    for kind in sorted({p.kind for p in points}, key=lambda k: list(KINDS).index(k)):
        style = dict(KINDS.get(kind, KINDS["actual"]))
        scale = style.pop("markersize_scale", 1.0)
        style.setdefault("markeredgecolor", INK)
        for used in (True, False):
            chosen = [p for p in points if p.kind == kind and p.used is used]
            if not chosen:
                continue
            label = kind if used else ("_nolegend_" if unused_labelled else "not used")
            unused_labelled = unused_labelled or not used
            ax.plot(
                [p.time for p in chosen],
                [_mid(p) for p in chosen],
                ls="none",
                markersize=size * scale,
                markeredgewidth=1.3,
                alpha=1.0 if used else 0.3,
                zorder=4 if used else 3,
                gid=f"points:{kind}" if used else f"points:{kind}:unused",
                label=label,
                **style,
            )
    ranges = [p for p in points if p.low != p.high]
    if ranges:
        ax.vlines(
            [p.time for p in ranges],
            [p.low for p in ranges],
            [p.high for p in ranges],
            colors=INK,
            lw=1.5,
            alpha=[1.0 if p.used else 0.3 for p in ranges],
            gid="ranges",
            zorder=3,
        )
    history = sorted((p for p in points if p.used and p.kind != "forecast"), key=_key)
    if history:
        ax.plot([p.time for p in history], [_mid(p) for p in history], color=INK, lw=1.5,
                zorder=2, gid="history")  # fmt: skip
    forecasts = sorted((p for p in points if p.used and p.kind == "forecast"), key=_key)
    if forecasts:
        before = [p for p in history if p.time < forecasts[0].time]
        line = before[-1:] + forecasts
        ax.plot([p.time for p in line], [_mid(p) for p in line], color="#7986cb", lw=1.3,
                ls="--", zorder=2, gid="forecast-line")  # fmt: skip


def _key(point: Point) -> float:
    return point.time


def _mid(point: Point) -> float:
    return (point.low + point.high) / 2


def _goals(ax: Axes, chart: Chart, *, small: bool) -> None:
    """Levels as a star at their date on a faint line, bands as a bar and a shaded span,
    a band held over a period as a shaded rectangle; the last goal is the target."""
    if not chart.goals:
        return
    last = max(chart.goals, key=lambda g: g.end)
    levels: dict[str, list[tuple[float, float]]] = {"target": [], "milestone": []}
    for goal in chart.goals:
        gid = "target" if goal is last else "milestone"
        bounds = [v for v in (goal.low, goal.high) if v is not None]
        if goal.start < goal.end:
            low, high = (goal.low, goal.high) if len(bounds) == 2 else (bounds[0], bounds[0])
            ax.fill_between([goal.start, goal.end], [low, low], [high, high], color=GOAL,
                            alpha=0.15, lw=1.5, gid=gid, label="target")  # fmt: skip
        elif len(bounds) == 2:
            ax.axhspan(bounds[0], bounds[1], color=GOAL, alpha=0.06, lw=0, zorder=0)
            ax.vlines([goal.end], [bounds[0]], [bounds[1]], colors=GOAL, lw=6, alpha=0.7,
                      gid=gid, label="target", zorder=5)  # fmt: skip
        elif bounds:
            ax.axhline(bounds[0], color=GOAL, lw=0.8, ls=(0, (1, 3)), alpha=0.6, zorder=0)
            levels[gid].append((goal.end, bounds[0]))
        if not small and bounds:
            text = goal.label if goal.start == goal.end and len(chart.goals) > 1 else ""
            text = f"{' to '.join(format_number(b) for b in bounds)}" + (f" ({text})" * bool(text))
            ax.annotate(text, (goal.end, max(bounds) if chart.invert else max(bounds)),
                        xytext=(8, 6), textcoords="offset points", fontsize=8.5,
                        color=GOAL, gid=f"{gid}-label")  # fmt: skip
    for gid, spots in levels.items():
        if spots:
            xs, ys = zip(*spots, strict=True)
            ax.plot(xs, ys, ls="none", marker="*", markersize=9 if small else 15, color=GOAL,
                    markeredgecolor="white", zorder=6, gid=gid,
                    label="target" if gid == "target" else "milestone")  # fmt: skip


def _reach(ax: Axes, chart: Chart, colour: str, *, small: bool) -> None:
    """A ring where the trend meets the target, and the year it does in words."""
    assert chart.reach is not None
    year, value = chart.reach
    ax.plot([year], [value], ls="none", marker="o", markersize=6 if small else 10,
            markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2, zorder=7,
            gid="reach", label="trend meets the target")  # fmt: skip
    if not small:
        words = f"trend reaches {format_number(value)} in {math.ceil(year - 1e-9)}"
        ax.annotate(words, (year, value), xytext=(0, -18 if not chart.invert else 14),
                    textcoords="offset points", ha="center", fontsize=8.5, color=colour,
                    fontweight="bold", gid="reach-label")  # fmt: skip


def _axes(ax: Axes, chart: Chart, *, small: bool) -> None:
    """Limits that show everything except runaway scenario tails; ranks with 1 at the top."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    times = [p.time for p in chart.points] + [t for t, _ in chart.trajectory + chart.trend]
    times += [g.start for g in chart.goals] + [g.end for g in chart.goals]
    times += [chart.deadline] if chart.deadline is not None else []
    if times:
        cap = max(times) + MAX_EXTENSION
        times += [t for s in chart.scenarios for t, _ in s.path if t <= cap]
        left, right = min(times), max(times)
        pad = max(0.5, (right - left) * 0.04)
        ax.set_xlim(left - pad, right + pad * (1 if small else 2.5))
    values = [v for v in chart.values if math.isfinite(v)]
    if values:
        low, high = min(values), max(values)
        if chart.invert:
            low = max(low, 1.0)
        pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
        bottom, top = low - pad, high + pad
        if chart.invert:
            ax.set_ylim(top, max(bottom, 0.0))
        else:
            ax.set_ylim(bottom, top)
    elif chart.invert:
        ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if small else 8, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4 if small else 6, integer=chart.invert))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v, 7, 3)))
    ax.tick_params(labelsize=7 if small else 9)
    if not small:
        unit = "rank (1 = best)" if chart.invert else chart.unit
        ax.set_ylabel(unit, fontsize=9)
        ax.grid(axis="y", color="#eceff1", lw=0.8)
        ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(small)


def _legend(ax: Axes) -> None:
    """One entry per label (figures set aside share one), below the plot."""
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncols=min(len(unique), 5), fontsize=8.5, frameon=False)  # fmt: skip


def plot_report(
    report: Report,
    *,
    columns: int = 4,
    order: str = "status",
    panel: tuple[float, float] = (3.4, 2.5),
) -> Figure:
    """Small multiples of every target, each panel framed and its trend coloured by status.

    `order` "status" puts the worst first (as `targets check` prints them), "rules" keeps the
    rules' order. Not-assessable targets get an empty panel that says why.
    """
    from matplotlib.patches import Patch  # noqa: PLC0415

    from targets._report import STATUS_ORDER  # noqa: PLC0415

    plt = require("matplotlib.pyplot")
    if order not in {"status", "rules"}:
        raise ValueError(f"order must be 'status' or 'rules', not {order!r}")
    results = list(report)
    if order == "status":
        worst_first = [*reversed(STATUS_ORDER[:-1]), Status.NOT_ASSESSABLE]
        results.sort(key=lambda r: worst_first.index(r.status))
    columns = max(1, min(columns, len(results) or 1))
    rows = max(1, math.ceil(len(results) / columns))
    fig, grid = plt.subplots(rows, columns, figsize=(panel[0] * columns, panel[1] * rows + 0.9),
                             layout="constrained", squeeze=False)  # fmt: skip
    plt.close(fig)
    axes = list(grid.flat)
    for ax in axes[len(results) :]:
        fig.delaxes(ax)
    for ax, result in zip(axes, results, strict=False):
        _panel(ax, result)
    counts = report.summary
    handles = [
        Patch(facecolor=paper(s), edgecolor=ink(s), label=f"{status_words(s)} ({counts[s]})")
        for s in (*reversed(STATUS_ORDER[:-1]), Status.NOT_ASSESSABLE)
        if counts[s.value]
    ]
    fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), frameon=False,
               fontsize=9)  # fmt: skip
    fig.suptitle(f"{report.programme.info.name}: {len(report)} targets", fontsize=12,
                 fontweight="bold")  # fmt: skip
    return fig


def _panel(ax: Axes, result: TargetResult) -> None:
    """One small multiple: the chart without annotations, framed in the status colour."""
    from matplotlib.colors import to_rgba  # noqa: PLC0415

    status = result.status
    ax.set_gid(f"panel:{result.id}")
    ax.set_facecolor(to_rgba(paper(status), 0.35))
    for spine in ax.spines.values():
        spine.set_edgecolor(ink(status))
        spine.set_linewidth(1.6)
    ax.set_title(textwrap.shorten(result.id, 34), loc="left", fontsize=8.5, fontweight="bold")
    ax.set_title(status_words(status), loc="right", fontsize=8, color=ink(status))
    if status is Status.NOT_ASSESSABLE:
        ax.set_xticks([])
        ax.set_yticks([])
        reason = result.reason or "no figures"
        ax.text(0.5, 0.5, textwrap.fill(reason, 34), transform=ax.transAxes, ha="center",
                va="center", fontsize=7.5, color=ink(status), gid="reason")  # fmt: skip
        return
    draw(ax, result.chart(), reason=result.reason, small=True)
    ax.set_xlabel(_caption(result), fontsize=7, color=ink(status))


def _caption(result: TargetResult) -> str:
    """Under a panel: the goal, and when the trend reaches it."""
    reach = reach_cell(result)
    tail = {"met": "met", "-": "", "never": "trend never reaches it"}.get(
        reach, f"trend reaches it {reach}"
    )
    return textwrap.shorten(result.goal, 44) + (f"\n{tail}" if tail else "")
