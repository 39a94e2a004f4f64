"""The HTML report: one self-contained file that says where a programme stands.

A reviewer opens it and knows in ten seconds: the gate result and a bar of statuses at the
top, a table at a glance, then one card per target, worst first, with its chart, numbers,
explanation and sources. Nothing is fetched, ever: inline CSS, inline SVG charts
(`targets.render._svg`), and a Content-Security-Policy that forbids every load, so even a hostile
URL in a figure's source can only be a link. The one script (opening collapsed details
before printing) is allowed by its hash. The markup is also well-formed XML, so tests can
read it with the standard library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from targets._version import version
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate
from targets.render._cells import growth_cell, latest_cell, projected_cell, reach_cell
from targets.render._chance import chance_cell, chance_phrase
from targets.render._html_style import CSS, SCRIPT, csp, status_css
from targets.render._status_words import status_words
from targets.render._svg import chart_svg, escape, key_svg

if TYPE_CHECKING:
    from targets.judge import Report, TargetResult
    from targets.rules import Figure, Source

__all__ = [
    "BAD",
    "CSS",
    "FAILS",
    "GOOD",
    "SCRIPT",
    "numbers",
    "report_html_document",
    "source_link",
]


FAILS = '<span class="fails" title="trips the gate">✗</span>'
GOOD = (Status.ACHIEVED, Status.ON_TRACK)
BAD = (Status.OFF_TRACK, Status.REGRESSING, Status.MISSED)


def report_html_document(report: Report, *, gate: Gate | None = None) -> str:
    """The whole report as one HTML5 document (see the module docstring)."""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    name = report.programme.info.name
    groups = [(s, [r for r in report if r.status is s]) for s in WORST_FIRST]
    groups = [(s, chosen) for s, chosen in groups if chosen]
    sections = "".join(_section(report, s, chosen, failing) for s, chosen in groups)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f'<meta name="generator" content="targets {escape(version())}"/>'
        f"<title>{escape(name)}: targets report</title>"
        f"<style>{CSS}{status_css()}</style></head>"
        f'<body><div class="wrap">{_header(report, gate)}{_summary(report)}'
        f"{_glance(report, failing)}{_changes(report)}{sections}{_footer(report)}</div>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def _header(report: Report, gate: Gate) -> str:
    info = report.programme.info
    when = f"as of {report.as_of}" if report.as_of else "all figures, as reported"
    meta = [info.issuer, f"adopted {info.adopted}" if info.adopted else None, when]
    meta.append(f"method {report.method} for every target" if report.method else None)
    if not gate.is_set:
        verdict = '<p class="gate none">no gate set</p>'
    else:
        failures = len(gate.failing_keys(report))
        worse, scope = _failing(gate)
        how = f'<span class="label"> ({escape(gate.option)}{scope})</span>'
        if failures:
            are = "target is" if failures == 1 else "targets are"
            text = f"✗ Gate failed: {failures} {are} {worse}, marked ✗"
        else:
            text = f"✓ Gate passed: no target is {worse}"
        verdict = f'<p class="gate {"fail" if failures else "pass"}">{escape(text)}{how}</p>'
    return (
        '<header><p class="eyebrow">Programme targets report</p>'
        f"<h1>{escape(info.name)}</h1>"
        f'<p class="meta">{escape(" · ".join(m for m in meta if m))}</p>{verdict}</header>'
    )


def _failing(gate: Gate) -> tuple[str, str]:
    """What fails `gate`, in words ('off track or worse'), and who is aside from it."""
    parts, scope = [], "" if gate.strict else ", warn-severity targets aside"
    if gate.on_change is not None:
        worse = "worse than" if gate.on_change == "worse" else "changed since"
        worse += " the baseline"
        if gate.fail_on is not None:
            worse += f" or new at {status_words(gate.fail_on)} or worse"
        parts.append(worse)
        scope = ""
    elif gate.fail_on is not None:
        parts.append(f"{status_words(gate.fail_on)} or worse")
    if gate.chance_below is not None:
        parts.append(f"given a chance below {gate.chance_below * 100:g} %")
    return " or ".join(parts), scope


def _summary(report: Report) -> str:
    """One sentence, a stacked bar of statuses and its legend, and the charts' key."""
    counts = {s: sum(r.status is s for r in report) for s in WORST_FIRST}
    assessable = len(report) - counts[Status.NOT_ASSESSABLE]
    good, bad = sum(counts[s] for s in GOOD), sum(counts[s] for s in BAD)
    lead = (
        f"<strong>{good} of {assessable}</strong> assessable targets are achieved or on track; "
        f"<strong>{bad}</strong> are off track, regressing or missed"
        + (f", {counts[Status.AT_RISK]} at risk" if counts[Status.AT_RISK] else "")
        + f". {counts[Status.NOT_ASSESSABLE]} of {len(report)} cannot be assessed yet."
    )
    segments, legend = [], []
    for status, count in counts.items():
        if not count:
            continue
        words = escape(status_words(status))
        segments.append(
            f'<a class="seg" href="#status-{status.value}" data-status="{status.value}" '
            f'style="flex-grow:{count}" title="{words}: {count}">{count}</a>'
        )
        legend.append(
            f'<li data-status="{status.value}"><a href="#status-{status.value}">'
            f'<span class="swatch"></span>{words} <b>{count}</b></a></li>'
        )
    label = ", ".join(f"{n} {status_words(s)}" for s, n in counts.items() if n)
    return (
        f'<section class="panel summary"><p class="lead">{lead}</p>'
        f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(segments)}</div>'
        f'<ul class="legend">{"".join(legend)}</ul></section>'
    )


