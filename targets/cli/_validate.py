"""``targets validate`` and ``targets schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from targets._exit import ExitCode
from targets._safe import oneline
from targets.cli._check import follow_links
from targets.cli._echo import report_problems, say

__all__ = ["schema", "validate"]


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATHS]...")


@click.command()
@_paths
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@follow_links
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], strict: bool, follow_links: bool) -> None:
    """Check rules and figures files without assessing anything.

    Every problem in every file is listed as path:line:col: message. Exits 0 when the
    input is valid, 2 when it is not.
    """
    import targets  # noqa: PLC0415 - start-up time
    from targets.rules import count  # noqa: PLC0415

    try:
        programme = targets.load(*(paths or (Path("."),)), follow_links_outside=follow_links)
    except targets.LoadError as exc:
        report_problems(exc)
        ctx.exit(ExitCode.INVALID)
    for warning in programme.warnings:
        say(str(warning), err=True)
    figures = sum(f.kind != "derived" for f in programme.figures)
    derived = len(programme.figures) - figures
    say(
        f"ok: {oneline(programme.name)}: {count(len(programme.targets), 'target')}, "
        f"{count(len(programme.metrics), 'metric')}, {count(figures, 'figure')} "
        f"(+{derived} derived), {count(len(programme.sources), 'source')} "
        f"in {count(len(programme.files), 'file')}"
        + (f"; {count(len(programme.warnings), 'warning')}" if programme.warnings else "")
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
def schema(output: Path | None, results: bool) -> None:
    """Print the JSON Schema of rules and figures files.

    Point editors at it with a first line such as
    '# yaml-language-server: $schema=schema/targets.schema.json'.
    """
    from targets import json_schema  # noqa: PLC0415 - start-up time

    text = json.dumps(json_schema(results=results), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None
