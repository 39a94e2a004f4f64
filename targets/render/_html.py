"""The HTML report: one self-contained file that says where a programme stands.

A reviewer opens it and knows in ten seconds: the gate result and a bar of statuses at the
top, a table at a glance, then one card per target, worst first, with its chart, numbers,
explanation and sources. Nothing is fetched, ever: inline CSS, inline SVG charts
(`targets.render._svg`), and a Content-Security-Policy that forbids every load, so even a hostile
URL in a figure's source can only be a link. The one script (opening collapsed details
before printing) is allowed by its hash. The markup is also well-formed XML, so tests can
read it with the standard library.

A small report (up to `FULL_PAGE` results) shows every result as a card; a larger one shows
the worst in full and counts the rest (`targets.render._html_scale`), so 60,000 (target,
entity) results still make a page a browser opens in seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from targets._version import version
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate
from targets.render._chance import chance_cell
from targets.render._html_card import badge, card, numbers, source_link
from targets.render._html_scale import (
    FULL_PAGE,
    MAX_CARDS,
    Plan,
    entity_sections,
    entity_table,
    glance_rows,
    single_sections,
)
from targets.render._html_style import CSS, SCRIPT, csp, status_css
from targets.render._status_words import status_words
from targets.render._svg import escape, key_svg

if TYPE_CHECKING:
    from targets.judge import Report, TargetResult

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
    if len(report) <= FULL_PAGE:
        ranked = [r for s in WORST_FIRST for r in report if r.status is s]
        groups = [(s, [r for r in ranked if r.status is s]) for s in WORST_FIRST]
        summary = _summary(report, WORST_FIRST)
        body = _glance(ranked, failing, 0) + _changes(report)
        body += "".join(_section(report, s, chosen, failing) for s, chosen in groups if chosen)
    else:  # worst first, capped (see targets.render._html_scale)
        plan = Plan(report, failing)
        entities = any(e is not None for e in report.columns.entities)
        noun = "results" if entities else "targets"
        summary = _summary(report, [s for s, rows in plan.single.items() if rows], noun)
        shown = [report.results[i] for i in glance_rows(plan)]
        single = sum(len(rows) for rows in plan.single.values())
        body = entity_table(plan) + _glance(shown, failing, single - len(shown))
        body += _changes(report) + entity_sections(plan) + single_sections(plan)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f'<meta name="generator" content="targets {escape(version())}"/>'
        f"<title>{escape(name)}: targets report</title>"
        f"<style>{CSS}{status_css()}</style></head>"
        f'<body><div class="wrap">{_header(report, gate)}{summary}'
        f"{body}{_footer(report)}</div>"
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
        noun = gate.noun(report)
        if failures:
            are = f"{noun} is" if failures == 1 else f"{noun}s are"
            text = f"✗ Gate failed: {failures:,} {are} {worse}, marked ✗"
        else:
            text = f"✓ Gate passed: no {noun} is {worse}"
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


def _summary(report: Report, sections: Collection[Status], noun: str = "targets") -> str:
    """One sentence, a stacked bar of statuses and its legend, and the charts' key; a
    status links to its section when the page has one (`sections`)."""
    summary = report.summary
    counts = {s: summary[s.value] for s in WORST_FIRST}
    assessable = len(report) - counts[Status.NOT_ASSESSABLE]
    good, bad = sum(counts[s] for s in GOOD), sum(counts[s] for s in BAD)
    lead = (
        f"<strong>{good} of {assessable}</strong> assessable {noun} are achieved or on track; "
        f"<strong>{bad}</strong> are off track, regressing or missed"
        + (f", {counts[Status.AT_RISK]} at risk" if counts[Status.AT_RISK] else "")
        + f". {counts[Status.NOT_ASSESSABLE]} of {len(report)} cannot be assessed yet."
    )
    segments, legend = [], []
    for status, count in counts.items():
        if not count:
            continue
        words = escape(status_words(status))
        tag, link = ("a", f' href="#status-{status.value}"') if status in sections else ("span", "")
        segments.append(
            f'<{tag} class="seg"{link} data-status="{status.value}" '
            f'style="flex-grow:{count}" title="{words}: {count}">{count}</{tag}>'
        )
        legend.append(
            f'<li data-status="{status.value}"><{tag}{link}>'
            f'<span class="swatch"></span>{words} <b>{count}</b></{tag}></li>'
        )
    label = ", ".join(f"{n} {status_words(s)}" for s, n in counts.items() if n)
    return (
        f'<section class="panel summary"><p class="lead">{lead}</p>'
        f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(segments)}</div>'
        f'<ul class="legend">{"".join(legend)}</ul></section>'
    )


def _glance(ranked: Iterable[TargetResult], failing: set[str], more: int) -> str:
    """The targets that have a card in one table, worst first, each linking to its card; a
    target that cannot be assessed says why in its row (no hovering needed). `more`: the
    targets judged once that a large page leaves out."""
    heads: tuple[str, ...] = ("target", "goal", "latest", "need/yr", "grew/yr", "at deadline")
    heads += ("reaches", "chance", "")
    rows = []
    for result in ranked:
        status = result.status
        mark = FAILS if result.key in failing else ""
        cells = "".join(f"<td>{escape(v)}</td>" for _, v in numbers(result))
        cells += f'<td class="chance">{escape(chance_cell(result))}</td>'
        if status is Status.NOT_ASSESSABLE:
            why = escape(result.reason or "no reason given")
            rows.append(
                f'<tr class="na"><td><a href="#target-{escape(result.key)}">'
                f"{escape(result.key)}</a></td><td>{escape(result.goal)}</td>"
                f'<td class="why" colspan="6">{why}</td><td>{badge(status)}</td></tr>'
            )
            continue
        rows.append(
            f'<tr><td>{mark}<a href="#target-{escape(result.key)}">{escape(result.key)}</a>'
            f"</td><td>{escape(result.goal)}</td>{cells}<td>{badge(status)}</td></tr>"
        )
    if not rows:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    rest = (
        f'<p class="more">… and {more:,} more targets judged once, not worse than those '
        "above (each status section below counts them): every result is in the JSON "
        "report (<code>targets check --json FILE</code>) and <code>Report.to_frame()</code>."
        "</p>"
        if more
        else ""
    )
    return (
        '<section class="panel"><h2 style="margin-top:0">At a glance</h2><div class="scroll">'
        f'<table class="glance"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
        f'</tbody></table></div>{rest}<div class="chart-key">{key_svg()}</div></section>'
    )


def _changes(report: Report) -> str:
    if report.changes is None:
        return ""
    shown = report.changes[:MAX_CARDS]
    items = "".join(f"<li>{escape(str(c))}</li>" for c in shown) or "<li>none</li>"
    if len(report.changes) > len(shown):
        items += f"<li>… and {len(report.changes) - len(shown):,} more: every change is in "
        items += "the JSON report (<code>targets check --json FILE</code>)</li>"
    return (
        '<section class="panel"><h2 style="margin-top:0">Changes since the baseline</h2>'
        f'<ul class="changes">{items}</ul></section>'
    )


def _section(report: Report, status: Status, chosen: list[TargetResult], failing: set[str]) -> str:
    compact = status is Status.NOT_ASSESSABLE
    cards = "".join(card(report, r, r.key in failing) for r in chosen)
    return (
        f'<section id="status-{status.value}" data-status="{status.value}">'
        f'<h2>{escape(status_words(status).capitalize())} <span class="count">{len(chosen)}</span>'
        f'</h2><div class="grid{" compact" if compact else ""}">{cards}</div></section>'
    )


def _footer(report: Report) -> str:
    files = escape(", ".join(report.programme.files) or "figures given in code")
    return (
        f'<p class="foot">Generated by targets {escape(version())} from {files}. '
        "Growth a year is compound, or units a year for ranks and linear methods; "
        "“needed” runs from the latest figure to the deadline, “achieved” from the base year."
        "</p>"
    )
