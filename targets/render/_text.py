"""The text report: targets grouped by status, worst first, readable at 80 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from targets._safe import oneline
from targets.engine import WORST_FIRST, Status
from targets.judge import Gate, Report
from targets.render._cells import (
    HEADER,
    WIDTHS,
    growth_cell,
    latest_cell,
    projected_cell,
    reach_cell,
)
from targets.render._status_words import status_words
from targets.rules import count

__all__ = ["Style", "plain", "render_text", "summary_line"]

Style = Callable[[str, Status], str]


def plain(text: str, status: Status) -> str:
    return text


def _row(cells: tuple[str, ...]) -> str:
    """One table row; an id too long for its column gets a line of its own above."""
    first, *rest = cells
    lead = ""
    if len(first) > WIDTHS[0]:
        lead, first = "  " + first + "\n", ""
    out = [first.ljust(WIDTHS[0])]
    out += [cell.rjust(width) for cell, width in zip(rest, WIDTHS[1:], strict=True)]
    return lead + "  " + " ".join(out).rstrip()


def render_text(
    report: Report,
    *,
    style: Style = plain,
    gate: Gate | None = None,
    explain: bool = False,
) -> str:
    """The report as a table per status (worst first), then a summary line."""
    programme = report.programme
    when = f"as of {report.as_of}" if report.as_of else "all figures"
    method = f", method {report.method} for every target" if report.method else ""
    name = oneline(programme.info.name)
    lines = [f"{name}: {count(len(report), 'target')}, {when}{method}", ""]
    gate = gate or Gate()
    failing = {r.id for r in gate.failures(report)}
    for status in WORST_FIRST:
        lines += _section(report, status, style, failing, explain=explain)
    if report.changes is not None:
        lines.append(f"CHANGES SINCE THE BASELINE ({len(report.changes)})")
        lines += [f"  {oneline(str(change))}" for change in report.changes] or ["  none"]
        lines.append("")
    disputed = [r for r in report if r.conflicts]
    if disputed:
        lines.append(
            f"note: {count(len(disputed), 'target')} rest on figures that sources give "
            "differently; `targets explain TARGET` shows which figure was used and why"
        )
    lines.append(summary_line(report, style))
    lines.append(gate.verdict(report))
    return "\n".join(_fit(line) for line in lines) + "\n"


def _fit(line: str) -> str:
    """Sentences wrapped at 80 columns; table rows are already narrower."""
    if len(line) <= 80 or line.startswith("  "):
        return line
    return textwrap.fill(line, 80, subsequent_indent="  ")


def _section(
    report: Report, status: Status, style: Style, failing: set[str], *, explain: bool
) -> list[str]:
    chosen = [r for r in report if r.status is status]
    if not chosen:
        return []
    title = f"{status_words(status).upper()} ({len(chosen)})"
    lines = [style(title, status)]
    if status is not Status.NOT_ASSESSABLE:
        lines.append(_row(HEADER))
    for result in chosen:
        mark = "✗ " if result.id in failing else "  "
        if status is Status.NOT_ASSESSABLE:
            reason = oneline(result.reason or "no reason given")
            lines.append(
                textwrap.fill(
                    f"{result.id}: {reason}", 78, initial_indent="    ", subsequent_indent="      "
                )
            )
            continue
        cells = (
            mark + result.id,
            latest_cell(result),
            growth_cell(result, "growth_required_now"),
            growth_cell(result, "growth_actual"),
            projected_cell(result),
            reach_cell(result),
        )
        lines.append(_row(cells))
        if explain:
            lines.append(
                textwrap.fill(
                    oneline(result.explain()),
                    78,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
            )
    lines.append("")
    return lines


def summary_line(report: Report, style: Style = plain) -> str:
    parts = [
        style(f"{count} {status_words(status)}", Status(status))
        for status, count in report.summary.items()
        if count
    ]
    return f"{count(len(report), 'target')}: " + ", ".join(parts)
