"""Compact HTML for Jupyter: a status table for a report, a card for one result.

Well-formed markup with inline styles only (notebook front ends strip <style> and scripts
from untrusted output), escaped text throughout.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from targets.engine import STATUS_CODES, WORST_FIRST, Status
from targets.render import (
    BADGE_STYLE,
    MAX_ROWS,
    chance_cell,
    chance_phrase,
    chart_svg,
    growth_cell,
    latest_cell,
    projected_cell,
    reach_cell,
    row_cells,
    status_words,
)
from targets.rules import count, describe_goal

if TYPE_CHECKING:
    from targets.judge import Report, TargetResult
    from targets.rules import Programme, TargetBase

__all__ = ["CAP", "MAX_TARGETS", "badge", "programme_html", "report_html", "result_html"]

_CELL = "padding:2px 8px;text-align:right;border-bottom:1px solid #e0e0e0"
_LEFT = "padding:2px 8px;text-align:left;border-bottom:1px solid #e0e0e0"
_HEADS: tuple[str, ...] = ("target", "goal", "latest", "need/yr", "grew/yr", "at deadline")
_HEADS += ("reaches", "chance", "status")
CAP = 25
"""The most rows of one status a report's table shows in full (the text report's cap);
above it, the first `MAX_ROWS` and a line saying how many more."""


def badge(status: Status) -> str:
    """The status as a coloured pill (the report's badge colours, WCAG AA contrast)."""
    ink, paper = BADGE_STYLE[status]
    return (
        f'<span style="background:{paper};color:{ink};border-radius:8px;padding:1px 8px;'
        f'font-weight:600;white-space:nowrap">{escape(status_words(status))}</span>'
    )


def report_html(report: Report) -> str:
    """Summary counts, then one row per target, worst first: every row of a status when it
    has at most `CAP`, else the first `MAX_ROWS` and how many more (as the text report).
    The order comes from the result columns, so a large report builds only the results it
    shows: 5,000 rows took 11 s and 6 MB of HTML in the notebook before."""
    counts = " ".join(f"{badge(Status(status))} {n}" for status, n in report.summary.items() if n)
    when = f"as of {report.as_of}" if report.as_of else "all figures"
    head = "".join(
        f'<th style="{_LEFT if i < 2 else _CELL}">{escape(h)}</th>' for i, h in enumerate(_HEADS)
    )
    by_status: dict[Status, list[int]] = {status: [] for status in WORST_FIRST}
    for row, code in enumerate(report.columns.status.tolist()):
        by_status[STATUS_CODES[code]].append(row)
    rows = []
    for status, found in by_status.items():
        shown = found[:MAX_ROWS] if len(found) > CAP else found
        rows += [_row(report.results[i]) for i in shown]
        if len(found) > len(shown):
            more = f"and {len(found) - len(shown):,} more {status_words(status)}"
            rows.append(
                f'<tr><td colspan="{len(_HEADS)}" style="{_LEFT}"><em>{escape(more)}: '
                "<code>report.to_frame()</code> lists every result</em></td></tr>"
            )
    return (
        '<div class="targets-report">'
        f"<p><strong>{escape(report.programme.info.name)}</strong>: "
        f"{count(len(report), 'target')}, {escape(when)}<br/>{counts}</p>"
        f'<table style="border-collapse:collapse;font-size:90%"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _row(result: TargetResult) -> str:
    """One target's row: id, goal, the numbers (or why not assessable) and the status."""
    cells = row_cells(result)  # as the text report's row
    tip = escape(result.explain(), quote=True)
    numbers = "".join(f'<td style="{_CELL}">{escape(c)}</td>' for c in cells)
    if result.status is Status.NOT_ASSESSABLE:  # why, in view rather than in a tooltip
        why = escape(result.reason or "no reason given")
        numbers = f'<td colspan="6" style="{_LEFT}">{why}</td>'
    return (
        f'<tr title="{tip}"><td style="{_LEFT}"><code>{escape(result.key)}</code></td>'
        f'<td style="{_LEFT}">{escape(result.goal)}</td>'
        + numbers
        + f'<td style="{_LEFT}">{badge(result.status)}</td></tr>'
    )


def result_html(result: TargetResult, chart: str | None = None) -> str:
    """A card: title, status, goal, the headline numbers, the explanation and its chart
    (inline SVG, drawn from the result unless given)."""
    if chart is None:
        chart = chart_svg(result.chart())
        rate = result.rate_chart()
        chart += chart_svg(rate) if rate is not None else ""
    numbers = (
        ("latest", latest_cell(result)),
        ("growth needed a year", growth_cell(result, "growth_required_now")),
        ("growth achieved a year", growth_cell(result, "growth_actual")),
        ("trend at the deadline", projected_cell(result)),
        ("trend reaches the target", reach_cell(result)),
        ("method", f"{result.method}: {result.method_status}"),
        ("chance (the project's reading)", chance_cell(result)),
    )
    table = "".join(
        f'<tr><th style="{_LEFT}">{escape(k)}</th><td style="{_CELL}">{escape(v)}</td></tr>'
        for k, v in numbers
    )
    name = result.target.name or result.id
    title = escape(name if result.entity is None else f"{result.entity}: {name}")  # as the chart
    return (
        '<div class="targets-result" style="max-width:760px">'
        f"<p><strong>{title}</strong> <code>{escape(result.key)}</code> {badge(result.status)}"
        f"<br/>{escape(result.goal)}</p>"
        f'<table style="border-collapse:collapse;font-size:90%">{table}</table>'
        f"<p>{escape(result.explain())}</p>{_chance(result)}{chart}</div>"
    )


def _chance(result: TargetResult) -> str:
    """The project's reading in words, apart from the method's explanation."""
    phrase = chance_phrase(result)
    return "" if phrase is None else f"<p><em>{escape(phrase)}</em></p>"


MAX_TARGETS = 100
"""The most targets a programme's table lists; a line says how many more."""


def programme_html(programme: Programme) -> str:
    """The programme before it is checked: name, issuer, counts, each target's goal and whom
    it is judged for, and the load's warnings (each a line, escaped)."""
    info = programme.info
    counts = ", ".join(
        (
            count(len(programme.targets), "target"),
            count(len(programme.metrics), "metric"),
            count(len(programme.table), "figure"),
            count(len(programme.sources), "source"),
        )
    )
    issuer = f" ({escape(info.issuer)})" if info.issuer else ""
    heads = "".join(f'<th style="{_LEFT}">{h}</th>' for h in ("target", "goal", "for", "name"))
    rows = [
        f'<tr><td style="{_LEFT}"><code>{escape(t.id)}</code></td>'
        f'<td style="{_LEFT}">{escape(describe_goal(t, programme.metrics[t.metric]))}</td>'
        f'<td style="{_LEFT}">{escape(_judged_for(t))}</td>'
        f'<td style="{_LEFT}">{escape(t.name or "")}</td></tr>'
        for t in programme.targets[:MAX_TARGETS]
    ]
    if len(programme.targets) > MAX_TARGETS:
        more = f"and {len(programme.targets) - MAX_TARGETS:,} more"
        rows.append(f'<tr><td colspan="4" style="{_LEFT}"><em>{more}</em></td></tr>')
    warned = "".join(f"<li>{escape(str(w))}</li>" for w in programme.warnings[:MAX_ROWS])
    if len(programme.warnings) > MAX_ROWS:
        warned += f"<li>and {len(programme.warnings) - MAX_ROWS:,} more</li>"
    if warned:
        warned = f"<p>{count(len(programme.warnings), 'warning')}:</p><ul>{warned}</ul>"
    return (
        '<div class="targets-programme">'
        f"<p><strong>{escape(info.name)}</strong>{issuer}: {counts}</p>"
        f'<table style="border-collapse:collapse;font-size:90%"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{warned}</div>"
    )


def _judged_for(target: TargetBase) -> str:
    """Whom a target is judged for: the whole (empty), each entity, a list, all but some."""
    chosen = target.for_each
    if chosen is None:
        return ""
    if chosen == "all":
        return "each entity"
    if isinstance(chosen, tuple):
        return ", ".join(chosen)
    return "each entity but " + ", ".join(chosen.all_but)
