"""The text report: targets grouped by status, worst first, readable at 80 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from targets._safe import oneline
from targets.engine import Status, format_number
from targets.judge._gate import Gate
from targets.judge._report import STATUS_ORDER, Report
from targets.judge._result import TargetResult
from targets.rules._words import count

COLOURS: dict[Status, str] = {
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.REGRESSING: "red",
    Status.MISSED: "magenta",
    Status.NOT_ASSESSABLE: "bright_black",
}

Style = Callable[[str, Status], str]


def plain(text: str, status: Status) -> str:
    return text


def status_words(status: Status | str) -> str:
    return str(status).replace("_", " ")


def growth_cell(result: TargetResult, name: str) -> str:
    """A growth rate as the table shows it: '35.5 %', or units a year for linear methods."""
    outcome = result.outcome
    if hasattr(outcome, "rate") and hasattr(outcome, "recent"):  # a growth-rate target
        rate = outcome.rate if name == "growth_required_now" else outcome.recent
        return "-" if rate is None else f"{rate * 100:.1f} %"
    lead = result.assessment
    if lead is None or (name == "growth_required_now" and result.status is Status.ACHIEVED):
        return "-"
    linear = getattr(lead, "projection", "compound") == "linear" or result.kind == "rank"
    if linear:
        change = result.change_actual if name == "growth_actual" else result.change_required_now
        return "-" if change is None else f"{change:+.3g}"
    value = getattr(lead, name, None)
    return "-" if value is None else f"{value * 100:.1f} %"


def compact(value: float, room: int, sig: int | None = None) -> str:
    """A number in at most `room` characters: 73,788; else 131k, 1.5M, 2.1bn, 1.2e+15."""
    if abs(value) >= 1e15:
        return f"{value:.2g}"
    text = format_number(value, sig)
    if len(text) <= room:
        return text
    for scale, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{format_number(value / scale, 3)}{suffix}"
    return f"{value:.3g}"


def latest_cell(result: TargetResult) -> str:
    """The latest value the verdict used, and its period (a count for count targets)."""
    latest = result.latest
    if latest is None:
        value, year = result.latest_value, result.latest_year
        if value is None or year is None:
            return "-"
        label = str(int(year)) if float(year).is_integer() else f"{year:.2f}"
        return f"{compact(value, _WIDTHS[1] - len(label) - 3)} ({label})"
    if result.metric.binary:
        value_text = "yes" if latest.low else "no"
    elif latest.is_range:
        value_text = f"{compact(latest.low, 5, 3)}-{compact(latest.high, 5, 3)}"
    else:
        value_text = compact(latest.low, _WIDTHS[1] - len(latest.period.label) - 3)
    return f"{value_text} ({latest.period.label})"


def projected_cell(result: TargetResult) -> str:
    """The trend's value at the deadline it is judged against (a milestone's, for those)."""
    projected = result.projected
    year = getattr(result.assessment, "target_year", None)
    if projected is None or year is None:
        return "-"
    label = str(int(year)) if float(year).is_integer() else f"{year:.2f}"
    return f"{compact(projected, _WIDTHS[4] - len(label) - 3, 3)} ({label})"


def reach_cell(result: TargetResult) -> str:
    if result.status is Status.ACHIEVED:
        return "met"
    reach = result.reach_year
    if reach is None:
        return "never" if result.projected is not None else "-"
    year = int(-(-reach // 1))  # the first whole year at or after the trend meets the target
    return str(year) if year < 10_000 else "never"


_HEADER = ("target", "latest", "need/yr", "grew/yr", "at deadline", "reaches")
_WIDTHS = (22, 15, 8, 8, 13, 7)
"""Two spaces, six columns and five gaps: 80 characters."""


def _row(cells: tuple[str, ...]) -> str:
    """One table row; an id too long for its column gets a line of its own above."""
    first, *rest = cells
    lead = ""
    if len(first) > _WIDTHS[0]:
        lead, first = "  " + first + "\n", ""
    out = [first.ljust(_WIDTHS[0])]
    out += [cell.rjust(width) for cell, width in zip(rest, _WIDTHS[1:], strict=True)]
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
    for status in reversed(STATUS_ORDER[:-1]):
        lines += _section(report, status, style, failing, explain=explain)
    lines += _section(report, Status.NOT_ASSESSABLE, style, failing, explain=explain)
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
        lines.append(_row(_HEADER))
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
