"""``targets check``: the CI gate."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from targets._exit import ExitCode
from targets._safe import quoted
from targets.cli._complete import complete_patterns
from targets.cli._echo import say
from targets.cli._inputs import (
    as_of_option,
    follow_links,
    load_programme,
    method_option,
    paths_argument,
)
from targets.cli._options import (
    debug_option,
    detail_option,
    mention_settings,
    quiet_option,
    verbose_option,
)
from targets.cli._progress import TerminalProgress, wants_progress
from targets.cli._term import colour_option, terminal_width, use_colour
from targets.cli._write import write_all
from targets.engine import SEVERITY

__all__ = [
    "CHANCE_RANGE",
    "FILE_FORMATS",
    "FORMATS",
    "STATUSES",
    "check",
    "require_figures",
    "warn_if_nothing_judged",
]


STATUSES = tuple(status.value for status in SEVERITY)
"""The statuses a gate can be set at (not_assessable is outside the order)."""
FORMATS = ("text", "json", "jsonl", "junit", "markdown", "github", "sarif", "gitlab")
FILE_FORMATS = (
    ("json_file", "json", "--json", "the JSON report"),
    ("jsonl_file", "jsonl", "--jsonl", "the results as JSON Lines (the header line first)"),
    ("junit_file", "junit", "--junit", "a JUnit XML report"),
    ("markdown_file", "markdown", "--markdown", "a Markdown report"),
    ("sarif_file", "sarif", "--sarif", "a SARIF 2.1.0 log (code scanning)"),
    ("gitlab_file", "gitlab", "--gitlab", "a GitLab code-quality report"),
)
"""(parameter, format, option, what it writes) of each report file `check` can write."""
STDOUT = "-"
"""A report file named '-' is standard output."""


class _Chance(click.FloatRange):
    """0 to 1, and a number: `FloatRange` lets 'nan' through (no comparison fails it)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail("NaN is no chance; give a number from 0 to 1", param, ctx)
        return number


CHANCE_RANGE = _Chance(0.0, 1.0)
"""A chance gate's threshold: a probability, 0 to 1 (0.5, not 50)."""


def _file_options(command: Any) -> Any:
    for name, _, option, what in reversed(FILE_FORMATS):
        command = click.option(
            option,
            name,
            metavar="FILE",
            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
            help=f"Also write {what} to FILE ('-': standard output, instead of --format).",
        )(command)
    return command


@click.command()
@paths_argument
@as_of_option
@follow_links
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="PATTERN",
    shell_complete=complete_patterns,
    help="Keep targets matching a glob on id, tag, metric or owner; or tag:, metric:, owner:, "
    "status:, kind:, id:, entity: PATTERN. Repeatable. Matching nothing is an error.",
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
@click.option(
    "--fail-on-chance-below",
    type=CHANCE_RANGE,
    metavar="P",
    help="Also exit 1 when a target's chance of being met by its deadline is below P (0 to "
    "1): the project's own reading of its figures, not the method's. A target without a "
    "chance never trips it.",
)
@method_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format on standard output. github also appends a Markdown summary to "
    "$GITHUB_STEP_SUMMARY when it is set.",
)
@_file_options
@detail_option(
    "--json-detail", "JSON and JSON Lines: full repeats each result's figures and explanation"
)
@detail_option("--junit-detail", "JUnit: full gives each failure its figures and arithmetic")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An earlier run's JSON report: show status transitions and moved projections.",
)
@click.option(
    "--fail-on-change",
    type=click.Choice(["worse", "any"]),
    help="Gate on changes since --baseline instead of on statuses: worse (regressions only) "
    "or any status change. A target new since the baseline fails when it is at --fail-on "
    "or worse.",
)
@click.option(
    "--explain",
    "explain",
    is_flag=True,
    help="Text format: print each target's explanation under its row.",
)
@verbose_option("Say more: each target's explanation under its row, and the files read.")
@quiet_option("Print only the gate line on standard output (report files are still written).")
@colour_option
@debug_option
@click.pass_context
def check(
    ctx: click.Context,
    /,
    *,
    paths: tuple[Path, ...],
    as_of: str | None,
    follow_links: bool,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    fail_on: str,
    strict: bool,
    fail_on_chance_below: float | None,
    method: str | None,
    output_format: str,
    json_detail: str,
    junit_detail: str,
    baseline: Path | None,
    fail_on_change: str | None,
    explain: bool,
    verbose: bool,
    quiet: bool,
    color: bool | None,
    **files: Path | None,
) -> None:
    """Judge every target against its figures; the exit code gates CI.

    Exits 0 when no target is at --fail-on or worse (nor below --fail-on-chance-below), 1
    when one is, 2 when the input (or the command line) is invalid: nothing is written then.
    Report files are written only after everything was evaluated; a report file named '-' is
    written to standard output instead of the --format report.
    """
    import targets  # noqa: PLC0415 - start-up time

    if fail_on_change and baseline is None:
        raise click.UsageError("--fail-on-change needs --baseline")
    _one_report_a_file(files)
    stdout_format = _stdout_format(ctx, output_format, files, quiet)
    mention_settings(ctx, quiet=quiet)
    progress = TerminalProgress() if wants_progress(quiet) else None
    try:
        programme = load_programme(paths, follow_links, verbose, progress)
    except targets.LoadError as exc:
        if stdout_format == "github":  # annotate the files too; the group then exits 2
            from targets.render import annotation  # noqa: PLC0415

            for d in exc.diagnostics:
                click.echo(annotation(d.severity, d.message, d.location, "invalid input"))
        raise
    require_figures(programme)
    # imported once the files are read: their reading overlapped the loader's imports only
    from targets.judge import Gate  # noqa: PLC0415
    from targets.render import render, render_pieces  # noqa: PLC0415

    try:
        report = targets.check(
            programme,
            as_of=as_of,
            method=method,
            select=select,
            exclude=exclude,
            baseline=baseline,
            progress=progress,
        )
    except targets.BaselineError as exc:
        raise click.BadParameter(str(exc), param_hint="--baseline") from None
    except targets.CheckError as exc:  # a selection matching nothing, an unreadable --as-of
        raise click.UsageError(str(exc)) from None
    status = None if fail_on == "none" else fail_on
    gate = Gate(status, strict, fail_on_change, chance_below=fail_on_chance_below)
    colour = use_colour(color)
    outputs = {  # written as they are rendered, piece by piece
        path: _counted(
            render_pieces(
                report, kind, gate=gate, detail=junit_detail if kind == "junit" else json_detail
            ),
            progress,
            len(report),
        )
        for name, kind, _, _ in FILE_FORMATS
        if (path := files.get(name)) is not None and str(path) != STDOUT
    }
    if quiet:
        stdout: Iterable[str] = [gate.verdict(report) + "\n"]
    else:
        stdout = render_pieces(
            report,
            stdout_format,
            gate=gate,
            colour=colour,
            explain=explain or verbose,
            width=terminal_width(),
            detail=junit_detail if stdout_format == "junit" else json_detail,
        )
    write_all(outputs, read=[*programme.files, *_baseline_kept(baseline, files.get("json_file"))])
    if progress is not None:
        progress.close()
    for piece in stdout:  # render() guarded each piece for its format
        click.echo(piece, nl=False, color=colour)
    warn_if_nothing_judged(report)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    read = {
        os.path.realpath(name) for name in [*programme.files, *([baseline] if baseline else [])]
    }
    if stdout_format == "github" and summary_file and os.path.realpath(summary_file) in read:
        say("warning: $GITHUB_STEP_SUMMARY is one of the files read: not appended to", err=True)
    elif stdout_format == "github" and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(render(report, "markdown", gate=gate))
        except OSError as exc:  # the gate still holds; the summary is a courtesy
            say(f"warning: cannot append to $GITHUB_STEP_SUMMARY: {exc.strerror}", err=True)
    ctx.exit(ExitCode.GATE if gate.failing_keys(report) else ExitCode.OK)


