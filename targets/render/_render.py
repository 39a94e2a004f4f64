"""One entry point for every report format; the CLI and `Report.to_*` both call it."""

from __future__ import annotations

import json

from targets._safe import guard
from targets.engine import Status
from targets.judge._gate import Gate
from targets.judge._report import Report

FORMATS = ("text", "json", "junit", "markdown", "github")


def render(
    report: Report,
    kind: str,
    *,
    gate: Gate | None = None,
    colour: bool = False,
    explain: bool = False,
) -> str:
    """`report` in the format `kind` (one of `FORMATS`), safe to print in a CI log: no line
    that an input string made can start with ``::`` (see `targets._safe.guard`)."""
    if kind == "json":
        return guard(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", "json")
    if kind == "text":
        from targets.render._text import COLOURS, plain, render_text  # noqa: PLC0415

        def coloured(text: str, status: Status) -> str:
            import click  # noqa: PLC0415

            return click.style(text, fg=COLOURS[status], bold=True)

        style = coloured if colour else plain
        text = render_text(report, style=style, gate=gate, explain=explain)
        return guard(text, "text", colour=colour)
    if kind == "junit":
        from targets.render._ci import render_junit  # noqa: PLC0415

        return guard(render_junit(report, gate=gate), "xml")
    if kind == "github":
        from targets.render._ci import render_github  # noqa: PLC0415

        return render_github(report, gate=gate)
    if kind == "markdown":
        from targets.render._markdown import render_markdown  # noqa: PLC0415

        return guard(render_markdown(report, gate=gate), "markdown")
    raise ValueError(f"unknown format '{kind}'; choose one of {', '.join(FORMATS)}")
