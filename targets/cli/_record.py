"""``targets record``: add, replace or remove figures in a figures file, printing the diff."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from targets.cli._echo import say
from targets.cli._options import debug_option
from targets.cli._term import colour_option, use_colour

__all__ = ["record"]

_FIELDS = (
    ("metric", "ID", "The metric's id."),
    ("period", "PERIOD", "2024, 2015-16, 2024-Q3, 2024-07 or 2024-07-02."),
    ("value", "VALUE", "73788, 45,600, a range such as 4-8, or yes / no."),
    ("unit", "UNIT", "The value's unit: firm, 'USD billion', %, rank..."),
    ("kind", "KIND", "actual (the default), estimate or forecast."),
    ("entity", "TEXT", "Who the figure is about, for count targets."),
    ("source", "ID", "The id of the source that states it."),
    ("quote", "TEXT", "The sentence in the source that states it."),
    ("published", "DATE", "When this edition was published (default: the source's date)."),
    ("change", "CHANGE", "Stated change on the previous period: '+7 %' or +5600."),
    ("since", "PERIOD", "The period the change is measured from."),
    ("note", "TEXT", "A note."),
)


def _figure_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for name, metavar, text in reversed(_FIELDS):
        command = click.option(f"--{name}", metavar=metavar, help=text)(command)
    return command


@click.command()
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@_figure_options
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path),
    metavar="FIGURES",
    help="Record every figure of this CSV or YAML figures file instead.",
)
@click.option(
    "--with",
    "rules",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Rules and figures to validate the result with, as `targets validate PATH`. "
    "Repeatable. Default: the nearest folder, from FILE's own upwards, with a file "
    "declaring 'programme:'.",
)
@click.option(
    "--replace", is_flag=True, help="Replace the figure already recorded for the same key."
)
@click.option("--remove", is_flag=True, help="Remove the figure given instead of adding it.")
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print no diff and no summary.")
@click.option(
    "--wait",
    type=click.FloatRange(0, 600),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait while another `targets record` edits FILE.",
)
@colour_option
@debug_option
def record(
    *,
    file: Path,
    from_file: Path | None,
    rules: tuple[Path, ...],
    replace: bool,
    remove: bool,
    dry_run: bool,
    quiet: bool,
    wait: float,
    color: bool | None,
    **fields: str | None,
) -> None:
    """Add a figure to a YAML or CSV figures file, keeping every other byte of it.

    \b
      targets record figures/firms.yaml --metric dt-firms --period 2025 \\
          --value 80,000 --unit firm --source mic-2026 --published 2026-01-10

    The new figure goes after the last one, in the file's own layout. The result is
    validated with the rules around it before it is written, atomically and under a lock;
    the change is printed as a unified diff. A figure already recorded for the same metric,
    period, entity, source, edition (publication date) and forecast-or-not is refused
    unless --replace, which rewrites it in place. --remove removes the figure the same
    options identify. Exits 0 when done, 2 when the input is invalid or the change is
    refused (nothing is written then).
    """
    from targets import record as record_figures  # noqa: PLC0415 - start-up time
    from targets.rules import typed  # noqa: PLC0415

    given = {name: text for name, text in fields.items() if text is not None}
    if from_file is not None and given:
        raise click.UsageError("give one figure with options or several with --from, not both")
    if from_file is None and not given:
        raise click.UsageError("give a figure (--metric, --period, --value, --unit...) or --from")
    if replace and remove:
        raise click.UsageError("--replace and --remove exclude each other")
    done = record_figures(
        file,
        from_file if from_file is not None else typed(given),
        rules=rules or None,
        replace=replace,
        remove=remove,
        dry_run=dry_run,
        wait=wait,
        origin="<arguments>",
    )
    for warning in done.warnings:
        say(str(warning), err=True)
    if done.rewritten:
        click.echo(
            f"warning: {file}: its figures are not a block list, so ruamel.yaml re-emitted "
            "the whole file: comments and key order are kept, spacing may differ (see the diff)",
            err=True,
        )
    if quiet:
        return
    colour = use_colour(color)
    diff = _printable(done.diff)
    say(_coloured(diff) if colour else diff, nl=False, colour=colour)  # lines from the file
    click.echo(_summary(done, file, dry_run), err=True)


def _summary(done: Any, file: Path, dry_run: bool) -> str:
    from targets.rules import count  # noqa: PLC0415

    if not done.changed:
        return f"{file}: no change"
    counts = (("added", done.added), ("replaced", done.replaced), ("removed", done.removed))
    parts = [f"{how} {count(n, 'figure')}" for how, n in counts if n]
    return f"{file}: {', '.join(parts)}" + ("; dry run, nothing written" if dry_run else "")


def _printable(text: str) -> str:
    """The diff with control characters escaped: file content must not drive the terminal
    (a CRLF file's line ends are shown as line ends)."""
    out = []
    for index, char in enumerate(text):
        if text[index : index + 2] == "\r\n":
            continue
        if char.isprintable() or char in "\n\t":
            out.append(char)
        else:
            out.append(f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}")
    return "".join(out)


def _coloured(diff: str) -> str:
    """A unified diff as git colours it: headers bold, hunks cyan, additions green, removals
    red (the text is already escaped by `_printable`)."""
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line.rstrip("\n"), bold=True) + "\n")
        elif line.startswith("@@"):
            out.append(click.style(line.rstrip("\n"), fg="cyan") + "\n")
        elif line.startswith(("+", "-")):
            fg = "green" if line.startswith("+") else "red"
            out.append(click.style(line.rstrip("\n"), fg=fg) + "\n")
        else:
            out.append(line)
    return "".join(out)
