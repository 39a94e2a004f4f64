"""``targets check`` and ``targets explain``: the CI gate and the arithmetic behind a verdict."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from targets._exit import ExitCode
from targets.cli._complete import complete_patterns, complete_target
from targets.cli._echo import say
from targets.engine import METHODS, SEVERITY

__all__ = [
    "FORMATS",
    "STATUSES",
    "check",
    "explain",
    "follow_links",
    "require_figures",
    "warn_if_nothing_judged",
    "write_all",
]


STATUSES = tuple(status.value for status in SEVERITY)
"""The statuses a gate can be set at (not_assessable is outside the order)."""
FORMATS = ("text", "json", "junit", "markdown", "github")

_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATHS]...")
_as_of = click.option(
    "--as-of",
    metavar="DATE",
    help="Evaluate as if on DATE (2023-01-01, or a year): only figures published by then.",
)
_method = click.option(
    "--method",
    type=click.Choice(list(METHODS)),
    help="Judge every target with this method for this run.",
)

follow_links = click.option(
    "--follow-links-outside",
    "follow_links",
    is_flag=True,
    help="Read what symlinks in the PATHS lead to outside them (by default such links are "
    "refused: see SECURITY.md).",
)


def _load(paths: tuple[Path, ...], follow_links: bool = False) -> Any:
    """Load the rules and figures; their warnings go to standard error."""
    import targets  # noqa: PLC0415 - start-up time

    programme = targets.load(*(paths or (Path("."),)), follow_links_outside=follow_links)
    for warning in programme.warnings:
        say(str(warning), err=True)
    return programme


@click.command()
@_paths
@_as_of
@follow_links
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="PATTERN",
    shell_complete=complete_patterns,
    help="Keep targets matching a glob on id, tag, metric or owner; or tag:, metric:, owner:, "
    "status:, kind:, id: PATTERN. Repeatable. Matching nothing is an error.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    shell_complete=complete_patterns,
    help="Drop targets matching PATTERN (as --select). Repeatable.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*STATUSES, "none"]),
    default="off_track",
    show_default=True,
    help="Exit 1 when a target is at this status or worse (none: never).",
)
@click.option("--strict", is_flag=True, help="Let warn-severity targets fail the gate too.")
@_method
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format on standard output. github also appends a Markdown summary to "
    "$GITHUB_STEP_SUMMARY when it is set.",
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the JSON report to FILE.",
)
@click.option(
    "--junit",
    "junit_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a JUnit XML report to FILE.",
)
@click.option(
    "--markdown",
    "markdown_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a Markdown report to FILE.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An earlier run's JSON report: show status transitions and moved projections.",
)
@click.option(
    "--fail-on-change",
    type=click.Choice(["worse", "any"]),
    help="Gate on changes since --baseline instead of on statuses: worse (regressions only) "
    "or any status change.",
)
@click.option(
    "--explain",
    "-v",
    "explain",
    is_flag=True,
    help="Text format: print each target's explanation under its row.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: on a terminal, unless NO_COLOR is set).",
)
@click.pass_context
def check(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    as_of: str | None,
    follow_links: bool,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    fail_on: str,
    strict: bool,
    method: str | None,
    output_format: str,
    json_file: Path | None,
    junit_file: Path | None,
    markdown_file: Path | None,
    baseline: Path | None,
    fail_on_change: str | None,
    explain: bool,
    color: bool | None,
) -> None:
    """Judge every target against its figures; the exit code gates CI.

    Exits 0 when no target is at --fail-on or worse, 1 when one is, 2 when the input (or the
    command line) is invalid: nothing is written then. Report files are written only after
    everything was evaluated.
    """
    import targets  # noqa: PLC0415 - start-up time
    from targets.judge import Gate  # noqa: PLC0415
    from targets.render import render  # noqa: PLC0415

    if fail_on_change and baseline is None:
        raise click.UsageError("--fail-on-change needs --baseline")
    try:
        programme = _load(paths, follow_links)
    except targets.LoadError as exc:
        if output_format == "github":  # annotate the files too; the group then exits 2
            from targets.render import annotation  # noqa: PLC0415

            for d in exc.diagnostics:
                click.echo(annotation(d.severity, d.message, d.location, "invalid input"))
        raise
    require_figures(programme)
    try:
        report = targets.check(
            programme,
            as_of=as_of,
            method=method,
            select=select,
            exclude=exclude,
            baseline=baseline,
        )
    except targets.BaselineError as exc:
        raise click.BadParameter(str(exc), param_hint="--baseline") from None
    except targets.CheckError as exc:  # a selection matching nothing, an unreadable --as-of
        raise click.UsageError(str(exc)) from None
    gate = Gate(None if fail_on == "none" else fail_on, strict, fail_on_change)
    use_colour = _colour(color)
    outputs = {
        path: render(report, kind, gate=gate)
        for path, kind in ((json_file, "json"), (junit_file, "junit"), (markdown_file, "markdown"))
        if path is not None
    }
    stdout = render(report, output_format, gate=gate, colour=use_colour, explain=explain)
    write_all(outputs)
    click.echo(stdout, nl=False, color=use_colour)  # render() guarded it for its format
    warn_if_nothing_judged(report)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(render(report, "markdown", gate=gate))
        except OSError as exc:  # the gate still holds; the summary is a courtesy
            say(f"warning: cannot append to $GITHUB_STEP_SUMMARY: {exc.strerror}", err=True)
    ctx.exit(ExitCode.GATE if gate.failures(report) else ExitCode.OK)


def require_figures(programme: Any) -> None:
    """Refuse to judge without a single figure: a forgotten folder must not pass the gate."""
    if not programme.figures:
        raise click.UsageError(
            "no figures in the input, so nothing can be judged: add the figures files or "
            "folders to the PATHS"
        )


def warn_if_nothing_judged(report: Any) -> None:
    if len(report) and all(r.status == "not_assessable" for r in report):
        say("warning: no target could be assessed; see the reasons above", err=True)


def write_all(outputs: dict[Path, str]) -> None:
    """Write every report file, or none: each folder is checked before the first write."""
    for path in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise click.UsageError(f"cannot write {path}: no folder {folder}")
        if path.is_dir() or not os.access(folder, os.W_OK):
            raise click.UsageError(f"cannot write {path}")
    for path, text in outputs.items():
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {path}: {exc.strerror}") from None


def _colour(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@click.command()
@click.argument("target", shell_complete=complete_target)
@_paths
@_as_of
@_method
@follow_links
def explain(
    target: str, paths: tuple[Path, ...], as_of: str | None, method: str | None, follow_links: bool
) -> None:
    """Print the whole arithmetic behind TARGET's verdict, step by step."""
    import targets  # noqa: PLC0415 - start-up time

    try:
        report = targets.check(_load(paths, follow_links), as_of=as_of, method=method)
        say(report.explain(target))
    except targets.UnknownTargetError as exc:
        raise click.BadParameter(str(exc), param_hint="TARGET") from None
    except targets.CheckError as exc:
        raise click.UsageError(str(exc)) from None
