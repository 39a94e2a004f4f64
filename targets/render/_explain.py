"""The whole arithmetic of one verdict, step by step, for an analyst to redo by hand."""

from __future__ import annotations

import textwrap

from targets._safe import oneline
from targets.judge import TargetResult
from targets.rules import quantity

__all__ = ["explain_steps"]


def explain_steps(result: TargetResult) -> str:
    """Target, figures used, every computed quantity, thresholds, notes and the verdict.

    Every string from the input passes `oneline`, so it cannot start a line of its own."""
    target, metric = result.target, result.metric
    lines = [
        f"{target.id}: {oneline(target.name or result.goal)}",
        f"  goal      {oneline(result.goal)} ({target.kind} target on '{metric.id}', "
        f"{oneline(metric.name)}, better when {metric.better})",
    ]
    if result.location is not None:
        lines.append(f"  rule      {result.location}")
    if target.source:
        quote = f': "{oneline(target.quote)}"' if target.quote else ""
        lines.append(
            textwrap.fill(
                f"{target.source}{quote}",
                96,
                initial_indent="  stated by ",
                subsequent_indent="            ",
            )
        )
    lines.append(f"  method    {result.method}")
    thresholds = result.thresholds
    if thresholds:
        listed = ", ".join(f"{k}={v:g}" for k, v in thresholds.items())
        lines.append(
            textwrap.fill(
                listed, 96, initial_indent="  thresholds ", subsequent_indent="             "
            )
        )
    lines.append("")
    lines.append("figures used (one per period; time in years):")
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
            f"  {figure.period.label:<10} t={figure.time:<9.4g}{entity} {value}  "
            f"[{figure.kind}; {source}{published}; {said}]"
        )
    for figure in result.evidence.forecasts:
        source = figure.source.id if figure.source else "no source"
        lines.append(
            f"  {figure.period.label:<10} forecast {quantity(figure.low, metric.unit)} "
            f"(not counted; {source})"
        )
    if result.steps:
        lines.append("")
        lines.append("arithmetic:")
        lines += [f"  {step}" for step in result.steps]
    notes = result.notes
    if notes:
        lines.append("")
        lines.append("notes:")
        lines += [
            textwrap.fill(oneline(note), 96, initial_indent="  - ", subsequent_indent="    ")
            for note in notes
        ]
    lines.append("")
    lines.append(f"verdict: {result.status.value} ({result.method} {result.method_status})")
    if result.reason:
        lines.append(f"reason: {oneline(result.reason)}")
    words = oneline(result.explain())
    lines.append(textwrap.fill(f"in words: {words}", 96, subsequent_indent="  "))
    return "\n".join(lines)
