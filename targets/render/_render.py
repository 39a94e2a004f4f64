"""One entry point for every report format; the CLI and `Report.to_*` both call it."""

from __future__ import annotations

import json

from targets._safe import guard
from targets.engine import Status
from targets.judge import Gate, Report
from targets.render._findings import gitlab_report, sarif_log
from targets.render._github import render_github
from targets.render._junit import render_junit
from targets.render._markdown import render_markdown
from targets.render._palette import TEXT_COLOURS
from targets.render._text import WIDTH, plain, render_text

__all__ = ["FORMATS", "render"]


FORMATS = ("text", "json", "junit", "markdown", "github", "sarif", "gitlab")


def render(
    report: Report,
    kind: str,
    *,
    gate: Gate | None = None,
    colour: bool = False,
    explain: bool = False,
    width: int = WIDTH,
) -> str:
    """`report` in the format `kind` (one of `FORMATS`), safe to print in a CI log: no line
    that an input string made can start with ``::`` (see `targets._safe.guard`). `width`
    is the text format's line length; `colour` and `explain` are the text format's too."""
    if kind == "json":
        return _json(report.to_dict())
    if kind == "sarif":
        return _json(sarif_log(report, gate=gate))
    if kind == "gitlab":
        return _json(gitlab_report(report, gate=gate))
    if kind == "text":

        def coloured(text: str, status: Status) -> str:
            import click  # noqa: PLC0415

            return click.style(text, fg=TEXT_COLOURS[status], bold=True)

        style = coloured if colour else plain
        text = render_text(report, style=style, gate=gate, explain=explain, width=width)
        return guard(text, "text", colour=colour)
    if kind == "junit":
        return guard(render_junit(report, gate=gate), "xml")
    if kind == "github":
        return render_github(report, gate=gate)
    if kind == "markdown":
        return guard(render_markdown(report, gate=gate), "markdown")
    raise ValueError(f"unknown format '{kind}'; choose one of {', '.join(FORMATS)}")


def _json(data: object) -> str:
    return guard(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "json")
