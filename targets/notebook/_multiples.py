"""Small multiples of every target of a report (matplotlib, the ``notebook`` extra).

Each panel is one target's chart without words (`targets.notebook._plot.draw`), framed and
tinted in its status colour; the figure is closed before it is returned, as `plot_result`'s.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from targets._extras import require
from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.notebook._plot import as_written, draw, ink, note, paper
from targets.render import reach_cell, status_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from targets.judge import Report, TargetResult

__all__ = ["MAX_PANELS", "plot_report"]


MAX_PANELS = 48
"""The most panels `plot_report` draws unless told otherwise: 200 took 50 s to draw into a
figure 126 inches tall, and thousands would not fit a figure at all."""


def plot_report(
    report: Report,
    *,
    columns: int = 4,
    order: str = "status",
    panel: tuple[float, float] = (3.4, 2.5),
    limit: int | None = MAX_PANELS,
) -> Figure:
    """Small multiples of every target, each panel framed and its trend coloured by status.

    `order` "status" puts the worst first (as `targets check` prints them), "rules" keeps the
    rules' order. A not-assessable target gets an empty panel that says why. The first
    `limit` are drawn (None: every one) and the title says how many more there are.
    """
    plt = require("matplotlib.pyplot")  # first: without matplotlib, name the extra
    if order not in {"status", "rules"}:
        raise ValueError(f"order must be 'status' or 'rules', not {order!r}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number of panels, 1 or more, or None: {limit!r}")
    rows = list(range(len(report)))
    if order == "status":  # from the columns: only the results drawn are built
        rank = [WORST_FIRST.index(status) for status in STATUS_CODES]
        codes = report.columns.status.tolist()
        rows.sort(key=lambda row: rank[codes[row]])
    chosen = [report.results[row] for row in rows[:limit]]
    fig = _plot_report(report, chosen, plt, columns, panel)
    as_written(fig, {})
    return fig


def _plot_report(
    report: Report,
    results: list[TargetResult],
    plt: Any,
    columns: int,
    panel: tuple[float, float],
) -> Figure:
    """`plot_report` of the `results` chosen."""
    from matplotlib.patches import Patch  # noqa: PLC0415

    columns = max(1, min(columns, len(results)))
    rows = max(1, math.ceil(len(results) / columns))
    size = (panel[0] * columns, panel[1] * rows + 1.0)
    fig, grid = plt.subplots(rows, columns, figsize=size, layout="constrained", squeeze=False)
    plt.close(fig)
    axes = list(grid.flat)
    for ax in axes[len(results) :]:
        fig.delaxes(ax)
    for ax, result in zip(axes, results, strict=False):
        _panel(ax, result, round((panel[0] - 0.4) * 13))  # the axis labels take 0.4 inch
    counts = report.summary
    handles = [
        Patch(facecolor=paper(s), edgecolor=ink(s), label=f"{status_words(s)} ({counts[s]})")
        for s in WORST_FIRST
        if counts[s.value]
    ]
    title = f"{report.programme.info.name}: {len(report)} targets"
    if len(results) < len(report):
        title += f" (the first {len(results)} drawn; limit=None draws every one)"
    title_font = {"weight": "bold", "size": 12}
    fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), frameon=False,
               fontsize=9, title=title, title_fontproperties=title_font)  # fmt: skip
    figure: Figure = fig
    return figure


def _panel(ax: Axes, result: TargetResult, room: int) -> None:
    """One small multiple: the chart without words, framed and tinted in the status colour,
    under its key in `room` characters."""
    from matplotlib.colors import to_rgba  # noqa: PLC0415

    status = result.status
    ax.set_gid(f"panel:{result.key}")
    ax.set_facecolor(to_rgba(paper(status), 0.35))
    for spine in ax.spines.values():
        spine.set_edgecolor(ink(status))
        spine.set_linewidth(1.6)
    ax.set_title(_title(result, room), loc="left", fontsize=8.5, fontweight="bold")
    if status is Status.NOT_ASSESSABLE:
        ax.set_xticks([])
        ax.set_yticks([])
        note(ax, f"not assessable: {result.reason or 'no figures'}", 34, size=7.5)
        return
    draw(ax, result.chart(), reason=result.reason, small=True)
    ax.set_xlabel(_caption(result), fontsize=7, color=ink(status))


def _title(result: TargetResult, room: int) -> str:
    """A panel's key in `room` characters (about 13 an inch at its size): ``id[entity]`` on
    one line when it fits, else the entity over the id, each cut short with an ellipsis;
    'de-share-grdp-20-2025-provinces[Ho Chi Minh City]' ran over the next panel."""

    def cut(text: str) -> str:
        return text if len(text) <= room else text[: max(room - 1, 1)] + "…"

    if len(result.key) <= room or result.entity is None:
        return cut(result.key)
    return f"{cut(result.entity)}\n{cut(result.id)}"


def _caption(result: TargetResult) -> str:
    """Under a panel: the goal, then the status and when the trend reaches the target."""
    reach = reach_cell(result)
    tail = {"met": "", "-": "", "never": ": trend never reaches it"}.get(
        reach, f": trend reaches it {reach}"
    )
    return f"{textwrap.shorten(result.goal, 46)}\n{status_words(result.status)}{tail}"
