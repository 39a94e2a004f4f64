"""The whole arithmetic of one verdict, step by step, for an analyst to redo by hand.

Every line is wrapped at `width` columns (80 unless the CLI measured the terminal), each
kind of line with the hanging indent that keeps its column: values under values, a step's
continuation under its formula.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from targets._safe import oneline
from targets.engine import Status
from targets.judge import TargetResult
from targets.render._chance import chance_lines
from targets.rules import quantity

__all__ = ["explain_steps"]

WIDTH = 80


def _plain(text: str, status: Status) -> str:
    return text


def explain_steps(
    result: TargetResult, *, width: int = WIDTH, style: Callable[[str, Status], str] = _plain
) -> str:
    """Target, figures used, every computed quantity, thresholds, notes and the verdict
    (its status passed through `style`, which the CLI uses to colour it); then, apart and
    named as such, the project's own reading of the chance, with its arithmetic.

    Every string from the input passes `oneline`, so it cannot start a line of its own."""
    width = max(width, 40)

    def fill(text: str, first: str = "", rest: str = "  ") -> str:
        return textwrap.fill(
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        )

    target, metric = result.target, result.metric
    lines = [
        fill(f"{oneline(result.key)}: {oneline(target.name or result.goal)}"),  # id[entity]
        fill(
            f"{oneline(result.goal)} ({target.kind} target on '{metric.id}', "
            f"{oneline(metric.name)}, better when {metric.better})",
            "  goal      ",
            " " * 12,
        ),
    ]
    if result.location is not None:
        lines.append(fill(str(result.location), "  rule      ", " " * 12))
    if target.source:
        quote = f': "{oneline(target.quote)}"' if target.quote else ""
        lines.append(fill(f"{target.source}{quote}", "  stated by ", " " * 12))
    lines.append(f"  method    {result.method}")
    thresholds = result.thresholds
    if thresholds:
        listed = ", ".join(f"{k}={v:g}" for k, v in thresholds.items())
        lines.append(fill(listed, "  thresholds ", " " * 13))
    lines.append("")
    lines.append(fill("figures used (one per period; time in years):"))
    if not result.figures:
        lines.append("  none")
    for figure in result.figures:
        source = figure.source.id if figure.source else "no source"
        published = f", published {figure.published}" if figure.published else ""
        value = quantity(figure.low, metric.unit)
        if figure.is_range:
            value = f"{quantity(figure.low, None)} to {quantity(figure.high, metric.unit)}"
        entity = f" {oneline(figure.entity)}" if figure.entity else ""
        said = (
            oneline(figure.note)
            if figure.kind == "derived" and figure.note
            else f"stated '{oneline(figure.stated)}'"
        )
        lines.append(
            fill(
                f"{figure.period.label:<10} t={figure.time:<9.4g}{entity} {value}  "
                f"[{figure.kind}; {source}{published}; {said}]",
                "  ",
                " " * 15,
            )
        )
    for figure in result.evidence.forecasts:
        source = figure.source.id if figure.source else "no source"
        lines.append(
            fill(
                f"{figure.period.label:<10} forecast {quantity(figure.low, metric.unit)} "
                f"(not counted; {source})",
                "  ",
                " " * 15,
            )
        )
    if result.steps:
        lines.append("")
        lines.append("arithmetic:")
        lines += [fill(str(step), "  ", " " * 6) for step in result.steps]
    notes = result.notes
    if notes:
        lines.append("")
        lines.append("notes:")
        lines += [fill(oneline(note), "  - ", "    ") for note in notes]
    lines.append("")
    verdict = fill(f"verdict: {result.status.value} ({result.method} {result.method_status})")
    status = result.status.value
    lines.append(verdict.replace(status, style(status, result.status), 1))
    if result.reason:
        lines.append(fill(f"reason: {oneline(result.reason)}"))
    lines.append(fill(f"in words: {oneline(result.explain())}"))
    lines += chance_lines(result, fill)  # the project's reading, apart from the verdict
    return "\n".join(lines)
