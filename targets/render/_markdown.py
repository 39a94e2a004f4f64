"""The Markdown report: a summary a reviewer reads in a pull request or a CI step summary.

A step summary holds at most 1 MiB on GitHub and a comment 64 KiB, so above `MAX_ROWS`
results the report is cut the way the text report is: each target judged for each entity
is one row (its entities' counts per status and its worst), and the worst `MAX_ROWS`
targets judged once keep their rows and explanations, the rest counted. Smaller reports
list every result.
"""

from __future__ import annotations

import html
import re

from targets._safe import escape_controls
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate, Report
from targets.render._cells import growth_cell, latest_cell, projected_cell, reach_cell
from targets.render._chance import chance_cell, chance_phrase
from targets.render._palette import ICONS
from targets.render._status_words import status_words
from targets.render._text_groups import EntityGroup, entity_groups, worst_first
from targets.rules import count

__all__ = ["MAX_ROWS", "render_markdown"]

MAX_ROWS = 100
"""Rows of results (and of targets judged for each entity) a large report keeps, worst
first."""
_WHERE = "the JSON report (`--json FILE`) lists every result"

_CHANCE_NOTE = (
    "*chance*: the project's own reading, not the method's: how likely the figure for the "
    "deadline is to meet the target, from the trend and spread of the figures since the base "
    "year (`targets explain TARGET` shows its arithmetic)."
)


def _cell(text: str) -> str:
    """Text for a table cell or a list item: one line, control characters escaped, no
    markup of its own (a pipe would end the cell, ``<`` start HTML such as a comment that
    hides the rest of the summary)."""
    return html.escape(escape_controls(text), quote=False).replace("|", "\\|")


def _code(text: str) -> str:
    """Text as a code span in a cell or a list item: fenced by more backticks than it
    holds in a row, so that none of its own ends the span early (what is inside a span is
    never read as HTML)."""
    text = escape_controls(text).replace("|", "\\|")
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: Report, *, gate: Gate | None = None) -> str:
    """Summary by status, the gate, a table of every target (worst first), explanations."""
    gate = gate or Gate()
    failing = set(gate.failing_keys(report))
    when = f"as of {report.as_of}" if report.as_of else "on all figures"
    lines = [f"## {_cell(report.programme.info.name)}", ""]
    verdict = ""
    if gate.is_set:
        verdict = (
            f" — **{len(failing)} fail the gate** (`{gate.option}`)"
            if failing
            else f" — the gate passes (`{gate.option}`)"
        )
    large = len(report) > MAX_ROWS
    entities = any(e is not None for e in report.columns.entities)
    noun = "result" if large and entities else "target"
    lines += [f"{count(len(report), noun)} {when}{verdict}.", ""]
    lines += [f"| status | {noun}s |", "|---|---:|"]
    for status, number in report.summary.items():
        if number:
            lines.append(f"| {ICONS[Status(status)]} {status_words(status)} | {number} |")
    if large:
        lines += _groups(entity_groups(report, set(gate.failing_rows(report))))
        single = [i for i, e in enumerate(report.columns.entities) if e is None]
        rows = worst_first(report, single)
        ranked = [report.results[i] for i in rows[:MAX_ROWS]]
        left = len(rows) - len(ranked)
    else:
        ranked = sorted(report, key=lambda r: WORST_FIRST.index(r.status))
        left = 0
    if ranked:
        lines += [
            "",
            "| | target | goal | latest | need/yr | grew/yr | at deadline | reaches | status "
            "| chance |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---:|",
        ]
        for result in ranked:
            mark = "✗" if result.key in failing else ""
            status = (
                f"{ICONS[result.status]} {status_words(result.status)} ({result.method_status})"
            )
            cells = (
                mark,
                _code(result.key),
                *map(
                    _cell,
                    (
                        result.goal,
                        latest_cell(result),
                        growth_cell(result, "growth_required_now"),
                        growth_cell(result, "growth_actual"),
                        projected_cell(result),
                        reach_cell(result),
                        status,
                        chance_cell(result),
                    ),
                ),
            )
            lines.append("| " + " | ".join(cells) + " |")
    if left:
        lines += [
            "",
            f"… and {left:,} more targets judged once, not worse than those above: {_WHERE}.",
        ]
    if report.changes is not None:
        lines += ["", f"### Changes since the baseline ({len(report.changes)})", ""]
        changes = report.changes[:MAX_ROWS] if large else report.changes
        lines += [f"- {_cell(str(change))}" for change in changes] or ["- none"]
        if len(report.changes) > len(changes):
            lines.append(f"- … and {len(report.changes) - len(changes):,} more: {_WHERE}")
    lines += ["", _CHANCE_NOTE]
    if ranked:
        lines += ["", "<details><summary>Why, target by target</summary>", ""]
    for result in ranked:
        where = f" ({result.location})" if result.location else ""
        lines.append(f"- **{_code(result.key)}**{_cell(where)}: {_cell(result.explain())}")
        phrase = chance_phrase(result, measured=True)
        if phrase is not None:
            lines.append(f"  *{_cell(phrase)}*")
    lines += ["", "</details>", ""] if ranked else [""]
    return "\n".join(lines)


def _groups(groups: list[EntityGroup]) -> list[str]:
    """The targets judged for each entity, one row each, worst first, capped."""
    if not groups:
        return []
    lines = [
        "",
        f"### Judged for each entity ({count(len(groups), 'target')})",
        "",
        "| | target | entities | statuses | worst |",
        "|---|---|---:|---|---|",
    ]
    for group in groups[:MAX_ROWS]:
        tally = ", ".join(f"{ICONS[s]} {n:,} {status_words(s)}" for s, n in group.counts.items())
        worst = ", ".join(_code(f"{group.target}[{e}]") for e, _ in group.worst) or "none"
        cells = ("✗" if group.failing else "", _code(group.target), f"{group.entities:,}")
        lines.append("| " + " | ".join((*cells, _cell(tally), worst)) + " |")
    if len(groups) > MAX_ROWS:
        lines += ["", f"… and {count(len(groups) - MAX_ROWS, 'more target')}: {_WHERE}."]
    return lines
