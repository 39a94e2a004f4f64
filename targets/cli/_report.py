"""``targets report --html FILE``: the self-contained HTML report, for people rather than CI.

It takes the options of ``targets check`` (the same option objects, so the two cannot drift
apart), evaluates everything, and only then writes the file. It is a report, not a gate:
it exits 0 once the file is written, whatever the statuses; ``--fail-on``, ``--strict`` and
``--fail-on-chance-below`` set the gate the report displays. Invalid input exits 2 and
writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from targets._exit import ExitCode
from targets._safe import guard
from targets.cli import _check
from targets.cli._check import CHANCE_RANGE, STATUSES
from targets.cli._echo import say
from targets.cli._inputs import load_programme
from targets.cli._options import debug_option, mention_settings, quiet_option
from targets.cli._write import write_all

__all__ = ["report"]


def _reused(name: str) -> click.Parameter:
    """An option of ``targets check``, shared rather than copied."""
    for param in _check.check.params:
        if param.name == name:
            return param
    raise LookupError(f"targets check has no parameter {name!r}")  # pragma: no cover


@click.command(
    params=[_reused(n) for n in ("paths", "as_of", "follow_links", "select", "exclude", "method")]
)
@click.option(
    "--html",
    "html_file",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    metavar="FILE",
    help="Write the HTML report to FILE ('-' for standard output).",
)
@click.option(
    "--fail-on",
    type=click.Choice([*STATUSES, "none"]),
    default="off_track",
    show_default=True,
    help="The gate the report shows: targets at this status or worse are marked. It does not "
    "change the exit code.",
)
@click.option("--strict", is_flag=True, help="Let warn-severity targets trip the gate shown.")
@click.option(
    "--fail-on-chance-below",
    type=CHANCE_RANGE,
    metavar="P",
    help="The chance gate the report shows: targets whose chance (the project's own reading, "
    "0 to 1) is below P are marked. It does not change the exit code.",
)
@quiet_option("Say nothing once the file is written.")
@debug_option
@click.pass_context
def report(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    as_of: str | None,
    follow_links: bool,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    method: str | None,
    html_file: Path,
    fail_on: str,
    strict: bool,
    fail_on_chance_below: float | None,
    quiet: bool,
) -> None:
    """Write a self-contained HTML report: a summary by status and one card per target.

    The page needs no network (no CDN, fonts or scripts to fetch): charts are inline SVG.
    Above 300 results it shows the worst in full and counts the rest: a target judged for
    each entity is one section of sparklines, its worst entities first. Exits 0 once the
    file is written, whatever the statuses (use `targets check` to gate); 2 when the input
    or the command line is invalid, and then nothing is written.
    """
    import targets  # noqa: PLC0415 - start-up time

    mention_settings(ctx, quiet=quiet)
    programme = load_programme(paths, follow_links)
    _check.require_figures(programme)
    # imported once the files are read: their reading overlapped the loader's imports only
    from targets.judge import Gate  # noqa: PLC0415
    from targets.render import report_html_document  # noqa: PLC0415

    try:
        result = targets.check(
            programme, as_of=as_of, method=method, select=select, exclude=exclude
        )
    except targets.CheckError as exc:  # a selection matching nothing, an unreadable --as-of
        raise click.UsageError(str(exc)) from None
    gate = Gate(fail_on, strict, chance_below=fail_on_chance_below)
    document = report_html_document(result, gate=gate)
    if str(html_file) == "-":  # standard output may be a CI log: guarded as XML is
        click.echo(guard(document, "xml"), nl=False)
        ctx.exit(ExitCode.OK)
    write_all({html_file: document}, read=programme.files)
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in result.summary.items() if n)
    if not quiet:
        say(f"wrote {html_file}: {len(result)} targets ({counts})", err=True)
    ctx.exit(ExitCode.OK)
