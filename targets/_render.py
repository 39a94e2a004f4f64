"""One entry point for every report format; the CLI and `Report.to_*` both call it."""

from __future__ import annotations

import json

from targets._gate import Gate
from targets._report import Report
from targets.engine import Status

FORMATS = ("text", "json", "junit", "markdown", "github")


def render(
    report: Report,
    kind: str,
    *,
    gate: Gate | None = None,
    colour: bool = False,
    explain: bool = False,
) -> str:
    """`report` in the format `kind` (one of `FORMATS`)."""
    if kind == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if kind == "text":
        from targets._render_text import COLOURS, plain, render_text  # noqa: PLC0415

        def coloured(text: str, status: Status) -> str:
            import click  # noqa: PLC0415

            return click.style(text, fg=COLOURS[status], bold=True)

        style = coloured if colour else plain
        return render_text(report, style=style, gate=gate, explain=explain)
    if kind == "junit":
        from targets._render_ci import render_junit  # noqa: PLC0415

        return render_junit(report, gate=gate)
    if kind == "github":
        from targets._render_ci import render_github  # noqa: PLC0415

        return render_github(report, gate=gate)
    if kind == "markdown":
        from targets._render_markdown import render_markdown  # noqa: PLC0415

        return render_markdown(report, gate=gate)
    raise ValueError(f"unknown format '{kind}'; choose one of {', '.join(FORMATS)}")
