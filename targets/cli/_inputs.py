"""What the commands that read rules and figures share: their arguments and options, and
the loading (warnings to standard error), so ``check``, ``explain``, ``report`` and
``validate`` read their input alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from targets.cli._echo import say
from targets.cli._progress import TerminalProgress
from targets.engine import METHODS

__all__ = ["as_of_option", "follow_links", "load_programme", "method_option", "paths_argument"]


paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATHS]..."
)
as_of_option = click.option(
    "--as-of",
    metavar="DATE",
    help="Evaluate as if on DATE (2023-01-01, or a year): only figures published by then.",
)
method_option = click.option(
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


def load_programme(
    paths: tuple[Path, ...],
    follow_links: bool = False,
    verbose: bool = False,
    progress: TerminalProgress | None = None,
) -> Any:
    """Load the rules and figures; their warnings go to standard error (with `verbose`, the
    files read too)."""
    import targets  # noqa: PLC0415 - start-up time

    programme = targets.load(
        *(paths or (Path("."),)), follow_links_outside=follow_links, progress=progress
    )
    if progress is not None:
        progress.close()
    if verbose:
        say(f"read {len(programme.files)} files: {', '.join(programme.files)}", err=True)
    for warning in programme.warnings:
        say(str(warning), err=True)
    return programme
