"""One entry point for every report format; the CLI and `Report.to_*` both call it.

Each format's module is imported when a report is first written in it: a run pays only
for the formats it writes (`targets check` writes text; JUnit's XML, SARIF and Markdown
wait until asked)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from targets._safe import guard
from targets.engine import Status
from targets.judge import Gate, Report
from targets.render._text import WIDTH, plain, render_text

__all__ = ["FORMATS", "render", "render_pieces"]


FORMATS = ("text", "json", "jsonl", "junit", "markdown", "github", "sarif", "gitlab")


def render_pieces(
    report: Report,
    kind: str,
    *,
    gate: Gate | None = None,
    colour: bool = False,
    explain: bool = False,
    width: int = WIDTH,
    detail: str = "auto",
) -> Iterator[str]:
    """`render`, in pieces to write as they come: JSON and JSON Lines line by line (a
    compact report of many results is never held whole), other formats in one piece.
    `detail` is the JSON formats' and JUnit's (see `targets.judge.DETAILS`)."""
    if kind == "json":
        from targets.render._json import json_report  # noqa: PLC0415 - on first use

        yield from json_report(report, detail)
    elif kind == "jsonl":
        from targets.render._json import jsonl_report  # noqa: PLC0415 - on first use

        yield from jsonl_report(report, detail)
    else:
        yield render(
            report, kind, gate=gate, colour=colour, explain=explain, width=width, detail=detail
        )


def render(
    report: Report,
    kind: str,
    *,
    gate: Gate | None = None,
    colour: bool = False,
    explain: bool = False,
    width: int = WIDTH,
    detail: str = "auto",
) -> str:
    """`report` in the format `kind` (one of `FORMATS`), safe to print in a CI log: no line
    that an input string made can start with ``::`` (see `targets._safe.guard`). `width`
    is the text format's line length; `colour` and `explain` are the text format's too;
    `detail` the JSON formats' and JUnit's (``auto``: compact above a thousand results)."""
    if kind in {"json", "jsonl"}:
        return "".join(render_pieces(report, kind, detail=detail))
    if kind == "sarif":
        from targets.render._findings import sarif_log  # noqa: PLC0415 - on first use

        return _json(sarif_log(report, gate=gate))
    if kind == "gitlab":
        from targets.render._findings import gitlab_report  # noqa: PLC0415 - on first use

        return _json(gitlab_report(report, gate=gate))
    if kind == "text":

        def coloured(text: str, status: Status) -> str:
            import click  # noqa: PLC0415

            from targets.render._palette import TEXT_COLOURS  # noqa: PLC0415

            return click.style(text, fg=TEXT_COLOURS[status], bold=True)

        style = coloured if colour else plain
        text = render_text(report, style=style, gate=gate, explain=explain, width=width)
        return guard(text, "text", colour=colour)
    if kind == "junit":
        from targets.render._junit import render_junit  # noqa: PLC0415 - on first use

        return guard(render_junit(report, gate=gate, detail=detail), "xml")
    if kind == "github":
        from targets.render._github import render_github  # noqa: PLC0415 - on first use

        return render_github(report, gate=gate)
    if kind == "markdown":
        from targets.render._markdown import render_markdown  # noqa: PLC0415 - on first use

        return guard(render_markdown(report, gate=gate), "markdown")
    raise ValueError(f"unknown format '{kind}'; choose one of {', '.join(FORMATS)}")


def _json(data: object) -> str:
    return guard(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "json")
