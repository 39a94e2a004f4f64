"""One result's card on the HTML page: its chart, numbers, explanation, notes and sources.

Every card of the page, whether the page shows every result (a small programme) or only
the worst (`targets.render._html_scale`), is drawn here. Every input string is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from targets.engine import Status
from targets.render._cells import growth_cell, latest_cell, projected_cell, reach_cell
from targets.render._chance import chance_phrase
from targets.render._status_words import status_words
from targets.render._svg import chart_svg, escape

if TYPE_CHECKING:
    from targets.judge import Report, TargetResult
    from targets.rules import Figure, Source

__all__ = ["badge", "card", "numbers", "source_link"]


def numbers(result: TargetResult) -> tuple[tuple[str, str], ...]:
    """The headline numbers, as the text report shows them."""
    return (
        ("latest", latest_cell(result)),
        ("needed a year", growth_cell(result, "growth_required_now")),
        ("achieved a year", growth_cell(result, "growth_actual")),
        ("trend at deadline", projected_cell(result)),
        ("trend reaches target", reach_cell(result)),
    )


def badge(status: Status) -> str:
    return f'<span class="badge" data-status="{status.value}">{escape(status_words(status))}</span>'


def card(report: Report, result: TargetResult, fails: bool) -> str:
    """One target: name, status, goal, chart, numbers, explanation, notes, sources."""
    status = result.status
    method = f"{result.method}: {status_words(result.method_status)}"
    gate = '<span class="fails">✗ trips the gate</span>' if fails else ""
    head = (
        f"<header><div><h3>{escape(result.target.name or result.id)}</h3>"
        f"<code>{escape(result.key)}</code></div>"
        f'<div class="badges">{badge(status)}<span class="method">{escape(method)}</span>'
        f"{gate}</div></header>"
        f'<p class="aim"><span>Goal:</span> {escape(result.goal)}</p>'
    )
    if status is Status.NOT_ASSESSABLE:
        why = escape(result.reason or "no reason given")
        body = f'<p class="reason"><strong>Why not:</strong> {why}</p>'
    else:
        figures = "".join(
            f"<div><dt>{escape(k)}</dt>{_number(v)}</div>" for k, v in numbers(result)
        )
        charts = chart_svg(result.chart())
        rate = result.rate_chart()
        if rate is not None:  # a growth-rate target: the rate against the rate required too
            charts += chart_svg(rate)
        body = (
            f'<figure class="charts" style="margin:0">{charts}</figure>'
            f'<dl class="numbers">{figures}</dl><p class="explain">{escape(result.explain())}</p>'
            f"{_chance(result)}"
        )
    return (
        f'<article class="card" id="target-{escape(result.key)}" data-status="{status.value}">'
        f"{head}{body}{_notes(result)}{_figures(result.evidence.every, result)}"
        f"{_citation(report, result)}</article>"
    )


def _chance(result: TargetResult) -> str:
    """The project's reading, apart from the agency's numbers and named as such."""
    phrase = chance_phrase(result)
    if phrase is None:
        return ""
    words = escape(phrase.removeprefix("the project's reading: "))
    return (
        f'<p class="chance"><span class="label">Chance, the project\'s reading (not the '
        f"method's):</span> {words}</p>"
    )


def _number(cell: str) -> str:
    """'73,788 (2024)' as the number, with its year small beneath."""
    value, bracket, year = cell.partition(" (")
    small = f"<small>{escape(year.removesuffix(')'))}</small>" if bracket else ""
    return f"<dd>{escape(value)}{small}</dd>"


def _notes(result: TargetResult) -> str:
    """The engine's notes in a list; source conflicts folded, with their periods in view."""
    conflicts = [str(c) for c in result.conflicts]
    plain = [n for n in result.notes if n.removeprefix("sources disagree for ") not in conflicts]
    out = "".join(f"<li>{escape(n)}</li>" for n in plain)
    out = f'<ul class="notes">{out}</ul>' if out else ""
    if conflicts:
        periods = ", ".join(c.period for c in result.conflicts)
        items = "".join(f"<li>{escape(c)}</li>" for c in conflicts)
        out += (
            f'<details class="conflicts"><summary>⚠ Sources disagree for {len(conflicts)} '
            f"period{'s' if len(conflicts) != 1 else ''}: {escape(periods)}</summary>"
            f"<ul>{items}</ul></details>"
        )
    return out


def source_link(source: Source | None) -> str:
    """The publisher, linked when the address is http(s): never a javascript: or data: link,
    whatever reached the model."""
    if source is None:
        return "no source"
    name = escape(source.publisher)
    tip = f' title="{escape(source.title)}"' if source.title else ""
    if source.url and source.url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(source.url)}"{tip} rel="noopener noreferrer">{name}</a>'
    return f"<span{tip}>{name}</span>"


def _figures(every: Iterable[Figure], result: TargetResult) -> str:
    """Every figure considered, used or set aside, with its source linked."""
    rows = []
    for f in every:
        used = result.evidence.used(f) or f.kind == "forecast"
        published = f", {escape(f.published.label)}" if f.published else ""
        who = f"{escape(f.entity)}: " if f.entity else ""
        rows.append(
            f'<tr class="{"used" if used else "unused"}"><td>{escape(f.period.label)}</td>'
            f"<td>{who}{escape(f.stated)}</td><td>{escape(f.kind)}"
            f"{'' if used else ', set aside'}</td><td>{source_link(f.source)}{published}</td></tr>"
        )
    if not rows:
        return ""
    return (
        f"<details><summary>Figures ({len(rows)}) and their sources</summary>"
        '<table class="figures"><thead><tr><th>period</th><th>value</th><th>kind</th>'
        f"<th>source</th></tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _citation(report: Report, result: TargetResult) -> str:
    """Where the target was stated: the quoted sentence, the source, and the rule's line."""
    target = result.target
    parts = []
    if target.quote:
        parts.append(f"<blockquote>“{escape(target.quote)}”</blockquote>")
    source = report.programme.sources.get(target.source) if target.source else None
    if source is not None:
        cited = escape(source.publisher + (f", “{source.title}”" if source.title else ""))
        if source.url:
            cited = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{cited}</a>'
        elif source.file:
            cited += f" (local copy: {escape(source.file)})"
        date = f", {escape(source.date.label)}" if source.date else ""
        parts.append(f'<p><span class="label">Source:</span> {cited}{date}</p>')
    elif target.source:
        parts.append(f'<p><span class="label">Source:</span> {escape(target.source)}</p>')
    if result.location is not None:
        where = escape(str(result.location))
        parts.append(f'<p><span class="label">Rule:</span> <code>{where}</code></p>')
    return f"<footer>{''.join(parts)}</footer>" if parts else ""