def _baseline_kept(baseline: Path | None, json_file: Path | None) -> list[str]:
    """The baseline, as a file no report may replace, unless the JSON report goes to it:
    ``--baseline last.json --json last.json`` rolls the baseline forward, the run just
    compared becoming the next one's baseline; any other report there would destroy it."""
    if baseline is None:
        return []
    if json_file is not None and os.path.realpath(json_file) == os.path.realpath(baseline):
        return []
    return [str(baseline)]


def _counted(pieces: Iterable[str], progress: TerminalProgress | None, total: int) -> Iterable[str]:
    """`pieces`, telling `progress` how far the writing is (a result is a line of JSON)."""
    if progress is None:
        yield from pieces
        return
    done = 0
    for piece in pieces:
        done += piece.count("\n")
        progress("writing", min(done, total), total)
        yield piece
    progress("writing", total, total)


def _one_report_a_file(files: dict[str, Path | None]) -> None:
    """Two report options naming the same file (``--json r --junit r``, or the same file
    by another path) are a usage error: the second report would silently replace the
    first."""
    seen: dict[str, str] = {}
    for name, _, option, _ in FILE_FORMATS:
        path = files.get(name)
        if path is None or str(path) == STDOUT:
            continue
        where = os.path.realpath(path)
        if where in seen:
            raise click.UsageError(
                f"{seen[where]} and {option} name the same file, {quoted(str(path))}: "
                "name one for each"
            )
        seen[where] = option


def _stdout_format(
    ctx: click.Context, output_format: str, files: dict[str, Path | None], quiet: bool
) -> str:
    """What standard output carries: the --format report, or the one report file named '-'.

    Two reports cannot share standard output: two files named '-', or '-' beside a --format
    given on the command line, or beside -q, are usage errors."""
    dashed = [
        (option, kind)
        for name, kind, option, _ in FILE_FORMATS
        if (path := files.get(name)) is not None and str(path) == STDOUT
    ]
    if not dashed:
        return output_format
    if len(dashed) > 1:
        both = " and ".join(f"{option} -" for option, _ in dashed)
        raise click.UsageError(f"{both} would both write to standard output; name a file")
    option, kind = dashed[0]
    given = ctx.get_parameter_source("output_format") is ParameterSource.COMMANDLINE
    if given and output_format != kind:
        raise click.UsageError(
            f"{option} - and --format {output_format} would both write to standard output"
        )
    if quiet:
        raise click.UsageError(f"-q prints only the gate line; {option} - would print a report")
    return kind


def require_figures(programme: Any) -> None:
    """Refuse to judge without a single figure: a forgotten folder must not pass the gate."""
    if not sum(programme.figure_kinds.values()):
        raise click.UsageError(
            "no figures in the input, so nothing can be judged: add the figures files or "
            "folders to the PATHS"
        )


def warn_if_nothing_judged(report: Any) -> None:
    summary = report.summary  # from the columns: no result is built
    if len(report) and summary["not_assessable"] == len(report):
        say("warning: no target could be assessed; see the reasons above", err=True)