def numbers(result: TargetResult) -> tuple[tuple[str, str], ...]:
    """The headline numbers, as the text report shows them."""
    return (
        ("latest", latest_cell(result)),
        ("needed a year", growth_cell(result, "growth_required_now")),
        ("achieved a year", growth_cell(result, "growth_actual")),
        ("trend at deadline", projected_cell(result)),
        ("trend reaches target", reach_cell(result)),
    )


def _glance(report: Report, failing: set[str]) -> str:
    """Every target in one table, worst first, each linking to its card; a target that
    cannot be assessed says why in its row (no hovering needed)."""
    heads: tuple[str, ...] = ("target", "goal", "latest", "need/yr", "grew/yr", "at deadline")
    heads += ("reaches", "chance", "")
    rows = []
    for status in WORST_FIRST:
        for result in (r for r in report if r.status is status):
            mark = FAILS if result.key in failing else ""
            cells = "".join(f"<td>{escape(v)}</td>" for _, v in numbers(result))
            cells += f'<td class="chance">{escape(chance_cell(result))}</td>'
            if status is Status.NOT_ASSESSABLE:
                why = escape(result.reason or "no reason given")
                rows.append(
                    f'<tr class="na"><td><a href="#target-{escape(result.key)}">'
                    f"{escape(result.key)}</a></td><td>{escape(result.goal)}</td>"
                    f'<td class="why" colspan="6">{why}</td><td>{_badge(status)}</td></tr>'
                )
                continue
            rows.append(
                f'<tr><td>{mark}<a href="#target-{escape(result.key)}">{escape(result.key)}</a>'
                f"</td><td>{escape(result.goal)}</td>{cells}<td>{_badge(status)}</td></tr>"
            )
    if not rows:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    return (
        '<section class="panel"><h2 style="margin-top:0">At a glance</h2><div class="scroll">'
        f'<table class="glance"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
        f'</tbody></table></div><div class="chart-key">{key_svg()}</div></section>'
    )


def _changes(report: Report) -> str:
    if report.changes is None:
        return ""
    items = "".join(f"<li>{escape(str(c))}</li>" for c in report.changes) or "<li>none</li>"
    return (
        '<section class="panel"><h2 style="margin-top:0">Changes since the baseline</h2>'
        f'<ul class="changes">{items}</ul></section>'
    )


def _section(report: Report, status: Status, chosen: list[TargetResult], failing: set[str]) -> str:
    compact = status is Status.NOT_ASSESSABLE
    cards = "".join(_card(report, r, r.key in failing) for r in chosen)
    return (
        f'<section id="status-{status.value}" data-status="{status.value}">'
        f'<h2>{escape(status_words(status).capitalize())} <span class="count">{len(chosen)}</span>'
        f'</h2><div class="grid{" compact" if compact else ""}">{cards}</div></section>'
    )


def _badge(status: Status) -> str:
    return f'<span class="badge" data-status="{status.value}">{escape(status_words(status))}</span>'


def _card(report: Report, result: TargetResult, fails: bool) -> str:
    """One target: name, status, goal, chart, numbers, explanation, notes, sources."""
    status = result.status
    method = f"{result.method}: {status_words(result.method_status)}"
    gate = '<span class="fails">✗ trips the gate</span>' if fails else ""
    head = (
        f"<header><div><h3>{escape(result.target.name or result.id)}</h3>"
        f"<code>{escape(result.key)}</code></div>"
        f'<div class="badges">{_badge(status)}<span class="method">{escape(method)}</span>'
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


def _footer(report: Report) -> str:
    files = escape(", ".join(report.programme.files) or "figures given in code")
    return (
        f'<p class="foot">Generated by targets {escape(version())} from {files}. '
        "Growth a year is compound, or units a year for ranks and linear methods; "
        "“needed” runs from the latest figure to the deadline, “achieved” from the base year."
        "</p>"
    )
