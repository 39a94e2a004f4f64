"""``targets explain``: the whole arithmetic behind one verdict, step by step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from targets.cli._complete import complete_target
from targets.cli._echo import say
from targets.cli._inputs import (
    as_of_option,
    follow_links,
    load_programme,
    method_option,
    paths_argument,
)
from targets.cli._options import debug_option, mention_settings
from targets.cli._term import colour_option, terminal_width, use_colour

__all__ = ["explain"]


@click.command()
@click.argument("target", shell_complete=complete_target)
@paths_argument
@as_of_option
@method_option
@follow_links
@colour_option
@debug_option
@click.pass_context
def explain(
    ctx: click.Context,
    *,
    target: str,
    paths: tuple[Path, ...],
    as_of: str | None,
    method: str | None,
    follow_links: bool,
    color: bool | None,
) -> None:
    """Print the whole arithmetic behind TARGET's verdict, step by step.

    Lines are as wide as the terminal (COLUMNS, or 80 when not printing to a terminal)."""
    import targets  # noqa: PLC0415 - start-up time

    mention_settings(ctx)
    colour = use_colour(color)
    try:
        programme = load_programme(paths, follow_links)  # before the judge's imports: see check
        report = targets.check(programme, as_of=as_of, method=method)
        result = report[target]
    except targets.UnknownTargetError as exc:
        raise click.BadParameter(str(exc), param_hint="TARGET") from None
    except targets.CheckError as exc:
        raise click.UsageError(str(exc)) from None

    from targets.render import TEXT_COLOURS, explain_steps  # noqa: PLC0415

    def style(text: str, status: Any) -> str:
        return click.style(text, fg=TEXT_COLOURS[status], bold=True) if colour else text

    say(explain_steps(result, width=terminal_width(), style=style), colour=colour)
