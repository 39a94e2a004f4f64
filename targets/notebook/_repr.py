"""Compact HTML for Jupyter: a status table for a report, a card for one result.

Well-formed markup with inline styles only (notebook front ends strip <style> and scripts
from untrusted output), escaped text throughout.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from targets.engine import WORST_FIRST, Status
from targets.render import (
    BADGE_STYLE,
    chance_cell,
    chance_phrase,
    chart_svg,
    growth_cell,
    latest_cell,
    projected_cell,
    reach_cell,
    status_words,
)
from targets.rules import count

if TYPE_CHECKING:
    from targets.judge import Report, TargetResult

__all__ = ["badge", "report_html", "result_html"]

_CELL = "padding:2px 8px;text-align:right;border-bottom:1px solid #e0e0e0"
_LEFT = "padding:2px 8px;text-align:left;border-bottom:1px solid #e0e0e0"
_HEADS: tuple[str, ...] = ("target", "goal", "latest", "need/yr", "grew/yr", "at deadline")
_HEADS += ("reaches", "chance", "status")


def badge(status: Status) -> str:
    """The status as a coloured pill (the report's badge colours, WCAG AA contrast)."""
    ink, paper = BADGE_STYLE[status]
    return (
        f'<span style="background:{paper};color:{ink};border-radius:8px;padding:1px 8px;'
        f'font-weight:600;white-space:nowrap">{escape(status_words(status))}</span>'
    )


def report_html(report: Report) -> str:
    """Summary counts, then one row per target, worst first."""
    counts = " ".join(f"{badge(Status(status))} {n}" for status, n in report.summary.items() if n)
    when = f"as of {report.as_of}" if report.as_of else "all figures"
    head = "".join(
        f'<th style="{_LEFT if i < 2 else _CELL}">{escape(h)}</th>' for i, h in enumerate(_HEADS)
    )
    rows = []
    for result in sorted(report, key=lambda r: WORST_FIRST.index(r.status)):
        cells = (
            latest_cell(result),
            growth_cell(result, "growth_required_now"),
            growth_cell(result, "growth_actual"),
            projected_cell(result),
            reach_cell(result),
            chance_cell(result),
        )
        tip = escape(result.explain(), quote=True)
        numbers = "".join(f'<td style="{_CELL}">{escape(c)}</td>' for c in cells)
        if result.status is Status.NOT_ASSESSABLE:  # why, in view rather than in a tooltip
            why = escape(result.reason or "no reason given")
            numbers = f'<td colspan="6" style="{_LEFT}">{why}</td>'
        rows.append(
            f'<tr title="{tip}"><td style="{_LEFT}"><code>{escape(result.key)}</code></td>'
            f'<td style="{_LEFT}">{escape(result.goal)}</td>'
            + numbers
            + f'<td style="{_LEFT}">{badge(result.status)}</td></tr>'
        )
    return (
        '<div class="targets-report">'
        f"<p><strong>{escape(report.programme.info.name)}</strong>: "
        f"{count(len(report), 'target')}, {escape(when)}<br/>{counts}</p>"
        f'<table style="border-collapse:collapse;font-size:90%"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
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
    title = escape(result.target.name or result.id)
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
