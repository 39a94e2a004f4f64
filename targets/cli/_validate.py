"""``targets validate`` and ``targets schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from targets._exit import ExitCode
from targets._safe import oneline
from targets.cli._echo import report_problems, say
from targets.cli._inputs import follow_links, paths_argument
from targets.cli._options import debug_option, mention_settings, quiet_option, verbose_option
from targets.cli._term import colour_option, use_colour

__all__ = ["schema", "validate"]


@click.command()
@paths_argument
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@follow_links
@quiet_option("Print nothing when the input is valid (problems are still listed).")
@verbose_option("Also list the files read.")
@colour_option
@debug_option
@click.pass_context
def validate(
    ctx: click.Context,
    *,
    paths: tuple[Path, ...],
    strict: bool,
    follow_links: bool,
    quiet: bool,
    verbose: bool,
    color: bool | None,
) -> None:
    """Check rules and figures files without assessing anything.

    Every problem in every file is listed as path:line:col: message, all in one run. Exits
    0 when the input is valid, 2 when it is not.
    """
    import targets  # noqa: PLC0415 - start-up time
    from targets.rules import count  # noqa: PLC0415

    mention_settings(ctx, quiet=quiet)
    err_colour = use_colour(color, sys.stderr)
    try:
        programme = targets.load(*(paths or (Path("."),)), follow_links_outside=follow_links)
    except targets.LoadError as exc:
        report_problems(exc, colour=err_colour)
        ctx.exit(ExitCode.INVALID)
    if verbose:
        say(f"read {count(len(programme.files), 'file')}: {', '.join(programme.files)}", err=True)
    for warning in programme.warnings:
        say(str(warning), err=True)
    if quiet:
        if strict and programme.warnings:
            ctx.exit(ExitCode.INVALID)
        return
    kinds = programme.figure_kinds  # counted on the columns, no figure built
    derived = kinds["derived"]
    figures = sum(kinds.values()) - derived
    ok = click.style("ok", fg="green", bold=True) if use_colour(color) else "ok"
    say(
        f"{ok}: {oneline(programme.name)}: {count(len(programme.targets), 'target')}, "
        f"{count(len(programme.metrics), 'metric')}, {count(figures, 'figure')} "
        f"(+{derived} derived), {count(len(programme.sources), 'source')} "
        f"in {count(len(programme.files), 'file')}"
        + (f"; {count(len(programme.warnings), 'warning')}" if programme.warnings else ""),
        colour=use_colour(color),
    )
    if strict and programme.warnings:
        ctx.exit(ExitCode.INVALID)


@click.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
@click.option(
    "--results", is_flag=True, help="The schema of the JSON report of `targets check` instead."
)
@debug_option
def schema(output: Path | None, results: bool) -> None:
    """Print the JSON Schema of rules and figures files.

    Point editors at it with a first line such as
    '# yaml-language-server: $schema=schema/targets.schema.json'.
    """
    from targets import json_schema  # noqa: PLC0415 - start-up time
    from targets.cli._write import write_all  # noqa: PLC0415

    text = json.dumps(json_schema(results=results), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_all({output: text})
