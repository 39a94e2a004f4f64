"""The Markdown report: a summary a reviewer reads in a pull request or a CI step summary."""

from __future__ import annotations

from targets._safe import escape_controls
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate, Report
from targets.render._cells import growth_cell, latest_cell, projected_cell, reach_cell
from targets.render._chance import chance_cell, chance_phrase
from targets.render._palette import ICONS
from targets.render._status_words import status_words
from targets.rules import count

__all__ = ["render_markdown"]

_CHANCE_NOTE = (
    "*chance*: the project's own reading, not the method's: how likely the figure for the "
    "deadline is to meet the target, from the trend and spread of the figures since the base "
    "year (`targets explain TARGET` shows its arithmetic)."
)


def _cell(text: str) -> str:
    """Text for a table cell or a list item: one line, control characters escaped."""
    return escape_controls(text).replace("|", "\\|")


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
    lines += [f"{count(len(report), 'target')} {when}{verdict}.", ""]
    lines += ["| status | targets |", "|---|---:|"]
    for status, number in report.summary.items():
        if number:
            lines.append(f"| {ICONS[Status(status)]} {status_words(status)} | {number} |")
    lines += [
        "",
        "| | target | goal | latest | need/yr | grew/yr | at deadline | reaches | status "
        "| chance |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    ranked = sorted(report, key=lambda r: WORST_FIRST.index(r.status))
    for result in ranked:
        mark = "✗" if result.key in failing else ""
        status = f"{ICONS[result.status]} {status_words(result.status)} ({result.method_status})"
        cells = (
            mark,
            f"`{result.key}`",
            result.goal,
            latest_cell(result),
            growth_cell(result, "growth_required_now"),
            growth_cell(result, "growth_actual"),
            projected_cell(result),
            reach_cell(result),
            status,
            chance_cell(result),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if report.changes is not None:
        lines += ["", f"### Changes since the baseline ({len(report.changes)})", ""]
        lines += [f"- {_cell(str(change))}" for change in report.changes] or ["- none"]
    lines += ["", _CHANCE_NOTE]
    lines += ["", "<details><summary>Why, target by target</summary>", ""]
    for result in ranked:
        where = f" ({result.location})" if result.location else ""
        lines.append(f"- **`{result.key}`**{_cell(where)}: {_cell(result.explain())}")
        phrase = chance_phrase(result, measured=True)
        if phrase is not None:
            lines.append(f"  *{_cell(phrase)}*")
    lines += ["", "</details>", ""]
    return "\n".join(lines)
